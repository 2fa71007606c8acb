//! Which mails an event sends, and to whom: the notification rules, once.
//!
//! The outbox planner follows the event log and asks [`plan`] for each
//! event; it then finds the people behind each [`Recipient`], drops the
//! actor (nobody is mailed about their own change) and whoever switched
//! that kind off, and renders the mails.

use crate::event::TicketEvent;
use crate::ticket::{Role, Status, WaitingReason};

/// A kind of mail the desk sends. Its code is stored with each outbox row
/// and names the switch in a person's notification settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailKind {
    /// "We registered your request SUP-n": seed 004 §3.8 counts a request
    /// as accepted only once the client has this letter, so it cannot be
    /// switched off.
    Acknowledgement,
    /// An agent's public reply, to the client.
    Reply,
    /// The client wrote on their ticket, to the agent working it.
    ClientReplied,
    /// The desk waits for information from the client.
    InfoRequested,
    /// The desk waits for the client's approval before acting (seed 003).
    ApprovalRequested,
    /// The desk waits for payment.
    PaymentRequested,
    /// The fix is released: check it, then accept or reopen.
    Released,
    /// The desk rejected the request, with its reason.
    Rejected,
    /// A clock passed its at-risk instant, to the assignee and the leads.
    SlaAtRisk,
    /// A clock passed its deadline, to the assignee and the leads.
    SlaBreached,
    /// A mail from an unknown sender was not registered (mail intake).
    Refusal,
    /// A question to a second-line department, to its email channels.
    Escalation,
    /// A department's deadline passed unanswered, to the assignee and the
    /// leads.
    EscalationOverdue,
    /// The desk proposes a later resolution deadline: agree or decline, on
    /// the page or by answering the mail (seed 004).
    ExtensionProposed,
    /// The client agreed to or declined a proposed deadline, to the agent
    /// working the ticket.
    ExtensionAnswered,
}

impl MailKind {
    pub const ALL: [MailKind; 15] = [
        MailKind::Acknowledgement,
        MailKind::Reply,
        MailKind::ClientReplied,
        MailKind::InfoRequested,
        MailKind::ApprovalRequested,
        MailKind::PaymentRequested,
        MailKind::Released,
        MailKind::Rejected,
        MailKind::SlaAtRisk,
        MailKind::SlaBreached,
        MailKind::Refusal,
        MailKind::Escalation,
        MailKind::EscalationOverdue,
        MailKind::ExtensionProposed,
        MailKind::ExtensionAnswered,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::Acknowledgement => "acknowledgement",
            MailKind::Reply => "reply",
            MailKind::ClientReplied => "client_replied",
            MailKind::InfoRequested => "info_requested",
            MailKind::ApprovalRequested => "approval_requested",
            MailKind::PaymentRequested => "payment_requested",
            MailKind::Released => "released",
            MailKind::Rejected => "rejected",
            MailKind::SlaAtRisk => "sla_at_risk",
            MailKind::SlaBreached => "sla_breached",
            MailKind::Refusal => "refusal",
            MailKind::Escalation => "escalation",
            MailKind::EscalationOverdue => "escalation_overdue",
            MailKind::ExtensionProposed => "extension_proposed",
            MailKind::ExtensionAnswered => "extension_answered",
        }
    }

    pub fn from_code(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a person may switch this kind off. The acknowledgement is
    /// the proof of registration; the refusal and the escalation go to
    /// nobody with an account.
    pub fn optional(self) -> bool {
        !matches!(self, MailKind::Acknowledgement | MailKind::Refusal | MailKind::Escalation)
    }

    /// The kinds `role` receives at all: what its settings page lists.
    pub fn received_by(role: Role) -> Vec<MailKind> {
        let client = [
            MailKind::Reply,
            MailKind::InfoRequested,
            MailKind::ApprovalRequested,
            MailKind::PaymentRequested,
            MailKind::Released,
            MailKind::Rejected,
            MailKind::ExtensionProposed,
        ];
        let agent = [
            MailKind::ClientReplied,
            MailKind::SlaAtRisk,
            MailKind::SlaBreached,
            MailKind::EscalationOverdue,
            MailKind::ExtensionAnswered,
        ];
        match role {
            Role::Client => client.to_vec(),
            Role::Operator | Role::Consultant | Role::Lead => agent.to_vec(),
            Role::Admin => Vec::new(),
        }
    }
}

/// Who a mail goes to, by their relation to the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// The client who asked.
    Requester,
    /// The agent working the ticket; with nobody assigned, the leads, so
    /// that a client's words never land on nobody's desk.
    AssigneeOrLeads,
    /// The agent working the ticket and every lead.
    AssigneeAndLeads,
    /// The email channels of the department an escalation asks.
    Department,
}

/// The mails `event` sends, made by someone of `actor` role (`None`: the
/// system). Internal events send nothing to clients by construction: only
/// public events name the requester.
pub fn plan(event: &TicketEvent, actor: Option<Role>) -> Vec<(MailKind, Recipient)> {
    let by_agent = actor.is_some_and(Role::is_agent);
    let by_client = actor == Some(Role::Client);
    match event {
        TicketEvent::Created => vec![(MailKind::Acknowledgement, Recipient::Requester)],
        // Taken out of the unknown senders' queue: only now is it a request
        // of a known client, who gets its registration letter.
        TicketEvent::Sorted { .. } => vec![(MailKind::Acknowledgement, Recipient::Requester)],
        TicketEvent::Commented { internal: false, .. } if by_agent => {
            vec![(MailKind::Reply, Recipient::Requester)]
        }
        TicketEvent::Commented { internal: false, .. } if by_client => {
            vec![(MailKind::ClientReplied, Recipient::AssigneeOrLeads)]
        }
        TicketEvent::WaitingStarted { reason, .. } => {
            let kind = match reason {
                WaitingReason::ClientInfo => MailKind::InfoRequested,
                WaitingReason::ClientApproval => MailKind::ApprovalRequested,
                WaitingReason::Payment => MailKind::PaymentRequested,
            };
            vec![(kind, Recipient::Requester)]
        }
        TicketEvent::Moved { to: Status::Release, .. } => vec![(MailKind::Released, Recipient::Requester)],
        TicketEvent::Rejected { .. } => vec![(MailKind::Rejected, Recipient::Requester)],
        TicketEvent::SlaAtRisk { .. } => vec![(MailKind::SlaAtRisk, Recipient::AssigneeAndLeads)],
        TicketEvent::SlaBreached { .. } => vec![(MailKind::SlaBreached, Recipient::AssigneeAndLeads)],
        TicketEvent::Escalated { .. } => vec![(MailKind::Escalation, Recipient::Department)],
        TicketEvent::EscalationOverdue { .. } => {
            vec![(MailKind::EscalationOverdue, Recipient::AssigneeAndLeads)]
        }
        TicketEvent::EscalationAnswered { .. } | TicketEvent::EscalationWithdrawn { .. } => Vec::new(),
        TicketEvent::ExtensionProposed { .. } => vec![(MailKind::ExtensionProposed, Recipient::Requester)],
        TicketEvent::ExtensionAgreed { .. } | TicketEvent::ExtensionDeclined { .. } => {
            vec![(MailKind::ExtensionAnswered, Recipient::AssigneeOrLeads)]
        }
        TicketEvent::ExtensionWithdrawn { .. } => Vec::new(),
        TicketEvent::Commented { .. }
        | TicketEvent::Moved { .. }
        | TicketEvent::Edited(_)
        | TicketEvent::Planned { .. }
        | TicketEvent::WaitingEnded { .. }
        | TicketEvent::FirstResponse
        | TicketEvent::Attached { .. }
        | TicketEvent::Rated { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{FieldChange, Visibility};
    use crate::sla::ClockKind;
    use crate::ticket::Priority;

    fn due() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn every_kind_has_a_code_that_reads_back() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(MailKind::from_code("nope"), None);
    }

    #[test]
    fn registration_acknowledges_to_the_requester_whoever_registered() {
        for actor in [Some(Role::Client), Some(Role::Operator), None] {
            assert_eq!(
                plan(&TicketEvent::Created, actor),
                vec![(MailKind::Acknowledgement, Recipient::Requester)]
            );
        }
        assert!(!MailKind::Acknowledgement.optional());
    }

    #[test]
    fn a_public_reply_goes_to_the_other_side_and_a_note_to_nobody() {
        let public = TicketEvent::Commented { comment_id: 1, internal: false };
        let note = TicketEvent::Commented { comment_id: 2, internal: true };
        assert_eq!(plan(&public, Some(Role::Consultant)), vec![(MailKind::Reply, Recipient::Requester)]);
        assert_eq!(
            plan(&public, Some(Role::Client)),
            vec![(MailKind::ClientReplied, Recipient::AssigneeOrLeads)]
        );
        for actor in [Some(Role::Operator), Some(Role::Lead), None] {
            assert!(plan(&note, actor).is_empty());
        }
    }

    #[test]
    fn a_ticket_sorted_out_of_the_mail_queue_is_acknowledged_to_its_new_requester() {
        let sorted = TicketEvent::Sorted {
            from: "Unsorted mail".into(),
            to: "ООО «Ромашка»".into(),
            requester: "Анна".into(),
        };
        assert_eq!(
            plan(&sorted, Some(Role::Operator)),
            vec![(MailKind::Acknowledgement, Recipient::Requester)]
        );
        let file = TicketEvent::Attached {
            attachment_id: 1,
            name: "a.png".into(),
            comment_id: None,
            internal: false,
        };
        assert!(plan(&file, Some(Role::Client)).is_empty());
    }

    #[test]
    fn no_internal_event_mails_the_requester() {
        let internal = [
            TicketEvent::Commented { comment_id: 2, internal: true },
            TicketEvent::Planned { from: None, to: Some("S".into()) },
            TicketEvent::Edited(FieldChange::Assignee { from: None, to: Some("A".into()) }),
            TicketEvent::Edited(FieldChange::Estimate { from: None, to: Some(3) }),
        ];
        for e in internal {
            assert_eq!(e.visibility(), Visibility::Internal);
            for actor in [Some(Role::Client), Some(Role::Operator), None] {
                assert!(plan(&e, actor).iter().all(|(_, r)| *r != Recipient::Requester), "{e:?}");
            }
        }
    }

    #[test]
    fn each_wait_asks_the_client_for_its_own_thing() {
        let cases = [
            (WaitingReason::ClientInfo, MailKind::InfoRequested),
            (WaitingReason::ClientApproval, MailKind::ApprovalRequested),
            (WaitingReason::Payment, MailKind::PaymentRequested),
        ];
        for (reason, kind) in cases {
            assert_eq!(
                plan(&TicketEvent::WaitingStarted { reason, comment_id: Some(1) }, Some(Role::Operator)),
                vec![(kind, Recipient::Requester)]
            );
        }
        assert!(plan(&TicketEvent::WaitingEnded { reason: WaitingReason::ClientInfo }, None).is_empty());
    }

    #[test]
    fn release_rejection_and_sla_milestones() {
        let released = TicketEvent::Moved { from: Status::Done, to: Status::Release };
        assert_eq!(plan(&released, Some(Role::Lead)), vec![(MailKind::Released, Recipient::Requester)]);
        let archived = TicketEvent::Moved { from: Status::Release, to: Status::Archive };
        assert!(plan(&archived, None).is_empty());
        let rejected = TicketEvent::Rejected { reason: "дубликат".into() };
        assert_eq!(plan(&rejected, Some(Role::Operator)), vec![(MailKind::Rejected, Recipient::Requester)]);
        let risk = TicketEvent::SlaAtRisk { clock: ClockKind::Reaction, due: due() };
        assert_eq!(plan(&risk, None), vec![(MailKind::SlaAtRisk, Recipient::AssigneeAndLeads)]);
        let breach = TicketEvent::SlaBreached { clock: ClockKind::Resolution, due: due() };
        assert_eq!(plan(&breach, None), vec![(MailKind::SlaBreached, Recipient::AssigneeAndLeads)]);
        let edit = TicketEvent::Edited(FieldChange::Priority { from: Priority::Low, to: Priority::High });
        assert!(plan(&edit, Some(Role::Operator)).is_empty());
    }

    #[test]
    fn an_escalation_mails_its_department_and_an_overdue_one_the_assignee_and_leads() {
        let asked =
            TicketEvent::Escalated { escalation_id: 1, department: "Маркетинг".into(), due: due() };
        assert_eq!(plan(&asked, Some(Role::Consultant)), vec![(MailKind::Escalation, Recipient::Department)]);
        let overdue =
            TicketEvent::EscalationOverdue {
                escalation_id: 1, department: "Маркетинг".into(), due: due()
            };
        assert_eq!(plan(&overdue, None), vec![(MailKind::EscalationOverdue, Recipient::AssigneeAndLeads)]);
        let answered = TicketEvent::EscalationAnswered {
            escalation_id: 1,
            department: "Маркетинг".into(),
            comment_id: 3,
        };
        assert!(plan(&answered, Some(Role::Lead)).is_empty());
        assert!(!MailKind::Escalation.optional() && MailKind::EscalationOverdue.optional());
        assert!(MailKind::received_by(Role::Consultant).contains(&MailKind::EscalationOverdue));
        assert!(!MailKind::received_by(Role::Client).contains(&MailKind::EscalationOverdue));
    }

    #[test]
    fn settings_list_what_each_role_receives_and_only_switchable_kinds() {
        for role in [Role::Client, Role::Operator, Role::Consultant, Role::Lead, Role::Admin] {
            assert!(MailKind::received_by(role).iter().all(|k| k.optional()));
        }
        assert!(MailKind::received_by(Role::Client).contains(&MailKind::Reply));
        assert!(!MailKind::received_by(Role::Client).contains(&MailKind::SlaBreached));
        assert!(MailKind::received_by(Role::Lead).contains(&MailKind::SlaBreached));
    }
}
