//! Reading one ticket for its page: every stored field, its SLA ledgers and
//! the event log holds its history (`store::events`).

use super::board::{TicketRow, TICKET_COLUMNS, TICKET_FROM, WAITING_QUESTION};
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
    // The three reads on one connection, in one transaction (one snapshot
    // on SQLite; PostgreSQL reads each statement at its own start).
    let mut tx = store.begin().await?;
    let row = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS}, {WAITING_QUESTION}, t.description, t.steps_to_reproduce, t.product_version, t.channel,
                t.organisation_id, r.name AS requester, t.assignee_id, t.rejection_reason, t.created_at,
                t.updated_at
         {TICKET_FROM}
         JOIN users r ON r.id = t.requester_id
         WHERE t.number = $1"
    ))
    .bind(number)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let mut row = super::board::read_row(&r)?;
    super::board::load_ledgers(&mut tx, &mut row).await?;
    tx.commit().await?;
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
