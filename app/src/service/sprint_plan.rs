//! Sprint planning (issue 16): planning a ticket into a sprint and taking it
//! out, the plan's order, and closing a sprint with carry-over. The one
//! rule — a ticket in the Sprint column belongs to a sprint — is kept here
//! for every way in: the planning view, the board's drag into or out of the
//! Sprint column, and the ticket page's sprint field.
//!
//! Lock order: the sprint first, then its tickets, so a plan and a close of
//! the same sprint never wait on each other in a circle.

use super::tickets::Changed;
use super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::event::TicketEvent;
use crate::domain::sprint::SprintPhase;
use crate::domain::sprint_plan::{
    self as rules, is_open, pick_sprint, plan_after_move, plan_move, unplan_move, CarryOver, CloseError,
    CurrentSprint, Outcome, PlanChange, PlanError, SlaOutcome, SprintTicket,
};
use crate::domain::ticket::{check_move, transition, Actor, Permission, Status};
use crate::error::Reason;
use crate::store::sprint_plan as plans;
use crate::store::sprints::SprintRow;
use crate::store::tickets::{self as rows, TicketHead};
use crate::store::{board, Store, Tx};
use chrono::{DateTime, Utc};

fn refused(e: PlanError) -> ServiceError {
    ServiceError::Refused(Reason::new(e.code(), e.to_string()))
}

/// Planning is the lead's (SPEC §1, §5); everybody else is refused before
/// anything is read.
fn require_planner(user: &CurrentUser) -> Result<(), ServiceError> {
    if user.can(Permission::ManageSprints) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Locks sprint `id` and hands it over if tickets may be planned into it.
async fn open_sprint(tx: &mut Tx<'_>, id: i64, now: DateTime<Utc>) -> Result<SprintRow, ServiceError> {
    require_open(plans::lock_sprint(tx, id).await?, now)
}

/// A locked sprint (none: there is no such sprint) if tickets may be
/// planned into it at `now`.
fn require_open(sprint: Option<SprintRow>, now: DateTime<Utc>) -> Result<SprintRow, ServiceError> {
    let sprint = sprint.ok_or(refused(PlanError::SprintNotOpen))?;
    if sprint.closed_at.is_some() {
        return Err(refused(PlanError::SprintClosed));
    }
    if !is_open(sprint.days, false, now.date_naive()) {
        return Err(refused(PlanError::SprintNotOpen));
    }
    Ok(sprint)
}

/// The sprints open for planning at `now`, the earliest first.
pub async fn open_sprints(tx: &mut Tx<'_>, now: DateTime<Utc>) -> Result<Vec<SprintRow>, ServiceError> {
    let all = plans::sprints_in(tx).await?;
    Ok(all.into_iter().filter(|s| is_open(s.days, s.closed_at.is_some(), now.date_naive())).collect())
}

/// The running sprint at `now`, if one runs and is not closed.
pub async fn active_sprint(store: &Store, now: DateTime<Utc>) -> Result<Option<i64>, ServiceError> {
    let sprints = crate::store::sprints::list(store).await?;
    Ok(sprints
        .iter()
        .find(|s| s.closed_at.is_none() && SprintPhase::of(s.days, now.date_naive()) == SprintPhase::Active)
        .map(|s| s.id))
}

/// Writes a ticket's move between columns that planning decided, checked
/// again by the lifecycle (who may make it), with the release ledger
/// untouched: Backlog, Sprint and In progress have none.
async fn write_column(
    tx: &mut Tx<'_>,
    head: &TicketHead,
    user: &CurrentUser,
    to: Status,
) -> Result<TicketEvent, ServiceError> {
    check_move(head.status, to, Actor::User(user.role), head.category)
        .map_err(|e| ServiceError::Refused(Reason::new(e.code(), e.to_string())))?;
    rows::set_status(tx, head.id, to, None).await?;
    Ok(TicketEvent::Moved { from: head.status, to })
}

/// Plans locked ticket `head` into locked, open `sprint`: to the end of its
/// order, and into the Sprint column from the Backlog. One change, one
/// `moved` (when it moves) and one `planned` event; the history shows them
/// as one line.
async fn write_plan(
    tx: &mut Tx<'_>,
    head: &TicketHead,
    user: &CurrentUser,
    sprint: &SprintRow,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let column = plan_move(head.status, head.sprint_id, sprint.id).map_err(refused)?;
    let mut events = Vec::new();
    if let Some(to) = column {
        events.push(write_column(tx, head, user, to).await?);
    }
    let from = crate::store::ticket_edits::sprint_name(tx, head.sprint_id).await?;
    let rank = plans::next_rank(tx, sprint.id).await?;
    plans::set_plan(tx, head.id, Some(sprint.id), Some(rank)).await?;
    events.push(TicketEvent::Planned { from, to: Some(sprint.name.clone()) });
    finish_change(tx, head, Some(user.id), now, &events).await
}

/// Takes locked ticket `head` out of its sprint, back to the Backlog.
async fn write_unplan(
    tx: &mut Tx<'_>,
    head: &TicketHead,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let column = unplan_move(head.status, head.sprint_id).map_err(refused)?;
    if let Some(sprint) = head.sprint_id {
        if crate::store::sprints::get(&mut **tx, sprint).await?.is_some_and(|s| s.closed_at.is_some()) {
            return Err(refused(PlanError::SprintClosed));
        }
    }
    let mut events = Vec::new();
    if let Some(to) = column {
        events.push(write_column(tx, head, user, to).await?);
    }
    let from = crate::store::ticket_edits::sprint_name(tx, head.sprint_id).await?;
    plans::set_plan(tx, head.id, None, None).await?;
    events.push(TicketEvent::Planned { from, to: None });
    finish_change(tx, head, Some(user.id), now, &events).await
}

/// Plans ticket `id`, last seen at `version`, into sprint `sprint`, or —
/// without one, as a drag into the Sprint column does — into the one open
/// sprint (refused with `sprint_choice_needed` when several are open, so
/// the UI asks which).
pub async fn plan(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    sprint: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    require_planner(user)?;
    let mut tx = store.begin().await?;
    let sprint_id = match sprint {
        Some(s) => s,
        None => {
            let open: Vec<(i64, SprintPhase)> = open_sprints(&mut tx, now)
                .await?
                .iter()
                .map(|s| (s.id, SprintPhase::of(s.days, now.date_naive())))
                .collect();
            pick_sprint(&open).map_err(refused)?
        }
    };
    // Sprint first, then the ticket, as closing a sprint locks them; the
    // sprint is judged only after the version check: a stale change is
    // stale whatever it names.
    let locked = plans::lock_sprint(&mut tx, sprint_id).await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let sprint = require_open(locked, now)?;
    let version = write_plan(&mut tx, &head, user, &sprint, now).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}

/// Takes ticket `id`, last seen at `version`, out of its sprint: it returns
/// to the Backlog.
pub async fn unplan(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    require_planner(user)?;
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    let version = write_unplan(&mut tx, &head, user, now).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}

/// The board's drag into or out of the Sprint column, already checked by
/// the lifecycle: `Some` when planning handled the move.
pub(super) async fn move_through_plan(
    store: &Store,
    user: &CurrentUser,
    head_status: Status,
    to: Status,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Option<Result<Changed, ServiceError>> {
    match (head_status, to) {
        (Status::Backlog, Status::Sprint) => Some(plan(store, user, id, version, None, now).await),
        (Status::Sprint, Status::Backlog) => Some(unplan(store, user, id, version, now).await),
        _ => None,
    }
}

/// A move of the lifecycle that changes the plan with it (see the domain's
/// `plan_after_move`): a planned ticket returned to the Backlog, or one
/// reopened from Release. `seen` is the ticket as `move_ticket` read it;
/// its sprint cannot have changed unseen, as the version is checked again
/// here under the locks.
pub(super) async fn move_with_plan(
    store: &Store,
    user: &CurrentUser,
    seen: &TicketHead,
    to: Status,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let mut tx = store.begin().await?;
    let today = now.date_naive();
    let open: Vec<(i64, SprintPhase)> =
        open_sprints(&mut tx, now).await?.iter().map(|s| (s.id, SprintPhase::of(s.days, today))).collect();
    // Sprints first, then the ticket, as planning and closing lock them.
    let current = match seen.sprint_id {
        Some(id) => {
            let row = plans::lock_sprint(&mut tx, id).await?;
            Some(CurrentSprint {
                id,
                open: row.is_some_and(|r| is_open(r.days, r.closed_at.is_some(), today)),
            })
        }
        None => None,
    };
    let change = plan_after_move(seen.status, to, current, &open);
    let into = match change {
        Ok(PlanChange::Into(id)) => Some(plans::lock_sprint(&mut tx, id).await?),
        _ => None,
    };
    let head = require_ticket(&mut tx, user, seen.id).await?;
    // Judged only now: a stale move is stale whatever it would plan.
    require_version(&head, version)?;
    let actor = Actor::User(user.role);
    let command = check_move(head.status, to, actor, head.category)
        .map_err(|e| ServiceError::Refused(Reason::new(e.code(), e.to_string())))?;
    transition(head.status, &command, actor, head.category)
        .map_err(|e| ServiceError::Refused(Reason::new(e.code(), e.to_string())))?;
    let from = crate::store::ticket_edits::sprint_name(&mut tx, head.sprint_id).await?;
    let plan_events = match change.map_err(refused)? {
        PlanChange::Keep => Vec::new(),
        PlanChange::Drop => {
            plans::set_plan(&mut tx, head.id, None, None).await?;
            vec![TicketEvent::Planned { from, to: None }]
        }
        PlanChange::Into(_) => {
            let sprint = require_open(into.flatten(), now)?;
            let rank = plans::next_rank(&mut tx, sprint.id).await?;
            plans::set_plan(&mut tx, head.id, Some(sprint.id), Some(rank)).await?;
            vec![TicketEvent::Planned { from, to: Some(sprint.name.clone()) }]
        }
    };
    let version =
        super::tickets::write_move(&mut tx, &head, to, None, Some(user.id), now, plan_events).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}

/// Puts the tickets of sprint `sprint` in the order `order` (every planned
/// ticket once). The order is the plan's, not a ticket's field: no version
/// is counted and no event is appended.
pub async fn reorder(
    store: &Store,
    user: &CurrentUser,
    sprint: i64,
    order: &[i64],
) -> Result<(), ServiceError> {
    require_planner(user)?;
    let mut tx = store.begin().await?;
    let s = plans::lock_sprint(&mut tx, sprint).await?.ok_or(ServiceError::NotFound)?;
    if s.closed_at.is_some() {
        return Err(refused(PlanError::SprintClosed));
    }
    let planned: Vec<i64> = plans::planned_in(&mut tx, sprint).await?.iter().map(|p| p.ticket_id).collect();
    if !rules::valid_order(&planned, order) {
        // The plan changed since the caller read it (or the list is wrong).
        return Err(ServiceError::Stale);
    }
    plans::write_order(&mut tx, sprint, order).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes sprint `sprint`: finished tickets count as done, each unfinished
/// one is carried over into the next sprint or returned to the backlog as
/// `decisions` say; every ticket's outcome and SLA standing is kept for the
/// report. Afterwards the sprint is read-only.
pub async fn close(
    store: &Store,
    user: &CurrentUser,
    sprint: i64,
    decisions: &[(i64, CarryOver)],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require_planner(user)?;
    let mut tx = store.begin().await?;
    let s = plans::lock_sprint(&mut tx, sprint).await?.ok_or(ServiceError::NotFound)?;
    let planned = plans::planned_in(&mut tx, sprint).await?;
    let tickets: Vec<SprintTicket> =
        planned.iter().map(|p| SprintTicket { ticket_id: p.ticket_id, status: p.status }).collect();
    // The next sprint: the first open one starting after this one ends.
    let next = open_sprints(&mut tx, now).await?.into_iter().find(|n| n.days.starts_on > s.days.ends_on);
    let outcomes = rules::close(s.closed_at.is_some(), &tickets, decisions, next.is_some()).map_err(
        |e: CloseError| match e {
            CloseError::NotUnfinished(_) => ServiceError::Stale,
            e => ServiceError::Refused(Reason::new(e.code(), e.to_string())),
        },
    )?;
    let next = match &next {
        Some(n) if outcomes.iter().any(|(_, o)| *o == Outcome::CarriedOver) => {
            Some(open_sprint(&mut tx, n.id, now).await?)
        }
        _ => None,
    };
    for (ticket, outcome) in outcomes {
        let head = require_ticket(&mut tx, user, ticket).await?;
        if head.sprint_id != Some(sprint) {
            return Err(ServiceError::Stale);
        }
        let sla = match board::ticket_row_in(&mut tx, ticket).await? {
            Some(row) => super::sla::ticket_terms(&row)
                .and_then(|terms| {
                    super::sla::ticket_clock(&row, &terms)?.status(now).map_err(|e| e.to_string())
                })
                .map(|status| SlaOutcome::of(status.resolution.as_ref()))
                .unwrap_or(SlaOutcome::None),
            None => SlaOutcome::None,
        };
        plans::write_outcome(&mut tx, sprint, ticket, outcome, head.estimate_hours.map(i64::from), sla)
            .await?;
        match (outcome, &next) {
            (Outcome::Done, _) => {}
            (Outcome::CarriedOver, Some(next)) => {
                let rank = plans::next_rank(&mut tx, next.id).await?;
                plans::set_plan(&mut tx, head.id, Some(next.id), Some(rank)).await?;
                let events =
                    [TicketEvent::Planned { from: Some(s.name.clone()), to: Some(next.name.clone()) }];
                finish_change(&mut tx, &head, Some(user.id), now, &events).await?;
            }
            (Outcome::CarriedOver, None) => {
                return Err(ServiceError::Refused(Reason::new(
                    CloseError::NoNextSprint.code(),
                    CloseError::NoNextSprint.to_string(),
                )))
            }
            (Outcome::BackToBacklog, _) => {
                write_unplan(&mut tx, &head, user, now).await?;
            }
        }
    }
    plans::mark_closed(&mut tx, sprint, now.timestamp()).await?;
    store.commit(tx).await?;
    Ok(())
}
