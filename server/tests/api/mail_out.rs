//! Mail out, against a real SMTP server (`scripts/smtp_sink.py`, aiosmtpd):
//! the acknowledgement of a registration, replies threaded under it, no
//! mail for internal notes, SLA mails to the assignee and the leads,
//! personal opt-outs, a mail server that is down (nothing lost, each mail
//! once), several replicas (each mail once), the admin's outbox.

use crate::helpers::{
    spawn_app_on_with, spawn_app_with, Backend, TestApp, TestDatabase, ADMIN, CLIENT, CONSULTANT, LEAD,
};
use crate::on_both_backends;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A real SMTP server on a port of its own, writing each mail it accepts
/// to a directory.
pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Option<Child>,
}

impl SmtpSink {
    /// Starts a sink on a free port.
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("slaboard_sink_{}_{port}", std::process::id()));
        let mut sink = SmtpSink { port, dir, child: None };
        sink.resume();
        sink
    }

    /// A port nobody listens on yet, and the sink that will listen there.
    pub fn not_started() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("slaboard_sink_{}_{port}", std::process::id()));
        SmtpSink { port, dir, child: None }
    }

    /// Starts (again) on the same port; returns once it accepts mail.
    pub fn resume(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp_sink.py");
        let mut child = Command::new("python3")
            .args([script, "--port", &self.port.to_string(), "--dir", &self.dir.display().to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs scripts/smtp_sink.py (scripts/test.sh installs aiosmtpd)");
        let mut line = String::new();
        use std::io::BufRead;
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start: is aiosmtpd installed?");
        self.child = Some(child);
    }

    /// Stops the server; its mails stay in the directory.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, in arrival order.
    pub fn mails(&self) -> Vec<Mail> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut files: Vec<(u64, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| Some((p.file_stem()?.to_str()?.parse().ok()?, p.clone())))
            .filter(|(_, p): &(u64, PathBuf)| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files.into_iter().map(|(_, p)| Mail::parse(&std::fs::read(p).unwrap())).collect()
    }

    /// The mails received about ticket `key` (the demo's own tickets get
    /// SLA mails of their own meanwhile).
    pub fn about(&self, key: &str) -> Vec<Mail> {
        let tag = format!("[{key}]");
        self.mails().into_iter().filter(|m| m.subject.contains(&tag)).collect()
    }

    /// Waits up to 20 s until `pred` holds for the mails about `key`.
    pub async fn wait_for(&self, key: &str, what: &str, pred: impl Fn(&[Mail]) -> bool) -> Vec<Mail> {
        for _ in 0..200 {
            let mails = self.about(key);
            if pred(&mails) {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{what}: the sink has {:#?}", self.mails());
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A received mail, decoded by a real MIME parser.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub auto_submitted: Option<String>,
}

impl Mail {
    fn parse(raw: &[u8]) -> Mail {
        let m = mail_parser::MessageParser::default().parse(raw).expect("a mail the parser reads");
        let header = |name: &str| m.header(name).and_then(|h| h.as_text()).map(str::to_string);
        Mail {
            to: header("X-Envelope-To").unwrap_or_default(),
            subject: m.subject().unwrap_or_default().to_string(),
            // SMTP carries CRLF line ends; the tests compare the text.
            body: m.body_text(0).map(|b| b.replace("\r\n", "\n")).unwrap_or_default(),
            message_id: m.message_id().unwrap_or_default().to_string(),
            in_reply_to: m.in_reply_to().as_text().map(str::to_string),
            auto_submitted: header("Auto-Submitted"),
        }
    }
}

async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value, expected: u16) -> Value {
    let res = app.post_json_with(client, endpoint, body.clone()).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, expected, "{endpoint} {body}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn create(app: &TestApp, client: &reqwest::Client, title: &str) -> (i64, String) {
    let body = json!({"title": title, "description": "", "category": "incident", "priority": "high"});
    let v = call(app, client, "tickets/create", body, 200).await;
    (v["id"].as_i64().unwrap(), v["key"].as_str().unwrap().to_string())
}

/// The outbox rows of ticket `id`: `(kind, to_address, status)`.
async fn outbox_of(app: &TestApp, id: i64) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT kind, to_address, status FROM outbox WHERE ticket_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
}

/// Waits until the planner has caught up with the log.
pub(crate) async fn planned(app: &TestApp) {
    for _ in 0..200 {
        let mail: i64 = sqlx::query_scalar("SELECT value FROM counters WHERE name = 'mail'")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
        if mail == app.last_seq().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let settings = app::service::notify::MailSettings {
        public_url: "https://desk.test".into(),
        domain: "desk.test".into(),
        default_language: app::i18n::Locale::Ru,
    };
    let outcome = app::service::notify::plan_next(&app.store, &settings).await;
    panic!("the mail planner did not catch up with the event log: {outcome:?}");
}

async fn registration_is_acknowledged_and_replies_thread_under_it(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = spawn_app_with(backend, |c| c.smtp_url = Some(slaboard::config::Secret(url))).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let (id, key) = create(&app, &client, "Касса не печатает чек").await;

    let mails = sink.wait_for(&key, "the acknowledgement", |m| !m.is_empty()).await;
    let ack = &mails[0];
    assert_eq!(ack.to, CLIENT);
    // The demo client reads Russian (the desk's default language).
    assert_eq!(ack.subject, format!("Зарегистрировано: [{key}] Касса не печатает чек"));
    assert!(ack.body.contains(&format!("под номером {key}")), "{}", ack.body);
    assert!(ack.body.contains("Уровень обслуживания: "), "{}", ack.body);
    assert!(ack.body.contains("Срок реакции: "), "the reaction deadline: {}", ack.body);
    assert!(ack.body.contains(&format!("https://desk.test/tickets/{key}")), "{}", ack.body);
    assert!(ack.message_id.ends_with("@desk.test"), "{}", ack.message_id);
    assert_eq!(ack.auto_submitted.as_deref(), Some("auto-generated"));
    let ack_reaction_line = ack.body.lines().find(|l| l.starts_with("Срок реакции:")).unwrap().to_string();
    // The deadline is written in the calendar's zone (Техномаркет: Moscow).
    assert!(ack_reaction_line.ends_with(" MSK"), "{ack_reaction_line}");

    // An internal note mails nobody; the public reply goes to the client,
    // threaded under the acknowledgement.
    call(
        &app,
        &consultant,
        "tickets/comment",
        json!({"id": id, "body": "Проверить драйвер", "internal": true}),
        200,
    )
    .await;
    call(
        &app,
        &consultant,
        "tickets/comment",
        json!({"id": id, "body": "Обновите драйвер до 5.2.\nИ перезапустите."}),
        200,
    )
    .await;
    let mails = sink.wait_for(&key, "the reply", |m| m.len() >= 2).await;
    planned(&app).await;
    let reply = &mails[1];
    assert_eq!(reply.to, CLIENT);
    assert_eq!(reply.subject, format!("Re: [{key}] Касса не печатает чек"));
    assert!(reply.body.contains("    Обновите драйвер до 5.2.\n    И перезапустите."), "{}", reply.body);
    assert!(!reply.body.contains("Проверить драйвер"), "the note stays internal: {}", reply.body);
    assert_eq!(reply.in_reply_to.as_deref(), Some(ack.message_id.as_str()));
    assert_eq!(reply.auto_submitted, None, "a person's words are not machine mail");
    let rows = outbox_of(&app, id).await;
    assert_eq!(
        rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["acknowledgement", "reply"],
        "no mail for the note or the first-response event: {rows:?}"
    );

    // The client answers: nobody is assigned, so every lead hears of it.
    call(&app, &client, "tickets/comment", json!({"id": id, "body": "Обновили, работает"}), 200).await;
    let mails = sink.wait_for(&key, "the client's reply to the leads", |m| m.len() >= 3).await;
    assert_eq!(mails[2].to, LEAD);
    assert!(mails[2].subject.starts_with("Ответ клиента: "), "{}", mails[2].subject);
    assert!(mails[2].body.contains("Обновили, работает"));
    // Nothing is mailed twice and nobody about their own words.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.about(&key).len(), 3, "{:#?}", sink.about(&key));
    assert!(outbox_of(&app, id).await.iter().all(|r| r.2 == "sent"));
    app.cleanup().await;
}
on_both_backends!(registration_is_acknowledged_and_replies_thread_under_it);

async fn sla_mails_go_to_the_assignee_and_the_leads_in_their_language(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    call(&app, &consultant, "account/notifications/save", json!({"language": "en", "off": []}), 200).await;
    let (id, key) = create(&app, &client, "Не работает обмен с банком").await;
    let consultant_id = app.user_id(CONSULTANT).await;
    let version: i64 = sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    call(
        &app,
        &lead,
        "tickets/edit",
        json!({"id": id, "version": version, "edit": {"field": "assignee", "value": consultant_id}}),
        200,
    )
    .await;
    let far = chrono::Utc::now() + chrono::Duration::days(90);
    app::service::sla::note_passed_milestones(&app.store, far).await.unwrap();
    planned(&app).await;
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT kind, to_address, language, subject FROM outbox WHERE ticket_id = $1 AND kind LIKE 'sla_%' ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap();
    let breached: Vec<_> = rows.iter().filter(|r| r.0 == "sla_breached").collect();
    // Each breached clock, to the assignee and to the lead.
    let breaches = app.sla_events_of(id).await.iter().filter(|e| e.kind == "sla_breached").count();
    assert!(breaches >= 1);
    assert_eq!(breached.len(), 2 * breaches, "{rows:?}");
    assert_eq!(rows.len(), 2 * app.sla_events_of(id).await.len(), "{rows:?}");
    for r in &breached {
        assert!(r.1 == CONSULTANT || r.1 == LEAD, "{r:?}");
    }
    let english = breached.iter().find(|r| r.1 == CONSULTANT).unwrap();
    assert_eq!(english.2, "en");
    assert_eq!(english.3, format!("SLA breached: [{key}] Не работает обмен с банком"));
    let russian = breached.iter().find(|r| r.1 == LEAD).unwrap();
    assert_eq!(russian.3, format!("SLA нарушен: [{key}] Не работает обмен с банком"));
    // Clients are never told of a breach by mail (they see it on the card).
    assert!(rows.iter().all(|r| r.1 != CLIENT), "{rows:?}");
    // Without SMTP the mails wait, pending, for an admin to see.
    assert!(outbox_of(&app, id).await.iter().all(|r| r.2 == "pending"));
    app.cleanup().await;
}
on_both_backends!(sla_mails_go_to_the_assignee_and_the_leads_in_their_language);

async fn a_person_switches_kinds_off_but_never_the_acknowledgement(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let settings = call(&app, &client, "account/notifications", json!({}), 200).await;
    let kinds: Vec<&str> =
        settings["kinds"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"reply") && !kinds.contains(&"acknowledgement"), "{kinds:?}");
    assert!(settings["kinds"].as_array().unwrap().iter().all(|k| k["on"] == true));

    for bad in [
        json!({"language": null, "off": ["acknowledgement"]}),
        json!({"language": null, "off": ["sla_breached"]}),
        json!({"language": null, "off": ["nonsense"]}),
        json!({"language": "de", "off": []}),
    ] {
        call(&app, &client, "account/notifications/save", bad, 422).await;
    }
    let saved =
        call(&app, &client, "account/notifications/save", json!({"language": "uk", "off": ["reply"]}), 200)
            .await;
    assert_eq!(saved["language"], "uk");
    assert!(saved["kinds"].as_array().unwrap().iter().any(|k| k["kind"] == "reply" && k["on"] == false));
    // Signed out: 401.
    let anonymous = reqwest::Client::new();
    call(&app, &anonymous, "account/notifications", json!({}), 401).await;

    let (id, key) = create(&app, &client, "Ошибка при закрытии смены").await;
    call(&app, &consultant, "tickets/comment", json!({"id": id, "body": "Смотрим"}), 200).await;
    planned(&app).await;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, subject FROM outbox WHERE ticket_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![("acknowledgement".to_string(), format!("Зареєстровано: [{key}] Ошибка при закрытии смены"))]
    );
    app.cleanup().await;
}
on_both_backends!(a_person_switches_kinds_off_but_never_the_acknowledgement);

async fn a_mail_server_that_is_down_loses_nothing_and_sends_once(backend: Backend) {
    let mut sink = SmtpSink::not_started();
    let url = sink.url();
    let app = spawn_app_with(backend, |c| {
        c.smtp_url = Some(slaboard::config::Secret(url));
        c.mail_retry_seconds = 1;
    })
    .await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (id, key) = create(&app, &client, "Не открывается отчёт").await;
    // Nobody listens: the attempt fails and is scheduled again.
    let mut failed = None;
    for _ in 0..100 {
        let row: Option<(i64, Option<String>, String)> =
            sqlx::query_as("SELECT attempts, last_error, status FROM outbox WHERE ticket_id = $1")
                .bind(id)
                .fetch_optional(&app.store.pool)
                .await
                .unwrap();
        if let Some(r) = row.filter(|r| r.0 >= 1) {
            failed = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (attempts, error, status) = failed.expect("a failed attempt is recorded");
    assert!(attempts >= 1 && error.is_some(), "{error:?}");
    assert_eq!(status, "pending", "a server that is down is retried");

    sink.resume();
    let mails = sink.wait_for(&key, "the mail after the server came back", |m| !m.is_empty()).await;
    assert!(mails[0].subject.contains(&format!("[{key}]")));
    // Once, not once per attempt.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(sink.about(&key).len(), 1);
    let (status, attempts): (String, i64) =
        sqlx::query_as("SELECT status, attempts FROM outbox WHERE ticket_id = $1")
            .bind(id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(status, "sent");
    assert!(attempts >= 2, "{attempts}");
    app.cleanup().await;
}
on_both_backends!(a_mail_server_that_is_down_loses_nothing_and_sends_once);

async fn two_replicas_plan_and_send_each_mail_once(backend: Backend) {
    let sink = SmtpSink::start();
    let db = TestDatabase::new(backend).await;
    let url = sink.url();
    let first =
        spawn_app_on_with(&db.url, |c| c.smtp_url = Some(slaboard::config::Secret(url.clone()))).await;
    let second =
        spawn_app_on_with(&db.url, |c| c.smtp_url = Some(slaboard::config::Secret(url.clone()))).await;
    let (on_first, _) = first.signed_in_client(CLIENT).await;
    let (on_second, _) = second.signed_in_client(CLIENT).await;
    let mut keys = Vec::new();
    for n in 0..10 {
        keys.push(create(&first, &on_first, &format!("Заявка {n} через первую реплику")).await.1);
        keys.push(create(&second, &on_second, &format!("Заявка {n} через вторую реплику")).await.1);
    }
    let acks = || -> Vec<Mail> {
        sink.mails().into_iter().filter(|m| m.subject.starts_with("Зарегистрировано:")).collect()
    };
    for _ in 0..200 {
        if acks().len() >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mails = acks();
    tokio::time::sleep(Duration::from_millis(3000)).await;
    let mails_after = acks();
    assert_eq!(
        mails_after.len(),
        20,
        "each mail once: {:#?}",
        mails_after.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let mut ids: Vec<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20);
    for key in &keys {
        assert_eq!(mails.iter().filter(|m| m.subject.contains(&format!("[{key}]"))).count(), 1, "{key}");
    }
    first.cleanup().await;
    second.cleanup().await;
    db.cleanup().await;
}
on_both_backends!(two_replicas_plan_and_send_each_mail_once);

async fn admins_watch_the_outbox_and_retry_failed_mails(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let (id, key) = create(&app, &client, "Сбой синхронизации").await;
    planned(&app).await;
    call(&app, &client, "admin/outbox", json!({}), 403).await;
    let view = call(&app, &admin, "admin/outbox", json!({}), 200).await;
    assert_eq!(view["smtp"], false, "no SMTP configured");
    assert!(view["pending"].as_i64().unwrap() >= 1);
    let mail = view["mails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ticket"] == key.as_str())
        .unwrap_or_else(|| panic!("{view:#}"))
        .clone();
    assert_eq!(mail["kind"], "acknowledgement");
    assert_eq!(mail["to"], CLIENT);
    assert_eq!(mail["status"], "pending");
    call(&app, &admin, "admin/outbox", json!({"status": "bogus"}), 422).await;
    let failed = call(&app, &admin, "admin/outbox", json!({"status": "failed"}), 200).await;
    assert!(failed["mails"].as_array().unwrap().is_empty());

    // A pending mail cannot be "retried"; a failed one goes back in line.
    let mail_id = mail["id"].as_i64().unwrap();
    call(&app, &admin, "admin/outbox/retry", json!({"id": mail_id}), 404).await;
    sqlx::query("UPDATE outbox SET status = 'failed', last_error = 'mailbox full' WHERE id = $1")
        .bind(mail_id)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let failed = call(&app, &admin, "admin/outbox", json!({"status": "failed"}), 200).await;
    assert_eq!(failed["mails"][0]["last_error"], "mailbox full");
    call(&app, &client, "admin/outbox/retry", json!({"id": mail_id}), 403).await;
    call(&app, &admin, "admin/outbox/retry", json!({"id": mail_id}), 200).await;
    let status: String = sqlx::query_scalar("SELECT status FROM outbox WHERE id = $1")
        .bind(mail_id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(status, "pending");
    let _ = id;
    app.cleanup().await;
}
on_both_backends!(admins_watch_the_outbox_and_retry_failed_mails);

async fn a_sender_whose_claim_ran_out_can_neither_send_nor_requeue_the_mail(backend: Backend) {
    use app::store::outbox;
    let app = spawn_app_with(backend, |_| {}).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (id, _) = create(&app, &client, "Двойная отправка").await;
    planned(&app).await;
    let mail_id: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp() + 5;
    // Replica A claims the mail (and every other due one) for 120 s …
    let a = outbox::claim_due(&app.store, now, 120, 1000).await.unwrap();
    let a_claim = a.iter().find(|m| m.id == mail_id).and_then(|m| m.claim).expect("A holds the mail");
    assert!(outbox::claim_due(&app.store, now + 60, 120, 1000)
        .await
        .unwrap()
        .iter()
        .all(|m| m.id != mail_id));
    // … is too slow; B takes it over once the lease ran out.
    let b = outbox::claim_due(&app.store, now + 121, 120, 1000).await.unwrap();
    let b_claim = b.iter().find(|m| m.id == mail_id).and_then(|m| m.claim).expect("B holds the mail");
    assert_ne!(a_claim, b_claim);
    // A may not send it any more, nor put it back in line after B sent it.
    assert!(!outbox::renew_claim(&app.store, mail_id, a_claim, now + 200).await.unwrap());
    outbox::mark_sent(&app.store, mail_id, b_claim, now + 122).await.unwrap();
    outbox::mark_attempt_failed(&app.store, mail_id, a_claim, "timed out", Some(now + 130)).await.unwrap();
    let (status, attempts): (String, i64) =
        sqlx::query_as("SELECT status, attempts FROM outbox WHERE id = $1")
            .bind(mail_id)
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 1));
    app.cleanup().await;
}
on_both_backends!(a_sender_whose_claim_ran_out_can_neither_send_nor_requeue_the_mail);

async fn an_event_that_cannot_be_planned_is_passed_over_not_blocking_later_mail(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (first, _) = create(&app, &client, "До повреждённого события").await;
    planned(&app).await;
    // An event this release cannot read (as a newer release might leave
    // after a rollback), numbered as `events::append` numbers them.
    let mut tx = app.store.begin().await.unwrap();
    let seq: i64 =
        sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = 'event' RETURNING value")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let org: i64 = sqlx::query_scalar("SELECT organisation_id FROM tickets WHERE id = $1")
        .bind(first)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO ticket_events (seq, ticket_id, organisation_id, kind, actor_id, at, payload, visibility)
         VALUES ($1, $2, $3, 'escalated', NULL, $4, '{\"kind\":\"escalated\",\"to\":\"L2\"}', 'public')",
    )
    .bind(seq)
    .bind(first)
    .bind(org)
    .bind(chrono::Utc::now().timestamp())
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let (second, key) = create(&app, &client, "После повреждённого события").await;
    planned(&app).await;
    let rows = outbox_of(&app, second).await;
    assert_eq!(rows.len(), 1, "the later registration is acknowledged: {rows:?}");
    assert_eq!(rows[0].0, "acknowledgement");
    let _ = key;
    app.cleanup().await;
}
on_both_backends!(an_event_that_cannot_be_planned_is_passed_over_not_blocking_later_mail);
