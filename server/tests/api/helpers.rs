use app::store::Store;
use reqwest::cookie::{CookieStore, Jar};
use serde_json::{json, Value};
use slaboard::{accounts::AdminSetup, config::Config, startup::Application};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The demo accounts (all share `app::auth::DEMO_PASSWORD`).
pub const ADMIN: &str = "admin@slaboard.example";
pub const LEAD: &str = "lead@slaboard.example";
pub const CONSULTANT: &str = "consultant@slaboard.example";
pub const OPERATOR: &str = "operator@slaboard.example";
pub const CLIENT: &str = "client@technomarket.example";
pub const CLIENT_ORG: &str = "ООО «Техномаркет Ритейл»";
pub const DEMO_PASSWORD: &str = app::auth::DEMO_PASSWORD;
/// The session cookie's name without `--secure-cookies`.
pub const SESSION_COOKIE: &str = "slaboard_session";

pub struct TestApp {
    pub address: String,
    /// A browser-like client: keeps cookies, does not follow redirects.
    pub client: reqwest::Client,
    /// The cookies of `client`.
    pub jar: Arc<Jar>,
    pub store: Store,
    pub database_url: String,
    pub admin: AdminSetup,
    /// The server's data directory (attachments live in `attachments/`).
    pub data_dir: PathBuf,
    /// The attachment storage the server uses.
    pub files: app::files::Files,
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

/// The `slaboard` binary, with none of the variables that would change
/// what a test asks of it.
pub fn slaboard_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_slaboard"));
    for var in [
        "DATABASE_URL",
        "SLABOARD_DATA_DIR",
        "SLABOARD_DEMO",
        "SLABOARD_PASSWORD",
        "SLABOARD_ADMIN_EMAIL",
        "SLABOARD_ADMIN_PASSWORD",
        "SLABOARD_LISTEN",
    ] {
        command.env_remove(var);
    }
    command
}

/// A client that keeps its cookies in `jar` and, like a test should, shows
/// redirects instead of following them.
pub fn browser(jar: Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client builds")
}

/// Starts the application with demo data on a fresh database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Starts the application on a fresh database with demo data, after
/// `configure` has had its say on the configuration.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
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
    let mut config = test_config(database_url, &data_dir);
    configure(&mut config);
    start(config, data_dir, pg_cleanup).await
}

/// Starts the application on the database at `database_url` (demo data
/// only if it is empty); the caller owns and cleans up the database.
pub async fn spawn_app_on(database_url: &str) -> TestApp {
    spawn_app_on_with(database_url, |_| {}).await
}

/// [`spawn_app_on`], after `configure` has had its say.
pub async fn spawn_app_on_with(database_url: &str, configure: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = std::env::temp_dir().join(unique_name());
    let mut config = test_config(Some(database_url.to_string()), &data_dir);
    configure(&mut config);
    start(config, data_dir, None).await
}

/// The tests' configuration: a random port, demo data, files in `data_dir`.
fn test_config(database_url: Option<String>, data_dir: &std::path::Path) -> Config {
    Config {
        database_url,
        data_dir: data_dir.to_path_buf(),
        listen: "127.0.0.1:0".parse().unwrap(),
        site_root: data_dir.join("site"),
        demo: true,
        secure_cookies: false,
        session_idle_minutes: 480,
        wip_limits: Default::default(),
        client_ip_header: None,
        admin_email: None,
        admin_password: None,
        attachment_max_mb: 20,
        attachment_storage: slaboard::config::StorageKind::Local,
        s3: Default::default(),
        live_recheck_seconds: 30,
        mail_in: Default::default(),
        smtp_url: None,
        mail_from: "SLA Board <support@desk.test>".into(),
        public_url: Some("https://desk.test".into()),
        mail_language: app::i18n::Locale::Ru,
        mail_retry_seconds: 30,
    }
}

/// Builds and serves the application until the test ends.
async fn start(config: Config, data_dir: PathBuf, pg_cleanup: Option<(String, String)>) -> TestApp {
    let app = Application::build(&config).await.expect("application starts");
    let address = format!("http://{}", app.local_addr());
    let (store, admin, files) = (app.store.clone(), app.admin.clone(), app.files.clone());
    tokio::spawn(app.run_until(std::future::pending()));
    let jar = Arc::new(Jar::default());
    TestApp {
        address,
        client: browser(jar.clone()),
        jar,
        store,
        database_url: config.database_url(),
        admin,
        data_dir: data_dir.clone(),
        files,
        _data_dir: TempDir(data_dir),
        pg_cleanup,
    }
}

/// An empty database of a test's own, not yet migrated: a SQLite file in a
/// temporary directory, or a PostgreSQL database.
pub struct TestDatabase {
    pub url: String,
    /// A temporary directory for the test's files (the SQLite file is in it).
    pub dir: PathBuf,
    _dir: TempDir,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> TestDatabase {
        let name = unique_name();
        let dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        let (url, pg_name) = match backend {
            Backend::Sqlite => (format!("sqlite://{}", dir.join("slaboard.db").display()), None),
            Backend::Postgres => {
                pg_admin(&format!("CREATE DATABASE {name}")).await;
                let admin = pg_admin_url();
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
                (format!("{base}/{name}"), Some(name))
            }
        };
        TestDatabase { url, dir: dir.clone(), _dir: TempDir(dir), pg_name }
    }

    /// Drops the PostgreSQL database (the directory goes with `self`).
    pub async fn cleanup(self) {
        if let Some(name) = &self.pg_name {
            pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
}

impl TestApp {
    /// A second server on this app's database, as another replica behind
    /// a load balancer would be: its own process state (sessions in the
    /// database, its own live follower), the same data.
    pub async fn spawn_replica(&self) -> TestApp {
        spawn_app_on(&self.database_url).await
    }

    /// POSTs JSON to a server function under `/api/` with `client`'s cookies.
    pub async fn post_json(&self, endpoint: &str, body: Value) -> reqwest::Response {
        self.post_json_with(&self.client, endpoint, body).await
    }

    pub async fn post_json_with(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: Value,
    ) -> reqwest::Response {
        client
            .post(format!("{}/api/{endpoint}", self.address))
            .json(&body)
            .send()
            .await
            .expect("request is sent")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request is sent")
    }

    /// Tries to sign in `client`.
    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.post_json_with(client, "auth/login", json!({"email": email, "password": password})).await
    }

    /// Signs the shared `client` in as a demo user.
    pub async fn sign_in(&self, email: &str) {
        let res = self.login_with(&self.client, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "{email} cannot sign in: {}", res.text().await.unwrap());
    }

    /// A new client with its own cookies, signed in as a demo user.
    pub async fn signed_in_client(&self, email: &str) -> (reqwest::Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        let client = browser(jar.clone());
        let res = self.login_with(&client, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "{email} cannot sign in: {}", res.text().await.unwrap());
        (client, jar)
    }

    /// The value of the session cookie in `jar`, if any.
    pub fn session_cookie(&self, jar: &Jar) -> Option<String> {
        let url = self.address.parse().unwrap();
        let header = jar.cookies(&url)?;
        header
            .to_str()
            .unwrap()
            .split("; ")
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == SESSION_COOKIE)
            .map(|(_, v)| v.to_string())
    }

    /// POSTs to a server function with exactly this session cookie and no jar.
    pub async fn post_with_cookie(&self, endpoint: &str, cookie: &str, body: Value) -> reqwest::Response {
        reqwest::Client::new()
            .post(format!("{}/api/{endpoint}", self.address))
            .header(reqwest::header::COOKIE, format!("{SESSION_COOKIE}={cookie}"))
            .json(&body)
            .send()
            .await
            .expect("request is sent")
    }

    /// Runs the `slaboard` binary against this app's database.
    pub fn slaboard(&self, args: &[&str]) -> std::process::Output {
        self.slaboard_with_stdin(args, "")
    }

    /// Runs the `slaboard` binary against this app's database, with `input`
    /// on its standard input.
    pub fn slaboard_with_stdin(&self, args: &[&str], input: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = slaboard_command()
            .arg("--database-url")
            .arg(&self.database_url)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("slaboard runs");
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
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
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await
            }
        }
    };
}

/// One row of the event log as a test reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub seq: i64,
    pub actor_id: Option<i64>,
    pub kind: String,
    pub payload: Value,
    pub visibility: String,
}

impl TestApp {
    /// The events of people's changes of ticket `id`, in sequence order:
    /// the server's SLA watcher may append `sla_*` events at any moment (the
    /// demo has overdue tickets), so those are left out; see `sla_events_of`.
    pub async fn events_of(&self, id: i64) -> Vec<EventRow> {
        self.events_where(id, "kind NOT LIKE 'sla_%'").await
    }

    /// The SLA watcher's events of ticket `id`, in sequence order.
    pub async fn sla_events_of(&self, id: i64) -> Vec<EventRow> {
        self.events_where(id, "kind LIKE 'sla_%'").await
    }

    async fn events_where(&self, id: i64, filter: &str) -> Vec<EventRow> {
        let rows: Vec<(i64, Option<i64>, String, String, String)> = sqlx::query_as(&format!(
            "SELECT seq, actor_id, kind, payload, visibility FROM ticket_events
             WHERE ticket_id = $1 AND {filter} ORDER BY seq"
        ))
        .bind(id)
        .fetch_all(&self.store.pool)
        .await
        .unwrap();
        rows.into_iter()
            .map(|(seq, actor_id, kind, payload, visibility)| EventRow {
                seq,
                actor_id,
                kind,
                payload: serde_json::from_str(&payload).unwrap(),
                visibility,
            })
            .collect()
    }

    /// How many events of people's changes the log holds. The server's own
    /// SLA watcher may append `sla_*` events at any moment (the demo has
    /// overdue tickets), so those are left out.
    pub async fn change_events(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM ticket_events WHERE kind NOT LIKE 'sla_%'")
            .fetch_one(&self.store.pool)
            .await
            .unwrap()
    }

    /// The last sequence number handed out.
    pub async fn last_seq(&self) -> i64 {
        sqlx::query_scalar("SELECT value FROM counters WHERE name = 'event'")
            .fetch_one(&self.store.pool)
            .await
            .unwrap()
    }

    /// The id of the user with `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.store.pool)
            .await
            .unwrap()
    }
}

/// The API's JSON error body of `res` (`{"error": …, "code": …, "message": …}`),
/// which must be served as JSON.
pub async fn error_of(res: reqwest::Response) -> Value {
    let content_type = res.headers().get(reqwest::header::CONTENT_TYPE).cloned();
    let body = res.text().await.unwrap();
    assert_eq!(
        content_type.as_ref().and_then(|c| c.to_str().ok()),
        Some("application/json"),
        "an error body is JSON: {body}"
    );
    let error: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("not a JSON error: {body}"));
    assert!(error["error"].is_string() && error["message"].is_string(), "{body}");
    error
}

/// `tickets/get` of `key` as `who`, which must answer 200.
pub async fn ticket_page(app: &TestApp, who: &reqwest::Client, key: &str) -> Value {
    let res = app.post_json_with(who, "tickets/get", json!({ "key": key })).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// A ticket page's id and version, what every change names.
pub fn id_version(t: &Value) -> (i64, i64) {
    (t["ticket"]["id"].as_i64().unwrap(), t["ticket"]["version"].as_i64().unwrap())
}
