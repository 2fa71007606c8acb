//! Changes to a ticket that are not moves between columns: its priority,
//! its assignee, whether it waits for the client and the estimate of the
//! work (SPEC §2–3). Who may
//! make each, and in which statuses, is decided here once; the server asks
//! [`check_edit`] and the ticket page offers only what it allows.

use super::{can_wait, Category, CommentBody, LevelMark, Permission, Priority, Role, Status, WaitingReason};
use crate::sla::{check_level_mark, LevelMarkError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One change. JSON: `{"field":"priority","value":"high"}`,
/// `{"field":"assignee","value":7}`, `{"field":"waiting","value":null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Changes the SLA targets: the policy's target follows the priority.
    Priority(Priority),
    /// A user id, or `None` to unassign.
    Assignee(Option<i64>),
    /// Starts (or changes) a wait, pausing the SLA clock; `None` ends it.
    Waiting(Option<WaitingReason>),
    /// The work estimated in working hours (1 to [`MAX_ESTIMATE_HOURS`]),
    /// `None` to clear it. Under a policy that resolves change requests
    /// "by estimate" (seed 000 §5) it is their resolution target.
    Estimate(Option<u32>),
    /// Plans the ticket into a sprint (its id), or takes it out (`None`).
    /// Whether the sprint exists and has not ended is the store's to say.
    Sprint(Option<i64>),
    /// Corrects the category, which drives the SLA targets (recomputed from
    /// `received_at`).
    Category(Category),
    /// Confirms an emergency (`emergency`), hands the ticket to development
    /// (`development`), or returns it to its contract's level (`contract`):
    /// the ticket's level and targets follow (`domain::sla::ticket_level`).
    Level(LevelMark),
}

/// The largest estimate accepted, in working hours (about five working years).
pub const MAX_ESTIMATE_HOURS: u32 = 10_000;

impl Edit {
    /// The history field this change is recorded under.
    pub fn field(&self) -> &'static str {
        match self {
            Edit::Priority(_) => "priority",
            Edit::Assignee(_) => "assignee",
            Edit::Waiting(_) => "waiting",
            Edit::Estimate(_) => "estimate",
            Edit::Sprint(_) => "sprint",
            Edit::Category(_) => "category",
            Edit::Level(_) => "level",
        }
    }
}

/// What the ticket is now, as far as an edit is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditTarget {
    pub status: Status,
    pub priority: Priority,
    pub assignee: Option<i64>,
    pub waiting: Option<WaitingReason>,
    /// Working hours.
    pub estimate: Option<u32>,
    pub sprint: Option<i64>,
    pub category: Category,
    pub level_mark: LevelMark,
    /// Whether the organisation had a valid contract when the client
    /// contacted us: no emergency support without one.
    pub has_contract: bool,
}

/// Why an edit is refused. The messages are shown to the user as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// This role may not make this change.
    NotPermitted { field: &'static str, role: Role },
    /// The ticket is archived: closed tickets are not changed.
    Closed,
    /// The ticket is in a column where it cannot wait.
    CannotWaitIn(Status),
    /// A client may end only a wait for their approval.
    ClientMayNotEndWait(WaitingReason),
    /// The new assignee is not an agent who works tickets.
    NotAnAgent,
    /// An estimate of no hours, or of more than [`MAX_ESTIMATE_HOURS`].
    EstimateOutOfRange,
    /// The value is the one the ticket already has.
    Unchanged,
    /// An emergency is confirmed only under a valid contract.
    NoContract,
    /// A wait for the client was started without the message that tells
    /// them what is asked of them (or, for payment, what is due).
    WaitNeedsMessage(WaitingReason),
    /// A message came with a change that sends none (only a wait does).
    MessageOnlyWithWait,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotPermitted { field, role } => {
                write!(f, "A {role} may not change the {field} of a ticket.")
            }
            EditError::Closed => f.write_str("The ticket is archived; archived tickets are not changed."),
            EditError::CannotWaitIn(status) => write!(
                f,
                "A ticket in {status} cannot wait for the client: only Backlog, Sprint, In progress and Done can."
            ),
            EditError::ClientMayNotEndWait(reason) => write!(
                f,
                "Only support can end a wait for {reason}; reply to the ticket if they asked you for information."
            ),
            EditError::NotAnAgent => {
                f.write_str("Tickets are assigned to operators, consultants or leads only.")
            }
            EditError::EstimateOutOfRange => {
                write!(f, "An estimate is 1 to {MAX_ESTIMATE_HOURS} working hours.")
            }
            EditError::Unchanged => f.write_str("The ticket already has this value."),
            EditError::NoContract => f.write_str(
                "The organisation has no valid contract: emergency support is given only under one.",
            ),
            EditError::WaitNeedsMessage(reason) => write!(
                f,
                "A wait for {reason} starts with a public message telling the client what is asked of them."
            ),
            EditError::MessageOnlyWithWait => {
                f.write_str("Only a wait for the client is sent with a message; post other replies as comments.")
            }
        }
    }
}

impl std::error::Error for EditError {}

impl EditError {
    /// A stable name of the refusal, for programs and for wording it in the
    /// reader's language (the `Display` text is English, for API users).
    pub fn code(&self) -> &'static str {
        match self {
            EditError::NotPermitted { .. } => "field_not_permitted",
            EditError::Closed => "ticket_closed",
            EditError::CannotWaitIn(_) => "cannot_wait_in",
            EditError::ClientMayNotEndWait(_) => "client_may_not_end_wait",
            EditError::NotAnAgent => "not_an_agent",
            EditError::EstimateOutOfRange => "estimate_out_of_range",
            EditError::Unchanged => "unchanged",
            EditError::NoContract => "no_contract",
            EditError::WaitNeedsMessage(_) => "wait_needs_message",
            EditError::MessageOnlyWithWait => "message_only_with_wait",
        }
    }

    /// Every code [`EditError::code`] gives.
    pub const CODES: [&'static str; 10] = [
        "field_not_permitted",
        "ticket_closed",
        "cannot_wait_in",
        "client_may_not_end_wait",
        "not_an_agent",
        "estimate_out_of_range",
        "unchanged",
        "no_contract",
        "wait_needs_message",
        "message_only_with_wait",
    ];
}

/// Whether `role` may make `edit` to `ticket`. `assignee_role` is the role
/// of the user an assignment names (`None` when unassigning or unknown to
/// the caller, which the store then reports as missing).
pub fn check_edit(
    edit: &Edit,
    ticket: &EditTarget,
    role: Role,
    assignee_role: Option<Role>,
) -> Result<(), EditError> {
    if ticket.status == Status::Archive {
        return Err(EditError::Closed);
    }
    let refuse = || EditError::NotPermitted { field: edit.field(), role };
    match *edit {
        Edit::Priority(priority) => {
            if !role.can(Permission::ChangePriority) {
                return Err(refuse());
            }
            if priority == ticket.priority {
                return Err(EditError::Unchanged);
            }
        }
        Edit::Assignee(assignee) => {
            // Taking and handing over work is the first line's job (SPEC §1:
            // operators move backlog ↔ in progress); clients never assign.
            if !role.can(Permission::StartWork) {
                return Err(refuse());
            }
            if assignee == ticket.assignee {
                return Err(EditError::Unchanged);
            }
            if assignee.is_some() && !assignee_role.is_some_and(is_assignable) {
                return Err(EditError::NotAnAgent);
            }
        }
        Edit::Waiting(Some(reason)) => {
            if !role.can(Permission::RequestInfo) {
                return Err(refuse());
            }
            if !can_wait(ticket.status) {
                return Err(EditError::CannotWaitIn(ticket.status));
            }
            if ticket.waiting == Some(reason) {
                return Err(EditError::Unchanged);
            }
        }
        Edit::Estimate(hours) => {
            // Estimating the work is the second line's (consultants and
            // leads), who also finish it.
            if !role.can(Permission::FinishWork) {
                return Err(refuse());
            }
            if hours.is_some_and(|h| h == 0 || h > MAX_ESTIMATE_HOURS) {
                return Err(EditError::EstimateOutOfRange);
            }
            if hours == ticket.estimate {
                return Err(EditError::Unchanged);
            }
        }
        Edit::Sprint(sprint) => {
            // Planning sprints is the project lead's (SPEC §1, §5).
            if !role.can(Permission::ManageSprints) {
                return Err(refuse());
            }
            if sprint == ticket.sprint {
                return Err(EditError::Unchanged);
            }
        }
        Edit::Category(category) => {
            // Classifying is the first line's (SPEC §1: operators set category).
            if !role.can(Permission::SetCategoryPriority) {
                return Err(refuse());
            }
            if category == ticket.category {
                return Err(EditError::Unchanged);
            }
        }
        Edit::Level(to) => {
            check_level_mark(ticket.level_mark, to, role, ticket.has_contract).map_err(|e| match e {
                LevelMarkError::NotPermitted => refuse(),
                LevelMarkError::NoContract => EditError::NoContract,
                LevelMarkError::Unchanged => EditError::Unchanged,
            })?;
        }
        Edit::Waiting(None) => {
            let Some(current) = ticket.waiting else { return Err(EditError::Unchanged) };
            // Support ends any wait. A client ends the wait for their
            // approval by approving (seed 003 §3.4); a wait for information
            // ends with their reply, and one for payment when support sees it.
            let client_approves =
                current == WaitingReason::ClientApproval && role.can(Permission::ApproveAction);
            if !role.can(Permission::RequestInfo) && !client_approves {
                return Err(if role == Role::Client {
                    EditError::ClientMayNotEndWait(current)
                } else {
                    refuse()
                });
            }
        }
    }
    Ok(())
}

/// A wait for the client started the one honest way (SPEC §3): with the
/// public message that says what is asked of them — the question, the
/// approval sought, or what is due. The message is posted with the wait and,
/// being a public agent reply, is the reaction; the client sees it on the
/// card and the page for as long as the wait lasts. Only [`with_message`]
/// makes one, so a pause without its question cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitRequest {
    reason: WaitingReason,
    message: CommentBody,
}

impl WaitRequest {
    pub fn reason(&self) -> WaitingReason {
        self.reason
    }

    pub fn message(&self) -> &CommentBody {
        &self.message
    }
}

/// What an `edit` that [`check_edit`] allowed sends with it: a wait for the
/// client needs `message` and becomes a [`WaitRequest`]; any other change
/// takes none (a reply alone is a comment). Checked on the server whatever
/// the form did.
pub fn with_message(edit: &Edit, message: Option<CommentBody>) -> Result<Option<WaitRequest>, EditError> {
    match (*edit, message) {
        (Edit::Waiting(Some(reason)), Some(message)) => Ok(Some(WaitRequest { reason, message })),
        (Edit::Waiting(Some(reason)), None) => Err(EditError::WaitNeedsMessage(reason)),
        (_, Some(_)) => Err(EditError::MessageOnlyWithWait),
        (_, None) => Ok(None),
    }
}

/// Who tickets can be assigned to: the agents who work them. Admins run the
/// product, not tickets; clients ask.
pub fn is_assignable(role: Role) -> bool {
    matches!(role, Role::Operator | Role::Consultant | Role::Lead)
}

/// The edits the ticket page offers `role` on `ticket`: the fields they may
/// change at all (values are then checked one by one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EditRights {
    pub priority: bool,
    pub assignee: bool,
    /// May start or change a wait.
    pub start_wait: bool,
    /// May end the current wait.
    pub end_wait: bool,
    /// May set or clear the estimate.
    #[serde(default)]
    pub estimate: bool,
    /// May plan the ticket into a sprint or take it out.
    #[serde(default)]
    pub sprint: bool,
    /// May correct the category.
    #[serde(default)]
    pub category: bool,
    /// May confirm an emergency (or withdraw the confirmation).
    #[serde(default)]
    pub emergency: bool,
    /// May hand the ticket to development (or take it back).
    #[serde(default)]
    pub development: bool,
}

pub fn edit_rights(ticket: &EditTarget, role: Role) -> EditRights {
    let may = |edit: Edit| match check_edit(&edit, ticket, role, Some(Role::Operator)) {
        Ok(()) | Err(EditError::NotAnAgent) => true,
        Err(_) => false,
    };
    // Each probe uses a value that differs from the ticket's, so that
    // "unchanged" never hides a right (nor is taken for one).
    let other_priority = if ticket.priority == Priority::Normal { Priority::High } else { Priority::Normal };
    let other_wait = if ticket.waiting == Some(WaitingReason::Payment) {
        WaitingReason::ClientInfo
    } else {
        WaitingReason::Payment
    };
    EditRights {
        priority: may(Edit::Priority(other_priority)),
        assignee: may(Edit::Assignee(Some(i64::MIN))),
        start_wait: may(Edit::Waiting(Some(other_wait))),
        end_wait: ticket.waiting.is_some() && may(Edit::Waiting(None)),
        estimate: may(Edit::Estimate(Some(if ticket.estimate == Some(1) { 2 } else { 1 }))),
        sprint: may(Edit::Sprint(Some(ticket.sprint.map_or(1, |s| s.wrapping_add(1))))),
        category: may(Edit::Category(if ticket.category == Category::Incident {
            Category::Consultation
        } else {
            Category::Incident
        })),
        // Probed as the way in or the way out, whichever the ticket offers;
        // a ticket without a contract offers no emergency.
        emergency: may(Edit::Level(if ticket.level_mark == LevelMark::Emergency {
            LevelMark::Contract
        } else {
            LevelMark::Emergency
        })),
        development: may(Edit::Level(if ticket.level_mark == LevelMark::Development {
            LevelMark::Contract
        } else {
            LevelMark::Development
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> CommentBody {
        CommentBody::parse(text).unwrap()
    }

    #[test]
    fn every_wait_for_the_client_starts_with_its_message() {
        for &reason in WaitingReason::ALL {
            let start = Edit::Waiting(Some(reason));
            assert_eq!(with_message(&start, None), Err(EditError::WaitNeedsMessage(reason)));
            let asked = with_message(&start, Some(body("Which version do you run?"))).unwrap().unwrap();
            assert_eq!((asked.reason(), asked.message().as_str()), (reason, "Which version do you run?"));
        }
    }

    #[test]
    fn only_a_wait_carries_a_message() {
        assert_eq!(with_message(&Edit::Waiting(None), None), Ok(None));
        assert_eq!(with_message(&Edit::Priority(Priority::High), None), Ok(None));
        for edit in [Edit::Waiting(None), Edit::Priority(Priority::High), Edit::Estimate(Some(3))] {
            assert_eq!(with_message(&edit, Some(body("hello"))), Err(EditError::MessageOnlyWithWait));
        }
    }

    fn ticket(status: Status) -> EditTarget {
        EditTarget {
            status,
            priority: Priority::Normal,
            assignee: None,
            waiting: None,
            estimate: None,
            sprint: None,
            category: Category::Incident,
            level_mark: LevelMark::Contract,
            has_contract: true,
        }
    }

    #[test]
    fn every_refusal_has_its_own_listed_code_and_an_english_sentence() {
        let all = [
            EditError::NotPermitted { field: "priority", role: Role::Client },
            EditError::Closed,
            EditError::CannotWaitIn(Status::Release),
            EditError::ClientMayNotEndWait(WaitingReason::Payment),
            EditError::NotAnAgent,
            EditError::EstimateOutOfRange,
            EditError::Unchanged,
            EditError::NoContract,
            EditError::WaitNeedsMessage(WaitingReason::ClientApproval),
            EditError::MessageOnlyWithWait,
        ];
        let codes: std::collections::HashSet<&str> = all.iter().map(EditError::code).collect();
        assert_eq!(codes.len(), all.len(), "codes are distinct");
        assert_eq!(codes, EditError::CODES.into_iter().collect(), "CODES lists exactly these");
        for e in &all {
            let text = e.to_string();
            assert!(text.len() > 20 && text.ends_with('.'), "{e:?}: {text}");
        }
        assert!(all[0].to_string().contains("priority"), "names the field");
    }

    #[test]
    fn the_largest_estimate_is_allowed_and_one_more_is_not() {
        let t = ticket(Status::InProgress);
        let max = Edit::Estimate(Some(MAX_ESTIMATE_HOURS));
        assert_eq!(check_edit(&max, &t, Role::Consultant, None), Ok(()));
        let over = Edit::Estimate(Some(MAX_ESTIMATE_HOURS + 1));
        assert_eq!(check_edit(&over, &t, Role::Consultant, None), Err(EditError::EstimateOutOfRange));
        let zero = Edit::Estimate(Some(0));
        assert_eq!(check_edit(&zero, &t, Role::Consultant, None), Err(EditError::EstimateOutOfRange));
    }

    #[test]
    fn rights_hold_whatever_value_the_ticket_already_has() {
        // The probes must differ from the ticket's own values: a probe equal
        // to them would be "unchanged", which is no right.
        for priority in [Priority::Normal, Priority::High] {
            for waiting in [None, Some(WaitingReason::Payment), Some(WaitingReason::ClientInfo)] {
                for estimate in [None, Some(1), Some(2)] {
                    let t = EditTarget { priority, waiting, estimate, ..ticket(Status::InProgress) };
                    let lead = edit_rights(&t, Role::Lead);
                    assert!(lead.priority && lead.start_wait && lead.estimate && lead.sprint, "{t:?}");
                    assert_eq!(lead.end_wait, waiting.is_some(), "{t:?}");
                    let client = edit_rights(&t, Role::Client);
                    assert!(!client.priority && !client.estimate && !client.sprint, "{t:?}");
                    // Neither a wait for payment nor for information is the
                    // client's to end (they answer instead).
                    assert!(!client.end_wait, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn priority_is_changed_by_operators_and_above_only() {
        let t = ticket(Status::Backlog);
        let edit = Edit::Priority(Priority::Critical);
        for role in [Role::Operator, Role::Consultant, Role::Lead] {
            assert_eq!(check_edit(&edit, &t, role, None), Ok(()), "{role}");
        }
        for role in [Role::Client, Role::Admin] {
            assert_eq!(
                check_edit(&edit, &t, role, None),
                Err(EditError::NotPermitted { field: "priority", role })
            );
        }
        assert_eq!(
            check_edit(&Edit::Priority(Priority::Normal), &t, Role::Lead, None),
            Err(EditError::Unchanged)
        );
    }

    #[test]
    fn the_second_line_estimates_the_work() {
        let t = ticket(Status::InProgress);
        for role in [Role::Consultant, Role::Lead] {
            assert_eq!(check_edit(&Edit::Estimate(Some(16)), &t, role, None), Ok(()), "{role}");
            assert!(edit_rights(&t, role).estimate);
        }
        for role in [Role::Client, Role::Operator, Role::Admin] {
            assert_eq!(
                check_edit(&Edit::Estimate(Some(16)), &t, role, None),
                Err(EditError::NotPermitted { field: "estimate", role })
            );
            assert!(!edit_rights(&t, role).estimate);
        }
        for hours in [0, MAX_ESTIMATE_HOURS + 1] {
            assert_eq!(
                check_edit(&Edit::Estimate(Some(hours)), &t, Role::Lead, None),
                Err(EditError::EstimateOutOfRange)
            );
        }
        let estimated = EditTarget { estimate: Some(16), ..t };
        assert_eq!(
            check_edit(&Edit::Estimate(Some(16)), &estimated, Role::Lead, None),
            Err(EditError::Unchanged)
        );
        assert_eq!(check_edit(&Edit::Estimate(None), &estimated, Role::Lead, None), Ok(()));
        assert_eq!(check_edit(&Edit::Estimate(None), &t, Role::Lead, None), Err(EditError::Unchanged));
        assert!(edit_rights(&estimated, Role::Consultant).estimate);
    }

    #[test]
    fn leads_plan_tickets_into_sprints() {
        let t = ticket(Status::Backlog);
        assert_eq!(check_edit(&Edit::Sprint(Some(3)), &t, Role::Lead, None), Ok(()));
        assert!(edit_rights(&t, Role::Lead).sprint);
        for role in [Role::Client, Role::Operator, Role::Consultant, Role::Admin] {
            assert_eq!(
                check_edit(&Edit::Sprint(Some(3)), &t, role, None),
                Err(EditError::NotPermitted { field: "sprint", role })
            );
            assert!(!edit_rights(&t, role).sprint, "{role}");
        }
        let planned = EditTarget { sprint: Some(3), ..t };
        assert_eq!(check_edit(&Edit::Sprint(Some(3)), &planned, Role::Lead, None), Err(EditError::Unchanged));
        assert_eq!(check_edit(&Edit::Sprint(None), &planned, Role::Lead, None), Ok(()));
        assert!(edit_rights(&planned, Role::Lead).sprint);
    }

    #[test]
    fn archived_tickets_are_not_changed_by_anyone() {
        let t = ticket(Status::Archive);
        for role in Role::ALL {
            assert_eq!(check_edit(&Edit::Priority(Priority::High), &t, *role, None), Err(EditError::Closed));
        }
    }

    #[test]
    fn tickets_are_assigned_to_agents_by_agents() {
        let t = ticket(Status::InProgress);
        let assign = Edit::Assignee(Some(7));
        assert_eq!(check_edit(&assign, &t, Role::Operator, Some(Role::Consultant)), Ok(()));
        assert_eq!(check_edit(&assign, &t, Role::Lead, Some(Role::Lead)), Ok(()));
        for target in [Some(Role::Client), Some(Role::Admin), None] {
            assert_eq!(check_edit(&assign, &t, Role::Operator, target), Err(EditError::NotAnAgent));
        }
        assert_eq!(
            check_edit(&assign, &t, Role::Client, Some(Role::Operator)),
            Err(EditError::NotPermitted { field: "assignee", role: Role::Client })
        );
        let assigned = EditTarget { assignee: Some(7), ..t };
        assert_eq!(
            check_edit(&assign, &assigned, Role::Operator, Some(Role::Operator)),
            Err(EditError::Unchanged)
        );
        assert_eq!(check_edit(&Edit::Assignee(None), &assigned, Role::Operator, None), Ok(()));
    }

    #[test]
    fn waits_start_in_active_columns_only() {
        let edit = Edit::Waiting(Some(WaitingReason::ClientInfo));
        for status in [Status::Backlog, Status::Sprint, Status::InProgress, Status::Done] {
            assert_eq!(check_edit(&edit, &ticket(status), Role::Operator, None), Ok(()), "{status}");
        }
        assert_eq!(
            check_edit(&edit, &ticket(Status::Release), Role::Operator, None),
            Err(EditError::CannotWaitIn(Status::Release))
        );
        assert_eq!(
            check_edit(&edit, &ticket(Status::Backlog), Role::Client, None),
            Err(EditError::NotPermitted { field: "waiting", role: Role::Client })
        );
        // Changing the reason of a wait is allowed; repeating it is not.
        let waiting = EditTarget { waiting: Some(WaitingReason::ClientInfo), ..ticket(Status::Sprint) };
        assert_eq!(check_edit(&edit, &waiting, Role::Operator, None), Err(EditError::Unchanged));
        assert_eq!(
            check_edit(&Edit::Waiting(Some(WaitingReason::Payment)), &waiting, Role::Operator, None),
            Ok(())
        );
    }

    #[test]
    fn a_client_ends_only_a_wait_for_their_approval() {
        let end = Edit::Waiting(None);
        let waiting_for = |reason| EditTarget { waiting: Some(reason), ..ticket(Status::InProgress) };
        assert_eq!(check_edit(&end, &waiting_for(WaitingReason::ClientApproval), Role::Client, None), Ok(()));
        for reason in [WaitingReason::ClientInfo, WaitingReason::Payment] {
            assert_eq!(
                check_edit(&end, &waiting_for(reason), Role::Client, None),
                Err(EditError::ClientMayNotEndWait(reason))
            );
            assert_eq!(check_edit(&end, &waiting_for(reason), Role::Operator, None), Ok(()));
        }
        assert_eq!(
            check_edit(&end, &ticket(Status::Backlog), Role::Operator, None),
            Err(EditError::Unchanged)
        );
    }

    #[test]
    fn the_page_offers_what_the_rules_allow() {
        let t = EditTarget { waiting: Some(WaitingReason::ClientApproval), ..ticket(Status::InProgress) };
        assert_eq!(
            edit_rights(&t, Role::Client),
            EditRights {
                priority: false,
                assignee: false,
                start_wait: false,
                end_wait: true,
                estimate: false,
                sprint: false,
                category: false,
                emergency: false,
                development: false,
            }
        );
        assert_eq!(
            edit_rights(&t, Role::Operator),
            EditRights {
                priority: true,
                assignee: true,
                start_wait: true,
                end_wait: true,
                estimate: false,
                sprint: false,
                category: true,
                emergency: true,
                development: false,
            }
        );
        assert_eq!(
            edit_rights(&t, Role::Lead),
            EditRights {
                priority: true,
                assignee: true,
                start_wait: true,
                end_wait: true,
                estimate: true,
                sprint: true,
                category: true,
                emergency: true,
                development: true,
            }
        );
        assert_eq!(edit_rights(&ticket(Status::Archive), Role::Lead), EditRights::default());
        let released = edit_rights(&ticket(Status::Release), Role::Operator);
        assert!(released.priority && !released.start_wait && !released.end_wait);
    }

    #[test]
    fn edits_read_and_write_the_documented_json() {
        let e: Edit = serde_json::from_str(r#"{"field":"priority","value":"high"}"#).unwrap();
        assert_eq!(e, Edit::Priority(Priority::High));
        let e: Edit = serde_json::from_str(r#"{"field":"waiting","value":null}"#).unwrap();
        assert_eq!(e, Edit::Waiting(None));
        assert_eq!(
            serde_json::to_string(&Edit::Assignee(Some(7))).unwrap(),
            r#"{"field":"assignee","value":7}"#
        );
        assert!(serde_json::from_str::<Edit>(r#"{"field":"status","value":"archive"}"#).is_err());
        assert!(serde_json::from_str::<Edit>(r#"{"field":"priority","value":"high","org":1}"#).is_err());
    }

    #[test]
    fn category_and_level_marks_follow_the_roles() {
        let t = ticket(Status::InProgress);
        let emergency = Edit::Level(LevelMark::Emergency);
        let development = Edit::Level(LevelMark::Development);
        let category = Edit::Category(Category::Consultation);
        assert_eq!(check_edit(&category, &t, Role::Operator, None), Ok(()));
        assert_eq!(check_edit(&emergency, &t, Role::Operator, None), Ok(()));
        assert_eq!(
            check_edit(&development, &t, Role::Operator, None),
            Err(EditError::NotPermitted { field: "level", role: Role::Operator })
        );
        assert_eq!(check_edit(&development, &t, Role::Consultant, None), Ok(()));
        for e in [emergency, development, category] {
            assert_eq!(
                check_edit(&e, &t, Role::Client, None),
                Err(EditError::NotPermitted { field: e.field(), role: Role::Client })
            );
        }
        let same = Edit::Category(Category::Incident);
        assert_eq!(check_edit(&same, &t, Role::Lead, None), Err(EditError::Unchanged));
        let no_contract = EditTarget { has_contract: false, ..t };
        assert_eq!(check_edit(&emergency, &no_contract, Role::Lead, None), Err(EditError::NoContract));
        let archived = ticket(Status::Archive);
        assert_eq!(check_edit(&emergency, &archived, Role::Lead, None), Err(EditError::Closed));

        let rights = |t: &EditTarget, role| edit_rights(t, role);
        let op = rights(&t, Role::Operator);
        assert!(op.category && op.emergency && !op.development);
        let lead = rights(&EditTarget { level_mark: LevelMark::Emergency, ..t }, Role::Lead);
        assert!(lead.emergency && lead.development, "withdraw, or hand over");
        assert!(!rights(&no_contract, Role::Lead).emergency);
        let client = rights(&t, Role::Client);
        assert!(!client.category && !client.emergency && !client.development);
    }
}
