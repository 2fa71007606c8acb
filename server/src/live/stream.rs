//! `GET /api/events`: one server-sent event stream per open page.
//!
//! Why SSE and not WebSockets: the board only listens (changes go through
//! the server functions, where they are checked and numbered), SSE is
//! plain HTTP through any proxy and load balancer, carries the session
//! cookie like every other call, and the browser's `EventSource` resumes by
//! itself with `Last-Event-ID` — exactly the log's sequence number.

use super::Hub;
use crate::api_session::error_response;
use crate::sessions::SessionStorage;
use app::auth::backend::{AuthBackend, AuthSession, SessionUser};
use app::auth::{Audience, TicketScope};
use app::error::{AppError, Reason};
use app::live::{kind, LiveEvent, AFTER_PARAM};
use app::store::events::{self, events_after, StoredEvent};
use app::store::{Store, StoreError};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum_login::{AuthUser, AuthnBackend};
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};
use tower_sessions::session::Id;
use tower_sessions::{Session, SessionStore};

/// The heartbeat: proxies keep the connection, the browser learns it is
/// alive, and a quiet subscriber's resume point moves on.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// At most this many events are read to replay what a reconnecting page
/// missed; past it the page reloads its snapshot (a resync), which is
/// cheaper than a long replay.
pub const MAX_REPLAY: usize = 2000;

/// How long the browser waits before it reconnects by itself.
const RETRY: Duration = Duration::from_secs(2);

/// A page that has not taken a message for this long has stopped reading:
/// its stream ends.
pub const STALLED: Duration = Duration::from_secs(30);

/// Open streams per account: a page holds one, so this is a dozen tabs,
/// not a way to hold thousands of connections with one account.
pub const STREAMS_PER_USER: usize = 12;

/// Messages waiting for a slow connection before the stream stops taking
/// more (it then lags behind the hub and gets a resync).
const QUEUE: usize = 64;

/// What the stream handler needs besides the request.
#[derive(Clone)]
pub struct LiveState {
    pub hub: Hub,
    pub sessions: SessionStorage,
    pub backend: AuthBackend,
    /// How often a stream checks that its session and account still stand.
    pub recheck: Duration,
    /// Open streams per user id.
    pub streams: Arc<Mutex<HashMap<i64, usize>>>,
}

pub async fn events(
    State(live): State<LiveState>,
    auth: AuthSession,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    // The session middleware answered 401 already; this is its other half.
    let Some(user) = auth.user else {
        return error_response(&AppError::NotSignedIn);
    };
    let audience = user.user.audience();
    // Another site cannot read the stream anyway (no CORS headers, a
    // `SameSite=Lax` cookie); refusing it costs nothing and holds no
    // connection open for it.
    let cross_site =
        headers.get("sec-fetch-site").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    if audience.scope == TicketScope::Nothing || cross_site {
        return error_response(&AppError::Forbidden(None));
    }
    let after = match resume_point(&headers, &query) {
        Ok(after) => after,
        Err(e) => return error_response(&e),
    };
    let Some(slot) = StreamSlot::take(&live.streams, user.user.id) else {
        let reason = Reason::new(
            "too_many_streams",
            format!("at most {STREAMS_PER_USER} open live streams per account"),
        );
        return error_response(&AppError::Refused(reason));
    };
    let (out, messages) = mpsc::channel(QUEUE);
    let closing = live.hub.closing();
    let subscriber = Subscriber { live, user, session_id: session.id(), audience, out, closing, _slot: slot };
    tokio::spawn(subscriber.run(after));
    let stream = futures_util::stream::unfold(messages, |mut rx| async move {
        rx.recv().await.map(|event| (Ok::<Event, Infallible>(event), rx))
    });
    let mut response = Sse::new(stream).into_response();
    // nginx would otherwise hold events back to fill its buffer.
    response
        .headers_mut()
        .insert(HeaderName::from_static("x-accel-buffering"), HeaderValue::from_static("no"));
    response
}

/// Where the subscriber wants to start: after the `Last-Event-ID` the
/// browser sends when it reconnects, or after `?after=` that a page names
/// when it opens the stream right after loading its snapshot; `None` = from
/// now on.
fn resume_point(headers: &HeaderMap, query: &HashMap<String, String>) -> Result<Option<i64>, AppError> {
    let header = headers.get("last-event-id").map(|v| v.to_str().unwrap_or("-"));
    let given = header.or(query.get(AFTER_PARAM).map(String::as_str));
    match given.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(Some(n)),
            _ => Err(AppError::invalid_field(AFTER_PARAM, "not_a_sequence_number")),
        },
    }
}

struct Subscriber {
    live: LiveState,
    user: SessionUser,
    session_id: Option<Id>,
    audience: Audience,
    out: mpsc::Sender<Event>,
    closing: watch::Receiver<bool>,
    /// Holds this stream's place in its user's count while it lives.
    _slot: StreamSlot,
}

/// Why a stream ended.
enum End {
    /// The page went away, stopped reading, or the server is shutting down.
    Gone,
    /// The session ended: the page is told, and does not come back.
    SignedOut,
    /// The account changed whom it may see (role, organisation): the
    /// stream closes without a word, and the browser's reconnection opens
    /// one with the new audience.
    Reopen,
}

/// What the periodic check found.
enum Standing {
    Stands,
    Ended,
    AudienceChanged,
}

impl Subscriber {
    async fn run(mut self, after: Option<i64>) {
        if let Err(End::SignedOut) | Ok(End::SignedOut) = self.stream(after).await {
            let _ = self.send(Event::default().event(kind::SIGNED_OUT).data("{}")).await;
        }
    }

    /// Sends one message, unless the server shuts down meanwhile or the
    /// page has not taken a message for [`STALLED`]: a page that stops
    /// reading loses its stream rather than holding a task and the
    /// shutdown hostage.
    async fn send(&mut self, event: Event) -> Result<(), End> {
        if *self.closing.borrow() {
            return Err(End::Gone);
        }
        tokio::select! {
            sent = tokio::time::timeout(STALLED, self.out.send(event)) => match sent {
                Ok(Ok(())) => Ok(()),
                Ok(Err(_)) | Err(_) => Err(End::Gone),
            },
            _ = shutting_down(&mut self.closing) => Err(End::Gone),
        }
    }

    async fn stream(&mut self, after: Option<i64>) -> Result<End, End> {
        let hub = self.live.hub.clone();
        let (mut rx, head) = hub.subscribe();
        let mut last = head;
        let opening = match after {
            Some(after) if after < head => match replay(hub.store(), after, head, self.audience).await {
                Ok(Some(missed)) => {
                    for event in &missed {
                        self.send(ticket_event(event, self.user.user.id)).await?;
                    }
                    kind::READY
                }
                Ok(None) => kind::RESYNC,
                Err(e) => {
                    tracing::warn!("cannot replay live events: {e}");
                    kind::RESYNC
                }
            },
            Some(after) if after > head => match events::head(hub.store()).await {
                // This replica has not read that far yet (another replica's
                // page, or a notification on its way): go on from there;
                // the hub's copies up to it are skipped below.
                Ok(logged) if after <= logged => {
                    last = after;
                    kind::READY
                }
                // A position the log never had: another database.
                _ => kind::RESYNC,
            },
            _ => kind::READY,
        };
        self.send(Event::default().event(opening).id(last.to_string()).retry(RETRY).data("{}")).await?;
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
        let every = self.live.recheck;
        let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        let mut closing = self.closing.clone();
        loop {
            tokio::select! {
                // Shutdown and the session check first: after a stall,
                // neither waits behind a backlog of events.
                biased;
                _ = shutting_down(&mut closing) => return Ok(End::Gone),
                _ = recheck.tick() => match self.standing().await {
                    Standing::Stands => {}
                    Standing::Ended => return Ok(End::SignedOut),
                    Standing::AudienceChanged => return Ok(End::Reopen),
                },
                received = rx.recv() => match received {
                    Ok(event) => {
                        if event.seq <= last {
                            continue;
                        }
                        last = event.seq;
                        if self.audience.admits(event.organisation_id, event.visibility) {
                            self.send(ticket_event(&event, self.user.user.id)).await?;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        (rx, last) = hub.subscribe();
                        self.send(Event::default().event(kind::RESYNC).id(last.to_string()).data("{}")).await?;
                    }
                    Err(broadcast::error::RecvError::Closed) => return Ok(End::Gone),
                },
                _ = heartbeat.tick() => {
                    self.send(Event::default().event(kind::PING).id(last.to_string()).data("{}")).await?;
                }
                // The page went away: its connection closed.
                _ = self.out.closed() => return Ok(End::Gone),
            }
        }
    }

    /// Whether the session still stands — it exists, has not expired, and
    /// its account's password and standing (`session_auth_hash`: disabled,
    /// re-enabled, new password) are those it was opened with — and whether
    /// the account may still see what the stream sends. A new name or
    /// email changes neither.
    async fn standing(&self) -> Standing {
        let Some(id) = self.session_id else { return Standing::Ended };
        let session = match self.live.sessions.load(&id).await {
            Ok(Some(record)) => record,
            Ok(None) => return Standing::Ended,
            // A database hiccup is not a sign-out; the next check decides.
            Err(_) => return Standing::Stands,
        };
        if session.expiry_date < tower_sessions::cookie::time::OffsetDateTime::now_utc() {
            return Standing::Ended;
        }
        match self.live.backend.get_user(&self.user.user.id).await {
            Ok(Some(now)) if now.session_auth_hash() != self.user.session_auth_hash() => Standing::Ended,
            Ok(Some(now)) if now.user.audience() != self.audience => Standing::AudienceChanged,
            Ok(Some(_)) => Standing::Stands,
            Ok(None) => Standing::Ended,
            Err(_) => Standing::Stands,
        }
    }
}

/// Completes once the server shuts down (at once if it already does).
async fn shutting_down(closing: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns must not live across an await.
    let _ = closing.wait_for(|closing| *closing).await.is_ok();
}

/// A stream's place in its user's count of open streams.
struct StreamSlot {
    counts: Arc<Mutex<HashMap<i64, usize>>>,
    user: i64,
}

impl StreamSlot {
    /// Takes a place, unless the user already has [`STREAMS_PER_USER`].
    fn take(counts: &Arc<Mutex<HashMap<i64, usize>>>, user: i64) -> Option<StreamSlot> {
        let mut map = counts.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(user).or_insert(0);
        if *n >= STREAMS_PER_USER {
            return None;
        }
        *n += 1;
        Some(StreamSlot { counts: counts.clone(), user })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut map = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.user);
            }
        }
    }
}

/// The events after `after` up to `head` that `audience` may see, or `None`
/// when more than [`MAX_REPLAY`] would have to be read.
async fn replay(
    store: &Store,
    after: i64,
    head: i64,
    audience: Audience,
) -> Result<Option<Vec<StoredEvent>>, StoreError> {
    if usize::try_from(head - after).map_or(true, |gap| gap > MAX_REPLAY) {
        return Ok(None);
    }
    let mut missed = Vec::new();
    let mut from = after;
    while from < head {
        let batch = events_after(&store.pool, from, 500).await?;
        if batch.is_empty() {
            break;
        }
        for event in batch {
            if event.seq > head {
                return Ok(Some(missed));
            }
            from = event.seq;
            if audience.admits(event.organisation_id, event.visibility) {
                missed.push(event);
            }
        }
    }
    Ok(Some(missed))
}

fn ticket_event(event: &StoredEvent, subscriber: i64) -> Event {
    let live = LiveEvent {
        seq: event.seq,
        ticket_id: event.ticket_id,
        at: event.at,
        actor: event.actor.clone(),
        mine: event.actor_id == Some(subscriber),
        event: event.event.clone(),
    };
    Event::default()
        .event(kind::TICKET)
        .id(event.seq.to_string())
        .data(serde_json::to_string(&live).unwrap_or_else(|_| "{}".into()))
}
