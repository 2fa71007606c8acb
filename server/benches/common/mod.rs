//! What the live benchmarks share: real `slaboard` processes on a fresh
//! PostgreSQL database, signed-in clients, and an SSE reader.

#![allow(dead_code)]

use futures_util::StreamExt;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;
use tokio::sync::mpsc;

pub fn pg_admin_url() -> String {
    std::env::var("SLABOARD_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub async fn pg_admin(sql: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&pg_admin_url()).await.expect("PostgreSQL answers");
    sqlx::query(sql).execute(&mut conn).await.unwrap();
}

/// A fresh database; returns its name and URL.
pub async fn fresh_database(prefix: &str) -> (String, String) {
    let name = format!("{prefix}_{}", std::process::id());
    pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    pg_admin(&format!("CREATE DATABASE {name}")).await;
    let base = pg_admin_url();
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    (name, url)
}

pub struct Server {
    pub child: Child,
    pub address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `slaboard` (demo data when the database is empty) on `listen`
/// and waits until it listens.
pub fn start(database_url: &str, listen: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slaboard"))
        .args(["--demo", "--listen", listen, "--site-root", "/nonexistent", "--database-url", database_url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("slaboard starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("slaboard says where it listens").unwrap();
        if let Some(at) = line.split("running at ").nth(1) {
            break at.trim().to_string();
        }
    };
    // Keep reading: a closed pipe would fail the server's later output.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, address }
}

pub async fn signed_in(address: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let res = client
        .post(format!("{address}/api/auth/login"))
        .json(&json!({"email": email, "password": app::auth::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{email} signs in");
    client
}

/// One message of the stream.
#[derive(Debug, Clone)]
pub struct Message {
    pub event: String,
    pub id: Option<i64>,
    pub data: Value,
    pub arrived: Instant,
}

/// Reads the stream at `address` (resuming after `last_event_id`) into a
/// channel until it ends; the channel closes then.
pub async fn subscribe(
    address: &str,
    client: &reqwest::Client,
    last_event_id: Option<i64>,
) -> Result<mpsc::UnboundedReceiver<Message>, String> {
    let mut req = client.get(format!("{address}/api/events"));
    if let Some(id) = last_event_id {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let res = req.send().await.map_err(|e| e.to_string())?;
    if res.status() != 200 {
        return Err(format!("status {}", res.status()));
    }
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut body = res.bytes_stream();
        let mut buffer = String::new();
        while let Some(Ok(chunk)) = body.next().await {
            let arrived = Instant::now();
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let frame: String = buffer.drain(..end + 2).collect();
                let (mut event, mut id, mut data) = (String::new(), None, String::new());
                for line in frame.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if event.is_empty() {
                    continue;
                }
                let data = serde_json::from_str(&data).unwrap_or(Value::Null);
                if tx.send(Message { event, id, data, arrived }).is_err() {
                    return;
                }
            }
        }
    });
    Ok(rx)
}

pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}
