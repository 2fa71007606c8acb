//! Changing a ticket's priority, assignee and wait (`tickets/edit`).

use crate::helpers::{spawn_app, Backend, TestApp, CLIENT, CONSULTANT, LEAD, OPERATOR};

const SMART_CLIENT: &str = "client@smarttrade.example";
use crate::on_both_backends;
use serde_json::{json, Value};

const AGRO_CLIENT: &str = "client@agro.example";
/// A Техномаркет backlog ticket, nobody assigned, not waiting.
const UNANSWERED: &str = "Отчёт по остаткам считает резерв дважды";
/// A Смарт Трейд backlog incident, unanswered: reaction and resolution targets.
const CRM: &str = "Не відкривається картка клієнта в CRM";

/// The ticket page's data for `title`, as `client` may read it.
async fn ticket(app: &TestApp, client: &reqwest::Client, title: &str) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    let key = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("no card {title}"))["key"]
        .as_str()
        .unwrap()
        .to_string();
    app.post_json_with(client, "tickets/get", json!({ "key": key })).await.json().await.unwrap()
}

async fn edit(app: &TestApp, client: &reqwest::Client, t: &Value, edit: Value) -> (u16, String) {
    let (id, version) = (t["ticket"]["id"].as_i64().unwrap(), t["ticket"]["version"].as_i64().unwrap());
    let res =
        app.post_json_with(client, "tickets/edit", json!({"id": id, "version": version, "edit": edit})).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Starts a wait for `reason` the one way there is: with the message that
/// asks the client (issue 17).
async fn wait(
    app: &TestApp,
    client: &reqwest::Client,
    t: &Value,
    reason: &str,
    message: &str,
) -> (u16, String) {
    let (id, version) = (t["ticket"]["id"].as_i64().unwrap(), t["ticket"]["version"].as_i64().unwrap());
    let edit = json!({"field": "waiting", "value": reason});
    let body = json!({"id": id, "version": version, "edit": edit, "message": message});
    let res = app.post_json_with(client, "tickets/edit", body).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn open_pauses(app: &TestApp, id: i64) -> Vec<String> {
    sqlx::query_scalar::<_, String>(
        "SELECT reason FROM ticket_pauses WHERE ticket_id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap()
}

fn history_of<'a>(t: &'a Value, field: &str) -> Vec<(Option<&'a str>, Option<&'a str>)> {
    t["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == field)
        .map(|h| (h["before"].as_str(), h["after"].as_str()))
        .collect()
}

async fn an_operator_changes_priority_and_assignee_and_the_history_keeps_both(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(
        t["actions"]["edits"],
        json!({"priority": true, "assignee": true, "start_wait": true, "end_wait": false, "estimate": false, "sprint": false,
               "category": true, "emergency": true, "development": false})
    );
    let offered: Vec<&str> =
        t["actions"]["assignees"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(offered.len() >= 3, "operators, consultants and leads are offered: {offered:?}");
    let before = t["ticket"]["priority"].as_str().unwrap().to_string();
    let new_priority = if before == "critical" { "low" } else { "critical" };

    let (status, body) = edit(&app, &operator, &t, json!({"field": "priority", "value": new_priority})).await;
    assert_eq!(status, 200, "{body}");
    let edited: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(edited["version"].as_i64(), Some(t["ticket"]["version"].as_i64().unwrap() + 1));

    let t = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(t["ticket"]["priority"], new_priority);
    assert_eq!(history_of(&t, "priority"), [(Some(before.as_str()), Some(new_priority))]);

    let consultant = user_id(&app, CONSULTANT).await;
    let (status, body) = edit(&app, &operator, &t, json!({"field": "assignee", "value": consultant})).await;
    assert_eq!(status, 200, "{body}");
    let t = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(t["ticket"]["assignee_id"].as_i64(), Some(consultant));
    let name = t["ticket"]["assignee"].as_str().unwrap().to_string();
    // Unassigning is a change too, recorded by name.
    let (status, body) = edit(&app, &operator, &t, json!({"field": "assignee", "value": null})).await;
    assert_eq!(status, 200, "{body}");
    let t = ticket(&app, &operator, UNANSWERED).await;
    assert!(t["ticket"]["assignee"].is_null());
    assert_eq!(history_of(&t, "assignee"), [(None, Some(name.as_str())), (Some(name.as_str()), None)]);
    app.cleanup().await;
}
on_both_backends!(an_operator_changes_priority_and_assignee_and_the_history_keeps_both);

async fn a_wait_pauses_the_sla_clock_until_it_ends(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, CRM).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    assert!(t["sla"]["countdown"]["frozen"].is_null(), "the reaction clock runs");

    let (status, body) = wait(&app, &operator, &t, "payment", "Please send the invoice details").await;
    assert_eq!(status, 200, "{body}");
    let t = ticket(&app, &operator, CRM).await;
    // The message that started the wait was the reaction; the resolution waits.
    assert_eq!(t["sla"]["clocks"][0]["state"], json!({"state": "met"}));
    assert_eq!(t["ticket"]["waiting"], "payment");
    assert_eq!(t["sla"]["countdown"]["frozen"], json!({"state": "paused", "reason": "payment"}));
    assert_eq!(open_pauses(&app, id).await, ["payment"]);

    // A new reason closes the open pause and starts the next.
    let (status, body) = wait(&app, &operator, &t, "client_info", "Which version do you run?").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(open_pauses(&app, id).await, ["client_info"]);
    let t = ticket(&app, &operator, CRM).await;
    let (status, body) = edit(&app, &operator, &t, json!({"field": "waiting", "value": null})).await;
    assert_eq!(status, 200, "{body}");

    let t = ticket(&app, &operator, CRM).await;
    assert!(t["ticket"]["waiting"].is_null());
    assert!(t["sla"]["countdown"]["frozen"].is_null(), "the clock runs again");
    assert!(open_pauses(&app, id).await.is_empty());
    assert_eq!(
        history_of(&t, "waiting"),
        [(None, Some("payment")), (Some("payment"), Some("client_info")), (Some("client_info"), None)]
    );
    app.cleanup().await;
}
on_both_backends!(a_wait_pauses_the_sla_clock_until_it_ends);

/// The card of `title` on `client`'s board.
async fn card_of(app: &TestApp, client: &reqwest::Client, title: &str) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("no card {title}"))
}

/// Issue 17: a wait for the client never starts silently. Without its
/// message — missing, blank, or on a change that takes none — the server
/// refuses, whatever the form did, and writes nothing.
async fn a_wait_without_its_message_is_refused_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, UNANSWERED).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    let total = app.change_events().await;

    for reason in ["client_info", "client_approval", "payment"] {
        let (status, body) = edit(&app, &operator, &t, json!({"field": "waiting", "value": reason})).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("wait_needs_message"), "{body}");
    }
    let (status, body) = wait(&app, &operator, &t, "client_info", "  \n ").await;
    assert_eq!(status, 422, "a blank message is none: {body}");
    let (id_, version) = (id, t["ticket"]["version"].as_i64().unwrap());
    let priority = json!({"id": id_, "version": version, "edit": {"field": "priority", "value": "low"}, "message": "hi"});
    let res = app.post_json_with(&operator, "tickets/edit", priority).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("message_only_with_wait"));

    assert_eq!(app.change_events().await, total, "no event");
    assert!(open_pauses(&app, id).await.is_empty(), "no pause");
    let after = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(after["ticket"]["version"], t["ticket"]["version"]);
    assert!(after["ticket"]["waiting"].is_null() && after["ticket"]["first_response_at"].is_null());
    assert!(after["comments"].as_array().unwrap().is_empty(), "no comment either");
    app.cleanup().await;
}
on_both_backends!(a_wait_without_its_message_is_refused_and_writes_nothing);

/// Issue 17: the message a wait starts with is a public reply — the
/// reaction — and the client sees it on the card and the page while the
/// wait lasts; the history says who paused and why.
async fn a_wait_starts_with_its_question_which_the_client_sees_until_they_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let t = ticket(&app, &operator, UNANSWERED).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    let question = "Какой склад считает резерв: основной или транзитный?";

    let (status, body) = wait(&app, &operator, &t, "client_info", question).await;
    assert_eq!(status, 200, "{body}");

    let seen = ticket(&app, &client, UNANSWERED).await;
    assert_eq!(seen["ticket"]["waiting"], "client_info");
    assert_eq!(seen["ticket"]["waiting_question"], question);
    assert!(seen["ticket"]["first_response_at"].is_string(), "the question is the reaction");
    let comments = seen["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        (comments[0]["body"].as_str(), comments[0]["internal"].as_bool()),
        (Some(question), Some(false))
    );
    let line = seen["history"].as_array().unwrap().iter().find(|h| h["field"] == "waiting").unwrap().clone();
    assert_eq!(line["who"], "Олег Петренко");
    assert_eq!((line["after"].as_str(), line["question"].as_str()), (Some("client_info"), Some(question)));
    assert_eq!(card_of(&app, &client, UNANSWERED).await["waiting_question"], question);
    assert_eq!(card_of(&app, &operator, UNANSWERED).await["waiting_question"], question);
    assert_eq!(open_pauses(&app, id).await, ["client_info"]);

    // The client's answer ends the wait, and the question leaves the card.
    let answer = json!({"id": id, "body": "Транзитный."});
    assert_eq!(app.post_json_with(&client, "tickets/comment", answer).await.status(), 200);
    let card = card_of(&app, &client, UNANSWERED).await;
    assert!(card["waiting"].is_null() && card["waiting_question"].is_null(), "{card}");
    assert!(ticket(&app, &client, UNANSWERED).await["ticket"]["waiting_question"].is_null());
    app.cleanup().await;
}
on_both_backends!(a_wait_starts_with_its_question_which_the_client_sees_until_they_answer);

async fn a_client_approves_a_wait_for_approval_but_cannot_end_other_waits(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let t = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(wait(&app, &operator, &t, "payment", "Please send the invoice details").await.0, 200);

    let t = ticket(&app, &client, UNANSWERED).await;
    assert_eq!(
        t["actions"]["edits"],
        json!({"priority": false, "assignee": false, "start_wait": false, "end_wait": false, "estimate": false, "sprint": false,
               "category": false, "emergency": false, "development": false})
    );
    assert!(t["actions"]["assignees"].as_array().unwrap().is_empty(), "clients get no list of agents");
    let (status, body) = edit(&app, &client, &t, json!({"field": "waiting", "value": null})).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Only support can end a wait for payment"), "{body}");

    let t = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(
        wait(&app, &operator, &t, "client_approval", "May we restart the server tonight?").await.0,
        200
    );
    let t = ticket(&app, &client, UNANSWERED).await;
    assert_eq!(t["actions"]["edits"]["end_wait"], true);
    let (status, body) = edit(&app, &client, &t, json!({"field": "waiting", "value": null})).await;
    assert_eq!(status, 200, "{body}");
    let t = ticket(&app, &client, UNANSWERED).await;
    assert!(t["ticket"]["waiting"].is_null());
    app.cleanup().await;
}
on_both_backends!(a_client_approves_a_wait_for_approval_but_cannot_end_other_waits);

async fn refused_edits_say_why_and_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (agro, _) = app.signed_in_client(AGRO_CLIENT).await;
    let t = ticket(&app, &operator, UNANSWERED).await;
    let version = t["ticket"]["version"].as_i64().unwrap();
    let id = t["ticket"]["id"].as_i64().unwrap();
    let same_priority = t["ticket"]["priority"].clone();

    let cases = [
        // A client may not reprioritise or assign (403).
        (&client, json!({"field": "priority", "value": "critical"}), 403, "may not change the priority"),
        (&client, json!({"field": "assignee", "value": 1}), 403, "may not change the assignee"),
        // Only agents are assigned; unknown users are not agents either.
        (
            &operator,
            json!({"field": "assignee", "value": user_id(&app, CLIENT).await}),
            422,
            "operators, consultants or leads",
        ),
        (&operator, json!({"field": "assignee", "value": 999_999}), 422, "operators, consultants or leads"),
        (&operator, json!({"field": "priority", "value": same_priority}), 422, "already has this value"),
        (&operator, json!({"field": "waiting", "value": null}), 422, "already has this value"),
        // Not an editable field, or not a value: the request itself is bad.
        (&operator, json!({"field": "status", "value": "archive"}), 400, ""),
        (&operator, json!({"field": "priority", "value": "urgent"}), 400, ""),
    ];
    for (who, e, want, words) in cases {
        let (status, body) = edit(&app, who, &t, e.clone()).await;
        assert_eq!(status, want, "{e}: {body}");
        assert!(body.contains(words), "{e}: {body}");
    }
    // Another organisation's ticket reads like a missing one.
    let foreign = edit(&app, &agro, &t, json!({"field": "priority", "value": "low"})).await;
    let missing = app
        .post_json_with(
            &agro,
            "tickets/edit",
            json!({"id": 999_999, "version": 1, "edit": {"field": "priority", "value": "low"}}),
        )
        .await;
    assert_eq!(foreign.0, 404);
    assert_eq!(foreign.1, missing.text().await.unwrap());
    // An extra field in the arguments is refused, not ignored.
    let extra = app
        .post_json_with(
            &operator,
            "tickets/edit",
            json!({"id": id, "version": version, "edit": {"field": "priority", "value": "low"}, "organisation_id": 1}),
        )
        .await;
    assert_eq!(extra.status(), 400);

    let after = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(after["ticket"]["version"].as_i64(), Some(version), "nothing was written");
    assert!(history_of(&after, "priority").is_empty() && history_of(&after, "assignee").is_empty());
    app.cleanup().await;
}
on_both_backends!(refused_edits_say_why_and_change_nothing);

async fn a_stale_edit_is_refused_with_409(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let seen = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(wait(&app, &lead, &seen, "payment", "Please send the invoice details").await.0, 200);

    let (status, body) = edit(&app, &operator, &seen, json!({"field": "priority", "value": "low"})).await;

    assert_eq!(status, 409, "{body}");
    assert!(body.contains("Someone else changed this ticket first"), "{body}");
    // What a stale edit names is not judged: it is stale first, even when
    // the sprint does not exist or the assignee is nobody.
    let (status, body) = edit(&app, &lead, &seen, json!({"field": "sprint", "value": 999_999})).await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = edit(&app, &lead, &seen, json!({"field": "assignee", "value": 999_999})).await;
    assert_eq!(status, 409, "{body}");
    let after = ticket(&app, &operator, UNANSWERED).await;
    assert_eq!(after["ticket"]["priority"], seen["ticket"]["priority"]);
    app.cleanup().await;
}
on_both_backends!(a_stale_edit_is_refused_with_409);

/// The resolution clock of a ticket page's data: its target, if it runs.
fn resolution_target(t: &Value) -> Option<Value> {
    t["sla"]["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "resolution")
        .map(|c| c["target"].clone())
}

async fn an_estimate_sets_the_resolution_target_of_a_change_request(backend: Backend) {
    let app = spawn_app(backend).await;
    // ТОВ «Смарт Трейд» is on the Smart Systems policy (seed 000): change
    // requests are resolved by their estimate.
    let (client, _) = app.signed_in_client(SMART_CLIENT).await;
    let res = app
        .post_json_with(
            &client,
            "tickets/create",
            json!({"title": "Экспорт заказов в 1С", "category": "change_request", "priority": "normal"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let key = res.json::<Value>().await.unwrap()["key"].as_str().unwrap().to_string();
    let (lead, _) = app.signed_in_client(LEAD).await;
    let get = |c: &reqwest::Client| {
        let c = c.clone();
        let key = key.clone();
        let app = &app;
        async move {
            app.post_json_with(&c, "tickets/get", json!({ "key": key })).await.json::<Value>().await.unwrap()
        }
    };
    let t = get(&lead).await;
    assert_eq!(resolution_target(&t), None, "no resolution target before the estimate");
    assert!(t["ticket"]["estimate_hours"].is_null());
    assert_eq!(t["actions"]["edits"]["estimate"], true);

    // The first line does not estimate; nonsense is refused.
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (status, body) =
        edit(&app, &operator, &get(&operator).await, json!({"field": "estimate", "value": 16})).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = edit(&app, &lead, &t, json!({"field": "estimate", "value": 0})).await;
    assert_eq!((status, body.contains("1 to 10000 working hours")), (422, true), "{body}");

    let (status, body) = edit(&app, &lead, &t, json!({"field": "estimate", "value": 16})).await;
    assert_eq!(status, 200, "{body}");
    let t = get(&lead).await;
    assert_eq!(t["ticket"]["estimate_hours"], 16);
    assert_eq!(resolution_target(&t), Some(json!({"hours": 16})));
    assert_eq!(history_of(&t, "estimate"), [(None, Some("16"))]);
    // The client sees the deadline the estimate gives, not who may change it.
    let seen = get(&client).await;
    assert_eq!(resolution_target(&seen), Some(json!({"hours": 16})));
    assert_eq!(seen["actions"]["edits"]["estimate"], false);

    // Clearing the estimate takes the target away again.
    let (status, body) = edit(&app, &lead, &t, json!({"field": "estimate", "value": null})).await;
    assert_eq!(status, 200, "{body}");
    let t = get(&lead).await;
    assert_eq!(resolution_target(&t), None);
    assert_eq!(history_of(&t, "estimate"), [(None, Some("16")), (Some("16"), None)]);
    app.cleanup().await;
}
on_both_backends!(an_estimate_sets_the_resolution_target_of_a_change_request);
