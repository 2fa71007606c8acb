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
) -> Result<Moved, ServerFnError> {
    use crate::auth::{guard::refusal, TicketScope};
    use crate::domain::ticket::{check_move, transition, Actor, Category, Command};
    use crate::store::tickets::{change_status, ticket_head, StatusChange, WriteOutcome};
    use axum::http::StatusCode;

    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let not_found = || refusal(StatusCode::NOT_FOUND, "There is no such ticket.");
    let head = ticket_head(&store, id).await.map_err(super::internal)?.ok_or_else(not_found)?;
    // Another organisation's ticket answers exactly like a missing one.
    match user.ticket_scope() {
        TicketScope::Every => {}
        TicketScope::Organisation(org) if org == head.organisation_id => {}
        TicketScope::Organisation(_) | TicketScope::Nothing => return Err(not_found()),
    }
    // A caller who saw an older version decided on a state that is gone:
    // that is a conflict whatever the move, not a refused transition.
    if head.version != version {
        return Err(refusal(StatusCode::CONFLICT, STALE));
    }
    let from: Status = head.status.parse().map_err(super::internal)?;
    let category: Category = head.category.parse().map_err(super::internal)?;
    let actor = Actor::User(user.role);
    let refused =
        |e: crate::domain::ticket::TransitionError| refusal(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string());
    let mut command = check_move(from, to, actor, category).map_err(refused)?;
    if let Command::Reject { reason: r } = &mut command {
        *r = reason.clone().unwrap_or_default();
    }
    let new_status = transition(from, &command, actor, category).map_err(refused)?;
    let rejection_reason = match &command {
        Command::Reject { reason } => Some(reason.trim()),
        _ => None,
    };
    let outcome = change_status(
        &store,
        StatusChange {
            ticket_id: head.id,
            expected_version: version,
            from: from.code(),
            to: new_status.code(),
            actor_id: Some(user.id),
            at: chrono::Utc::now().timestamp(),
            rejection_reason,
        },
    )
    .await
    .map_err(super::internal)?;
    match outcome {
        WriteOutcome::Written { version } => Ok(Moved { id: head.id, status: new_status, version }),
        WriteOutcome::Stale => Err(refusal(StatusCode::CONFLICT, STALE)),
    }
}

/// What a caller who moved an outdated card is told (409).
pub const STALE: &str = "Someone else changed this ticket first; it is back in its place.";

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
/// end the wait). The domain's `check_edit` decides who may; a stale
/// version is refused with 409 and nothing is written.
#[server(prefix = "/api", endpoint = "tickets/edit", input = Json, custom = crate::auth::StrictArgs)]
pub async fn edit_ticket(
    id: i64,
    version: i64,
    edit: crate::domain::ticket::Edit,
) -> Result<Edited, ServerFnError> {
    use crate::auth::{guard::refusal, TicketScope};
    use crate::domain::ticket::{check_edit, Edit, EditError};
    use crate::store::ticket_edits::{active_role, apply_edit, edit_target, EditWrite};
    use crate::store::tickets::{ticket_head, WriteOutcome};
    use axum::http::StatusCode;

    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let not_found = || refusal(StatusCode::NOT_FOUND, super::ticket_page::NO_SUCH_TICKET);
    let head = ticket_head(&store, id).await.map_err(super::internal)?.ok_or_else(not_found)?;
    match user.ticket_scope() {
        TicketScope::Every => {}
        TicketScope::Organisation(org) if org == head.organisation_id => {}
        TicketScope::Organisation(_) | TicketScope::Nothing => return Err(not_found()),
    }
    if head.version != version {
        return Err(refusal(StatusCode::CONFLICT, STALE));
    }
    let assignee_role = match edit {
        Edit::Assignee(Some(assignee)) => active_role(&store, assignee).await.map_err(super::internal)?,
        _ => None,
    };
    let target = edit_target(&head).map_err(super::internal)?;
    // A sprint must exist and not have ended; the domain decides who plans.
    if let Edit::Sprint(Some(sprint)) = edit {
        if user.can(crate::domain::ticket::Permission::ManageSprints) {
            let today = chrono::Utc::now().date_naive();
            let open = crate::store::sprints::get(&store, sprint)
                .await
                .map_err(super::internal)?
                .is_some_and(|s| crate::domain::sprint::SprintPhase::of(s.days, today).takes_tickets());
            if !open {
                return Err(refusal(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "There is no sprint with this id that has not ended.",
                ));
            }
        }
    }
    check_edit(&edit, &target, user.role, assignee_role).map_err(|e| {
        let status = match e {
            EditError::NotPermitted { .. } => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        refusal(status, &e.to_string())
    })?;
    let outcome = apply_edit(
        &store,
        EditWrite {
            ticket_id: head.id,
            expected_version: version,
            before: target,
            edit,
            actor_id: user.id,
            at: chrono::Utc::now().timestamp(),
        },
    )
    .await
    .map_err(super::internal)?;
    match outcome {
        WriteOutcome::Written { version } => Ok(Edited { id: head.id, version }),
        WriteOutcome::Stale => Err(refusal(StatusCode::CONFLICT, STALE)),
    }
}
