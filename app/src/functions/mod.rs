//! Server functions: the thin JSON API under `/api/`. Each has a stable
//! endpoint, listed in `docs/api.md`.

pub mod admin;
pub mod archive;
pub mod attachments;
pub mod auth;
pub mod board;
pub mod calendars;
pub mod create_ticket;
pub mod escalations;
pub mod extensions;
pub mod mail;
pub mod reports;
pub mod sla;
pub mod sprint_plan;
pub mod sprints;
pub mod ticket_page;
pub mod tickets;
pub mod time;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The database handle the server put in the request context.
#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, AppError> {
    leptos::prelude::use_context::<crate::store::Store>()
        .ok_or_else(|| AppError::internal("the server has no database configured"))
}

/// The attachment storage the server put in the request context.
#[cfg(feature = "ssr")]
fn files() -> Result<crate::files::Files, AppError> {
    leptos::prelude::use_context::<crate::files::Files>()
        .ok_or_else(|| AppError::internal("the server has no attachment storage configured"))
}

/// Logs an internal error with its cause and answers the caller with a
/// message that reveals nothing about the server.
#[cfg(feature = "ssr")]
fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::internal(e)
}

/// A 400 for a body the endpoint cannot use, with the reason for the caller
/// (cut short: it may quote the caller's input).
#[cfg(feature = "ssr")]
fn bad_request(message: impl Into<String>) -> AppError {
    AppError::bad_request(message)
}

/// A 422 naming one field whose value does not parse, and why.
#[cfg(feature = "ssr")]
fn invalid_value(field: &str, detail: impl std::fmt::Display) -> AppError {
    AppError::Invalid(vec![crate::error::FieldIssue {
        detail: Some(crate::error::truncated(detail.to_string(), crate::error::MAX_MESSAGE_CHARS)),
        ..crate::error::FieldIssue::new(field, "invalid")
    }])
}
