//! Live board latency across replicas: two `slaboard` processes on one
//! PostgreSQL database; a lead moves a ticket through replica A 200 times
//! while a subscriber of replica B waits for each move's event. Prints the
//! latency from A's answer to B's event: p50, p99, max.
//!
//! `cargo bench -p slaboard --bench live_latency` (PostgreSQL at
//! `SLABOARD_TEST_PG`, default `postgres://postgres@127.0.0.1:5432/postgres`).
//! Figures go to `bench/RESULTS.md`.

mod common;

use common::{fresh_database, percentile, pg_admin, signed_in, start, subscribe};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const MOVES: usize = 200;

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; a test-mode build (`cargo test
    // --benches`) must not run a minute-long benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (name, url) = fresh_database("slaboard_bench_latency").await;
    let a = start(&url, "127.0.0.1:0");
    let b = start(&url, "127.0.0.1:0");
    let lead_a = signed_in(&a.address, "lead@slaboard.example").await;
    let lead_b = signed_in(&b.address, "lead@slaboard.example").await;
    let mut events = subscribe(&b.address, &lead_b, None).await.expect("B streams");

    let board: Value = lead_a
        .post(format!("{}/api/board", a.address))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let card = board["columns"][0]["cards"][0].clone();
    let id = card["id"].as_i64().unwrap();
    let mut version = card["version"].as_i64().unwrap();

    let mut latencies = Vec::with_capacity(MOVES);
    let mut round_trips = Vec::with_capacity(MOVES);
    let mut before_answer = 0;
    for i in 0..MOVES {
        let to = if i % 2 == 0 { "in_progress" } else { "backlog" };
        let sent = Instant::now();
        let res = lead_a
            .post(format!("{}/api/tickets/move", a.address))
            .json(&json!({"id": id, "to": to, "version": version}))
            .send()
            .await
            .unwrap();
        let answered = Instant::now();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        version = res.json::<Value>().await.unwrap()["version"].as_i64().unwrap();
        let arrived = loop {
            let m = tokio::time::timeout(Duration::from_secs(10), events.recv())
                .await
                .expect("B streams the move within 10 s")
                .expect("B's stream is open");
            if m.event == "ticket" && m.data["ticket_id"] == id && m.data["event"]["kind"] == "moved" {
                break m.arrived;
            }
        };
        if arrived < answered {
            before_answer += 1;
        }
        latencies.push(arrived.saturating_duration_since(answered));
        round_trips.push(arrived.duration_since(sent));
    }
    latencies.sort();
    round_trips.sort();
    println!(
        "live latency A → B over {MOVES} moves (PostgreSQL, two processes): p50 {:.1} ms, p99 {:.1} ms, \
         max {:.1} ms; {before_answer} events reached B before A's answer reached the mover (counted as 0)",
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
    println!(
        "from the mover's request to B's event (the move's whole trip, commit included): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&round_trips, 0.5).as_secs_f64() * 1e3,
        percentile(&round_trips, 0.99).as_secs_f64() * 1e3,
        round_trips.last().unwrap().as_secs_f64() * 1e3,
    );
    drop((a, b));
    pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
}
