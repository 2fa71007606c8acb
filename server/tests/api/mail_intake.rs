//! Mail in (issue 13) against a real IMAP server (Dovecot, started per
//! test): mails become tickets and comments through the same use cases as
//! the web, exactly once, and loops, strangers and other organisations'
//! addresses get nowhere they should not. Each runs on SQLite and
//! PostgreSQL.

use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp, ADMIN, CLIENT, CLIENT_ORG, OPERATOR};
use crate::mail_server::{MailServer, MAILBOX_USER};
use crate::on_both_backends;
use app::domain::mail::UnknownSenders;
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{json, Value};
use slaboard::mail::intake::{MailIntake, PollReport};
use sqlx::Row;

const AGRO_CLIENT: &str = "client@agro.example";
/// A Техномаркет backlog ticket, nobody assigned, not waiting.
const UNANSWERED: &str = "Отчёт по остаткам считает резерв дважды";

/// A mail as a mail program writes it; `extra` are more header lines.
fn mail(from: &str, subject: &str, body: &str, extra: &[&str]) -> String {
    let id = format!("<{}.{}@mx.example>", Utc::now().timestamp_nanos_opt().unwrap(), rand_suffix());
    let mut headers = vec![
        format!("From: {from}"),
        format!("To: {MAILBOX_USER}"),
        format!("Subject: {subject}"),
        format!("Message-ID: {id}"),
        "Date: Tue, 1 Dec 2026 10:00:00 +0000".to_string(),
        "MIME-Version: 1.0".to_string(),
    ];
    if !extra.iter().any(|h| h.to_ascii_lowercase().starts_with("content-type")) {
        headers.push("Content-Type: text/plain; charset=utf-8".to_string());
    }
    headers.extend(extra.iter().map(|h| h.to_string()));
    format!("{}\n\n{body}\n", headers.join("\n"))
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

/// Two hours ago, in whole seconds: what INTERNALDATE can carry.
fn two_hours_ago() -> DateTime<Utc> {
    (Utc::now() - Duration::hours(2)).duration_trunc(Duration::seconds(1)).unwrap()
}

/// One poll of `server` into `app`'s database.
async fn poll(app: &TestApp, server: &MailServer, unknown: UnknownSenders) -> PollReport {
    poll_with(app, server, |c| c.mail_unknown_senders = unknown).await
}

async fn poll_with(
    app: &TestApp,
    server: &MailServer,
    configure: impl FnOnce(&mut slaboard::config::MailInConfig),
) -> PollReport {
    let mut config = server.config(UnknownSenders::Queue);
    configure(&mut config);
    let intake = MailIntake::from_config(&config, "desk.example").unwrap().expect("configured");
    intake.poll_once(&app.store).await.unwrap_or_else(|e| panic!("poll: {e}\n{}", server.log()))
}

#[derive(Debug)]
struct Ticket {
    id: i64,
    number: i64,
    title: String,
    description: String,
    channel: String,
    organisation: String,
    requester: String,
    received_at: i64,
}

async fn tickets_where(app: &TestApp, filter: &str, bind: &str) -> Vec<Ticket> {
    let rows = sqlx::query(&format!(
        "SELECT t.id, t.number, t.title, t.description, t.channel, o.name AS organisation, u.email AS requester,
                t.received_at
         FROM tickets t JOIN organisations o ON o.id = t.organisation_id JOIN users u ON u.id = t.requester_id
         WHERE {filter} ORDER BY t.id"
    ))
    .bind(bind)
    .fetch_all(&app.store.pool)
    .await
    .unwrap();
    rows.iter()
        .map(|r| Ticket {
            id: r.get("id"),
            number: r.get("number"),
            title: r.get("title"),
            description: r.get("description"),
            channel: r.get("channel"),
            organisation: r.get("organisation"),
            requester: r.get("requester"),
            received_at: r.get("received_at"),
        })
        .collect()
}

/// The tickets mail made (the demo has email tickets of its own).
async fn email_tickets(app: &TestApp) -> Vec<Ticket> {
    tickets_where(app, "t.id IN (SELECT ticket_id FROM mail_intake WHERE outcome = $1)", "ticket").await
}

async fn ticket_titled(app: &TestApp, title: &str) -> Ticket {
    tickets_where(app, "t.title = $1", title).await.pop().unwrap_or_else(|| panic!("no ticket {title}"))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(&app.store.pool).await.unwrap()
}

/// The mail records, oldest first: (outcome, reason, ticket id).
async fn records(app: &TestApp) -> Vec<(String, Option<String>, Option<i64>)> {
    sqlx::query("SELECT outcome, reason, ticket_id FROM mail_intake ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("outcome"), r.get("reason"), r.get("ticket_id")))
        .collect()
}

/// The comments of ticket `id`: (author email, body, visibility).
async fn comments(app: &TestApp, id: i64) -> Vec<(String, String, String)> {
    sqlx::query(
        "SELECT u.email, c.body, c.visibility FROM ticket_comments c JOIN users u ON u.id = c.author_id
         WHERE c.ticket_id = $1 ORDER BY c.id",
    )
    .bind(id)
    .fetch_all(&app.store.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("email"), r.get("body"), r.get("visibility")))
    .collect()
}

async fn a_clients_mail_becomes_a_ticket_through_the_running_poller(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app_with(backend, |c| c.mail_in = server.config(UnknownSenders::Queue)).await;
    let arrived = two_hours_ago();
    server
        .deliver(
            &mail(
                &format!("Ирина Соколова <{}>", CLIENT.to_uppercase()),
                "Касса 3 не печатает чеки",
                "С утра касса 3 молчит.\nПерезагрузка не помогла.",
                &[],
            ),
            arrived,
        )
        .await;

    // The server's own poller (every second) takes it in.
    let mut tickets = Vec::new();
    for _ in 0..100 {
        tickets = email_tickets(&app).await;
        if !tickets.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(tickets.len(), 1, "{}", server.log());
    let t = &tickets[0];
    assert_eq!(t.title, "Касса 3 не печатает чеки");
    assert_eq!(t.description, "С утра касса 3 молчит.\nПерезагрузка не помогла.");
    assert_eq!(t.channel, "email");
    assert_eq!(t.requester, CLIENT, "matched by address, whatever its case");
    assert_eq!(t.organisation, CLIENT_ORG);
    assert_eq!(t.received_at, arrived.timestamp(), "received when it arrived in the mailbox");
    let events = app.events_of(t.id).await;
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].kind.as_str(), events[0].actor_id), ("created", Some(app.user_id(CLIENT).await)));
    assert_eq!(records(&app).await, [("ticket".to_string(), None, Some(t.id))]);
    // Flagged on the server once committed.
    for _ in 0..50 {
        if server.uids("UNSEEN").await.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(server.uids("SEEN").await, [1]);

    // The admin area lists it; nobody else may read the list.
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let res = app.post_json_with(&admin, "admin/mail-in", json!({})).await;
    assert_eq!(res.status(), 200);
    let list: Value = res.json().await.unwrap();
    assert_eq!(list[0]["from"], CLIENT);
    assert_eq!(list[0]["subject"], "Касса 3 не печатает чеки");
    assert_eq!(list[0]["outcome"], "ticket");
    assert_eq!(list[0]["ticket_key"], format!("SUP-{}", t.number));
    assert_eq!(list[0]["received_at"], arrived.timestamp());
    let (client, _) = app.signed_in_client(CLIENT).await;
    assert_eq!(app.post_json_with(&client, "admin/mail-in", json!({})).await.status(), 403);
    app.cleanup().await;
}
on_both_backends!(a_clients_mail_becomes_a_ticket_through_the_running_poller);

async fn a_mail_from_an_organisations_domain_opens_a_ticket_for_a_new_passwordless_client(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let (admin, _) = app.signed_in_client(ADMIN).await;
    let org_id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(CLIENT_ORG)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let save = |domain: &str| json!({"id": org_id, "name": CLIENT_ORG, "mail_domain": domain});
    // A public mail service would let anyone in; it is refused.
    let res = app.post_json_with(&admin, "admin/organisations/save", save("gmail.com")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("public_mail_domain"));
    let res = app.post_json_with(&admin, "admin/organisations/save", save(" @TechnoMarket.Example ")).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let data: Value = app.post_json_with(&admin, "admin/data", json!({})).await.json().await.unwrap();
    let org = data["organisations"].as_array().unwrap().iter().find(|o| o["id"] == org_id).unwrap().clone();
    assert_eq!(org["mail_domain"], "technomarket.example");
    // A second organisation cannot take the same domain.
    let res = app
        .post_json_with(
            &admin,
            "admin/organisations/save",
            json!({"name": "Другая", "mail_domain": "technomarket.example"}),
        )
        .await;
    assert_eq!(res.status(), 422, "one field, one problem");
    let body = res.text().await.unwrap();
    assert!(body.contains("mail_domain") && body.contains("taken"), "{body}");

    let stranger = "Пётр Орлов <p.orlov@TechnoMarket.example>";
    server.deliver(&mail(stranger, "Нет связи с сервером", "Сервер недоступен.", &[]), two_hours_ago()).await;
    server.deliver(&mail(stranger, "И ещё принтер", "Принтер тоже.", &[]), two_hours_ago()).await;
    let report = poll(&app, &server, UnknownSenders::Refuse).await;
    assert_eq!((report.processed, report.failed), (2, 0));

    let tickets = email_tickets(&app).await;
    assert_eq!(tickets.len(), 2, "the domain decides, not the unknown-sender rule");
    for t in &tickets {
        assert_eq!(
            (t.organisation.as_str(), t.requester.as_str()),
            (CLIENT_ORG, "p.orlov@technomarket.example")
        );
    }
    let account =
        sqlx::query("SELECT name, role, password_hash, organisation_id FROM users WHERE email = $1")
            .bind("p.orlov@technomarket.example")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(account.get::<String, _>("name"), "Пётр Орлов");
    assert_eq!(account.get::<String, _>("role"), "client");
    assert_eq!(account.get::<Option<i64>, _>("organisation_id"), Some(org_id));
    assert!(
        account.get::<Option<String>, _>("password_hash").is_none(),
        "cannot sign in until an admin sets a password"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users WHERE email = 'p.orlov@technomarket.example'").await,
        1
    );
    let res = app.login_with(&reqwest::Client::new(), "p.orlov@technomarket.example", "").await;
    assert_ne!(res.status(), 200);
    app.cleanup().await;
}
on_both_backends!(a_mail_from_an_organisations_domain_opens_a_ticket_for_a_new_passwordless_client);

async fn replies_thread_by_key_and_by_in_reply_to_as_public_comments_that_end_the_wait(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let t = ticket_titled(&app, UNANSWERED).await;
    // The desk asks the client for information: the ticket waits.
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let version: i64 = sqlx::query_scalar("SELECT version FROM tickets WHERE id = $1")
        .bind(t.id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let res = app
        .post_json_with(
            &operator,
            "tickets/edit",
            json!({"id": t.id, "version": version, "edit": {"field": "waiting", "value": "client_info"},
                   "message": "Уточните, пожалуйста, склад."}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let reply = "Резерв считается по складу 2.\n\nВт, 1 дек. 2026 г. в 10:00, Поддержка <support@desk.example> пишет:\n> Уточните, пожалуйста, склад.\n> --\n> Поддержка";
    server
        .deliver(&mail(CLIENT, &format!("Re: [SUP-{}] {UNANSWERED}", t.number), reply, &[]), two_hours_ago())
        .await;
    let report = poll(&app, &server, UnknownSenders::Queue).await;
    assert_eq!((report.processed, report.failed), (1, 0));

    assert_eq!(
        comments(&app, t.id).await,
        [
            // The wait's question, posted with it (issue 17), then the reply.
            (OPERATOR.to_string(), "Уточните, пожалуйста, склад.".to_string(), "public".to_string()),
            (CLIENT.to_string(), "Резерв считается по складу 2.".to_string(), "public".to_string()),
        ],
        "the question, and the reply as a public comment without the quoted history"
    );
    let waiting: Option<String> = sqlx::query_scalar("SELECT waiting_reason FROM tickets WHERE id = $1")
        .bind(t.id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(waiting, None, "a client's reply to an information request ends the wait");
    let client_id = app.user_id(CLIENT).await;
    let kinds: Vec<String> = app
        .events_of(t.id)
        .await
        .into_iter()
        .filter(|e| e.actor_id == Some(client_id))
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["commented", "waiting_ended"], "the client acted");
    assert!(email_tickets(&app).await.is_empty(), "no new ticket");

    // A mail the desk sent for this ticket (the outbox) is answered: the
    // reply threads by In-Reply-To, whatever its subject.
    let mut tx = app.store.begin().await.unwrap();
    app::store::outbox::enqueue(
        &mut tx,
        &app::store::outbox::NewMail {
            kind: "reply",
            ticket_id: Some(t.id),
            event_seq: None,
            recipient_id: Some(client_id),
            to_address: CLIENT,
            language: "ru",
            subject: "Ответ",
            body: "Текст",
            message_id: "reply.77@desk.example",
            in_reply_to: None,
            at: Utc::now().timestamp(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    server
        .deliver(
            &mail(
                CLIENT,
                "Ответ без номера",
                "Спасибо, получилось.",
                &[
                    "In-Reply-To: <reply.77@desk.example>",
                    "References: <older@mx.example> <reply.77@desk.example>",
                ],
            ),
            two_hours_ago(),
        )
        .await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);
    let bodies: Vec<String> = comments(&app, t.id).await.into_iter().map(|c| c.1).collect();
    assert_eq!(
        bodies,
        ["Уточните, пожалуйста, склад.", "Резерв считается по складу 2.", "Спасибо, получилось."]
    );
    let recorded = records(&app).await;
    assert!(recorded.iter().all(|r| r.0 == "comment" && r.2 == Some(t.id)), "{recorded:?}");
    app.cleanup().await;
}
on_both_backends!(replies_thread_by_key_and_by_in_reply_to_as_public_comments_that_end_the_wait);

async fn a_reply_from_another_organisations_address_does_not_reach_the_ticket(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let t = ticket_titled(&app, UNANSWERED).await;
    let before = comments(&app, t.id).await;
    let events_before = app.events_of(t.id).await.len();
    server
        .deliver(
            &mail(AGRO_CLIENT, &format!("Re: [SUP-{}] {UNANSWERED}", t.number), "Это наш вопрос тоже.", &[]),
            two_hours_ago(),
        )
        .await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);
    // Nor does a mail naming one of the desk's mails about that ticket.
    let mut tx = app.store.begin().await.unwrap();
    app::store::outbox::enqueue(
        &mut tx,
        &app::store::outbox::NewMail {
            kind: "reply",
            ticket_id: Some(t.id),
            event_seq: None,
            recipient_id: None,
            to_address: CLIENT,
            language: "ru",
            subject: "Ответ",
            body: "Текст",
            message_id: "reply.91@desk.example",
            in_reply_to: None,
            at: Utc::now().timestamp(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let forwarded =
        mail(AGRO_CLIENT, "Переслали нам", "Тоже интересно.", &["In-Reply-To: <reply.91@desk.example>"]);
    server.deliver(&forwarded, two_hours_ago()).await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);

    assert_eq!(comments(&app, t.id).await, before, "nothing reached the other organisation's ticket");
    assert_eq!(app.events_of(t.id).await.len(), events_before);
    let tickets = email_tickets(&app).await;
    assert_eq!(tickets.len(), 2, "the sender's own organisation gets tickets instead");
    for t in &tickets {
        assert_ne!(t.organisation, CLIENT_ORG);
        assert_eq!(t.requester, AGRO_CLIENT);
    }
    assert_eq!(tickets[0].title, UNANSWERED, "the foreign key is not in the title");
    let thread = |id| ("ticket".to_string(), Some("foreign_thread".to_string()), Some(id));
    assert_eq!(records(&app).await, [thread(tickets[0].id), thread(tickets[1].id)]);
    app.cleanup().await;
}
on_both_backends!(a_reply_from_another_organisations_address_does_not_reach_the_ticket);

async fn auto_replies_bounces_bulk_mail_and_our_own_mail_make_nothing(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let t = ticket_titled(&app, UNANSWERED).await;
    let key = format!("[SUP-{}]", t.number);
    let tickets_before = count(&app, "SELECT COUNT(*) FROM tickets").await;
    let comments_before = count(&app, "SELECT COUNT(*) FROM ticket_comments").await;
    let mut tx = app.store.begin().await.unwrap();
    app::store::outbox::enqueue(
        &mut tx,
        &app::store::outbox::NewMail {
            kind: "acknowledgement",
            ticket_id: Some(t.id),
            event_seq: None,
            recipient_id: None,
            to_address: CLIENT,
            language: "en",
            subject: "Registered",
            body: "x",
            message_id: "ack.5@desk.example",
            in_reply_to: None,
            at: Utc::now().timestamp(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let bounce = format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example>\nTo: {MAILBOX_USER}\nSubject: Undelivered Mail Returned to Sender\n\
         Message-ID: <bounce.1@mx.example>\nMIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n\
         --B\nContent-Type: text/plain\n\nThe mail to nobody@technomarket.example could not be delivered.\n\
         --B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\
         Final-Recipient: rfc822; nobody@technomarket.example\nAction: failed\nStatus: 5.1.1\n--B--\n"
    );
    let own = mail(CLIENT, &format!("Re: {key}"), "looped", &[]);
    let own = own
        .lines()
        .map(|l| if l.starts_with("Message-ID") { "Message-ID: <ack.5@desk.example>" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    server
        .deliver_many(
            &[
                mail(CLIENT, &format!("Auto: {key}"), "I am on holiday.", &["Auto-Submitted: auto-replied"]),
                bounce,
                mail(CLIENT, &format!("Newsletter {key}"), "News", &["Precedence: bulk"]),
                mail(CLIENT, "Digest", "List post", &["List-Id: <clients.technomarket.example>"]),
                mail(CLIENT, &format!("Re: {key}"), "Old responder", &["X-Autoreply: yes"]),
                own,
                mail(OPERATOR, &format!("Re: {key}"), "Forged staff reply", &[]),
                mail(AGRO_CLIENT, "Disabled", "Still writing", &[]),
            ],
            two_hours_ago(),
        )
        .await;
    sqlx::query("UPDATE users SET disabled_at = 1 WHERE email = $1")
        .bind(AGRO_CLIENT)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let report = poll(&app, &server, UnknownSenders::Queue).await;
    assert_eq!((report.listed, report.processed, report.failed), (8, 8, 0), "{}", server.log());

    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, tickets_before, "no ticket");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_comments").await, comments_before, "no comment");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'refusal'").await,
        0,
        "no answer either"
    );
    let reasons: Vec<String> =
        records(&app).await.into_iter().map(|r| format!("{}:{}", r.0, r.1.unwrap_or_default())).collect();
    assert_eq!(
        reasons,
        [
            "ignored:auto_reply",
            "ignored:bounce",
            "ignored:bulk",
            "ignored:mailing_list",
            "ignored:auto_reply",
            "ignored:own_mail",
            "ignored:staff_address",
            "ignored:disabled_account"
        ]
    );
    assert!(server.uids("UNSEEN").await.is_empty(), "all marked done");
    app.cleanup().await;
}
on_both_backends!(auto_replies_bounces_bulk_mail_and_our_own_mail_make_nothing);

async fn an_html_only_mail_becomes_text_without_markup(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let html = "<html><head><style>.x{color:red}</style><script>alert('x')</script></head><body>\
        <p>Касса&nbsp;3 <b>не</b> печатает.</p><p>Ошибка: <i>E-42</i></p>\
        <img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">ссылка</a></body></html>";
    server
        .deliver(&mail(CLIENT, "HTML", html, &["Content-Type: text/html; charset=utf-8"]), two_hours_ago())
        .await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);
    let t = &email_tickets(&app).await[0];
    assert!(t.description.contains("Касса 3 не печатает."), "{}", t.description);
    assert!(t.description.contains("Ошибка: E-42"), "{}", t.description);
    for markup in ["<", ">", "alert(1)", "color:red", "<script", "onerror"] {
        assert!(!t.description.contains(markup), "{markup:?} in {:?}", t.description);
    }
    app.cleanup().await;
}
on_both_backends!(an_html_only_mail_becomes_text_without_markup);

async fn a_mails_files_are_kept_with_the_ticket_with_the_browsers_checks(backend: Backend) {
    use base64::Engine;
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let png = crate::attachments::png(40, 30);
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let body = format!(
        "--b1\nContent-Type: text/plain; charset=utf-8\n\nСкриншот ошибки во вложении.\n\
         --b1\nContent-Type: image/png; name=\"screen.png\"\nContent-Disposition: attachment; filename=\"screen.png\"\n\
         Content-Transfer-Encoding: base64\n\n{}\n\
         --b1\nContent-Type: image/png; name=\"evil.png\"\nContent-Disposition: attachment; filename=\"evil.png\"\n\
         Content-Transfer-Encoding: base64\n\n{}\n--b1--",
        b64(&png),
        b64(b"<html><script>alert(1)</script></html>")
    );
    server
        .deliver(
            &mail(CLIENT, "Ошибка со скриншотом", &body, &["Content-Type: multipart/mixed; boundary=\"b1\""]),
            two_hours_ago(),
        )
        .await;
    let config = server.config(UnknownSenders::Queue);
    let intake =
        MailIntake::from_config(&config, "desk.example").unwrap().unwrap().keeping_files(app.files.clone());
    assert_eq!(intake.poll_once(&app.store).await.unwrap().processed, 1);
    let t = ticket_titled(&app, "Ошибка со скриншотом").await;
    // The picture is kept, by the sender, with the ticket; the HTML named
    // .png is refused as it is from the browser.
    let kept: Vec<(String, i64)> =
        sqlx::query_as("SELECT name, uploader_id FROM attachments WHERE ticket_id = $1 ORDER BY id")
            .bind(t.id)
            .fetch_all(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(kept, [("screen.png".to_string(), app.user_id(CLIENT).await)]);
    let (client, _) = app.signed_in_client(CLIENT).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM attachments WHERE ticket_id = $1")
        .bind(t.id)
        .fetch_one(&app.store.pool)
        .await
        .unwrap();
    let res = client.get(format!("{}/api/attachments/{id}", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().to_vec(), png, "served back as it came");
    app.cleanup().await;
}
on_both_backends!(a_mails_files_are_kept_with_the_ticket_with_the_browsers_checks);

async fn polling_again_or_crashing_before_the_flag_makes_no_duplicate(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let t = ticket_titled(&app, UNANSWERED).await;
    server
        .deliver_many(
            &[
                mail(CLIENT, "Новый вопрос", "Текст", &[]),
                mail(CLIENT, &format!("Re: [SUP-{}]", t.number), "Ответ", &[]),
                mail(CLIENT, "Auto", "holiday", &["Auto-Submitted: auto-replied"]),
                // The same mail delivered twice (two of our addresses).
                "From: client@technomarket.example\nSubject: Дважды\nMessage-ID: <twice@mx.example>\n\nОдин раз".to_string(),
                "From: client@technomarket.example\nSubject: Дважды\nMessage-ID: <twice@mx.example>\n\nОдин раз".to_string(),
            ],
            two_hours_ago(),
        )
        .await;
    let first = poll(&app, &server, UnknownSenders::Queue).await;
    assert_eq!((first.processed, first.before, first.failed), (4, 1, 0));
    let snapshot = (
        count(&app, "SELECT COUNT(*) FROM tickets").await,
        count(&app, "SELECT COUNT(*) FROM ticket_comments").await,
        app.change_events().await,
        records(&app).await,
    );
    assert_eq!(email_tickets(&app).await.len(), 2);

    // Polling again finds nothing new.
    let again = poll(&app, &server, UnknownSenders::Queue).await;
    assert_eq!((again.listed, again.processed), (0, 0));

    // A crash after the commit and before the flag: the mails are unseen
    // again; the next poll finds them recorded and only flags them.
    server.unsee_all().await;
    let after_crash = poll(&app, &server, UnknownSenders::Queue).await;
    assert_eq!((after_crash.listed, after_crash.processed, after_crash.before), (5, 0, 5));
    let now = (
        count(&app, "SELECT COUNT(*) FROM tickets").await,
        count(&app, "SELECT COUNT(*) FROM ticket_comments").await,
        app.change_events().await,
        records(&app).await,
    );
    assert_eq!(now, snapshot, "nothing made twice");
    assert!(server.uids("UNSEEN").await.is_empty());
    app.cleanup().await;
}
on_both_backends!(polling_again_or_crashing_before_the_flag_makes_no_duplicate);

async fn unknown_senders_wait_in_the_sorting_queue_each_with_their_own_tickets(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    server
        .deliver(
            &mail("Stranger One <one@unknown.example>", "Хочу купить", "Сколько стоит?", &[]),
            two_hours_ago(),
        )
        .await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);
    let first = email_tickets(&app).await.pop().expect("a ticket");
    assert_eq!(
        (first.organisation.as_str(), first.requester.as_str()),
        ("Unsorted mail", "one@unknown.example")
    );
    let queue_flag: Option<i64> =
        sqlx::query_scalar("SELECT mail_queue FROM organisations WHERE name = 'Unsorted mail'")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
    assert_eq!(queue_flag, Some(1));
    assert_eq!(
        records(&app).await,
        [("ticket".to_string(), Some("unknown_sender".to_string()), Some(first.id))]
    );

    // Another stranger shares the queue but not the ticket.
    let key = format!("Re: [SUP-{}]", first.number);
    server.deliver(&mail("two@other.example", &key, "Подсмотрел номер", &[]), two_hours_ago()).await;
    // The first stranger's own reply joins their ticket.
    server.deliver(&mail("one@unknown.example", &key, "Уточняю: 10 лицензий", &[]), two_hours_ago()).await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 2);
    assert_eq!(
        comments(&app, first.id).await,
        [("one@unknown.example".to_string(), "Уточняю: 10 лицензий".to_string(), "public".to_string())]
    );
    let tickets = email_tickets(&app).await;
    assert_eq!(tickets.len(), 2);
    assert_eq!(
        (tickets[1].organisation.as_str(), tickets[1].requester.as_str()),
        ("Unsorted mail", "two@other.example")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM organisations WHERE mail_queue = 1").await, 1, "one queue");
    app.cleanup().await;
}
on_both_backends!(unknown_senders_wait_in_the_sorting_queue_each_with_their_own_tickets);

async fn an_operator_sorts_a_queued_ticket_into_its_organisation(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    server
        .deliver(&mail("Анна <anna@new-client.example>", "Касса", "Не печатает", &[]), two_hours_ago())
        .await;
    assert_eq!(poll(&app, &server, UnknownSenders::Queue).await.processed, 1);
    let t = email_tickets(&app).await.pop().unwrap();
    let key = format!("SUP-{}", t.number);
    // A stranger in the queue is not answered: the desk does not mail
    // whatever address a mail claims to come from.
    crate::mail_out::planned(&app).await;
    let acks = |app: &TestApp| {
        let pool = app.store.pool.clone();
        async move {
            sqlx::query_as::<_, (String,)>(
                "SELECT to_address FROM outbox WHERE ticket_id = $1 AND kind = 'acknowledgement'",
            )
            .bind(t.id)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert!(acks(&app).await.is_empty());
    let version = |app: &TestApp| {
        let pool = app.store.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT version FROM tickets WHERE id = $1")
                .bind(t.id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (operator, _) = app.signed_in_client(OPERATOR).await;
    let page: Value =
        app.post_json_with(&operator, "tickets/get", json!({"key": key})).await.json().await.unwrap();
    let choices = page["actions"]["sort_into"].as_array().unwrap().clone();
    let org = choices.iter().find(|o| o["name"] == CLIENT_ORG).expect("the client's organisation is offered");
    assert!(choices.iter().all(|o| o["name"] != "Unsorted mail"), "not the queue itself");
    let client_id = app.user_id(CLIENT).await;
    assert!(org["requesters"].as_array().unwrap().iter().any(|r| r["id"] == client_id));
    let org_id = org["id"].as_i64().unwrap();
    let sort = |org: i64, who: i64, v: i64| json!({"id": t.id, "version": v, "organisation_id": org, "requester_id": who});

    // A client may not sort; a requester of another organisation is refused.
    let (client, _) = app.signed_in_client(CLIENT).await;
    assert_eq!(
        app.post_json_with(&client, "tickets/sort", sort(org_id, client_id, version(&app).await))
            .await
            .status(),
        403
    );
    let agro = app.user_id(AGRO_CLIENT).await;
    let res = app.post_json_with(&operator, "tickets/sort", sort(org_id, agro, version(&app).await)).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("requester"));

    let res =
        app.post_json_with(&operator, "tickets/sort", sort(org_id, client_id, version(&app).await)).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let sorted = tickets_where(&app, "t.id = CAST($1 AS BIGINT)", &t.id.to_string()).await.pop().unwrap();
    assert_eq!((sorted.organisation.as_str(), sorted.requester.as_str()), (CLIENT_ORG, CLIENT));
    // Sorted to a known client, the request is registered: its letter goes
    // to the new requester (seed 004 §3.8).
    crate::mail_out::planned(&app).await;
    assert_eq!(acks(&app).await, [(CLIENT.to_string(),)]);
    let last = app.events_of(t.id).await.pop().unwrap();
    assert_eq!(last.kind, "sorted");
    assert_eq!(last.actor_id, Some(app.user_id(OPERATOR).await));
    assert_eq!(last.visibility, "internal");
    assert_eq!(last.payload["from"], "Unsorted mail");
    assert_eq!(last.payload["to"], CLIENT_ORG);
    // The organisation's client now sees it; it is no longer in the queue.
    assert_eq!(app.post_json_with(&client, "tickets/get", json!({"key": key})).await.status(), 200);
    let page: Value =
        app.post_json_with(&operator, "tickets/get", json!({"key": key})).await.json().await.unwrap();
    assert!(page["actions"]["sort_into"].as_array().unwrap().is_empty());
    let res =
        app.post_json_with(&operator, "tickets/sort", sort(org_id, client_id, version(&app).await)).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("not_in_sorting_queue"));
    app.cleanup().await;
}
on_both_backends!(an_operator_sorts_a_queued_ticket_into_its_organisation);

async fn unknown_senders_are_refused_politely_once_a_day(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let tickets_before = count(&app, "SELECT COUNT(*) FROM tickets").await;
    let first = mail("Незнакомец <who@unknown.example>", "Вопрос", "Здравствуйте, подскажите цену.", &[]);
    let first_id = first.lines().find(|l| l.starts_with("Message-ID")).unwrap()[13..]
        .trim()
        .trim_matches(['<', '>'])
        .to_string();
    server.deliver(&first, two_hours_ago()).await;
    server.deliver(&mail("who@unknown.example", "Ещё вопрос", "Алло?", &[]), two_hours_ago()).await;
    let report = poll(&app, &server, UnknownSenders::Refuse).await;
    assert_eq!((report.processed, report.failed), (2, 0));

    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, tickets_before, "no ticket");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users WHERE email = 'who@unknown.example'").await,
        0,
        "no account"
    );
    let refusal = sqlx::query("SELECT to_address, language, subject, body, in_reply_to, ticket_id, status FROM outbox WHERE kind = 'refusal'")
        .fetch_all(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(refusal.len(), 1, "one refusal a day, whatever the number of mails");
    let r = &refusal[0];
    assert_eq!(r.get::<String, _>("to_address"), "who@unknown.example");
    assert_eq!(r.get::<String, _>("language"), "ru", "in the language the stranger wrote in");
    assert_eq!(r.get::<String, _>("subject"), "Не зарегистрировано: Вопрос");
    let body = r.get::<String, _>("body");
    assert!(body.contains("Здравствуйте, Незнакомец!") && body.contains("не известен"), "{body}");
    assert_eq!(r.get::<Option<String>, _>("in_reply_to"), Some(first_id));
    assert_eq!(r.get::<Option<i64>, _>("ticket_id"), None);
    assert_eq!(r.get::<String, _>("status"), "pending");
    let reasons: Vec<String> =
        records(&app).await.into_iter().map(|r| format!("{}:{}", r.0, r.1.unwrap_or_default())).collect();
    assert_eq!(reasons, ["refused:unknown_sender", "ignored:refusal_already_sent"]);
    app.cleanup().await;
}
on_both_backends!(unknown_senders_are_refused_politely_once_a_day);

async fn an_oversized_mail_is_recorded_without_downloading_it(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let big = mail(CLIENT, "Огромный лог", &"строка лога\n".repeat(2_000), &[]);
    server.deliver(&big, two_hours_ago()).await;
    server.deliver(&mail(CLIENT, "Маленькое", "Коротко", &[]), two_hours_ago()).await;
    let report = poll_with(&app, &server, |c| c.imap_max_mail_bytes = 4_096).await;
    assert_eq!((report.processed, report.failed), (2, 0));
    let tickets = email_tickets(&app).await;
    assert_eq!(tickets.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Маленькое"]);
    let row = sqlx::query(
        "SELECT outcome, reason, from_address, subject, size FROM mail_intake ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.store.pool)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>("outcome"), "ignored");
    assert_eq!(row.get::<Option<String>, _>("reason").as_deref(), Some("too_large"));
    assert_eq!(row.get::<Option<String>, _>("from_address").as_deref(), Some(CLIENT));
    assert_eq!(row.get::<String, _>("subject"), "Огромный лог");
    assert!(row.get::<i64, _>("size") > 4_096);
    assert!(server.uids("UNSEEN").await.is_empty());
    app.cleanup().await;
}
on_both_backends!(an_oversized_mail_is_recorded_without_downloading_it);

/// TLS is the same whatever the database: SQLite only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_in_works_over_tls_and_starttls_and_refuses_an_untrusted_certificate() {
    use slaboard::mail::imap::Security;
    let server = MailServer::start_tls().await;
    let app = spawn_app(Backend::Sqlite).await;
    server.deliver(&mail(CLIENT, "Через TLS", "Текст", &[]), two_hours_ago()).await;
    let tls = |c: &mut slaboard::config::MailInConfig| {
        c.imap_host = Some("localhost".into());
        c.imap_port = server.tls_port;
        c.imap_security = Security::Tls;
        c.imap_ca_file = server.ca_file.clone();
    };
    let report = poll_with(&app, &server, tls).await;
    assert_eq!(report.processed, 1, "{report:?}\n{}", server.log());
    server.deliver(&mail(CLIENT, "Через STARTTLS", "Текст", &[]), two_hours_ago()).await;
    let starttls = |c: &mut slaboard::config::MailInConfig| {
        c.imap_host = Some("localhost".into());
        c.imap_security = Security::Starttls;
        c.imap_ca_file = server.ca_file.clone();
    };
    assert_eq!(poll_with(&app, &server, starttls).await.processed, 1);
    let titles: Vec<String> = email_tickets(&app).await.into_iter().map(|t| t.title).collect();
    assert_eq!(titles, ["Через TLS", "Через STARTTLS"]);

    // Without the certificate among the trusted roots, nothing connects.
    let mut config = server.config(UnknownSenders::Queue);
    config.imap_host = Some("localhost".into());
    config.imap_port = server.tls_port;
    config.imap_security = Security::Tls;
    let intake = MailIntake::from_config(&config, "desk.example").unwrap().unwrap();
    let err = intake.poll_once(&app.store).await.unwrap_err().to_string();
    assert!(err.contains("TLS") || err.contains("certificate"), "{err}");
    app.cleanup().await;
}

/// Moving instead of flagging, and the lease of several replicas, are the
/// same whatever the database: SQLite only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processed_mail_can_be_moved_and_one_replica_polls_at_a_time() {
    let server = MailServer::start().await;
    let app = spawn_app(Backend::Sqlite).await;
    server.create_folder("Done").await;
    server.deliver(&mail(CLIENT, "Первое", "Текст", &[]), two_hours_ago()).await;

    // Another replica holds the mailbox: this one does nothing.
    let intake =
        MailIntake::from_config(&server.config(UnknownSenders::Queue), "desk.example").unwrap().unwrap();
    let until = Utc::now().timestamp() + 60;
    sqlx::query("INSERT INTO mail_intake_lease (mailbox, holder, until) VALUES ($1, 'other-replica', $2)")
        .bind(intake.mailbox())
        .bind(until)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let report = intake.poll_once(&app.store).await.unwrap();
    assert!(report.busy && report.processed == 0, "{report:?}");
    assert!(email_tickets(&app).await.is_empty());
    // Its lease runs out (a replica that died): this one takes over.
    sqlx::query("UPDATE mail_intake_lease SET until = $1")
        .bind(Utc::now().timestamp() - 1)
        .execute(&app.store.pool)
        .await
        .unwrap();

    let report = poll_with(&app, &server, |c| c.imap_done_folder = Some("Done".into())).await;
    assert_eq!((report.busy, report.processed), (false, 1));
    assert_eq!(email_tickets(&app).await.len(), 1);
    assert_eq!((server.count_in("INBOX").await, server.count_in("Done").await), (0, 1), "moved, not flagged");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_intake_lease").await, 0, "the lease is given back");
    app.cleanup().await;
}

/// Throughput: 200 mails in one poll, printed for bench/RESULTS.md.
async fn two_hundred_mails_are_taken_in_in_one_poll(backend: Backend) {
    let server = MailServer::start().await;
    let app = spawn_app(backend).await;
    let t = ticket_titled(&app, UNANSWERED).await;
    let mails: Vec<String> = (0..200)
        .map(|i| {
            if i % 2 == 0 {
                mail(CLIENT, &format!("Вопрос {i}"), &format!("Текст {i}"), &[])
            } else {
                mail(CLIENT, &format!("Re: [SUP-{}]", t.number), &format!("Ответ {i}\n\n> цитата"), &[])
            }
        })
        .collect();
    server.deliver_many(&mails, two_hours_ago()).await;
    let started = std::time::Instant::now();
    let report = poll_with(&app, &server, |c| c.imap_max_per_poll = 500).await;
    let took = started.elapsed();
    assert_eq!((report.processed, report.failed), (200, 0));
    assert_eq!(email_tickets(&app).await.len(), 100);
    assert_eq!(comments(&app, t.id).await.len(), 100);
    eprintln!(
        "mail in ({backend:?}): 200 mails (100 tickets, 100 comments) in {:.2} s, {:.0} mails/s",
        took.as_secs_f64(),
        200.0 / took.as_secs_f64()
    );
    app.cleanup().await;
}
on_both_backends!(two_hundred_mails_are_taken_in_in_one_poll);
