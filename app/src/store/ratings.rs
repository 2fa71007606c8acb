//! Clients' ratings of accepted releases (issue 15, seed 000 §6).

use super::{Store, StoreError, Tx};
use crate::domain::quality::{Quality, RatingTarget, Score};
use crate::domain::ticket::Status;
use sqlx::Row;

/// Where ticket `id` (at `status`) stands for rating: its last release
/// cycle if that was not reopened, and whether it is rated. Read in the
/// rating's transaction (`&mut **tx`) or for the page (`&store.pool`).
pub async fn target<'e, E>(db: E, id: i64, status: Status) -> Result<RatingTarget, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "SELECT r.id, r.reopened_at, (SELECT COUNT(*) FROM ticket_ratings g WHERE g.release_id = r.id) AS rated
         FROM ticket_releases r WHERE r.ticket_id = $1 ORDER BY r.released_at DESC, r.id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let (open_cycle, cycle_rated) = match row {
        Some(r) if r.try_get::<Option<i64>, _>("reopened_at")?.is_none() => {
            (Some(r.try_get::<i64, _>("id")?), r.try_get::<i64, _>("rated")? > 0)
        }
        _ => (None, false),
    };
    Ok(RatingTarget { status, open_cycle, cycle_rated })
}

/// A rating to store.
#[derive(Debug, Clone)]
pub struct NewRating<'a> {
    pub ticket_id: i64,
    pub release_id: i64,
    pub organisation_id: i64,
    pub rater_id: i64,
    pub agent_id: Option<i64>,
    pub score: Score,
    pub comment: Option<&'a str>,
    pub at: i64,
}

/// Stores a rating; the release's unique key refuses a second one even if
/// two requests raced past the check.
pub async fn insert(tx: &mut Tx<'_>, r: &NewRating<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ticket_ratings
             (ticket_id, release_id, organisation_id, rater_id, agent_id, score, comment, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(r.ticket_id)
    .bind(r.release_id)
    .bind(r.organisation_id)
    .bind(r.rater_id)
    .bind(r.agent_id)
    .bind(i64::from(r.score.get()))
    .bind(r.comment)
    .bind(r.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored rating as the ticket page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub score: u8,
    pub comment: Option<String>,
    pub rater: String,
    pub at: i64,
}

/// The ratings of ticket `id`, oldest first (one per release cycle).
pub async fn of_ticket(store: &Store, id: i64) -> Result<Vec<RatingRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT g.score, g.comment, u.name AS rater, g.rated_at FROM ticket_ratings g
         JOIN users u ON u.id = g.rater_id WHERE g.ticket_id = $1 ORDER BY g.rated_at, g.id",
    )
    .bind(id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let score: i64 = r.try_get("score")?;
            Ok(RatingRow {
                score: u8::try_from(score).map_err(|_| StoreError::Corrupt(format!("rating {score}")))?,
                comment: r.try_get("comment")?,
                rater: r.try_get("rater")?,
                at: r.try_get("rated_at")?,
            })
        })
        .collect()
}

/// The ratings given in `[from, to)` per agent (none: rated while nobody
/// was assigned), of `organisation` and of tickets that ran at `level`
/// (the code; one of their stored clocks did) only when given.
pub async fn quality_by_agent(
    store: &Store,
    from: i64,
    to: i64,
    organisation: Option<i64>,
    level: Option<&str>,
) -> Result<Vec<(Option<i64>, Quality)>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT g.agent_id, COUNT(*) AS n, CAST(SUM(g.score) AS BIGINT) AS total FROM ticket_ratings g
         WHERE g.rated_at >= $1 AND g.rated_at < $2
           AND (CAST($3 AS BIGINT) IS NULL OR g.organisation_id = CAST($3 AS BIGINT))
           AND {}
         GROUP BY g.agent_id",
        super::reports::ticket_at_level("g.ticket_id", 4)
    ))
    .bind(from)
    .bind(to)
    .bind(organisation)
    .bind(level)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let count: i64 = r.try_get("n")?;
            let sum: i64 = r.try_get("total")?;
            Ok((r.try_get("agent_id")?, Quality { count: count as u32, sum: sum as u32 }))
        })
        .collect()
}
