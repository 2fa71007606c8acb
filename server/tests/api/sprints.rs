//! Sprints (SPEC §5): the lead's sprints, planning tickets into them from
//! the ticket page, and the plan's SLA flags.

use crate::helpers::{spawn_app, Backend, TestApp, CLIENT, CONSULTANT, LEAD, OPERATOR};
use crate::on_both_backends;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde_json::{json, Value};

async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> (u16, String) {
    let res = app.post_json_with(client, endpoint, body).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

fn sprint_body(name: &str, starts_on: NaiveDate, length_days: i64) -> Value {
    json!({
        "name": name,
        "goal": "Закрыть инциденты кассы до праздников",
        "starts_on": starts_on.format("%Y-%m-%d").to_string(),
        "length_days": length_days,
        "capacity_hours": 80,
    })
}

/// The `(field, problem)` codes of a 422 form answer.
fn problems(status: u16, body: &str) -> Vec<(String, String)> {
    assert_eq!(status, 422, "{body}");
    let json: Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["error"], "invalid", "{body}");
    json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect()
}

async fn sprints(app: &TestApp, client: &reqwest::Client) -> Value {
    let (status, body) = call(app, client, "sprints/list", json!({})).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The key of a backlog ticket whose resolution clock runs (the planning
/// view's backlog puts the least time left first).
async fn a_running_ticket(app: &TestApp, lead: &reqwest::Client, sprint: i64) -> String {
    let (status, body) = call(app, lead, "sprints/plan_view", json!({"id": sprint})).await;
    assert_eq!(status, 200, "{body}");
    let view: Value = serde_json::from_str(&body).unwrap();
    view["backlog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["resolution"]["clock"] == "running" && c["resolution"]["due"].as_str() > Some(""))
        .expect("a backlog ticket with a running resolution clock")["key"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Any backlog card.
async fn a_backlog_ticket(app: &TestApp, lead: &reqwest::Client) -> String {
    let board: Value = app.post_json_with(lead, "board", json!({})).await.json().await.unwrap();
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["status"] == "backlog")
        .expect("a backlog card")["key"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn get(app: &TestApp, client: &reqwest::Client, key: &str) -> Value {
    app.post_json_with(client, "tickets/get", json!({ "key": key })).await.json().await.unwrap()
}

async fn edit(app: &TestApp, client: &reqwest::Client, t: &Value, edit: Value) -> (u16, String) {
    let (id, version) = (t["ticket"]["id"].as_i64().unwrap(), t["ticket"]["version"].as_i64().unwrap());
    call(app, client, "tickets/edit", json!({"id": id, "version": version, "edit": edit})).await
}

async fn a_lead_plans_a_ticket_into_a_sprint_and_the_plan_flags_its_deadline(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let today = Utc::now().date_naive();
    // Clear of the demo's sprints: well after them.
    let start = today.checked_add_days(Days::new(400)).unwrap();
    let (status, body) = call(&app, &lead, "sprints/save", sprint_body(" Спринт 60 ", start, 14)).await;
    assert_eq!(status, 200, "{body}");
    let sprint_id: i64 = body.parse().unwrap();

    // The form's rules, checked again by the server.
    let (status, body) = call(
        &app,
        &lead,
        "sprints/save",
        sprint_body("Спринт 61", start.checked_add_days(Days::new(13)).unwrap(), 14),
    )
    .await;
    assert_eq!(problems(status, &body), [("starts_on".to_string(), "overlaps".to_string())]);
    let (status, body) = call(
        &app,
        &lead,
        "sprints/save",
        sprint_body("Спринт 60", start.checked_add_days(Days::new(14)).unwrap(), 14),
    )
    .await;
    assert_eq!(problems(status, &body), [("name".to_string(), "taken".to_string())]);
    let (status, body) = call(
        &app,
        &lead,
        "sprints/save",
        sprint_body(" ", start.checked_add_days(Days::new(100)).unwrap(), 0),
    )
    .await;
    assert_eq!(
        problems(status, &body),
        [
            ("name".to_string(), "required".to_string()),
            ("length_days".to_string(), "out_of_range".to_string())
        ]
    );

    let listed = sprints(&app, &lead).await;
    assert_eq!(listed["can_manage"], true);
    let s = listed["sprints"].as_array().unwrap().iter().find(|s| s["id"] == sprint_id).unwrap().clone();
    assert_eq!(s["name"], "Спринт 60");
    assert_eq!(s["phase"], "planned");
    assert_eq!(s["ends_on"], start.checked_add_days(Days::new(13)).unwrap().format("%Y-%m-%d").to_string());
    assert_eq!((s["length_days"].as_i64(), s["estimated_hours"].as_i64()), (Some(14), Some(0)));

    // Planning from the ticket page: the lead plans, history keeps the name.
    let key = a_running_ticket(&app, &lead, sprint_id).await;
    let t = get(&app, &lead, &key).await;
    assert_eq!(t["actions"]["edits"]["sprint"], true);
    assert!(t["actions"]["sprints"].as_array().unwrap().iter().any(|o| o["id"] == sprint_id));
    let (status, body) = edit(&app, &lead, &t, json!({"field": "sprint", "value": sprint_id})).await;
    assert_eq!(status, 200, "{body}");
    let t = get(&app, &lead, &key).await;
    assert_eq!(t["ticket"]["sprint"], "Спринт 60");
    let history: Vec<_> = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == "sprint")
        .map(|h| h["after"].clone())
        .collect();
    assert_eq!(history, [json!("Спринт 60")]);
    let (status, body) = edit(&app, &lead, &t, json!({"field": "estimate", "value": 12})).await;
    assert_eq!(status, 200, "{body}");

    let s = sprints(&app, &lead).await["sprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == sprint_id)
        .unwrap()
        .clone();
    assert_eq!(s["estimated_hours"], 12);
    let planned = s["tickets"].as_array().unwrap();
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0]["key"], key.as_str());
    // The ticket's deadline is days away; the sprint ends in over a year.
    let due: DateTime<Utc> = serde_json::from_value(planned[0]["due"].clone()).unwrap();
    assert!(due < Utc::now() + chrono::Duration::days(60), "{due}");
    assert_eq!(planned[0]["due_before_end"], true, "due before the sprint ends: flagged");
    // On the ticket's calendar, with its zone, as the ticket page shows it.
    let due_local = planned[0]["due_local"].as_str().unwrap();
    let (wall, zone) = due_local.rsplit_once(' ').unwrap();
    assert!(chrono::NaiveDateTime::parse_from_str(wall, "%Y-%m-%d %H:%M").is_ok(), "{due_local}");
    assert!(zone.len() >= 3 && zone.chars().all(|c| c.is_ascii_uppercase()), "{due_local}");

    // Taken out again.
    let t = get(&app, &lead, &key).await;
    let (status, body) = edit(&app, &lead, &t, json!({"field": "sprint", "value": null})).await;
    assert_eq!(status, 200, "{body}");
    assert!(get(&app, &lead, &key).await["ticket"]["sprint"].is_null());
    app.cleanup().await;
}
on_both_backends!(a_lead_plans_a_ticket_into_a_sprint_and_the_plan_flags_its_deadline);

async fn only_leads_plan_and_nobody_plans_into_an_ended_sprint(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let old = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    let (status, body) = call(&app, &lead, "sprints/save", sprint_body("Спринт 1", old, 14)).await;
    assert_eq!(status, 200, "{body}");
    let ended: i64 = body.parse().unwrap();
    let listed = sprints(&app, &lead).await;
    let s = listed["sprints"].as_array().unwrap().iter().find(|s| s["id"] == ended).unwrap().clone();
    assert_eq!(s["phase"], "finished");

    let key = a_backlog_ticket(&app, &lead).await;
    let t = get(&app, &lead, &key).await;
    assert!(
        !t["actions"]["sprints"].as_array().unwrap().iter().any(|o| o["id"] == ended),
        "ended sprints are not offered"
    );
    let (status, body) = edit(&app, &lead, &t, json!({"field": "sprint", "value": ended})).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = edit(&app, &lead, &t, json!({"field": "sprint", "value": 999_999})).await;
    assert_eq!(status, 422, "{body}");

    for agent in [OPERATOR, CONSULTANT] {
        let (client, _) = app.signed_in_client(agent).await;
        let (status, _) = call(
            &app,
            &client,
            "sprints/save",
            sprint_body("Спринт 2", old.checked_add_days(Days::new(14)).unwrap(), 14),
        )
        .await;
        assert_eq!(status, 403, "{agent} creates no sprints");
        let (status, _) =
            edit(&app, &client, &get(&app, &client, &key).await, json!({"field": "sprint", "value": ended}))
                .await;
        assert_eq!(status, 403, "{agent} plans no tickets");
        assert_eq!(sprints(&app, &client).await["can_manage"], false, "{agent} sees the sprints");
    }

    // Clients neither see the sprints nor learn a ticket's sprint.
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (status, _) = call(&app, &client, "sprints/list", json!({})).await;
    assert_eq!(status, 403);
    let board: Value = app.post_json_with(&client, "board", json!({})).await.json().await.unwrap();
    let own_key = board["columns"][0]["cards"][0]["key"].as_str().unwrap().to_string();
    let own = get(&app, &client, &own_key).await;
    assert!(own["ticket"]["sprint"].is_null());
    assert_eq!(own["actions"]["sprints"], json!([]));
    app.cleanup().await;
}
on_both_backends!(only_leads_plan_and_nobody_plans_into_an_ended_sprint);
