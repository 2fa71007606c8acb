//! Comments: public replies and internal notes.

use super::{Store, StoreError, Tx};
use crate::domain::event::Visibility;
use sqlx::Row;

/// A stored comment with its author's name and role code.
#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: i64,
    pub author: String,
    pub author_role: String,
    pub at: i64,
    pub body: String,
    pub internal: bool,
}

/// The comments of a ticket, oldest first. Internal notes are filtered
/// here, in the query, so a client's answer can never carry one.
pub async fn ticket_comments(
    store: &Store,
    ticket_id: i64,
    readable: Visibility,
) -> Result<Vec<CommentRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.id, u.name AS author, u.role AS author_role, c.at, c.body, c.visibility
         FROM ticket_comments c
         JOIN users u ON u.id = c.author_id
         WHERE c.ticket_id = $1 AND c.visibility IN ('public', $2)
         ORDER BY c.at, c.id",
    )
    .bind(ticket_id)
    .bind(readable.code())
    .fetch_all(&store.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let visibility: String = r.try_get("visibility")?;
            Ok(CommentRow {
                id: r.try_get("id")?,
                author: r.try_get("author")?,
                author_role: r.try_get("author_role")?,
                at: r.try_get("at")?,
                body: r.try_get("body")?,
                internal: visibility == "internal",
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Stores a comment the domain accepted and returns its id. Its effects on
/// the ticket are written by the caller's use case, in the same transaction.
pub async fn insert_comment(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    author_id: i64,
    at: i64,
    body: &str,
    internal: bool,
) -> Result<i64, StoreError> {
    let visibility = if internal { Visibility::Internal } else { Visibility::Public };
    Ok(sqlx::query(
        "INSERT INTO ticket_comments (ticket_id, author_id, at, body, visibility)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(ticket_id)
    .bind(author_id)
    .bind(at)
    .bind(body)
    .bind(visibility.code())
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?)
}
