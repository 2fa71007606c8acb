//! The product's own move: a release nobody accepted or reopened is
//! archived 10 calendar days after delivery (SPEC §3, seed 003 §3.6).

use crate::domain::ticket::{auto_archive_at, transition, Actor, Category, Command, Status};
use crate::store::tickets::{change_status, StatusChange, WriteOutcome};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// Archives every ticket whose open release is older than the automatic
/// archive period at `now`; returns how many. With several replicas running
/// this at once, the version check lets exactly one of them write each
/// ticket; the others see it stale and skip it.
pub async fn archive_unanswered_releases(store: &Store, now: DateTime<Utc>) -> Result<usize, StoreError> {
    // A release older than this is due; `auto_archive_at` is the rule, this
    // is the same instant seen from `now`.
    let cutoff = now - Duration::days(crate::domain::ticket::AUTO_ARCHIVE_AFTER_DAYS);
    let due = sqlx::query(
        "SELECT t.id, t.version, t.category, r.released_at
         FROM tickets t JOIN ticket_releases r ON r.ticket_id = t.id AND r.reopened_at IS NULL
         WHERE t.status = 'release' AND r.released_at <= $1",
    )
    .bind(cutoff.timestamp())
    .fetch_all(&store.pool)
    .await?;
    let mut archived = 0;
    for row in due {
        let (id, version): (i64, i64) = (row.try_get("id")?, row.try_get("version")?);
        let released = DateTime::from_timestamp(row.try_get("released_at")?, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("ticket {id}: release time out of range")))?;
        if auto_archive_at(released) > now {
            continue;
        }
        let category: Category = row
            .try_get::<String, _>("category")?
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("ticket {id} category: {e}")))?;
        let to = transition(Status::Release, &Command::AutoArchive, Actor::System, category)
            .map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))?;
        let change = StatusChange {
            ticket_id: id,
            expected_version: version,
            from: Status::Release.code(),
            to: to.code(),
            actor_id: None,
            at: now.timestamp(),
            rejection_reason: None,
        };
        if let WriteOutcome::Written { .. } = change_status(store, change).await? {
            archived += 1;
        }
    }
    Ok(archived)
}
