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

/// Locks the planner's cursor and returns the last event planned. The lock
/// (PostgreSQL's row lock, SQLite's write lock) holds until the planning
/// transaction ends, so two replicas never plan the same events.
pub async fn lock_cursor(tx: &mut Tx<'_>) -> Result<i64, StoreError> {
    Ok(sqlx::query("UPDATE counters SET value = value WHERE name = 'mail' RETURNING value")
        .fetch_one(&mut **tx)
        .await?
        .try_get("value")?)
}

/// Moves the planner's cursor to `seq`, in the transaction that stored the
/// mails planned up to it.
pub async fn set_cursor(tx: &mut Tx<'_>, seq: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE counters SET value = $1 WHERE name = 'mail'").bind(seq).execute(&mut **tx).await?;
    Ok(())
}

/// Someone a mail may go to.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: crate::domain::ticket::Role,
    /// `ru`, `uk` or `en`; `None`: the desk's default.
    pub language: Option<String>,
    pub disabled: bool,
    /// A client's organisation.
    pub organisation_id: Option<i64>,
}

const PERSON: &str = "SELECT id, email, name, role, language, disabled_at, organisation_id FROM users";

fn person(r: &sqlx::any::AnyRow) -> Result<Person, StoreError> {
    let role: String = r.try_get("role")?;
    Ok(Person {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))?,
        language: r.try_get("language")?,
        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        organisation_id: r.try_get("organisation_id")?,
    })
}

/// The account `id`.
pub async fn person_by_id(tx: &mut Tx<'_>, id: i64) -> Result<Option<Person>, StoreError> {
    let row = sqlx::query(&format!("{PERSON} WHERE id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(person).transpose()
}

/// Every lead who can still sign in.
pub async fn active_leads(tx: &mut Tx<'_>) -> Result<Vec<Person>, StoreError> {
    let rows = sqlx::query(&format!("{PERSON} WHERE role = 'lead' AND disabled_at IS NULL ORDER BY id"))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(person).collect()
}

/// Who ticket `id` is about, as it stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketPeople {
    pub organisation_id: i64,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
}

/// The organisation, requester and assignee of ticket `id`.
pub async fn ticket_people(tx: &mut Tx<'_>, id: i64) -> Result<Option<TicketPeople>, StoreError> {
    let row = sqlx::query("SELECT organisation_id, requester_id, assignee_id FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(r) => Some(TicketPeople {
            organisation_id: r.try_get("organisation_id")?,
            requester_id: r.try_get("requester_id")?,
            assignee_id: r.try_get("assignee_id")?,
        }),
        None => None,
    })
}

/// The text of comment `id`.
pub async fn comment_body(tx: &mut Tx<'_>, id: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT body FROM ticket_comments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("body")?),
        None => None,
    })
}

/// The kinds `user_id` switched off.
pub async fn optouts<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: i64,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT kind FROM notification_optouts WHERE user_id = $1 ORDER BY kind")
        .bind(user_id)
        .fetch_all(db)
        .await?;
    rows.iter().map(|r| Ok(r.try_get("kind")?)).collect()
}

/// Replaces `user_id`'s switched-off kinds and mail language.
pub async fn set_preferences(
    store: &Store,
    user_id: i64,
    language: Option<&str>,
    off: &[&str],
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM notification_optouts WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for kind in off {
        sqlx::query("INSERT INTO notification_optouts (user_id, kind) VALUES ($1, $2)")
            .bind(user_id)
            .bind(*kind)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `user_id`'s mail language as stored.
pub async fn language_of(store: &Store, user_id: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query("SELECT language FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&store.pool)
        .await?
        .map(|r| r.try_get("language"))
        .transpose()?
        .flatten())
}

/// The first mail about ticket `ticket_id` to `address`: the thread's root,
/// which the later ones answer (`In-Reply-To`), so a mail client shows a
/// ticket's mails as one conversation.
pub async fn thread_root(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    address: &str,
) -> Result<Option<String>, StoreError> {
    let row = sqlx::query(
        "SELECT message_id FROM outbox WHERE ticket_id = $1 AND to_address = $2 ORDER BY id LIMIT 1",
    )
    .bind(ticket_id)
    .bind(address)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("message_id")?),
        None => None,
    })
}

/// A mail as the sender and the admin area see it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: String,
    pub ticket_number: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// A sender's claim (`claimed_until`), while one holds the mail.
    pub claim: Option<i64>,
}

const MAIL: &str =
    "SELECT o.id, o.kind, t.number AS ticket_number, o.to_address, o.subject, o.body, o.message_id,
                           o.in_reply_to, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at,
                           o.sent_at, o.claimed_until
                    FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id";

fn mail(r: &sqlx::any::AnyRow) -> Result<OutboxMail, StoreError> {
    Ok(OutboxMail {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        ticket_number: r.try_get("ticket_number")?,
        to_address: r.try_get("to_address")?,
        subject: r.try_get("subject")?,
        body: r.try_get("body")?,
        message_id: r.try_get("message_id")?,
        in_reply_to: r.try_get("in_reply_to")?,
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: r.try_get("next_attempt_at")?,
        last_error: r.try_get("last_error")?,
        created_at: r.try_get("created_at")?,
        sent_at: r.try_get("sent_at")?,
        claim: r.try_get("claimed_until")?,
    })
}

/// Claims up to `limit` pending mails due by `now` for `lease` seconds and
/// returns them, oldest first, each with its claim (`claimed_until`): the
/// token its sender shows when it renews the claim or marks the mail. One
/// statement picks and claims, so no other sender claims a row in between:
/// on PostgreSQL `FOR UPDATE SKIP LOCKED` lets several replicas claim at
/// once without taking the same rows; on SQLite the `UPDATE` holds the one
/// write lock from its start.
pub async fn claim_due(
    store: &Store,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<OutboxMail>, StoreError> {
    let lock = if store.backend == super::Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
    let due =
        "status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)";
    let ids: Vec<i64> = sqlx::query(&format!(
        "UPDATE outbox SET claimed_until = $1
         WHERE id IN (SELECT id FROM outbox WHERE {due} ORDER BY id LIMIT $3 {lock}) AND {due}
         RETURNING id"
    ))
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    let mut mails = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query(&format!("{MAIL} WHERE o.id = $1")).bind(id).fetch_one(&store.pool).await?;
        mails.push(mail(&row)?);
    }
    mails.sort_by_key(|m| m.id);
    Ok(mails)
}

/// Moves the claim on mail `id` from `claim` to `until` just before it is
/// sent; `false` when the claim is no longer this sender's (it ran out and
/// another sender took the mail, or it was sent): then it must not send.
pub async fn renew_claim(store: &Store, id: i64, claim: i64, until: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND status = 'pending' AND claimed_until = $3",
    )
    .bind(until)
    .bind(id)
    .bind(claim)
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The mail was handed to the mail server by the holder of `claim`. A
/// sender whose claim was taken over changes nothing.
pub async fn mark_sent(store: &Store, id: i64, claim: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, claimed_until = NULL,
                           last_error = NULL
         WHERE id = $2 AND status = 'pending' AND claimed_until = $3",
    )
    .bind(now)
    .bind(id)
    .bind(claim)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// Sending failed: try again at `retry_at`, or give up (`None`) and leave
/// it failed for an admin to retry. Only by the holder of `claim`: a sender
/// that timed out after another sent the mail cannot put it back in line.
pub async fn mark_attempt_failed(
    store: &Store,
    id: i64,
    claim: i64,
    error: &str,
    retry_at: Option<i64>,
) -> Result<(), StoreError> {
    let error: String = error.chars().take(1000).collect();
    let (status, next) = match retry_at {
        Some(at) => ("pending", at),
        None => ("failed", 0),
    };
    sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, last_error = $2, claimed_until = NULL,
                           next_attempt_at = CASE WHEN $1 = 'pending' THEN $3 ELSE next_attempt_at END
         WHERE id = $4 AND status = 'pending' AND claimed_until = $5",
    )
    .bind(status)
    .bind(error)
    .bind(next)
    .bind(id)
    .bind(claim)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// The latest `limit` mails, newest first, of `status` when given.
pub async fn latest(store: &Store, status: Option<&str>, limit: i64) -> Result<Vec<OutboxMail>, StoreError> {
    let rows = match status {
        Some(status) => {
            sqlx::query(&format!("{MAIL} WHERE o.status = $1 ORDER BY o.id DESC LIMIT $2"))
                .bind(status)
                .bind(limit)
                .fetch_all(&store.pool)
                .await?
        }
        None => {
            sqlx::query(&format!("{MAIL} ORDER BY o.id DESC LIMIT $1"))
                .bind(limit)
                .fetch_all(&store.pool)
                .await?
        }
    };
    rows.iter().map(mail).collect()
}

/// How many mails are in each state: `(pending, sent, failed)`.
pub async fn counts(store: &Store) -> Result<(i64, i64, i64), StoreError> {
    let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
        .fetch_all(&store.pool)
        .await?;
    let mut c = (0, 0, 0);
    for r in rows {
        let status: String = r.try_get("status")?;
        let n: i64 = r.try_get("n")?;
        match status.as_str() {
            "pending" => c.0 = n,
            "sent" => c.1 = n,
            _ => c.2 = n,
        }
    }
    Ok(c)
}

/// Puts a failed mail back in the queue, due at `now`. `false` when it is
/// not a failed mail.
pub async fn retry(store: &Store, id: i64, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'pending', next_attempt_at = $1, claimed_until = NULL
         WHERE id = $2 AND status = 'failed'",
    )
    .bind(now)
    .bind(id)
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
