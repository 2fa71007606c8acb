//! The signed-in person as the server functions and the UI see them.

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

impl CurrentUser {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }

    pub fn ticket_scope(&self) -> TicketScope {
        if self.can(Permission::SeeAllOrganisations) {
            TicketScope::Every
        } else if let (Role::Client, Some(org)) = (self.role, &self.organisation) {
            TicketScope::Organisation(org.id)
        } else {
            TicketScope::Nothing
        }
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
