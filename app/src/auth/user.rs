//! The signed-in person as the server functions and the UI see them.

use crate::domain::event::Visibility;
use crate::domain::ticket::{Permission, Role};
use serde::{Deserialize, Serialize};

/// Who is signed in: what `POST /api/auth/login` and `POST /api/auth/me`
/// answer. The server reloads it from the database on every request, so a
/// role change or a disabled account takes effect at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// A client's organisation; agents and admins have none.
    pub organisation: Option<OrganisationRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub id: i64,
    pub name: String,
}

/// Whose tickets a user may see (SPEC §1: a client never learns that another
/// organisation's ticket exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketScope {
    /// Support staff: every organisation.
    Every,
    /// A client: their own organisation only.
    Organisation(i64),
    /// An account that does not work on tickets (an admin manages
    /// configuration only, see `domain::ticket::actor`).
    Nothing,
}

impl TicketScope {
    /// The scope of an account of `role` in `organisation` (a client's):
    /// the rule behind [`CurrentUser::ticket_scope`], for accounts that are
    /// not the caller (the people a mail goes to).
    pub fn of(role: Role, organisation: Option<i64>) -> TicketScope {
        if role.can(Permission::SeeAllOrganisations) {
            TicketScope::Every
        } else if let (Role::Client, Some(org)) = (role, organisation) {
            TicketScope::Organisation(org)
        } else {
            TicketScope::Nothing
        }
    }

    /// Whether a ticket of `organisation_id` is within this scope: the one
    /// test behind every ticket read, change and live event.
    pub fn admits(self, organisation_id: i64) -> bool {
        match self {
            TicketScope::Every => true,
            TicketScope::Organisation(own) => own == organisation_id,
            TicketScope::Nothing => false,
        }
    }
}

/// Which events of the log may reach a user: tickets within their scope,
/// events within their visibility. The live stream asks only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub scope: TicketScope,
    pub readable: Visibility,
}

impl Audience {
    pub fn admits(self, organisation_id: i64, visibility: Visibility) -> bool {
        self.scope.admits(organisation_id) && self.readable.covers(visibility)
    }
}

impl CurrentUser {
    /// The events this user may receive.
    pub fn audience(&self) -> Audience {
        Audience { scope: self.ticket_scope(), readable: Visibility::readable_by(self.role) }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }

    pub fn ticket_scope(&self) -> TicketScope {
        TicketScope::of(self.role, self.organisation.as_ref().map(|o| o.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, organisation: Option<i64>) -> CurrentUser {
        CurrentUser {
            id: 1,
            email: "x@example.com".into(),
            name: "X".into(),
            role,
            organisation: organisation.map(|id| OrganisationRef { id, name: "Org".into() }),
        }
    }

    #[test]
    fn clients_see_their_organisation_agents_see_all_admins_see_none() {
        assert_eq!(user(Role::Client, Some(7)).ticket_scope(), TicketScope::Organisation(7));
        for agent in [Role::Operator, Role::Consultant, Role::Lead] {
            assert_eq!(user(agent, None).ticket_scope(), TicketScope::Every, "{agent}");
        }
        assert_eq!(user(Role::Admin, None).ticket_scope(), TicketScope::Nothing);
        // The database forbids a client without an organisation; were one to
        // slip through, it must see nothing rather than everything.
        assert_eq!(user(Role::Client, None).ticket_scope(), TicketScope::Nothing);
    }

    #[test]
    fn an_audience_admits_its_organisation_and_visibility_only() {
        let client = user(Role::Client, Some(7)).audience();
        assert!(client.admits(7, Visibility::Public));
        assert!(!client.admits(7, Visibility::Internal), "internal events are the desk's");
        assert!(!client.admits(8, Visibility::Public), "another organisation's events");
        let agent = user(Role::Operator, None).audience();
        assert!(agent.admits(7, Visibility::Internal) && agent.admits(8, Visibility::Public));
        let admin = user(Role::Admin, None).audience();
        assert!(!admin.admits(7, Visibility::Public), "admins work no tickets");
        assert!(!user(Role::Client, None).audience().admits(7, Visibility::Public));
    }

    #[test]
    fn json_shape() {
        let json = serde_json::to_value(user(Role::Client, Some(3))).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "id": 1, "email": "x@example.com", "name": "X", "role": "client",
                "organisation": {"id": 3, "name": "Org"}
            })
        );
    }
}
