//! The planning view's data (`/sprints/<id>/plan`, issue 16) as it crosses
//! the wire: the sprint, the backlog and the plan, the desk's working days
//! the browser recomputes the forecast over, the close's report and the
//! charts' numbers.

use crate::domain::sprint::SprintPhase;
use crate::domain::sprint_forecast::{Forecast, PlannedWork, ResolutionOutlook, SprintSchedule};
use crate::domain::sprint_plan::{Outcome, SlaOutcome};
use crate::domain::ticket::{Priority, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintPlanPage {
    pub sprint: SprintHead,
    /// The caller may plan, reorder and close (a lead, the sprint not closed).
    pub can_plan: bool,
    /// The server's clock when the page was read: the forecast starts here.
    pub now: DateTime<Utc>,
    pub schedule: SprintSchedule,
    /// The desk calendar's zone, e.g. `Europe/Moscow`.
    pub zone: String,
    /// Backlog tickets not in a sprint, the least time left first.
    pub backlog: Vec<PlanCard>,
    /// The sprint's tickets in the planned order.
    pub planned: Vec<PlanCard>,
    /// The forecast of `planned` as the server computed it.
    pub forecast: Forecast,
    /// The sprints open for planning, for the "Plan into…" menu.
    pub open_sprints: Vec<SprintRef>,
    /// Where carried-over tickets go when the sprint is closed.
    pub next_sprint: Option<SprintRef>,
    /// A closed sprint's report.
    pub report: Option<SprintReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintHead {
    pub id: i64,
    pub name: String,
    pub goal: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity_hours: i64,
    pub phase: SprintPhase,
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCard {
    pub id: i64,
    pub key: String,
    pub title: String,
    pub status: Status,
    pub priority: Priority,
    pub version: i64,
    pub estimate_hours: Option<u32>,
    pub resolution: ResolutionOutlook,
    /// Working seconds left on the resolution clock (negative: overdue).
    pub remaining_secs: Option<i64>,
    /// The resolution deadline on the ticket's calendar, with its zone
    /// (`2026-12-09 15:00 MSK`), as the ticket page shows it.
    pub due_local: Option<String>,
}

impl PlanCard {
    /// The card as the forecast takes it.
    pub fn work(&self) -> PlannedWork {
        PlannedWork { ticket_id: self.id, estimate_hours: self.estimate_hours, resolution: self.resolution }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintReport {
    pub lines: Vec<ReportLine>,
    /// The estimate of the done tickets.
    pub done_hours: i64,
    pub sla_met: usize,
    pub sla_breached: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub key: String,
    pub title: String,
    pub outcome: Outcome,
    pub estimate_hours: Option<i64>,
    pub sla: SlaOutcome,
}

/// The burndown and velocity, as numbers and as server-drawn SVG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintCharts {
    pub burndown: Vec<BurndownPoint>,
    pub velocity: Vec<VelocityBar>,
    pub burndown_svg: String,
    pub velocity_svg: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BurndownPoint {
    /// `YYYY-MM-DD`: the end of this working day (the first point: the start).
    pub day: String,
    /// Remaining estimate in hours; `None` for days still to come.
    pub remaining: Option<i64>,
    pub ideal: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VelocityBar {
    pub sprint: String,
    pub done_hours: i64,
}
