//! The event log: every write endpoint appends exactly its events in the
//! same transaction, a refused, stale or invalid call appends none, and
//! readers following the log by sequence number never miss a row.

use crate::helpers::{spawn_app, Backend, EventRow, TestApp, CLIENT, CONSULTANT, LEAD, OPERATOR};
use crate::on_both_backends;
use serde_json::{json, Value};

/// A Техномаркет backlog ticket, nobody assigned, not waiting, unanswered.
const UNANSWERED: &str = "Отчёт по остаткам считает резерв дважды";

/// The id and version of the card titled `title`, as `client` sees it.
async fn card(app: &TestApp, client: &reqwest::Client, title: &str) -> (i64, i64) {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    let card = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("no card {title}"));
    (card["id"].as_i64().unwrap(), card["version"].as_i64().unwrap())
}

/// Posts and returns the status; panics with the body when it is not `expected`.
async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value, expected: u16) -> Value {
    let res = app.post_json_with(client, endpoint, body.clone()).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, expected, "{endpoint} {body}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The events appended to ticket `id` since `before` were seen.
async fn new_events(app: &TestApp, id: i64, before: &[EventRow]) -> Vec<EventRow> {
    app.events_of(id).await.into_iter().filter(|e| !before.contains(e)).collect()
}

fn kinds(events: &[EventRow]) -> Vec<(&str, &str)> {
    events.iter().map(|e| (e.kind.as_str(), e.visibility.as_str())).collect()
}

/// A new ticket registered by the demo client; returns its id.
async fn new_ticket(app: &TestApp, client: &reqwest::Client, title: &str) -> i64 {
    let body = json!({"title": title, "description": "", "category": "incident", "priority": "normal"});
    call(app, client, "tickets/create", body, 200).await["id"].as_i64().unwrap()
}

async fn version_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn a_registration_appends_created_and_an_invalid_one_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let total = app.change_events().await;

    call(
        &app,
        &client,
        "tickets/create",
        json!({"title": " ", "category": "incident", "priority": "normal"}),
        422,
    )
    .await;
    // A client may not register on someone's behalf.
    let forged = json!({"title": "x", "category": "incident", "priority": "normal", "channel": "phone"});
    call(&app, &client, "tickets/create", forged, 403).await;
    // An operator without the on-behalf fields.
    call(
        &app,
        &operator,
        "tickets/create",
        json!({"title": "x", "category": "incident", "priority": "normal"}),
        422,
    )
    .await;
    assert_eq!(app.change_events().await, total);

    let id = new_ticket(&app, &client, "Не работает сканер").await;
    let events = app.events_of(id).await;
    assert_eq!(kinds(&events), [("created", "public")]);
    assert_eq!(events[0].actor_id, Some(app.user_id(CLIENT).await));
    let org: i64 = sqlx::query_scalar("SELECT organisation_id FROM ticket_events WHERE seq = $1")
        .bind(events[0].seq)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let ticket_org: i64 = sqlx::query_scalar("SELECT organisation_id FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(org, ticket_org, "the event names the ticket's organisation");
    app.cleanup().await;
}
on_both_backends!(a_registration_appends_created_and_an_invalid_one_nothing);

async fn a_move_appends_its_events_and_a_refused_or_stale_one_none(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (id, version) = card(&app, &lead, UNANSWERED).await;
    let before = app.events_of(id).await;
    let total = app.change_events().await;

    // Refused by the lifecycle: an operator may not finish work.
    call(&app, &operator, "tickets/move", json!({"id": id, "to": "done", "version": version}), 422).await;
    // A rejection without a reason.
    call(&app, &operator, "tickets/move", json!({"id": id, "to": "archive", "version": version}), 422).await;
    // Stale: decided on a version that is gone.
    call(&app, &lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version - 1}), 409).await;
    // Unknown ticket.
    call(&app, &lead, "tickets/move", json!({"id": 999_999, "to": "sprint", "version": 1}), 404).await;
    assert_eq!(app.change_events().await, total, "nothing appended");

    call(&app, &lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version}), 200).await;
    let events = new_events(&app, id, &before).await;
    // Into the Sprint column is into the running sprint (issue 16): the
    // move everybody sees and the planning only the desk sees.
    assert_eq!(kinds(&events), [("moved", "public"), ("planned", "internal")]);
    assert_eq!(events[0].payload, json!({"kind": "moved", "from": "backlog", "to": "sprint"}));
    assert_eq!(events[0].actor_id, Some(app.user_id(LEAD).await));
    assert_eq!(app.change_events().await, total + 2);

    // A rejection leaves the move and its reason, in that order.
    let id = new_ticket(&app, &client, "Сделайте кнопку зелёной").await;
    let version = version_of(&app, id).await;
    let body = json!({"id": id, "to": "archive", "version": version, "reason": "  Дубликат SUP-1001 "});
    call(&app, &operator, "tickets/move", body, 200).await;
    let events = app.events_of(id).await;
    assert_eq!(kinds(&events), [("created", "public"), ("moved", "public"), ("rejected", "public")]);
    assert_eq!(events[1].payload, json!({"kind": "moved", "from": "backlog", "to": "archive"}));
    assert_eq!(events[2].payload, json!({"kind": "rejected", "reason": "Дубликат SUP-1001"}));
    app.cleanup().await;
}
on_both_backends!(a_move_appends_its_events_and_a_refused_or_stale_one_none);

async fn edits_append_their_events_and_planning_and_estimates_are_internal(backend: Backend) {
    let owned = spawn_app(backend).await;
    let app = &owned;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (id, _) = card(app, &lead, UNANSWERED).await;
    let before = app.events_of(id).await;
    let total = app.change_events().await;
    let edit = |edit: Value| async move {
        let version = version_of(app, id).await;
        json!({"id": id, "version": version, "edit": edit})
    };
    let ask = |reason: &'static str, message: &'static str| async move {
        let version = version_of(app, id).await;
        json!({"id": id, "version": version, "edit": {"field": "waiting", "value": reason}, "message": message})
    };

    // Refused: a client may not change the priority; unchanged; stale.
    call(app, &client, "tickets/edit", edit(json!({"field": "priority", "value": "low"})).await, 403).await;
    call(app, &lead, "tickets/edit", edit(json!({"field": "priority", "value": "high"})).await, 422).await;
    let stale = json!({"id": id, "version": 0, "edit": {"field": "priority", "value": "low"}});
    call(app, &lead, "tickets/edit", stale, 409).await;
    assert_eq!(app.change_events().await, total);

    call(app, &lead, "tickets/edit", edit(json!({"field": "priority", "value": "critical"})).await, 200)
        .await;
    let consultant = app.user_id(CONSULTANT).await;
    call(app, &lead, "tickets/edit", edit(json!({"field": "assignee", "value": consultant})).await, 200)
        .await;
    call(app, &lead, "tickets/edit", edit(json!({"field": "estimate", "value": 16})).await, 200).await;
    let sprint: i64 = sqlx::query_scalar("SELECT id FROM sprints ORDER BY starts_on LIMIT 1")
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    call(app, &lead, "tickets/edit", edit(json!({"field": "sprint", "value": sprint})).await, 200).await;
    // A wait starts with the message that asks the client (issue 17).
    call(app, &lead, "tickets/edit", edit(json!({"field": "waiting", "value": "client_info"})).await, 422)
        .await;
    call(app, &lead, "tickets/edit", ask("client_info", "Какая версия?").await, 200).await;
    call(app, &lead, "tickets/edit", ask("payment", "Счёт 42 на 10 000 ₽").await, 200).await;
    call(app, &lead, "tickets/edit", edit(json!({"field": "waiting", "value": null})).await, 200).await;

    let events = new_events(app, id, &before).await;
    assert_eq!(
        kinds(&events),
        [
            ("edited", "public"),
            ("edited", "internal"),
            ("edited", "internal"),
            // Planning a backlog ticket moves it to Sprint (issue 16).
            ("moved", "public"),
            ("planned", "internal"),
            ("commented", "public"),
            ("first_response", "public"),
            ("waiting_started", "public"),
            ("commented", "public"),
            ("waiting_ended", "public"),
            ("waiting_started", "public"),
            ("waiting_ended", "public"),
        ]
    );
    assert_eq!(
        events[0].payload,
        json!({"kind": "edited", "field": "priority", "from": "high", "to": "critical"})
    );
    assert_eq!(events[1].payload["field"], "assignee");
    assert_eq!(events[1].payload["from"], Value::Null);
    assert!(events[1].payload["to"].is_string(), "by name: {}", events[1].payload);
    assert_eq!(events[2].payload, json!({"kind": "edited", "field": "estimate", "from": null, "to": 16}));
    assert_eq!(events[3].payload, json!({"kind": "moved", "from": "backlog", "to": "sprint"}));
    let question = events[5].payload["comment_id"].as_i64().unwrap();
    assert_eq!(
        events[7].payload,
        json!({"kind": "waiting_started", "reason": "client_info", "comment_id": question})
    );
    let bill = events[8].payload["comment_id"].as_i64().unwrap();
    assert_eq!(events[9].payload, json!({"kind": "waiting_ended", "reason": "client_info"}));
    assert_eq!(
        events[10].payload,
        json!({"kind": "waiting_started", "reason": "payment", "comment_id": bill})
    );
    assert!(events.windows(2).all(|w| w[0].seq < w[1].seq), "numbered in the order of the changes");

    // The client's page shows the public lines only: no sprint, no estimate.
    let key: String = sqlx::query_scalar("SELECT 'SUP-' || CAST(number AS TEXT) FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let page = call(app, &client, "tickets/get", json!({"key": key}), 200).await;
    let fields: Vec<&str> =
        page["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    for internal in ["sprint", "estimate", "assignee"] {
        assert!(!fields.contains(&internal), "{internal} reached the client: {fields:?}");
    }
    assert!(
        page["ticket"]["estimate_hours"].is_null() && page["ticket"]["sprint_id"].is_null(),
        "{}",
        page["ticket"]
    );
    assert!(page["ticket"]["sprint"].is_null());
    assert!(fields.contains(&"priority") && fields.contains(&"waiting"), "{fields:?}");
    let page = call(app, &lead, "tickets/get", json!({"key": key}), 200).await;
    let fields: Vec<&str> =
        page["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert!(
        fields.contains(&"sprint") && fields.contains(&"estimate") && fields.contains(&"assignee"),
        "{fields:?}"
    );
    assert_eq!(page["ticket"]["estimate_hours"], 16);
    assert_eq!(page["ticket"]["sprint_id"], sprint);
    owned.cleanup().await;
}
on_both_backends!(edits_append_their_events_and_planning_and_estimates_are_internal);

async fn comments_append_their_events_and_a_note_is_internal(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let id = new_ticket(&app, &client, "Принтер печатает пустые чеки").await;
    let total = app.change_events().await;

    // Invalid and forbidden comments leave nothing.
    call(&app, &consultant, "tickets/comment", json!({"id": id, "body": "   "}), 422).await;
    call(&app, &client, "tickets/comment", json!({"id": id, "body": "secret", "internal": true}), 403).await;
    call(&app, &client, "tickets/comment", json!({"id": 999_999, "body": "hello"}), 404).await;
    assert_eq!(app.change_events().await, total);

    call(&app, &consultant, "tickets/comment", json!({"id": id, "body": "Проверим", "internal": true}), 200)
        .await;
    call(&app, &consultant, "tickets/comment", json!({"id": id, "body": "Смотрим"}), 200).await;
    call(&app, &consultant, "tickets/comment", json!({"id": id, "body": "Ещё смотрим"}), 200).await;
    let version = version_of(&app, id).await;
    let wait = json!({"id": id, "version": version, "edit": {"field": "waiting", "value": "client_info"}, "message": "Модель принтера?"});
    call(&app, &consultant, "tickets/edit", wait, 200).await;
    call(&app, &client, "tickets/comment", json!({"id": id, "body": "Модель принтера: Атол 30Ф"}), 200).await;

    let events = app.events_of(id).await;
    assert_eq!(
        kinds(&events),
        [
            ("created", "public"),
            ("commented", "internal"),
            ("commented", "public"),
            ("first_response", "public"),
            ("commented", "public"),
            ("commented", "public"),
            ("waiting_started", "public"),
            ("commented", "public"),
            ("waiting_ended", "public"),
        ]
    );
    assert_eq!(events[1].payload["internal"], true);
    assert_eq!(events[2].payload["internal"], false);
    assert_eq!(events[7].actor_id, Some(app.user_id(CLIENT).await));
    let client_history =
        call(&app, &client, "tickets/get", json!({"key": format!("SUP-{}", number_of(&app, id).await)}), 200)
            .await;
    let fields: Vec<&str> =
        client_history["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert!(!fields.contains(&"internal_note"), "{fields:?}");
    assert_eq!(fields.iter().filter(|f| **f == "comment").count(), 4, "{fields:?}");
    app.cleanup().await;
}
on_both_backends!(comments_append_their_events_and_a_note_is_internal);

async fn number_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT number FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

/// Many writers at once while a reader follows the log "after N", as the
/// live board will: every batch it reads continues exactly where the last
/// one stopped, and at the end it has read every event. A numbering that
/// did not follow commit order would show a later number before an
/// earlier one had committed, and the reader would skip the earlier one.
async fn a_reader_following_the_log_misses_nothing_under_concurrent_writes(backend: Backend) {
    const WRITERS: usize = 6;
    const COMMENTS: usize = 15;
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let (client, _) = app.signed_in_client(CLIENT).await;
    let mut tickets = Vec::new();
    for w in 0..WRITERS {
        tickets.push(new_ticket(&app, &client, &format!("Параллельная заявка {w}")).await);
    }
    let start = app.last_seq().await;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (app, done) = (app.clone(), done.clone());
        tokio::spawn(async move {
            let mut last = start;
            let mut batches = 0;
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let batch = app::store::events::events_after(&app.store.pool, last, 7).await.unwrap();
                for e in &batch {
                    assert_eq!(e.seq, last + 1, "the reader skipped from {last} to {}", e.seq);
                    last = e.seq;
                }
                batches += 1;
                if finished && batch.is_empty() {
                    return (last, batches);
                }
            }
        })
    };
    let mut writers = Vec::new();
    for (w, &id) in tickets.iter().enumerate() {
        let app = app.clone();
        let email = if w % 2 == 0 { CONSULTANT } else { LEAD };
        writers.push(tokio::spawn(async move {
            let (agent, _) = app.signed_in_client(email).await;
            for i in 0..COMMENTS {
                let internal = i % 3 == 0;
                let body = json!({"id": id, "body": format!("Комментарий {i}"), "internal": internal});
                let res = app.post_json_with(&agent, "tickets/comment", body).await;
                assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (last, batches) = reader.await.unwrap();
    let counter = app.last_seq().await;
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ticket_events").fetch_one(&app.store.pool).await.unwrap();
    assert_eq!(last, counter, "the reader reached the last number handed out");
    assert_eq!(count, counter, "numbers are gapless");
    // Each writer: COMMENTS comments and one first response, all read.
    let ours: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM ticket_events WHERE seq > {start} AND ticket_id IN ({})",
        tickets.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(",")
    ))
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert_eq!(ours, (WRITERS * (COMMENTS + 1)) as i64);
    assert!(batches > 1);
    match std::sync::Arc::try_unwrap(app) {
        Ok(app) => app.cleanup().await,
        Err(_) => panic!("the app is still shared"),
    }
}
on_both_backends!(a_reader_following_the_log_misses_nothing_under_concurrent_writes);
