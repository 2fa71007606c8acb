//! The live board's server side: one follower of the event log per
//! process ([`Hub`]) fanning new events out to this process's subscribers
//! ([`stream`], `GET /api/events`).
//!
//! The log is the source of truth, not the notifications: a follower reads
//! the rows after the last sequence number it saw, whatever woke it — a
//! commit in this process (`Store::commit`), a PostgreSQL `NOTIFY` from
//! another replica, or the slow poll. A lost notification delays an event
//! by at most [`POLL`]; it never loses one, because `events::append` hands
//! numbers out in commit order.

pub mod stream;

use app::store::events::{self, StoredEvent};
use app::store::{Backend, Store, StoreError};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch, Notify};
use tokio::task::JoinHandle;

/// Events kept for subscribers that have not taken them yet. One that falls
/// further behind gets a resync instead: memory stays bounded whatever a
/// slow client does.
pub const BUFFER: usize = 1024;

/// How often the log is read when nothing woke the follower.
pub const POLL: Duration = Duration::from_secs(2);

/// Rows read per query.
const BATCH: i64 = 500;

/// Wait after a failed read or a lost PostgreSQL connection.
const RETRY: Duration = Duration::from_secs(1);

/// This process's follower of the event log. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    /// The last sequence number sent. Sent under this lock, so a new
    /// subscriber learns exactly which events its receiver will get.
    head: Mutex<i64>,
    sender: broadcast::Sender<Arc<StoredEvent>>,
    wake: Notify,
    closing: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Hub {
    /// Starts following the log from its current end. On PostgreSQL,
    /// `database_url` is where it listens for the other replicas' commits.
    pub async fn start(store: Store, database_url: &str) -> Result<Hub, StoreError> {
        let head = events::head(&store).await?;
        let (sender, _) = broadcast::channel(BUFFER);
        let inner = Arc::new(Inner {
            store: store.clone(),
            head: Mutex::new(head),
            sender,
            wake: Notify::new(),
            closing: watch::channel(false).0,
            tasks: Mutex::new(Vec::new()),
        });
        let mut tasks = vec![tokio::spawn(follow(inner.clone()))];
        if store.backend == Backend::Postgres {
            tasks.push(tokio::spawn(listen(database_url.to_string(), inner.clone())));
        }
        *lock(&inner.tasks) = tasks;
        Ok(Hub { inner })
    }

    /// A receiver of every event after the returned sequence number.
    pub fn subscribe(&self) -> (broadcast::Receiver<Arc<StoredEvent>>, i64) {
        let head = lock(&self.inner.head);
        (self.inner.sender.subscribe(), *head)
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Becomes true when the server shuts down: every stream then ends, so
    /// the graceful shutdown does not wait for them forever.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.inner.closing.subscribe()
    }

    /// Ends every stream and stops following.
    pub fn close(&self) {
        self.inner.closing.send_replace(true);
        for task in lock(&self.inner.tasks).drain(..) {
            task.abort();
        }
    }
}

/// A poisoned lock only means another task panicked holding it; the value
/// (a number, a list of handles) is still sound.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn follow(inner: Arc<Inner>) {
    let mut commits = inner.store.commits();
    loop {
        if let Err(e) = catch_up(&inner).await {
            tracing::warn!("cannot read the event log: {e}");
            tokio::time::sleep(RETRY).await;
        }
        tokio::select! {
            _ = commits.changed() => {}
            _ = inner.wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Reads and sends every committed event after the head.
async fn catch_up(inner: &Inner) -> Result<(), StoreError> {
    loop {
        let from = *lock(&inner.head);
        let batch = events::events_after(&inner.store.pool, from, BATCH).await?;
        let full = batch.len() as i64 == BATCH;
        let mut head = lock(&inner.head);
        for event in batch {
            if event.seq > *head {
                *head = event.seq;
                // No receivers is fine: nobody is watching.
                let _ = inner.sender.send(Arc::new(event));
            }
        }
        if !full {
            return Ok(());
        }
    }
}

/// Wakes the follower on every `NOTIFY` of another replica's (or this
/// one's) commit; reconnects when the connection drops, and catches up
/// after, since notifications sent meanwhile are gone.
async fn listen(url: String, inner: Arc<Inner>) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen(events::CHANNEL).await {
                Ok(()) => {
                    inner.wake.notify_one();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(_)) => inner.wake.notify_one(),
                            Ok(None) => {
                                tracing::warn!(
                                    "lost the PostgreSQL connection for live events; reconnecting"
                                );
                                inner.wake.notify_one();
                            }
                            Err(e) => {
                                tracing::warn!("live events listener: {e}");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!("cannot listen for live events: {e}"),
            },
            Err(e) => tracing::warn!("cannot connect for live events: {e}"),
        }
        tokio::time::sleep(RETRY).await;
    }
}
