//! Ticket commands. A move from the board (drag and drop, keyboard, the
//! card menu) and from the ticket page all come here.

use crate::domain::ticket::Status;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The answer to a move: the ticket's new status and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    pub id: i64,
    pub status: Status,
    pub version: i64,
}

/// `POST /api/tickets/move`: moves ticket `id`, last seen at `version`, to
/// column `to`. The server checks the caller's role and organisation and
/// the lifecycle (SPEC §3) again, and refuses a stale version with 409.
#[server(prefix = "/api", endpoint = "tickets/move", input = Json, custom = crate::auth::StrictArgs)]
pub async fn move_ticket(
    id: i64,
    to: Status,
    version: i64,
    #[server(default)] reason: Option<String>,
) -> Result<Moved, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let (status, changed) =
        crate::service::tickets::move_ticket(&store, &user, id, to, version, reason, chrono::Utc::now())
            .await
            .map_err(crate::error::AppError::from)?;
    Ok(Moved { id: changed.id, status, version: changed.version })
}

/// The answer to an edit: the ticket's new version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edited {
    pub id: i64,
    pub version: i64,
}

/// `POST /api/tickets/edit`: changes the priority, the assignee or the wait
/// of ticket `id`, last seen at `version`. `edit` is
/// `{"field":"priority","value":"high"}`, `{"field":"assignee","value":7}`
/// (or `null`), `{"field":"waiting","value":"client_info"}` (or `null` to
/// end the wait). Starting a wait needs `message`, the public reply that
/// tells the client what is asked of them (422 `wait_needs_message`
/// without it; a message with any other edit is 422
/// `message_only_with_wait`). The domain's `check_edit` decides who may; a
/// stale version is refused with 409 and nothing is written.
#[server(prefix = "/api", endpoint = "tickets/edit", input = Json, custom = crate::auth::StrictArgs)]
pub async fn edit_ticket(
    id: i64,
    version: i64,
    edit: crate::domain::ticket::Edit,
    #[server(default)] message: Option<String>,
) -> Result<Edited, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    // A message of only blanks is no question: refused as an empty body.
    let message = message
        .map(|m| crate::domain::ticket::CommentBody::parse(&m))
        .transpose()
        .map_err(crate::error::AppError::from)?;
    let changed =
        crate::service::tickets::edit_ticket(&store, &user, id, version, edit, message, chrono::Utc::now())
            .await
            .map_err(crate::error::AppError::from)?;
    Ok(Edited { id: changed.id, version: changed.version })
}

/// `POST /api/tickets/sort`: takes ticket `id`, last seen at `version`, out
/// of the sorting queue of unknown senders' mail ("Unsorted mail") into
/// `organisation_id`, with `requester_id` (an active client there) as its
/// requester. Operators and above; another ticket is refused (422
/// `not_in_sorting_queue`), an unknown organisation or requester is a 422
/// field error, a stale version 409.
#[server(prefix = "/api", endpoint = "tickets/sort", input = Json, custom = crate::auth::StrictArgs)]
pub async fn sort_ticket(
    id: i64,
    version: i64,
    organisation_id: i64,
    requester_id: i64,
) -> Result<Edited, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed = crate::service::mail_intake::sort_ticket(
        &store,
        &user,
        id,
        version,
        organisation_id,
        requester_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::error::AppError::from)?;
    Ok(Edited { id: changed.id, version: changed.version })
}

/// `POST /api/tickets/rate`: the client rates ticket `id`, last seen at
/// `version`, 1–5 (`score`) with an optional `comment`, after accepting its
/// release: once per release cycle (422 `already_rated`; 422
/// `not_accepted` before the release was accepted or for a rejected
/// ticket), never an agent (403 `not_client`). A score outside 1–5 is a
/// 400 like any malformed argument.
#[server(prefix = "/api", endpoint = "tickets/rate", input = Json, custom = crate::auth::StrictArgs)]
pub async fn rate_ticket(
    id: i64,
    version: i64,
    score: crate::domain::quality::Score,
    #[server(default)] comment: Option<String>,
) -> Result<Edited, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed =
        crate::service::ratings::rate(&store, &user, id, version, score, comment, chrono::Utc::now())
            .await
            .map_err(crate::error::AppError::from)?;
    Ok(Edited { id: changed.id, version: changed.version })
}
