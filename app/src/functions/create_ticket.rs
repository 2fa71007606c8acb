//! Registering a ticket: by a client for their own organisation, or by an
//! operator on a client's behalf (phone, email, messenger) with the time the
//! client really contacted us.

// The endpoint's body is one flat JSON object of ten fields, and the
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
pub async fn new_ticket_form() -> Result<CreateFormData, ServerFnError> {
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
    Ok(CreateFormData { server_now: Utc::now(), on_behalf, organisations })
}

/// `POST /api/tickets/create`: registers a ticket in backlog.
///
/// A client's ticket is for their own organisation, from them, by web, as
/// of now — all taken from the session; a client who sends any of the
/// on-behalf fields gets 403. An operator (and above) must send all four;
/// `received_at` is RFC 3339 with any offset.
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
) -> Result<CreatedTicket, ServerFnError> {
    use crate::auth::{guard::refusal, FORBIDDEN};
    use crate::domain::ticket::{
        check_contact_time, parse_contact_time, ticket_key, FieldErrors, FieldProblem, Permission,
        TicketDraft, TicketField,
    };
    use crate::store::new_ticket::{contact_from, insert_ticket, is_active_client_of, TicketInsert};
    use axum::http::StatusCode;

    let user = crate::auth::require(Permission::CreateTicket).await?;
    let store = super::store()?;
    let now = Utc::now();
    let mut errors = FieldErrors::default();

    let (organisation, requester, channel, received_at) = if user.can(Permission::RegisterOnBehalf) {
        let organisation = match organisation_id {
            None => {
                errors.push(TicketField::Organisation, FieldProblem::Required);
                None
            }
            Some(id) => match contact_from(&store, id).await.map_err(super::internal)? {
                Some(from) => Some((id, from)),
                None => {
                    errors.push(TicketField::Organisation, FieldProblem::Unknown);
                    None
                }
            },
        };
        let requester = match (requester_id, organisation) {
            (None, _) => {
                errors.push(TicketField::Requester, FieldProblem::Required);
                None
            }
            (Some(id), Some((org, _))) => {
                if is_active_client_of(&store, id, org).await.map_err(super::internal)? {
                    Some(id)
                } else {
                    errors.push(TicketField::Requester, FieldProblem::Unknown);
                    None
                }
            }
            // Whose client it is cannot be checked without the organisation,
            // which already carries the error.
            (Some(_), None) => None,
        };
        if channel.is_none() {
            errors.push(TicketField::Channel, FieldProblem::Required);
        }
        let received = match parse_contact_time(received_at.as_deref().unwrap_or("")) {
            Err(code) => {
                errors.push(TicketField::ReceivedAt, code);
                None
            }
            Ok(t) => {
                let from = organisation
                    .and_then(|(_, from)| DateTime::from_timestamp(from, 0))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC);
                match check_contact_time(t, now, from) {
                    Ok(()) => Some(t),
                    Err(code) => {
                        errors.push(TicketField::ReceivedAt, code);
                        None
                    }
                }
            }
        };
        (organisation.map(|(id, _)| id), requester, channel, received)
    } else {
        // A client registers for themselves only: anything naming another
        // organisation, person, channel or time is an attempt to forge one.
        if organisation_id.is_some() || requester_id.is_some() || channel.is_some() || received_at.is_some() {
            return Err(refusal(StatusCode::FORBIDDEN, FORBIDDEN));
        }
        let organisation =
            user.organisation.as_ref().ok_or_else(|| refusal(StatusCode::FORBIDDEN, FORBIDDEN))?;
        (Some(organisation.id), Some(user.id), Some(Channel::Web), Some(now))
    };

    let draft = TicketDraft { title, description, steps_to_reproduce, product_version };
    let texts = match draft.validate() {
        Ok(texts) => Some(texts),
        Err(e) => {
            // Text problems first: the form lists them top to bottom.
            errors.errors.splice(0..0, e.errors);
            None
        }
    };
    let (Some(texts), Some(organisation_id), Some(requester_id), Some(channel), Some(received_at)) =
        (texts, organisation, requester, channel, received_at)
    else {
        return Err(refusal(StatusCode::BAD_REQUEST, &errors.to_json()));
    };

    let registered = insert_ticket(
        &store,
        TicketInsert {
            title: texts.title.as_str(),
            description: &texts.description,
            steps_to_reproduce: &texts.steps_to_reproduce,
            product_version: &texts.product_version,
            category: category.code(),
            priority: priority.code(),
            channel: channel.code(),
            organisation_id,
            requester_id,
            actor_id: user.id,
            received_at: received_at.timestamp(),
            now: now.timestamp(),
        },
    )
    .await
    .map_err(super::internal)?;
    Ok(CreatedTicket { id: registered.id, key: ticket_key(registered.number), number: registered.number })
}
