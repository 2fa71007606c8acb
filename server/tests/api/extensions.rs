//! Deadline extension with the client's agreement (issue 15, seed 004): a
//! consultant proposes a later resolution deadline with a reason; only a
//! client's agreement (on the page, or a mailed "Согласен" through the real
//! IMAP intake) moves the clock; declines, withdrawals and every refusal
//! leave it where it was. Each runs on SQLite and PostgreSQL.

use crate::helpers::{
    error_of, id_version, spawn_app, ticket_page as page, Backend, TestApp, CLIENT, CONSULTANT, LEAD,
    OPERATOR,
};
use crate::mail_server::MailServer;
use crate::on_both_backends;
use app::domain::mail::UnknownSenders;
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{json, Value};

const OTHER_CLIENT: &str = "client@agro.example";

/// The resolution clock of a page: its deadline and budget.
fn resolution(t: &Value) -> (DateTime<Utc>, i64, bool) {
    let clock = t["sla"]["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "resolution").unwrap();
    let due = clock["due"]
        .as_str()
        .map(|d| d.parse().unwrap())
        .unwrap_or_else(|| clock["countdown"]["due"].as_str().unwrap().parse().unwrap());
    (due, clock["budget_secs"].as_i64().unwrap(), clock["agreed"].as_bool().unwrap_or(false))
}

/// The stored resolution milestone's deadline.
async fn stored_due(app: &TestApp, id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT due_at FROM ticket_sla WHERE ticket_id = $1 AND clock = 'resolution'")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn propose(
    app: &TestApp,
    who: &reqwest::Client,
    key: &str,
    due: DateTime<Utc>,
    reason: &str,
) -> reqwest::Response {
    let (id, version) = id_version(&page(app, who, key).await);
    app.post_json_with(
        who,
        "tickets/extension/propose",
        json!({"id": id, "version": version, "due": due, "reason": reason}),
    )
    .await
}

async fn answer(
    app: &TestApp,
    who: &reqwest::Client,
    key: &str,
    extension: i64,
    agree: bool,
) -> reqwest::Response {
    let (id, version) = id_version(&page(app, who, key).await);
    app.post_json_with(
        who,
        "tickets/extension/answer",
        json!({"id": id, "version": version, "extension_id": extension, "agree": agree}),
    )
    .await
}

async fn refused(res: reqwest::Response, status: u16, code: &str) {
    let got = res.status().as_u16();
    let body = error_of(res).await;
    assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{body}");
}

/// A client's incident in progress with the consultant assigned. Returns
/// its key and id.
async fn incident_in_progress(
    app: &TestApp,
    client: &reqwest::Client,
    consultant: &reqwest::Client,
) -> (String, i64) {
    let created: Value = app
        .post_json_with(
            client,
            "tickets/create",
            json!({"title": "Не проводится реализация", "description": "Ошибка при проведении.",
                   "category": "incident", "priority": "normal"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let key = created["key"].as_str().unwrap().to_string();
    let id = created["id"].as_i64().unwrap();
    let me = app.user_id(CONSULTANT).await;
    let (_, version) = id_version(&page(app, consultant, &key).await);
    let res = app
        .post_json_with(
            consultant,
            "tickets/edit",
            json!({"id": id, "version": version, "edit": {"field": "assignee", "value": me}}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let (_, version) = id_version(&page(app, consultant, &key).await);
    let res = app
        .post_json_with(
            consultant,
            "tickets/move",
            json!({"id": id, "to": "in_progress", "version": version}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    (key, id)
}

/// The outbox rows of ticket `id` of `kind`, once the planner wrote them.
async fn mails_of(app: &TestApp, id: i64, kind: &str) -> Vec<(String, String, String)> {
    for _ in 0..200 {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT to_address, subject, message_id FROM outbox WHERE ticket_id = $1 AND kind = $2 ORDER BY id",
        )
        .bind(id)
        .bind(kind)
        .fetch_all(&app.store.pool)
        .await
        .unwrap();
        if !rows.is_empty() {
            return rows;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no {kind} mail of ticket {id}");
}

async fn only_the_clients_agreement_moves_the_resolution_deadline(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let (key, id) = incident_in_progress(&app, &client, &consultant).await;
    let t = page(&app, &consultant, &key).await;
    let (old_due, old_budget, agreed) = resolution(&t);
    assert!(!agreed);
    assert!(t["can_propose_extension"].as_bool().unwrap());
    assert!(!page(&app, &client, &key).await["can_propose_extension"].as_bool().unwrap());
    let later = (old_due + Duration::days(7)).duration_trunc(Duration::minutes(1)).unwrap();
    let events_before = app.events_of(id).await.len();

    // Who may propose, and what.
    refused(propose(&app, &operator, &key, later, "Ждём поставщика").await, 403, "role_not_allowed").await;
    refused(propose(&app, &client, &key, later, "Ждём поставщика").await, 403, "role_not_allowed").await;
    refused(propose(&app, &consultant, &key, old_due, "Ждём поставщика").await, 422, "deadline_not_later")
        .await;
    let past = Utc::now() - Duration::hours(1);
    refused(propose(&app, &consultant, &key, past, "Ждём поставщика").await, 422, "deadline_passed").await;
    let far = Utc::now() + Duration::days(400);
    refused(propose(&app, &consultant, &key, far, "Ждём поставщика").await, 422, "deadline_too_far").await;
    let res = propose(&app, &consultant, &key, later, "   ").await;
    assert_eq!(res.status(), 422);
    assert_eq!(error_of(res).await["error"], "invalid");
    let res = propose(&app, &consultant, &key, later, &"я".repeat(2001)).await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.events_of(id).await.len(), events_before, "nothing refused left an event");

    // Proposed: nothing moves yet; a second proposal waits for the first.
    let res = propose(&app, &consultant, &key, later, "  Исправление выйдет в обновлении 3.0.12  ").await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let first: Value = res.json().await.unwrap();
    let first = first["extension_id"].as_i64().unwrap();
    let t = page(&app, &client, &key).await;
    assert_eq!(resolution(&t).0, old_due, "the deadline waits for the client");
    assert_eq!(t["extensions"][0]["state"], "proposed");
    assert_eq!(t["extensions"][0]["reason"], "Исправление выйдет в обновлении 3.0.12");
    assert!(t["can_answer_extension"].as_bool().unwrap());
    assert!(!page(&app, &consultant, &key).await["can_answer_extension"].as_bool().unwrap());
    refused(propose(&app, &consultant, &key, later, "Ещё").await, 422, "extension_pending").await;
    let proposed_mail = mails_of(&app, id, "extension_proposed").await;
    assert_eq!(proposed_mail.len(), 1);
    assert_eq!(proposed_mail[0].0, CLIENT, "the proposal is mailed to the requester");
    assert!(proposed_mail[0].1.contains(&format!("[{key}]")), "{}", proposed_mail[0].1);

    // Only a client of the ticket answers; a stale page is refused.
    refused(answer(&app, &consultant, &key, first, true).await, 403, "client_must_agree").await;
    let (other, _) = app.signed_in_client(OTHER_CLIENT).await;
    let res = app
        .post_json_with(
            &other,
            "tickets/extension/answer",
            json!({"id": id, "version": id_version(&t).1, "extension_id": first, "agree": true}),
        )
        .await;
    assert_eq!(res.status(), 404, "another organisation cannot know the ticket");
    let res = app
        .post_json_with(
            &client,
            "tickets/extension/answer",
            json!({"id": id, "version": id_version(&t).1 - 1, "extension_id": first, "agree": true}),
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(resolution(&page(&app, &client, &key).await).0, old_due);

    // As if the watcher had noted the old at-risk moment: after the
    // agreement the new one is noted again when it comes.
    sqlx::query("UPDATE ticket_sla SET at_risk_noted = 1 WHERE ticket_id = $1 AND clock = 'resolution'")
        .bind(id)
        .execute(&app.store.pool)
        .await
        .unwrap();
    // Agreed: the clock counts to the agreed deadline, stored and shown.
    let res = answer(&app, &client, &key, first, true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let t = page(&app, &client, &key).await;
    let (new_due, new_budget, agreed) = resolution(&t);
    assert!(agreed, "the page says the deadline was agreed");
    assert!(new_due > old_due && new_due <= later, "{old_due} → {new_due} (agreed {later})");
    assert!(new_budget > old_budget);
    assert_eq!(stored_due(&app, id).await, Some(new_due.timestamp()), "the stored milestone follows");
    let (noted, at_risk): (i64, i64) = sqlx::query_as(
        "SELECT at_risk_noted, at_risk_at FROM ticket_sla WHERE ticket_id = $1 AND clock = 'resolution'",
    )
    .bind(id)
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert!(at_risk > Utc::now().timestamp());
    assert_eq!(noted, 0, "the later at-risk moment will be noted");
    assert_eq!(t["extensions"][0]["state"], "agreed");
    assert_eq!(t["extensions"][0]["via"], "web");
    assert!(t["extensions"][0]["answered_by"].as_str().is_some());
    let lines: Vec<(String, Option<String>, Option<String>)> = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"].as_str().unwrap().starts_with("extension"))
        .map(|h| {
            (
                h["field"].as_str().unwrap().to_string(),
                h["before"].as_str().map(str::to_string),
                h["after"].as_str().map(str::to_string),
            )
        })
        .collect();
    let (old, asked) = (old_due.timestamp().to_string(), later.timestamp());
    assert_eq!(
        lines,
        [
            ("extension_proposed".to_string(), Some(old.clone()), Some(asked.to_string())),
            ("extension_agreed".to_string(), Some(old), Some(asked.to_string())),
        ],
        "the client sees both lines with the old and the new deadline"
    );
    let answered = mails_of(&app, id, "extension_answered").await;
    assert_eq!(answered[0].0, CONSULTANT, "the agreement is mailed to the assignee");
    refused(answer(&app, &client, &key, first, true).await, 422, "extension_closed").await;

    // Declined: the deadline stays.
    let second = propose(&app, &consultant, &key, later + Duration::days(7), "Нужна ещё неделя").await;
    assert_eq!(second.status(), 200);
    let second = second.json::<Value>().await.unwrap()["extension_id"].as_i64().unwrap();
    let res = answer(&app, &client, &key, second, false).await;
    assert_eq!(res.status(), 200);
    assert_eq!(resolution(&page(&app, &client, &key).await).0, new_due);

    // Withdrawn by the desk: nothing to answer any more.
    let third = propose(&app, &consultant, &key, later + Duration::days(8), "Ошиблись датой").await;
    let third = third.json::<Value>().await.unwrap()["extension_id"].as_i64().unwrap();
    let (_, version) = id_version(&page(&app, &consultant, &key).await);
    let res = app
        .post_json_with(
            &client,
            "tickets/extension/withdraw",
            json!({"id": id, "version": version, "extension_id": third}),
        )
        .await;
    refused(res, 403, "role_not_allowed").await;
    let res = app
        .post_json_with(
            &consultant,
            "tickets/extension/withdraw",
            json!({"id": id, "version": version, "extension_id": third}),
        )
        .await;
    assert_eq!(res.status(), 200);
    refused(answer(&app, &client, &key, third, true).await, 422, "extension_closed").await;
    let states: Vec<String> = page(&app, &client, &key).await["extensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["state"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(states, ["agreed", "declined", "withdrawn"]);
    assert_eq!(resolution(&page(&app, &client, &key).await).0, new_due);

    // Released: the resolution clock stopped; nothing to extend.
    let (_, version) = id_version(&page(&app, &consultant, &key).await);
    let res = app
        .post_json_with(&consultant, "tickets/move", json!({"id": id, "to": "done", "version": version}))
        .await;
    assert_eq!(res.status(), 200);
    let (_, version) = id_version(&page(&app, &consultant, &key).await);
    let res = app
        .post_json_with(&consultant, "tickets/move", json!({"id": id, "to": "release", "version": version}))
        .await;
    assert_eq!(res.status(), 200);
    refused(
        propose(&app, &consultant, &key, later + Duration::days(9), "Поздно").await,
        422,
        "resolution_stopped",
    )
    .await;

    // A breach stays a breach: no extension once the deadline has passed.
    let (late, late_id) = incident_in_progress(&app, &client, &consultant).await;
    sqlx::query("UPDATE tickets SET received_at = received_at - 60 * 86400 WHERE id = $1")
        .bind(late_id)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let soon = Utc::now() + Duration::days(3);
    refused(propose(&app, &consultant, &late, soon, "Поздно").await, 422, "resolution_breached").await;

    // The lead's report lists the agreement in its month.
    let (lead, _) = app.signed_in_client(LEAD).await;
    let report: Value = app
        .post_json_with(&lead, "reports/get", json!({"filter": {}, "locale": "ru"}))
        .await
        .json()
        .await
        .unwrap();
    let listed: Vec<&Value> =
        report["extensions"].as_array().unwrap().iter().filter(|x| x["key"] == key.as_str()).collect();
    assert_eq!(listed.len(), 1, "{}", report["extensions"]);
    assert_eq!(listed[0]["by_mail"], false);
    assert!(listed[0]["new_due_local"].as_str().unwrap() > listed[0]["old_due_local"].as_str().unwrap());
    app.cleanup().await;
}
on_both_backends!(only_the_clients_agreement_moves_the_resolution_deadline);

async fn a_client_agrees_by_answering_the_proposals_mail(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let (key, id) = incident_in_progress(&app, &client, &consultant).await;
    let (old_due, _, _) = resolution(&page(&app, &consultant, &key).await);
    let later = (old_due + Duration::days(7)).duration_trunc(Duration::minutes(1)).unwrap();
    let res = propose(&app, &consultant, &key, later, "Ждём исправления платформы").await;
    assert_eq!(res.status(), 200);
    let (_, subject, message_id) = mails_of(&app, id, "extension_proposed").await.remove(0);

    let arrived = (Utc::now() - Duration::minutes(5)).duration_trunc(Duration::seconds(1)).unwrap();
    // A reply to `parent` (none: threaded by the subject's key only).
    let deliver = |body: &str, parent: Option<&str>| {
        let in_reply_to = parent.map(|p| format!("In-Reply-To: <{p}>\n")).unwrap_or_default();
        format!(
            "From: {CLIENT}\nTo: support@desk.example\nSubject: Re: {subject}\nMessage-ID: <{}.{}@mx.example>\n\
             {in_reply_to}Date: Tue, 1 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n\
             Content-Type: text/plain; charset=utf-8\n\n{body}\n",
            Utc::now().timestamp_nanos_opt().unwrap(),
            body.len()
        )
    };
    let poll = || async {
        let config = server.config(UnknownSenders::Queue);
        let intake =
            slaboard::mail::intake::MailIntake::from_config(&config, "desk.example").unwrap().unwrap();
        intake.poll_once(&app.store).await.unwrap_or_else(|e| panic!("poll: {e}\n{}", server.log()))
    };

    // A reply that only talks about the deadline agrees to nothing.
    server.deliver(&deliver("Да, но лучше пораньше", Some(&message_id)), arrived).await;
    assert_eq!(poll().await.processed, 1);
    let t = page(&app, &client, &key).await;
    assert_eq!(t["extensions"][0]["state"], "proposed");
    assert_eq!(resolution(&t).0, old_due);
    // "Согласен" that answers some other mail of the ticket (here: only the
    // key in the subject) agrees to nothing either: the client may be
    // answering an approval the desk asked for.
    server.deliver(&deliver("Согласен", None), arrived).await;
    assert_eq!(poll().await.processed, 1);
    let t = page(&app, &client, &key).await;
    assert_eq!(t["extensions"][0]["state"], "proposed");
    assert_eq!(t["comments"].as_array().unwrap().len(), 2, "both replies are comments");

    // "Согласен" on the first line, the proposal quoted below it.
    let quoted = format!("Согласен.\n\n> {} пишет:\n> Чтобы согласиться, ответьте…", CONSULTANT);
    server.deliver(&deliver(&quoted, Some(&message_id)), arrived).await;
    assert_eq!(poll().await.processed, 1);
    let t = page(&app, &consultant, &key).await;
    assert_eq!(t["extensions"][0]["state"], "agreed");
    assert_eq!(t["extensions"][0]["via"], "mail");
    let (new_due, _, agreed) = resolution(&t);
    assert!(agreed && new_due > old_due && new_due <= later, "{old_due} → {new_due}");
    let fields: Vec<&str> =
        t["history"].as_array().unwrap().iter().filter_map(|h| h["field"].as_str()).collect();
    assert!(fields.contains(&"extension_agreed_mail"), "{fields:?}");
    let bodies: Vec<&str> =
        t["comments"].as_array().unwrap().iter().filter_map(|c| c["body"].as_str()).collect();
    assert!(bodies.contains(&"Согласен."), "the answer stays on record as the client's comment: {bodies:?}");
    let answered = mails_of(&app, id, "extension_answered").await;
    assert_eq!(answered[0].0, CONSULTANT);
    app.cleanup().await;
}
on_both_backends!(a_client_agrees_by_answering_the_proposals_mail);
