//! Deadline extension with the client's agreement (seed 004): a consultant
//! proposes a later resolution deadline, a client agrees or declines, the
//! desk may withdraw a proposal still waiting. Each decodes, calls one use
//! case of `service::extensions`, and encodes.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// What an extension command answers: the ticket's new version and the
/// proposal it was about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionChanged {
    pub id: i64,
    pub version: i64,
    pub extension_id: i64,
}

/// `POST /api/tickets/extension/propose`: proposes `due` (an RFC 3339
/// instant) as the new resolution deadline of ticket `id`, seen at
/// `version`, with `reason` (at most 2,000 characters). Consultants and
/// leads (403 `role_not_allowed`); 422 `resolution_breached`, `deadline_not_later`,
/// `deadline_passed`, `deadline_too_far`, `no_resolution_target`,
/// `resolution_stopped` or `extension_pending`. The clock is unchanged
/// until a client agrees.
#[server(prefix = "/api", endpoint = "tickets/extension/propose", input = Json, custom = crate::auth::StrictArgs)]
pub async fn propose_extension(
    id: i64,
    version: i64,
    due: chrono::DateTime<chrono::Utc>,
    #[server(default)] reason: String,
) -> Result<ExtensionChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let done =
        crate::service::extensions::propose(&store, &user, id, version, due, &reason, chrono::Utc::now())
            .await?;
    Ok(ExtensionChanged { id: done.ticket.id, version: done.ticket.version, extension_id: done.extension_id })
}

/// `POST /api/tickets/extension/answer`: a client of the ticket's
/// organisation agrees to (`agree`) or declines proposal `extension_id`
/// of ticket `id`, seen at `version`. Agents get 403 `client_must_agree`; a
/// proposal answered or withdrawn already is 422 `extension_closed`; an
/// agreement to a deadline that has passed, or that a level change
/// overtook, is 422 as when proposing.
#[server(prefix = "/api", endpoint = "tickets/extension/answer", input = Json, custom = crate::auth::StrictArgs)]
pub async fn answer_extension(
    id: i64,
    version: i64,
    extension_id: i64,
    agree: bool,
) -> Result<ExtensionChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed = crate::service::extensions::answer(
        &store,
        &user,
        id,
        version,
        extension_id,
        agree,
        chrono::Utc::now(),
    )
    .await?;
    Ok(ExtensionChanged { id: changed.id, version: changed.version, extension_id })
}

/// `POST /api/tickets/extension/withdraw`: the desk takes back proposal
/// `extension_id` of ticket `id`, seen at `version`, before an answer.
#[server(prefix = "/api", endpoint = "tickets/extension/withdraw", input = Json, custom = crate::auth::StrictArgs)]
pub async fn withdraw_extension(
    id: i64,
    version: i64,
    extension_id: i64,
) -> Result<ExtensionChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed =
        crate::service::extensions::withdraw(&store, &user, id, version, extension_id, chrono::Utc::now())
            .await?;
    Ok(ExtensionChanged { id: changed.id, version: changed.version, extension_id })
}
