//! Proposed, agreed, declined and withdrawn resolution deadlines (issue 15,
//! seed 004), and the agreed budget the ticket's clock counts to.

use super::{Store, StoreError, Tx};
use crate::domain::extension::{AnswerChannel, ExtensionState};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A stored proposal, decoded once.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionRow {
    pub id: i64,
    pub ticket_id: i64,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    pub reason: String,
    pub old_due: DateTime<Utc>,
    pub new_due: DateTime<Utc>,
    pub state: ExtensionState,
    pub answered_by: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub via: Option<AnswerChannel>,
}

const EXTENSION: &str = "SELECT x.id, x.ticket_id, p.name AS proposed_by, x.proposed_at, x.reason, x.old_due,
        x.new_due, x.state, a.name AS answered_by, x.answered_at, x.via
     FROM ticket_extensions x
     JOIN users p ON p.id = x.proposed_by
     LEFT JOIN users a ON a.id = x.answered_by";

fn instant(id: i64, secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| StoreError::Corrupt(format!("extension {id}: {secs}")))
}

fn extension(r: &AnyRow) -> Result<ExtensionRow, StoreError> {
    let id: i64 = r.try_get("id")?;
    let state: String = r.try_get("state")?;
    let via: Option<String> = r.try_get("via")?;
    Ok(ExtensionRow {
        id,
        ticket_id: r.try_get("ticket_id")?,
        proposed_by: r.try_get("proposed_by")?,
        proposed_at: instant(id, r.try_get("proposed_at")?)?,
        reason: r.try_get("reason")?,
        old_due: instant(id, r.try_get("old_due")?)?,
        new_due: instant(id, r.try_get("new_due")?)?,
        state: ExtensionState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("extension {id}: state {state}")))?,
        answered_by: r.try_get("answered_by")?,
        answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(|t| instant(id, t)).transpose()?,
        via: via
            .map(|v| {
                AnswerChannel::parse(&v).ok_or_else(|| StoreError::Corrupt(format!("extension {id}: {v}")))
            })
            .transpose()?,
    })
}

/// A proposal to store.
#[derive(Debug, Clone)]
pub struct NewExtension<'a> {
    pub ticket_id: i64,
    pub organisation_id: i64,
    pub proposed_by: i64,
    pub at: i64,
    pub reason: &'a str,
    pub old_due: i64,
    pub new_due: i64,
}

/// Stores a proposal; the partial unique index refuses a second one
/// waiting on the same ticket even if two requests raced past the check.
pub async fn insert(tx: &mut Tx<'_>, x: &NewExtension<'_>) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO ticket_extensions
             (ticket_id, organisation_id, proposed_by, proposed_at, reason, old_due, new_due, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed') RETURNING id",
    )
    .bind(x.ticket_id)
    .bind(x.organisation_id)
    .bind(x.proposed_by)
    .bind(x.at)
    .bind(x.reason)
    .bind(x.old_due)
    .bind(x.new_due)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?)
}

/// Proposal `id` of ticket `ticket_id`, read in the changing transaction.
pub async fn get(tx: &mut Tx<'_>, ticket_id: i64, id: i64) -> Result<Option<ExtensionRow>, StoreError> {
    sqlx::query(&format!("{EXTENSION} WHERE x.id = $1 AND x.ticket_id = $2"))
        .bind(id)
        .bind(ticket_id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(extension)
        .transpose()
}

/// The proposal of ticket `ticket_id` waiting for an answer, if any.
pub async fn pending<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    ticket_id: i64,
) -> Result<Option<ExtensionRow>, StoreError> {
    sqlx::query(&format!("{EXTENSION} WHERE x.ticket_id = $1 AND x.state = 'proposed'"))
        .bind(ticket_id)
        .fetch_optional(db)
        .await?
        .as_ref()
        .map(extension)
        .transpose()
}

/// Whether one of `message_ids` (a reply's `In-Reply-To` and `References`,
/// without angle brackets, already bounded) is a mail proposing a deadline
/// on ticket `ticket_id` made at or after `since` (the waiting proposal's
/// time): only an answer to that mail answers the proposal.
pub async fn answers_proposal_mail(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    message_ids: &[String],
    since: i64,
) -> Result<bool, StoreError> {
    for id in message_ids {
        let found = sqlx::query(
            "SELECT id FROM outbox WHERE ticket_id = $1 AND kind = 'extension_proposed' AND message_id = $2
               AND created_at >= $3",
        )
        .bind(ticket_id)
        .bind(id.as_str())
        .bind(since)
        .fetch_optional(&mut **tx)
        .await?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Every proposal of ticket `ticket_id`, oldest first.
pub async fn of_ticket(store: &Store, ticket_id: i64) -> Result<Vec<ExtensionRow>, StoreError> {
    let rows = sqlx::query(&format!("{EXTENSION} WHERE x.ticket_id = $1 ORDER BY x.id"))
        .bind(ticket_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(extension).collect()
}

/// Closes waiting proposal `id` as `state` by `by` at `at` (through `via`
/// for a client's answer); `false` when it was not waiting any more.
pub async fn close(
    tx: &mut Tx<'_>,
    id: i64,
    state: ExtensionState,
    by: i64,
    at: i64,
    via: Option<AnswerChannel>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE ticket_extensions SET state = $1, answered_by = $2, answered_at = $3, via = $4
         WHERE id = $5 AND state = 'proposed'",
    )
    .bind(state.code())
    .bind(by)
    .bind(at)
    .bind(via.map(AnswerChannel::code))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the resolution deadline a client agreed to (`until`) at `at`.
pub async fn set_agreed(tx: &mut Tx<'_>, ticket_id: i64, until: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE tickets SET agreed_resolution_until = $1, agreed_resolution_at = $2 WHERE id = $3")
        .bind(until)
        .bind(at)
        .bind(ticket_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// After an agreement moved the resolution deadline on: its at-risk and
/// breach instants that now lie after `at` are to be noted again when
/// they come (the flags keep an event once per instant, not once ever).
pub async fn renew_notes(tx: &mut Tx<'_>, ticket_id: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE ticket_sla SET
             at_risk_noted = CASE WHEN at_risk_at > $2 THEN 0 ELSE at_risk_noted END,
             breach_noted = CASE WHEN due_at > $2 THEN 0 ELSE breach_noted END
         WHERE ticket_id = $1 AND clock = 'resolution'",
    )
    .bind(ticket_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An agreed extension as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreedRow {
    pub number: i64,
    pub title: String,
    pub organisation: String,
    pub agent: Option<String>,
    pub old_due: i64,
    pub new_due: i64,
    pub answered_at: i64,
    pub via: String,
}

/// The extensions agreed in `[from, to)`, of `organisation`, `agent` (the
/// ticket's assignee) and of tickets that ran at `level` (one of their
/// stored clocks did) only when given, oldest first, at most `limit`.
pub async fn agreed_in(
    store: &Store,
    from: i64,
    to: i64,
    scope: (Option<i64>, Option<i64>, Option<&str>),
    limit: i64,
) -> Result<Vec<AgreedRow>, StoreError> {
    let (organisation, agent, level) = scope;
    let rows = sqlx::query(&format!(
        "SELECT t.number, t.title, o.name AS organisation, a.name AS agent, x.old_due, x.new_due,
                x.answered_at, x.via
         FROM ticket_extensions x
         JOIN tickets t ON t.id = x.ticket_id
         JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN users a ON a.id = t.assignee_id
         WHERE x.state = 'agreed' AND x.answered_at >= $1 AND x.answered_at < $2
           AND (CAST($3 AS BIGINT) IS NULL OR t.organisation_id = CAST($3 AS BIGINT))
           AND (CAST($4 AS BIGINT) IS NULL OR t.assignee_id = CAST($4 AS BIGINT))
           AND {}
         ORDER BY x.answered_at, x.id LIMIT $6",
        super::reports::ticket_at_level("t.id", 5)
    ))
    .bind(from)
    .bind(to)
    .bind(organisation)
    .bind(agent)
    .bind(level)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AgreedRow {
                number: r.try_get("number")?,
                title: r.try_get("title")?,
                organisation: r.try_get("organisation")?,
                agent: r.try_get("agent")?,
                old_due: r.try_get("old_due")?,
                new_due: r.try_get("new_due")?,
                answered_at: r.try_get("answered_at")?,
                via: r.try_get("via")?,
            })
        })
        .collect()
}
