//! The one rule of sprint planning (issue 16): a ticket in the Sprint column
//! belongs to a sprint. Planning a backlog ticket moves it to Sprint, taking
//! it out returns it to the Backlog, and a drag into the Sprint column plans
//! it into the current sprint (or asks which, when none runs and several are
//! open). Closing a
//! sprint decides per unfinished ticket: carried over, or back to the backlog.

use super::sla::{ClockReading, SlaState};
use super::sprint::{SprintDays, SprintPhase};
use super::ticket::Status;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why planning was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("a ticket in {0} cannot be planned into a sprint")]
    NotPlannable(Status),
    #[error("finished work stays in its sprint; a ticket in {0} cannot be taken out")]
    Finished(Status),
    #[error("the ticket is not planned into a sprint")]
    NotPlanned,
    #[error("the ticket is already planned into this sprint")]
    AlreadyPlanned,
    #[error("there is no open sprint to plan into")]
    NoOpenSprint,
    #[error("several sprints are open: say which one to plan into")]
    SprintChoiceNeeded,
    #[error("there is no sprint with this id that is open for planning")]
    SprintNotOpen,
    #[error("the sprint is closed and cannot be changed")]
    SprintClosed,
    #[error(
        "no sprint is running to take the reopened ticket: reopen it to In progress, or a lead plans it"
    )]
    NoSprintForReopen,
}

impl PlanError {
    /// The stable code, for programs and for wording in the reader's language.
    pub fn code(self) -> &'static str {
        match self {
            PlanError::NotPlannable(_) => "not_plannable",
            PlanError::Finished(_) => "sprint_work_finished",
            PlanError::NotPlanned => "not_planned",
            PlanError::AlreadyPlanned => "already_planned",
            PlanError::NoOpenSprint => "no_open_sprint",
            PlanError::SprintChoiceNeeded => "sprint_choice_needed",
            PlanError::SprintNotOpen => "sprint_not_open",
            PlanError::SprintClosed => "sprint_closed",
            PlanError::NoSprintForReopen => "no_sprint_for_reopen",
        }
    }

    /// Every code [`PlanError::code`] gives.
    pub const CODES: [&'static str; 9] = [
        "not_plannable",
        "sprint_work_finished",
        "not_planned",
        "already_planned",
        "no_open_sprint",
        "sprint_choice_needed",
        "sprint_not_open",
        "sprint_closed",
        "no_sprint_for_reopen",
    ];
}

/// A sprint takes tickets while it has not ended and is not closed.
pub fn is_open(days: SprintDays, closed: bool, today: NaiveDate) -> bool {
    !closed && SprintPhase::of(days, today).takes_tickets()
}

/// Work that is finished as far as a sprint is concerned.
pub fn is_finished(status: Status) -> bool {
    matches!(status, Status::Done | Status::Release | Status::Archive)
}

/// The column planning into `to` leaves a ticket in `status`, already in
/// sprint `current`: a backlog ticket moves to Sprint (`Some`); one in
/// Sprint or being worked on only changes sprint (`None`).
pub fn plan_move(status: Status, current: Option<i64>, to: i64) -> Result<Option<Status>, PlanError> {
    if current == Some(to) {
        return Err(PlanError::AlreadyPlanned);
    }
    match status {
        Status::Backlog => Ok(Some(Status::Sprint)),
        Status::Sprint | Status::InProgress => Ok(None),
        other => Err(PlanError::NotPlannable(other)),
    }
}

/// The column taking a ticket out of its sprint leaves it in: the Backlog,
/// from Sprint and from In progress; finished work stays where it is.
pub fn unplan_move(status: Status, current: Option<i64>) -> Result<Option<Status>, PlanError> {
    if current.is_none() {
        return Err(PlanError::NotPlanned);
    }
    match status {
        Status::Sprint | Status::InProgress => Ok(Some(Status::Backlog)),
        Status::Backlog => Ok(None),
        other => Err(PlanError::Finished(other)),
    }
}

/// The sprint a drag into the Sprint column plans into, from the open ones
/// and their phases: the running one — SPEC §3, "taken into the current
/// sprint" — or, with none running, the only open one; with several open
/// and none running the lead is asked which.
pub fn pick_sprint(open: &[(i64, SprintPhase)]) -> Result<i64, PlanError> {
    if let Some((id, _)) = open.iter().find(|(_, phase)| *phase == SprintPhase::Active) {
        return Ok(*id);
    }
    match open {
        [] => Err(PlanError::NoOpenSprint),
        [(one, _)] => Ok(*one),
        _ => Err(PlanError::SprintChoiceNeeded),
    }
}

/// The sprint a ticket belongs to, as a move between columns sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentSprint {
    pub id: i64,
    /// Still takes tickets: neither ended nor closed (see [`is_open`]).
    pub open: bool,
}

/// What a move of the lifecycle does to the ticket's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange {
    /// The ticket keeps its sprint, or stays without one.
    Keep,
    /// The ticket is planned into this sprint.
    Into(i64),
    /// The ticket leaves its sprint.
    Drop,
}

/// The one rule for the moves that are not planning themselves (planning
/// and unplanning, Backlog ⇄ Sprint, are [`plan_move`] and
/// [`unplan_move`]): a ticket in the Backlog belongs to no sprint, and one
/// in the Sprint column to an open sprint.
///
/// - Returned from In progress to the Backlog (SPEC §3: "it needs a
///   developer and goes to sprint planning"): out of its sprint.
/// - Reopened from Release into the Sprint column: its sprint if that is
///   still open, else the sprint a drag would pick ([`pick_sprint`]); with
///   none to pick the reopen is refused, as the reopen to In progress
///   needs no sprint.
/// - Reopened into In progress: a sprint that has ended or closed is let
///   go — its report keeps what it did — an open one is kept.
pub fn plan_after_move(
    from: Status,
    to: Status,
    current: Option<CurrentSprint>,
    open: &[(i64, SprintPhase)],
) -> Result<PlanChange, PlanError> {
    Ok(match (from, to) {
        (Status::InProgress, Status::Backlog) if current.is_some() => PlanChange::Drop,
        (Status::Release, Status::Sprint) => match current {
            Some(c) if c.open => PlanChange::Keep,
            _ => PlanChange::Into(pick_sprint(open).map_err(|_| PlanError::NoSprintForReopen)?),
        },
        (Status::Release, Status::InProgress) => match current {
            Some(c) if !c.open => PlanChange::Drop,
            _ => PlanChange::Keep,
        },
        _ => PlanChange::Keep,
    })
}

/// What the lead decides for an unfinished ticket when closing a sprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarryOver {
    /// Into the next sprint, keeping its column.
    NextSprint,
    /// Out of sprints, back to the Backlog.
    Backlog,
}

/// What became of a ticket when its sprint closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    CarriedOver,
    BackToBacklog,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::CarriedOver => "carried_over",
            Outcome::BackToBacklog => "back_to_backlog",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        [Outcome::Done, Outcome::CarriedOver, Outcome::BackToBacklog].into_iter().find(|o| o.code() == code)
    }
}

/// How a ticket's resolution clock stood when its sprint closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaOutcome {
    /// Stopped in time.
    Met,
    /// Past its deadline (running or stopped late).
    Breached,
    /// Still running or paused, in time.
    Open,
    /// No resolution target.
    None,
}

impl SlaOutcome {
    pub fn of(resolution: Option<&ClockReading>) -> SlaOutcome {
        match resolution.map(|r| r.state) {
            None => SlaOutcome::None,
            Some(SlaState::Met) => SlaOutcome::Met,
            Some(SlaState::Breached) => SlaOutcome::Breached,
            Some(_) => SlaOutcome::Open,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SlaOutcome::Met => "met",
            SlaOutcome::Breached => "breached",
            SlaOutcome::Open => "open",
            SlaOutcome::None => "none",
        }
    }

    pub fn parse(code: &str) -> Option<SlaOutcome> {
        [SlaOutcome::Met, SlaOutcome::Breached, SlaOutcome::Open, SlaOutcome::None]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

/// Why a close was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    #[error("the sprint is already closed")]
    AlreadyClosed,
    #[error("no decision for unfinished ticket {0}: carry it over or return it to the backlog")]
    Undecided(i64),
    #[error("ticket {0} is not unfinished work of this sprint")]
    NotUnfinished(i64),
    #[error("ticket {0} is decided twice")]
    Twice(i64),
    #[error("there is no next sprint to carry tickets over into; create it first")]
    NoNextSprint,
}

impl CloseError {
    pub fn code(&self) -> &'static str {
        match self {
            CloseError::AlreadyClosed => "sprint_closed",
            CloseError::Undecided(_) => "close_undecided",
            CloseError::NotUnfinished(_) => "close_not_unfinished",
            CloseError::Twice(_) => "close_twice",
            CloseError::NoNextSprint => "no_next_sprint",
        }
    }

    pub const CODES: [&'static str; 5] =
        ["sprint_closed", "close_undecided", "close_not_unfinished", "close_twice", "no_next_sprint"];
}

/// One ticket of the sprint as the close sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SprintTicket {
    pub ticket_id: i64,
    pub status: Status,
}

/// The close of a sprint: every planned ticket's outcome, or why not. Each
/// unfinished ticket needs exactly one decision and nothing else may have
/// one; carrying over needs a next sprint.
pub fn close(
    closed: bool,
    tickets: &[SprintTicket],
    decisions: &[(i64, CarryOver)],
    has_next_sprint: bool,
) -> Result<Vec<(i64, Outcome)>, CloseError> {
    if closed {
        return Err(CloseError::AlreadyClosed);
    }
    for (i, (id, _)) in decisions.iter().enumerate() {
        if decisions[..i].iter().any(|(other, _)| other == id) {
            return Err(CloseError::Twice(*id));
        }
        if !tickets.iter().any(|t| t.ticket_id == *id && !is_finished(t.status)) {
            return Err(CloseError::NotUnfinished(*id));
        }
    }
    let mut out = Vec::with_capacity(tickets.len());
    for t in tickets {
        let outcome = if is_finished(t.status) {
            Outcome::Done
        } else {
            match decisions.iter().find(|(id, _)| *id == t.ticket_id) {
                None => return Err(CloseError::Undecided(t.ticket_id)),
                Some((_, CarryOver::NextSprint)) if !has_next_sprint => return Err(CloseError::NoNextSprint),
                Some((_, CarryOver::NextSprint)) => Outcome::CarriedOver,
                Some((_, CarryOver::Backlog)) => Outcome::BackToBacklog,
            }
        };
        out.push((t.ticket_id, outcome));
    }
    Ok(out)
}

/// A reorder of a sprint's plan must name each of its tickets exactly once.
pub fn valid_order(planned: &[i64], order: &[i64]) -> bool {
    let (mut a, mut b) = (planned.to_vec(), order.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    a == b && b.windows(2).all(|w| w[0] != w[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn planning_a_backlog_ticket_moves_it_to_sprint_and_nothing_else_moves() {
        assert_eq!(plan_move(Backlog, None, 3), Ok(Some(Sprint)));
        assert_eq!(plan_move(Sprint, Some(2), 3), Ok(None), "from one sprint to another");
        assert_eq!(plan_move(InProgress, None, 3), Ok(None), "work under way joins the sprint");
        assert_eq!(plan_move(Sprint, Some(3), 3), Err(PlanError::AlreadyPlanned));
        for s in [Done, Release, Archive] {
            assert_eq!(plan_move(s, None, 3), Err(PlanError::NotPlannable(s)));
        }
    }

    #[test]
    fn taking_a_ticket_out_returns_it_to_the_backlog_but_finished_work_stays() {
        assert_eq!(unplan_move(Sprint, Some(3)), Ok(Some(Backlog)));
        assert_eq!(unplan_move(InProgress, Some(3)), Ok(Some(Backlog)));
        assert_eq!(unplan_move(Backlog, Some(3)), Ok(None));
        assert_eq!(unplan_move(Sprint, None), Err(PlanError::NotPlanned));
        for s in [Done, Release, Archive] {
            assert_eq!(unplan_move(s, Some(3)), Err(PlanError::Finished(s)));
        }
    }

    #[test]
    fn a_drag_into_sprint_plans_into_the_current_sprint_or_asks() {
        use SprintPhase::{Active, Planned};
        assert_eq!(pick_sprint(&[(7, Active), (8, Planned)]), Ok(7), "the current sprint");
        assert_eq!(pick_sprint(&[(8, Planned)]), Ok(8));
        assert_eq!(pick_sprint(&[]), Err(PlanError::NoOpenSprint));
        assert_eq!(pick_sprint(&[(8, Planned), (9, Planned)]), Err(PlanError::SprintChoiceNeeded));
    }

    #[test]
    fn a_move_keeps_the_one_rule() {
        use PlanChange::{Drop, Into, Keep};
        use SprintPhase::{Active, Planned};
        let open_one = Some(CurrentSprint { id: 3, open: true });
        let ended = Some(CurrentSprint { id: 3, open: false });
        let running = [(7, Active), (8, Planned)];
        // Returned to the Backlog: out of the sprint; unplanned work stays so.
        assert_eq!(plan_after_move(InProgress, Backlog, open_one, &running), Ok(Drop));
        assert_eq!(plan_after_move(InProgress, Backlog, ended, &running), Ok(Drop));
        assert_eq!(plan_after_move(InProgress, Backlog, None, &running), Ok(Keep));
        // Reopened into Sprint: its own sprint while open, else the running one.
        assert_eq!(plan_after_move(Release, Sprint, open_one, &running), Ok(Keep));
        assert_eq!(plan_after_move(Release, Sprint, ended, &running), Ok(Into(7)));
        assert_eq!(plan_after_move(Release, Sprint, None, &running), Ok(Into(7)));
        assert_eq!(plan_after_move(Release, Sprint, None, &[(8, Planned)]), Ok(Into(8)));
        for open in [&[][..], &[(8, Planned), (9, Planned)][..]] {
            assert_eq!(plan_after_move(Release, Sprint, ended, open), Err(PlanError::NoSprintForReopen));
            // Its own open sprint needs no other.
            assert_eq!(plan_after_move(Release, Sprint, open_one, open), Ok(Keep));
        }
        // Reopened into In progress: a finished sprint is let go.
        assert_eq!(plan_after_move(Release, InProgress, ended, &running), Ok(Drop));
        assert_eq!(plan_after_move(Release, InProgress, open_one, &running), Ok(Keep));
        assert_eq!(plan_after_move(Release, InProgress, None, &[]), Ok(Keep));
        // Every other move leaves the plan alone.
        for (from, to) in [(Sprint, InProgress), (InProgress, Done), (Done, Release), (Release, Archive)] {
            assert_eq!(plan_after_move(from, to, open_one, &[]), Ok(Keep), "{from:?} → {to:?}");
        }
    }

    #[test]
    fn closed_and_ended_sprints_take_no_tickets() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days = SprintDays { starts_on: day("2026-11-30"), ends_on: day("2026-12-13") };
        assert!(is_open(days, false, day("2026-11-01")));
        assert!(is_open(days, false, day("2026-12-13")));
        assert!(!is_open(days, true, day("2026-12-01")));
        assert!(!is_open(days, false, day("2026-12-14")));
    }

    fn t(id: i64, status: Status) -> SprintTicket {
        SprintTicket { ticket_id: id, status }
    }

    #[test]
    fn closing_decides_each_unfinished_ticket_and_counts_finished_ones_done() {
        let tickets = [t(1, Done), t(2, InProgress), t(3, Sprint), t(4, Release)];
        let decisions = [(2, CarryOver::NextSprint), (3, CarryOver::Backlog)];
        assert_eq!(
            close(false, &tickets, &decisions, true),
            Ok(vec![
                (1, Outcome::Done),
                (2, Outcome::CarriedOver),
                (3, Outcome::BackToBacklog),
                (4, Outcome::Done)
            ])
        );
    }

    #[test]
    fn a_close_is_refused_with_a_reason() {
        let tickets = [t(1, Done), t(2, InProgress), t(3, Sprint)];
        let both = [(2, CarryOver::NextSprint), (3, CarryOver::Backlog)];
        assert_eq!(close(true, &tickets, &both, true), Err(CloseError::AlreadyClosed));
        assert_eq!(close(false, &tickets, &both[..1], true), Err(CloseError::Undecided(3)));
        assert_eq!(
            close(false, &tickets, &[(1, CarryOver::Backlog), both[0], both[1]], true),
            Err(CloseError::NotUnfinished(1)),
            "done work needs no decision"
        );
        assert_eq!(
            close(false, &tickets, &[both[0], both[1], (99, CarryOver::Backlog)], true),
            Err(CloseError::NotUnfinished(99))
        );
        assert_eq!(close(false, &tickets, &[both[0], both[0], both[1]], true), Err(CloseError::Twice(2)));
        assert_eq!(close(false, &tickets, &both, false), Err(CloseError::NoNextSprint));
        let back = [(2, CarryOver::Backlog), (3, CarryOver::Backlog)];
        assert!(close(false, &tickets, &back, false).is_ok(), "no next sprint needed to send work back");
    }

    #[test]
    fn the_sla_at_the_close_follows_the_resolution_clock() {
        use crate::sla::ClockKind;
        let r = |state| ClockReading {
            kind: ClockKind::Resolution,
            due: None,
            state,
            remaining_secs: 0,
            resumes_at: None,
            budget_secs: 1,
            at_risk_secs: 0,
        };
        assert_eq!(SlaOutcome::of(None), SlaOutcome::None);
        assert_eq!(SlaOutcome::of(Some(&r(SlaState::Met))), SlaOutcome::Met);
        assert_eq!(SlaOutcome::of(Some(&r(SlaState::Breached))), SlaOutcome::Breached);
        assert_eq!(SlaOutcome::of(Some(&r(SlaState::AtRisk))), SlaOutcome::Open);
        for o in [SlaOutcome::Met, SlaOutcome::Breached, SlaOutcome::Open, SlaOutcome::None] {
            assert_eq!(SlaOutcome::parse(o.code()), Some(o));
        }
        for o in [Outcome::Done, Outcome::CarriedOver, Outcome::BackToBacklog] {
            assert_eq!(Outcome::parse(o.code()), Some(o));
        }
    }

    #[test]
    fn a_reorder_names_every_planned_ticket_once() {
        assert!(valid_order(&[1, 2, 3], &[3, 1, 2]));
        assert!(!valid_order(&[1, 2, 3], &[3, 1]));
        assert!(!valid_order(&[1, 2, 3], &[3, 1, 2, 4]));
        assert!(!valid_order(&[1, 2], &[1, 1]));
    }
}
