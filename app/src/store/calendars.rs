//! Stored business calendars (their JSON is validated by the domain before
//! it gets here).

use super::{Store, StoreError};
use sqlx::Row;

pub async fn list(store: &Store) -> Result<Vec<(i64, String, String)>, StoreError> {
    let rows =
        sqlx::query("SELECT id, name, spec FROM calendars ORDER BY name").fetch_all(&store.pool).await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("spec")?))).collect()
}

/// Name and JSON of one calendar.
pub async fn get(store: &Store, id: i64) -> Result<Option<(String, String)>, StoreError> {
    let row = sqlx::query("SELECT name, spec FROM calendars WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        Some(r) => Some((r.try_get("name")?, r.try_get("spec")?)),
        None => None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(i64),
    /// Another calendar has this name.
    NameTaken,
    /// No calendar with the given id.
    Missing,
}

/// Inserts (`id` None) or updates a calendar. The name's uniqueness is the
/// database's constraint; checking it first only gives the friendly answer,
/// the constraint still decides under concurrency.
pub async fn save(store: &Store, id: Option<i64>, name: &str, spec: &str) -> Result<SaveOutcome, StoreError> {
    let clash = sqlx::query("SELECT id FROM calendars WHERE name = $1")
        .bind(name)
        .fetch_optional(&store.pool)
        .await?;
    if let Some(other) = clash {
        let other: i64 = other.try_get("id")?;
        if Some(other) != id {
            return Ok(SaveOutcome::NameTaken);
        }
    }
    let result = match id {
        None => sqlx::query("INSERT INTO calendars (name, spec) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(spec)
            .fetch_one(&store.pool)
            .await
            .and_then(|r| r.try_get::<i64, _>("id"))
            .map(SaveOutcome::Saved),
        Some(id) => sqlx::query("UPDATE calendars SET name = $1, spec = $2 WHERE id = $3")
            .bind(name)
            .bind(spec)
            .bind(id)
            .execute(&store.pool)
            .await
            .map(|r| if r.rows_affected() == 0 { SaveOutcome::Missing } else { SaveOutcome::Saved(id) }),
    };
    match result {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(SaveOutcome::NameTaken),
        other => Ok(other?),
    }
}
