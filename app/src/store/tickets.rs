//! Writing tickets: moves between columns with optimistic concurrency and
//! their audit history.

use super::{Store, StoreError};
use sqlx::Row;

/// The part of a ticket a move, a comment or an edit is decided on.
#[derive(Debug, Clone)]
pub struct TicketHead {
    pub id: i64,
    pub number: i64,
    pub status: String,
    pub category: String,
    pub priority: String,
    pub assignee_id: Option<i64>,
    pub waiting_reason: Option<String>,
    pub estimate_hours: Option<i64>,
    pub sprint_id: Option<i64>,
    pub organisation_id: i64,
    pub version: i64,
}

pub async fn ticket_head(store: &Store, id: i64) -> Result<Option<TicketHead>, StoreError> {
    let row = sqlx::query(
        "SELECT id, number, status, category, priority, assignee_id, waiting_reason, estimate_hours,
                sprint_id, organisation_id, version
         FROM tickets WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(match row {
        None => None,
        Some(r) => Some(TicketHead {
            id: r.try_get("id")?,
            number: r.try_get("number")?,
            status: r.try_get("status")?,
            category: r.try_get("category")?,
            priority: r.try_get("priority")?,
            assignee_id: r.try_get("assignee_id")?,
            waiting_reason: r.try_get("waiting_reason")?,
            estimate_hours: r.try_get("estimate_hours")?,
            sprint_id: r.try_get("sprint_id")?,
            organisation_id: r.try_get("organisation_id")?,
            version: r.try_get("version")?,
        }),
    })
}

/// A status change already checked against the lifecycle.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub ticket_id: i64,
    pub expected_version: i64,
    pub from: &'a str,
    pub to: &'a str,
    /// `None` for the system.
    pub actor_id: Option<i64>,
    pub at: i64,
    pub rejection_reason: Option<&'a str>,
}

/// Whether the change was written, or someone changed the ticket first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Written { version: i64 },
    Stale,
}

/// Writes a status change in one transaction: the ticket (only if its
/// version is still the one the caller saw), the release ledger and the
/// history. A stale version writes nothing.
pub async fn change_status(store: &Store, change: StatusChange<'_>) -> Result<WriteOutcome, StoreError> {
    let mut tx = store.pool.begin().await?;
    // The version check and the write are one statement, so two agents
    // moving the same card cannot both win.
    let updated = sqlx::query(
        "UPDATE tickets SET status = $1, version = version + 1, updated_at = $2,
                rejection_reason = COALESCE($3, rejection_reason)
         WHERE id = $4 AND version = $5 AND status = $6",
    )
    .bind(change.to)
    .bind(change.at)
    .bind(change.rejection_reason)
    .bind(change.ticket_id)
    .bind(change.expected_version)
    .bind(change.from)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(WriteOutcome::Stale);
    }
    // Release stops the resolution clock; leaving Release for a working
    // column reopens it and the clock resumes with the time already used.
    if change.to == "release" {
        sqlx::query("INSERT INTO ticket_releases (ticket_id, released_at) VALUES ($1, $2)")
            .bind(change.ticket_id)
            .bind(change.at)
            .execute(&mut *tx)
            .await?;
    } else if change.from == "release" && change.to != "archive" {
        sqlx::query(
            "UPDATE ticket_releases SET reopened_at = $1 WHERE ticket_id = $2 AND reopened_at IS NULL",
        )
        .bind(change.at)
        .bind(change.ticket_id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO ticket_history (ticket_id, actor_id, at, field, before, after)
         VALUES ($1, $2, $3, 'status', $4, $5)",
    )
    .bind(change.ticket_id)
    .bind(change.actor_id)
    .bind(change.at)
    .bind(change.from)
    .bind(change.to)
    .execute(&mut *tx)
    .await?;
    if let Some(reason) = change.rejection_reason {
        sqlx::query(
            "INSERT INTO ticket_history (ticket_id, actor_id, at, field, before, after)
             VALUES ($1, $2, $3, 'rejection_reason', NULL, $4)",
        )
        .bind(change.ticket_id)
        .bind(change.actor_id)
        .bind(change.at)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
    }
    let version: i64 = sqlx::query("SELECT version FROM tickets WHERE id = $1")
        .bind(change.ticket_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("version")?;
    tx.commit().await?;
    Ok(WriteOutcome::Written { version })
}
