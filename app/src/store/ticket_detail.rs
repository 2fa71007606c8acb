//! Reading one ticket for its page: every stored field, its SLA ledgers and
//! the event log holds its history (`store::events`).

use super::board::{PauseRow, ReleaseRow, TicketRow};
use super::{Store, StoreError};
use sqlx::Row;

/// A ticket with the fields only its page shows, besides what the board's
/// SLA code reads (`row`).
#[derive(Debug, Clone)]
pub struct TicketDetailRow {
    pub row: TicketRow,
    pub description: String,
    pub steps_to_reproduce: String,
    pub product_version: String,
    pub channel: String,
    pub organisation_id: i64,
    pub requester: String,
    pub assignee_id: Option<i64>,
    pub rejection_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The ticket numbered `number` (`SUP-<number>`), whatever its status.
pub async fn ticket_by_number(store: &Store, number: i64) -> Result<Option<TicketDetailRow>, StoreError> {
    // The same contract choice as the board: the one valid at `received_at`.
    let row = sqlx::query(
        "SELECT t.id, t.number, t.title, t.description, t.steps_to_reproduce, t.product_version, t.category, t.priority, t.status,
                t.waiting_reason, t.channel, t.organisation_id, o.name AS organisation,
                r.name AS requester, t.assignee_id, a.name AS assignee, t.received_at, t.first_response_at,
                t.estimate_hours, t.sprint_id, t.version, t.rejection_reason, t.created_at, t.updated_at,
                c.policy_code, c.level, cal.spec AS calendar_spec, sp.spec AS policy_spec
         FROM tickets t
         JOIN organisations o ON o.id = t.organisation_id
         JOIN users r ON r.id = t.requester_id
         LEFT JOIN users a ON a.id = t.assignee_id
         LEFT JOIN contracts c ON c.id = (
             SELECT c2.id FROM contracts c2
             WHERE c2.organisation_id = t.organisation_id
               AND c2.valid_from <= t.received_at
               AND (c2.valid_to IS NULL OR c2.valid_to > t.received_at)
             ORDER BY c2.valid_from DESC LIMIT 1)
         LEFT JOIN calendars cal ON cal.id = c.calendar_id
         LEFT JOIN sla_policies sp ON sp.code = c.policy_code
         WHERE t.number = $1",
    )
    .bind(number)
    .fetch_optional(&store.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let mut row = super::board::ticket_row(&r)?;
    let id = row.id;
    let pauses = sqlx::query(
        "SELECT reason, started_at, ended_at FROM ticket_pauses WHERE ticket_id = $1 ORDER BY started_at, id",
    )
    .bind(id)
    .fetch_all(&store.pool)
    .await?
    .into_iter()
    .map(|p| {
        Ok(PauseRow {
            reason: p.try_get("reason")?,
            started_at: p.try_get("started_at")?,
            ended_at: p.try_get("ended_at")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let releases = sqlx::query(
        "SELECT released_at, reopened_at FROM ticket_releases WHERE ticket_id = $1 ORDER BY released_at, id",
    )
    .bind(id)
    .fetch_all(&store.pool)
    .await?
    .into_iter()
    .map(|p| {
        Ok(ReleaseRow { released_at: p.try_get("released_at")?, reopened_at: p.try_get("reopened_at")? })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    row.pauses = pauses;
    row.releases = releases;
    Ok(Some(TicketDetailRow {
        row,
        description: r.try_get("description")?,
        steps_to_reproduce: r.try_get("steps_to_reproduce")?,
        product_version: r.try_get("product_version")?,
        channel: r.try_get("channel")?,
        organisation_id: r.try_get("organisation_id")?,
        requester: r.try_get("requester")?,
        assignee_id: r.try_get("assignee_id")?,
        rejection_reason: r.try_get("rejection_reason")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    }))
}
