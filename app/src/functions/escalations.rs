//! Second-line escalation (SPEC §6): ask a department about a ticket,
//! record its answer as an internal note, or withdraw the question. Each
//! decodes, calls one use case of `service::escalations`, and encodes.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// What an escalation command answers: the ticket's new version and the
/// escalation it was about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationChanged {
    pub id: i64,
    pub version: i64,
    pub escalation_id: i64,
}

/// `POST /api/tickets/escalate`: asks department `department_id` about
/// ticket `id` (seen at `version`) with `question` (at most 4,000
/// characters). Consultants and above (403 otherwise; another
/// organisation's ticket 404); the deadline is the department's working
/// days on the desk's calendar from now.
#[server(prefix = "/api", endpoint = "tickets/escalate", input = Json, custom = crate::auth::StrictArgs)]
pub async fn escalate(
    id: i64,
    version: i64,
    department_id: i64,
    #[server(default)] question: String,
) -> Result<EscalationChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let done = crate::service::escalations::escalate(
        &store,
        &user,
        id,
        version,
        department_id,
        &question,
        chrono::Utc::now(),
    )
    .await?;
    Ok(EscalationChanged {
        id: done.ticket.id,
        version: done.ticket.version,
        escalation_id: done.escalation_id,
    })
}

/// `POST /api/tickets/escalations/answer`: records the department's
/// `answer` to escalation `escalation_id` of ticket `id` as an internal
/// note and closes the escalation; one answered or withdrawn already is
/// 422 `escalation_closed`.
#[server(prefix = "/api", endpoint = "tickets/escalations/answer", input = Json, custom = crate::auth::StrictArgs)]
pub async fn answer_escalation(
    id: i64,
    version: i64,
    escalation_id: i64,
    #[server(default)] answer: String,
) -> Result<EscalationChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed = crate::service::escalations::answer(
        &store,
        &user,
        id,
        version,
        escalation_id,
        &answer,
        chrono::Utc::now(),
    )
    .await?;
    Ok(EscalationChanged { id: changed.id, version: changed.version, escalation_id })
}

/// `POST /api/tickets/escalations/withdraw`: takes the question back; one
/// answered or withdrawn already is 422 `escalation_closed`.
#[server(prefix = "/api", endpoint = "tickets/escalations/withdraw", input = Json, custom = crate::auth::StrictArgs)]
pub async fn withdraw_escalation(
    id: i64,
    version: i64,
    escalation_id: i64,
) -> Result<EscalationChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let changed =
        crate::service::escalations::withdraw(&store, &user, id, version, escalation_id, chrono::Utc::now())
            .await?;
    Ok(EscalationChanged { id: changed.id, version: changed.version, escalation_id })
}
