//! Registering a ticket: by a client for their own organisation, or by an
//! operator on a client's behalf (phone, email, messenger) with the time the
//! client really contacted us.

use super::ServiceError;
use crate::auth::CurrentUser;
use crate::domain::event::TicketEvent;
use crate::domain::mail::mail_received_at;
use crate::domain::ticket::{
    check_on_behalf, parse_contact_time, Category, Channel, FieldErrors, OnBehalf as Origin, OnBehalfChoice,
    OnBehalfFound, Permission, Priority, TicketDraft, TicketTexts,
};
use crate::store::events::{append, EventOrigin};
use crate::store::new_ticket::{contact_from, insert_ticket, is_active_client_of, Registered, TicketInsert};
use crate::store::{Store, Tx};
use chrono::{DateTime, Utc};

/// What the caller sent. The on-behalf fields are an operator's to fill;
/// a client's come from their session.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub draft: TicketDraft,
    pub category: Category,
    pub priority: Priority,
    pub organisation_id: Option<i64>,
    pub requester_id: Option<i64>,
    pub channel: Option<Channel>,
    pub received_at: Option<String>,
}

/// The on-behalf fields of an operator's registration, each problem named
/// (the rule is the domain's `check_on_behalf`; this looks the ids up).
async fn on_behalf(
    store: &Store,
    t: &NewTicket,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Result<Option<Origin>, ServiceError> {
    let contact_from = match t.organisation_id {
        Some(id) => contact_from(&store.pool, id)
            .await?
            .map(|from| DateTime::from_timestamp(from, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)),
        None => None,
    };
    let requester_belongs = match (t.requester_id, t.organisation_id, contact_from) {
        (Some(requester), Some(organisation), Some(_)) => {
            is_active_client_of(store, requester, organisation).await?
        }
        _ => false,
    };
    let choice = OnBehalfChoice {
        organisation: t.organisation_id,
        requester: t.requester_id,
        channel: t.channel,
        received_at: parse_contact_time(t.received_at.as_deref().unwrap_or("")),
    };
    Ok(check_on_behalf(choice, OnBehalfFound { contact_from, requester_belongs }, now, errors))
}

/// Registers `t` in Backlog for `user` at `now`, with its `created` event.
/// Invalid input is refused with every problem by field; nothing is written.
pub async fn create_ticket(
    store: &Store,
    user: &CurrentUser,
    t: NewTicket,
    now: DateTime<Utc>,
) -> Result<Registered, ServiceError> {
    create_ticket_with_files(store, user, t, &[], now).await
}

/// [`create_ticket`] with `user`'s pending uploads `files` attached to the
/// new ticket in the same transaction, each with its `attached` event.
pub async fn create_ticket_with_files(
    store: &Store,
    user: &CurrentUser,
    t: NewTicket,
    files: &[i64],
    now: DateTime<Utc>,
) -> Result<Registered, ServiceError> {
    if !user.can(Permission::CreateTicket) {
        return Err(ServiceError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let origin = if user.can(Permission::RegisterOnBehalf) {
        on_behalf(store, &t, now, &mut errors).await?
    } else {
        // A client registers for themselves only: anything naming another
        // organisation, person, channel or time is an attempt to forge one.
        if t.organisation_id.is_some()
            || t.requester_id.is_some()
            || t.channel.is_some()
            || t.received_at.is_some()
        {
            return Err(ServiceError::Forbidden);
        }
        let organisation = user.organisation.as_ref().ok_or(ServiceError::Forbidden)?;
        Some(Origin {
            organisation_id: organisation.id,
            requester_id: user.id,
            channel: Channel::Web,
            received_at: now,
        })
    };
    let texts = match t.draft.validate() {
        Ok(texts) => Some(texts),
        Err(e) => {
            // Text problems first: the form lists them top to bottom.
            errors.errors.splice(0..0, e.errors);
            None
        }
    };
    let (Some(texts), Some(origin)) = (texts, origin) else {
        return Err(ServiceError::Invalid(errors));
    };
    let mut tx = store.begin().await?;
    let registered = register(&mut tx, &origin, &texts, t.category, t.priority, user, files, now).await?;
    store.commit(tx).await?;
    Ok(registered)
}

/// How a ticket that nobody typed into the form reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub channel: Channel,
    /// When it arrived (a mail: in the mailbox); kept within now and the
    /// start of the organisation's support (`domain::mail::mail_received_at`).
    pub at: DateTime<Utc>,
}

/// Registers `draft` in `tx` for `sender`, a client writing in for their own
/// organisation by another channel than the web (a mail): the sender is the
/// requester and the actor of the `created` event, the channel and
/// received time are the mail's. Category and priority are the form's
/// defaults; an operator classifies the ticket on the board.
pub async fn register_received(
    tx: &mut Tx<'_>,
    sender: &CurrentUser,
    draft: &TicketDraft,
    received: Received,
    now: DateTime<Utc>,
) -> Result<Registered, ServiceError> {
    if !sender.can(Permission::CreateTicket) || sender.can(Permission::RegisterOnBehalf) {
        return Err(ServiceError::Forbidden);
    }
    let organisation_id = sender.organisation.as_ref().ok_or(ServiceError::Forbidden)?.id;
    let texts = draft.validate().map_err(ServiceError::Invalid)?;
    let from = contact_from(&mut **tx, organisation_id)
        .await?
        .and_then(|from| DateTime::from_timestamp(from, 0))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let origin = Origin {
        organisation_id,
        requester_id: sender.id,
        channel: received.channel,
        received_at: mail_received_at(received.at, now, from),
    };
    register(tx, &origin, &texts, Category::Incident, Priority::Normal, sender, &[], now).await
}

/// Writes a checked registration in `tx`: the ticket, `actor`'s pending
/// uploads `files` attached to it, its SLA milestones and its `created`
/// (and `attached`) events by `actor`.
#[allow(clippy::too_many_arguments)]
async fn register(
    tx: &mut Tx<'_>,
    origin: &Origin,
    texts: &TicketTexts,
    category: Category,
    priority: Priority,
    actor: &CurrentUser,
    files: &[i64],
    now: DateTime<Utc>,
) -> Result<Registered, ServiceError> {
    let at = now.timestamp();
    let registered = insert_ticket(
        tx,
        TicketInsert {
            title: texts.title.as_str(),
            description: &texts.description,
            steps_to_reproduce: &texts.steps_to_reproduce,
            product_version: &texts.product_version,
            category,
            priority,
            channel: origin.channel,
            organisation_id: origin.organisation_id,
            requester_id: origin.requester_id,
            received_at: origin.received_at.timestamp(),
            now: at,
        },
    )
    .await?;
    let event_origin = EventOrigin {
        ticket_id: registered.id,
        organisation_id: origin.organisation_id,
        actor_id: Some(actor.id),
        at,
    };
    let attached = super::attachments::attach_pending(tx, actor, files, registered.id, None, now).await?;
    super::sla::refresh(tx, registered.id, now).await?;
    let mut events = vec![TicketEvent::Created];
    events.extend(attached);
    append(tx, event_origin, &events).await?;
    Ok(registered)
}
