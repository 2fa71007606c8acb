//! The event log: appended inside the transaction of the change it
//! records, read by ticket (the page's history) or by sequence number (the
//! consumers that follow the log).

use super::{Store, StoreError, Tx};
use crate::domain::event::{TicketEvent, Visibility};
use sqlx::Row;

/// The PostgreSQL channel each appending transaction notifies with its last
/// sequence number; every replica listens on it.
pub const CHANNEL: &str = "slaboard_events";

/// Who changed which ticket, and when: shared by the events of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventOrigin {
    pub ticket_id: i64,
    pub organisation_id: i64,
    /// `None` for the system.
    pub actor_id: Option<i64>,
    pub at: i64,
}

/// Appends `events` in order and returns their sequence numbers. Call it
/// last in the transaction: the counter row it updates stays locked until
/// commit, which is what hands numbers out in commit order (a concurrent
/// change waits here for this one to commit, then numbers after it), so a
/// reader resuming after N never misses a row that commits later below N.
pub async fn append(
    tx: &mut Tx<'_>,
    origin: EventOrigin,
    events: &[TicketEvent],
) -> Result<Vec<i64>, StoreError> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let count = i64::try_from(events.len()).map_err(|_| StoreError::Corrupt("too many events".into()))?;
    let last: i64 =
        sqlx::query("UPDATE counters SET value = value + $1 WHERE name = 'event' RETURNING value")
            .bind(count)
            .fetch_one(&mut **tx)
            .await?
            .try_get("value")?;
    let mut seqs = Vec::with_capacity(events.len());
    for (seq, event) in (last - count + 1..).zip(events) {
        sqlx::query(
            "INSERT INTO ticket_events (seq, ticket_id, organisation_id, kind, actor_id, at, payload, visibility)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(seq)
        .bind(origin.ticket_id)
        .bind(origin.organisation_id)
        .bind(event.kind())
        .bind(origin.actor_id)
        .bind(origin.at)
        .bind(event.to_json())
        .bind(event.visibility().code())
        .execute(&mut **tx)
        .await?;
        seqs.push(seq);
    }
    // PostgreSQL delivers a notification at commit and drops it on
    // rollback, so listeners hear only of events they can read. SQLite has
    // no other process to tell: `Store::commit` tells this one.
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(last.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(seqs)
}

/// The sequence number of the last committed event (0 for none): where a
/// follower that wants only what comes next starts.
pub async fn head(store: &Store) -> Result<i64, StoreError> {
    Ok(sqlx::query("SELECT value FROM counters WHERE name = 'event'")
        .fetch_one(&store.pool)
        .await?
        .try_get("value")?)
}

/// One stored event.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: i64,
    pub ticket_id: i64,
    pub organisation_id: i64,
    pub actor_id: Option<i64>,
    /// The actor's name; `None` for the system.
    pub actor: Option<String>,
    pub at: i64,
    pub event: TicketEvent,
    pub visibility: Visibility,
}

const SELECT: &str = "SELECT e.seq, e.ticket_id, e.organisation_id, e.actor_id, u.name AS actor, e.at,
                             e.payload, e.visibility
                      FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id";

fn decode(r: &sqlx::any::AnyRow) -> Result<StoredEvent, StoreError> {
    let seq: i64 = r.try_get("seq")?;
    let payload: String = r.try_get("payload")?;
    let visibility: String = r.try_get("visibility")?;
    Ok(StoredEvent {
        seq,
        ticket_id: r.try_get("ticket_id")?,
        organisation_id: r.try_get("organisation_id")?,
        actor_id: r.try_get("actor_id")?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
        event: TicketEvent::from_json(&payload)
            .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?,
        visibility: match visibility.as_str() {
            "public" => Visibility::Public,
            "internal" => Visibility::Internal,
            other => return Err(StoreError::Corrupt(format!("event {seq} visibility {other}"))),
        },
    })
}

/// The events of one ticket a reader who may read up to `readable`
/// ([`Visibility::readable_by`]) sees, oldest first. Filtered in the query
/// itself, so an internal event never reaches a client's answer.
pub async fn ticket_events(
    store: &Store,
    ticket_id: i64,
    readable: Visibility,
) -> Result<Vec<StoredEvent>, StoreError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE e.ticket_id = $1 AND e.visibility IN ('public', $2) ORDER BY e.seq"
    ))
    .bind(ticket_id)
    .bind(readable.code())
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// Up to `limit` events after `after`, each decoded on its own: a reader
/// that must not stop at one event it cannot read (one stored by a newer
/// release, a damaged row) gets that row's error with its number and goes
/// on past it.
pub async fn each_event_after<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    after: i64,
    limit: i64,
) -> Result<Vec<(i64, Result<StoredEvent, StoreError>)>, StoreError> {
    let rows = sqlx::query(&format!("{SELECT} WHERE e.seq > $1 ORDER BY e.seq LIMIT $2"))
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("seq")?, decode(r)))).collect()
}

/// Up to `limit` events after sequence number `after`, in order: how a
/// consumer follows the log. Every event, for the server's own consumers,
/// which apply the audience of whoever they serve. In a transaction
/// (`&mut *tx`) or on the pool (`&store.pool`).
pub async fn events_after<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    after: i64,
    limit: i64,
) -> Result<Vec<StoredEvent>, StoreError> {
    each_event_after(db, after, limit).await?.into_iter().map(|(_, event)| event).collect()
}
