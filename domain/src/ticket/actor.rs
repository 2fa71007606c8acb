//! Who acts on tickets and what each role may do (SPEC §1). Every permission
//! check — UI buttons, server calls, the lifecycle table — asks [`Role::can`],
//! so a rule changes here and nowhere else.
//!
//! Decisions where the SPEC leaves room:
//! - the agent roles nest: operator ⊂ consultant ⊂ lead;
//! - an admin manages configuration only and does not act on tickets, so
//!   that agent statistics (SLA compliance, ratings) count only agents and a
//!   configuration account cannot quietly work tickets; a person who does
//!   both needs an agent account too;
//! - operators may change a ticket's priority, not only set it at
//!   registration: seed 003 §3.3 and SPEC §2 say so, and §1's "consultant
//!   may change priority" follows from consultant ⊇ operator.

use super::UnknownValue;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role. One role per account. Deliberately not `Ord`: the
/// declaration order is not the hierarchy; ask [`Role::includes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A user of a customer organisation (Лицензиат / Користувач).
    Client,
    /// First line (Оператор СТП).
    Operator,
    /// Second line (Консультант СТП).
    Consultant,
    /// Project lead: runs sprints, sees reports.
    Lead,
    /// Manages organisations, contracts, calendars, policies, users.
    Admin,
}

impl Role {
    pub const ALL: &'static [Role] =
        &[Role::Client, Role::Operator, Role::Consultant, Role::Lead, Role::Admin];

    /// The stable code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Operator => "operator",
            Role::Consultant => "consultant",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }

    /// Support staff: the roles that work tickets of every organisation.
    pub fn is_agent(self) -> bool {
        self.agent_rank().is_some()
    }

    /// Whether this role may do everything `other` may. Agents nest
    /// (operator ⊂ consultant ⊂ lead); client and admin stand alone.
    pub fn includes(self, other: Role) -> bool {
        match (self.agent_rank(), other.agent_rank()) {
            (Some(mine), Some(theirs)) => mine >= theirs,
            _ => self == other,
        }
    }

    /// Whether this role holds `permission`.
    pub fn can(self, permission: Permission) -> bool {
        permission.granted_from().iter().any(|lowest| self.includes(*lowest))
    }

    fn agent_rank(self) -> Option<u8> {
        match self {
            Role::Operator => Some(1),
            Role::Consultant => Some(2),
            Role::Lead => Some(3),
            Role::Client | Role::Admin => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Role {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.code() == s)
            .ok_or_else(|| UnknownValue { kind: "role", value: s.to_string() })
    }
}

/// Something a role may or may not do. Organisation scoping (a client sees
/// only their own organisation) is checked separately, on every call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Create a ticket (a client: for their own organisation).
    CreateTicket,
    /// Register a ticket for a client who phoned, wrote or messaged, with
    /// the time they really contacted us.
    RegisterOnBehalf,
    /// Classify a new ticket: category and priority.
    SetCategoryPriority,
    /// Change the priority of a ticket already registered (recomputes SLA).
    ChangePriority,
    /// Reject a backlog ticket with a reason shown to the client.
    Reject,
    /// Post a public reply as support (the SLA reaction).
    Reply,
    /// Post an internal note clients never see.
    InternalNote,
    /// Put a ticket waiting for the client's information, approval or payment.
    RequestInfo,
    /// See every organisation's tickets.
    SeeAllOrganisations,
    /// See what is internal to the desk: internal notes, sprint planning,
    /// estimates (the events of `Visibility::Internal`).
    SeeInternal,
    /// Answer an info request with a public comment on one's own ticket.
    AnswerInfoRequest,
    /// Approve or refuse an action support asked permission for.
    ApproveAction,
    /// Rate a released ticket 1–5.
    Rate,
    /// Move backlog ↔ in progress and sprint → in progress.
    StartWork,
    /// Move in progress → done.
    FinishWork,
    /// Deliver: done → release, and in progress → release for consultations.
    Release,
    /// Accept a released ticket, which archives it.
    AcceptRelease,
    /// Send a released ticket back to sprint or in progress.
    Reopen,
    /// Extend a deadline, with the client's recorded agreement.
    ExtendDeadline,
    /// Confirm an outage or a critical error, giving the ticket the
    /// emergency level of its client's category, or withdraw it.
    ConfirmEmergency,
    /// Hand a ticket to development (its development level or targets), or
    /// take it back.
    MarkDevelopment,
    /// Escalate to a second-line department.
    Escalate,
    /// Create and run sprints, plan backlog tickets into them.
    ManageSprints,
    /// See reports: SLA compliance, ratings, burndown, velocity.
    SeeReports,
    /// Manage organisations, contracts, calendars, SLA policies,
    /// departments, users and reply templates.
    Administer,
}

impl Permission {
    pub const ALL: &'static [Permission] = &[
        Permission::CreateTicket,
        Permission::RegisterOnBehalf,
        Permission::SetCategoryPriority,
        Permission::ChangePriority,
        Permission::Reject,
        Permission::Reply,
        Permission::InternalNote,
        Permission::RequestInfo,
        Permission::SeeAllOrganisations,
        Permission::SeeInternal,
        Permission::AnswerInfoRequest,
        Permission::ApproveAction,
        Permission::Rate,
        Permission::StartWork,
        Permission::FinishWork,
        Permission::Release,
        Permission::AcceptRelease,
        Permission::Reopen,
        Permission::ExtendDeadline,
        Permission::ConfirmEmergency,
        Permission::MarkDevelopment,
        Permission::Escalate,
        Permission::ManageSprints,
        Permission::SeeReports,
        Permission::Administer,
    ];

    /// The lowest roles holding this permission; every role that includes
    /// one of them holds it too. This is the SPEC §1 table.
    fn granted_from(self) -> &'static [Role] {
        use Permission::*;
        match self {
            CreateTicket => &[Role::Client, Role::Operator],
            // Seed 003 §3.6: the client asks support to reopen, or does it.
            Reopen => &[Role::Client, Role::Operator],
            AnswerInfoRequest | ApproveAction | Rate | AcceptRelease => &[Role::Client],
            RegisterOnBehalf | SetCategoryPriority | ChangePriority | Reject | Reply | InternalNote
            | RequestInfo | SeeAllOrganisations | SeeInternal | StartWork | Release | ConfirmEmergency => {
                &[Role::Operator]
            }
            FinishWork | ExtendDeadline | Escalate | MarkDevelopment => &[Role::Consultant],
            ManageSprints | SeeReports => &[Role::Lead],
            Administer => &[Role::Admin],
        }
    }
}

/// Who performs an action: a person in a role, or the product itself
/// (scheduled jobs such as archiving a release nobody answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User(Role),
    System,
}

impl Actor {
    /// The person's role; `None` for the system.
    pub fn role(self) -> Option<Role> {
        match self {
            Actor::User(role) => Some(role),
            Actor::System => None,
        }
    }

    /// Permissions belong to people: the system holds none and may only do
    /// what the lifecycle reserves for it.
    pub fn can(self, permission: Permission) -> bool {
        self.role().is_some_and(|role| role.can(permission))
    }
}

impl From<Role> for Actor {
    fn from(role: Role) -> Actor {
        Actor::User(role)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::User(role) => role.fmt(f),
            Actor::System => f.write_str("system"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;
    use Role::*;

    /// SPEC §1, written out role by role, independently of `granted_from`.
    fn expected(role: Role) -> Vec<Permission> {
        let client = vec![CreateTicket, AnswerInfoRequest, ApproveAction, Rate, AcceptRelease, Reopen];
        let operator = vec![
            CreateTicket,
            RegisterOnBehalf,
            SetCategoryPriority,
            ChangePriority,
            Reject,
            Reply,
            InternalNote,
            RequestInfo,
            SeeAllOrganisations,
            SeeInternal,
            StartWork,
            Release,
            Reopen,
            ConfirmEmergency,
        ];
        let consultant =
            [operator.clone(), vec![FinishWork, ExtendDeadline, Escalate, MarkDevelopment]].concat();
        let lead = [consultant.clone(), vec![ManageSprints, SeeReports]].concat();
        match role {
            Client => client,
            Operator => operator,
            Consultant => consultant,
            Lead => lead,
            Admin => vec![Administer],
        }
    }

    #[test]
    fn every_role_and_permission_matches_the_spec() {
        for role in Role::ALL {
            let allowed = expected(*role);
            for permission in Permission::ALL {
                assert_eq!(role.can(*permission), allowed.contains(permission), "{role} / {permission:?}");
            }
        }
    }

    #[test]
    fn all_lists_every_permission_once() {
        // A new variant missing from ALL would escape the table test above.
        let json: Vec<String> = Permission::ALL.iter().map(|p| serde_json::to_string(p).unwrap()).collect();
        let mut unique = json.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), json.len());
        assert_eq!(Permission::ALL.len(), 25);
    }

    #[test]
    fn higher_agents_can_everything_lower_agents_can() {
        for permission in Permission::ALL {
            if Operator.can(*permission) {
                assert!(Consultant.can(*permission), "{permission:?}");
            }
            if Consultant.can(*permission) {
                assert!(Lead.can(*permission), "{permission:?}");
            }
        }
    }

    #[test]
    fn hierarchy() {
        assert!(Lead.includes(Operator));
        assert!(Consultant.includes(Consultant));
        assert!(!Operator.includes(Consultant));
        assert!(!Admin.includes(Operator));
        assert!(!Lead.includes(Admin));
        assert!(!Lead.includes(Client));
        assert!(!Client.includes(Operator));
        assert!(Role::ALL.iter().all(|r| r.includes(*r)));
        assert_eq!(Role::ALL.iter().filter(|r| r.is_agent()).count(), 3, "operator, consultant, lead");
    }

    #[test]
    fn admin_does_not_act_on_tickets() {
        for permission in Permission::ALL {
            assert_eq!(Admin.can(*permission), *permission == Administer);
        }
    }

    #[test]
    fn the_system_holds_no_permission() {
        assert!(Permission::ALL.iter().all(|p| !Actor::System.can(*p)));
        assert!(Actor::from(Lead).can(ManageSprints));
        assert_eq!(Actor::System.role(), None);
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>().unwrap(), *role);
            assert_eq!(serde_json::to_string(role).unwrap(), format!("\"{}\"", role.code()));
        }
        let err = "root".parse::<Role>().unwrap_err();
        assert_eq!(err.to_string(), "unknown role \"root\"");
    }

    #[test]
    fn actor_json_shape() {
        assert_eq!(serde_json::to_string(&Actor::User(Consultant)).unwrap(), r#"{"user":"consultant"}"#);
        assert_eq!(serde_json::to_string(&Actor::System).unwrap(), r#""system""#);
        assert_eq!(Actor::System.to_string(), "system");
        assert_eq!(Actor::User(Client).to_string(), "client");
    }
}
