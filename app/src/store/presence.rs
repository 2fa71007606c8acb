//! Who is looking at a ticket: one row per ticket and person, refreshed by
//! each open ticket page every 15 seconds. Not a change of the ticket, so
//! no event and no version: it is the page's own bookkeeping.

use super::{Store, StoreError};
use crate::domain::ticket::Role;
use sqlx::Row;

/// Someone who had the ticket open.
#[derive(Debug, Clone, PartialEq)]
pub struct Viewer {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
}

/// Notes that `user_id` has ticket `ticket_id` open at `now`.
pub async fn touch(store: &Store, ticket_id: i64, user_id: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ticket_presence (ticket_id, user_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (ticket_id, user_id) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(ticket_id)
    .bind(user_id)
    .bind(now)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// Who other than `except` had ticket `ticket_id` open at or after `since`,
/// by name.
pub async fn viewers(
    store: &Store,
    ticket_id: i64,
    since: i64,
    except: i64,
) -> Result<Vec<Viewer>, StoreError> {
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.role FROM ticket_presence p JOIN users u ON u.id = p.user_id
         WHERE p.ticket_id = $1 AND p.seen_at >= $2 AND p.user_id <> $3
         ORDER BY u.name, u.id",
    )
    .bind(ticket_id)
    .bind(since)
    .bind(except)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            Ok(Viewer {
                user_id: r.try_get("id")?,
                name: r.try_get("name")?,
                role: role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))?,
            })
        })
        .collect()
}

/// Forgets whoever has not been seen since `before`; returns how many.
pub async fn purge(store: &Store, before: i64) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM ticket_presence WHERE seen_at < $1")
        .bind(before)
        .execute(&store.pool)
        .await?
        .rows_affected())
}
