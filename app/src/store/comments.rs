//! Comments: public replies and internal notes, and what posting one does
//! to the ticket (the first agent reply stops the reaction clock; a
//! client's reply ends a wait for their information).

use super::{Store, StoreError};
use sqlx::Row;

/// The history field of a public comment.
pub const COMMENT_FIELD: &str = "comment";
/// The history field of an internal note: kept apart so that a client's
/// history query can leave it out.
pub const INTERNAL_NOTE_FIELD: &str = "internal_note";

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
    with_internal: bool,
) -> Result<Vec<CommentRow>, StoreError> {
    let visible_too = if with_internal { "internal" } else { "public" };
    let rows = sqlx::query(
        "SELECT c.id, u.name AS author, u.role AS author_role, c.at, c.body, c.visibility
         FROM ticket_comments c
         JOIN users u ON u.id = c.author_id
         WHERE c.ticket_id = $1 AND c.visibility IN ('public', $2)
         ORDER BY c.at, c.id",
    )
    .bind(ticket_id)
    .bind(visible_too)
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

/// Who writes a comment, as far as its side effects go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentEffect {
    /// An agent's public reply: the first one is the SLA reaction.
    AgentReply,
    /// A client's public reply: it answers an info request.
    ClientReply,
    /// An internal note changes nothing else.
    Note,
}

/// A comment already checked by the caller (permission, organisation, body).
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub ticket_id: i64,
    pub author_id: i64,
    pub at: i64,
    pub body: &'a str,
    pub effect: CommentEffect,
}

/// What posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentWritten {
    pub comment_id: i64,
    pub version: i64,
    /// This was the first public agent reply: the reaction clock stopped.
    pub first_response: bool,
    /// The ticket was waiting for the client's information and no longer is.
    pub wait_ended: bool,
}

async fn history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    c: &NewComment<'_>,
    field: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ticket_history (ticket_id, actor_id, at, field, before, after)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(c.ticket_id)
    .bind(c.author_id)
    .bind(c.at)
    .bind(field)
    .bind(before)
    .bind(after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a comment and its side effects in one transaction: the comment,
/// the first response or the end of the wait (each only if still due, so
/// two replies at once cannot both count), the history and the version.
pub async fn add_comment(store: &Store, c: NewComment<'_>) -> Result<CommentWritten, StoreError> {
    let mut tx = store.pool.begin().await?;
    let visibility = if c.effect == CommentEffect::Note { "internal" } else { "public" };
    let comment_id: i64 = sqlx::query(
        "INSERT INTO ticket_comments (ticket_id, author_id, at, body, visibility)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(c.ticket_id)
    .bind(c.author_id)
    .bind(c.at)
    .bind(c.body)
    .bind(visibility)
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    let field = if c.effect == CommentEffect::Note { INTERNAL_NOTE_FIELD } else { COMMENT_FIELD };
    history(&mut tx, &c, field, None, Some(&comment_id.to_string())).await?;

    let mut first_response = false;
    let mut wait_ended = false;
    match c.effect {
        CommentEffect::AgentReply => {
            first_response = sqlx::query(
                "UPDATE tickets SET first_response_at = $1 WHERE id = $2 AND first_response_at IS NULL",
            )
            .bind(c.at)
            .bind(c.ticket_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if first_response {
                history(&mut tx, &c, "first_response_at", None, Some(&c.at.to_string())).await?;
            }
        }
        CommentEffect::ClientReply => {
            // SPEC §3: a client reply to an info request ends the wait by
            // itself; waits for approval or payment need their own answer.
            wait_ended = sqlx::query(
                "UPDATE tickets SET waiting_reason = NULL WHERE id = $1 AND waiting_reason = 'client_info'",
            )
            .bind(c.ticket_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if wait_ended {
                sqlx::query(
                    "UPDATE ticket_pauses SET ended_at = CASE WHEN started_at > $1 THEN started_at ELSE $1 END
                     WHERE ticket_id = $2 AND ended_at IS NULL",
                )
                .bind(c.at)
                .bind(c.ticket_id)
                .execute(&mut *tx)
                .await?;
                history(&mut tx, &c, "waiting", Some("client_info"), None).await?;
            }
        }
        CommentEffect::Note => {}
    }
    let version: i64 = sqlx::query(
        "UPDATE tickets SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
    )
    .bind(c.at)
    .bind(c.ticket_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("version")?;
    tx.commit().await?;
    Ok(CommentWritten { comment_id, version, first_response, wait_ended })
}
