//! What happened to a ticket: one event per committed change, appended to
//! the event log in the transaction that made the change. The ticket page's
//! history, the live board, notifications and reports all read these.
//!
//! Who may see an event is decided here, once ([`TicketEvent::visibility`]):
//! the API, the page and every later consumer ask this function.

use crate::sla::{ClockKind, SlaLevel};
use crate::ticket::{Category, LevelMark, Permission, Priority, Role, Status, WaitingReason};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One change of a ticket. Stored as JSON (`{"kind":"moved",…}`); the kind
/// is also a column, so readers can filter without parsing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TicketEvent {
    /// Registered in Backlog.
    Created,
    /// A status change: a person's move, or the system's automatic archive
    /// (the event's actor is then nobody).
    Moved { from: Status, to: Status },
    /// The reason given with a rejection, shown to the client.
    Rejected { reason: String },
    /// A field an agent changed.
    Edited(FieldChange),
    /// Planned into a sprint or taken out of one (by the sprints' names, so
    /// the line reads the same after a rename).
    Planned { from: Option<String>, to: Option<String> },
    /// The clock stopped to wait for the client. `comment_id` is the public
    /// message that asked them (SPEC §3); waits started before that rule
    /// have none.
    WaitingStarted {
        reason: WaitingReason,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment_id: Option<i64>,
    },
    /// The wait ended: the clock runs again.
    WaitingEnded { reason: WaitingReason },
    /// A public reply or an internal note.
    Commented { comment_id: i64, internal: bool },
    /// The first public agent reply: the reaction clock stopped.
    FirstResponse,
    /// A clock passed its at-risk instant.
    SlaAtRisk { clock: ClockKind, due: DateTime<Utc> },
    /// A clock passed its deadline.
    SlaBreached { clock: ClockKind, due: DateTime<Utc> },
    /// Taken out of the sorting queue of unknown senders' mail into the
    /// organisation it belongs to, with a requester there (organisations
    /// and requester by name, like sprints).
    Sorted { from: String, to: String, requester: String },
    /// A file attached to the ticket (`comment_id` none: with its
    /// registration or by itself) or to one of its comments; an internal
    /// note's file is `internal` like the note. `name` is the shown name.
    Attached { attachment_id: i64, name: String, comment_id: Option<i64>, internal: bool },
    /// The client rated an accepted release 1–5 (seed 000 §6), with an
    /// optional comment.
    Rated {
        score: crate::quality::Score,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// Asked a second-line department (by its name, like sprints), which
    /// must answer by `due` (seed 000 §7).
    Escalated { escalation_id: i64, department: String, due: DateTime<Utc> },
    /// The department's answer, entered as internal note `comment_id`.
    EscalationAnswered { escalation_id: i64, department: String, comment_id: i64 },
    /// The desk took the question back.
    EscalationWithdrawn { escalation_id: i64, department: String },
    /// The department's deadline passed unanswered (noted once, by the
    /// system).
    EscalationOverdue { escalation_id: i64, department: String, due: DateTime<Utc> },
    /// The desk proposed a later resolution deadline (`from` the one then
    /// standing, `to` the proposed one) with its reason (seed 004).
    ExtensionProposed { extension_id: i64, from: DateTime<Utc>, to: DateTime<Utc>, reason: String },
    /// A client agreed (`by_mail`: by answering the proposal's mail): the
    /// resolution clock counts to `to` from now on.
    ExtensionAgreed { extension_id: i64, from: DateTime<Utc>, to: DateTime<Utc>, by_mail: bool },
    /// A client declined: the deadline stays.
    ExtensionDeclined { extension_id: i64, to: DateTime<Utc>, by_mail: bool },
    /// The desk took the proposal back before an answer.
    ExtensionWithdrawn { extension_id: i64, to: DateTime<Utc> },
}

/// A field change with its values before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldChange {
    Priority {
        from: Priority,
        to: Priority,
    },
    /// By the agents' names, like sprints.
    Assignee {
        from: Option<String>,
        to: Option<String>,
    },
    /// Working hours.
    Estimate {
        from: Option<u32>,
        to: Option<u32>,
    },
    /// A corrected category (it drives the targets).
    Category {
        from: Category,
        to: Category,
    },
    /// An emergency confirmed or withdrawn, a ticket handed to development
    /// or taken back (`mark`, the new one), with the level before and after
    /// (equal where the policy keeps the level and changes only targets).
    Level {
        mark: LevelMark,
        from: SlaLevel,
        to: SlaLevel,
    },
}

/// Who may see an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The client and support alike.
    Public,
    /// Support only: internal notes and the desk's own planning.
    Internal,
}

impl Visibility {
    /// The widest visibility `role` may read: internal events for the
    /// desk, public ones for everybody else.
    pub fn readable_by(role: Role) -> Visibility {
        if role.can(Permission::SeeInternal) {
            Visibility::Internal
        } else {
            Visibility::Public
        }
    }

    /// Whether a reader who may read up to `self` sees an event of `event`.
    pub fn covers(self, event: Visibility) -> bool {
        self == Visibility::Internal || event == Visibility::Public
    }

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Internal => "internal",
        }
    }
}

impl TicketEvent {
    /// The stable kind code: the JSON tag and the `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            TicketEvent::Created => "created",
            TicketEvent::Moved { .. } => "moved",
            TicketEvent::Rejected { .. } => "rejected",
            TicketEvent::Edited(_) => "edited",
            TicketEvent::Planned { .. } => "planned",
            TicketEvent::WaitingStarted { .. } => "waiting_started",
            TicketEvent::WaitingEnded { .. } => "waiting_ended",
            TicketEvent::Commented { .. } => "commented",
            TicketEvent::FirstResponse => "first_response",
            TicketEvent::SlaAtRisk { .. } => "sla_at_risk",
            TicketEvent::SlaBreached { .. } => "sla_breached",
            TicketEvent::Sorted { .. } => "sorted",
            TicketEvent::Attached { .. } => "attached",
            TicketEvent::Rated { .. } => "rated",
            TicketEvent::Escalated { .. } => "escalated",
            TicketEvent::EscalationAnswered { .. } => "escalation_answered",
            TicketEvent::EscalationWithdrawn { .. } => "escalation_withdrawn",
            TicketEvent::EscalationOverdue { .. } => "escalation_overdue",
            TicketEvent::ExtensionProposed { .. } => "extension_proposed",
            TicketEvent::ExtensionAgreed { .. } => "extension_agreed",
            TicketEvent::ExtensionDeclined { .. } => "extension_declined",
            TicketEvent::ExtensionWithdrawn { .. } => "extension_withdrawn",
        }
    }

    /// Whether a client may see this event. Internal notes, sprint planning,
    /// estimates and who works the ticket are the desk's own business (SPEC
    /// §2: "not the sprint, estimate or internal assignee changes");
    /// everything that changes what the client waits for, or the SLA both
    /// sides watch, is public.
    pub fn visibility(&self) -> Visibility {
        match self {
            // Sorting names a stranger and the queue: the desk's business;
            // so is asking the second line (seed 000 §7: internal).
            TicketEvent::Commented { internal: true, .. }
            | TicketEvent::Escalated { .. }
            | TicketEvent::EscalationAnswered { .. }
            | TicketEvent::EscalationWithdrawn { .. }
            | TicketEvent::EscalationOverdue { .. }
            | TicketEvent::Attached { internal: true, .. }
            | TicketEvent::Planned { .. }
            | TicketEvent::Sorted { .. }
            | TicketEvent::Edited(FieldChange::Estimate { .. } | FieldChange::Assignee { .. }) => {
                Visibility::Internal
            }
            TicketEvent::Created
            | TicketEvent::Moved { .. }
            | TicketEvent::Rejected { .. }
            | TicketEvent::Edited(
                FieldChange::Priority { .. } | FieldChange::Category { .. } | FieldChange::Level { .. },
            )
            | TicketEvent::WaitingStarted { .. }
            | TicketEvent::WaitingEnded { .. }
            | TicketEvent::Commented { internal: false, .. }
            | TicketEvent::FirstResponse
            | TicketEvent::SlaAtRisk { .. }
            | TicketEvent::SlaBreached { .. }
            | TicketEvent::Attached { internal: false, .. }
            | TicketEvent::Rated { .. }
            // The deadline both sides watch, and the client's agreement to it.
            | TicketEvent::ExtensionProposed { .. }
            | TicketEvent::ExtensionAgreed { .. }
            | TicketEvent::ExtensionDeclined { .. }
            | TicketEvent::ExtensionWithdrawn { .. } => Visibility::Public,
        }
    }

    /// The stored JSON.
    pub fn to_json(&self) -> String {
        // Serialising these plain enums cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored JSON back.
    pub fn from_json(json: &str) -> Result<TicketEvent, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<TicketEvent> {
        let due = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        vec![
            TicketEvent::Created,
            TicketEvent::Moved { from: Status::Backlog, to: Status::Sprint },
            TicketEvent::Rejected { reason: "дубликат \"SUP-1\"".into() },
            TicketEvent::Edited(FieldChange::Priority { from: Priority::Normal, to: Priority::High }),
            TicketEvent::Edited(FieldChange::Assignee { from: None, to: Some("Ирина".into()) }),
            TicketEvent::Edited(FieldChange::Estimate { from: Some(8), to: None }),
            TicketEvent::Edited(FieldChange::Category {
                from: Category::Incident,
                to: Category::Consultation,
            }),
            TicketEvent::Edited(FieldChange::Level {
                mark: LevelMark::Emergency,
                from: SlaLevel::CommercialStandard,
                to: SlaLevel::CommercialOperative,
            }),
            TicketEvent::Planned { from: None, to: Some("Sprint 49".into()) },
            TicketEvent::WaitingStarted { reason: WaitingReason::ClientInfo, comment_id: None },
            TicketEvent::WaitingStarted { reason: WaitingReason::Payment, comment_id: Some(9) },
            TicketEvent::WaitingEnded { reason: WaitingReason::Payment },
            TicketEvent::Commented { comment_id: 7, internal: false },
            TicketEvent::Commented { comment_id: 8, internal: true },
            TicketEvent::FirstResponse,
            TicketEvent::SlaAtRisk { clock: ClockKind::Reaction, due },
            TicketEvent::SlaBreached { clock: ClockKind::Resolution, due },
            TicketEvent::Sorted {
                from: "Unsorted mail".into(),
                to: "ООО «Ромашка»".into(),
                requester: "Анна".into(),
            },
            TicketEvent::Attached {
                attachment_id: 3,
                name: "скриншот.png".into(),
                comment_id: None,
                internal: false,
            },
            TicketEvent::Attached {
                attachment_id: 4,
                name: "trace.log".into(),
                comment_id: Some(8),
                internal: true,
            },
            TicketEvent::Rated {
                score: crate::quality::Score::new(5).unwrap(),
                comment: Some("Спасибо".into()),
            },
            TicketEvent::Rated { score: crate::quality::Score::new(2).unwrap(), comment: None },
            TicketEvent::Escalated {
                escalation_id: 1, department: "Юридический отдел".into(), due
            },
            TicketEvent::EscalationAnswered {
                escalation_id: 1,
                department: "Юридический отдел".into(),
                comment_id: 9,
            },
            TicketEvent::EscalationWithdrawn { escalation_id: 2, department: "Маркетинг".into() },
            TicketEvent::EscalationOverdue { escalation_id: 3, department: "Маркетинг".into(), due },
            TicketEvent::ExtensionProposed {
                extension_id: 1,
                from: due,
                to: due + chrono::Duration::days(3),
                reason: "ждём исправления от поставщика".into(),
            },
            TicketEvent::ExtensionAgreed {
                extension_id: 1,
                from: due,
                to: due + chrono::Duration::days(3),
                by_mail: true,
            },
            TicketEvent::ExtensionDeclined { extension_id: 2, to: due, by_mail: false },
            TicketEvent::ExtensionWithdrawn { extension_id: 3, to: due },
        ]
    }

    #[test]
    fn every_event_survives_its_json_and_names_its_kind_in_it() {
        for e in every_kind() {
            let json = e.to_json();
            assert_eq!(TicketEvent::from_json(&json).unwrap(), e, "{json}");
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(v["kind"], e.kind(), "{json}");
        }
    }

    #[test]
    fn the_stored_shapes_are_stable() {
        // The migration writes these shapes from the old history table.
        let e = TicketEvent::Edited(FieldChange::Estimate { from: Some(8), to: None });
        assert_eq!(e.to_json(), r#"{"kind":"edited","field":"estimate","from":8,"to":null}"#);
        let e = TicketEvent::Moved { from: Status::Release, to: Status::Archive };
        assert_eq!(e.to_json(), r#"{"kind":"moved","from":"release","to":"archive"}"#);
        assert_eq!(TicketEvent::Created.to_json(), r#"{"kind":"created"}"#);
        let e = TicketEvent::Edited(FieldChange::Level {
            mark: LevelMark::Development,
            from: SlaLevel::CommercialStandard,
            to: SlaLevel::Development,
        });
        assert_eq!(
            e.to_json(),
            r#"{"kind":"edited","field":"level","mark":"development","from":"commercial_standard","to":"development"}"#
        );
        assert_eq!(
            TicketEvent::from_json(r#"{"kind":"commented","comment_id":3,"internal":true}"#).unwrap(),
            TicketEvent::Commented { comment_id: 3, internal: true }
        );
    }

    #[test]
    fn unknown_kinds_and_fields_are_refused() {
        assert!(TicketEvent::from_json(r#"{"kind":"deleted"}"#).is_err());
        assert!(TicketEvent::from_json(r#"{"kind":"moved","from":"backlog","to":"sprint","by":1}"#).is_err());
        assert!(TicketEvent::from_json(r#"{"from":"backlog","to":"sprint"}"#).is_err());
    }

    #[test]
    fn clients_never_see_notes_planning_estimates_or_assignments() {
        let internal: Vec<&str> = every_kind()
            .iter()
            .filter(|e| e.visibility() == Visibility::Internal)
            .map(|e| match e {
                TicketEvent::Edited(FieldChange::Estimate { .. }) => "estimate",
                TicketEvent::Edited(FieldChange::Assignee { .. }) => "assignee",
                other => other.kind(),
            })
            .collect();
        assert_eq!(
            internal,
            [
                "assignee",
                "estimate",
                "planned",
                "commented",
                "sorted",
                "attached",
                "escalated",
                "escalation_answered",
                "escalation_withdrawn",
                "escalation_overdue"
            ]
        );
        let public_file = TicketEvent::Attached {
            attachment_id: 1,
            name: "a.png".into(),
            comment_id: Some(7),
            internal: false,
        };
        assert_eq!(public_file.visibility(), Visibility::Public);
        assert_eq!(
            TicketEvent::Commented { comment_id: 1, internal: false }.visibility(),
            Visibility::Public
        );
        assert_eq!(Visibility::Internal.code(), "internal");
        assert_eq!(Visibility::readable_by(Role::Client), Visibility::Public);
        assert_eq!(Visibility::readable_by(Role::Admin), Visibility::Public);
        for agent in [Role::Operator, Role::Consultant, Role::Lead] {
            assert_eq!(Visibility::readable_by(agent), Visibility::Internal);
        }
        assert!(
            Visibility::Internal.covers(Visibility::Internal)
                && Visibility::Internal.covers(Visibility::Public)
        );
        assert!(
            Visibility::Public.covers(Visibility::Public) && !Visibility::Public.covers(Visibility::Internal)
        );
        assert_eq!(Visibility::Public.code(), "public");
    }
}
