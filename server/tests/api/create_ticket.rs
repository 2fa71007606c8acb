//! Registering tickets over HTTP: `tickets/create` and `tickets/new_form`.

use crate::helpers::{spawn_app, Backend, TestApp, ADMIN, CLIENT, CLIENT_ORG, OPERATOR};
use crate::on_both_backends;
use chrono::{DateTime, Duration, FixedOffset, SecondsFormat, Utc};
use serde_json::{json, Value};
use sqlx::Row;

/// A second client organisation of the demo data, and its client.
const OTHER_ORG: &str = "ТОВ «Смарт Трейд»";
const OTHER_CLIENT: &str = "client@smarttrade.example";

fn client_body(title: &str) -> Value {
    json!({
        "title": title,
        "description": "После обновления 5.2 кассы не печатают чеки.",
        "steps_to_reproduce": "1. Открыть смену\n2. Пробить чек",
        "product_version": "5.2.1",
        "category": "incident",
        "priority": "high",
    })
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
        .try_get("id")
        .unwrap()
}

async fn organisation_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
        .try_get("id")
        .unwrap()
}

/// How many tickets and events exist, and the ticket counter: all
/// three stay put when a registration is refused.
async fn footprint(app: &TestApp) -> (i64, i64, i64) {
    let one = |sql: &'static str| async move {
        sqlx::query(sql).fetch_one(&app.store.pool).await.unwrap().try_get::<i64, _>("n").unwrap()
    };
    (
        one("SELECT COUNT(*) AS n FROM tickets").await,
        // The SLA watcher may note overdue demo tickets meanwhile.
        one("SELECT COUNT(*) AS n FROM ticket_events WHERE kind NOT LIKE 'sla_%'").await,
        one("SELECT value AS n FROM counters WHERE name = 'ticket'").await,
    )
}

/// An operator's body for registering on `requester`'s behalf.
fn on_behalf_body(org: i64, requester: i64, received_at: &str) -> Value {
    json!({
        "title": "Не работает выгрузка",
        "description": "",
        "steps_to_reproduce": "",
        "product_version": "",
        "category": "incident",
        "priority": "normal",
        "organisation_id": org,
        "requester_id": requester,
        "channel": "phone",
        "received_at": received_at,
    })
}

/// The problems of a 422 answer, as `(field, code)`.
async fn field_errors(res: reqwest::Response) -> Vec<(String, String)> {
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    let errors: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    assert_eq!(errors["error"], "invalid", "{body}");
    errors["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect()
}

fn backlog_card(board: &Value, id: i64) -> Option<Value> {
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "backlog")
        .and_then(|c| c["cards"].as_array().unwrap().iter().find(|k| k["id"] == id).cloned())
}

async fn a_client_creates_a_ticket_for_their_own_organisation(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let before = Utc::now().timestamp();

    let res = app.post_json_with(&client, "tickets/create", client_body("  Кассы не печатают чеки  ")).await;

    assert_eq!(res.status(), 200);
    let created: Value = res.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    // Demo data holds SUP-1001 … SUP-1019 (the last five archived).
    assert_eq!(created, json!({"id": id, "key": "SUP-1020", "number": 1020}));
    let board: Value = app.post_json_with(&client, "board", json!({})).await.json().await.unwrap();
    let card = backlog_card(&board, id).expect("the new ticket is in the client's backlog");
    assert_eq!(card["title"], "Кассы не печатают чеки", "the title is trimmed");
    assert_eq!(card["organisation"], CLIENT_ORG);
    assert_eq!(card["priority"], "high");
    assert_eq!(card["countdown"]["kind"], "reaction", "the reaction clock runs");
    let row = sqlx::query(
        "SELECT requester_id, organisation_id, channel, received_at, status, steps_to_reproduce,
                product_version, description FROM tickets WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert_eq!(row.try_get::<i64, _>("requester_id").unwrap(), user_id(&app, CLIENT).await);
    assert_eq!(row.try_get::<i64, _>("organisation_id").unwrap(), organisation_id(&app, CLIENT_ORG).await);
    assert_eq!(row.try_get::<String, _>("channel").unwrap(), "web");
    assert_eq!(row.try_get::<String, _>("status").unwrap(), "backlog");
    let received: i64 = row.try_get("received_at").unwrap();
    assert!(received >= before && received <= Utc::now().timestamp(), "received now");
    assert_eq!(row.try_get::<String, _>("steps_to_reproduce").unwrap(), "1. Открыть смену\n2. Пробить чек");
    assert_eq!(row.try_get::<String, _>("product_version").unwrap(), "5.2.1");
    let events = app.events_of(id).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].actor_id, Some(user_id(&app, CLIENT).await));
    assert_eq!(events[0].payload, json!({"kind": "created"}));
    assert_eq!(events[0].visibility, "public");
    app.cleanup().await;
}
on_both_backends!(a_client_creates_a_ticket_for_their_own_organisation);

async fn a_client_cannot_forge_organisation_requester_channel_or_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let other_org = organisation_id(&app, OTHER_ORG).await;
    let other_client = user_id(&app, OTHER_CLIENT).await;
    let before = footprint(&app).await;
    let forged = [
        ("organisation_id", json!(other_org)),
        ("requester_id", json!(other_client)),
        ("channel", json!("phone")),
        ("received_at", json!("2026-01-01T00:00:00Z")),
    ];

    for (field, value) in forged {
        let mut body = client_body("Подделка");
        body[field] = value;
        let res = app.post_json_with(&client, "tickets/create", body).await;

        assert_eq!(res.status(), 403, "{field}");
        assert!(crate::helpers::error_of(res).await["error"] == "forbidden", "{field}");
    }
    // Fields the endpoint does not declare at all are refused as well.
    let mut body = client_body("Подделка");
    body["status"] = json!("release");
    assert_eq!(app.post_json_with(&client, "tickets/create", body).await.status(), 400);
    assert_eq!(footprint(&app).await, before, "nothing written");
    app.cleanup().await;
}
on_both_backends!(a_client_cannot_forge_organisation_requester_channel_or_time);

async fn an_operator_registers_a_call_with_the_time_the_client_called(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (org, requester) = (organisation_id(&app, OTHER_ORG).await, user_id(&app, OTHER_CLIENT).await);
    // Three hours ago, written in Kyiv's offset as an operator's tool might.
    let called = DateTime::from_timestamp(Utc::now().timestamp() - 3 * 3600, 0).unwrap();
    let kyiv = FixedOffset::east_opt(2 * 3600).unwrap();
    let sent = called.with_timezone(&kyiv).to_rfc3339_opts(SecondsFormat::Secs, false);

    let res = app.post_json_with(&operator, "tickets/create", on_behalf_body(org, requester, &sent)).await;

    assert_eq!(res.status(), 200, "{sent}");
    let created: Value = res.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    let row =
        sqlx::query("SELECT requester_id, organisation_id, channel, received_at FROM tickets WHERE id = $1")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(row.try_get::<i64, _>("received_at").unwrap(), called.timestamp());
    assert_eq!(row.try_get::<i64, _>("requester_id").unwrap(), requester);
    assert_eq!(row.try_get::<i64, _>("organisation_id").unwrap(), org);
    assert_eq!(row.try_get::<String, _>("channel").unwrap(), "phone");
    let board: Value = app.post_json_with(&operator, "board", json!({})).await.json().await.unwrap();
    let card = backlog_card(&board, id).unwrap();
    assert_eq!(card["received_at"], called.to_rfc3339_opts(SecondsFormat::Secs, true));
    let actor = app.events_of(id).await[0].actor_id;
    assert_eq!(actor, Some(user_id(&app, OPERATOR).await), "the operator registered it");
    app.cleanup().await;
}
on_both_backends!(an_operator_registers_a_call_with_the_time_the_client_called);

async fn contact_times_in_the_future_or_before_the_contract_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (org, requester) = (organisation_id(&app, OTHER_ORG).await, user_id(&app, OTHER_CLIENT).await);
    let valid_from: i64 =
        sqlx::query("SELECT MIN(valid_from) AS v FROM contracts WHERE organisation_id = $1")
            .bind(org)
            .fetch_one(&app.store.pool)
            .await
            .unwrap()
            .try_get("v")
            .unwrap();
    let rfc = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let before = footprint(&app).await;
    let cases = [
        (rfc(Utc::now() + Duration::minutes(10)), "in_future"),
        (rfc(DateTime::from_timestamp(valid_from - 1, 0).unwrap()), "before_contract"),
        ("yesterday".to_string(), "invalid"),
    ];

    for (received_at, code) in cases {
        let res = app
            .post_json_with(&operator, "tickets/create", on_behalf_body(org, requester, &received_at))
            .await;

        assert_eq!(field_errors(res).await, [("received_at".to_string(), code.to_string())], "{received_at}");
    }
    // The contract's first second is accepted.
    let first = rfc(DateTime::from_timestamp(valid_from, 0).unwrap());
    let res = app.post_json_with(&operator, "tickets/create", on_behalf_body(org, requester, &first)).await;
    assert_eq!(res.status(), 200);
    let (tickets, history, counter) = footprint(&app).await;
    assert_eq!((tickets, history, counter), (before.0 + 1, before.1 + 1, before.2 + 1), "only the valid one");
    app.cleanup().await;
}
on_both_backends!(contact_times_in_the_future_or_before_the_contract_are_refused);

async fn invalid_input_is_answered_with_field_codes_and_nothing_is_saved(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let before = footprint(&app).await;

    let empty = app.post_json_with(&client, "tickets/create", client_body("   ")).await;
    assert_eq!(field_errors(empty).await, [("title".to_string(), "required".to_string())]);
    let mut long = client_body(&"ж".repeat(201));
    long["product_version"] = json!("v".repeat(101));
    let res = app.post_json_with(&client, "tickets/create", long).await;
    assert_eq!(
        field_errors(res).await,
        [
            ("title".to_string(), "too_long".to_string()),
            ("product_version".to_string(), "too_long".to_string())
        ]
    );
    // An operator who names nothing is told every missing choice at once.
    let res = app.post_json_with(&operator, "tickets/create", client_body("")).await;
    let fields: Vec<String> = field_errors(res).await.into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "organisation", "requester", "channel", "received_at"]);
    // A requester must be a client of the chosen organisation.
    let (org, stranger) = (organisation_id(&app, CLIENT_ORG).await, user_id(&app, OTHER_CLIENT).await);
    let now = Utc::now().to_rfc3339();
    let res = app.post_json_with(&operator, "tickets/create", on_behalf_body(org, stranger, &now)).await;
    assert_eq!(field_errors(res).await, [("requester".to_string(), "unknown".to_string())]);
    let res = app.post_json_with(&operator, "tickets/create", on_behalf_body(999_999, stranger, &now)).await;
    assert_eq!(field_errors(res).await, [("organisation".to_string(), "unknown".to_string())]);
    // An agent account is not a requester.
    let agent = user_id(&app, OPERATOR).await;
    let res = app.post_json_with(&operator, "tickets/create", on_behalf_body(org, agent, &now)).await;
    assert_eq!(field_errors(res).await, [("requester".to_string(), "unknown".to_string())]);

    assert_eq!(footprint(&app).await, before, "no ticket, no history, no number spent");
    app.cleanup().await;
}
on_both_backends!(invalid_input_is_answered_with_field_codes_and_nothing_is_saved);

async fn ticket_numbers_are_unique_and_increasing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let url = format!("{}/api/tickets/create", app.address);

    // Eight at once: the counter row serialises them.
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let res =
                    client.post(url).json(&client_body(&format!("Обращение {i}"))).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.json::<Value>().await.unwrap()
            })
        })
        .collect();
    let mut created = Vec::new();
    for task in tasks {
        created.push(task.await.unwrap());
    }
    let later = app.post_json_with(&client, "tickets/create", client_body("Позже")).await;
    let later: Value = later.json().await.unwrap();

    let mut numbers: Vec<i64> = created.iter().map(|c| c["number"].as_i64().unwrap()).collect();
    numbers.sort();
    assert_eq!(numbers, (1020..1028).collect::<Vec<_>>(), "no gaps, no repeats");
    assert_eq!(later["number"], 1028, "a later ticket gets a higher number");
    for c in &created {
        assert_eq!(c["key"], format!("SUP-{}", c["number"]));
    }
    app.cleanup().await;
}
on_both_backends!(ticket_numbers_are_unique_and_increasing);

async fn a_title_with_markup_is_shown_as_text_on_the_board(backend: Backend) {
    let app = spawn_app(backend).await;
    app.sign_in(CLIENT).await;
    let title = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
    let res = app.post_json("tickets/create", client_body(title)).await;
    assert_eq!(res.status(), 200);

    let html = app.get("/").await.text().await.unwrap();

    assert!(!html.contains("<script>alert"), "the title ran as a script");
    assert!(!html.contains("<img src=x"), "the title became an element");
    assert!(html.contains("&lt;script&gt;alert"), "the title is shown as text");
    app.cleanup().await;
}
on_both_backends!(a_title_with_markup_is_shown_as_text_on_the_board);

async fn the_form_offers_operators_organisations_and_their_clients_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;

    let form: Value =
        app.post_json_with(&operator, "tickets/new_form", json!({})).await.json().await.unwrap();

    assert_eq!(form["on_behalf"], true);
    let orgs = form["organisations"].as_array().unwrap();
    assert_eq!(orgs.len(), 4);
    let smart = orgs.iter().find(|o| o["name"] == OTHER_ORG).unwrap();
    assert_eq!(
        smart["requesters"],
        json!([{"id": user_id(&app, OTHER_CLIENT).await, "name": "Олена Коваль"}])
    );
    let mut keys: Vec<&String> = smart.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["contact_from", "id", "name", "requesters"], "no emails, no contract terms");
    let mine: Value = app.post_json_with(&client, "tickets/new_form", json!({})).await.json().await.unwrap();
    assert_eq!(mine["on_behalf"], false);
    assert_eq!(mine["organisations"], json!([]), "a client learns of no other organisation");
    // An admin configures and does not register tickets.
    assert_eq!(app.post_json_with(&admin, "tickets/new_form", json!({})).await.status(), 403);
    assert_eq!(app.post_json_with(&admin, "tickets/create", client_body("x")).await.status(), 403);
    app.cleanup().await;
}
on_both_backends!(the_form_offers_operators_organisations_and_their_clients_only);

async fn the_create_page_is_server_rendered_for_signed_in_users(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = format!("{}/tickets/new", app.address);
    let stranger = app.client.get(&url).header("Accept", "text/html").send().await.unwrap();
    assert_eq!(stranger.status(), 302, "anonymous visitors go to sign in");
    app.sign_in(OPERATOR).await;
    let res = app.get("/tickets/new").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    for id in
        ["ticket-title", "ticket-organisation", "ticket-requester", "ticket-channel", "ticket-received-at"]
    {
        assert!(html.contains(&format!("id=\"{id}\"")), "no {id} in the form");
    }
    assert!(html.contains(OTHER_ORG));
    app.cleanup().await;
}
on_both_backends!(the_create_page_is_server_rendered_for_signed_in_users);
