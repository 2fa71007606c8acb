//! Second-line escalations (SQL only): the questions, their Mattermost
//! posts' queue, and the overdue note taken once across replicas.

use super::{Store, StoreError, Tx};
use crate::domain::escalation::EscalationState;
use chrono::{DateTime, Utc};
use sqlx::Row;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A department as an escalation needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentTarget {
    pub id: i64,
    pub name: String,
    pub deadline_days: i64,
    /// `(kind, address)` in the admin's order.
    pub channels: Vec<(String, String)>,
}

/// Department `id` with its channels.
pub async fn department(tx: &mut Tx<'_>, id: i64) -> Result<Option<DepartmentTarget>, StoreError> {
    let Some(row) = sqlx::query("SELECT id, name, deadline_days FROM departments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let channels = sqlx::query(
        "SELECT kind, address FROM department_channels WHERE department_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("kind")?, r.try_get("address")?)))
    .collect::<Result<_, StoreError>>()?;
    Ok(Some(DepartmentTarget {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        deadline_days: row.try_get("deadline_days")?,
        channels,
    }))
}

/// Stores a new open escalation; returns its id.
pub async fn insert(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    department_id: i64,
    question: &str,
    asked_by: i64,
    asked_at: i64,
    due_at: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO escalations (ticket_id, department_id, question, asked_by, asked_at, due_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, 'open') RETURNING id",
    )
    .bind(ticket_id)
    .bind(department_id)
    .bind(question)
    .bind(asked_by)
    .bind(asked_at)
    .bind(due_at)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?)
}

/// Queues one Mattermost post per webhook of an escalation, due at once.
pub async fn queue_posts(
    tx: &mut Tx<'_>,
    escalation_id: i64,
    urls: &[&str],
    at: i64,
) -> Result<(), StoreError> {
    for url in urls {
        sqlx::query(
            "INSERT INTO escalation_posts (escalation_id, url, status, attempts, next_attempt_at, created_at)
             VALUES ($1, $2, 'pending', 0, $3, $3) ON CONFLICT DO NOTHING",
        )
        .bind(escalation_id)
        .bind(*url)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// An escalation as stored, with its department's current name.
#[derive(Debug, Clone, PartialEq)]
pub struct EscalationRow {
    pub id: i64,
    pub ticket_id: i64,
    pub department_id: i64,
    pub department: String,
    pub question: String,
    pub asked_by: Option<String>,
    pub asked_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub state: EscalationState,
    pub closed_by: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub answer_comment_id: Option<i64>,
}

const ESCALATION: &str = "SELECT e.id, e.ticket_id, e.department_id, d.name AS department, e.question,
        a.name AS asked_by, e.asked_at, e.due_at, e.state, c.name AS closed_by, e.closed_at,
        e.answer_comment_id
    FROM escalations e
    JOIN departments d ON d.id = e.department_id
    LEFT JOIN users a ON a.id = e.asked_by
    LEFT JOIN users c ON c.id = e.closed_by";

fn escalation(r: &sqlx::any::AnyRow) -> Result<EscalationRow, StoreError> {
    let state: String = r.try_get("state")?;
    Ok(EscalationRow {
        id: r.try_get("id")?,
        ticket_id: r.try_get("ticket_id")?,
        department_id: r.try_get("department_id")?,
        department: r.try_get("department")?,
        question: r.try_get("question")?,
        asked_by: r.try_get("asked_by")?,
        asked_at: instant(r.try_get("asked_at")?),
        due_at: instant(r.try_get("due_at")?),
        state: EscalationState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("escalation state {state}")))?,
        closed_by: r.try_get("closed_by")?,
        closed_at: r.try_get::<Option<i64>, _>("closed_at")?.map(instant),
        answer_comment_id: r.try_get("answer_comment_id")?,
    })
}

/// Escalation `id` in `tx` (the caller holds the ticket's lock).
pub async fn by_id(tx: &mut Tx<'_>, id: i64) -> Result<Option<EscalationRow>, StoreError> {
    let row =
        sqlx::query(&format!("{ESCALATION} WHERE e.id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(escalation).transpose()
}

/// The escalations of ticket `ticket_id`, oldest first.
pub async fn of_ticket<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    ticket_id: i64,
) -> Result<Vec<EscalationRow>, StoreError> {
    let rows = sqlx::query(&format!("{ESCALATION} WHERE e.ticket_id = $1 ORDER BY e.id"))
        .bind(ticket_id)
        .fetch_all(db)
        .await?;
    rows.iter().map(escalation).collect()
}

/// The open escalations of every ticket (the board's chips), oldest first.
pub async fn open_ones(store: &Store) -> Result<Vec<EscalationRow>, StoreError> {
    let rows = sqlx::query(&format!("{ESCALATION} WHERE e.state = 'open' ORDER BY e.id"))
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(escalation).collect()
}

/// Closes open escalation `id` as `state` by `by` at `at`; `false` when it
/// was not open any more.
pub async fn close(
    tx: &mut Tx<'_>,
    id: i64,
    state: EscalationState,
    by: i64,
    at: i64,
    answer_comment_id: Option<i64>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE escalations SET state = $1, closed_by = $2, closed_at = $3, answer_comment_id = $4
         WHERE id = $5 AND state = 'open'",
    )
    .bind(state.code())
    .bind(by)
    .bind(at)
    .bind(answer_comment_id)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open escalations past their deadline at `now` whose passing nobody
/// noted yet, up to `limit`, as `(id, ticket_id)`.
pub async fn overdue_unnoted(store: &Store, now: i64, limit: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, ticket_id FROM escalations
         WHERE state = 'open' AND due_at <= $1 AND overdue_noted_at IS NULL ORDER BY due_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("ticket_id")?))).collect()
}

/// Notes that escalation `id` passed its deadline; `false` when another
/// replica noted it first (or it was closed meanwhile): the one `UPDATE`
/// that changes the row is the one whose transaction appends the event.
pub async fn note_overdue(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE escalations SET overdue_noted_at = $1
         WHERE id = $2 AND state = 'open' AND due_at <= $1 AND overdue_noted_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The email channels of escalation `id`'s department.
pub async fn email_addresses(tx: &mut Tx<'_>, escalation_id: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.address FROM escalations e JOIN department_channels c ON c.department_id = e.department_id
         WHERE e.id = $1 AND c.kind = 'email' ORDER BY c.position",
    )
    .bind(escalation_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("address")?)).collect()
}

/// What a Mattermost message says about an escalation.
#[derive(Debug, Clone, PartialEq)]
pub struct PostFacts {
    pub ticket_number: i64,
    pub title: String,
    pub department: String,
    pub question: String,
    pub asked_by: Option<String>,
    pub due_at: DateTime<Utc>,
}

/// A queued Mattermost post with what its message says.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: i64,
    pub url: String,
    pub attempts: i64,
    /// The sender's claim token (`claimed_until`).
    pub claim: i64,
    pub facts: PostFacts,
}

/// Claims up to `limit` pending posts due by `now` for `lease` seconds, as
/// `outbox::claim_due` claims mails: one statement picks and claims, so two
/// replicas never take the same row (`FOR UPDATE SKIP LOCKED` on
/// PostgreSQL, the single write lock on SQLite).
pub async fn claim_due_posts(
    store: &Store,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<Post>, StoreError> {
    let lock = if store.backend == super::Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
    let due =
        "status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)";
    let ids: Vec<i64> = sqlx::query(&format!(
        "UPDATE escalation_posts SET claimed_until = $1
         WHERE id IN (SELECT id FROM escalation_posts WHERE {due} ORDER BY id LIMIT $3 {lock}) AND {due}
         RETURNING id"
    ))
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    let mut posts = Vec::with_capacity(ids.len());
    for id in ids {
        let r = sqlx::query(
            "SELECT p.id, p.url, p.attempts, p.claimed_until, t.number, t.title, d.name AS department,
                    e.question, u.name AS asked_by, e.due_at
             FROM escalation_posts p
             JOIN escalations e ON e.id = p.escalation_id
             JOIN tickets t ON t.id = e.ticket_id
             JOIN departments d ON d.id = e.department_id
             LEFT JOIN users u ON u.id = e.asked_by
             WHERE p.id = $1",
        )
        .bind(id)
        .fetch_one(&store.pool)
        .await?;
        posts.push(Post {
            id: r.try_get("id")?,
            url: r.try_get("url")?,
            attempts: r.try_get("attempts")?,
            claim: r.try_get("claimed_until")?,
            facts: PostFacts {
                ticket_number: r.try_get("number")?,
                title: r.try_get("title")?,
                department: r.try_get("department")?,
                question: r.try_get("question")?,
                asked_by: r.try_get("asked_by")?,
                due_at: instant(r.try_get("due_at")?),
            },
        });
    }
    posts.sort_by_key(|p| p.id);
    Ok(posts)
}

/// The post was delivered by the holder of `claim`.
pub async fn mark_post_sent(store: &Store, id: i64, claim: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE escalation_posts SET status = 'sent', sent_at = $1, attempts = attempts + 1,
                                     claimed_until = NULL, last_error = NULL
         WHERE id = $2 AND status = 'pending' AND claimed_until = $3",
    )
    .bind(now)
    .bind(id)
    .bind(claim)
    .execute(&store.pool)
    .await?;
    Ok(())
}

/// Posting failed: try again at `retry_at`, or give up (`None`).
pub async fn mark_post_failed(
    store: &Store,
    id: i64,
    claim: i64,
    error: &str,
    retry_at: Option<i64>,
) -> Result<(), StoreError> {
    let error: String = error.chars().take(1000).collect();
    let (status, next) = match retry_at {
        Some(at) => ("pending", at),
        None => ("failed", 0),
    };
    sqlx::query(
        "UPDATE escalation_posts SET status = $1, attempts = attempts + 1, last_error = $2, claimed_until = NULL,
                next_attempt_at = CASE WHEN $1 = 'pending' THEN $3 ELSE next_attempt_at END
         WHERE id = $4 AND status = 'pending' AND claimed_until = $5",
    )
    .bind(status)
    .bind(error)
    .bind(next)
    .bind(id)
    .bind(claim)
    .execute(&store.pool)
    .await?;
    Ok(())
}
