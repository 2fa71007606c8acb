use slaboard::{config::Config, startup::Application};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    _data_dir: TempDir,
    pg_cleanup: Option<(String, String)>,
}

/// A directory removed when the test ends.
struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "slaboard_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_subsec_nanos()
    )
}

/// The PostgreSQL admin URL; the test command always sets it, so a missing
/// one is a failure, never a silent skip.
fn pg_admin_url() -> String {
    std::env::var("SLABOARD_TEST_PG").expect(
        "SLABOARD_TEST_PG is not set: run the tests with scripts/test.sh, or set it to a \
         PostgreSQL admin URL such as postgres://postgres@127.0.0.1:5432/postgres",
    )
}

async fn pg_admin(sql: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&pg_admin_url())
        .await
        .expect("PostgreSQL must be reachable at SLABOARD_TEST_PG");
    sqlx::Executor::execute(&mut conn, sql).await.expect(sql);
}

/// Starts the application with demo data on a fresh database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    let name = unique_name();
    let data_dir = std::env::temp_dir().join(&name);
    let (database_url, pg_cleanup) = match backend {
        Backend::Sqlite => (None, None),
        Backend::Postgres => {
            pg_admin(&format!("CREATE DATABASE {name}")).await;
            let admin = pg_admin_url();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
            (Some(format!("{base}/{name}")), Some((name.clone(), base)))
        }
    };
    let config = Config {
        database_url,
        data_dir: data_dir.clone(),
        listen: "127.0.0.1:0".parse().unwrap(),
        site_root: data_dir.join("site"),
        demo: true,
    };
    let app = Application::build(&config).await.expect("application starts");
    let address = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp { address, client: reqwest::Client::new(), _data_dir: TempDir(data_dir), pg_cleanup }
}

impl TestApp {
    /// POSTs JSON to a server function under `/api/`.
    pub async fn post_json(&self, endpoint: &str, body: serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .json(&body)
            .send()
            .await
            .expect("request is sent")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request is sent")
    }

    /// Drops the per-test PostgreSQL database (a panic before this leaves it
    /// for scripts/test.sh to sweep).
    pub async fn cleanup(self) {
        if let Some((name, _)) = &self.pg_cleanup {
            pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
}

/// Declares one test per backend from an async function taking the backend.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await
            }
        }
    };
}
