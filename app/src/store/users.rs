//! Accounts and the sign-in throttle counters.

use super::{Store, StoreError};
use crate::domain::ticket::Role;
use sqlx::any::AnyRow;
use sqlx::Row;

/// An account as stored, with its organisation's name joined in.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    /// argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// Moves on whenever the account is disabled or enabled: sessions opened
    /// in an earlier generation are over.
    pub session_generation: i64,
}

/// A new account; the email is already in normal form.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub password_hash: &'a str,
}

const SELECT_USER: &str =
    "SELECT u.id, u.email, u.name, u.role, u.organisation_id, o.name AS organisation_name,
                                  u.password_hash, u.disabled_at, u.session_generation
                           FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id";

fn user_from_row(row: &AnyRow) -> Result<UserRecord, StoreError> {
    let role: String = row.try_get("role")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        password_hash: row.try_get("password_hash")?,
        disabled: row.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        session_generation: row.try_get("session_generation")?,
    })
}

/// The account with this (normalised) email, disabled or not.
pub async fn by_email(store: &Store, email: &str) -> Result<Option<UserRecord>, StoreError> {
    let row = sqlx::query(&format!("{SELECT_USER} WHERE u.email = $1"))
        .bind(email)
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

/// The account with this id, disabled or not.
pub async fn by_id(store: &Store, id: i64) -> Result<Option<UserRecord>, StoreError> {
    let row =
        sqlx::query(&format!("{SELECT_USER} WHERE u.id = $1")).bind(id).fetch_optional(&store.pool).await?;
    row.as_ref().map(user_from_row).transpose()
}

/// Every account: agents first by role, then clients by organisation, each
/// by name.
pub async fn all(store: &Store) -> Result<Vec<UserRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "{SELECT_USER} ORDER BY CASE WHEN u.organisation_id IS NULL THEN 0 ELSE 1 END, o.name, u.role, u.name"
    ))
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(user_from_row).collect()
}

/// Adds an account. `Ok(None)` when the email is taken.
pub async fn insert(store: &Store, user: &NewUser<'_>) -> Result<Option<i64>, StoreError> {
    let res = sqlx::query(
        "INSERT INTO users (email, name, role, organisation_id, password_hash)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(user.email)
    .bind(user.name)
    .bind(user.role.code())
    .bind(user.organisation_id)
    .bind(user.password_hash)
    .fetch_one(&store.pool)
    .await;
    match res {
        Ok(row) => Ok(Some(row.try_get("id")?)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The id of the organisation with exactly this name.
pub async fn organisation_id(store: &Store, name: &str) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("id")?),
        None => None,
    })
}

/// Replaces the password of the account with this email; false when there
/// is none. The session check compares the hash, so every session of the
/// account ends with the old password.
pub async fn set_password_hash(store: &Store, email: &str, hash: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2")
        .bind(hash)
        .bind(email)
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Disables the account with this email from `now` on (keeping the first
/// instant if it was disabled already) and ends its sessions; false when
/// there is none.
pub async fn disable(store: &Store, email: &str, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE users SET disabled_at = COALESCE(disabled_at, $1), session_generation = session_generation + 1
         WHERE email = $2",
    )
        .bind(now)
        .bind(email)
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Lets a disabled account with this email sign in again (sessions from
/// before stay ended); false when there is none.
pub async fn enable(store: &Store, email: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE users SET disabled_at = NULL, session_generation = session_generation + 1 WHERE email = $1",
    )
    .bind(email)
    .execute(&store.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether an admin who can sign in exists.
pub async fn has_active_admin(store: &Store) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM users
         WHERE role = 'admin' AND disabled_at IS NULL AND password_hash IS NOT NULL",
    )
    .fetch_one(&store.pool)
    .await?
    .try_get("n")?;
    Ok(n > 0)
}

/// Counts one sign-in attempt under `subject` in a fixed window of
/// `window_secs` and answers the attempts so far in the current window,
/// this one included. One statement, so parallel attempts each get a
/// distinct count on both backends: the upsert locks the row (PostgreSQL)
/// or the database (SQLite) for its duration.
pub async fn count_attempt(
    store: &Store,
    subject: &str,
    now: i64,
    window_secs: i64,
) -> Result<i64, StoreError> {
    // In DO UPDATE both CASEs read the row as it was before this update.
    let row = sqlx::query(
        "INSERT INTO login_throttle (subject, window_start, attempts) VALUES ($1, $2, 1)
         ON CONFLICT (subject) DO UPDATE SET
             attempts = CASE WHEN login_throttle.window_start <= $3 THEN 1
                             ELSE login_throttle.attempts + 1 END,
             window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2
                                 ELSE login_throttle.window_start END
         RETURNING attempts",
    )
    .bind(subject)
    .bind(now)
    .bind(now - window_secs)
    .fetch_one(&store.pool)
    .await?;
    Ok(row.try_get("attempts")?)
}

/// Takes back one attempt counted under `subject` in the current window.
pub async fn uncount_attempt(
    store: &Store,
    subject: &str,
    now: i64,
    window_secs: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE login_throttle SET attempts = attempts - 1
         WHERE subject = $1 AND window_start > $2 AND attempts > 0",
    )
    .bind(subject)
    .bind(now - window_secs)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// Forgets every attempt counted under `subject`.
pub async fn clear_attempts(store: &Store, subject: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_throttle WHERE subject = $1").bind(subject).execute(&store.pool).await?;
    Ok(())
}

/// Drops the counters whose window ended before `now - window_secs`.
pub async fn purge_attempts(store: &Store, now: i64, window_secs: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM login_throttle WHERE window_start <= $1")
        .bind(now - window_secs)
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected())
}
