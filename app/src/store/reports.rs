//! The leads' reports read stored facts only (issue 15): the clocks'
//! outcomes in `ticket_sla` (decided_at, indexed), reopened releases
//! (reopened_at, indexed) and ratings (rated_at, indexed). Nothing here
//! recomputes a ticket's SLA.

use super::{Store, StoreError};
use crate::domain::report::OutcomeCount;
use crate::domain::sla::{ClockKind, SlaLevel};
use sqlx::Row;

/// What the report is narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub organisation: Option<i64>,
    pub agent: Option<i64>,
    pub level: Option<&'a str>,
}

/// The instants a report covers: `[from, to)`, and nothing after `now`
/// (a deadline still ahead decides nothing yet).
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub from: i64,
    pub to: i64,
    pub now: i64,
}

/// The filter every outcome query shares; `$1`–`$6` are period and scope.
const DECIDED: &str = "s.decided_at >= $1 AND s.decided_at < $2 AND s.decided_at <= $3
    AND (CAST($4 AS BIGINT) IS NULL OR t.organisation_id = CAST($4 AS BIGINT))
    AND (CAST($5 AS BIGINT) IS NULL OR t.assignee_id = CAST($5 AS BIGINT))
    AND (CAST($6 AS TEXT) IS NULL OR s.level = CAST($6 AS TEXT))";

/// Binds `$1`–`$6` of [`DECIDED`].
fn decided<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    period: Period,
    scope: Scope<'q>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(period.from)
        .bind(period.to)
        .bind(period.now)
        .bind(scope.organisation)
        .bind(scope.agent)
        .bind(scope.level)
}

fn clock(code: &str) -> Result<ClockKind, StoreError> {
    match code {
        "reaction" => Ok(ClockKind::Reaction),
        "resolution" => Ok(ClockKind::Resolution),
        other => Err(StoreError::Corrupt(format!("clock {other}"))),
    }
}

fn level(code: Option<String>) -> Option<SlaLevel> {
    code.and_then(|c| c.parse().ok())
}

/// The clocks decided in `period`, counted by clock, outcome,
/// organisation, assignee and level: one grouped, indexed query.
pub async fn outcome_counts(
    store: &Store,
    period: Period,
    scope: Scope<'_>,
) -> Result<Vec<OutcomeCount>, StoreError> {
    let sql = format!(
        "SELECT s.clock, CASE WHEN s.phase = 'met' THEN 1 ELSE 0 END AS met, t.organisation_id,
                t.assignee_id, s.level, COUNT(*) AS n
         FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE {DECIDED}
         GROUP BY s.clock, CASE WHEN s.phase = 'met' THEN 1 ELSE 0 END, t.organisation_id, t.assignee_id, s.level"
    );
    let rows = decided(sqlx::query(&sql), period, scope).fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(OutcomeCount {
                clock: clock(&r.try_get::<String, _>("clock")?)?,
                met: r.try_get::<i64, _>("met")? == 1,
                organisation: r.try_get("organisation_id")?,
                agent: r.try_get("assignee_id")?,
                level: level(r.try_get("level")?),
                count: r.try_get::<i64, _>("n")? as u32,
            })
        })
        .collect()
}

/// A breached clock as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BreachRow {
    pub number: i64,
    pub title: String,
    pub organisation: String,
    pub agent: Option<String>,
    pub level: Option<SlaLevel>,
    pub clock: ClockKind,
    pub due_at: i64,
    pub used_secs: Option<i64>,
    pub budget_secs: Option<i64>,
}

/// The clocks breached in `period`, by deadline, up to `limit`.
pub async fn breaches(
    store: &Store,
    period: Period,
    scope: Scope<'_>,
    limit: i64,
) -> Result<Vec<BreachRow>, StoreError> {
    let sql = format!(
        "SELECT t.number, t.title, o.name AS organisation, u.name AS agent, s.level, s.clock, s.due_at,
                s.used_secs, s.budget_secs
         FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN users u ON u.id = t.assignee_id
         WHERE {DECIDED} AND s.phase <> 'met'
         ORDER BY s.due_at, t.number, s.clock
         LIMIT $7"
    );
    let rows = decided(sqlx::query(&sql), period, scope).bind(limit).fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(BreachRow {
                number: r.try_get("number")?,
                title: r.try_get("title")?,
                organisation: r.try_get("organisation")?,
                agent: r.try_get("agent")?,
                level: level(r.try_get("level")?),
                clock: clock(&r.try_get::<String, _>("clock")?)?,
                due_at: r.try_get::<Option<i64>, _>("due_at")?.unwrap_or_default(),
                used_secs: r.try_get("used_secs")?,
                budget_secs: r.try_get("budget_secs")?,
            })
        })
        .collect()
}

/// The working seconds of each first response decided in `period`.
pub async fn response_times(store: &Store, period: Period, scope: Scope<'_>) -> Result<Vec<i64>, StoreError> {
    let sql = format!(
        "SELECT s.used_secs FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
         WHERE {DECIDED} AND s.clock = 'reaction' AND s.used_secs IS NOT NULL"
    );
    let rows = decided(sqlx::query(&sql), period, scope).fetch_all(&store.pool).await?;
    rows.iter().map(|r| Ok(r.try_get("used_secs")?)).collect()
}

/// Releases reopened in `period`, per organisation (by name). A reopen is
/// of the ticket, so the level filter takes the tickets whose clocks ran at
/// that level ([`ticket_at_level`]).
/// The condition "ticket `ticket` (a column) ran at the level bound as
/// `$param` (none: any)": one of its stored clocks did. Reopens, ratings
/// and extensions are of a ticket, not of a clock; the report's level
/// filter takes them by this one rule.
pub(crate) fn ticket_at_level(ticket: &str, param: u8) -> String {
    format!(
        "(CAST(${param} AS TEXT) IS NULL OR EXISTS (
             SELECT 1 FROM ticket_sla lv WHERE lv.ticket_id = {ticket} AND lv.level = CAST(${param} AS TEXT)))"
    )
}

pub async fn reopens(
    store: &Store,
    period: Period,
    scope: Scope<'_>,
) -> Result<Vec<(String, u32)>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT o.name, COUNT(*) AS n
         FROM ticket_releases r JOIN tickets t ON t.id = r.ticket_id
         JOIN organisations o ON o.id = t.organisation_id
         WHERE r.reopened_at >= $1 AND r.reopened_at < $2
           AND (CAST($3 AS BIGINT) IS NULL OR t.organisation_id = CAST($3 AS BIGINT))
           AND (CAST($4 AS BIGINT) IS NULL OR t.assignee_id = CAST($4 AS BIGINT))
           AND {}
         GROUP BY o.name ORDER BY o.name",
        ticket_at_level("t.id", 5)
    ))
    .bind(period.from)
    .bind(period.to)
    .bind(scope.organisation)
    .bind(scope.agent)
    .bind(scope.level)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("name")?, r.try_get::<i64, _>("n")? as u32))).collect()
}

/// Every organisation, by name (the report's filter and its lines).
pub async fn organisations(store: &Store) -> Result<Vec<(i64, String)>, StoreError> {
    let rows = sqlx::query("SELECT id, name FROM organisations ORDER BY name").fetch_all(&store.pool).await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("name")?))).collect()
}

/// Every agent account, active or not (a report of past months names
/// people who have left), by name.
pub async fn agents(store: &Store) -> Result<Vec<(i64, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name FROM users WHERE role IN ('operator', 'consultant', 'lead') ORDER BY name, id",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("name")?))).collect()
}

/// Whether organisation `id` lets its clients read its report.
pub async fn visible_to_clients(store: &Store, id: i64) -> Result<bool, StoreError> {
    let row = sqlx::query("SELECT reports_visible FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64, _>("reports_visible")? == 1,
        None => false,
    })
}

/// The desk's quality bands, in hundredths.
pub async fn quality_bands(store: &Store) -> Result<(i64, i64), StoreError> {
    let row = sqlx::query("SELECT quality_good, quality_normal FROM desk_settings WHERE id = 1")
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        Some(r) => (r.try_get("quality_good")?, r.try_get("quality_normal")?),
        None => (470, 400),
    })
}

/// Stores the desk's quality bands.
pub async fn save_quality_bands(
    store: &Store,
    bands: crate::domain::quality::QualityBands,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE desk_settings SET quality_good = $1, quality_normal = $2 WHERE id = 1")
        .bind(i64::from(bands.good_from))
        .bind(i64::from(bands.normal_from))
        .execute(&store.pool)
        .await?;
    Ok(())
}
