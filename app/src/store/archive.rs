//! Reading the archive: every closed ticket a caller may see.

use super::{Store, StoreError};
use sqlx::Row;

/// An archived ticket as stored.
#[derive(Debug, Clone)]
pub struct ArchivedRow {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub organisation: String,
    pub category: String,
    pub priority: String,
    /// The last move into the Archive (the ticket's last update when the
    /// history has none, as for imported tickets).
    pub closed_at: i64,
    pub rejected: bool,
}

/// Archived tickets, most recently closed first; only `organisation`'s when
/// given (a client's scope).
pub async fn archived_tickets(
    store: &Store,
    organisation: Option<i64>,
) -> Result<Vec<ArchivedRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id, t.number, t.title, o.name AS organisation, t.category, t.priority,
                -- An archived ticket moves no more: its last move is the one in.
                COALESCE((SELECT MAX(e.at) FROM ticket_events e
                          WHERE e.ticket_id = t.id AND e.kind = 'moved'),
                         t.updated_at) AS closed_at,
                CAST(CASE WHEN t.rejection_reason IS NULL THEN 0 ELSE 1 END AS BIGINT) AS rejected
         FROM tickets t
         JOIN organisations o ON o.id = t.organisation_id
         WHERE t.status = 'archive' AND (CAST($1 AS BIGINT) IS NULL OR t.organisation_id = CAST($1 AS BIGINT))
         ORDER BY closed_at DESC, t.id DESC",
    )
    .bind(organisation)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ArchivedRow {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
                title: r.try_get("title")?,
                organisation: r.try_get("organisation")?,
                category: r.try_get("category")?,
                priority: r.try_get("priority")?,
                closed_at: r.try_get("closed_at")?,
                rejected: r.try_get::<i64, _>("rejected")? != 0,
            })
        })
        .collect()
}
