//! Writing a ticket's priority, assignee and wait, with optimistic
//! concurrency and the audit history.

use super::tickets::{TicketHead, WriteOutcome};
use super::{Store, StoreError};
use crate::domain::ticket::{Edit, EditTarget, Role};
use sqlx::Row;

/// The values an edit is decided on, read from the ticket's head.
pub fn edit_target(head: &TicketHead) -> Result<EditTarget, StoreError> {
    let corrupt = |what: &str, e: crate::domain::ticket::UnknownValue| {
        StoreError::Corrupt(format!("ticket {} {what}: {e}", head.id))
    };
    Ok(EditTarget {
        status: head.status.parse().map_err(|e| corrupt("status", e))?,
        priority: head.priority.parse().map_err(|e| corrupt("priority", e))?,
        assignee: head.assignee_id,
        waiting: head
            .waiting_reason
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e| corrupt("waiting reason", e))?,
        estimate: head.estimate_hours.and_then(|h| u32::try_from(h).ok()),
        sprint: head.sprint_id,
    })
}

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
pub async fn active_role(store: &Store, user_id: i64) -> Result<Option<Role>, StoreError> {
    let row = sqlx::query("SELECT role FROM users WHERE id = $1 AND disabled_at IS NULL")
        .bind(user_id)
        .fetch_optional(&store.pool)
        .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        role.parse().map_err(|e| StoreError::Corrupt(format!("user role: {e}")))
    })
    .transpose()
}

/// An edit already checked by the domain.
#[derive(Debug, Clone)]
pub struct EditWrite {
    pub ticket_id: i64,
    pub expected_version: i64,
    /// What the caller's decision was based on; the write happens only if
    /// the ticket is still exactly so (the version guarantees it).
    pub before: EditTarget,
    pub edit: Edit,
    pub actor_id: i64,
    pub at: i64,
}

/// Writes one edit in a transaction: the ticket (only at the expected
/// version), the pause ledger for waits, and a history line. Assignments
/// are recorded by name, so the history still reads after renames.
pub async fn apply_edit(store: &Store, w: EditWrite) -> Result<WriteOutcome, StoreError> {
    let mut tx = store.pool.begin().await?;
    // One statement per column: the version check and the write are one,
    // so two agents editing at once cannot both win.
    let query = match w.edit {
        Edit::Priority(p) => sqlx::query(
            "UPDATE tickets SET priority = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(p.code()),
        Edit::Assignee(a) => sqlx::query(
            "UPDATE tickets SET assignee_id = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(a),
        Edit::Waiting(r) => sqlx::query(
            "UPDATE tickets SET waiting_reason = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(r.map(|r| r.code())),
        Edit::Estimate(h) => sqlx::query(
            "UPDATE tickets SET estimate_hours = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(h.map(i64::from)),
        Edit::Sprint(s) => sqlx::query(
            "UPDATE tickets SET sprint_id = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(s),
    };
    let updated =
        query.bind(w.at).bind(w.ticket_id).bind(w.expected_version).execute(&mut *tx).await?.rows_affected();
    if updated == 0 {
        return Ok(WriteOutcome::Stale);
    }
    let (before, after) = match w.edit {
        Edit::Priority(p) => (Some(w.before.priority.code().to_string()), Some(p.code().to_string())),
        Edit::Assignee(a) => (user_name(&mut tx, w.before.assignee).await?, user_name(&mut tx, a).await?),
        Edit::Estimate(h) => (w.before.estimate.map(|h| h.to_string()), h.map(|h| h.to_string())),
        // By name, like assignees: the history reads the same after a rename.
        Edit::Sprint(s) => (sprint_name(&mut tx, w.before.sprint).await?, sprint_name(&mut tx, s).await?),
        Edit::Waiting(r) => {
            // A wait is one open pause; changing its reason closes it and
            // opens the next, so the ledger says why each stretch stood still.
            if w.before.waiting.is_some() {
                sqlx::query(
                    "UPDATE ticket_pauses SET ended_at = CASE WHEN started_at > $1 THEN started_at ELSE $1 END
                     WHERE ticket_id = $2 AND ended_at IS NULL",
                )
                .bind(w.at)
                .bind(w.ticket_id)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(reason) = r {
                sqlx::query("INSERT INTO ticket_pauses (ticket_id, reason, started_at) VALUES ($1, $2, $3)")
                    .bind(w.ticket_id)
                    .bind(reason.code())
                    .bind(w.at)
                    .execute(&mut *tx)
                    .await?;
            }
            (w.before.waiting.map(|r| r.code().to_string()), r.map(|r| r.code().to_string()))
        }
    };
    sqlx::query(
        "INSERT INTO ticket_history (ticket_id, actor_id, at, field, before, after)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(w.ticket_id)
    .bind(w.actor_id)
    .bind(w.at)
    .bind(w.edit.field())
    .bind(before)
    .bind(after)
    .execute(&mut *tx)
    .await?;
    let version: i64 = sqlx::query("SELECT version FROM tickets WHERE id = $1")
        .bind(w.ticket_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("version")?;
    tx.commit().await?;
    Ok(WriteOutcome::Written { version })
}

async fn user_name(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: Option<i64>,
) -> Result<Option<String>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let row = sqlx::query("SELECT name FROM users WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(|r| r.try_get("name")).transpose()?)
}

async fn sprint_name(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: Option<i64>,
) -> Result<Option<String>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let row =
        sqlx::query("SELECT name FROM sprints WHERE id = $1").bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(|r| r.try_get("name")).transpose()?)
}
