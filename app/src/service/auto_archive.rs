//! The product's own move: a release nobody accepted or reopened is
//! archived 10 calendar days after delivery (SPEC §3, seed 003 §3.6).

use super::tickets::write_move;
use super::ServiceError;
use crate::domain::ticket::{auto_archive_at, transition, Actor, Command, Status};
use crate::store::tickets::{lock_head, open_releases_since};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};

/// Archives every ticket whose open release is older than the automatic
/// archive period at `now`; returns how many. Each ticket is decided again
/// under its lock, so with several replicas running this at once exactly
/// one of them archives it and the others find it archived already.
pub async fn archive_unanswered_releases(store: &Store, now: DateTime<Utc>) -> Result<usize, ServiceError> {
    // A release older than this is due; `auto_archive_at` is the rule, this
    // is the same instant seen from `now`.
    let cutoff = now - Duration::days(crate::domain::ticket::AUTO_ARCHIVE_AFTER_DAYS);
    let mut archived = 0;
    for (id, released) in open_releases_since(store, cutoff).await? {
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
        write_move(&mut tx, &head, to, None, None, now, Vec::new()).await?;
        store.commit(tx).await?;
        archived += 1;
    }
    Ok(archived)
}
