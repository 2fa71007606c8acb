//! Registering a ticket: by a client for their own organisation, or by an
//! operator on a client's behalf (phone, email, messenger) with the time the
//! client really contacted us.

// The endpoint's body is one flat JSON object of eleven fields, and the
// `#[server]` macro turns each field into an argument of the function it
// generates for the browser, where an `#[allow]` on the function cannot reach.
#![allow(clippy::too_many_arguments)]

use crate::domain::ticket::{Category, Channel, Priority};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// What the create form needs besides the vocabularies it already knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateFormData {
    /// The server's clock, so the browser checks "not in the future"
    /// against it rather than against its own.
    pub server_now: DateTime<Utc>,
    /// True when the caller registers on a client's behalf (operators and
    /// above) and so must choose organisation, requester, channel and time.
    pub on_behalf: bool,
    /// For `on_behalf` only; empty for a client.
    pub organisations: Vec<OrganisationOption>,
    /// The most bytes one attached file may have.
    #[serde(default = "default_max_attachment_bytes")]
    pub max_attachment_bytes: u64,
}

fn default_max_attachment_bytes() -> u64 {
    crate::domain::attachment::DEFAULT_MAX_BYTES
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationOption {
    pub id: i64,
    pub name: String,
    /// The earliest contact time accepted: the first contract's start, or
    /// when the organisation was added if it has no contract.
    pub contact_from: DateTime<Utc>,
    /// The organisation's active client accounts.
    pub requesters: Vec<RequesterOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequesterOption {
    pub id: i64,
    pub name: String,
}

/// The answer to a successful registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedTicket {
    pub id: i64,
    /// The human id, `SUP-1015`.
    pub key: String,
    pub number: i64,
}

/// `POST /api/tickets/new_form`: the choices of the create form.
#[server(prefix = "/api", endpoint = "tickets/new_form", input = Json, custom = crate::auth::StrictArgs)]
pub async fn new_ticket_form() -> Result<CreateFormData, crate::error::AppError> {
    use crate::domain::ticket::Permission;
    use crate::store::new_ticket::organisation_choices;

    let user = crate::auth::require(Permission::CreateTicket).await?;
    let on_behalf = user.can(Permission::RegisterOnBehalf);
    let organisations = if on_behalf {
        let store = super::store()?;
        organisation_choices(&store)
            .await
            .map_err(super::internal)?
            .into_iter()
            .map(|o| OrganisationOption {
                id: o.id,
                name: o.name,
                contact_from: DateTime::from_timestamp(o.contact_from, 0).unwrap_or_default(),
                requesters: o.clients.into_iter().map(|(id, name)| RequesterOption { id, name }).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let max_attachment_bytes = super::files()?.max_bytes;
    Ok(CreateFormData { server_now: Utc::now(), on_behalf, organisations, max_attachment_bytes })
}

/// `POST /api/tickets/create`: registers a ticket in backlog.
///
/// A client's ticket is for their own organisation, from them, by web, as
/// of now — all taken from the session; a client who sends any of the
/// on-behalf fields gets 403. An operator (and above) must send all four;
/// `received_at` is RFC 3339 with any offset. `attachments` are the
/// caller's uploads (`POST /api/attachments/upload`) to attach.
/// Invalid input is answered 400 with every problem as a field code
/// ([`crate::domain::ticket::FieldErrors`]); nothing is written then.
#[server(prefix = "/api", endpoint = "tickets/create", input = Json, custom = crate::auth::StrictArgs)]
pub async fn create_ticket(
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] steps_to_reproduce: String,
    #[server(default)] product_version: String,
    category: Category,
    priority: Priority,
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] requester_id: Option<i64>,
    #[server(default)] channel: Option<Channel>,
    #[server(default)] received_at: Option<String>,
    #[server(default)] attachments: Vec<i64>,
) -> Result<CreatedTicket, crate::error::AppError> {
    use crate::domain::ticket::{ticket_key, TicketDraft};
    use crate::service::create::NewTicket;

    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let new = NewTicket {
        draft: TicketDraft { title, description, steps_to_reproduce, product_version },
        category,
        priority,
        organisation_id,
        requester_id,
        channel,
        received_at,
    };
    let registered =
        crate::service::create::create_ticket_with_files(&store, &user, new, &attachments, Utc::now())
            .await
            .map_err(crate::error::AppError::from)?;
    Ok(CreatedTicket { id: registered.id, key: ticket_key(registered.number), number: registered.number })
}
