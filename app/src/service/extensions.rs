//! Deadline extension with the client's agreement (issue 15, seed 004):
//! propose, answer (on the page or by mail) and withdraw, each through the
//! one write path. An agreement stores the resolution budget the new
//! deadline is worth; the milestones are recomputed with the change.

use super::tickets::Changed;
use super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::event::TicketEvent;
use crate::domain::extension::{self, AnswerChannel, ExtensionError, ExtensionReason, MAX_REASON_CHARS};
use crate::error::Reason;
use crate::store::board::ticket_row_in;
use crate::store::extensions::{self as rows, NewExtension};
use crate::store::{Store, StoreError, Tx};
use chrono::{DateTime, Utc};

fn refused(e: ExtensionError) -> ServiceError {
    let reason = Reason::new(e.code(), e.to_string());
    match e {
        ExtensionError::NotPermitted | ExtensionError::NotClient => ServiceError::NotPermitted(reason),
        _ => ServiceError::Refused(reason),
    }
}

/// The clock of ticket `id` at `now`: its resolution deadline and budget
/// (`SlaClock::resolution_due`) and, for a deadline `until` already
/// checked to lie within a year, what `until` is worth as a budget
/// (`SlaClock::agreed_budget`). `None` without a resolution target.
async fn deadline_terms(
    tx: &mut Tx<'_>,
    id: i64,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Option<Terms>, ServiceError> {
    let row = ticket_row_in(tx, id).await?.ok_or(ServiceError::NotFound)?;
    let corrupt = |e: String| ServiceError::Store(StoreError::Corrupt(format!("SUP-{}: {e}", row.number)));
    let terms = super::sla::ticket_terms(&row).map_err(corrupt)?;
    let clock = super::sla::ticket_clock(&row, &terms).map_err(corrupt)?;
    let Some((due, budget)) = clock.resolution_due(now).map_err(|e| corrupt(e.to_string()))? else {
        return Ok(None);
    };
    let worth = until.and_then(|u| clock.agreed_budget(u, now)).unwrap_or(0);
    Ok(Some(Terms { due, budget, worth }))
}

/// A ticket's resolution clock as an extension sees it.
#[derive(Debug, Clone, Copy)]
struct Terms {
    due: DateTime<Utc>,
    /// Working seconds.
    budget: i64,
    /// What the proposed deadline is worth, in working seconds.
    worth: i64,
}

/// What proposing made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    pub extension_id: i64,
    pub ticket: Changed,
}

/// Proposes `due` as the new resolution deadline of ticket `id`, seen at
/// `version`, with `reason`, as `user` at `now`. Nothing changes on the
/// clock until a client agrees.
pub async fn propose(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    due: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Proposed, ServiceError> {
    let reason = ExtensionReason::parse(reason).map_err(|problem| ServiceError::InvalidText {
        field: "reason",
        problem,
        max: MAX_REASON_CHARS,
    })?;
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let pending = rows::pending(&mut *tx, head.id).await?.is_some();
    // The deadline first: counting working time up to an unchecked `due`
    // (the year 9999) would be unbounded work.
    let current = deadline_terms(&mut tx, head.id, None, now).await?.map(|t| t.due);
    extension::check_propose(user.role, head.status, pending, current, due, now).map_err(refused)?;
    let terms = deadline_terms(&mut tx, head.id, Some(due), now)
        .await?
        .ok_or_else(|| refused(ExtensionError::NoTarget))?;
    extension::adds_time(terms.worth, terms.budget).map_err(refused)?;
    let old_due = terms.due;
    let new = NewExtension {
        ticket_id: head.id,
        organisation_id: head.organisation_id,
        proposed_by: user.id,
        at: now.timestamp(),
        reason: reason.as_str(),
        old_due: old_due.timestamp(),
        new_due: due.timestamp(),
    };
    let extension_id = rows::insert(&mut tx, &new).await?;
    let event = TicketEvent::ExtensionProposed {
        extension_id,
        from: old_due,
        to: due,
        reason: reason.as_str().to_string(),
    };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(Proposed { extension_id, ticket: Changed { id: head.id, version } })
}

/// A client's answer to proposal `extension_id` of ticket `id`, seen at
/// `version`, on the ticket page.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    extension_id: i64,
    agree: bool,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let changed = answer_in(&mut tx, user, head.id, extension_id, agree, AnswerChannel::Web, now).await?;
    store.commit(tx).await?;
    Ok(changed)
}

/// Answers proposal `extension_id` of ticket `id` inside `tx` (the page's
/// answer, or a mailed one in the mail's transaction). Agreeing measures
/// the new deadline as the ticket stands now and stores it as the
/// resolution budget; the events name the old and the new deadline.
pub async fn answer_in(
    tx: &mut Tx<'_>,
    user: &CurrentUser,
    id: i64,
    extension_id: i64,
    agree: bool,
    via: AnswerChannel,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let head = require_ticket(tx, user, id).await?;
    let proposal = rows::get(tx, head.id, extension_id).await?.ok_or_else(|| {
        ServiceError::Refused(Reason::new("unknown_extension", "there is no such proposal on this ticket"))
    })?;
    let terms = deadline_terms(tx, head.id, Some(proposal.new_due), now).await?;
    let state = extension::answer(
        user.role,
        proposal.state,
        agree,
        head.status,
        terms.map(|t| t.due),
        proposal.new_due,
        now,
    )
    .map_err(refused)?;
    if let (true, Some(t)) = (agree, terms) {
        extension::adds_time(t.worth, t.budget).map_err(refused)?;
    }
    if !rows::close(tx, proposal.id, state, user.id, now.timestamp(), Some(via)).await? {
        return Err(refused(ExtensionError::Closed));
    }
    let by_mail = via == AnswerChannel::Mail;
    let event = match (agree, terms) {
        (true, Some(t)) => {
            rows::set_agreed(tx, head.id, proposal.new_due.timestamp(), now.timestamp()).await?;
            TicketEvent::ExtensionAgreed { extension_id, from: t.due, to: proposal.new_due, by_mail }
        }
        // `extension::answer` refuses an agreement without a target.
        (true, None) => return Err(refused(ExtensionError::NoTarget)),
        (false, _) => TicketEvent::ExtensionDeclined { extension_id, to: proposal.new_due, by_mail },
    };
    let version = finish_change(tx, &head, Some(user.id), now, &[event]).await?;
    if agree {
        rows::renew_notes(tx, head.id, now.timestamp()).await?;
    }
    Ok(Changed { id: head.id, version })
}

/// Answers the waiting proposal of ticket `id` from a client's mailed reply
/// to the proposal's own mail (`replied_to`: the reply's thread ids) whose
/// first line agrees or declines (`extension::answer_in_mail`), in the
/// mail's transaction. A "Да" to another mail of the ticket (an approval
/// the desk asked for), a reply that says neither, a ticket with no
/// waiting proposal, or an answer the domain refuses (the deadline passed
/// meanwhile) answers nothing: the reply is a comment like any other and
/// the desk reads it. Returns whether it answered.
pub async fn answer_by_mail(
    tx: &mut Tx<'_>,
    user: &CurrentUser,
    id: i64,
    text: &str,
    replied_to: &[String],
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some(agree) = extension::answer_in_mail(text) else { return Ok(false) };
    let Some(proposal) = rows::pending(&mut **tx, id).await? else { return Ok(false) };
    if !rows::answers_proposal_mail(tx, id, replied_to, proposal.proposed_at.timestamp()).await? {
        return Ok(false);
    }
    match answer_in(tx, user, id, proposal.id, agree, AnswerChannel::Mail, now).await {
        Ok(_) => Ok(true),
        Err(ServiceError::Refused(_) | ServiceError::NotPermitted(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Withdraws waiting proposal `extension_id` of ticket `id`, seen at
/// `version`, as `user` at `now`.
pub async fn withdraw(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    extension_id: i64,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let proposal = rows::get(&mut tx, head.id, extension_id).await?.ok_or_else(|| {
        ServiceError::Refused(Reason::new("unknown_extension", "there is no such proposal on this ticket"))
    })?;
    let state = extension::withdraw(user.role, proposal.state).map_err(refused)?;
    if !rows::close(&mut tx, proposal.id, state, user.id, now.timestamp(), None).await? {
        return Err(refused(ExtensionError::Closed));
    }
    let event = TicketEvent::ExtensionWithdrawn { extension_id, to: proposal.new_due };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}
