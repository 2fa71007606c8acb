//! The checks every server function starts with. The caller's identity,
//! role and organisation come from the session only, never from the request.

use super::backend::AuthSession;
use super::user::{CurrentUser, TicketScope};
use super::{FORBIDDEN, NOT_SIGNED_IN};
use crate::domain::ticket::Permission;
use axum::http::StatusCode;
use leptos::prelude::*;

/// An error answered with `status`; the message is for the caller. The
/// status is set only when the function was called over HTTP: a page that
/// calls it while rendering on the server chooses its own (a redirect to
/// `/login`, or a 200 sign-in page whose user menu found nobody).
pub fn refusal(status: StatusCode, message: &str) -> ServerFnError {
    let over_http =
        use_context::<axum::http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"));
    if over_http {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(status);
        }
    }
    ServerFnError::new(message)
}

/// The session of the request being served.
pub async fn auth_session() -> Result<AuthSession, ServerFnError> {
    leptos_axum::extract::<AuthSession>().await.map_err(|e| {
        tracing::error!("no auth session in the request: {e}");
        ServerFnError::new("internal server error")
    })
}

/// The signed-in caller, or a 401.
pub async fn require_user() -> Result<CurrentUser, ServerFnError> {
    match auth_session().await?.user {
        Some(session_user) => Ok(session_user.user),
        None => Err(refusal(StatusCode::UNAUTHORIZED, NOT_SIGNED_IN)),
    }
}

/// The signed-in caller holding `permission` (asked of `Role::can`), or a
/// 401 / 403.
pub async fn require(permission: Permission) -> Result<CurrentUser, ServerFnError> {
    let user = require_user().await?;
    if user.can(permission) {
        Ok(user)
    } else {
        Err(refusal(StatusCode::FORBIDDEN, FORBIDDEN))
    }
}

/// The signed-in caller holding at least one of `permissions`, or a 401 /
/// 403: for functions that serve several roles for different reasons.
pub async fn require_any(permissions: &[Permission]) -> Result<CurrentUser, ServerFnError> {
    let user = require_user().await?;
    if permissions.iter().any(|p| user.can(*p)) {
        Ok(user)
    } else {
        Err(refusal(StatusCode::FORBIDDEN, FORBIDDEN))
    }
}

/// The organisation the caller's ticket queries are limited to: `None` for
/// support staff, who see every organisation, the client's own otherwise; a
/// 403 for accounts that do not see tickets.
pub async fn require_ticket_scope() -> Result<Option<i64>, ServerFnError> {
    ticket_scope_of(&require_user().await?)
}

/// [`require_ticket_scope`] for a caller already loaded.
pub fn ticket_scope_of(user: &CurrentUser) -> Result<Option<i64>, ServerFnError> {
    match user.ticket_scope() {
        TicketScope::Every => Ok(None),
        TicketScope::Organisation(id) => Ok(Some(id)),
        TicketScope::Nothing => Err(refusal(StatusCode::FORBIDDEN, FORBIDDEN)),
    }
}
