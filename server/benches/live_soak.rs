//! Live board soak: 50 clients move and edit the same 20 tickets for 30 s
//! through two `slaboard` replicas on one PostgreSQL database, while one
//! subscriber per replica follows the stream; with `--kill`, replica A is
//! killed with SIGKILL half-way and restarted 2 s later.
//!
//! It then checks, and fails loudly otherwise:
//! - no answer was a 5xx; conflicting writes got 409;
//! - every acknowledged write is in the log exactly once: per ticket, the
//!   acknowledged versions are distinct, and the ticket's change events
//!   number exactly its version count (writes cut off by the kill may have
//!   committed unacknowledged; none may be missing or doubled);
//! - each subscriber received every event of the log after its start
//!   exactly once and in order, across its reconnections.
//!
//! `cargo bench -p slaboard --bench live_soak [-- --kill]`; figures go to
//! `bench/RESULTS.md`.

mod common;

use common::{fresh_database, pg_admin, signed_in, start, subscribe, Server};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const TICKETS: usize = 20;
const DURATION: Duration = Duration::from_secs(30);

#[derive(Default)]
struct Tally {
    acked: AtomicU64,
    stale: AtomicU64,
    refused: AtomicU64,
    server_errors: AtomicU64,
    unreachable: AtomicU64,
    /// (ticket, version) of every acknowledged write.
    versions: Mutex<Vec<(i64, i64)>>,
}

/// What a subscriber saw: where its stream started, the sequence numbers
/// received, its reconnections and resyncs.
struct Followed {
    from: i64,
    seqs: Vec<i64>,
    reconnects: usize,
    resyncs: usize,
}

/// Follows a replica's stream for the whole run, reconnecting with
/// `Last-Event-ID` whenever it drops.
async fn follow(address: String, stop: Arc<AtomicBool>) -> Followed {
    let agent = loop {
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        let ok = client
            .post(format!("{address}/api/auth/login"))
            .json(&json!({"email": "operator@slaboard.example", "password": app::auth::DEMO_PASSWORD}))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if ok {
            break client;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let (mut seqs, mut last, mut reconnects, mut resyncs) = (Vec::new(), None::<i64>, 0, 0);
    let mut from = None;
    let mut first = true;
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut rx) = subscribe(&address, &agent, last).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        if !first {
            reconnects += 1;
        }
        first = false;
        loop {
            let m = tokio::select! {
                m = rx.recv() => m,
                _ = tokio::time::sleep(Duration::from_millis(500)) => {
                    if stop.load(Ordering::SeqCst) {
                        return Followed { from: from.unwrap_or(0), seqs, reconnects, resyncs };
                    }
                    continue;
                }
            };
            let Some(m) = m else { break };
            match m.event.as_str() {
                "ticket" => {
                    let seq = m.id.expect("events carry their number");
                    seqs.push(seq);
                    last = Some(seq);
                }
                "resync" => {
                    resyncs += 1;
                    last = m.id;
                }
                _ => {
                    if last.is_none() {
                        last = m.id;
                        from = m.id;
                    }
                }
            }
        }
    }
    Followed { from: from.unwrap_or(0), seqs, reconnects, resyncs }
}

async fn writer(
    n: usize,
    addresses: Vec<String>,
    tickets: Arc<Vec<i64>>,
    tally: Arc<Tally>,
    deadline: Instant,
) {
    let address = &addresses[n % 2];
    let mut lead = None;
    let mut rng = n as u64 * 7919 + 17;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    while Instant::now() < deadline {
        let client = match &lead {
            Some(c) => c,
            None => {
                let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
                let res = c
                    .post(format!("{address}/api/auth/login"))
                    .json(&json!({"email": "lead@slaboard.example", "password": app::auth::DEMO_PASSWORD}))
                    .send()
                    .await;
                if !res.is_ok_and(|r| r.status() == 200) {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                lead.insert(c)
            }
        };
        let id = tickets[(next() % tickets.len() as u64) as usize];
        let card =
            match client.post(format!("{address}/api/board/card")).json(&json!({"id": id})).send().await {
                Ok(r) if r.status() == 200 => r.json::<Value>().await.unwrap(),
                Ok(r) if r.status().is_server_error() => {
                    tally.server_errors.fetch_add(1, Ordering::SeqCst);
                    continue;
                }
                Ok(_) => continue,
                Err(_) => {
                    tally.unreachable.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
        let version = card["version"].as_i64().unwrap();
        let (endpoint, body) = if next() % 2 == 0 {
            let to = if card["status"] == "backlog" { "in_progress" } else { "backlog" };
            ("tickets/move", json!({"id": id, "to": to, "version": version}))
        } else {
            let priorities = ["critical", "high", "normal", "low"];
            let now = card["priority"].as_str().unwrap();
            let to = priorities.iter().filter(|p| **p != now).nth((next() % 3) as usize).unwrap();
            (
                "tickets/edit",
                json!({"id": id, "version": version, "edit": {"field": "priority", "value": to}}),
            )
        };
        match client.post(format!("{address}/api/{endpoint}")).json(&body).send().await {
            Ok(r) if r.status() == 200 => {
                let v = r.json::<Value>().await.unwrap()["version"].as_i64().unwrap();
                tally.acked.fetch_add(1, Ordering::SeqCst);
                tally.versions.lock().unwrap().push((id, v));
            }
            Ok(r) if r.status() == 409 => {
                tally.stale.fetch_add(1, Ordering::SeqCst);
            }
            Ok(r) if r.status().is_server_error() => {
                tally.server_errors.fetch_add(1, Ordering::SeqCst);
                eprintln!("{endpoint} {body}: {} {}", r.status(), r.text().await.unwrap_or_default());
            }
            Ok(_) => {
                tally.refused.fetch_add(1, Ordering::SeqCst);
            }
            Err(_) => {
                tally.unreachable.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::main]
async fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let kill = std::env::args().any(|a| a == "--kill");
    let (name, url) = fresh_database("slaboard_bench_soak").await;
    let (port_a, port_b) = (free_port(), free_port());
    let listen_a = format!("127.0.0.1:{port_a}");
    let mut a: Option<Server> = Some(start(&url, &listen_a));
    let b = start(&url, &format!("127.0.0.1:{port_b}"));
    let addresses = vec![a.as_ref().unwrap().address.clone(), b.address.clone()];

    // Twenty fresh tickets in Backlog, registered by a client.
    let client = signed_in(&addresses[0], "client@technomarket.example").await;
    let mut tickets = Vec::new();
    for i in 0..TICKETS {
        let res: Value = client
            .post(format!("{}/api/tickets/create", addresses[0]))
            .json(&json!({"title": format!("Нагрузка {i}"), "category": "incident", "priority": "normal"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tickets.push(res["id"].as_i64().expect("the ticket is registered"));
    }
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let start_seq: i64 =
        sqlx::query_scalar("SELECT value FROM counters WHERE name = 'event'").fetch_one(&pool).await.unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let followers: Vec<_> = addresses.iter().map(|a| tokio::spawn(follow(a.clone(), stop.clone()))).collect();
    tokio::time::sleep(Duration::from_millis(500)).await;

    let tally = Arc::new(Tally::default());
    let tickets = Arc::new(tickets);
    let started = Instant::now();
    let deadline = started + DURATION;
    let writers: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(writer(n, addresses.clone(), tickets.clone(), tally.clone(), deadline)))
        .collect();
    if kill {
        tokio::time::sleep(DURATION / 2).await;
        if let Some(mut server) = a.take() {
            server.child.kill().unwrap(); // SIGKILL
            server.child.wait().unwrap();
            println!("killed replica A (SIGKILL) at {:?}", started.elapsed());
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        a = Some(start(&url, &listen_a));
        println!("restarted replica A at {:?}", started.elapsed());
    }
    for w in writers {
        w.await.unwrap();
    }
    // Let the streams drain (the slow poll is 2 s), then stop following.
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, Ordering::SeqCst);
    let mut streams = Vec::new();
    for f in followers {
        streams.push(f.await.unwrap());
    }

    // The log after the start, and each ticket's final version.
    let log: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT seq, ticket_id, kind FROM ticket_events WHERE seq > $1 ORDER BY seq")
            .bind(start_seq)
            .fetch_all(&pool)
            .await
            .unwrap();
    let seqs: Vec<i64> = log.iter().map(|e| e.0).collect();
    let mut failures = Vec::new();
    let expected: Vec<i64> = (start_seq + 1..=start_seq + seqs.len() as i64).collect();
    if seqs != expected {
        failures.push("the log has gaps".to_string());
    }
    let versions = tally.versions.lock().unwrap().clone();
    let mut seen = HashSet::new();
    for v in &versions {
        if !seen.insert(*v) {
            failures.push(format!("ticket {} version {} acknowledged twice", v.0, v.1));
        }
    }
    let ours: HashSet<i64> = tickets.iter().copied().collect();
    let mut changes: HashMap<i64, i64> = HashMap::new();
    for (_, ticket, kind) in &log {
        if ours.contains(ticket) && (kind == "moved" || kind == "edited") {
            *changes.entry(*ticket).or_default() += 1;
        }
    }
    let mut committed_unacked = 0;
    for &id in tickets.iter() {
        let version: i64 = sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        let acked: Vec<i64> = versions.iter().filter(|v| v.0 == id).map(|v| v.1).collect();
        let logged = changes.get(&id).copied().unwrap_or(0);
        // Created at version 1; each committed change adds one.
        if logged != version - 1 {
            failures.push(format!("ticket {id}: version {version} but {logged} change events"));
        }
        if let Some(v) = acked.iter().find(|v| **v > version) {
            failures.push(format!("ticket {id}: acknowledged version {v} lost (now {version})"));
        }
        committed_unacked += logged - acked.len() as i64;
    }
    for (i, followed) in streams.iter().enumerate() {
        let replica = ["A", "B"][i];
        let Followed { from, seqs: got, reconnects, resyncs } = followed;
        // The watcher's sla_* events may precede the subscription: compare
        // from where each stream began.
        let wanted: Vec<i64> = seqs.iter().copied().filter(|s| s > from).collect();
        if *resyncs == 0 && got != &wanted {
            let missing = wanted.iter().filter(|s| !got.contains(s)).count();
            let dup = got.len() - got.iter().collect::<HashSet<_>>().len();
            failures.push(format!(
                "subscriber of {replica}: {} events received, {} in the log, {missing} missing, {dup} doubled",
                got.len(),
                wanted.len()
            ));
        }
        if *resyncs > 0 {
            failures.push(format!("subscriber of {replica} had to resync {resyncs} time(s)"));
        }
        println!(
            "subscriber of replica {replica}: {} events, {reconnects} reconnection(s), {resyncs} resync(s)",
            got.len()
        );
    }
    if tally.server_errors.load(Ordering::SeqCst) > 0 {
        failures.push(format!("{} answers were 5xx", tally.server_errors.load(Ordering::SeqCst)));
    }
    println!(
        "soak {CLIENTS} clients × {TICKETS} tickets × {DURATION:?}{}: {} writes acknowledged ({:.0}/s), {} stale (409), \
         {} refused (4xx), {} unreachable, {} 5xx; {} events in the log; {committed_unacked} committed but unacknowledged",
        if kill { " with replica A killed half-way" } else { "" },
        tally.acked.load(Ordering::SeqCst),
        tally.acked.load(Ordering::SeqCst) as f64 / DURATION.as_secs_f64(),
        tally.stale.load(Ordering::SeqCst),
        tally.refused.load(Ordering::SeqCst),
        tally.unreachable.load(Ordering::SeqCst),
        tally.server_errors.load(Ordering::SeqCst),
        seqs.len(),
    );
    drop((a, b));
    pool.close().await;
    pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    if !failures.is_empty() {
        eprintln!("FAILED:\n{}", failures.join("\n"));
        std::process::exit(1);
    }
    println!("every acknowledged write is in the log once; every subscriber got every event once, in order");
}
