//! Sprint planning (issue 16): which sprint a ticket is planned into and
//! where in its order, the close of a sprint and its outcomes. SQL only; the
//! rules are `domain::sprint_plan`'s.

use super::sprints::{sprint_row, SprintRow, SPRINT_COLUMNS};
use super::{Store, StoreError, Tx};
use crate::domain::event::TicketEvent;
use crate::domain::sprint_plan::{is_finished, Outcome, SlaOutcome};
use crate::domain::ticket::Status;
use sqlx::Row;

/// Locks sprint `id` for the rest of the transaction (a no-op update, as for
/// tickets) and reads it: plans, reorders and the close of one sprint are
/// decided one at a time.
pub async fn lock_sprint(tx: &mut Tx<'_>, id: i64) -> Result<Option<SprintRow>, StoreError> {
    let locked =
        sqlx::query("UPDATE sprints SET name = name WHERE id = $1").bind(id).execute(&mut **tx).await?;
    if locked.rows_affected() == 0 {
        return Ok(None);
    }
    let r = sqlx::query(&format!("SELECT {SPRINT_COLUMNS} FROM sprints WHERE id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    sprint_row(&r).map(Some)
}

/// Every sprint, the earliest first, read in `tx`.
pub async fn sprints_in(tx: &mut Tx<'_>) -> Result<Vec<SprintRow>, StoreError> {
    let rows = sqlx::query(&format!("SELECT {SPRINT_COLUMNS} FROM sprints ORDER BY starts_on"))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(sprint_row).collect()
}

/// Plans ticket `id` into `sprint` at `rank` (or out of any: both `None`).
pub async fn set_plan(
    tx: &mut Tx<'_>,
    id: i64,
    sprint: Option<i64>,
    rank: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE tickets SET sprint_id = $1, sprint_rank = $2 WHERE id = $3")
        .bind(sprint)
        .bind(rank)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The rank after the last ticket of `sprint`.
pub async fn next_rank(tx: &mut Tx<'_>, sprint: i64) -> Result<i64, StoreError> {
    let r = sqlx::query("SELECT COALESCE(MAX(sprint_rank), 0) + 1 AS next FROM tickets WHERE sprint_id = $1")
        .bind(sprint)
        .fetch_one(&mut **tx)
        .await?;
    Ok(r.try_get("next")?)
}

/// A ticket planned into a sprint, in the sprint's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedRow {
    pub ticket_id: i64,
    pub status: Status,
    pub estimate_hours: Option<i64>,
}

/// The tickets of `sprint` in their planned order (unranked ones last, by id).
pub async fn planned_in(tx: &mut Tx<'_>, sprint: i64) -> Result<Vec<PlannedRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, status, estimate_hours FROM tickets WHERE sprint_id = $1
         ORDER BY CASE WHEN sprint_rank IS NULL THEN 0 ELSE 1 END, sprint_rank, id",
    )
    .bind(sprint)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let status: String = r.try_get("status")?;
            Ok(PlannedRow {
                ticket_id: id,
                status: status.parse().map_err(|e| StoreError::Corrupt(format!("ticket {id}: {e}")))?,
                estimate_hours: r.try_get("estimate_hours")?,
            })
        })
        .collect()
}

/// The planned order of `sprint`: ticket ids, first first.
pub async fn order_of(store: &Store, sprint: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM tickets WHERE sprint_id = $1
         ORDER BY CASE WHEN sprint_rank IS NULL THEN 0 ELSE 1 END, sprint_rank, id",
    )
    .bind(sprint)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
}

/// Writes the planned order: `order[0]` gets rank 1.
pub async fn write_order(tx: &mut Tx<'_>, sprint: i64, order: &[i64]) -> Result<(), StoreError> {
    for (i, id) in order.iter().enumerate() {
        sqlx::query("UPDATE tickets SET sprint_rank = $1 WHERE id = $2 AND sprint_id = $3")
            .bind(i as i64 + 1)
            .bind(*id)
            .bind(sprint)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn mark_closed(tx: &mut Tx<'_>, sprint: i64, at: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE sprints SET closed_at = $1 WHERE id = $2")
        .bind(at)
        .bind(sprint)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What became of one ticket at a sprint's close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub ticket_id: i64,
    pub number: i64,
    pub title: String,
    pub outcome: Outcome,
    pub estimate_hours: Option<i64>,
    pub sla: SlaOutcome,
}

pub async fn write_outcome(
    tx: &mut Tx<'_>,
    sprint: i64,
    ticket: i64,
    outcome: Outcome,
    estimate_hours: Option<i64>,
    sla: SlaOutcome,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sprint_outcomes (sprint_id, ticket_id, outcome, estimate_hours, sla) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sprint)
    .bind(ticket)
    .bind(outcome.code())
    .bind(estimate_hours)
    .bind(sla.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The outcomes of closed sprint `sprint`, in ticket number order.
pub async fn outcomes(store: &Store, sprint: i64) -> Result<Vec<OutcomeRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT o.ticket_id, t.number, t.title, o.outcome, o.estimate_hours, o.sla
         FROM sprint_outcomes o JOIN tickets t ON t.id = o.ticket_id
         WHERE o.sprint_id = $1 ORDER BY t.number",
    )
    .bind(sprint)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let (outcome, sla): (String, String) = (r.try_get("outcome")?, r.try_get("sla")?);
            Ok(OutcomeRow {
                ticket_id: r.try_get("ticket_id")?,
                number: r.try_get("number")?,
                title: r.try_get("title")?,
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| StoreError::Corrupt(format!("sprint outcome {outcome}")))?,
                estimate_hours: r.try_get("estimate_hours")?,
                sla: SlaOutcome::parse(&sla)
                    .ok_or_else(|| StoreError::Corrupt(format!("sprint SLA {sla}")))?,
            })
        })
        .collect()
}

/// The done estimate of each closed sprint: `(sprint id, hours)`.
pub async fn done_hours(store: &Store) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = sqlx::query(
        // PostgreSQL sums BIGINTs as NUMERIC: cast back for both backends.
        "SELECT sprint_id, CAST(COALESCE(SUM(estimate_hours), 0) AS BIGINT) AS hours FROM sprint_outcomes
         WHERE outcome = 'done' GROUP BY sprint_id",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("sprint_id")?, r.try_get("hours")?))).collect()
}

/// When each of `tickets` last moved into Done, Release or Archive (unix
/// seconds), from the event log: the burndown's finished work.
pub async fn finished_at(store: &Store, tickets: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut out = Vec::new();
    for id in tickets {
        let rows = sqlx::query(
            "SELECT seq, at, payload FROM ticket_events WHERE ticket_id = $1 AND kind = 'moved' ORDER BY seq",
        )
        .bind(*id)
        .fetch_all(&store.pool)
        .await?;
        let mut last = None;
        for r in &rows {
            let seq: i64 = r.try_get("seq")?;
            let payload: String = r.try_get("payload")?;
            let event = TicketEvent::from_json(&payload)
                .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
            // The first move into finished work counts; a reopening starts over.
            if let TicketEvent::Moved { to, .. } = event {
                if !is_finished(to) {
                    last = None;
                } else if last.is_none() {
                    last = Some(r.try_get::<i64, _>("at")?);
                }
            }
        }
        if let Some(at) = last {
            out.push((*id, at));
        }
    }
    Ok(out)
}
