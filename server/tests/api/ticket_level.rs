//! The SLA level of a ticket (issue 15): an agent confirms an emergency or
//! hands a ticket to development, corrects its category; the targets and the
//! stored milestones follow from `received_at`, the pause ledger kept; who
//! may, and what a ticket without a contract counts on.

use crate::helpers::{error_of, spawn_app, Backend, TestApp, ADMIN, CLIENT, CONSULTANT, LEAD, OPERATOR};
use crate::on_both_backends;
use app::domain::sla::{deadline, Budget, BusinessCalendar, PauseLedger};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

const AGRO_CLIENT: &str = "client@agro.example";
const SMART_CLIENT: &str = "client@smarttrade.example";
/// Техномаркет (commercial, no special agreement): a high incident in the
/// backlog, unanswered.
const TECHNOMARKET: &str = "Отчёт по остаткам считает резерв дважды";
/// АгроХолдинг (AgroSoft policy): an incident waiting for the client's information.
const AGRO_WAITING: &str = "Не загружаются данные с весовой №3";
/// Смарт Трейд (Smart Systems policy): a high incident in the backlog.
const SMART_INCIDENT: &str = "Не відкривається картка клієнта в CRM";

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

/// The board's card of `title`, as `client` sees the board.
async fn card(app: &TestApp, client: &reqwest::Client, title: &str) -> Value {
    let board: Value = app.post_json_with(client, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["title"] == title)
        .unwrap()
}

async fn edit(app: &TestApp, client: &reqwest::Client, t: &Value, edit: Value) -> reqwest::Response {
    let (id, version) = (t["ticket"]["id"].as_i64().unwrap(), t["ticket"]["version"].as_i64().unwrap());
    app.post_json_with(client, "tickets/edit", json!({"id": id, "version": version, "edit": edit})).await
}

/// The target of clock `kind` on the ticket page, if it has one.
fn target(t: &Value, kind: &str) -> Option<Value> {
    t["sla"]["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == kind).map(|c| c["target"].clone())
}

/// The stored milestone's deadline of clock `kind` (unix seconds).
async fn stored_due(app: &TestApp, id: i64, kind: &str) -> Option<i64> {
    sqlx::query_scalar::<_, Option<i64>>("SELECT due_at FROM ticket_sla WHERE ticket_id = $1 AND clock = $2")
        .bind(id)
        .bind(kind)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

fn page_due(t: &Value, kind: &str) -> Option<i64> {
    t["sla"]["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .and_then(|c| c["due"].as_str())
        .map(|d| DateTime::parse_from_rfc3339(d).unwrap().timestamp())
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

async fn an_operator_confirms_an_emergency_and_withdrawing_it_returns_the_contracts_level(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, TECHNOMARKET).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    assert_eq!(t["sla"]["level"], json!({"level": "commercial_standard", "mark": "contract"}));
    assert_eq!(target(&t, "reaction"), Some(json!({"hours": 24})));
    let standard_due = stored_due(&app, id, "reaction").await.expect("a running reaction clock");

    let res = edit(&app, &operator, &t, json!({"field": "level", "value": "emergency"})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let t = ticket(&app, &operator, TECHNOMARKET).await;
    // Seed 001: commercial operative, 12 business hours, from received_at.
    assert_eq!(t["sla"]["level"], json!({"level": "commercial_operative", "mark": "emergency"}));
    assert_eq!(t["ticket"]["level_mark"], "emergency");
    assert_eq!(target(&t, "reaction"), Some(json!({"hours": 12})));
    let emergency_due = stored_due(&app, id, "reaction").await.unwrap();
    assert!(emergency_due < standard_due, "12 bh end before 24 bh");
    assert_eq!(Some(emergency_due), page_due(&t, "reaction"), "the stored milestone is the page's deadline");
    assert_eq!(
        history_of(&t, "level_emergency"),
        [(Some("commercial_standard"), Some("commercial_operative"))]
    );
    assert_eq!(card(&app, &operator, TECHNOMARKET).await["level"], t["sla"]["level"]);
    let event = app.events_of(id).await.pop().unwrap();
    assert_eq!(event.kind, "edited");
    assert_eq!(
        event.payload,
        json!({"kind": "edited", "field": "level", "mark": "emergency",
               "from": "commercial_standard", "to": "commercial_operative"})
    );
    assert_eq!(event.visibility, "public");
    // The client sees the level and the line in the history.
    let (client, _) = app.signed_in_client(CLIENT).await;
    let seen = ticket(&app, &client, TECHNOMARKET).await;
    assert_eq!(seen["sla"]["level"]["mark"], "emergency");
    assert_eq!(history_of(&seen, "level_emergency").len(), 1);

    let res = edit(&app, &operator, &t, json!({"field": "level", "value": "contract"})).await;
    assert_eq!(res.status(), 200);
    let t = ticket(&app, &operator, TECHNOMARKET).await;
    assert_eq!(t["sla"]["level"], json!({"level": "commercial_standard", "mark": "contract"}));
    assert_eq!(stored_due(&app, id, "reaction").await, Some(standard_due), "recomputed from received_at");
    assert_eq!(
        history_of(&t, "level_contract"),
        [(Some("commercial_operative"), Some("commercial_standard"))]
    );
    app.cleanup().await;
}
on_both_backends!(an_operator_confirms_an_emergency_and_withdrawing_it_returns_the_contracts_level);

async fn needs_development_gives_agrosoft_its_development_level_and_keeps_the_wait(backend: Backend) {
    let app = spawn_app(backend).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let t = ticket(&app, &consultant, AGRO_WAITING).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    assert_eq!(t["sla"]["countdown"]["frozen"]["state"], "paused");
    let pauses_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_pauses WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();

    let res = edit(&app, &consultant, &t, json!({"field": "level", "value": "development"})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let t = ticket(&app, &consultant, AGRO_WAITING).await;
    assert_eq!(t["sla"]["level"], json!({"level": "development", "mark": "development"}));
    assert_eq!(target(&t, "reaction"), Some(json!({"working_days": 24})));
    // The pause ledger survives the change: the clock is still paused.
    assert_eq!(t["sla"]["countdown"]["frozen"]["state"], "paused");
    let pauses_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_pauses WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(pauses_after, pauses_before);
    assert_eq!(history_of(&t, "level_development"), [(Some("commercial_standard"), Some("development"))]);
    let phase: String =
        sqlx::query_scalar("SELECT phase FROM ticket_sla WHERE ticket_id = $1 AND clock = 'reaction'")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(phase, "paused", "the stored milestone follows");
    app.cleanup().await;
}
on_both_backends!(needs_development_gives_agrosoft_its_development_level_and_keeps_the_wait);

async fn smart_systems_development_resolves_by_the_estimate(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let t = ticket(&app, &lead, SMART_INCIDENT).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    // Seed 000 as read: 336 calendar hours for an error.
    assert_eq!(target(&t, "resolution"), Some(json!({"calendar_hours": 336})));

    assert_eq!(edit(&app, &lead, &t, json!({"field": "level", "value": "development"})).await.status(), 200);
    let t = ticket(&app, &lead, SMART_INCIDENT).await;
    assert_eq!(t["sla"]["level"], json!({"level": "commercial_standard", "mark": "development"}));
    assert_eq!(target(&t, "resolution"), None, "no resolution target until estimated");
    assert_eq!(target(&t, "reaction"), Some(json!({"minutes": 60})));

    assert_eq!(edit(&app, &lead, &t, json!({"field": "estimate", "value": 30})).await.status(), 200);
    let t = ticket(&app, &lead, SMART_INCIDENT).await;
    assert_eq!(target(&t, "resolution"), Some(json!({"hours": 30})));
    assert_eq!(stored_due(&app, id, "resolution").await, page_due(&t, "resolution"));
    app.cleanup().await;
}
on_both_backends!(smart_systems_development_resolves_by_the_estimate);

async fn an_operator_corrects_the_category_and_the_targets_follow(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, SMART_INCIDENT).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    let res = edit(&app, &operator, &t, json!({"field": "category", "value": "consultation"})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let t = ticket(&app, &operator, SMART_INCIDENT).await;
    assert_eq!(t["ticket"]["category"], "consultation");
    assert_eq!(target(&t, "resolution"), Some(json!({"calendar_hours": 24})));
    assert_eq!(stored_due(&app, id, "resolution").await, page_due(&t, "resolution"));
    assert_eq!(history_of(&t, "category"), [(Some("incident"), Some("consultation"))]);
    let event = app.events_of(id).await.pop().unwrap();
    assert_eq!(
        event.payload,
        json!({"kind": "edited", "field": "category", "from": "incident", "to": "consultation"})
    );
    // The same value again changes nothing.
    let res = edit(&app, &operator, &t, json!({"field": "category", "value": "consultation"})).await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["code"], "unchanged");
    app.cleanup().await;
}
on_both_backends!(an_operator_corrects_the_category_and_the_targets_follow);

async fn clients_operators_and_other_organisations_are_refused_and_nothing_is_written(backend: Backend) {
    let app = spawn_app(backend).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (other, _) = app.signed_in_client(AGRO_CLIENT).await;
    let (smart_client, _) = app.signed_in_client(SMART_CLIENT).await;
    let own = ticket(&app, &client, TECHNOMARKET).await;
    let id = own["ticket"]["id"].as_i64().unwrap();
    let events = app.change_events().await;
    for e in [
        json!({"field": "level", "value": "emergency"}),
        json!({"field": "level", "value": "development"}),
        json!({"field": "category", "value": "consultation"}),
    ] {
        // The ticket's own client may not.
        let res = edit(&app, &client, &own, e.clone()).await;
        assert_eq!(res.status(), 403, "{e}");
        assert_eq!(error_of(res).await["code"], "field_not_permitted", "{e}");
        // Another organisation's client never learns the ticket exists.
        for stranger in [&other, &smart_client] {
            let res = edit(&app, stranger, &own, e.clone()).await;
            assert_eq!(res.status(), 404, "{e}");
        }
    }
    // Handing to development is the second line's: an operator may not.
    let t = ticket(&app, &operator, TECHNOMARKET).await;
    let res = edit(&app, &operator, &t, json!({"field": "level", "value": "development"})).await;
    assert_eq!(res.status(), 403);
    assert_eq!(error_of(res).await["code"], "field_not_permitted");
    let after = ticket(&app, &operator, TECHNOMARKET).await;
    assert_eq!(after["ticket"]["version"], t["ticket"]["version"]);
    assert_eq!(after["sla"]["level"]["mark"], "contract");
    assert_eq!(app.change_events().await, events, "no event for a refusal");
    let mark: String = sqlx::query_scalar("SELECT level_mark FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(mark, "contract");
    app.cleanup().await;
}
on_both_backends!(clients_operators_and_other_organisations_are_refused_and_nothing_is_written);

async fn without_a_contract_general_consultation_counts_on_the_desks_calendar(backend: Backend) {
    let app = spawn_app(backend).await;
    // The Техномаркет contract starts only after its tickets came in.
    sqlx::query(
        "UPDATE contracts SET valid_from = $1
         WHERE organisation_id = (SELECT organisation_id FROM users WHERE email = $2)",
    )
    .bind(Utc::now().timestamp() + 86_400)
    .bind(CLIENT)
    .execute(&app.store.pool)
    .await
    .unwrap();
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    // Make AgroSoft's 05:00–14:00 the desk's calendar (it recomputes).
    let (five_to_two, spec): (i64, String) =
        sqlx::query_as("SELECT id, spec FROM calendars WHERE name = 'Mon–Fri 05:00–14:00 Moscow'")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    let res = app.post_json_with(&operator, "calendars/desk", json!({"id": five_to_two})).await;
    assert_eq!(res.status(), 403, "admins only");
    let res = app.post_json_with(&admin, "calendars/desk", json!({"id": five_to_two})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let res = app.post_json_with(&admin, "calendars/desk", json!({"id": 999_999})).await;
    assert_eq!(res.status(), 404);

    let t = ticket(&app, &operator, TECHNOMARKET).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    assert_eq!(t["sla"]["level"], json!({"level": "general_consultation", "mark": "contract"}));
    assert_eq!(target(&t, "reaction"), Some(json!({"hours": 40})));
    let received = DateTime::parse_from_rfc3339(t["ticket"]["received_at"].as_str().unwrap()).unwrap();
    let desk = BusinessCalendar::from_json(&spec).unwrap();
    let expected = deadline(&desk, received.with_timezone(&Utc), Budget::Hours(40), &PauseLedger::new())
        .unwrap()
        .timestamp();
    assert_eq!(page_due(&t, "reaction"), Some(expected), "40 bh on the desk's 05:00–14:00");
    assert_eq!(stored_due(&app, id, "reaction").await, Some(expected));
    // No emergency support without a contract.
    let res = edit(&app, &operator, &t, json!({"field": "level", "value": "emergency"})).await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["code"], "no_contract");
    app.cleanup().await;
}
on_both_backends!(without_a_contract_general_consultation_counts_on_the_desks_calendar);

async fn a_policy_says_which_waits_pause_the_clock(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let t = ticket(&app, &operator, AGRO_WAITING).await;
    let id = t["ticket"]["id"].as_i64().unwrap();
    assert_eq!(t["ticket"]["waiting"], "client_info");
    assert_eq!(t["sla"]["countdown"]["frozen"]["state"], "paused");

    // AgroSoft's desk decides a wait for information no longer stops the clock.
    let data: Value = app.post_json_with(&admin, "admin/data", json!({})).await.json().await.unwrap();
    let mut policy =
        data["policies"].as_array().unwrap().iter().find(|p| p["code"] == "agrosoft").unwrap().clone();
    assert_eq!(policy["pausing"], json!({"client_info": true, "client_approval": true, "payment": true}));
    policy["pausing"]["client_info"] = json!(false);
    let res =
        app.post_json_with(&admin, "admin/policies/save", json!({"is_new": false, "policy": policy})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let t = ticket(&app, &operator, AGRO_WAITING).await;
    assert_eq!(t["ticket"]["waiting"], "client_info", "still waiting, as the card shows");
    assert!(t["sla"]["countdown"]["frozen"]["state"] != "paused", "{}", t["sla"]["countdown"]);
    let phase: String =
        sqlx::query_scalar("SELECT phase FROM ticket_sla WHERE ticket_id = $1 AND clock = 'reaction'")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_ne!(phase, "paused", "the stored milestone runs too");
    app.cleanup().await;
}
on_both_backends!(a_policy_says_which_waits_pause_the_clock);
