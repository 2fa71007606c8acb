//! Sprint planning (issue 16): the one rule (a ticket in the Sprint column
//! belongs to a sprint) through every way in, the plan's order and forecast,
//! closing with carry-over, the report and charts — leads only.

use crate::helpers::{error_of, spawn_app, Backend, TestApp, CLIENT, CONSULTANT, LEAD, OPERATOR};
use crate::on_both_backends;
use chrono::{Days, Utc};
use serde_json::{json, Value};

async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> (u16, Value) {
    let res = app.post_json_with(client, endpoint, body).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn ok(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> Value {
    let (status, body) = call(app, client, endpoint, body).await;
    assert_eq!(status, 200, "{endpoint}: {body}");
    body
}

/// `(status, code)` of a refusal.
async fn refused(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> (u16, String) {
    let res = app.post_json_with(client, endpoint, body).await;
    let status = res.status().as_u16();
    let e = error_of(res).await;
    (status, e["code"].as_str().unwrap_or("").to_string())
}

async fn sprint_id(app: &TestApp, lead: &reqwest::Client, name: &str) -> i64 {
    let list = ok(app, lead, "sprints/list", json!({})).await;
    list["sprints"].as_array().unwrap().iter().find(|s| s["name"] == name).expect(name)["id"]
        .as_i64()
        .unwrap()
}

/// A ticket as the board shows it: (id, version, status).
async fn card(app: &TestApp, client: &reqwest::Client, id: i64) -> (i64, i64, String) {
    let board = ok(app, client, "board", json!({})).await;
    let c = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["id"] == id)
        .expect("the card is on the board");
    (id, c["version"].as_i64().unwrap(), c["status"].as_str().unwrap().to_string())
}

/// The ids of `n` backlog cards not planned into any sprint.
async fn backlog_ids(app: &TestApp, lead: &reqwest::Client, sprint: i64, n: usize) -> Vec<i64> {
    let view = ok(app, lead, "sprints/plan_view", json!({"id": sprint})).await;
    let ids: Vec<i64> =
        view["backlog"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).take(n).collect();
    assert_eq!(ids.len(), n, "the demo has {n} backlog tickets: {view}");
    ids
}

async fn ticket_page(app: &TestApp, client: &reqwest::Client, id: i64) -> Value {
    let board = ok(app, client, "board", json!({})).await;
    let key = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .find(|c| c["id"] == id)
        .map(|c| c["key"].as_str().unwrap().to_string())
        .expect("on the board");
    ok(app, client, "tickets/get", json!({"key": key})).await
}

async fn plan(app: &TestApp, lead: &reqwest::Client, id: i64, sprint: Option<i64>) -> Value {
    let (_, version, _) = card(app, lead, id).await;
    ok(app, lead, "sprints/plan", json!({"ticket": id, "version": version, "sprint": sprint})).await
}

async fn a_drag_into_sprint_plans_into_the_current_sprint_and_out_returns_to_backlog(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    let [id] = backlog_ids(&app, &lead, current, 1).await[..] else { unreachable!() };
    let (_, version, status) = card(&app, &lead, id).await;
    assert_eq!(status, "backlog");
    let before = app.events_of(id).await.len();

    // The board's drag into the Sprint column plans it into the running sprint.
    ok(&app, &lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version})).await;
    let page = ticket_page(&app, &lead, id).await;
    assert_eq!(page["ticket"]["status"], "sprint");
    assert_eq!(page["ticket"]["sprint"], "Спринт 48");
    let events = app.events_of(id).await;
    let new: Vec<(&str, &str)> =
        events[before..].iter().map(|e| (e.kind.as_str(), e.visibility.as_str())).collect();
    assert_eq!(new, [("moved", "public"), ("planned", "internal")], "one change, two facts");
    assert_eq!(events[before + 1].seq, events[before].seq + 1);
    // The history says so once: the sprint line stands for the move.
    // (The SLA watcher may add its own lines at any moment: filtered.)
    let history = page["history"].as_array().unwrap();
    let sprint_lines: Vec<&Value> = history.iter().filter(|h| h["field"] == "sprint").collect();
    assert_eq!(sprint_lines.len(), 1, "{history:?}");
    assert_eq!(sprint_lines[0]["after"], "Спринт 48");
    assert!(!history.iter().any(|h| h["field"] == "status" && h["after"] == "sprint"), "{history:?}");
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert_eq!(view["planned"].as_array().unwrap().last().unwrap()["id"], id, "planned last");
    assert!(!view["backlog"].as_array().unwrap().iter().any(|c| c["id"] == id));

    // Dragged back out of the Sprint column: out of the sprint too.
    let (_, version, _) = card(&app, &lead, id).await;
    ok(&app, &lead, "tickets/move", json!({"id": id, "to": "backlog", "version": version})).await;
    let page = ticket_page(&app, &lead, id).await;
    assert_eq!(page["ticket"]["status"], "backlog");
    assert!(page["ticket"]["sprint"].is_null());
    let kinds: Vec<String> = app.events_of(id).await[before + 2..].iter().map(|e| e.kind.clone()).collect();
    assert_eq!(kinds, ["moved", "planned"]);

    // Planning from the planning view moves it; unplanning returns it.
    let planned = plan(&app, &lead, id, Some(current)).await;
    assert_eq!(card(&app, &lead, id).await.2, "sprint");
    let version = planned["version"].as_i64().unwrap();
    let (status, _) =
        refused(&app, &lead, "sprints/unplan", json!({"ticket": id, "version": version - 1})).await;
    assert_eq!(status, 409, "a stale version changes nothing");
    ok(&app, &lead, "sprints/unplan", json!({"ticket": id, "version": version})).await;
    assert_eq!(card(&app, &lead, id).await.2, "backlog");
    let (status, code) =
        refused(&app, &lead, "sprints/unplan", json!({"ticket": id, "version": version + 1})).await;
    assert_eq!((status, code.as_str()), (422, "not_planned"));
    app.cleanup().await;
}
on_both_backends!(a_drag_into_sprint_plans_into_the_current_sprint_and_out_returns_to_backlog);

async fn only_leads_plan_and_clients_see_no_sprints(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    let [id] = backlog_ids(&app, &lead, current, 1).await[..] else { unreachable!() };
    let events = app.change_events().await;
    for agent in [OPERATOR, CONSULTANT] {
        let (client, _) = app.signed_in_client(agent).await;
        let (_, version, _) = card(&app, &client, id).await;
        let body = json!({"ticket": id, "version": version, "sprint": current});
        assert_eq!(refused(&app, &client, "sprints/plan", body).await.0, 403, "{agent}");
        let (status, code) =
            refused(&app, &client, "tickets/move", json!({"id": id, "to": "sprint", "version": version}))
                .await;
        assert_eq!((status, code.as_str()), (422, "role_not_allowed"), "{agent}");
        assert_eq!(
            refused(&app, &client, "sprints/reorder", json!({"sprint": current, "order": []})).await.0,
            403
        );
        assert_eq!(
            refused(&app, &client, "sprints/close", json!({"sprint": current, "decisions": []})).await.0,
            403
        );
        // Agents read the plan; they may not change it.
        let view = ok(&app, &client, "sprints/plan_view", json!({"id": current})).await;
        assert_eq!(view["can_plan"], false);
    }
    let (client, _) = app.signed_in_client(CLIENT).await;
    for (endpoint, body) in [
        ("sprints/plan_view", json!({"id": current})),
        ("sprints/charts", json!({"id": current})),
        ("sprints/plan", json!({"ticket": id, "version": 1})),
        ("sprints/unplan", json!({"ticket": id, "version": 1})),
    ] {
        assert_eq!(refused(&app, &client, endpoint, body).await.0, 403, "{endpoint}");
    }
    assert_eq!(app.change_events().await, events, "nothing written");
    // Bad input is a 4xx, never a 5xx.
    assert_eq!(refused(&app, &lead, "sprints/plan_view", json!({"id": 999_999})).await.0, 404);
    assert_eq!(refused(&app, &lead, "sprints/plan", json!({"ticket": "x", "version": 1})).await.0, 400);
    assert_eq!(refused(&app, &lead, "sprints/plan", json!({"ticket": 999_999, "version": 1})).await.0, 404);
    let (status, code) =
        refused(&app, &lead, "sprints/plan", json!({"ticket": id, "version": 1, "sprint": 999_999})).await;
    assert_eq!((status, code.as_str()), (422, "sprint_not_open"));
    let body = json!({"sprint": current, "decisions": [{"ticket": id, "to": "elsewhere"}]});
    assert_eq!(refused(&app, &lead, "sprints/close", body).await.0, 400);
    app.cleanup().await;
}
on_both_backends!(only_leads_plan_and_clients_see_no_sprints);

async fn with_several_sprints_open_and_none_running_the_lead_is_asked_which(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    let [id] = backlog_ids(&app, &lead, current, 1).await[..] else { unreachable!() };
    // Another sprint after the demo's planned one, and the running one closed.
    let start = Utc::now().date_naive().checked_add_days(Days::new(60)).unwrap();
    let body = json!({"name": "Спринт 60", "goal": "", "starts_on": start.format("%Y-%m-%d").to_string(),
                      "length_days": 14, "capacity_hours": 40});
    let later = ok(&app, &lead, "sprints/save", body).await.as_i64().unwrap();
    let unfinished: Vec<Value> = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await
        ["planned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !matches!(c["status"].as_str(), Some("done" | "release")))
        .map(|c| json!({"ticket": c["id"], "to": "next_sprint"}))
        .collect();
    ok(&app, &lead, "sprints/close", json!({"sprint": current, "decisions": unfinished})).await;

    let (_, version, _) = card(&app, &lead, id).await;
    let (status, code) =
        refused(&app, &lead, "tickets/move", json!({"id": id, "to": "sprint", "version": version})).await;
    assert_eq!((status, code.as_str()), (422, "sprint_choice_needed"));
    assert_eq!(card(&app, &lead, id).await.2, "backlog", "nothing moved");
    plan(&app, &lead, id, Some(later)).await;
    assert_eq!(ticket_page(&app, &lead, id).await["ticket"]["sprint"], "Спринт 60");
    // Into a closed sprint, nothing.
    let (_, version, _) = card(&app, &lead, id).await;
    let (status, code) =
        refused(&app, &lead, "sprints/plan", json!({"ticket": id, "version": version, "sprint": current}))
            .await;
    assert_eq!((status, code.as_str()), (422, "sprint_closed"));
    app.cleanup().await;
}
on_both_backends!(with_several_sprints_open_and_none_running_the_lead_is_asked_which);

async fn the_plan_is_reordered_and_the_forecast_follows(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    // A sprint of its own, a week from now: 9 team hours a working day.
    let start = Utc::now().date_naive().checked_add_days(Days::new(60)).unwrap();
    let body = json!({"name": "Спринт 60", "goal": "", "starts_on": start.format("%Y-%m-%d").to_string(),
                      "length_days": 14, "capacity_hours": 90});
    let sprint = ok(&app, &lead, "sprints/save", body).await.as_i64().unwrap();
    let ids = backlog_ids(&app, &lead, sprint, 3).await;
    for (i, id) in ids.iter().enumerate() {
        plan(&app, &lead, *id, Some(sprint)).await;
        if i < 2 {
            let page = ticket_page(&app, &lead, *id).await;
            let (tid, version) = (page["ticket"]["id"].clone(), page["ticket"]["version"].clone());
            let edit = json!({"field": "estimate", "value": 5 + i});
            ok(&app, &lead, "tickets/edit", json!({"id": tid, "version": version, "edit": edit})).await;
        }
    }
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": sprint})).await;
    let order: Vec<i64> =
        view["planned"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(order, ids, "planned in the order planned");
    let f = &view["forecast"];
    assert_eq!((f["planned_hours"].as_i64(), f["capacity_hours"].as_i64()), (Some(11), Some(90)));
    assert_eq!(f["unestimated"], 1, "the third has no estimate: called out");
    assert_eq!(f["lines"][2]["unestimated"], true);
    let finish = |v: &Value, i: usize| v["forecast"]["lines"][i]["finish"].as_str().unwrap().to_string();
    assert!(finish(&view, 0) < finish(&view, 1), "worked in order");
    assert!(view["schedule"]["days"].as_array().unwrap().len() >= 10, "two weeks of working days and after");

    let reversed: Vec<i64> = ids.iter().rev().copied().collect();
    ok(&app, &lead, "sprints/reorder", json!({"sprint": sprint, "order": reversed})).await;
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": sprint})).await;
    let order: Vec<i64> =
        view["planned"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(order, reversed);
    assert!(finish(&view, 1) < finish(&view, 2), "the 6 h ticket now goes before the 5 h one");
    // An order that is not the plan's is refused: the plan changed meanwhile.
    for bad in
        [json!([ids[0], ids[1]]), json!([ids[0], ids[0], ids[1]]), json!([ids[0], ids[1], ids[2], 999_999])]
    {
        let (status, _) =
            refused(&app, &lead, "sprints/reorder", json!({"sprint": sprint, "order": bad})).await;
        assert_eq!(status, 409, "{bad}");
    }
    assert_eq!(refused(&app, &lead, "sprints/reorder", json!({"sprint": 999_999, "order": []})).await.0, 404);
    app.cleanup().await;
}
on_both_backends!(the_plan_is_reordered_and_the_forecast_follows);

async fn closing_a_sprint_carries_over_or_returns_and_leaves_it_read_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    let next = sprint_id(&app, &lead, "Спринт 49").await;
    let [a, b] = backlog_ids(&app, &lead, current, 2).await[..] else { unreachable!() };
    plan(&app, &lead, a, Some(current)).await;
    plan(&app, &lead, b, Some(current)).await;
    // One ticket of the sprint finished: started and done.
    for to in ["in_progress", "done"] {
        let (_, version, _) = card(&app, &lead, a).await;
        ok(&app, &lead, "tickets/move", json!({"id": a, "to": to, "version": version})).await;
    }
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert_eq!(view["next_sprint"]["id"], next);
    let unfinished: Vec<i64> = view["planned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !matches!(c["status"].as_str(), Some("done" | "release")))
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(unfinished.contains(&b) && !unfinished.contains(&a));
    let planned_at_close = view["planned"].as_array().unwrap().len();

    // Every unfinished ticket needs a decision, a done one none.
    let back_to_backlog: Vec<Value> =
        unfinished.iter().filter(|id| **id != b).map(|id| json!({"ticket": id, "to": "backlog"})).collect();
    let (status, code) =
        refused(&app, &lead, "sprints/close", json!({"sprint": current, "decisions": back_to_backlog})).await;
    assert_eq!((status, code.as_str()), (422, "close_undecided"));
    let mut decisions = back_to_backlog.clone();
    decisions.push(json!({"ticket": b, "to": "next_sprint"}));
    let mut with_done = decisions.clone();
    with_done.push(json!({"ticket": a, "to": "backlog"}));
    assert_eq!(
        refused(&app, &lead, "sprints/close", json!({"sprint": current, "decisions": with_done})).await.0,
        409
    );
    ok(&app, &lead, "sprints/close", json!({"sprint": current, "decisions": decisions})).await;

    // Carried over: in the next sprint, still in its column; the rest back in the backlog.
    let page = ticket_page(&app, &lead, b).await;
    assert_eq!(
        (page["ticket"]["sprint"].as_str(), page["ticket"]["status"].as_str()),
        (Some("Спринт 49"), Some("sprint"))
    );
    for id in unfinished.iter().filter(|id| **id != b) {
        let page = ticket_page(&app, &lead, *id).await;
        assert_eq!(page["ticket"]["status"], "backlog", "{id}");
        assert!(page["ticket"]["sprint"].is_null());
    }
    // The report: done, carried over, back to the backlog, and the SLA.
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert_eq!(view["sprint"]["closed"], true);
    assert_eq!(view["can_plan"], false);
    let report = &view["report"];
    let lines = report["lines"].as_array().unwrap();
    assert_eq!(lines.len(), planned_at_close, "every ticket of the sprint at its close");
    assert_eq!(lines.iter().filter(|l| l["outcome"] == "carried_over").count(), 1);
    assert_eq!(lines.iter().filter(|l| l["outcome"] == "back_to_backlog").count(), unfinished.len() - 1);
    assert!(lines.iter().filter(|l| l["outcome"] == "done").count() >= 1);
    assert!(lines.iter().all(|l| ["met", "breached", "open", "none"].contains(&l["sla"].as_str().unwrap())));
    let met_or_breached = report["sla_met"].as_u64().unwrap() + report["sla_breached"].as_u64().unwrap();
    assert_eq!(
        met_or_breached as usize,
        lines.iter().filter(|l| l["sla"] == "met" || l["sla"] == "breached").count()
    );

    // Read-only: no plans, reorders, second close or edits of the sprint.
    let someone = unfinished.iter().copied().find(|id| *id != b).unwrap_or(b);
    let (_, version, _) = card(&app, &lead, someone).await;
    let (status, code) = refused(
        &app,
        &lead,
        "sprints/plan",
        json!({"ticket": someone, "version": version, "sprint": current}),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "sprint_closed"));
    let (status, code) =
        refused(&app, &lead, "sprints/reorder", json!({"sprint": current, "order": []})).await;
    assert_eq!((status, code.as_str()), (422, "sprint_closed"));
    let (status, code) =
        refused(&app, &lead, "sprints/close", json!({"sprint": current, "decisions": []})).await;
    assert_eq!((status, code.as_str()), (422, "sprint_closed"));
    let s = &ok(&app, &lead, "sprints/list", json!({})).await["sprints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == current)
        .unwrap()
        .clone();
    let body = json!({"id": current, "name": "Спринт 48a", "goal": "", "starts_on": s["starts_on"],
                      "length_days": 14, "capacity_hours": 10});
    let (status, code) = refused(&app, &lead, "sprints/save", body).await;
    assert_eq!((status, code.as_str()), (422, "sprint_closed"));

    // The charts: the closed sprint's done estimate is its velocity.
    let charts = ok(&app, &lead, "sprints/charts", json!({"id": current, "locale": "ru"})).await;
    let velocity = charts["velocity"].as_array().unwrap();
    assert_eq!(velocity.last().unwrap()["sprint"], "Спринт 48");
    let done_hours = report["done_hours"].as_i64().unwrap();
    assert_eq!(velocity.last().unwrap()["done_hours"].as_i64(), Some(done_hours));
    assert!(charts["burndown_svg"].as_str().unwrap().contains("Диаграмма сгорания"));
    assert!(charts["velocity_svg"].as_str().unwrap().starts_with("<svg"));
    let burndown = charts["burndown"].as_array().unwrap();
    assert!(burndown.len() >= 2);
    assert_eq!(burndown[0]["day"], s["starts_on"]);
    app.cleanup().await;
}
on_both_backends!(closing_a_sprint_carries_over_or_returns_and_leaves_it_read_only);

async fn mv(app: &TestApp, client: &reqwest::Client, id: i64, to: &str) {
    let (_, version, _) = card(app, client, id).await;
    ok(app, client, "tickets/move", json!({"id": id, "to": to, "version": version})).await;
}

/// `(status, sprint)` of a ticket as its page shows it.
async fn standing(app: &TestApp, client: &reqwest::Client, id: i64) -> (String, Option<String>) {
    let page = ticket_page(app, client, id).await;
    (
        page["ticket"]["status"].as_str().unwrap().to_string(),
        page["ticket"]["sprint"].as_str().map(String::from),
    )
}

/// Closes sprint `id`, every unfinished ticket back to the backlog.
async fn close_to_backlog(app: &TestApp, lead: &reqwest::Client, id: i64) {
    let decisions: Vec<Value> = ok(app, lead, "sprints/plan_view", json!({"id": id})).await["planned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !matches!(c["status"].as_str(), Some("done" | "release")))
        .map(|c| json!({"ticket": c["id"], "to": "backlog"}))
        .collect();
    ok(app, lead, "sprints/close", json!({"sprint": id, "decisions": decisions})).await;
}

async fn returning_or_reopening_a_planned_ticket_keeps_the_one_rule(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    let [a, b] = backlog_ids(&app, &lead, current, 2).await[..] else { unreachable!() };
    let sprint = |name: &str| Some(name.to_string());

    // Returned from In progress to the Backlog by an operator: out of the
    // sprint with it, in one change.
    plan(&app, &lead, a, Some(current)).await;
    mv(&app, &operator, a, "in_progress").await;
    let before = app.events_of(a).await.len();
    mv(&app, &operator, a, "backlog").await;
    assert_eq!(standing(&app, &lead, a).await, ("backlog".into(), None));
    let events = app.events_of(a).await;
    let kinds: Vec<&str> = events[before..].iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["moved", "planned"]);
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert!(!view["planned"].as_array().unwrap().iter().any(|c| c["id"] == a), "not in the plan");
    assert!(view["backlog"].as_array().unwrap().iter().any(|c| c["id"] == a), "plannable again");

    // Released within the sprint, which then closes.
    plan(&app, &lead, b, Some(current)).await;
    for to in ["in_progress", "done", "release"] {
        mv(&app, &lead, b, to).await;
    }
    close_to_backlog(&app, &lead, current).await;
    assert_eq!(standing(&app, &lead, b).await, ("release".into(), sprint("Спринт 48")));

    // Reopened into the Sprint column: not into the closed sprint but into
    // the one a drag would pick (here the only open one, the next).
    let before = app.events_of(b).await.len();
    mv(&app, &operator, b, "sprint").await;
    assert_eq!(standing(&app, &lead, b).await, ("sprint".into(), sprint("Спринт 49")));
    let kinds: Vec<String> = app.events_of(b).await[before..].iter().map(|e| e.kind.clone()).collect();
    assert!(kinds.starts_with(&["moved".into(), "planned".into()]), "{kinds:?}");
    let next = sprint_id(&app, &lead, "Спринт 49").await;
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": next})).await;
    assert_eq!(view["planned"].as_array().unwrap().last().unwrap()["id"], b, "planned last");

    // Released again and reopened into In progress: its open sprint stays.
    for to in ["in_progress", "done", "release"] {
        mv(&app, &lead, b, to).await;
    }
    mv(&app, &operator, b, "in_progress").await;
    assert_eq!(standing(&app, &lead, b).await, ("in_progress".into(), sprint("Спринт 49")));

    // With no sprint open, a reopen into Sprint is refused and changes
    // nothing; into In progress it lets the closed sprint go.
    for to in ["done", "release"] {
        mv(&app, &lead, b, to).await;
    }
    close_to_backlog(&app, &lead, next).await;
    let (_, version, _) = card(&app, &operator, b).await;
    let (status, code) =
        refused(&app, &operator, "tickets/move", json!({"id": b, "to": "sprint", "version": version})).await;
    assert_eq!((status, code.as_str()), (422, "no_sprint_for_reopen"));
    assert_eq!(standing(&app, &lead, b).await, ("release".into(), sprint("Спринт 49")));
    mv(&app, &operator, b, "in_progress").await;
    assert_eq!(standing(&app, &lead, b).await, ("in_progress".into(), None));
    // The closed sprint's report still has it, as done.
    let key = ticket_page(&app, &lead, b).await["ticket"]["key"].clone();
    let report = &ok(&app, &lead, "sprints/plan_view", json!({"id": next})).await["report"];
    let line = report["lines"].as_array().unwrap().iter().find(|l| l["key"] == key).cloned();
    assert_eq!(line.map(|l| l["outcome"].clone()), Some(json!("done")), "{report}");
    app.cleanup().await;
}
on_both_backends!(returning_or_reopening_a_planned_ticket_keeps_the_one_rule);

async fn sprints_are_planned_on_the_desks_calendar(backend: Backend) {
    let app = spawn_app(backend).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (admin, _) = app.signed_in_client(crate::helpers::ADMIN).await;
    let current = sprint_id(&app, &lead, "Спринт 48").await;
    // The first working instant of the sprint, as seconds into its UTC day.
    let first_hour = |view: &Value| view["schedule"]["days"][0]["intervals"][0][0].as_i64().unwrap() % 86_400;
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert_eq!((first_hour(&view), view["zone"].as_str()), (6 * 3600, Some("Europe/Moscow")), "09:00 Moscow");
    // The admin makes Mon–Fri 05:00–14:00 Moscow the desk's calendar.
    let (early,): (i64,) =
        sqlx::query_as("SELECT id FROM calendars WHERE name = 'Mon–Fri 05:00–14:00 Moscow'")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    ok(&app, &admin, "calendars/desk", json!({"id": early})).await;
    let view = ok(&app, &lead, "sprints/plan_view", json!({"id": current})).await;
    assert_eq!(first_hour(&view), 2 * 3600, "the team's day starts at 05:00 Moscow now");
    app.cleanup().await;
}
on_both_backends!(sprints_are_planned_on_the_desks_calendar);
