//! The ticket page's API (`tickets/get`, `tickets/comment`) and its HTML.

use crate::helpers::{spawn_app, Backend, TestApp, CLIENT, LEAD, OPERATOR};
use crate::on_both_backends;
use serde_json::{json, Value};

const AGRO_CLIENT: &str = "client@agro.example";
/// The demo ticket of АО «АгроХолдинг Кубань» waiting for the client's information.
const WAITING_FOR_INFO: &str = "Не загружаются данные с весовой №3";
/// A Техномаркет backlog ticket nobody has answered yet, 20 % of its
/// reaction time used.
const UNANSWERED: &str = "Отчёт по остаткам считает резерв дважды";

/// A card of the board as `client` sees it, found by title.
async fn card(app: &TestApp, client: &reqwest::Client, title: &str) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("no card {title}"))
}

async fn key_of(app: &TestApp, title: &str) -> (String, i64) {
    let (lead, _) = app.signed_in_client(LEAD).await;
    let card = card(app, &lead, title).await;
    (card["key"].as_str().unwrap().to_string(), card["id"].as_i64().unwrap())
}

async fn ticket(app: &TestApp, client: &reqwest::Client, key: &str) -> (u16, String) {
    let res = app.post_json_with(client, "tickets/get", json!({ "key": key })).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn comment(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    body: &str,
    internal: bool,
) -> (u16, String) {
    let res = app
        .post_json_with(client, "tickets/comment", json!({"id": id, "body": body, "internal": internal}))
        .await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The server-rendered page of a ticket, as `client`'s browser gets it.
async fn page_html(app: &TestApp, client: &reqwest::Client, key: &str) -> String {
    let res = client.get(format!("{}/tickets/{key}", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200, "GET /tickets/{key}");
    res.text().await.unwrap()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(&app.store.pool).await.unwrap()
}

async fn an_agent_reads_every_field_the_sla_explained_and_the_allowed_moves(backend: Backend) {
    let app = spawn_app(backend).await;
    let (key, id) = key_of(&app, WAITING_FOR_INFO).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;

    let (status, body) = ticket(&app, &operator, &key.to_lowercase()).await;

    assert_eq!(status, 200, "{body}");
    let t: Value = serde_json::from_str(&body).unwrap();
    let f = &t["ticket"];
    assert_eq!((f["id"].as_i64(), f["key"].as_str()), (Some(id), Some(key.as_str())));
    assert_eq!(f["title"], WAITING_FOR_INFO);
    assert_eq!((f["status"].as_str(), f["waiting"].as_str()), (Some("in_progress"), Some("client_info")));
    assert_eq!((f["category"].as_str(), f["priority"].as_str()), (Some("incident"), Some("high")));
    assert_eq!((f["channel"].as_str(), f["requester"].as_str()), (Some("phone"), Some("Павел Никитин")));
    assert_eq!(f["organisation"], "АО «АгроХолдинг Кубань»");
    for field in ["received_at", "created_at", "updated_at", "version", "assignee", "description"] {
        assert!(!f[field].is_null(), "{field}");
    }
    let clocks = t["sla"]["clocks"].as_array().unwrap();
    let reaction = &clocks[0];
    assert_eq!(reaction["kind"], "reaction");
    assert_eq!(reaction["state"], json!({"state": "paused", "reason": "client_info"}));
    assert_eq!(reaction["paused"], "client_info");
    assert!(reaction["due"].is_null(), "the deadline waits for the pause to end");
    assert!(reaction["remaining_secs"].as_i64().unwrap() > 0);
    assert!(!reaction["counted"].as_array().unwrap().is_empty(), "explain's counted intervals");
    // The demo wait began as it was seeded: up to now it may be empty.
    assert!(reaction["paused_intervals"].is_array());
    assert_eq!(t["sla"]["countdown"]["kind"], "reaction");
    assert_eq!(t["sla"]["zone"]["name"], "Europe/Moscow");
    // In progress: an operator may return it to the backlog or release it… but
    // only consultants finish work.
    let moves: Vec<&str> =
        t["actions"]["moves"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(moves.contains(&"backlog") && !moves.contains(&"done"), "{moves:?}");
    assert_eq!(t["actions"]["can_comment_internal"], true);
    assert_eq!(t["viewer_role"], "operator");
    app.cleanup().await;
}
on_both_backends!(an_agent_reads_every_field_the_sla_explained_and_the_allowed_moves);

async fn a_client_reads_their_own_ticket_and_another_organisations_is_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let (own, _) = key_of(&app, WAITING_FOR_INFO).await;
    let (foreign, foreign_id) = key_of(&app, UNANSWERED).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;

    let (status, body) = ticket(&app, &agro, &own).await;
    assert_eq!(status, 200, "{body}");
    let t: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(t["actions"]["can_comment"], true);
    assert_eq!(t["actions"]["can_comment_internal"], false);

    let other = ticket(&app, &agro, &foreign).await;
    let missing = ticket(&app, &agro, "SUP-999999").await;
    let garbage = ticket(&app, &agro, "DROP TABLE").await;
    assert_eq!(other.0, 404);
    assert_eq!(other, missing, "another organisation's ticket reads exactly like a missing one");
    assert_eq!(other, garbage);
    // Commenting on it is refused the same way, and nothing is written.
    let (status, body) = comment(&app, &agro, foreign_id, "hello", false).await;
    assert_eq!((status, body), (404, missing.1.clone()));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_comments WHERE ticket_id = $1", foreign_id).await, 0);
    app.cleanup().await;
}
on_both_backends!(a_client_reads_their_own_ticket_and_another_organisations_is_not_found);

async fn clients_never_receive_internal_notes_in_the_api_or_the_html(backend: Backend) {
    let app = spawn_app(backend).await;
    let (key, id) = key_of(&app, WAITING_FOR_INFO).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    let secret = "INTERNAL-7f3a: client is on a legacy scale driver";
    let public = "PUBLIC-91c2: could you send the scale's log file?";
    assert_eq!(comment(&app, &lead, id, secret, true).await.0, 200);
    assert_eq!(comment(&app, &lead, id, public, false).await.0, 200);

    let (_, agent_json) = ticket(&app, &lead, &key).await;
    let (_, client_json) = ticket(&app, &agro, &key).await;
    let agent_html = page_html(&app, &lead, &key).await;
    let client_html = page_html(&app, &agro, &key).await;

    assert!(agent_json.contains(secret) && agent_json.contains(public));
    assert!(agent_html.contains(secret), "agents see the note on the page");
    assert!(client_json.contains(public) && client_html.contains(public));
    assert!(client_html.contains(WAITING_FOR_INFO), "the client's page is the ticket page");
    for (what, text) in [("JSON", &client_json), ("HTML", &client_html)] {
        assert!(!text.contains("INTERNAL-7f3a"), "the note leaked into the client's {what}");
        assert!(!text.contains("internal_note"), "the note's history line leaked into the client's {what}");
    }
    let t: Value = serde_json::from_str(&client_json).unwrap();
    assert!(t["comments"].as_array().unwrap().iter().all(|c| c["internal"] == false));
    app.cleanup().await;
}
on_both_backends!(clients_never_receive_internal_notes_in_the_api_or_the_html);

async fn the_first_public_agent_reply_meets_the_reaction(backend: Backend) {
    let app = spawn_app(backend).await;
    let (key, id) = key_of(&app, UNANSWERED).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let before = card(&app, &operator, UNANSWERED).await;
    assert_eq!(before["countdown"]["kind"], "reaction");
    assert!(before["countdown"]["frozen"].is_null(), "still running");
    // An internal note is not a response.
    assert_eq!(comment(&app, &operator, id, "Checking with the warehouse team", true).await.0, 200);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM tickets WHERE id = $1 AND first_response_at IS NULL", id).await,
        1
    );

    let (status, body) = comment(&app, &operator, id, "We are looking into it.", false).await;
    let (_, second) = comment(&app, &operator, id, "Found the cause.", false).await;

    assert_eq!(status, 200, "{body}");
    let posted: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(posted["first_response"], true);
    assert_eq!(
        serde_json::from_str::<Value>(&second).unwrap()["first_response"],
        false,
        "only the first counts"
    );
    let after = card(&app, &operator, UNANSWERED).await;
    let countdown = &after["countdown"];
    assert!(
        countdown["kind"] == "resolution" || countdown["frozen"] == json!({"state": "met"}),
        "the board's badge stops: {countdown}"
    );
    assert_eq!(
        after["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 3),
        "every comment bumps it"
    );
    let t: Value = serde_json::from_str(&ticket(&app, &operator, &key).await.1).unwrap();
    assert_eq!(t["sla"]["clocks"][0]["state"], json!({"state": "met"}));
    assert!(!t["ticket"]["first_response_at"].is_null());
    let fields: Vec<&str> =
        t["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["internal_note", "comment", "first_response_at", "comment"]);
    app.cleanup().await;
}
on_both_backends!(the_first_public_agent_reply_meets_the_reaction);

async fn a_client_reply_ends_the_wait_for_their_information(backend: Backend) {
    let app = spawn_app(backend).await;
    let (key, id) = key_of(&app, WAITING_FOR_INFO).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    let version = card(&app, &agro, WAITING_FOR_INFO).await["version"].as_i64().unwrap();

    let (status, body) =
        comment(&app, &agro, id, "  Log attached: scale 3 reports error E-17.  ", false).await;

    assert_eq!(status, 200, "{body}");
    let posted: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (posted["wait_ended"].as_bool(), posted["first_response"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(posted["version"].as_i64(), Some(version + 1));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ticket_pauses WHERE ticket_id = $1 AND ended_at IS NULL", id).await,
        0
    );
    let after = card(&app, &agro, WAITING_FOR_INFO).await;
    assert!(after["waiting"].is_null());
    assert!(after["countdown"]["frozen"].is_null(), "the reaction clock runs again");
    let t: Value = serde_json::from_str(&ticket(&app, &agro, &key).await.1).unwrap();
    assert_eq!(t["comments"][0]["body"], "Log attached: scale 3 reports error E-17.", "stored trimmed");
    assert_eq!(t["comments"][0]["author_role"], "client");
    let waiting = t["history"].as_array().unwrap().iter().find(|h| h["field"] == "waiting").unwrap();
    assert_eq!((waiting["before"].as_str(), waiting["after"].as_str()), (Some("client_info"), None));
    assert_eq!(waiting["who"], "Павел Никитин");
    // A second reply has nothing left to end.
    let (_, again) = comment(&app, &agro, id, "Anything else?", false).await;
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap()["wait_ended"], false);
    app.cleanup().await;
}
on_both_backends!(a_client_reply_ends_the_wait_for_their_information);

async fn invalid_comments_are_refused_with_a_reason_and_nothing_is_saved(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, id) = key_of(&app, WAITING_FOR_INFO).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (technomarket, _) = app.signed_in_client(CLIENT).await;
    let version = card(&app, &operator, WAITING_FOR_INFO).await["version"].as_i64().unwrap();

    let empty = comment(&app, &operator, id, " \n\t ", false).await;
    let long = comment(&app, &operator, id, &"x".repeat(20_001), false).await;
    let internal_by_client = comment(&app, &agro, id, "let me see the notes", true).await;
    let foreign_client = comment(&app, &technomarket, id, "hello", false).await;
    let extra_field = app
        .post_json_with(&agro, "tickets/comment", json!({"id": id, "body": "hi", "visibility": "internal"}))
        .await;

    let field = |body: &str| serde_json::from_str::<Value>(body).unwrap()["fields"]["body"].clone();
    assert_eq!(empty.0, 422);
    assert_eq!(field(&empty.1), "required", "{}", empty.1);
    assert_eq!(long.0, 422);
    assert_eq!(field(&long.1), "too_long", "{}", long.1);
    assert!(long.1.contains(r#""limit":20000"#), "{}", long.1);
    assert_eq!(internal_by_client.0, 403);
    assert_eq!(foreign_client.0, 404);
    assert_eq!(extra_field.status(), 400);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_comments WHERE ticket_id = $1", id).await, 0);
    let after = card(&app, &operator, WAITING_FOR_INFO).await;
    assert_eq!((after["version"].as_i64(), after["waiting"].as_str()), (Some(version), Some("client_info")));
    // Exactly the limit is fine.
    assert_eq!(comment(&app, &operator, id, &"я".repeat(20_000), false).await.0, 200);
    app.cleanup().await;
}
on_both_backends!(invalid_comments_are_refused_with_a_reason_and_nothing_is_saved);

async fn markup_in_a_comment_renders_as_text(backend: Backend) {
    let app = spawn_app(backend).await;
    let (key, id) = key_of(&app, WAITING_FOR_INFO).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    let payload = r#"<script>alert("xss-1")</script><img src=x onerror="alert('xss-2')">"#;
    assert_eq!(comment(&app, &agro, id, payload, false).await.0, 200);

    let html = page_html(&app, &agro, &key).await;

    assert!(!html.contains(r#"<script>alert("xss-1")"#), "script tag injected");
    assert!(!html.contains("<img src=x"), "img tag injected");
    assert!(html.contains("&lt;script&gt;"), "the text is shown, escaped");
    app.cleanup().await;
}
on_both_backends!(markup_in_a_comment_renders_as_text);

async fn steps_and_product_version_are_on_the_ticket_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client("client@technomarket.example").await;
    let created: serde_json::Value = app
        .post_json_with(
            &client,
            "tickets/create",
            serde_json::json!({
                "title": "Отчёт не строится",
                "description": "Пустой экран.",
                "steps_to_reproduce": "1. Открыть «Отчёты»\n2. Нажать «Построить»",
                "product_version": "5.2.1",
                "category": "incident",
                "priority": "normal"
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let key = created["key"].as_str().unwrap();

    let detail: serde_json::Value = app
        .post_json_with(&client, "tickets/get", serde_json::json!({"key": key}))
        .await
        .json()
        .await
        .unwrap();
    let html =
        client.get(format!("{}/tickets/{key}", app.address)).send().await.unwrap().text().await.unwrap();

    let fields = &detail["ticket"];
    assert_eq!(fields["steps_to_reproduce"], "1. Открыть «Отчёты»\n2. Нажать «Построить»", "{detail}");
    assert_eq!(fields["product_version"], "5.2.1");
    assert!(html.contains("5.2.1"), "no product version in the page");
    assert!(html.contains("2. Нажать «Построить»"), "no steps in the page");
    app.cleanup().await;
}
on_both_backends!(steps_and_product_version_are_on_the_ticket_page);
