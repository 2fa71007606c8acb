//! The product's own move: a release nobody accepted or reopened is
//! archived 10 calendar days after delivery (SPEC §3, seed 003 §3.6).

use super::tickets::write_move;
use super::ServiceError;
use crate::domain::ticket::{auto_archive_at, transition, Actor, Command, Status};
use crate::store::tickets::lock_head;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// Archives every ticket whose open release is older than the automatic
/// archive period at `now`; returns how many. Each ticket is decided again
/// under its lock, so with several replicas running this at once exactly
/// one of them archives it and the others find it archived already.
pub async fn archive_unanswered_releases(store: &Store, now: DateTime<Utc>) -> Result<usize, ServiceError> {
    // A release older than this is due; `auto_archive_at` is the rule, this
    // is the same instant seen from `now`.
    let cutoff = now - Duration::days(crate::domain::ticket::AUTO_ARCHIVE_AFTER_DAYS);
    let due = sqlx::query(
        "SELECT t.id, r.released_at
         FROM tickets t JOIN ticket_releases r ON r.ticket_id = t.id AND r.reopened_at IS NULL
         WHERE t.status = 'release' AND r.released_at <= $1",
    )
    .bind(cutoff.timestamp())
    .fetch_all(&store.pool)
    .await?;
    let mut archived = 0;
    for row in due {
        let id: i64 = row.try_get("id")?;
        let released = DateTime::from_timestamp(row.try_get("released_at")?, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("ticket {id}: release time out of range")))?;
        if auto_archive_at(released) > now {
            continue;
        }
        let mut tx = store.begin().await?;
        let Some(head) = lock_head(&mut tx, id).await? else { continue };
        // Another replica (or a person) moved it meanwhile.
        if head.status != Status::Release {
            continue;
        }
        let to = transition(Status::Release, &Command::AutoArchive, Actor::System, head.category)
            .map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))?;
        write_move(&mut tx, &head, to, None, None, now).await?;
        tx.commit().await?;
        archived += 1;
    }
    Ok(archived)
}
