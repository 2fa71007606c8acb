//! The live stream `GET /api/events`: each subscriber receives exactly the
//! events it may see, in log order; `Last-Event-ID` replays exactly what a
//! subscriber missed, also while many writers commit; a replica on the
//! same PostgreSQL database streams what another replica wrote.

use crate::helpers::{spawn_app, Backend, TestApp, CLIENT, CONSULTANT, LEAD, OPERATOR};
use crate::on_both_backends;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;
use tokio::sync::mpsc;

/// Another organisation's client (АгроХолдинг), for isolation tests.
const OTHER_CLIENT: &str = "client@agro.example";

/// One server-sent event as the stream carried it.
#[derive(Debug, Clone)]
struct Sse {
    event: String,
    id: Option<i64>,
    data: Value,
}

/// A subscription read in the background: events arrive on `rx`.
struct Subscription {
    rx: mpsc::UnboundedReceiver<Sse>,
    reader: tokio::task::JoinHandle<()>,
    /// The watcher's `sla_*` events `tickets_until` passed over.
    sla_seen: Vec<Value>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Opens the stream as `client`, optionally resuming after `last_event_id`,
/// and waits for its opening message (`ready` or `resync`).
async fn subscribe(
    app: &TestApp,
    client: &reqwest::Client,
    last_event_id: Option<i64>,
) -> (Subscription, Sse) {
    let mut req = client.get(format!("{}/api/events", app.address));
    if let Some(id) = last_event_id {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let (tx, rx) = mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        let mut body = res.bytes_stream();
        let mut buffer = String::new();
        while let Some(Ok(chunk)) = body.next().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let frame: String = buffer.drain(..end + 2).collect();
                if let Some(sse) = parse(&frame) {
                    if tx.send(sse).is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut sub = Subscription { rx, reader, sla_seen: Vec::new() };
    let first = sub.next().await.expect("the stream opens with a message");
    (sub, first)
}

/// Reads until the server closes the stream; returns the last message's
/// event name. Panics if it stays open for 10 s.
async fn until_closed(stream: &mut Subscription, who: &str) -> Option<String> {
    let mut last = None;
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.rx.recv()).await {
            Ok(Some(sse)) => last = Some(sse.event),
            Ok(None) => return last,
            Err(_) => panic!("{who}'s stream is still open after {last:?}"),
        }
    }
}

fn parse(frame: &str) -> Option<Sse> {
    let (mut event, mut id, mut data) = (String::from("message"), None, String::new());
    for line in frame.lines() {
        if let Some(v) = line.strip_prefix("event:") {
            event = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("id:") {
            id = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim_start());
        }
    }
    // Comments and bare retry lines carry no event.
    (!data.is_empty()).then(|| Sse { event, id, data: serde_json::from_str(&data).unwrap_or(Value::Null) })
}

impl Subscription {
    /// The next message, or `None` after 10 s of silence.
    async fn next(&mut self) -> Option<Sse> {
        tokio::time::timeout(Duration::from_secs(10), self.rx.recv()).await.ok().flatten()
    }

    /// Ticket events (leaving out pings and the watcher's `sla_*` events,
    /// which may come at any moment: the demo has overdue tickets) until
    /// and including the first for which `last` holds.
    async fn tickets_until(&mut self, last: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let sse = self.next().await.unwrap_or_else(|| panic!("the stream went quiet after {seen:#?}"));
            if sse.event != "ticket" {
                continue;
            }
            assert_eq!(sse.id, sse.data["seq"].as_i64(), "the SSE id is the sequence number");
            if sse.data["event"]["kind"].as_str().is_some_and(|k| k.starts_with("sla_")) {
                self.sla_seen.push(sse.data);
                continue;
            }
            let done = last(&sse.data);
            seen.push(sse.data);
            if done {
                return seen;
            }
        }
    }
}

/// Appends `count` public events straight into the log, as another process
/// would, without telling this server's follower; returns the last number.
async fn log_quietly(app: &TestApp, count: i64) -> i64 {
    let ticket: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM tickets").fetch_one(&app.store.pool).await.unwrap();
    let org = organisation_of(app, ticket).await;
    let mut tx = app.store.pool.begin().await.unwrap();
    let last: i64 =
        sqlx::query_scalar("UPDATE counters SET value = value + $1 WHERE name = 'event' RETURNING value")
            .bind(count)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    for seq in last - count + 1..=last {
        sqlx::query(
            "INSERT INTO ticket_events (seq, ticket_id, organisation_id, kind, actor_id, at, payload, visibility)
             VALUES ($1, $2, $3, 'first_response', NULL, 0, '{\"kind\":\"first_response\"}', 'public')",
        )
        .bind(seq)
        .bind(ticket)
        .bind(org)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    last
}

async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, body: Value) -> Value {
    let res = app.post_json_with(client, endpoint, body.clone()).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 200, "{endpoint} {body}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn new_ticket(app: &TestApp, client: &reqwest::Client, title: &str) -> i64 {
    let body = json!({"title": title, "description": "", "category": "incident", "priority": "normal"});
    call(app, client, "tickets/create", body).await["id"].as_i64().unwrap()
}

fn is_created(id: i64) -> impl Fn(&Value) -> bool {
    move |e| e["ticket_id"] == id && e["event"]["kind"] == "created"
}

fn summary(events: &[Value]) -> Vec<(i64, String)> {
    events
        .iter()
        .map(|e| {
            let kind = e["event"]["kind"].as_str().unwrap().to_string();
            let internal = if e["event"]["internal"] == true { " (internal)" } else { "" };
            (e["ticket_id"].as_i64().unwrap(), format!("{kind}{internal}"))
        })
        .collect()
}

async fn organisation_of(app: &TestApp, ticket: i64) -> i64 {
    sqlx::query_scalar("SELECT organisation_id FROM tickets WHERE id = $1")
        .bind(ticket)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn visibility_of(app: &TestApp, seq: i64) -> String {
    sqlx::query_scalar("SELECT visibility FROM ticket_events WHERE seq = $1")
        .bind(seq)
        .fetch_one(&app.store.pool)
        .await
        .unwrap()
}

async fn subscribers_receive_only_their_organisations_events_and_clients_no_internal_ones(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (other, _) = app.signed_in_client(OTHER_CLIENT).await;
    let (agent, _) = app.signed_in_client(CONSULTANT).await;
    let (mut client_stream, opened) = subscribe(&app, &client, None).await;
    assert_eq!(opened.event, "ready");
    let (mut other_stream, _) = subscribe(&app, &other, None).await;
    let (mut agent_stream, _) = subscribe(&app, &agent, None).await;

    let ours = new_ticket(&app, &client, "Живая доска: наша заявка").await;
    let theirs = new_ticket(&app, &other, "Живая доска: чужая заявка").await;
    call(
        &app,
        &agent,
        "tickets/comment",
        json!({"id": ours, "body": "Внутренняя заметка", "internal": true}),
    )
    .await;
    call(&app, &agent, "tickets/comment", json!({"id": theirs, "body": "Ответ клиенту"})).await;
    // Markers: each client's next ticket. The stream is in log order, so
    // whatever would have leaked to a client came before its marker.
    let our_marker = new_ticket(&app, &client, "Живая доска: маркер").await;
    let their_marker = new_ticket(&app, &other, "Живая доска: маркер").await;

    let agent_saw = agent_stream.tickets_until(is_created(their_marker)).await;
    assert_eq!(
        summary(&agent_saw),
        [
            (ours, "created".into()),
            (theirs, "created".into()),
            (ours, "commented (internal)".into()),
            (theirs, "commented".into()),
            (theirs, "first_response".into()),
            (our_marker, "created".into()),
            (their_marker, "created".into()),
        ],
        "an agent sees every organisation's events, internal ones too"
    );
    let client_saw = client_stream.tickets_until(is_created(our_marker)).await;
    assert_eq!(summary(&client_saw), [(ours, "created".into()), (our_marker, "created".into())]);
    let other_saw = other_stream.tickets_until(is_created(their_marker)).await;
    assert_eq!(
        summary(&other_saw),
        [
            (theirs, "created".into()),
            (theirs, "commented".into()),
            (theirs, "first_response".into()),
            (their_marker, "created".into()),
        ]
    );
    // The watcher's events too: whatever reached a client is its own
    // organisation's and public.
    let client_org = organisation_of(&app, ours).await;
    let other_org = organisation_of(&app, theirs).await;
    for (stream, org) in [(&mut client_stream, client_org), (&mut other_stream, other_org)] {
        let mut rest: Vec<Value> = std::mem::take(&mut stream.sla_seen);
        while let Ok(Some(sse)) = tokio::time::timeout(Duration::from_millis(300), stream.rx.recv()).await {
            if sse.event == "ticket" {
                rest.push(sse.data);
            }
        }
        for event in rest {
            let ticket = event["ticket_id"].as_i64().unwrap();
            assert_eq!(organisation_of(&app, ticket).await, org, "{event}");
            assert_eq!(visibility_of(&app, event["seq"].as_i64().unwrap()).await, "public", "{event}");
        }
    }
    app.cleanup().await;
}
on_both_backends!(subscribers_receive_only_their_organisations_events_and_clients_no_internal_ones);

async fn last_event_id_replays_exactly_what_was_missed_while_twenty_writers_commit(backend: Backend) {
    const WRITERS: usize = 20;
    const COMMENTS: usize = 5;
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (agent, _) = app.signed_in_client(LEAD).await;
    let mut tickets = Vec::new();
    for w in 0..WRITERS {
        tickets.push(new_ticket(&app, &client, &format!("Параллельная заявка {w}")).await);
    }
    let (first, opened) = subscribe(&app, &agent, None).await;
    let from = opened.id.expect("ready names where the stream starts");
    drop(first);

    // Three agents (signing in 20 times would meet the sign-in throttle).
    let mut agents = Vec::new();
    for email in [CONSULTANT, LEAD, OPERATOR] {
        agents.push(app.signed_in_client(email).await.0);
    }
    let mut writers = Vec::new();
    for (w, &id) in tickets.iter().enumerate() {
        let app = app.clone();
        let agent = agents[w % 3].clone();
        writers.push(tokio::spawn(async move {
            for i in 0..COMMENTS {
                let body = json!({"id": id, "body": format!("Комментарий {i}"), "internal": i % 2 == 1});
                let res = app.post_json_with(&agent, "tickets/comment", body).await;
                assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
            }
        }));
    }
    // Reconnect while the writers are still committing: once the first
    // of their writes is in the log (so there is something to replay).
    while app.last_seq().await == from {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let (mut resumed, reopened) = subscribe(&app, &agent, Some(from)).await;
    for w in writers {
        w.await.unwrap();
    }
    let head = app.last_seq().await;
    let mut seqs = Vec::new();
    if reopened.event == "ticket" {
        seqs.push(reopened.id.unwrap());
    }
    // Which events came live, after the replay's `ready`.
    let mut ready_at = None;
    while seqs.last().copied().unwrap_or(from) < head {
        let sse = resumed.next().await.unwrap_or_else(|| panic!("stopped at {:?} of {head}", seqs.last()));
        assert_ne!(sse.event, "resync", "{} events are few enough to replay", head - from);
        match sse.event.as_str() {
            "ticket" => seqs.push(sse.id.unwrap()),
            "ready" => ready_at = Some(seqs.len()),
            _ => {}
        }
    }
    let replayed = ready_at.expect("the stream says when its replay ends");
    assert!(
        replayed > 0 && replayed < seqs.len(),
        "both replayed ({replayed}) and live ({}) events",
        seqs.len() - replayed
    );
    let expected: Vec<i64> = (from + 1..=head).collect();
    assert_eq!(seqs, expected, "every event after {from} exactly once, in order, none skipped");
    let kinds: HashSet<i64> = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_events WHERE seq > $1")
        .bind(from)
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert!(kinds.contains(&(head - from)), "the log is gapless");
    assert!(head - from >= (WRITERS * (COMMENTS + 1)) as i64);
}
on_both_backends!(last_event_id_replays_exactly_what_was_missed_while_twenty_writers_commit);

async fn a_subscriber_too_far_behind_or_ahead_is_told_to_reload(backend: Backend) {
    let app = spawn_app(backend).await;
    let (agent, _) = app.signed_in_client(OPERATOR).await;
    let (_, opened) = subscribe(&app, &agent, None).await;
    let head = opened.id.unwrap();
    let (_, ahead) = subscribe(&app, &agent, Some(head + 1000)).await;
    assert_eq!(ahead.event, "resync", "a position the log never had");
    // From the head (the watcher may have noted an SLA milestone since).
    assert!(ahead.id.unwrap() >= head && ahead.id.unwrap() < head + 1000, "{ahead:?}");
    // More missed events than are worth replaying.
    let missed = slaboard::live::stream::MAX_REPLAY as i64 + 1;
    let last = log_quietly(&app, missed).await;
    // Once the server's follower has read them (its poll, within 2 s), a
    // subscriber that stopped before them is too far behind.
    for _ in 0..100 {
        let (_, now) = subscribe(&app, &agent, None).await;
        if now.id.unwrap() >= last {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_, behind) = subscribe(&app, &agent, Some(head)).await;
    assert_eq!(behind.event, "resync");
    assert!(behind.id.unwrap() >= last, "{behind:?} resumes from the head");
    app.cleanup().await;
}
on_both_backends!(a_subscriber_too_far_behind_or_ahead_is_told_to_reload);

async fn the_stream_is_refused_without_a_session_to_admins_and_for_a_bad_position(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.get("/api/events").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "not_signed_in");
    let (admin, _) = app.signed_in_client(crate::helpers::ADMIN).await;
    let res = admin.get(format!("{}/api/events", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 403, "admins work no tickets, so they follow none");
    let (agent, _) = app.signed_in_client(OPERATOR).await;
    for bad in ["abc", "-5", "1e9", "99999999999999999999999"] {
        let res = agent
            .get(format!("{}/api/events", app.address))
            .header("Last-Event-ID", bad)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{bad}");
        assert_eq!(res.json::<Value>().await.unwrap()["fields"]["after"], "not_a_sequence_number", "{bad}");
    }
    let res = agent.get(format!("{}/api/events?after=x", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 422);
    app.cleanup().await;
}
on_both_backends!(the_stream_is_refused_without_a_session_to_admins_and_for_a_bad_position);

/// Two servers on one PostgreSQL database: a move made through one reaches
/// a subscriber of the other through `LISTEN`/`NOTIFY`, well before the
/// slow poll would have found it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_through_one_replica_reaches_the_subscribers_of_another() {
    let a = spawn_app(Backend::Postgres).await;
    let b = a.spawn_replica().await;
    let (client_a, _) = a.signed_in_client(CLIENT).await;
    let (agent_b, _) = b.signed_in_client(OPERATOR).await;
    let (mut stream_b, _) = subscribe(&b, &agent_b, None).await;
    for i in 0..5 {
        let id = new_ticket(&a, &client_a, &format!("Через реплику A {i}")).await;
        let committed = std::time::Instant::now();
        let saw = stream_b.tickets_until(is_created(id)).await;
        let elapsed = committed.elapsed();
        assert_eq!(summary(&saw).last(), Some(&(id, "created".to_string())));
        // The poll alone (every 2 s) would come this fast in a quarter of
        // the cases, five times running in one of a thousand.
        assert!(
            elapsed < NOTIFIED,
            "replica B heard of A's commit after {elapsed:?}: by the poll, not NOTIFY"
        );
    }
    drop(b);
    a.cleanup().await;
}

/// An event seen this soon after its commit came by notification.
const NOTIFIED: Duration = Duration::from_millis(500);

/// A stream lasts longer than the request that opened it: it ends with
/// `signed_out` once its session is gone (signed out) or its account no
/// longer stands (disabled), at the next check.
async fn the_stream_ends_when_its_session_or_account_does(backend: Backend) {
    let app = crate::helpers::spawn_app_with(backend, |c| c.live_recheck_seconds = 1).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (agent, _) = app.signed_in_client(OPERATOR).await;
    let (admin, _) = app.signed_in_client(crate::helpers::ADMIN).await;
    let (mut client_stream, _) = subscribe(&app, &client, None).await;
    let (mut agent_stream, _) = subscribe(&app, &agent, None).await;

    call(&app, &client, "auth/logout", json!({})).await;
    let agent_id = app.user_id(OPERATOR).await;
    call(&app, &admin, "admin/accounts/disabled", json!({"id": agent_id, "disabled": true})).await;
    for (who, stream) in
        [("the signed-out client", &mut client_stream), ("the disabled agent", &mut agent_stream)]
    {
        assert_eq!(
            until_closed(stream, who).await.as_deref(),
            Some("signed_out"),
            "{who}'s stream ends with signed_out"
        );
    }
    // And it cannot be opened again with that session.
    let res = client.get(format!("{}/api/events", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 401);
    app.cleanup().await;
}
on_both_backends!(the_stream_ends_when_its_session_or_account_does);

/// A new name, or a role that sees the same, is no reason to end a stream;
/// a role that sees something else closes it (the browser reopens it with
/// the new audience) without saying the session ended.
async fn a_renamed_account_keeps_its_stream_and_a_new_audience_reopens_it(backend: Backend) {
    let app = crate::helpers::spawn_app_with(backend, |c| c.live_recheck_seconds = 1).await;
    let (agent, _) = app.signed_in_client(OPERATOR).await;
    let (admin, _) = app.signed_in_client(crate::helpers::ADMIN).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (mut stream, _) = subscribe(&app, &agent, None).await;
    let id = app.user_id(OPERATOR).await;
    let save =
        |role: &str| json!({"id": id, "email": OPERATOR, "name": "Оператор Переименованный", "role": role});
    call(&app, &admin, "admin/accounts/save", save("operator")).await;
    // Two checks pass.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let ticket = new_ticket(&app, &client, "После переименования").await;
    let saw = stream.tickets_until(is_created(ticket)).await;
    assert_eq!(summary(&saw).last(), Some(&(ticket, "created".to_string())), "the stream lives on");

    // Consultant: the same audience (every organisation, internal events).
    call(&app, &admin, "admin/accounts/save", save("consultant")).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let ticket = new_ticket(&app, &client, "После смены роли").await;
    stream.tickets_until(is_created(ticket)).await;
    // Admin: no tickets at all. The stream closes without `signed_out` (the
    // session stands); reopened, it is refused like any admin's.
    call(&app, &admin, "admin/accounts/save", save("admin")).await;
    let last = until_closed(&mut stream, "the operator made admin").await;
    assert_ne!(last.as_deref(), Some("signed_out"), "the session still stands");
    let res = agent.get(format!("{}/api/events", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    app.cleanup().await;
}
on_both_backends!(a_renamed_account_keeps_its_stream_and_a_new_audience_reopens_it);

/// A page may resume at a number this replica's follower has not read yet
/// (its snapshot came from another replica, or the notification is on its
/// way): it goes on from there, without a resync and without the events up
/// to it.
async fn a_resume_point_ahead_of_the_follower_but_in_the_log_goes_on_without_a_resync(backend: Backend) {
    let app = spawn_app(backend).await;
    let (agent, _) = app.signed_in_client(LEAD).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    // A write the follower does not hear of at once: straight into the log.
    let ahead = log_quietly(&app, 1).await;
    // Usually the follower has not read it yet (the ahead-of-the-follower
    // path); if its poll or a watcher's event got there first, the stream
    // replays what came after instead. Either way: no resync, and nothing
    // up to `ahead` again.
    let (mut stream, mut opened) = subscribe(&app, &agent, Some(ahead)).await;
    while opened.event == "ticket" {
        assert!(opened.id.unwrap() > ahead, "{opened:?}");
        opened = stream.next().await.expect("the stream goes on");
    }
    assert_eq!(opened.event, "ready", "no resync for a logged position");
    assert!(opened.id.unwrap() >= ahead, "{opened:?}");
    let next = new_ticket(&app, &client, "После опережения").await;
    let saw = stream.tickets_until(is_created(next)).await;
    assert!(saw.iter().all(|e| e["seq"].as_i64().unwrap() > ahead), "nothing up to {ahead} again: {saw:?}");
    app.cleanup().await;
}
on_both_backends!(a_resume_point_ahead_of_the_follower_but_in_the_log_goes_on_without_a_resync);

/// `?after=` (how a page opens the stream after its snapshot) replays like
/// `Last-Event-ID`.
async fn after_in_the_query_replays_what_came_after_the_snapshot(backend: Backend) {
    let app = spawn_app(backend).await;
    let (agent, _) = app.signed_in_client(CONSULTANT).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let board = call(&app, &agent, "board", json!({})).await;
    let from = board["live_from"].as_i64().expect("the board names where its live stream starts");
    let missed = new_ticket(&app, &client, "Создана после снимка").await;
    let res = agent.get(format!("{}/api/events?after={from}", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = tokio::time::timeout(Duration::from_secs(10), async {
        let mut body = res.bytes_stream();
        let mut text = String::new();
        while let Some(Ok(chunk)) = body.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk));
            if text.contains("event: ready") || text.contains("event:ready") {
                break;
            }
        }
        text
    })
    .await
    .expect("the stream opens");
    let created = format!("\"ticket_id\":{missed}");
    let at = text.find(&created).unwrap_or_else(|| panic!("the missed ticket is replayed: {text}"));
    assert!(at < text.find("ready").unwrap(), "replayed before ready: {text}");
    app.cleanup().await;
}
on_both_backends!(after_in_the_query_replays_what_came_after_the_snapshot);

/// One account cannot hold connections without end: past
/// `STREAMS_PER_USER` open streams the next is refused, and closing one
/// gives its place back.
async fn an_account_holds_a_bounded_number_of_streams(backend: Backend) {
    let app = spawn_app(backend).await;
    let (agent, _) = app.signed_in_client(OPERATOR).await;
    let mut open = Vec::new();
    for _ in 0..slaboard::live::stream::STREAMS_PER_USER {
        open.push(subscribe(&app, &agent, None).await.0);
    }
    let res = agent.get(format!("{}/api/events", app.address)).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "too_many_streams");
    // Another account is not affected.
    let (other, _) = app.signed_in_client(CONSULTANT).await;
    subscribe(&app, &other, None).await;
    // A closed page's place comes back once the server notices.
    drop(open.pop());
    let mut reopened = false;
    for _ in 0..50 {
        let res = agent.get(format!("{}/api/events", app.address)).send().await.unwrap();
        if res.status() == 200 {
            reopened = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(reopened, "the closed stream's place came back");
    app.cleanup().await;
}
on_both_backends!(an_account_holds_a_bounded_number_of_streams);

/// Presence on the ticket page: agents see who else has the ticket open
/// (colleagues and the client), a client is counted but sees nobody,
/// another organisation's ticket is a 404, and a page that stopped saying
/// it is open drops out.
async fn agents_see_who_else_has_a_ticket_open(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = app.signed_in_client(CLIENT).await;
    let (other, _) = app.signed_in_client(OTHER_CLIENT).await;
    let (consultant, _) = app.signed_in_client(CONSULTANT).await;
    let (lead, _) = app.signed_in_client(LEAD).await;
    let ticket = new_ticket(&app, &client, "Кто смотрит").await;
    let names = |v: Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|w| (w["name"].as_str().unwrap().to_string(), w["role"].as_str().unwrap().to_string()))
            .collect()
    };
    let body = json!({"id": ticket});
    assert_eq!(
        call(&app, &client, "tickets/presence", body.clone()).await,
        json!([]),
        "a client sees nobody"
    );
    assert_eq!(
        names(call(&app, &consultant, "tickets/presence", body.clone()).await),
        [("Ирина Соколова".to_string(), "client".to_string())]
    );
    let seen = names(call(&app, &lead, "tickets/presence", body.clone()).await);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen.iter().any(|(_, role)| role == "consultant") && seen.iter().any(|(_, role)| role == "client")
    );
    // Another organisation's client: as if the ticket did not exist.
    let res = app.post_json_with(&other, "tickets/presence", body.clone()).await;
    assert_eq!(res.status(), 404);
    let res = app.post_json_with(&other, "tickets/presence", json!({"id": 999_999})).await;
    assert_eq!(res.status(), 404);
    // The consultant closed the page a minute ago.
    let consultant_id = app.user_id(CONSULTANT).await;
    sqlx::query("UPDATE ticket_presence SET seen_at = seen_at - 60 WHERE user_id = $1")
        .bind(consultant_id)
        .execute(&app.store.pool)
        .await
        .unwrap();
    let seen = names(call(&app, &lead, "tickets/presence", body).await);
    assert_eq!(seen, [("Ирина Соколова".to_string(), "client".to_string())]);
    app.cleanup().await;
}
on_both_backends!(agents_see_who_else_has_a_ticket_open);
