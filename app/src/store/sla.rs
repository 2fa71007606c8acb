//! Stored SLA milestones: written with every change of a ticket, read by
//! the job that notes at-risk and breached clocks.

use super::{Store, StoreError, Tx};
use crate::domain::sla::{ClockKind, Milestone, SlaLevel};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Stores the milestones of ticket `id` (computed at `at`, at `level`):
/// one row per clock, a clock without a milestone as `none`. Rows are
/// never deleted and the noted flags stay, so an event is noted once per
/// ticket and clock even if the clock goes (another priority) and comes
/// back. What reports read is written with them (`facts`).
pub async fn write_milestones(
    tx: &mut Tx<'_>,
    id: i64,
    milestones: &[Milestone],
    level: Option<SlaLevel>,
    at: i64,
) -> Result<(), StoreError> {
    let now = DateTime::from_timestamp(at, 0).unwrap_or_default();
    for kind in [ClockKind::Reaction, ClockKind::Resolution] {
        let m = milestones.iter().find(|m| m.kind == kind);
        let secs = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp());
        sqlx::query(
            "INSERT INTO ticket_sla (ticket_id, clock, phase, due_at, at_risk_at, computed_at,
                                     stopped_at, used_secs, budget_secs, level, decided_at, facts)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)
             ON CONFLICT (ticket_id, clock) DO UPDATE SET phase = excluded.phase, due_at = excluded.due_at,
                 at_risk_at = excluded.at_risk_at, computed_at = excluded.computed_at,
                 stopped_at = excluded.stopped_at, used_secs = excluded.used_secs,
                 budget_secs = excluded.budget_secs, level = excluded.level,
                 decided_at = excluded.decided_at, facts = 1",
        )
        .bind(id)
        .bind(kind.code())
        .bind(m.map_or("none", |m| m.phase.code()))
        .bind(secs(m.and_then(|m| m.due)))
        .bind(secs(m.and_then(|m| m.at_risk)))
        .bind(at)
        .bind(secs(m.and_then(|m| m.stopped)))
        .bind(m.and_then(|m| m.used_secs))
        .bind(m.map(|m| m.budget_secs))
        .bind(m.and(level).map(|l| l.code()))
        .bind(secs(m.and_then(|m| m.decided_at(now))))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Nothing to watch any more (a closed ticket, unreadable terms).
pub async fn clear_milestones(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<(), StoreError> {
    write_milestones(tx, id, &[], None, at).await
}

/// Which milestone passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passed {
    AtRisk,
    Breach,
}

/// A milestone that passed and has not been noted yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueMilestone {
    pub ticket_id: i64,
    pub clock: ClockKind,
    pub passed: Passed,
    pub due: DateTime<Utc>,
}

fn clock_of(code: &str) -> Result<ClockKind, StoreError> {
    match code {
        "reaction" => Ok(ClockKind::Reaction),
        "resolution" => Ok(ClockKind::Resolution),
        other => Err(StoreError::Corrupt(format!("clock {other}"))),
    }
}

/// Milestones passed by `now` and not yet noted, oldest first: at-risk
/// instants of running clocks, deadlines of clocks not met (running, or
/// waiting or stopped after the deadline). Up to `limit` of them.
pub async fn passed_milestones(store: &Store, now: i64, limit: i64) -> Result<Vec<DueMilestone>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.ticket_id, s.clock, 'at_risk' AS passed, s.at_risk_at AS at, s.due_at FROM ticket_sla s
         WHERE s.phase = 'running' AND s.at_risk_noted = 0 AND s.at_risk_at <= $1
         UNION ALL
         SELECT s.ticket_id, s.clock, 'breach' AS passed, s.due_at AS at, s.due_at FROM ticket_sla s
         JOIN tickets t ON t.id = s.ticket_id
         WHERE s.phase IN ('running', 'paused', 'breached') AND s.breach_noted = 0 AND s.due_at <= $1
           AND t.status <> 'archive'
         ORDER BY at, ticket_id
         LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let passed: String = r.try_get("passed")?;
            let due: Option<i64> = r.try_get("due_at")?;
            Ok(DueMilestone {
                ticket_id: r.try_get("ticket_id")?,
                clock: clock_of(&r.try_get::<String, _>("clock")?)?,
                passed: if passed == "breach" { Passed::Breach } else { Passed::AtRisk },
                due: due
                    .and_then(|d| DateTime::from_timestamp(d, 0))
                    .ok_or_else(|| StoreError::Corrupt("a passed milestone without a deadline".into()))?,
            })
        })
        .collect()
}

/// Notes milestone `m` as passed, if it still stands and nobody noted it
/// first (another replica): exactly one caller gets `true`.
pub async fn note_passed(tx: &mut Tx<'_>, m: &DueMilestone, now: i64) -> Result<bool, StoreError> {
    let sql = match m.passed {
        Passed::AtRisk => {
            "UPDATE ticket_sla SET at_risk_noted = 1
             WHERE ticket_id = $1 AND clock = $2 AND at_risk_noted = 0 AND phase = 'running' AND at_risk_at <= $3"
        }
        Passed::Breach => {
            "UPDATE ticket_sla SET breach_noted = 1, decided_at = due_at
             WHERE ticket_id = $1 AND clock = $2 AND breach_noted = 0 AND phase IN ('running', 'paused', 'breached')
               AND due_at <= $3"
        }
    };
    let noted = sqlx::query(sql).bind(m.ticket_id).bind(m.clock.code()).bind(now).execute(&mut **tx).await?;
    Ok(noted.rows_affected() == 1)
}

/// Tickets whose milestones were never computed (stored before milestones
/// existed, or seeded as demo data), and tickets whose rows predate what
/// reports read (`facts` 0), closed ones included. Every computed ticket
/// has its rows, `none` included, with `facts` 1, so each is picked once.
pub async fn tickets_without_milestones(store: &Store, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM (
             SELECT t.id FROM tickets t
             WHERE NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)
             UNION
             SELECT s.ticket_id AS id FROM ticket_sla s WHERE s.facts = 0
         ) todo ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
}

/// The open tickets, of `organisation` only when given.
pub async fn open_tickets(store: &Store, organisation: Option<i64>) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM tickets
         WHERE status <> 'archive' AND (CAST($1 AS BIGINT) IS NULL OR organisation_id = CAST($1 AS BIGINT))
         ORDER BY id",
    )
    .bind(organisation)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
}
