//! Posting a comment: a public reply or an internal note, and what it does
//! to the SLA clocks.

use super::tickets::Changed;
use super::{finish_change, require_ticket, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::ticket::{comment_effects, CommentBody, CommentKind};
use crate::store::{comments, tickets as rows, Store, StoreError, Tx};
use chrono::{DateTime, Utc};

/// What posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub comment_id: i64,
    pub ticket: Changed,
    /// This was the first public agent reply: the reaction clock stopped.
    pub first_response: bool,
    /// The ticket was waiting for the client's information and no longer is.
    pub wait_ended: bool,
}

/// Posts `body` on ticket `id` as `user` at `now`: an internal note when
/// `internal`. The domain decides the effects on the ticket under its lock,
/// so two replies at once cannot both be the first response.
pub async fn post_comment(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    body: &CommentBody,
    internal: bool,
    now: DateTime<Utc>,
) -> Result<Posted, ServiceError> {
    post_comment_with_files(store, user, id, body, internal, &[], now).await
}

/// [`post_comment`] with `user`'s pending uploads `files` attached to the
/// comment in the same transaction, each with its `attached` event (as
/// internal as the note).
pub async fn post_comment_with_files(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    body: &CommentBody,
    internal: bool,
    files: &[i64],
    now: DateTime<Utc>,
) -> Result<Posted, ServiceError> {
    let mut tx = store.begin().await?;
    let posted = post_in(&mut tx, user, id, body, internal, files, now).await?;
    store.commit(tx).await?;
    Ok(posted)
}

/// [`post_comment_with_files`] inside the caller's transaction, for a use
/// case that writes more in the same commit (a mail taken in records itself
/// with its comment). Nothing is committed here.
pub async fn post_in(
    tx: &mut Tx<'_>,
    user: &CurrentUser,
    id: i64,
    body: &CommentBody,
    internal: bool,
    files: &[i64],
    now: DateTime<Utc>,
) -> Result<Posted, ServiceError> {
    let kind = CommentKind::of(user.role, internal).ok_or(ServiceError::Forbidden)?;
    let mut head = require_ticket(tx, user, id).await?;
    let at = now.timestamp();
    let effects = comment_effects(kind, head.first_response_at, head.waiting, &mut head.pauses, now)
        .map_err(|e| StoreError::Corrupt(format!("ticket {id} pauses: {e}")))?;
    let comment_id = comments::insert_comment(tx, head.id, user.id, at, body.as_str(), internal).await?;
    if effects.first_response {
        rows::set_first_response(tx, head.id, at).await?;
    }
    rows::write_wait(tx, head.id, &effects.wait).await?;
    let attached =
        super::attachments::attach_pending(tx, user, files, head.id, Some((comment_id, internal)), now)
            .await?;
    let mut events = effects.events(comment_id, kind);
    events.extend(attached);
    let version = finish_change(tx, &head, Some(user.id), now, &events).await?;
    Ok(Posted {
        comment_id,
        ticket: Changed { id: head.id, version },
        first_response: effects.first_response,
        wait_ended: effects.wait.ended.is_some(),
    })
}
