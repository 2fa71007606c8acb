//! The admin area's API (SPEC §1: admins manage organisations, contracts,
//! calendars, SLA policies, departments, users and reply templates). Every
//! function here requires [`Permission::Administer`]; the calendars keep
//! their own endpoints in `functions::calendars`.
//!
//! Invalid input is answered 400 with the domain's `FormErrors` as JSON, the
//! same problems the form found in the browser (or more: uniqueness, and
//! references that changed in between). Nothing is written then.
//!
//! [`Permission::Administer`]: crate::domain::ticket::Permission::Administer

// Saves take their fields flat in the JSON body, as the other endpoints do;
// the `#[server]` macro makes each an argument of the browser's function.
#![allow(clippy::too_many_arguments)]

mod model;
pub use model::*;

pub mod saves;
pub use saves::*;

pub mod mail_in;
pub use mail_in::{list_processed_mail, ProcessedMailItem};

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/admin/data`: everything the admin area shows, in one answer.
#[server(prefix = "/api", endpoint = "admin/data", input = Json, custom = crate::auth::StrictArgs)]
pub async fn load_admin_data() -> Result<AdminData, crate::error::AppError> {
    use crate::domain::ticket::Permission;
    let me = crate::auth::require(Permission::Administer).await?;
    let store = super::store()?;
    model::load(&store, me.id).await.map_err(super::internal)
}

/// The 400 answer with every problem of a form.
#[cfg(feature = "ssr")]
fn invalid(errors: &crate::domain::admin::FormErrors) -> crate::error::AppError {
    crate::error::AppError::from(errors.clone())
}

/// A 422 naming one field and one problem.
#[cfg(feature = "ssr")]
fn invalid_field(field: &str, problem: crate::domain::admin::Problem) -> crate::error::AppError {
    crate::error::AppError::invalid_field(field, problem.code())
}

/// A 404: the record `_what` names is gone (or never was).
#[cfg(feature = "ssr")]
fn not_found(_what: &str) -> crate::error::AppError {
    crate::error::AppError::NotFound
}

/// The reply templates as agents use them on the ticket page, with the
/// agent's own name for the `{agent}` placeholder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReplyTemplates {
    pub agent: String,
    pub templates: Vec<TemplateItem>,
}

/// `POST /api/templates/list`: every reply template. Agents only (the
/// people who reply); clients get 403.
#[server(prefix = "/api", endpoint = "templates/list", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_reply_templates() -> Result<ReplyTemplates, crate::error::AppError> {
    use crate::domain::ticket::Permission;
    let user = crate::auth::require(Permission::Reply).await?;
    let store = super::store()?;
    let templates = crate::store::admin::templates(&store)
        .await
        .map_err(super::internal)?
        .into_iter()
        .map(TemplateItem::from)
        .collect();
    Ok(ReplyTemplates { agent: user.name, templates })
}
