//! What a change does besides itself: the pauses of the SLA clock, the
//! release periods, the first response, and the events it leaves. Decided
//! here, from the ticket's ledger; the store only writes the result.

use super::{Permission, Role, Status, WaitingReason};
use crate::event::TicketEvent;
use crate::sla::{PauseError, PauseLedger};
use chrono::{DateTime, Utc};

/// A wait that ended and one that began, at the instants the ledger took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WaitChange {
    /// The reason of the pause that was closed, and when.
    pub ended: Option<(WaitingReason, DateTime<Utc>)>,
    /// The pause that was opened, and when.
    pub started: Option<(WaitingReason, DateTime<Utc>)>,
}

impl WaitChange {
    /// One event per end and start, the end first. `asked` is the public
    /// message a started wait was sent with.
    pub fn events(&self, asked: Option<i64>) -> Vec<TicketEvent> {
        let ended = self.ended.map(|(reason, _)| TicketEvent::WaitingEnded { reason });
        let started =
            self.started.map(|(reason, _)| TicketEvent::WaitingStarted { reason, comment_id: asked });
        ended.into_iter().chain(started).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.ended.is_none() && self.started.is_none()
    }
}

/// Sets the wait of a ticket whose ledger is `ledger` to `to` at `at`: an
/// open pause is closed (a new reason is a new pause, so the ledger says why
/// each stretch stood still), and a new one opened. An end before the open
/// pause's start (clocks of two replicas) is taken as its start.
pub fn change_wait(
    ledger: &mut PauseLedger,
    to: Option<WaitingReason>,
    at: DateTime<Utc>,
) -> Result<WaitChange, PauseError> {
    let mut change = WaitChange::default();
    if let Some(open) = ledger.open_pause().cloned() {
        let end = at.max(open.from);
        ledger.resume(end)?;
        change.ended = Some((open.reason, end));
    }
    if let Some(reason) = to {
        let start = change.ended.map_or(at, |(_, end)| end.max(at));
        ledger.pause(start, reason)?;
        change.started = Some((reason, start));
    }
    Ok(change)
}

/// Which release period a move opens or closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseChange {
    None,
    /// Delivered: the resolution clock stops.
    Open,
    /// Reopened from Release for more work: the clock runs again with the
    /// time already used. Accepting into Archive keeps the period.
    Close,
}

/// The release ledger's side of a move from `from` to `to`.
pub fn release_change(from: Status, to: Status) -> ReleaseChange {
    if to == Status::Release && from != Status::Release {
        ReleaseChange::Open
    } else if from == Status::Release && to != Status::Release && to != Status::Archive {
        ReleaseChange::Close
    } else {
        ReleaseChange::None
    }
}

/// The events of a status change: the move, and the reason of a rejection.
pub fn move_events(from: Status, to: Status, rejection_reason: Option<&str>) -> Vec<TicketEvent> {
    let moved = TicketEvent::Moved { from, to };
    let reason = rejection_reason.map(|r| TicketEvent::Rejected { reason: r.to_string() });
    std::iter::once(moved).chain(reason).collect()
}

/// What kind of comment a caller posts, which decides its side effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// An agent's public reply: the first one is the SLA reaction.
    AgentReply,
    /// A client's public reply: it answers an info request.
    ClientReply,
    /// An internal note, seen by support only; it changes nothing else.
    Note,
}

impl CommentKind {
    /// The kind of comment `role` posts, `None` if it may not post it.
    pub fn of(role: Role, internal: bool) -> Option<CommentKind> {
        if internal {
            role.can(Permission::InternalNote).then_some(CommentKind::Note)
        } else if role.can(Permission::Reply) {
            Some(CommentKind::AgentReply)
        } else if role.can(Permission::AnswerInfoRequest) {
            Some(CommentKind::ClientReply)
        } else {
            None
        }
    }

    pub fn is_internal(self) -> bool {
        self == CommentKind::Note
    }
}

/// What posting a comment does to the ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentEffects {
    /// This is the first public agent reply: the reaction clock stops at it.
    pub first_response: bool,
    /// The wait it ended (SPEC §3: a client's reply to an info request ends
    /// the wait by itself; approval and payment need their own answer).
    pub wait: WaitChange,
}

/// The effects of a `kind` comment at `at` on a ticket waiting for
/// `waiting` with ledger `ledger`, whose first response was `first_response`.
pub fn comment_effects(
    kind: CommentKind,
    first_response: Option<DateTime<Utc>>,
    waiting: Option<WaitingReason>,
    ledger: &mut PauseLedger,
    at: DateTime<Utc>,
) -> Result<CommentEffects, PauseError> {
    let first_response = kind == CommentKind::AgentReply && first_response.is_none();
    let wait = if kind == CommentKind::ClientReply && waiting == Some(WaitingReason::ClientInfo) {
        change_wait(ledger, None, at)?
    } else {
        WaitChange::default()
    };
    Ok(CommentEffects { first_response, wait })
}

impl CommentEffects {
    /// The events of comment `comment_id` of `kind`, with its effects.
    pub fn events(&self, comment_id: i64, kind: CommentKind) -> Vec<TicketEvent> {
        let mut events = vec![TicketEvent::Commented { comment_id, internal: kind.is_internal() }];
        if self.first_response {
            events.push(TicketEvent::FirstResponse);
        }
        events.extend(self.wait.events(None));
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::Pause;
    use WaitingReason::*;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    fn waiting_since(from: i64, reason: WaitingReason) -> PauseLedger {
        PauseLedger::from_pauses(vec![Pause { from: t(from), to: None, reason }]).unwrap()
    }

    #[test]
    fn starting_a_wait_opens_a_pause() {
        let mut ledger = PauseLedger::new();
        let change = change_wait(&mut ledger, Some(ClientInfo), t(10)).unwrap();
        assert_eq!(change, WaitChange { ended: None, started: Some((ClientInfo, t(10))) });
        assert_eq!(ledger.pauses(), [Pause { from: t(10), to: None, reason: ClientInfo }]);
        assert_eq!(
            change.events(Some(4)),
            [TicketEvent::WaitingStarted { reason: ClientInfo, comment_id: Some(4) }]
        );
    }

    #[test]
    fn ending_a_wait_closes_the_open_pause() {
        let mut ledger = waiting_since(0, Payment);
        let change = change_wait(&mut ledger, None, t(60)).unwrap();
        assert_eq!(change, WaitChange { ended: Some((Payment, t(60))), started: None });
        assert!(ledger.open_pause().is_none());
        assert_eq!(ledger.spans(), [(t(0).timestamp(), t(60).timestamp())]);
        assert_eq!(change.events(None), [TicketEvent::WaitingEnded { reason: Payment }]);
    }

    #[test]
    fn a_new_reason_is_a_new_pause() {
        let mut ledger = waiting_since(0, ClientInfo);
        let change = change_wait(&mut ledger, Some(ClientApproval), t(30)).unwrap();
        assert_eq!(change.ended, Some((ClientInfo, t(30))));
        assert_eq!(change.started, Some((ClientApproval, t(30))));
        assert_eq!(ledger.pauses().len(), 2);
        assert_eq!(ledger.open_pause().map(|p| p.reason), Some(ClientApproval));
        assert_eq!(
            change.events(None),
            [
                TicketEvent::WaitingEnded { reason: ClientInfo },
                TicketEvent::WaitingStarted { reason: ClientApproval, comment_id: None }
            ]
        );
    }

    #[test]
    fn an_end_before_the_start_is_taken_as_the_start() {
        let mut ledger = waiting_since(100, ClientInfo);
        let change = change_wait(&mut ledger, None, t(40)).unwrap();
        assert_eq!(change.ended, Some((ClientInfo, t(100))));
        assert_eq!(ledger.pauses()[0].to, Some(t(100)));
    }

    #[test]
    fn no_wait_and_none_asked_changes_nothing() {
        let mut ledger = PauseLedger::new();
        let change = change_wait(&mut ledger, None, t(5)).unwrap();
        assert!(change.is_empty());
        assert!(change.events(None).is_empty());
        assert!(ledger.is_empty());
        assert!(!WaitChange { ended: Some((Payment, t(0))), started: None }.is_empty());
        assert!(!WaitChange { ended: None, started: Some((Payment, t(0))) }.is_empty());
    }

    #[test]
    fn releases_open_on_delivery_and_close_on_reopening_only() {
        use Status::*;
        assert_eq!(release_change(Done, Release), ReleaseChange::Open);
        assert_eq!(release_change(Release, InProgress), ReleaseChange::Close);
        assert_eq!(release_change(Release, Sprint), ReleaseChange::Close);
        assert_eq!(release_change(Release, Archive), ReleaseChange::None);
        assert_eq!(release_change(Backlog, Archive), ReleaseChange::None);
        assert_eq!(release_change(Backlog, InProgress), ReleaseChange::None);
        assert_eq!(release_change(Release, Release), ReleaseChange::None);
    }

    #[test]
    fn a_rejection_leaves_its_reason() {
        use Status::*;
        assert_eq!(move_events(Backlog, Sprint, None), [TicketEvent::Moved { from: Backlog, to: Sprint }]);
        assert_eq!(
            move_events(Backlog, Archive, Some("дубль")),
            [
                TicketEvent::Moved { from: Backlog, to: Archive },
                TicketEvent::Rejected { reason: "дубль".into() }
            ]
        );
    }

    #[test]
    fn comment_kinds_follow_the_role() {
        assert_eq!(CommentKind::of(Role::Client, false), Some(CommentKind::ClientReply));
        assert_eq!(CommentKind::of(Role::Client, true), None);
        assert_eq!(CommentKind::of(Role::Operator, false), Some(CommentKind::AgentReply));
        assert_eq!(CommentKind::of(Role::Consultant, true), Some(CommentKind::Note));
        assert_eq!(CommentKind::of(Role::Admin, false), None);
        assert!(CommentKind::Note.is_internal());
        assert!(!CommentKind::AgentReply.is_internal());
    }

    #[test]
    fn the_first_agent_reply_is_the_reaction_and_only_the_first() {
        let mut ledger = PauseLedger::new();
        let first = comment_effects(CommentKind::AgentReply, None, None, &mut ledger, t(0)).unwrap();
        assert!(first.first_response);
        assert_eq!(
            first.events(5, CommentKind::AgentReply),
            [TicketEvent::Commented { comment_id: 5, internal: false }, TicketEvent::FirstResponse]
        );
        let later = comment_effects(CommentKind::AgentReply, Some(t(0)), None, &mut ledger, t(9)).unwrap();
        assert!(!later.first_response);
        let note = comment_effects(CommentKind::Note, None, None, &mut ledger, t(9)).unwrap();
        assert!(!note.first_response);
        assert_eq!(
            note.events(6, CommentKind::Note),
            [TicketEvent::Commented { comment_id: 6, internal: true }]
        );
    }

    #[test]
    fn a_client_reply_ends_an_info_wait_but_not_approval_or_payment() {
        let mut ledger = waiting_since(0, ClientInfo);
        let e =
            comment_effects(CommentKind::ClientReply, None, Some(ClientInfo), &mut ledger, t(50)).unwrap();
        assert_eq!(e.wait.ended, Some((ClientInfo, t(50))));
        assert!(!e.first_response);
        assert!(ledger.open_pause().is_none());
        assert_eq!(
            e.events(1, CommentKind::ClientReply),
            [
                TicketEvent::Commented { comment_id: 1, internal: false },
                TicketEvent::WaitingEnded { reason: ClientInfo }
            ]
        );
        for reason in [ClientApproval, Payment] {
            let mut ledger = waiting_since(0, reason);
            let e =
                comment_effects(CommentKind::ClientReply, None, Some(reason), &mut ledger, t(50)).unwrap();
            assert!(e.wait.is_empty());
            assert!(ledger.open_pause().is_some());
        }
        // An agent's reply never ends the wait.
        let mut ledger = waiting_since(0, ClientInfo);
        let e = comment_effects(CommentKind::AgentReply, None, Some(ClientInfo), &mut ledger, t(50)).unwrap();
        assert!(e.wait.is_empty());
    }
}
