//! What the server sends to draw the board. Plain serde types so the same
//! JSON feeds the hydrated page and API users.

use crate::domain::sla::{Countdown, TicketLevel};
use crate::domain::ticket::{Category, Priority, Role, Status, WaitingReason};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardSnapshot {
    /// The server's clock when the snapshot was taken: the page renders its
    /// countdowns at this instant first so server HTML and hydration agree.
    pub server_now: DateTime<Utc>,
    /// The role of whoever asked: the browser offers only the moves this
    /// role may make (the server checks them again).
    pub viewer_role: Role,
    /// The viewer's name, as their cards carry it as assignee: the "mine"
    /// filter (issue 17).
    #[serde(default)]
    pub viewer_name: String,
    pub columns: Vec<BoardColumn>,
    /// The event log's sequence number read before the cards: the page
    /// follows the live stream from here, so no change made after the
    /// snapshot is missed (one made just before is applied twice, which
    /// is harmless: a refetched card is the same card).
    pub live_from: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub status: Status,
    pub cards: Vec<Card>,
    /// The column's work-in-progress limit, for agents; clients see their
    /// own cards only, so a limit over everyone's would mislead them.
    #[serde(default)]
    pub wip_limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: i64,
    /// The human id, e.g. `SUP-1042`.
    pub key: String,
    pub title: String,
    pub organisation: String,
    pub status: Status,
    pub priority: Priority,
    pub category: Category,
    pub assignee: Option<String>,
    pub waiting: Option<WaitingReason>,
    /// What the client is asked while the ticket waits for them: the
    /// public message the wait was started with (issue 17).
    #[serde(default)]
    pub waiting_question: Option<String>,
    pub received_at: DateTime<Utc>,
    pub version: i64,
    /// The SLA badge data; `None` when the level sets no target (the card
    /// then shows the ticket's age).
    pub countdown: Option<Countdown>,
    /// The ticket's SLA level and why it has it.
    pub level: TicketLevel,
    /// True when the contract counts round the clock (24/7).
    pub round_the_clock: bool,
    /// The calendar's zone as a label for wall-clock times ("MSK", "EET").
    pub zone: ZoneLabel,
    /// Planned into the running sprint (issue 16's board filter); always
    /// false for clients, who do not see sprints.
    #[serde(default)]
    pub in_active_sprint: bool,
    /// Open questions to second-line departments, oldest first: agents only
    /// (seed 000 §7 is the desk's business).
    #[serde(default)]
    pub escalations: Vec<EscalationChip>,
}

/// The card's chip of one open escalation: the department and its own
/// deadline, counted down by the page clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationChip {
    pub id: i64,
    pub department: String,
    pub due: DateTime<Utc>,
}

/// Enough of a time zone to print local times in the browser without
/// shipping the tz database to it: the UTC offsets in force over the
/// countdown's horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneLabel {
    pub name: String,
    /// `(utc_seconds_from, offset_seconds, abbreviation)`, ascending.
    pub offsets: Vec<(i64, i32, String)>,
}

impl ZoneLabel {
    /// The offset and abbreviation in force at `t` (unix seconds).
    pub fn at(&self, t: i64) -> (i32, &str) {
        let mut found = self.offsets.first().map(|(_, o, a)| (*o, a.as_str())).unwrap_or((0, "UTC"));
        for (from, off, abbr) in &self.offsets {
            if *from <= t {
                found = (*off, abbr.as_str());
            } else {
                break;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_label_picks_the_offset_in_force() {
        let z = ZoneLabel {
            name: "Europe/Kyiv".into(),
            offsets: vec![(0, 7200, "EET".into()), (1_000, 10800, "EEST".into())],
        };
        assert_eq!(z.at(-5), (7200, "EET"));
        assert_eq!(z.at(999), (7200, "EET"));
        assert_eq!(z.at(1_000), (10800, "EEST"));
    }
}
