//! Stored SLA milestones: every change stores each clock's phase, deadline
//! and at-risk instant, and the watcher notes passed ones as events exactly
//! once, however many replicas run it.

use crate::helpers::{spawn_app, Backend, TestApp, CLIENT, CONSULTANT};
use crate::on_both_backends;
use serde_json::{json, Value};

type Milestone = (String, String, Option<i64>, Option<i64>);

async fn milestones(app: &TestApp, id: i64) -> Vec<Milestone> {
    sqlx::query_as(
        "SELECT clock, phase, due_at, at_risk_at FROM ticket_sla WHERE ticket_id = $1 ORDER BY clock",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap()
}

async fn create(app: &TestApp, client: &reqwest::Client, title: &str) -> Value {
    let body = json!({"title": title, "category": "incident", "priority": "high"});
    let res = app.post_json_with(client, "tickets/create", body).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn page(app: &TestApp, client: &reqwest::Client, key: &str) -> Value {
    let res = app.post_json_with(client, "tickets/get", json!({"key": key})).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn unix(v: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap().timestamp()
}

/// ТОВ «Смарт Трейд» (Smart Systems policy): an incident has a reaction
/// and a resolution target.
const SMART_CLIENT: &str = "client@smarttrade.example";

async fn a_change_stores_the_milestones_the_page_shows(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(SMART_CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let created = create(&app, &client, "Касса зависает при оплате картой").await;
    let (id, key) = (created["id"].as_i64().unwrap(), created["key"].as_str().unwrap().to_string());

    let stored = milestones(&app, id).await;
    let t = page(&app, &consultant, &key).await;
    let countdown = &t["sla"]["countdown"];
    assert_eq!(countdown["kind"], "reaction");
    let reaction = stored.iter().find(|m| m.0 == "reaction").expect("a reaction milestone");
    assert_eq!(reaction.1, "running");
    assert_eq!(reaction.2, Some(unix(&countdown["due"])), "the deadline the page counts down to");
    let at_risk = reaction.3.expect("an at-risk instant");
    assert!(at_risk < reaction.2.unwrap());

    // Waiting: the question that starts it is the reaction (issue 17); the
    // resolution, with budget left, has no deadline until the wait ends.
    let version = t["ticket"]["version"].as_i64().unwrap();
    let edit = json!({"field": "waiting", "value": "client_info"});
    let wait = json!({"id": id, "version": version, "edit": edit, "message": "Какая версия кассы?"});
    assert_eq!(app.post_json_with(&consultant, "tickets/edit", wait).await.status(), 200);
    let clock = |all: Vec<Milestone>, kind: &str| all.into_iter().find(|m| m.0 == kind).unwrap();
    let reaction = clock(milestones(&app, id).await, "reaction");
    assert_eq!((reaction.1.as_str(), reaction.3), ("met", None));
    let resolution = clock(milestones(&app, id).await, "resolution");
    assert_eq!((resolution.1.as_str(), resolution.2, resolution.3), ("paused", None, None));

    // The client's answer ends the wait: the resolution runs again.
    let reply = json!({"id": id, "body": "Версия кассы 5.2.1"});
    assert_eq!(app.post_json_with(&client, "tickets/comment", reply).await.status(), 200);
    let resolution = clock(milestones(&app, id).await, "resolution");
    assert_eq!(resolution.1, "running");
    assert!(resolution.2.is_some(), "a deadline again");
    assert_eq!(clock(milestones(&app, id).await, "reaction").1, "met");
    app.cleanup().await;
}
on_both_backends!(a_change_stores_the_milestones_the_page_shows);

async fn passed_milestones_become_events_exactly_once_across_replicas(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let created = create(&app, &client, "Не проходит оплата СБП").await;
    let (id, key) = (created["id"].as_i64().unwrap(), created["key"].as_str().unwrap().to_string());
    let kinds = |events: Vec<crate::helpers::EventRow>| {
        events
            .into_iter()
            .filter(|e| e.kind.starts_with("sla_"))
            .map(|e| (e.kind, e.payload))
            .collect::<Vec<_>>()
    };
    assert!(kinds(app.events_of(id).await).is_empty(), "nothing has passed yet");

    // Far in the future every deadline has passed. Four "replicas" (each
    // its own connection pool on the same database) note at once.
    let far = chrono::Utc::now() + chrono::Duration::days(90);
    let mut replicas = Vec::new();
    for _ in 0..4 {
        let store = app::store::Store::connect(&app.database_url).await.unwrap();
        replicas.push(tokio::spawn(async move {
            app::service::sla::note_passed_milestones(&store, far).await.unwrap()
        }));
    }
    for r in replicas {
        r.await.unwrap();
    }
    let sla = kinds(app.sla_events_of(id).await);
    let names: Vec<(String, String)> =
        sla.iter().map(|(k, p)| (k.clone(), p["clock"].as_str().unwrap().to_string())).collect();
    // What was stored, in the order the instants pass.
    let mut expected: Vec<(i64, String, String)> = Vec::new();
    for (clock, _, due, at_risk) in milestones(&app, id).await {
        expected.extend(at_risk.map(|t| (t, "sla_at_risk".to_string(), clock.clone())));
        expected.extend(due.map(|t| (t, "sla_breached".to_string(), clock.clone())));
    }
    expected.sort();
    let expected: Vec<(String, String)> = expected.into_iter().map(|(_, k, c)| (k, c)).collect();
    // Every running clock has an at-risk instant and a deadline.
    assert!(expected.len() >= 2 && expected.len().is_multiple_of(2), "{expected:?}");
    assert_eq!(names, expected, "each passed milestone once, in the order they passed");
    let due = milestones(&app, id).await.into_iter().find(|m| m.0 == "reaction").unwrap().2.unwrap();
    let breach = sla.iter().find(|(k, p)| k == "sla_breached" && p["clock"] == "reaction").unwrap();
    assert_eq!(unix(&breach.1["due"]), due, "the event names the deadline it passed");

    // Running again notes nothing more for this ticket.
    app::service::sla::note_passed_milestones(&app.store, far).await.unwrap();
    assert_eq!(kinds(app.sla_events_of(id).await).len(), sla.len());

    // Both sides watch the SLA: the client's history has the breach.
    let fields: Vec<String> = page(&app, &client, &key).await["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["field"].as_str().unwrap().to_string())
        .collect();
    assert!(fields.contains(&"sla_breached".to_string()), "{fields:?}");
    app.cleanup().await;
}
on_both_backends!(passed_milestones_become_events_exactly_once_across_replicas);

async fn tickets_stored_before_milestones_get_them(backend: Backend) {
    let app = spawn_app(backend).await;
    sqlx::query("DELETE FROM ticket_sla").execute(&app.store.pool).await.unwrap();
    let all: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets").fetch_one(&app.store.pool).await.unwrap();

    let done = app::service::sla::backfill(&app.store, chrono::Utc::now(), 1000).await.unwrap();

    // The watcher may have got to some first; together they cover all,
    // closed tickets too (reports read their outcomes).
    assert!(done as i64 <= all, "{done} of {all}");
    let with: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT ticket_id) FROM ticket_sla")
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(with, all, "every ticket has its milestones");
    let watched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE t.status = 'archive' AND s.phase IN ('running', 'paused')",
    )
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert_eq!(watched, 0, "closed tickets have nothing to watch");
    // An accepted release keeps its resolution's outcome for the reports:
    // stopped at the release, decided, with the working time it used.
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE t.status = 'archive' AND t.rejection_reason IS NULL AND s.clock = 'resolution'
           AND s.phase IN ('met', 'breached') AND s.decided_at IS NOT NULL AND s.stopped_at IS NOT NULL
           AND s.used_secs IS NOT NULL AND s.level IS NOT NULL",
    )
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    let accepted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tickets WHERE status = 'archive' AND rejection_reason IS NULL",
    )
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert!(accepted > 0);
    assert_eq!(kept, accepted, "every accepted release keeps its resolution outcome");
    // Each ticket is computed once: a second run finds nothing to do.
    assert_eq!(app::service::sla::backfill(&app.store, chrono::Utc::now(), 1000).await.unwrap(), 0);
    // Rows stored before this release (facts 0) are computed once more.
    sqlx::query("UPDATE ticket_sla SET facts = 0, decided_at = NULL").execute(&app.store.pool).await.unwrap();
    assert_eq!(app::service::sla::backfill(&app.store, chrono::Utc::now(), 1000).await.unwrap() as i64, all);
    let decided: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_sla WHERE decided_at IS NOT NULL")
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert!(decided >= accepted);
    app.cleanup().await;
}
on_both_backends!(tickets_stored_before_milestones_get_them);
