//! Second-line escalation (seed 000 §7–8, issue 15): a consultant asks a
//! department about a ticket; the question goes to each of the
//! department's channels — Mattermost (a local HTTP server stands in for
//! it) and email (the outbox, and the local SMTP sink); the answer becomes
//! an internal note; who may, and an overdue question alerting the
//! assignee and the leads once.

use crate::helpers::{
    error_of, spawn_app, spawn_app_with, Backend, TestApp, ADMIN, CLIENT, CONSULTANT, LEAD, OPERATOR,
};
use crate::mail_out::{planned, SmtpSink};
use crate::on_both_backends;
use app::domain::escalation;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const AGRO_CLIENT: &str = "client@agro.example";

/// A stand-in for Mattermost: keeps every `{"text": …}` posted to
/// `/hooks/{name}`, answering 500 to the first `fail_first` posts.
#[derive(Clone, Default)]
struct Mattermost {
    posts: Arc<Mutex<Vec<(String, Value)>>>,
    fail_first: Arc<Mutex<u32>>,
}

impl Mattermost {
    async fn start(fail_first: u32) -> (Mattermost, String) {
        let mm = Mattermost { fail_first: Arc::new(Mutex::new(fail_first)), ..Default::default() };
        async fn hook(
            State(mm): State<Mattermost>,
            Path(name): Path<String>,
            body: axum::Json<Value>,
        ) -> StatusCode {
            {
                let mut failing = mm.fail_first.lock().unwrap();
                if *failing > 0 {
                    *failing -= 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
            }
            mm.posts.lock().unwrap().push((name, body.0));
            StatusCode::OK
        }
        let router =
            axum::Router::new().route("/hooks/{name}", axum::routing::post(hook)).with_state(mm.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        (mm, base)
    }

    fn posts(&self) -> Vec<(String, Value)> {
        self.posts.lock().unwrap().clone()
    }

    /// Waits up to 20 s until `n` posts arrived.
    async fn wait_for(&self, n: usize) -> Vec<(String, Value)> {
        for _ in 0..200 {
            if self.posts().len() >= n {
                return self.posts();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("Mattermost got {:#?}", self.posts());
    }
}

async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value, expected: u16) -> Value {
    let res = app.post_json_with(client, endpoint, body.clone()).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, expected, "{endpoint} {body}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A ticket the Technomarket client registers now: `(id, key)`.
async fn new_ticket(app: &TestApp, title: &str) -> (i64, String) {
    let (client, _) = app.signed_in_client(CLIENT).await;
    let body = json!({"title": title, "description": "", "category": "incident", "priority": "high"});
    let v = call(app, &client, "tickets/create", body, 200).await;
    (v["id"].as_i64().unwrap(), v["key"].as_str().unwrap().to_string())
}

async fn page(app: &TestApp, client: &reqwest::Client, key: &str) -> Value {
    call(app, client, "tickets/get", json!({ "key": key }), 200).await
}

fn version(page: &Value) -> i64 {
    page["ticket"]["version"].as_i64().unwrap()
}

/// Saves a department with a webhook on `mattermost` and a mail address:
/// legal as seed 000 §8 has it. Returns its id.
async fn legal_with_both_channels(app: &TestApp, mattermost: &str) -> i64 {
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let data = call(app, &admin, "admin/data", json!({}), 200).await;
    let legal = data["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Юридический отдел")
        .expect("seed 000's legal department is shipped")
        .clone();
    assert_eq!(legal["deadline_days"], 3);
    let body = json!({"id": legal["id"], "name": "Юридический отдел", "deadline_days": 3, "channels": [
        {"kind": "mattermost", "address": format!("{mattermost}/hooks/legal")},
        {"kind": "email", "address": "Legal@Desk.Example"},
    ]});
    call(app, &admin, "admin/departments/save", body, 200).await.as_i64().unwrap()
}

async fn escalation_rows(app: &TestApp, ticket: i64) -> Vec<(i64, String, i64, i64)> {
    sqlx::query_as("SELECT id, state, asked_at, due_at FROM escalations WHERE ticket_id = $1 ORDER BY id")
        .bind(ticket)
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
}

async fn a_consultant_escalates_to_every_channel_and_the_answer_becomes_an_internal_note(backend: Backend) {
    let (mattermost, base) = Mattermost::start(0).await;
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = spawn_app_with(backend, |c| c.smtp_url = Some(slaboard::config::Secret(url))).await;
    let legal = legal_with_both_channels(&app, &base).await;
    let (id, key) = new_ticket(&app, "Можно ли вернуть предоплату по договору?").await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let before = page(&app, &consultant, &key).await;
    assert!(before["can_escalate"].as_bool().unwrap());
    assert!(before["departments"].as_array().unwrap().iter().any(|d| d["id"] == legal));

    let asked = call(
        &app,
        &consultant,
        "tickets/escalate",
        json!({"id": id, "version": version(&before), "department_id": legal,
               "question": "  Клиент просит вернуть предоплату. Это допустимо по договору?  "}),
        200,
    )
    .await;
    assert_eq!(asked["version"], version(&before) + 1, "an escalation is a change of the ticket");
    let rows = escalation_rows(&app, id).await;
    assert_eq!(rows.len(), 1);
    let (escalation_id, state, asked_at, due_at) = rows[0].clone();
    assert_eq!((asked["escalation_id"].as_i64().unwrap(), state.as_str()), (escalation_id, "open"));
    // Three working days of the desk's calendar, by the domain's engine.
    let desk = app::service::sla::desk_calendar(&app.store).await.unwrap();
    let expected = escalation::due(&desk, DateTime::from_timestamp(asked_at, 0).unwrap(), 3).unwrap();
    assert_eq!(due_at, expected.timestamp());
    assert!(due_at - asked_at >= 3 * 24 * 3600 - 9 * 3600, "three working days are days, not hours");

    // The event is internal, with the department and its deadline.
    let events = app.events_of(id).await;
    let e = events.iter().find(|e| e.kind == "escalated").expect("an escalated event");
    assert_eq!(e.visibility, "internal");
    assert_eq!(e.payload["department"], "Юридический отдел");
    assert_eq!(e.payload["escalation_id"], escalation_id);

    // Mattermost: one post on the webhook, naming the ticket and the question.
    let posts = mattermost.wait_for(1).await;
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].0, "legal");
    let text = posts[0].1["text"].as_str().unwrap();
    assert!(text.contains(&key) && text.contains("Клиент просит вернуть предоплату"), "{text}");
    assert!(text.contains("https://desk.test/tickets/"), "{text}");
    // Email: in the outbox to the department's address, then at the SMTP server.
    planned(&app).await;
    let mails: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT kind, to_address, recipient_id FROM outbox WHERE ticket_id = $1 AND kind = 'escalation'",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap();
    assert_eq!(mails, [("escalation".to_string(), "legal@desk.example".to_string(), None)]);
    let got = sink
        .wait_for(&key, "the question to legal", |m| m.iter().any(|m| m.to.contains("legal@desk.example")))
        .await;
    let mail = got.iter().find(|m| m.to.contains("legal@desk.example")).unwrap();
    assert!(mail.subject.contains("Юридический отдел"), "{}", mail.subject);
    assert!(mail.body.contains("Клиент просит вернуть предоплату"), "{}", mail.body);

    // The page and the board card show it to agents.
    let shown = page(&app, &consultant, &key).await;
    let listed = &shown["escalations"][0];
    assert_eq!(
        (listed["department"].as_str(), listed["state"].as_str()),
        (Some("Юридический отдел"), Some("open"))
    );
    assert_eq!(listed["question"], "Клиент просит вернуть предоплату. Это допустимо по договору?");
    let card = call(&app, &consultant, "board/card", json!({"id": id}), 200).await;
    assert_eq!(card["escalations"][0]["department"], "Юридический отдел");
    assert_eq!(
        DateTime::parse_from_rfc3339(card["escalations"][0]["due"].as_str().unwrap()).unwrap().timestamp(),
        due_at
    );

    // The answer: an internal note through the comment path, the escalation closed.
    let answered = call(
        &app,
        &consultant,
        "tickets/escalations/answer",
        json!({"id": id, "version": version(&shown), "escalation_id": escalation_id,
               "answer": "Допустимо: п. 7.2 договора."}),
        200,
    )
    .await;
    let after = page(&app, &consultant, &key).await;
    assert_eq!(version(&after), answered["version"].as_i64().unwrap());
    let note =
        after["comments"].as_array().unwrap().iter().find(|c| c["body"] == "Допустимо: п. 7.2 договора.");
    let note = note.expect("the answer is a comment");
    assert_eq!(note["internal"], true);
    assert_eq!(after["escalations"][0]["state"], "answered");
    assert_eq!(after["escalations"][0]["answer_comment_id"], note["id"]);
    let kinds: Vec<String> = app.events_of(id).await.into_iter().map(|e| e.kind).collect();
    assert!(kinds.ends_with(&["commented".to_string(), "escalation_answered".to_string()]), "{kinds:?}");
    let card = call(&app, &consultant, "board/card", json!({"id": id}), 200).await;
    assert_eq!(card["escalations"], json!([]), "an answered question has no chip");

    // Closed: a second answer or a withdrawal is a clear 422.
    for (endpoint, extra) in [
        ("tickets/escalations/answer", json!({"answer": "Ещё раз"})),
        ("tickets/escalations/withdraw", json!({})),
    ] {
        let mut body = json!({"id": id, "version": version(&after), "escalation_id": escalation_id});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let res = app.post_json_with(&consultant, endpoint, body).await;
        assert_eq!(res.status(), 422, "{endpoint}");
        assert_eq!(error_of(res).await["code"], "escalation_closed", "{endpoint}");
    }
    assert_eq!(mattermost.posts().len(), 1, "nothing posted twice");
    app.cleanup().await;
}
on_both_backends!(a_consultant_escalates_to_every_channel_and_the_answer_becomes_an_internal_note);

async fn several_departments_at_once_and_a_withdrawal(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, key) = new_ticket(&app, "Вернуть деньги и поправить данные").await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let p = page(&app, &lead, &key).await;
    let departments = p["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 8, "seed 000's eight departments");
    let days: Vec<(String, i64)> = departments
        .iter()
        .map(|d| (d["name"].as_str().unwrap().to_string(), d["deadline_days"].as_i64().unwrap()))
        .collect();
    for (name, n) in app::domain::admin::department::SEED_DEPARTMENTS {
        assert!(days.contains(&(name.to_string(), n)), "{name}");
    }
    let pick = |name: &str| departments.iter().find(|d| d["name"] == name).unwrap()["id"].as_i64().unwrap();
    let (finance, data) = (pick("Финансовый отдел"), pick("Редактирование данных"));
    let first = call(
        &app,
        &lead,
        "tickets/escalate",
        json!({"id": id, "version": version(&p), "department_id": finance, "question": "Возврат?"}),
        200,
    )
    .await;
    let second = call(
        &app,
        &lead,
        "tickets/escalate",
        json!({"id": id, "version": first["version"], "department_id": data, "question": "Исправить ИНН"}),
        200,
    )
    .await;
    let rows = escalation_rows(&app, id).await;
    assert_eq!(rows.len(), 2);
    // Five working days and one: different deadlines.
    assert!(rows[0].3 > rows[1].3, "finance has longer than data editing");
    let card = call(&app, &lead, "board/card", json!({"id": id}), 200).await;
    assert_eq!(card["escalations"].as_array().unwrap().len(), 2);

    // A stale version is refused and writes nothing.
    let res = app
        .post_json_with(
            &lead,
            "tickets/escalations/withdraw",
            json!({"id": id, "version": first["version"], "escalation_id": rows[0].0}),
        )
        .await;
    assert_eq!(res.status(), 409);
    call(
        &app,
        &lead,
        "tickets/escalations/withdraw",
        json!({"id": id, "version": second["version"], "escalation_id": rows[0].0}),
        200,
    )
    .await;
    let rows = escalation_rows(&app, id).await;
    assert_eq!((rows[0].1.as_str(), rows[1].1.as_str()), ("withdrawn", "open"));
    let card = call(&app, &lead, "board/card", json!({"id": id}), 200).await;
    assert_eq!(card["escalations"].as_array().unwrap().len(), 1);
    let e = app.events_of(id).await.into_iter().find(|e| e.kind == "escalation_withdrawn").unwrap();
    assert_eq!((e.visibility.as_str(), &e.payload["department"]), ("internal", &json!("Финансовый отдел")));
    app.cleanup().await;
}
on_both_backends!(several_departments_at_once_and_a_withdrawal);

async fn clients_operators_and_admins_may_not_escalate_and_clients_never_see_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, key) = new_ticket(&app, "Кто может спросить отдел?").await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let p = page(&app, &consultant, &key).await;
    let department = p["departments"][0]["id"].as_i64().unwrap();
    let ask = |v: i64| json!({"id": id, "version": v, "department_id": department, "question": "Вопрос"});
    let events_before = app.change_events().await;
    for (who, status) in [(CLIENT, 403), (OPERATOR, 403), (ADMIN, 403), (AGRO_CLIENT, 404)] {
        let (client, _) = app.signed_in_client(who).await;
        let res = app.post_json_with(&client, "tickets/escalate", ask(version(&p))).await;
        assert_eq!(res.status(), status, "{who}");
    }
    // The operator sees no departments to choose from.
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let seen = page(&app, &operator, &key).await;
    assert_eq!(
        (seen["can_escalate"].as_bool(), seen["departments"].as_array().map(Vec::len)),
        (Some(false), Some(0))
    );
    // An empty question and an unknown department are refused too.
    let res = app
        .post_json_with(
            &consultant,
            "tickets/escalate",
            json!({"id": id, "version": version(&p), "department_id": department, "question": "  "}),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_json_with(
            &consultant,
            "tickets/escalate",
            json!({"id": id, "version": version(&p), "department_id": 999_999, "question": "Вопрос"}),
        )
        .await;
    assert_eq!(error_of(res).await["code"], "unknown_department");
    assert_eq!(app.change_events().await, events_before, "refusals append nothing");

    let asked = call(&app, &consultant, "tickets/escalate", ask(version(&p)), 200).await;
    let escalation_id = asked["escalation_id"].as_i64().unwrap();
    for (who, status) in [(CLIENT, 403), (OPERATOR, 403), (AGRO_CLIENT, 404)] {
        let (client, _) = app.signed_in_client(who).await;
        let body =
            json!({"id": id, "version": asked["version"], "escalation_id": escalation_id, "answer": "Да"});
        assert_eq!(
            app.post_json_with(&client, "tickets/escalations/answer", body).await.status(),
            status,
            "{who}"
        );
        let body = json!({"id": id, "version": asked["version"], "escalation_id": escalation_id});
        assert_eq!(
            app.post_json_with(&client, "tickets/escalations/withdraw", body).await.status(),
            status,
            "{who}"
        );
    }
    // Another ticket's escalation is not this ticket's.
    let (other, _) = new_ticket(&app, "Другая заявка").await;
    let other_page = page(&app, &consultant, &format!("SUP-{}", other_number(&app, other).await)).await;
    let res = app
        .post_json_with(
            &consultant,
            "tickets/escalations/withdraw",
            json!({"id": other, "version": version(&other_page), "escalation_id": escalation_id}),
        )
        .await;
    assert_eq!(res.status(), 404);

    // The client's page, card and history know nothing of it.
    let (client, _) = app.signed_in_client(CLIENT).await;
    let theirs = page(&app, &client, &key).await;
    assert_eq!(theirs["escalations"], json!([]));
    assert!(theirs["history"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["field"].as_str().unwrap().starts_with("escalat")));
    let card = call(&app, &client, "board/card", json!({"id": id}), 200).await;
    assert_eq!(card["escalations"], json!([]));
    let agents = page(&app, &consultant, &key).await;
    assert!(agents["history"].as_array().unwrap().iter().any(|h| h["field"] == "escalated"));
    app.cleanup().await;
}
on_both_backends!(clients_operators_and_admins_may_not_escalate_and_clients_never_see_it);

async fn other_number(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT number FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn an_overdue_escalation_alerts_the_assignee_and_the_leads_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, key) = new_ticket(&app, "Ответ отдела опаздывает").await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let p = page(&app, &consultant, &key).await;
    // The consultant takes the ticket, so they are its assignee.
    let me = app.user_id(CONSULTANT).await;
    let edited = call(
        &app,
        &consultant,
        "tickets/edit",
        json!({"id": id, "version": version(&p), "edit": {"field": "assignee", "value": me}}),
        200,
    )
    .await;
    let department = p["departments"][0]["id"].as_i64().unwrap();
    call(&app, &consultant, "tickets/escalate",
        json!({"id": id, "version": edited["version"], "department_id": department, "question": "Когда ответ?"}), 200)
        .await;
    let (escalation_id, _, _, due_at) = escalation_rows(&app, id).await[0].clone();
    let due = DateTime::<Utc>::from_timestamp(due_at, 0).unwrap();

    // Not yet: nothing noted.
    assert_eq!(
        app::service::escalations::note_overdue(&app.store, due - chrono::Duration::seconds(1))
            .await
            .unwrap(),
        0
    );
    // Two replicas notice the passed deadline at once: one event.
    let late = due + chrono::Duration::seconds(1);
    let (a, b) = tokio::join!(
        app::service::escalations::note_overdue(&app.store, late),
        app::service::escalations::note_overdue(&app.store, late)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(app::service::escalations::note_overdue(&app.store, late).await.unwrap(), 0, "once");
    let overdue: Vec<_> =
        app.events_of(id).await.into_iter().filter(|e| e.kind == "escalation_overdue").collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!((overdue[0].actor_id, overdue[0].visibility.as_str()), (None, "internal"));
    assert_eq!(overdue[0].payload["escalation_id"], escalation_id);

    planned(&app).await;
    let mut to: Vec<String> = sqlx::query_scalar(
        "SELECT to_address FROM outbox WHERE ticket_id = $1 AND kind = 'escalation_overdue' ORDER BY to_address",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap();
    to.dedup();
    assert!(to.contains(&CONSULTANT.to_string()) && to.contains(&LEAD.to_string()), "{to:?}");
    assert!(!to.contains(&CLIENT.to_string()), "{to:?}");
    app.cleanup().await;
}
on_both_backends!(an_overdue_escalation_alerts_the_assignee_and_the_leads_once);

async fn mattermost_down_loses_nothing_and_posts_once(backend: Backend) {
    let (mattermost, base) = Mattermost::start(2).await;
    let app = spawn_app_with(backend, |c| c.mail_retry_seconds = 1).await;
    let legal = legal_with_both_channels(&app, &base).await;
    let (id, key) = new_ticket(&app, "Пока Mattermost лежит").await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let p = page(&app, &consultant, &key).await;
    call(&app, &consultant, "tickets/escalate",
        json!({"id": id, "version": version(&p), "department_id": legal, "question": "Ответьте, когда сможете"}), 200)
        .await;
    let posts = mattermost.wait_for(1).await;
    assert_eq!(posts.len(), 1);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(mattermost.posts().len(), 1, "delivered once");
    let (status, attempts): (String, i64) =
        sqlx::query_as("SELECT status, attempts FROM escalation_posts p JOIN escalations e ON e.id = p.escalation_id WHERE e.ticket_id = $1")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 3), "two failures, then delivered");
    app.cleanup().await;
}
on_both_backends!(mattermost_down_loses_nothing_and_posts_once);
