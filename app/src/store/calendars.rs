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

/// Writes the seeds' calendars once, on the first start with this release
/// (a fresh install, or an older database): the five schedules with their
/// production calendars (`domain::contract::shipped_calendars`), skipping a
/// name already taken (the demo's, an admin's), and makes the Moscow
/// 09:00–18:00 one the desk's calendar when none is set. A counter row
/// records that it ran, so a calendar an admin renames or replaces later
/// does not come back. Returns whether it ran now.
pub async fn ensure_shipped(store: &Store) -> Result<bool, StoreError> {
    let mut tx = store.begin().await?;
    let claimed = sqlx::query("UPDATE counters SET value = 1 WHERE name = 'shipped_calendars' AND value = 0")
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for (name, calendar) in crate::domain::contract::shipped_calendars() {
        sqlx::query("INSERT INTO calendars (name, spec) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(calendar.to_json())
            .execute(&mut *tx)
            .await?;
    }
    let desk = crate::domain::sla::CalendarPreset::MoscowNineToSix.name();
    sqlx::query(
        "UPDATE desk_settings SET calendar_id = (SELECT id FROM calendars WHERE name = $1)
         WHERE id = 1 AND calendar_id IS NULL",
    )
    .bind(desk)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The desk's calendar: its id, or `None` when none is set.
pub async fn desk_calendar(store: &Store) -> Result<Option<i64>, StoreError> {
    let row =
        sqlx::query("SELECT calendar_id FROM desk_settings WHERE id = 1").fetch_optional(&store.pool).await?;
    Ok(match row {
        Some(r) => r.try_get("calendar_id")?,
        None => None,
    })
}

/// The desk's calendar as stored (its JSON spec), or `None` when none is set.
pub async fn desk_calendar_spec(store: &Store) -> Result<Option<String>, StoreError> {
    let row = sqlx::query(
        "SELECT c.spec FROM desk_settings ds JOIN calendars c ON c.id = ds.calendar_id WHERE ds.id = 1",
    )
    .fetch_optional(&store.pool)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("spec")?),
        None => None,
    })
}

/// Makes calendar `id` the desk's; false when there is no such calendar.
pub async fn set_desk_calendar(store: &Store, id: i64) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE desk_settings SET calendar_id = $1 WHERE id = 1 AND EXISTS (SELECT 1 FROM calendars WHERE id = $1)",
    )
    .bind(id)
    .execute(&store.pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The calendars in use: the desk's, and those of contracts valid at `now`
/// or later (their tickets still to come count on them), by id.
pub async fn in_use(store: &Store, now: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT calendar_id AS id FROM desk_settings WHERE id = 1 AND calendar_id IS NOT NULL
         UNION
         SELECT calendar_id AS id FROM contracts WHERE valid_to IS NULL OR valid_to > $1",
    )
    .bind(now)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("id")?)).collect()
}
