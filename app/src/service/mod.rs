//! The use cases (server only): one function per command. Each locks and
//! loads the ticket as domain types, asks the domain what the change is and
//! what it does besides, writes it through `store/` and appends its events
//! — all in one transaction, so a refused, stale or failed change leaves
//! nothing behind, not even an event. Server functions only decode, call
//! one of these and encode.

pub mod attachments;
pub mod auto_archive;
pub mod comments;
pub mod create;
mod error;
pub mod escalations;
pub mod extensions;
pub mod mail_intake;
pub mod notify;
pub mod presence;
pub mod ratings;
pub mod read;
pub mod sla;
pub mod sprint_plan;
pub mod tickets;

pub use error::ServiceError;

use crate::auth::{CurrentUser, TicketScope};
use crate::store::events::{append, EventOrigin};
use crate::store::tickets::{lock_head, TicketHead};
use crate::store::Tx;

/// The one guard of a ticket command: locks ticket `id` and hands it over
/// only if `user` may see it. Another organisation's ticket is answered
/// exactly like a missing one, so its existence leaks nothing; an account
/// that works on no tickets (an admin) is refused outright.
pub async fn require_ticket(
    tx: &mut Tx<'_>,
    user: &CurrentUser,
    id: i64,
) -> Result<TicketHead, ServiceError> {
    reader_scope(user)?;
    let head = lock_head(tx, id).await?.ok_or(ServiceError::NotFound)?;
    admit_read(user, head.organisation_id)?;
    Ok(head)
}

/// The one guard of a read: the organisation whose tickets `user` may read
/// (`None`: every organisation's). An account that works on no tickets (an
/// admin) is refused outright, as by [`require_ticket`].
pub fn reader_scope(user: &CurrentUser) -> Result<Option<i64>, ServiceError> {
    match user.ticket_scope() {
        TicketScope::Every => Ok(None),
        TicketScope::Organisation(id) => Ok(Some(id)),
        TicketScope::Nothing => Err(ServiceError::Forbidden),
    }
}

/// The read guard of one ticket of organisation `organisation`: another
/// organisation's ticket is answered exactly like a missing one.
pub fn admit_read(user: &CurrentUser, organisation: i64) -> Result<(), ServiceError> {
    match user.ticket_scope() {
        TicketScope::Nothing => Err(ServiceError::Forbidden),
        scope if scope.admits(organisation) => Ok(()),
        _ => Err(ServiceError::NotFound),
    }
}

/// Stored data that cannot be read as the domain's types: an internal
/// error whose cause goes to the log.
pub(crate) fn corrupt(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Store(crate::store::StoreError::Corrupt(e.to_string()))
}

/// The common end of every change of a locked ticket: counts it (the next
/// version), recomputes the SLA milestones from what the change wrote, and
/// appends its events — last, because the event counter's lock, held until
/// commit, is what numbers events in commit order. Returns the new version.
pub(crate) async fn finish_change(
    tx: &mut Tx<'_>,
    head: &TicketHead,
    actor_id: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
    events: &[crate::domain::event::TicketEvent],
) -> Result<i64, ServiceError> {
    let at = now.timestamp();
    let version = crate::store::tickets::bump_version(tx, head.id, at).await?;
    sla::refresh(tx, head.id, now).await?;
    let origin = EventOrigin { ticket_id: head.id, organisation_id: head.organisation_id, actor_id, at };
    append(tx, origin, events).await?;
    Ok(version)
}

/// Refuses a change decided on version `seen` when the ticket has moved on:
/// the caller decided on a state that is gone.
pub fn require_version(head: &TicketHead, seen: i64) -> Result<(), ServiceError> {
    if head.version == seen {
        Ok(())
    } else {
        Err(ServiceError::Stale)
    }
}
