//! Writing a ticket's priority, assignee, estimate and sprint, and the
//! agents a ticket may be assigned to.

use super::{Store, StoreError, Tx};
use crate::domain::ticket::{Edit, Role};
use sqlx::Row;

/// An agent tickets can be assigned to: active, in an assignable role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// Every active agent account, by name. Assignment candidates are chosen
/// from these; the domain decides which roles qualify.
pub async fn active_agents(store: &Store) -> Result<Vec<Agent>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, role FROM users
         WHERE organisation_id IS NULL AND disabled_at IS NULL ORDER BY name, id",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            Ok(Agent {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                role: role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))?,
            })
        })
        .collect()
}

/// The role of an active user, `None` if there is no such active user.
pub async fn active_role<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: i64,
) -> Result<Option<Role>, StoreError> {
    let row = sqlx::query("SELECT role FROM users WHERE id = $1 AND disabled_at IS NULL")
        .bind(user_id)
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))
    })
    .transpose()
}

/// Writes the column an edit changes. Waits go through
/// [`super::tickets::write_wait`], which keeps the pause ledger too.
pub async fn write_field(tx: &mut Tx<'_>, id: i64, edit: &Edit) -> Result<(), StoreError> {
    let query = match *edit {
        Edit::Priority(p) => sqlx::query("UPDATE tickets SET priority = $1 WHERE id = $2").bind(p.code()),
        Edit::Assignee(a) => sqlx::query("UPDATE tickets SET assignee_id = $1 WHERE id = $2").bind(a),
        Edit::Estimate(h) => {
            sqlx::query("UPDATE tickets SET estimate_hours = $1 WHERE id = $2").bind(h.map(i64::from))
        }
        Edit::Sprint(s) => sqlx::query("UPDATE tickets SET sprint_id = $1 WHERE id = $2").bind(s),
        Edit::Category(c) => sqlx::query("UPDATE tickets SET category = $1 WHERE id = $2").bind(c.code()),
        Edit::Level(m) => sqlx::query("UPDATE tickets SET level_mark = $1 WHERE id = $2").bind(m.code()),
        Edit::Waiting(_) => return Err(StoreError::Corrupt("waits are written with their pauses".into())),
    };
    query.bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// The name of user `id`: assignments are recorded by name, so the history
/// still reads after renames.
pub async fn user_name(tx: &mut Tx<'_>, id: Option<i64>) -> Result<Option<String>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let row = sqlx::query("SELECT name FROM users WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(|r| r.try_get("name")).transpose()?)
}

/// The name of sprint `id`, for the same reason.
pub async fn sprint_name(tx: &mut Tx<'_>, id: Option<i64>) -> Result<Option<String>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let row =
        sqlx::query("SELECT name FROM sprints WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(|r| r.try_get("name")).transpose()?)
}
