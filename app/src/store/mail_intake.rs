//! Mail in: the record of every mail taken from the mailbox, the senders'
//! accounts and organisations it is matched to, and the lease that lets one
//! replica poll at a time.

use super::{Store, StoreError, Tx};
use crate::domain::mail::{IntakeOutcome, IntakeReason};
use sqlx::Row;

/// Where a mail sits on the IMAP server: its mailbox (`user@host/folder`),
/// the folder's UIDVALIDITY and the mail's UID. Together they name one mail
/// for as long as the folder exists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailboxKey {
    pub mailbox: String,
    pub uid_validity: i64,
    pub uid: i64,
}

/// One processed mail, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRecord<'a> {
    pub key: &'a MailboxKey,
    pub message_id: &'a str,
    pub from_address: Option<&'a str>,
    pub subject: &'a str,
    pub received_at: i64,
    pub processed_at: i64,
    pub size: i64,
    pub outcome: IntakeOutcome,
    pub reason: Option<IntakeReason>,
    pub ticket_id: Option<i64>,
    pub comment_id: Option<i64>,
}

/// How claiming a mail went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// Recorded in this transaction, by its row id: the caller decides and
    /// [`finish`]es it before the commit.
    Claimed(i64),
    /// Another poll recorded this mail (its UID or its Message-ID) first.
    AlreadyTaken,
}

/// Records `mail` in the caller's transaction as the transaction's first
/// write: on SQLite it takes the write lock before anything is read (a
/// read first could not be upgraded once another writer committed), and a
/// second replica taking the same mail waits here on the unique UID and
/// Message-ID indexes until the first commits, then finds it taken
/// without having done any work. `mail`'s outcome is what is recorded
/// unless [`finish`] changes it.
pub async fn claim(tx: &mut Tx<'_>, mail: &MailRecord<'_>) -> Result<Claimed, StoreError> {
    let row = sqlx::query(
        "INSERT INTO mail_intake (mailbox, uid_validity, uid, message_id, from_address, subject, received_at,
                                  processed_at, size, outcome, reason, ticket_id, comment_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(mail.key.mailbox.as_str())
    .bind(mail.key.uid_validity)
    .bind(mail.key.uid)
    .bind(mail.message_id)
    .bind(mail.from_address)
    .bind(mail.subject)
    .bind(mail.received_at)
    .bind(mail.processed_at)
    .bind(mail.size)
    .bind(mail.outcome.code())
    .bind(mail.reason.map(IntakeReason::code))
    .bind(mail.ticket_id)
    .bind(mail.comment_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(r) => Claimed::Claimed(r.try_get("id")?),
        None => Claimed::AlreadyTaken,
    })
}

/// Sets the outcome of the mail claimed as `id`.
pub async fn finish(
    tx: &mut Tx<'_>,
    id: i64,
    outcome: IntakeOutcome,
    reason: Option<IntakeReason>,
    ticket_id: Option<i64>,
    comment_id: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE mail_intake SET outcome = $1, reason = $2, ticket_id = $3, comment_id = $4 WHERE id = $5",
    )
    .bind(outcome.code())
    .bind(reason.map(IntakeReason::code))
    .bind(ticket_id)
    .bind(comment_id)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether the mail at `key`, or any mail with `message_id`, was processed.
pub async fn is_processed(
    store: &Store,
    key: &MailboxKey,
    message_id: Option<&str>,
) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT 1 AS one FROM mail_intake
         WHERE (mailbox = $1 AND uid_validity = $2 AND uid = $3) OR message_id = $4",
    )
    .bind(key.mailbox.as_str())
    .bind(key.uid_validity)
    .bind(key.uid)
    .bind(message_id.unwrap_or(""))
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.is_some())
}

/// The ticket of the first of `message_ids` that is a mail we took in and
/// made a ticket or comment of: a colleague answering the client's first
/// mail (reply-all) joins that ticket's thread.
pub async fn ticket_of_received_ids(
    store: &Store,
    message_ids: &[String],
) -> Result<Option<i64>, StoreError> {
    for id in message_ids {
        let row =
            sqlx::query("SELECT ticket_id FROM mail_intake WHERE message_id = $1 AND ticket_id IS NOT NULL")
                .bind(id.as_str())
                .fetch_optional(&store.pool)
                .await?;
        if let Some(row) = row {
            return Ok(Some(row.try_get("ticket_id")?));
        }
    }
    Ok(None)
}

/// The id of the ticket numbered `number`.
pub async fn ticket_of_number(store: &Store, number: i64) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT id FROM tickets WHERE number = $1")
        .bind(number)
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

/// The requester of ticket `id`, read in the transaction that holds its lock.
pub async fn requester_of(tx: &mut Tx<'_>, id: i64) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT requester_id FROM tickets WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("requester_id")?),
        None => None,
    })
}

/// The organisation whose mail domain is `domain` (lower case).
pub async fn organisation_of_domain(tx: &mut Tx<'_>, domain: &str) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT id FROM organisations WHERE mail_domain = $1")
        .bind(domain)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

/// The sorting queue's organisation, if it was ever made.
pub async fn sorting_queue(
    db: impl sqlx::Executor<'_, Database = sqlx::Any>,
) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT id FROM organisations WHERE mail_queue = 1").fetch_optional(db).await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

/// The sorting queue's organisation, made on first use as `name` (or
/// `name (2)`… when an organisation has that name already).
pub async fn ensure_sorting_queue(tx: &mut Tx<'_>, name: &str, now: i64) -> Result<i64, StoreError> {
    if let Some(id) = sorting_queue(&mut **tx).await? {
        return Ok(id);
    }
    for n in 1..=20 {
        let candidate = if n == 1 { name.to_string() } else { format!("{name} ({n})") };
        let taken = sqlx::query("SELECT 1 AS one FROM organisations WHERE name = $1")
            .bind(candidate.as_str())
            .fetch_optional(&mut **tx)
            .await?
            .is_some();
        if taken {
            continue;
        }
        let id: i64 = sqlx::query(
            "INSERT INTO organisations (name, created_at, mail_queue) VALUES ($1, $2, 1) RETURNING id",
        )
        .bind(candidate.as_str())
        .bind(now)
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?;
        return Ok(id);
    }
    Err(StoreError::Corrupt(format!("no free name for the sorting queue \"{name}\"")))
}

/// Adds a client account without a password (it cannot sign in until an
/// admin sets one) for a sender matched by their organisation's domain or
/// sent to the sorting queue. `None` when the address is taken.
pub async fn insert_mail_client(
    tx: &mut Tx<'_>,
    email: &str,
    name: &str,
    organisation_id: i64,
) -> Result<Option<i64>, StoreError> {
    // The insert must not abort the transaction on PostgreSQL when the
    // address was taken in between: ON CONFLICT leaves no error behind.
    let row = sqlx::query(
        "INSERT INTO users (email, name, role, organisation_id) VALUES ($1, $2, 'client', $3)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(organisation_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

/// Whether a refusal went to `address` since `since`.
pub async fn refused_since(store: &Store, address: &str, since: i64) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "SELECT 1 AS one FROM outbox WHERE kind = 'refusal' AND to_address = $1 AND created_at >= $2",
    )
    .bind(address)
    .bind(since)
    .fetch_optional(&store.pool)
    .await?
    .is_some())
}

/// A processed mail as the admin area lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedMail {
    pub id: i64,
    pub received_at: i64,
    pub from_address: Option<String>,
    pub subject: String,
    pub outcome: IntakeOutcome,
    pub reason: Option<IntakeReason>,
    pub ticket_number: Option<i64>,
}

/// The latest `limit` processed mails, newest first.
pub async fn latest(store: &Store, limit: i64) -> Result<Vec<ProcessedMail>, StoreError> {
    let rows = sqlx::query(
        "SELECT m.id, m.received_at, m.from_address, m.subject, m.outcome, m.reason, t.number
         FROM mail_intake m LEFT JOIN tickets t ON t.id = m.ticket_id
         ORDER BY m.processed_at DESC, m.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let outcome: String = r.try_get("outcome")?;
            let reason: Option<String> = r.try_get("reason")?;
            Ok(ProcessedMail {
                id: r.try_get("id")?,
                received_at: r.try_get("received_at")?,
                from_address: r.try_get("from_address")?,
                subject: r.try_get("subject")?,
                outcome: outcome.parse().map_err(|e| StoreError::Corrupt(format!("mail outcome: {e}")))?,
                reason: reason
                    .map(|r| r.parse())
                    .transpose()
                    .map_err(|e| StoreError::Corrupt(format!("mail reason: {e}")))?,
                ticket_number: r.try_get("number")?,
            })
        })
        .collect()
}

/// Takes or renews the lease of `mailbox` for `holder` until `until`;
/// `false` while another holder's lease runs.
pub async fn take_lease(
    store: &Store,
    mailbox: &str,
    holder: &str,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let taken = sqlx::query(
        "INSERT INTO mail_intake_lease (mailbox, holder, until) VALUES ($1, $2, $3)
         ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, until = excluded.until
         WHERE mail_intake_lease.holder = excluded.holder OR mail_intake_lease.until < $4",
    )
    .bind(mailbox)
    .bind(holder)
    .bind(until)
    .bind(now)
    .execute(&store.pool)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// Gives the lease of `mailbox` up, if `holder` has it.
pub async fn release_lease(store: &Store, mailbox: &str, holder: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM mail_intake_lease WHERE mailbox = $1 AND holder = $2")
        .bind(mailbox)
        .bind(holder)
        .execute(&store.pool)
        .await?;
    Ok(())
}

/// Moves ticket `id` into `organisation_id` with `requester_id` as its
/// requester (sorting the queue), in the transaction holding its lock.
pub async fn move_ticket(
    tx: &mut Tx<'_>,
    id: i64,
    organisation_id: i64,
    requester_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE tickets SET organisation_id = $1, requester_id = $2 WHERE id = $3")
        .bind(organisation_id)
        .bind(requester_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The name of organisation `organisation_id`.
pub async fn organisation_name(tx: &mut Tx<'_>, organisation_id: i64) -> Result<String, StoreError> {
    Ok(sqlx::query("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("name")?)
}

/// The names of organisation `organisation_id` and account `user_id`.
pub async fn names(
    tx: &mut Tx<'_>,
    organisation_id: i64,
    user_id: i64,
) -> Result<(String, String), StoreError> {
    let organisation = organisation_name(tx, organisation_id).await?;
    let user: String = sqlx::query("SELECT name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("name")?;
    Ok((organisation, user))
}
