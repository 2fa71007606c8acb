//! Sprints and the tickets planned into them.

use super::admin::{save_row, Saved, Val};
use super::{Store, StoreError};
use crate::domain::sprint::{SprintDays, ValidSprint};
use chrono::NaiveDate;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct SprintRow {
    pub id: i64,
    pub name: String,
    pub goal: String,
    pub days: SprintDays,
    pub capacity_hours: i64,
    /// When the lead closed it (unix seconds); a closed sprint is read-only.
    pub closed_at: Option<i64>,
}

/// The columns [`sprint_row`] reads.
pub(super) const SPRINT_COLUMNS: &str = "id, name, goal, starts_on, ends_on, capacity_hours, closed_at";

fn day(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(format!("sprint day {s}: {e}")))
}

pub(super) fn sprint_row(r: &sqlx::any::AnyRow) -> Result<SprintRow, StoreError> {
    let (starts, ends): (String, String) = (r.try_get("starts_on")?, r.try_get("ends_on")?);
    Ok(SprintRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        goal: r.try_get("goal")?,
        days: SprintDays { starts_on: day(&starts)?, ends_on: day(&ends)? },
        capacity_hours: r.try_get("capacity_hours")?,
        closed_at: r.try_get("closed_at")?,
    })
}

/// Every sprint, the latest first.
pub async fn list(store: &Store) -> Result<Vec<SprintRow>, StoreError> {
    let rows = sqlx::query(&format!("SELECT {SPRINT_COLUMNS} FROM sprints ORDER BY starts_on DESC"))
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(sprint_row).collect()
}

/// Sprint `id`, on the pool or as a transaction sees it.
pub async fn get<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: i64,
) -> Result<Option<SprintRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {SPRINT_COLUMNS} FROM sprints WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(sprint_row).transpose()
}

/// The days of every sprint but `except`, for the overlap check.
pub async fn other_days(store: &Store, except: Option<i64>) -> Result<Vec<SprintDays>, StoreError> {
    Ok(list(store).await?.into_iter().filter(|s| Some(s.id) != except).map(|s| s.days).collect())
}

pub async fn save(store: &Store, id: Option<i64>, s: &ValidSprint, now: i64) -> Result<Saved, StoreError> {
    let (starts, ends) =
        (s.starts_on.format("%Y-%m-%d").to_string(), s.ends_on.format("%Y-%m-%d").to_string());
    let mut columns = vec!["name", "goal", "starts_on", "ends_on", "capacity_hours"];
    let mut values = vec![
        Val::Text(&s.name),
        Val::Text(&s.goal),
        Val::Text(&starts),
        Val::Text(&ends),
        Val::Int(s.capacity_hours),
    ];
    if id.is_none() {
        columns.push("created_at");
        values.push(Val::Int(now));
    }
    save_row(store, "sprints", id, &columns, values).await
}
