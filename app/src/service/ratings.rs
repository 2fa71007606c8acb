//! A client rates an accepted release (issue 15, seed 000 §6).

use super::tickets::Changed;
use super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::event::TicketEvent;
use crate::domain::quality::{check_rating, rating_comment, RatingError, Score, MAX_RATING_COMMENT_CHARS};
use crate::error::Reason;
use crate::store::ratings::{self, NewRating};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Rates ticket `id`, last seen at `version`, with `score` and an optional
/// `comment`, for `user` at `now`: once per release cycle, by a client of
/// the ticket's organisation, after the release was accepted. The rating
/// counts for the ticket's assignee (the per-agent quality score) and
/// leaves a public `rated` event.
pub async fn rate(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    score: Score,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let comment = rating_comment(comment.as_deref()).map_err(|problem| ServiceError::InvalidText {
        field: "comment",
        problem,
        max: MAX_RATING_COMMENT_CHARS,
    })?;
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let target = ratings::target(&mut *tx, head.id, head.status).await?;
    let release_id = check_rating(user.role, &target).map_err(|e| {
        let reason = Reason::new(e.code(), e.to_string());
        match e {
            RatingError::NotClient => ServiceError::NotPermitted(reason),
            RatingError::NotAccepted | RatingError::AlreadyRated => ServiceError::Refused(reason),
        }
    })?;
    let rating = NewRating {
        ticket_id: head.id,
        release_id,
        organisation_id: head.organisation_id,
        rater_id: user.id,
        agent_id: head.assignee_id,
        score,
        comment: comment.as_deref(),
        at: now.timestamp(),
    };
    ratings::insert(&mut tx, &rating).await?;
    let event = TicketEvent::Rated { score, comment };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}
