//! Writing tickets: the row lock a change is decided under, and the
//! columns, pauses and release periods a decided change writes. SQL only:
//! what to write is the domain's to say (`domain::ticket::effects`).

use super::{StoreError, Tx};
use crate::domain::sla::{Pause, PauseLedger};
use crate::domain::ticket::{Category, LevelMark, Priority, Status, WaitChange, WaitingReason};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// The part of a ticket a move, a comment or an edit is decided on, read
/// under the ticket's lock and decoded once.
#[derive(Debug, Clone)]
pub struct TicketHead {
    pub id: i64,
    pub number: i64,
    pub status: Status,
    pub category: Category,
    pub priority: Priority,
    pub assignee_id: Option<i64>,
    pub waiting: Option<WaitingReason>,
    pub estimate_hours: Option<u32>,
    pub sprint_id: Option<i64>,
    pub organisation_id: i64,
    pub first_response_at: Option<DateTime<Utc>>,
    pub version: i64,
    /// A confirmed emergency or "needs development", or neither.
    pub level_mark: LevelMark,
    /// The SLA pause ledger, as stored.
    pub pauses: PauseLedger,
}

fn instant(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("instant {secs} out of range")))
}

fn parsed<T: std::str::FromStr<Err = crate::domain::ticket::UnknownValue>>(
    id: i64,
    value: String,
) -> Result<T, StoreError> {
    value.parse().map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))
}

/// Locks ticket `id` for the rest of the transaction and reads it. The lock
/// is taken by a write (a no-op update) so that it works the same on both
/// backends: PostgreSQL locks the row, SQLite takes its write lock before
/// anything is read, so the read is never of a state about to change.
pub async fn lock_head(tx: &mut Tx<'_>, id: i64) -> Result<Option<TicketHead>, StoreError> {
    let locked =
        sqlx::query("UPDATE tickets SET version = version WHERE id = $1").bind(id).execute(&mut **tx).await?;
    if locked.rows_affected() == 0 {
        return Ok(None);
    }
    let r = sqlx::query(
        "SELECT id, number, status, category, priority, assignee_id, waiting_reason, estimate_hours,
                sprint_id, organisation_id, first_response_at, version, level_mark
         FROM tickets WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let mut pauses = Vec::new();
    for p in sqlx::query(
        "SELECT reason, started_at, ended_at FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    {
        pauses.push(Pause {
            reason: parsed(id, p.try_get("reason")?)?,
            from: instant(p.try_get("started_at")?)?,
            to: p.try_get::<Option<i64>, _>("ended_at")?.map(instant).transpose()?,
        });
    }
    let pauses = PauseLedger::from_pauses(pauses)
        .map_err(|e| StoreError::Corrupt(format!("ticket {id} pauses: {e}")))?;
    let estimate: Option<i64> = r.try_get("estimate_hours")?;
    Ok(Some(TicketHead {
        id,
        number: r.try_get("number")?,
        status: parsed(id, r.try_get("status")?)?,
        category: parsed(id, r.try_get("category")?)?,
        priority: parsed(id, r.try_get("priority")?)?,
        assignee_id: r.try_get("assignee_id")?,
        waiting: r.try_get::<Option<String>, _>("waiting_reason")?.map(|w| parsed(id, w)).transpose()?,
        estimate_hours: estimate.and_then(|h| u32::try_from(h).ok()),
        sprint_id: r.try_get("sprint_id")?,
        organisation_id: r.try_get("organisation_id")?,
        first_response_at: r.try_get::<Option<i64>, _>("first_response_at")?.map(instant).transpose()?,
        version: r.try_get("version")?,
        level_mark: parsed(id, r.try_get("level_mark")?)?,
        pauses,
    }))
}

/// Counts a change: the next version and the time of the last update.
/// Every change of a locked ticket ends with this.
pub async fn bump_version(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "UPDATE tickets SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
    )
    .bind(at)
    .bind(id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("version")?)
}

/// Writes a status, and the rejection reason when there is one.
pub async fn set_status(
    tx: &mut Tx<'_>,
    id: i64,
    to: Status,
    rejection_reason: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE tickets SET status = $1, rejection_reason = COALESCE($2, rejection_reason) WHERE id = $3",
    )
    .bind(to.code())
    .bind(rejection_reason)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Opens a release period at `at` (the resolution clock stops).
pub async fn open_release(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO ticket_releases (ticket_id, released_at) VALUES ($1, $2)")
        .bind(id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Closes the open release period at `at` (the ticket was reopened).
pub async fn close_release(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE ticket_releases SET reopened_at = $1 WHERE ticket_id = $2 AND reopened_at IS NULL")
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Notes on the ticket's open pause the public comment that asked the client
/// (issue 17), so the board and the page can show it while the wait lasts.
pub async fn ask_in_open_wait(tx: &mut Tx<'_>, id: i64, comment_id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE ticket_pauses SET comment_id = $1 WHERE ticket_id = $2 AND ended_at IS NULL")
        .bind(comment_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes a wait the domain decided: the closed pause, the opened one and
/// the ticket's current reason.
pub async fn write_wait(tx: &mut Tx<'_>, id: i64, change: &WaitChange) -> Result<(), StoreError> {
    if let Some((_, at)) = change.ended {
        sqlx::query("UPDATE ticket_pauses SET ended_at = $1 WHERE ticket_id = $2 AND ended_at IS NULL")
            .bind(at.timestamp())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    if let Some((reason, at)) = change.started {
        sqlx::query("INSERT INTO ticket_pauses (ticket_id, reason, started_at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(reason.code())
            .bind(at.timestamp())
            .execute(&mut **tx)
            .await?;
    }
    if !change.is_empty() {
        sqlx::query("UPDATE tickets SET waiting_reason = $1 WHERE id = $2")
            .bind(change.started.map(|(reason, _)| reason.code()))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records the first response at `at`.
pub async fn set_first_response(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE tickets SET first_response_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The organisation of ticket `id`, `None` if there is no such ticket; in
/// a transaction (`&mut *tx`) or straight on the pool (`&store.pool`).
pub async fn organisation_of<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: i64,
) -> Result<Option<i64>, StoreError> {
    let row =
        sqlx::query("SELECT organisation_id FROM tickets WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(match row {
        Some(r) => Some(r.try_get("organisation_id")?),
        None => None,
    })
}

/// Tickets in Release whose open release period began at or before
/// `cutoff`, with that instant: the automatic archive's candidates.
pub async fn open_releases_since(
    store: &super::Store,
    cutoff: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id, r.released_at
         FROM tickets t JOIN ticket_releases r ON r.ticket_id = t.id AND r.reopened_at IS NULL
         WHERE t.status = 'release' AND r.released_at <= $1",
    )
    .bind(cutoff.timestamp())
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, instant(r.try_get("released_at")?)?))).collect()
}
