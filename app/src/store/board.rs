//! The board query: every ticket on the five columns with what its SLA clock
//! needs (contract, calendar, pause ledger, release periods).

use super::{Store, StoreError, Tx};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

/// A ticket as stored, with its contract's terms joined in.
#[derive(Debug, Clone)]
pub struct TicketRow {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub category: String,
    pub priority: String,
    pub status: String,
    pub waiting_reason: Option<String>,
    pub organisation: String,
    pub assignee: Option<String>,
    pub received_at: i64,
    pub first_response_at: Option<i64>,
    /// Working hours; drives "by estimate" resolution targets.
    pub estimate_hours: Option<i64>,
    /// The sprint the ticket is planned into.
    pub sprint_id: Option<i64>,
    pub version: i64,
    /// None when the organisation had no valid contract at `received_at`.
    pub contract: Option<ContractTerms>,
    pub pauses: Vec<PauseRow>,
    pub releases: Vec<ReleaseRow>,
}

#[derive(Debug, Clone)]
pub struct ContractTerms {
    pub policy_code: String,
    /// The stored policy JSON; `None` when only the preset exists.
    pub policy_spec: Option<String>,
    pub level: String,
    pub calendar_spec: String,
}

#[derive(Debug, Clone)]
pub struct PauseRow {
    pub reason: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct ReleaseRow {
    pub released_at: i64,
    pub reopened_at: Option<i64>,
}

/// Reads the ticket columns shared by the board and the ticket page (the
/// contract's `policy_code`, `level`, `calendar_spec` joined in); pauses and
/// releases are loaded separately.
pub(super) fn ticket_row(r: &AnyRow) -> Result<TicketRow, sqlx::Error> {
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
    Ok(TicketRow {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        title: r.try_get("title")?,
        category: r.try_get("category")?,
        priority: r.try_get("priority")?,
        status: r.try_get("status")?,
        waiting_reason: r.try_get("waiting_reason")?,
        organisation: r.try_get("organisation")?,
        assignee: r.try_get("assignee")?,
        received_at: r.try_get("received_at")?,
        first_response_at: r.try_get("first_response_at")?,
        estimate_hours: r.try_get("estimate_hours")?,
        sprint_id: r.try_get("sprint_id")?,
        version: r.try_get("version")?,
        contract,
        pauses: Vec::new(),
        releases: Vec::new(),
    })
}

/// The ticket columns the SLA clock and the card need, with the contract
/// valid when the client contacted us (SPEC §4). A correlated subquery
/// keeps this one statement on both backends. Written once: the board and
/// the milestone bookkeeping read tickets through it.
const TICKET_SELECT: &str =
    "SELECT t.id, t.number, t.title, t.category, t.priority, t.status, t.waiting_reason,
                o.name AS organisation, a.name AS assignee, t.received_at, t.first_response_at,
                t.estimate_hours, t.sprint_id, t.version, c.policy_code, c.level, cal.spec AS calendar_spec,
                sp.spec AS policy_spec
         FROM tickets t
         JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN users a ON a.id = t.assignee_id
         LEFT JOIN contracts c ON c.id = (
             SELECT c2.id FROM contracts c2
             WHERE c2.organisation_id = t.organisation_id
               AND c2.valid_from <= t.received_at
               AND (c2.valid_to IS NULL OR c2.valid_to > t.received_at)
             ORDER BY c2.valid_from DESC LIMIT 1)
         LEFT JOIN calendars cal ON cal.id = c.calendar_id
         LEFT JOIN sla_policies sp ON sp.code = c.policy_code";

/// One ticket with its ledgers, read inside the transaction that changes
/// it, so what is computed from it is what is committed.
pub async fn ticket_row_in(tx: &mut Tx<'_>, id: i64) -> Result<Option<TicketRow>, StoreError> {
    let Some(r) =
        sqlx::query(&format!("{TICKET_SELECT} WHERE t.id = $1")).bind(id).fetch_optional(&mut **tx).await?
    else {
        return Ok(None);
    };
    let mut row = ticket_row(&r)?;
    for p in sqlx::query(
        "SELECT reason, started_at, ended_at FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    {
        row.pauses.push(PauseRow {
            reason: p.try_get("reason")?,
            started_at: p.try_get("started_at")?,
            ended_at: p.try_get("ended_at")?,
        });
    }
    for r in sqlx::query(
        "SELECT released_at, reopened_at FROM ticket_releases WHERE ticket_id = $1 ORDER BY released_at, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    {
        row.releases.push(ReleaseRow {
            released_at: r.try_get("released_at")?,
            reopened_at: r.try_get("reopened_at")?,
        });
    }
    Ok(Some(row))
}

/// Tickets on the board (not archived), optionally limited to one
/// organisation (a client's view).
pub async fn board_tickets(
    store: &Store,
    organisation_id: Option<i64>,
) -> Result<Vec<TicketRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "{TICKET_SELECT}
         WHERE t.status <> 'archive'
           AND (CAST($1 AS BIGINT) IS NULL OR t.organisation_id = CAST($1 AS BIGINT))
         ORDER BY t.id"
    ))
    .bind(organisation_id)
    .fetch_all(&store.pool)
    .await?;

    let mut tickets = rows.iter().map(ticket_row).collect::<Result<Vec<_>, _>>()?;

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
            tickets[i].pauses.push(PauseRow {
                reason: r.try_get("reason")?,
                started_at: r.try_get("started_at")?,
                ended_at: r.try_get("ended_at")?,
            });
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
            tickets[i].releases.push(ReleaseRow {
                released_at: r.try_get("released_at")?,
                reopened_at: r.try_get("reopened_at")?,
            });
        }
    }
    Ok(tickets)
}
