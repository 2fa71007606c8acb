//! The board query: every ticket on the five columns with what its SLA clock
//! needs (contract, calendar, pause ledger, release periods).

use super::{Store, StoreError, Tx};
use crate::domain::sla::{AgreedDeadline, Pause, Release};
use crate::domain::ticket::{Category, LevelMark, Priority, Status, UnknownValue, WaitingReason};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

/// A ticket as stored, with its contract's terms joined in, decoded into
/// the domain's types once, here.
#[derive(Debug, Clone)]
pub struct TicketRow {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub category: Category,
    pub priority: Priority,
    pub status: Status,
    pub waiting: Option<WaitingReason>,
    /// The public message the open wait was started with: what the client
    /// is asked (issue 17). None when not waiting, or for a wait from
    /// before the rule.
    pub waiting_question: Option<String>,
    pub organisation: String,
    pub assignee: Option<String>,
    pub received_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    /// Working hours; drives "by estimate" resolution targets.
    pub estimate_hours: Option<u32>,
    /// The sprint the ticket is planned into.
    pub sprint_id: Option<i64>,
    pub version: i64,
    /// A confirmed emergency or "needs development", or neither.
    pub level_mark: LevelMark,
    /// None when the organisation had no valid contract at `received_at`.
    pub contract: Option<ContractTerms>,
    /// The desk's own calendar (JSON), which a ticket without a contract
    /// counts on; `None` before one is stored.
    pub desk_calendar_spec: Option<String>,
    /// The SLA pause ledger as stored, oldest first.
    pub pauses: Vec<Pause>,
    /// Release periods, oldest first.
    pub releases: Vec<Release>,
    /// The resolution deadline a client last agreed to (seed 004), if any.
    pub agreed_resolution: Option<AgreedDeadline>,
}

#[derive(Debug, Clone)]
pub struct ContractTerms {
    pub policy_code: String,
    /// The stored policy JSON; `None` when only the preset exists.
    pub policy_spec: Option<String>,
    pub level: String,
    pub calendar_spec: String,
}

fn instant(id: i64, secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("ticket {id}: instant {secs}")))
}

fn code<T: std::str::FromStr<Err = UnknownValue>>(id: i64, value: String) -> Result<T, StoreError> {
    value.parse().map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))
}

/// Reads the ticket columns of [`TICKET_COLUMNS`] (the contract's
/// `policy_code`, `level`, `calendar_spec` joined in); pauses and releases
/// are loaded separately.
pub(super) fn ticket_row(r: &AnyRow) -> Result<TicketRow, StoreError> {
    let id: i64 = r.try_get("id")?;
    let policy_code: Option<String> = r.try_get("policy_code")?;
    let contract = match policy_code {
        Some(policy_code) => Some(ContractTerms {
            policy_code,
            policy_spec: r.try_get("policy_spec")?,
            level: r.try_get("level")?,
            calendar_spec: r.try_get("calendar_spec")?,
        }),
        None => None,
    };
    let estimate: Option<i64> = r.try_get("estimate_hours")?;
    Ok(TicketRow {
        id,
        number: r.try_get("number")?,
        title: r.try_get("title")?,
        category: code(id, r.try_get("category")?)?,
        priority: code(id, r.try_get("priority")?)?,
        status: code(id, r.try_get("status")?)?,
        waiting: r.try_get::<Option<String>, _>("waiting_reason")?.map(|w| code(id, w)).transpose()?,
        waiting_question: None,
        organisation: r.try_get("organisation")?,
        assignee: r.try_get("assignee")?,
        received_at: instant(id, r.try_get("received_at")?)?,
        first_response_at: r
            .try_get::<Option<i64>, _>("first_response_at")?
            .map(|t| instant(id, t))
            .transpose()?,
        estimate_hours: estimate.and_then(|h| u32::try_from(h).ok()),
        sprint_id: r.try_get("sprint_id")?,
        version: r.try_get("version")?,
        level_mark: code(id, r.try_get("level_mark")?)?,
        contract,
        desk_calendar_spec: r.try_get("desk_calendar_spec")?,
        pauses: Vec::new(),
        releases: Vec::new(),
        agreed_resolution: match (
            r.try_get::<Option<i64>, _>("agreed_resolution_until")?,
            r.try_get::<Option<i64>, _>("agreed_resolution_at")?,
        ) {
            (Some(until), Some(at)) => {
                Some(AgreedDeadline { until: instant(id, until)?, agreed_at: instant(id, at)? })
            }
            _ => None,
        },
    })
}

/// A stored pause of ticket `id`.
pub(super) fn pause(id: i64, p: &AnyRow) -> Result<Pause, StoreError> {
    Ok(Pause {
        reason: code(id, p.try_get("reason")?)?,
        from: instant(id, p.try_get("started_at")?)?,
        to: p.try_get::<Option<i64>, _>("ended_at")?.map(|t| instant(id, t)).transpose()?,
    })
}

/// A stored release period of ticket `id`.
pub(super) fn release(id: i64, r: &AnyRow) -> Result<Release, StoreError> {
    Ok(Release {
        released_at: instant(id, r.try_get("released_at")?)?,
        reopened_at: r.try_get::<Option<i64>, _>("reopened_at")?.map(|t| instant(id, t)).transpose()?,
    })
}

/// The ticket columns the SLA clock and the card need, with the contract
/// valid when the client contacted us (SPEC §4). A correlated subquery
/// keeps this one statement on both backends. Written once: the board, the
/// ticket page and the milestone bookkeeping read tickets through it.
pub(super) const TICKET_COLUMNS: &str = "t.id, t.number, t.title, t.category, t.priority, t.status,
                t.waiting_reason, o.name AS organisation, a.name AS assignee, t.received_at, t.first_response_at,
                t.estimate_hours, t.sprint_id, t.version, t.level_mark, t.agreed_resolution_until, t.agreed_resolution_at, c.policy_code, c.level,
                cal.spec AS calendar_spec, sp.spec AS policy_spec, dcal.spec AS desk_calendar_spec";
/// What the open wait asks the client (issue 17), for the read models only:
/// the write path reads no column it does not decide on.
pub(super) const WAITING_QUESTION: &str = "(SELECT q.body FROM ticket_pauses wp
                  JOIN ticket_comments q ON q.id = wp.comment_id
                  WHERE wp.ticket_id = t.id AND wp.ended_at IS NULL AND q.visibility = 'public'
                  LIMIT 1) AS waiting_question";

/// [`ticket_row`] of a read model's query, which selected [`WAITING_QUESTION`] too.
pub(super) fn read_row(r: &AnyRow) -> Result<TicketRow, StoreError> {
    Ok(TicketRow { waiting_question: r.try_get("waiting_question")?, ..ticket_row(r)? })
}
/// The tables behind [`TICKET_COLUMNS`]; more joins may follow.
pub(super) const TICKET_FROM: &str = "FROM tickets t
         JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN users a ON a.id = t.assignee_id
         LEFT JOIN contracts c ON c.id = (
             SELECT c2.id FROM contracts c2
             WHERE c2.organisation_id = t.organisation_id
               AND c2.valid_from <= t.received_at
               AND (c2.valid_to IS NULL OR c2.valid_to > t.received_at)
             ORDER BY c2.valid_from DESC LIMIT 1)
         LEFT JOIN calendars cal ON cal.id = c.calendar_id
         LEFT JOIN sla_policies sp ON sp.code = c.policy_code
         LEFT JOIN desk_settings ds ON ds.id = 1
         LEFT JOIN calendars dcal ON dcal.id = ds.calendar_id";

/// One ticket with its ledgers, read inside the transaction that changes
/// it, so what is computed from it is what is committed.
pub async fn ticket_row_in(tx: &mut Tx<'_>, id: i64) -> Result<Option<TicketRow>, StoreError> {
    let Some(r) = sqlx::query(&format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let mut row = ticket_row(&r)?;
    load_ledgers(tx, &mut row).await?;
    Ok(Some(row))
}

/// One ticket as [`board_tickets`] would list it for the same
/// `organisation_id` scope: `None` when it is not on that board (archived,
/// another organisation's, or missing). The live board refetches a card
/// with it after each event.
pub async fn board_ticket(
    store: &Store,
    id: i64,
    organisation_id: Option<i64>,
) -> Result<Option<TicketRow>, StoreError> {
    let mut tx = store.begin().await?;
    let Some(r) = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS}, {WAITING_QUESTION} {TICKET_FROM}
         WHERE t.id = $1 AND t.status <> 'archive'
           AND (CAST($2 AS BIGINT) IS NULL OR t.organisation_id = CAST($2 AS BIGINT))"
    ))
    .bind(id)
    .bind(organisation_id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let mut row = read_row(&r)?;
    load_ledgers(&mut tx, &mut row).await?;
    tx.commit().await?;
    Ok(Some(row))
}

/// Reads the pauses and release periods of `row`'s ticket into it.
pub(super) async fn load_ledgers(tx: &mut Tx<'_>, row: &mut TicketRow) -> Result<(), StoreError> {
    let id = row.id;
    let pauses = sqlx::query(
        "SELECT reason, started_at, ended_at FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    row.pauses = pauses.iter().map(|p| pause(id, p)).collect::<Result<_, _>>()?;
    let releases = sqlx::query(
        "SELECT released_at, reopened_at FROM ticket_releases WHERE ticket_id = $1 ORDER BY released_at, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    row.releases = releases.iter().map(|r| release(id, r)).collect::<Result<_, _>>()?;
    Ok(())
}

/// Tickets on the board (not archived), optionally limited to one
/// organisation (a client's view).
pub async fn board_tickets(
    store: &Store,
    organisation_id: Option<i64>,
) -> Result<Vec<TicketRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS}, {WAITING_QUESTION} {TICKET_FROM}
         WHERE t.status <> 'archive'
           AND (CAST($1 AS BIGINT) IS NULL OR t.organisation_id = CAST($1 AS BIGINT))
         ORDER BY t.id"
    ))
    .bind(organisation_id)
    .fetch_all(&store.pool)
    .await?;

    // A ticket whose stored data cannot be read is logged and left off
    // rather than taking the whole board down.
    let mut tickets: Vec<TicketRow> = rows
        .iter()
        .filter_map(|r| read_row(r).map_err(|e| tracing::error!("ticket left off the board: {e}")).ok())
        .collect();

    let index: HashMap<i64, usize> = tickets.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    // Two set-wise queries instead of one per ticket: the board must stay one
    // round trip per table however many cards it has.
    let pauses = sqlx::query(
        "SELECT p.ticket_id, p.reason, p.started_at, p.ended_at FROM ticket_pauses p
         JOIN tickets t ON t.id = p.ticket_id
         WHERE t.status <> 'archive' ORDER BY p.started_at",
    )
    .fetch_all(&store.pool)
    .await?;
    for r in pauses {
        let ticket_id: i64 = r.try_get("ticket_id")?;
        if let Some(&i) = index.get(&ticket_id) {
            tickets[i].pauses.push(pause(ticket_id, &r)?);
        }
    }
    let releases = sqlx::query(
        "SELECT r.ticket_id, r.released_at, r.reopened_at FROM ticket_releases r
         JOIN tickets t ON t.id = r.ticket_id
         WHERE t.status <> 'archive' ORDER BY r.released_at",
    )
    .fetch_all(&store.pool)
    .await?;
    for r in releases {
        let ticket_id: i64 = r.try_get("ticket_id")?;
        if let Some(&i) = index.get(&ticket_id) {
            tickets[i].releases.push(release(ticket_id, &r)?);
        }
    }
    Ok(tickets)
}
