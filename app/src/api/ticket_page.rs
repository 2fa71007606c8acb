//! What `POST /api/tickets/get` answers: plain serde types feeding both the
//! page and API users.

use crate::api::attachment::AttachmentInfo;
use crate::api::board::ZoneLabel;
use crate::domain::admin::DepartmentChannel;
use crate::domain::escalation::EscalationState;
use crate::domain::sla::{Budget, ClockKind, Countdown, SlaState, TicketLevel};
use crate::domain::ticket::{
    Category, Channel, EditRights, LevelMark, Priority, Role, Status, WaitingReason,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketPageData {
    /// The server's clock when this was read; the page ticks from here.
    pub server_now: DateTime<Utc>,
    pub viewer_role: Role,
    pub ticket: TicketFields,
    pub sla: SlaBlock,
    /// Files attached to the ticket itself (with its registration).
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
    /// Oldest first. A client's list never holds an internal note.
    pub comments: Vec<Comment>,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
    pub actions: TicketActions,
    /// The event log's sequence number read before the ticket: the page
    /// follows the live stream from here (see `BoardSnapshot::live_from`).
    pub live_from: i64,
    /// The most bytes one attached file may have.
    #[serde(default = "default_max_attachment_bytes")]
    pub max_attachment_bytes: u64,
    /// The client's ratings of its accepted releases, oldest first (issue
    /// 15): public, like the `rated` events.
    #[serde(default)]
    pub ratings: Vec<RatingInfo>,
    /// Questions to second-line departments, oldest first: agents only.
    #[serde(default)]
    pub escalations: Vec<EscalationView>,
    /// The departments the viewer may escalate to (none for who may not).
    #[serde(default)]
    pub departments: Vec<DepartmentOption>,
    /// May escalate this ticket, answer and withdraw its escalations.
    #[serde(default)]
    pub can_escalate: bool,
    /// Proposed resolution deadlines and their answers, oldest first:
    /// public, like their events (seed 004).
    #[serde(default)]
    pub extensions: Vec<ExtensionView>,
    /// May propose a new deadline now (a consultant or lead, the
    /// resolution clock running, nothing waiting for an answer).
    #[serde(default)]
    pub can_propose_extension: bool,
    /// May agree to or decline the waiting proposal (a client).
    #[serde(default)]
    pub can_answer_extension: bool,
}

/// A proposed resolution deadline and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionView {
    pub id: i64,
    pub proposed_by: String,
    pub proposed_at: DateTime<Utc>,
    pub reason: String,
    /// The deadline when it was proposed.
    pub old_due: DateTime<Utc>,
    pub new_due: DateTime<Utc>,
    pub state: crate::domain::extension::ExtensionState,
    pub answered_by: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub via: Option<crate::domain::extension::AnswerChannel>,
}

/// A rating as the ticket page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingInfo {
    /// 1–5.
    pub score: u8,
    pub comment: Option<String>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One question to a second-line department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationView {
    pub id: i64,
    pub department: String,
    pub question: String,
    pub asked_by: Option<String>,
    pub asked_at: DateTime<Utc>,
    /// The department's own deadline (working days of the desk's calendar).
    pub due: DateTime<Utc>,
    pub state: EscalationState,
    pub closed_by: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The internal note holding the answer.
    pub answer_comment_id: Option<i64>,
}

/// A department to escalate to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentOption {
    pub id: i64,
    pub name: String,
    pub deadline_days: i64,
    pub channels: Vec<DepartmentChannel>,
}

fn default_max_attachment_bytes() -> u64 {
    crate::domain::attachment::DEFAULT_MAX_BYTES
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketFields {
    pub id: i64,
    /// The human id, e.g. `SUP-1042`.
    pub key: String,
    pub title: String,
    pub description: String,
    pub steps_to_reproduce: String,
    pub product_version: String,
    pub category: Category,
    pub priority: Priority,
    /// A confirmed emergency or "needs development", or neither.
    pub level_mark: LevelMark,
    pub status: Status,
    pub waiting: Option<WaitingReason>,
    /// What the client is asked while the ticket waits for them (issue 17).
    #[serde(default)]
    pub waiting_question: Option<String>,
    pub channel: Channel,
    pub organisation: String,
    pub requester: String,
    pub assignee: Option<String>,
    pub assignee_id: Option<i64>,
    /// When the client contacted us: the SLA starts here.
    pub received_at: DateTime<Utc>,
    /// The first public agent reply, which stopped the reaction clock.
    pub first_response_at: Option<DateTime<Utc>>,
    /// The work estimated, in working hours.
    pub estimate_hours: Option<u32>,
    /// The sprint it is planned into (agents only: planning is internal).
    pub sprint_id: Option<i64>,
    pub sprint: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub rejection_reason: Option<String>,
}

/// The ticket's SLA: both clocks in full, and the active one as the card's
/// live countdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaBlock {
    /// The card's countdown (reaction until the first reply, then
    /// resolution), ticked in the browser by the same `SlaBadge`.
    pub countdown: Option<Countdown>,
    /// The calendar's zone over the ticket's life and the coming weeks.
    pub zone: ZoneLabel,
    pub round_the_clock: bool,
    /// The ticket's SLA level and why it has it.
    pub level: TicketLevel,
    /// Reaction first, then resolution; a clock without a target is absent.
    pub clocks: Vec<SlaClockDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaClockDetail {
    pub kind: ClockKind,
    /// The target as the policy states it.
    pub target: Budget,
    /// The target in working seconds.
    pub budget_secs: i64,
    /// The deadline; `None` while paused with time left (it depends on when
    /// the wait ends).
    pub due: Option<DateTime<Utc>>,
    /// The same instant on the calendar's wall clock, with its UTC offset.
    pub due_local: Option<String>,
    pub state: SlaState,
    /// Working seconds left; negative = working seconds overdue.
    pub remaining_secs: i64,
    /// Outside working hours: when the clock counts again.
    pub resumes_at: Option<DateTime<Utc>>,
    /// Why the clock stands still, while it does.
    pub paused: Option<WaitingReason>,
    /// The working time counted toward the target (from the domain's
    /// `explain`; a wait still open is taken as ending now).
    pub counted: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// The waits between `received_at` and the deadline.
    pub paused_intervals: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// This clock as the badge's live countdown: the page reads its state
    /// and time left from it with the one page clock, so they tick and
    /// agree with the badge (issue 17).
    #[serde(default)]
    pub countdown: Option<Countdown>,
    /// The deadline is one the client agreed to (seed 004), not the
    /// target's: `budget_secs` is the agreement's.
    #[serde(default)]
    pub agreed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub author_role: Role,
    pub at: DateTime<Utc>,
    pub body: String,
    /// An internal note (only agents ever receive these).
    pub internal: bool,
    /// Its files, in the order they came.
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// `None`: the system.
    pub who: Option<String>,
    pub at: DateTime<Utc>,
    /// `status`, `comment`, `internal_note`, `first_response_at`, `waiting`,
    /// `rejection_reason`…
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Why a wait started: the public message it was sent with, when the
    /// reader may see it (issue 17: the history shows who paused and why).
    #[serde(default)]
    pub question: Option<String>,
}

/// What this user may do here; the server checks every action again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketActions {
    /// Columns the ticket may move to (the domain's `allowed_moves`).
    pub moves: Vec<Status>,
    /// May post a public comment.
    pub can_comment: bool,
    /// May post an internal note.
    pub can_comment_internal: bool,
    /// Which fields this user may change (the domain's `edit_rights`).
    pub edits: EditRights,
    /// Who the ticket can be assigned to; empty unless `edits.assignee`.
    pub assignees: Vec<AssigneeOption>,
    /// The sprints it can be planned into (those not ended); empty unless
    /// `edits.sprint`.
    #[serde(default)]
    pub sprints: Vec<SprintOption>,
    /// Where a ticket in the sorting queue of unknown senders' mail can be
    /// sorted into (`tickets/sort`): every other organisation with its
    /// active clients. Empty for any other ticket, and for anyone but
    /// operators and above.
    #[serde(default)]
    pub sort_into: Vec<SortOption>,
    /// May rate the accepted release now (a client, once per cycle).
    #[serde(default)]
    pub can_rate: bool,
}

/// An organisation a queued ticket can be sorted into, with the clients
/// who can be its requester.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SortOption {
    pub id: i64,
    pub name: String,
    pub requesters: Vec<AssigneeOption>,
}

/// A sprint a ticket can be planned into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintOption {
    pub id: i64,
    pub name: String,
}

/// An agent the ticket can be assigned to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssigneeOption {
    pub id: i64,
    pub name: String,
}

/// The answer to `POST /api/tickets/comment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentPosted {
    pub id: i64,
    /// The ticket's new version.
    pub version: i64,
    /// This reply stopped the reaction clock.
    pub first_response: bool,
    /// This reply ended a wait for the client's information.
    pub wait_ended: bool,
}

/// Someone else who has the ticket open: what `POST /api/tickets/presence`
/// answers agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
    pub role: Role,
}
