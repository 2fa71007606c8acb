//! Durability: a crash (`kill -9`) in the middle of writes loses no
//! acknowledged write and leaves no half-written change; a backup taken
//! while writes go on restores into a database that holds every ticket
//! acknowledged before it began.

use crate::helpers::{
    browser, slaboard_command, spawn_app, spawn_app_on, Backend, TestDatabase, CLIENT, DEMO_PASSWORD,
    OPERATOR,
};
use crate::on_both_backends;
use app::store::Store;
use reqwest::cookie::Jar;
use serde_json::{json, Value};
use sqlx::Row;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The titles of the tickets these tests write start with this.
const TITLE: &str = "Durability";

/// Writes whose answer was 200.
#[derive(Debug, Default, Clone)]
struct Acked {
    /// `(id, key, title)`.
    tickets: Vec<(i64, String, String)>,
    /// `(ticket id, body, internal)`.
    comments: Vec<(i64, String, bool)>,
}

/// The real binary as a child process, so that it can be killed.
struct ServerProcess {
    child: Child,
    address: String,
}

impl ServerProcess {
    /// Starts `slaboard` on `database_url` (with demo data when empty) and
    /// waits until it listens. Its log goes to a file in `dir`.
    fn start(database_url: &str, dir: &Path, name: &str) -> ServerProcess {
        let log = dir.join(format!("{name}.log"));
        let mut child = slaboard_command()
            .arg("--database-url")
            .arg(database_url)
            .arg("--data-dir")
            .arg(dir)
            .arg("--site-root")
            .arg(dir.join("site"))
            .args(["--listen", "127.0.0.1:0", "--demo"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("slaboard starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        // Read the address, then keep draining so the server never blocks
        // on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("SLA Board is running at ") {
                    let _ = tx.send(address.trim().to_string());
                }
            }
        });
        let address = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("{name} did not start: {}", std::fs::read_to_string(&log).unwrap_or_default())
        });
        ServerProcess { child, address }
    }

    /// SIGKILL: no shutdown, no flushing, nothing the process could still do.
    fn kill_9(&mut self) {
        self.child.kill().expect("the server is killed");
        self.child.wait().unwrap();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client signed in as a demo user at `address`.
async fn signed_in(address: &str, email: &str) -> reqwest::Client {
    let client = browser(Arc::new(Jar::default()));
    let res = client
        .post(format!("{address}/api/auth/login"))
        .json(&json!({"email": email, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{email} signs in");
    client
}

/// POSTs and answers the JSON of a 200; `None` when no answer came (the
/// server is gone). Any other status is a failure of the test.
async fn post(client: &reqwest::Client, address: &str, endpoint: &str, body: Value) -> Option<Value> {
    let res = client.post(format!("{address}/api/{endpoint}")).json(&body).send().await.ok()?;
    let status = res.status();
    let text = res.text().await.ok()?;
    assert_eq!(status, 200, "{endpoint}: {text}");
    serde_json::from_str(&text).ok()
}

/// One writer: the client registers a ticket, the operator answers it
/// (public reply and internal note in turn), until `stop` or until the
/// server stops answering. Every acknowledged write goes into `acked`.
async fn write_loop(
    address: String,
    client: reqwest::Client,
    operator: reqwest::Client,
    task: usize,
    acked: Arc<Mutex<Acked>>,
    stop: Arc<AtomicBool>,
) {
    for i in 0.. {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let title = format!("{TITLE} {task}-{i}");
        let body = json!({"title": title, "description": "", "category": "incident", "priority": "normal"});
        let Some(created) = post(&client, &address, "tickets/create", body).await else { return };
        let id = created["id"].as_i64().unwrap();
        acked.lock().unwrap().tickets.push((id, created["key"].as_str().unwrap().to_string(), title));
        for internal in [false, true] {
            let text = format!("{TITLE} comment {task}-{i} internal={internal}");
            let body = json!({"id": id, "body": text, "internal": internal});
            if post(&operator, &address, "tickets/comment", body).await.is_none() {
                return;
            }
            acked.lock().unwrap().comments.push((id, text, internal));
        }
    }
}

/// Starts `writers` write loops; answers their handles.
fn start_writers(
    address: &str,
    client: &reqwest::Client,
    operator: &reqwest::Client,
    writers: usize,
    acked: &Arc<Mutex<Acked>>,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..writers)
        .map(|task| {
            tokio::spawn(write_loop(
                address.to_string(),
                client.clone(),
                operator.clone(),
                task,
                acked.clone(),
                stop.clone(),
            ))
        })
        .collect()
}

/// Waits until at least `n` tickets are acknowledged.
async fn until_acked(acked: &Arc<Mutex<Acked>>, n: usize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while acked.lock().unwrap().tickets.len() < n {
        assert!(tokio::time::Instant::now() < deadline, "the writers made no progress");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Every acknowledged ticket, with its title and its acknowledged comments
/// (internal notes included), as an operator reads it at `address`.
async fn assert_acknowledged_present(address: &str, operator: &reqwest::Client, acked: &Acked) {
    for (id, key, title) in &acked.tickets {
        let page = post(operator, address, "tickets/get", json!({"key": key})).await.expect("an answer");
        assert_eq!(page["ticket"]["id"], *id);
        assert_eq!(page["ticket"]["title"], *title);
        let comments = page["comments"].as_array().unwrap();
        for (_, body, internal) in acked.comments.iter().filter(|c| c.0 == *id) {
            assert!(
                comments.iter().any(|c| c["body"] == *body && c["internal"] == *internal),
                "{key}: the acknowledged comment {body:?} is missing"
            );
        }
    }
}

/// No half-written change among the tickets these tests wrote: each has its
/// `created` event and one version per change, each comment its `commented`
/// event, a first response its event, and its SLA milestones; the event and
/// ticket counters match what was written. Answers the tickets' titles.
async fn assert_whole(store: &Store) -> Vec<String> {
    let pool = &store.pool;
    let tickets = sqlx::query(
        "SELECT id, title, version, first_response_at FROM tickets WHERE title LIKE $1 ORDER BY id",
    )
    .bind(format!("{TITLE} %"))
    .fetch_all(pool)
    .await
    .unwrap();
    let mut comments: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in sqlx::query("SELECT id, ticket_id FROM ticket_comments").fetch_all(pool).await.unwrap() {
        comments.entry(row.get("ticket_id")).or_default().push(row.get("id"));
    }
    let mut events: HashMap<i64, Vec<(String, Value)>> = HashMap::new();
    for row in
        sqlx::query("SELECT ticket_id, kind, payload FROM ticket_events").fetch_all(pool).await.unwrap()
    {
        let payload: String = row.get("payload");
        events
            .entry(row.get("ticket_id"))
            .or_default()
            .push((row.get("kind"), serde_json::from_str(&payload).unwrap()));
    }
    let mut titles = Vec::new();
    for t in &tickets {
        let (id, title): (i64, String) = (t.get("id"), t.get("title"));
        let none = Vec::new();
        let (its_comments, its_events) =
            (comments.get(&id).unwrap_or(&none), events.get(&id).map(Vec::as_slice).unwrap_or(&[]));
        let count = |kind: &str| its_events.iter().filter(|(k, _)| k == kind).count();
        assert_eq!(count("created"), 1, "{title}: {its_events:?}");
        assert_eq!(count("commented"), its_comments.len(), "{title}: {its_events:?}");
        for comment in its_comments {
            assert!(
                its_events.iter().any(|(k, p)| k == "commented" && p["comment_id"] == *comment),
                "{title}: comment {comment} has no event"
            );
        }
        let first_response: Option<i64> = t.get("first_response_at");
        assert_eq!(count("first_response"), usize::from(first_response.is_some()), "{title}");
        let version: i64 = t.get("version");
        assert_eq!(version, 1 + its_comments.len() as i64, "{title}: one version per change");
        let milestones: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_sla WHERE ticket_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
        assert!(milestones > 0, "{title} has no SLA milestones");
        titles.push(title);
    }
    let (counter, max, count): (i64, Option<i64>, i64) = sqlx::query_as(
        "SELECT (SELECT value FROM counters WHERE name = 'event'), MAX(seq), COUNT(*) FROM ticket_events",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!((Some(counter), count), (max, counter), "the event counter is the last number, without gaps");
    let (counter, max): (i64, Option<i64>) =
        sqlx::query_as("SELECT (SELECT value FROM counters WHERE name = 'ticket'), MAX(number) FROM tickets")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(Some(counter), max, "the ticket counter is the last number");
    titles
}

async fn a_kill_9_during_writes_loses_no_acknowledged_write_and_leaves_none_half_done(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    let mut server = ServerProcess::start(&db.url, &db.dir, "first");
    let client = signed_in(&server.address, CLIENT).await;
    let operator = signed_in(&server.address, OPERATOR).await;
    let acked = Arc::new(Mutex::new(Acked::default()));
    let stop = Arc::new(AtomicBool::new(false));

    let writers = start_writers(&server.address, &client, &operator, 4, &acked, &stop);
    until_acked(&acked, 40).await;
    server.kill_9();
    for writer in writers {
        writer.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    eprintln!(
        "killed after {} tickets and {} comments acknowledged",
        acked.tickets.len(),
        acked.comments.len()
    );
    let restarted = ServerProcess::start(&db.url, &db.dir, "restarted");

    // The sessions are in the database: the same cookies work after the crash.
    assert_acknowledged_present(&restarted.address, &operator, &acked).await;
    let store = Store::open(&db.url).await.unwrap();
    let titles = assert_whole(&store).await;
    assert!(
        titles.len() >= acked.tickets.len(),
        "{} stored, {} acknowledged",
        titles.len(),
        acked.tickets.len()
    );
    store.pool.close().await;
    drop(restarted);
    db.cleanup().await;
}
on_both_backends!(a_kill_9_during_writes_loses_no_acknowledged_write_and_leaves_none_half_done);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_every_ticket_acknowledged_before_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = signed_in(&app.address, CLIENT).await;
    let operator = signed_in(&app.address, OPERATOR).await;
    let acked = Arc::new(Mutex::new(Acked::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let backup_dir = TestDatabase::new(Backend::Sqlite).await;
    let backup = backup_dir.dir.join("copy.db");
    let run = |args: Vec<String>| tokio::task::spawn_blocking(move || slaboard_command().args(args).output());
    let backup_args = vec![
        "--database-url".to_string(),
        app.database_url.clone(),
        "backup".into(),
        "--to".into(),
        backup.display().to_string(),
    ];

    let writers = start_writers(&app.address, &client, &operator, 2, &acked, &stop);
    until_acked(&acked, 5).await;
    let before = acked.lock().unwrap().clone();
    let out = run(backup_args.clone()).await.unwrap().unwrap();
    let after = acked.lock().unwrap().tickets.len();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }

    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with("backed up ") && said.contains(" tickets) to "), "{said}");
    eprintln!("backup: {} tickets acknowledged before it, {after} when it ended", before.tickets.len());
    // A second backup to the same name is refused and leaves the first alone.
    let first = std::fs::read(&backup).unwrap();
    let again = run(backup_args).await.unwrap().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    assert_eq!(std::fs::read(&backup).unwrap(), first);

    let restore_to = TestDatabase::new(Backend::Sqlite).await;
    let data_dir = restore_to.dir.join("data");
    let restore = |from: &Path| {
        vec![
            "--data-dir".to_string(),
            data_dir.display().to_string(),
            "restore".into(),
            "--from".into(),
            from.display().to_string(),
        ]
    };
    // What is not one of our databases is refused, and nothing is written.
    let junk = restore_to.dir.join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let refused = run(restore(&junk)).await.unwrap().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a backup of SLA Board"));
    assert!(!data_dir.join("slaboard.db").exists());
    let restored = run(restore(&backup)).await.unwrap().unwrap();
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    let restored_app = spawn_app_on(&format!("sqlite://{}", data_dir.join("slaboard.db").display())).await;

    let integrity: String =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&restored_app.store.pool).await.unwrap();
    assert_eq!(integrity, "ok");
    let operator = signed_in(&restored_app.address, OPERATOR).await;
    assert_acknowledged_present(&restored_app.address, &operator, &before).await;
    let titles = assert_whole(&restored_app.store).await;
    let source = assert_whole(&app.store).await;
    assert!(titles.len() >= before.tickets.len());
    assert!(titles.iter().all(|t| source.contains(t)), "the backup holds only what the source held");
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_backup_and_restore_point_to_pg_dump() {
    let app = spawn_app(Backend::Postgres).await;
    let file = std::env::temp_dir().join(format!("slaboard-pg-backup-{}.db", std::process::id()));

    for args in [["backup", "--to"], ["restore", "--from"]] {
        let out = app.slaboard(&[args[0], args[1], &file.display().to_string()]);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("work on SQLite only") && err.contains("pg_dump"), "{err}");
    }
    assert!(!file.exists(), "nothing is written");
    app.cleanup().await;
}
