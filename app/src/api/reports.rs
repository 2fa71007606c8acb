//! What `POST /api/reports/get` answers: the leads' monthly report (issue
//! 15) — SLA compliance, breaches, reopens, first-response times and the
//! quality score — with its charts drawn as SVG on the server.

use crate::domain::quality::{Band, Hundredths, Quality, QualityBands};
use crate::domain::report::{ClockCompliance, Compliance};
use crate::domain::sla::{ClockKind, SlaLevel};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The report's filters, as the URL carries them (`?month=2026-11&org=3`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    /// `YYYY-MM`; none: the current month on the desk's calendar.
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub organisation: Option<i64>,
    #[serde(default)]
    pub agent: Option<i64>,
    #[serde(default)]
    pub level: Option<SlaLevel>,
}

/// A name to choose in a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// One line of a compliance table: an organisation, an agent or a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceLine {
    /// The organisation's or agent's name, or the level's code; empty for
    /// tickets nobody was assigned.
    pub name: String,
    pub compliance: ClockCompliance,
}

/// A clock that missed its target in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breach {
    /// `SUP-1042`.
    pub key: String,
    pub title: String,
    pub organisation: String,
    pub agent: Option<String>,
    pub level: Option<SlaLevel>,
    pub clock: ClockKind,
    pub due: DateTime<Utc>,
    /// The deadline on the desk calendar's wall clock, `2026-11-03 18:00`.
    pub due_local: String,
    /// Working seconds over the target when the clock stopped; none while
    /// it still runs (or waits) past its deadline.
    pub late_secs: Option<i64>,
}

/// A resolution deadline extended in the month with the client's
/// agreement (seed 004), as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionLine {
    /// `SUP-1042`.
    pub key: String,
    pub title: String,
    pub organisation: String,
    pub agent: Option<String>,
    /// The deadlines before and after, and when the client agreed, on the
    /// desk calendar's wall clock (`2026-11-03 18:00`).
    pub old_due_local: String,
    pub new_due_local: String,
    pub agreed_local: String,
    /// Agreed by answering the proposal's mail, not on the ticket page.
    pub by_mail: bool,
}

/// A month of the trend: compliance shares and the quality score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub compliance: ClockCompliance,
    pub quality: Quality,
}

/// One agent's quality in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentQuality {
    /// Empty: rated while nobody was assigned.
    pub name: String,
    pub quality: Quality,
    pub average: Option<Hundredths>,
    pub band: Option<Band>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    /// `YYYY-MM`, the month shown.
    pub month: String,
    /// The months one may choose, newest first.
    pub months: Vec<String>,
    /// The desk calendar's zone, in which months begin and end.
    pub zone: String,
    pub filter: ReportFilter,
    /// Filter choices; a client is offered only their organisation and no
    /// agents.
    pub organisations: Vec<Choice>,
    pub agents: Vec<Choice>,
    pub levels: Vec<SlaLevel>,
    /// A client reading their organisation's report (no per-agent parts).
    pub client_view: bool,
    pub compliance: ClockCompliance,
    pub by_organisation: Vec<ComplianceLine>,
    pub by_agent: Vec<ComplianceLine>,
    pub by_level: Vec<ComplianceLine>,
    /// Breached clocks, by deadline, up to `BREACH_LIST_LIMIT`.
    pub breaches: Vec<Breach>,
    /// How many breached clocks the month has in all.
    pub breach_count: u32,
    /// The month's agreed deadline extensions, oldest first.
    #[serde(default)]
    pub extensions: Vec<ExtensionLine>,
    /// Releases reopened in the month, in all and per organisation.
    pub reopens: u32,
    pub reopens_by_organisation: Vec<(String, u32)>,
    /// First responses per bucket (`domain::report::RESPONSE_BUCKETS`).
    pub first_response: Vec<u32>,
    pub quality: Quality,
    pub quality_average: Option<Hundredths>,
    pub quality_band: Option<Band>,
    pub bands: QualityBands,
    pub quality_by_agent: Vec<AgentQuality>,
    /// The last 12 months, oldest first, ending with the month shown.
    pub trend: Vec<TrendMonth>,
    /// Charts in the reader's language.
    pub compliance_svg: String,
    pub quality_svg: String,
    pub response_svg: String,
}

/// The most breached clocks the report lists (the count says how many).
pub const BREACH_LIST_LIMIT: usize = 200;

/// A share in tenths of a percent as the tables show it: `98.7 %`.
pub fn percent(c: Compliance) -> Option<String> {
    c.share_permille().map(|p| format!("{}.{} %", p / 10, p % 10))
}

/// An average in hundredths as the tables show it: `4.67`.
pub fn score(average: Hundredths) -> String {
    format!("{}.{:02}", average / 100, average % 100)
}
