//! Sorting the queue of unknown senders' mail: an operator moves a ticket
//! from the "Unsorted mail" organisation to the organisation it belongs to,
//! with one of its clients as the requester. One change of the ticket like
//! any other: locked, versioned, its SLA recomputed under the new
//! organisation's contract, an internal `sorted` event in the history.

use super::super::tickets::Changed;
use super::super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::event::TicketEvent;
use crate::domain::ticket::{FieldErrors, FieldProblem, Permission, TicketField};
use crate::error::Reason;
use crate::store::mail_intake as records;
use crate::store::new_ticket::{contact_from, is_active_client_of};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Moves ticket `id`, last seen at `version`, out of the sorting queue into
/// `organisation_id` with `requester_id` (an active client there) as its
/// requester, for `user` (an operator or above) at `now`.
pub async fn sort_ticket(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    organisation_id: i64,
    requester_id: i64,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    if !user.can(Permission::RegisterOnBehalf) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    if records::sorting_queue(&mut *tx).await? != Some(head.organisation_id) {
        return Err(ServiceError::Refused(Reason::new(
            "not_in_sorting_queue",
            "only tickets in the sorting queue of unknown senders' mail are sorted",
        )));
    }
    let mut errors = FieldErrors::default();
    let known =
        organisation_id != head.organisation_id && contact_from(&mut *tx, organisation_id).await?.is_some();
    if !known {
        errors.push(TicketField::Organisation, FieldProblem::Unknown);
    } else if !is_active_client_of(store, requester_id, organisation_id).await? {
        errors.push(TicketField::Requester, FieldProblem::Unknown);
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (from, _) = records::names(&mut tx, head.organisation_id, requester_id).await?;
    let (to, requester) = records::names(&mut tx, organisation_id, requester_id).await?;
    records::move_ticket(&mut tx, id, organisation_id, requester_id).await?;
    let version =
        finish_change(&mut tx, &head, Some(user.id), now, &[TicketEvent::Sorted { from, to, requester }])
            .await?;
    store.commit(tx).await?;
    Ok(Changed { id, version })
}
