//! Server functions: the thin JSON API under `/api/`. Each has a stable
//! endpoint, listed in `docs/api.md`.

pub mod admin;
pub mod archive;
pub mod auth;
pub mod board;
pub mod calendars;
pub mod create_ticket;
pub mod sla;
pub mod sprints;
pub mod ticket_page;
pub mod tickets;
pub mod time;

use leptos::prelude::ServerFnError;

/// The message of a server function error without its type prefix, for
/// showing to the user.
pub fn server_message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(m) => m.clone(),
        other => other.to_string(),
    }
}

/// The database handle the server put in the request context.
#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, ServerFnError> {
    leptos::prelude::use_context::<crate::store::Store>()
        .ok_or_else(|| ServerFnError::new("the server has no database configured"))
}

/// Logs an internal error with its cause and answers the caller with a
/// message that reveals nothing about the server.
#[cfg(feature = "ssr")]
fn internal(e: impl std::fmt::Display) -> ServerFnError {
    tracing::error!("internal error: {e}");
    ServerFnError::new("internal server error")
}

/// The one status mapping of the use cases' refusals.
#[cfg(feature = "ssr")]
fn service_error(e: crate::service::ServiceError) -> ServerFnError {
    use crate::auth::guard::refusal;
    use crate::service::ServiceError;
    use axum::http::StatusCode;
    match e {
        ServiceError::NotFound => refusal(StatusCode::NOT_FOUND, ticket_page::NO_SUCH_TICKET),
        ServiceError::Forbidden => refusal(StatusCode::FORBIDDEN, crate::auth::FORBIDDEN),
        ServiceError::NotPermitted(reason) => refusal(StatusCode::FORBIDDEN, &reason),
        ServiceError::Stale => refusal(StatusCode::CONFLICT, tickets::STALE),
        ServiceError::Refused(reason) => refusal(StatusCode::UNPROCESSABLE_ENTITY, &reason),
        ServiceError::Invalid(errors) => refusal(StatusCode::BAD_REQUEST, &errors.to_json()),
        ServiceError::Store(e) => internal(e),
    }
}

/// Answers a 400 with a message for the caller.
#[cfg(feature = "ssr")]
fn bad_request(message: impl Into<String>) -> ServerFnError {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::BAD_REQUEST);
    }
    ServerFnError::new(message.into())
}
