//! The closed vocabularies a ticket is described with. Each enum has a stable
//! snake_case code used in the database, the API and URLs.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A code that is not one of the enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} \"{value}\"")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err(UnknownValue { kind: $kind, value: s.to_string() }),
                }
            }
        }
    };
}

coded_enum!(
    /// Where a ticket stands. Archive is a status, never a deletion.
    Status, "status", {
        Backlog => "backlog",
        Sprint => "sprint",
        InProgress => "in_progress",
        Done => "done",
        Release => "release",
        Archive => "archive",
    }
);

impl Status {
    /// The five columns of the shared board, left to right.
    pub const BOARD: [Status; 5] =
        [Status::Backlog, Status::Sprint, Status::InProgress, Status::Done, Status::Release];
}

coded_enum!(
    /// Declared in order of urgency, so `Ord` sorts the most urgent first.
    Priority, "priority", {
        Critical => "critical",
        High => "high",
        Normal => "normal",
        Low => "low",
    }
);

coded_enum!(
    /// Seed 003 §3.3 and seed 000 §3.
    Category, "category", {
        Incident => "incident",
        ChangeRequest => "change_request",
        Consultation => "consultation",
        DocumentationRequest => "documentation_request",
    }
);

coded_enum!(
    /// How the client reached us.
    Channel, "channel", {
        Web => "web",
        Email => "email",
        Phone => "phone",
        Messenger => "messenger",
    }
);

coded_enum!(
    /// Why a ticket waits for the client (seed 000 §4); each pauses the SLA clock.
    WaitingReason, "waiting reason", {
        ClientInfo => "client_info",
        ClientApproval => "client_approval",
        Payment => "payment",
    }
);

coded_enum!(
    /// What an agent recorded that takes a ticket off its contract's level
    /// (SPEC §4 "The level of a ticket"). One value, not two flags: a ticket
    /// handed to development is no longer worked as an emergency, so the
    /// two never hold at once. `contract`: the contract's level (general
    /// consultation without one); `emergency`: an agent confirmed an outage
    /// or a critical error (seeds 001, 004); `development`: the ticket needs
    /// development (seeds 000, 001, 004).
    LevelMark, "level mark", {
        Contract => "contract",
        Emergency => "emergency",
        Development => "development",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.code().parse::<Status>().unwrap(), *s);
        }
        for p in Priority::ALL {
            assert_eq!(p.code().parse::<Priority>().unwrap(), *p);
        }
        for c in Category::ALL {
            assert_eq!(c.code().parse::<Category>().unwrap(), *c);
        }
    }

    #[test]
    fn unknown_code_is_an_error_naming_the_kind() {
        let err = "urgent".parse::<Priority>().unwrap_err();
        assert_eq!(err.to_string(), "unknown priority \"urgent\"");
    }

    #[test]
    fn priorities_sort_most_urgent_first() {
        let mut v = vec![Priority::Low, Priority::Critical, Priority::Normal, Priority::High];
        v.sort();
        assert_eq!(v, vec![Priority::Critical, Priority::High, Priority::Normal, Priority::Low]);
    }

    #[test]
    fn serde_uses_the_codes() {
        assert_eq!(serde_json::to_string(&Status::InProgress).unwrap(), "\"in_progress\"");
        let c: Category = serde_json::from_str("\"change_request\"").unwrap();
        assert_eq!(c, Category::ChangeRequest);
    }
}
