//! The sprints page's data (SPEC §5): every sprint with its planned
//! tickets and how their resolution deadlines fall against its end.

use crate::domain::sprint::SprintPhase;
use crate::domain::ticket::Status;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintsPage {
    /// The caller may create and change sprints (leads).
    pub can_manage: bool,
    pub sprints: Vec<SprintItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintItem {
    pub id: i64,
    pub name: String,
    pub goal: String,
    /// `YYYY-MM-DD`, the first and the last day.
    pub starts_on: String,
    pub ends_on: String,
    pub length_days: i64,
    pub capacity_hours: i64,
    pub phase: SprintPhase,
    /// Closed by the lead: read-only (issue 16).
    #[serde(default)]
    pub closed: bool,
    /// The sum of the planned tickets' estimates.
    pub estimated_hours: i64,
    pub tickets: Vec<PlannedTicket>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedTicket {
    pub key: String,
    pub title: String,
    pub status: Status,
    pub estimate_hours: Option<i64>,
    /// The resolution deadline, while that clock runs.
    pub due: Option<DateTime<Utc>>,
    /// `due` on the ticket's calendar, with its zone (`2026-12-09 15:00 MSK`).
    #[serde(default)]
    pub due_local: Option<String>,
    /// The deadline falls before the sprint ends and can still be missed
    /// (SPEC §5: flagged; met, paused and passed clocks are not).
    pub due_before_end: bool,
}
