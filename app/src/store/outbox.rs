//! The outbox: mails the desk sends, stored in the transaction that planned
//! them, sent later by whichever replica claims them first.

use super::{Store, StoreError, Tx};
use sqlx::Row;

/// A mail to store, rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMail<'a> {
    /// What kind of mail (`acknowledgement`, `reply`, …): the notification
    /// kind a recipient may switch off, and the admin list's column.
    pub kind: &'a str,
    pub ticket_id: Option<i64>,
    /// The event it was planned from.
    pub event_seq: Option<i64>,
    pub recipient_id: Option<i64>,
    pub to_address: &'a str,
    /// `ru`, `uk` or `en`.
    pub language: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// Ours, `<…@…>` without the angle brackets.
    pub message_id: &'a str,
    pub in_reply_to: Option<&'a str>,
    pub at: i64,
}

/// Stores `mail` as pending, due at once. A second mail of the same kind
/// for the same event and address is ignored (returns `false`): planning an
/// event twice sends nothing twice.
pub async fn enqueue(tx: &mut Tx<'_>, mail: &NewMail<'_>) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO outbox (kind, ticket_id, event_seq, recipient_id, to_address, language, subject, body,
                             message_id, in_reply_to, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', 0, $11, $11)
         ON CONFLICT DO NOTHING",
    )
    .bind(mail.kind)
    .bind(mail.ticket_id)
    .bind(mail.event_seq)
    .bind(mail.recipient_id)
    .bind(mail.to_address)
    .bind(mail.language)
    .bind(mail.subject)
    .bind(mail.body)
    .bind(mail.message_id)
    .bind(mail.in_reply_to)
    .bind(mail.at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The ticket of the first of `message_ids` that is a mail we sent (or
/// planned): how a reply quoting it in `In-Reply-To` or `References` finds
/// its thread. Ids without angle brackets.
pub async fn ticket_of_message_ids(store: &Store, message_ids: &[String]) -> Result<Option<i64>, StoreError> {
    for id in message_ids {
        let row = sqlx::query("SELECT ticket_id FROM outbox WHERE message_id = $1 AND ticket_id IS NOT NULL")
            .bind(id.as_str())
            .fetch_optional(&store.pool)
            .await?;
        if let Some(row) = row {
            return Ok(Some(row.try_get("ticket_id")?));
        }
    }
    Ok(None)
}

/// Whether `message_id` is one of ours: a mail of ours coming back (a
/// loop through an auto-forward) must never become a ticket.
pub async fn is_ours(store: &Store, message_id: &str) -> Result<bool, StoreError> {
    Ok(sqlx::query("SELECT 1 AS one FROM outbox WHERE message_id = $1")
        .bind(message_id)
        .fetch_optional(&store.pool)
        .await?
        .is_some())
}
