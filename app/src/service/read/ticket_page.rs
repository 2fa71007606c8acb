//! Server side: turns a stored ticket into its page, reading both SLA
//! clocks at `now` with the board's terms and countdown code.

use crate::api::attachment::AttachmentInfo;
use crate::api::ticket_page::{
    AssigneeOption, Comment, DepartmentOption, EscalationView, HistoryEntry, RatingInfo, SlaBlock,
    SlaClockDetail, SortOption, SprintOption, TicketActions, TicketFields, TicketPageData,
};
use crate::auth::CurrentUser;
use crate::domain::contract::AppliedTerms;
use crate::domain::event::Visibility;
use crate::domain::sla::{explain, ClockReading, Pause, PauseLedger, SlaState};
use crate::domain::ticket::{
    allowed_moves, edit_rights, ticket_key, Actor, CommentKind, EditTarget, LevelMark, Status,
};
use crate::service::read::board::{ticket_countdown, zone_label};
use crate::service::sla::{ticket_clock, ticket_terms};
use crate::service::{admit_read, corrupt, reader_scope, ServiceError};
use crate::store::attachments::AttachmentRow;
use crate::store::board::TicketRow;
use crate::store::comments::CommentRow;
use crate::store::events::StoredEvent;
use crate::store::ticket_detail::TicketDetailRow;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};

/// How far past the latest deadline the page's zone label reaches, like the
/// board's countdown horizon.
const ZONE_HORIZON_DAYS: i64 = 14;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn parse<T: std::str::FromStr>(code: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    code.parse().map_err(|e: T::Err| e.to_string())
}

/// The stored pauses the policy pauses on, with a wait still open taken as
/// ending at `until`: the explanation counts the working time up to now,
/// and a deadline exists only once a wait ends.
fn ledger_until(row: &TicketRow, terms: &AppliedTerms, until: DateTime<Utc>) -> Result<PauseLedger, String> {
    let pauses = row
        .pauses
        .iter()
        .filter(|p| terms.pausing.pauses(p.reason))
        .map(|p| Pause { to: p.to.or(Some(until.max(p.from))), ..p.clone() })
        .collect();
    PauseLedger::from_pauses(pauses).map_err(|e| e.to_string())
}

/// Both clocks read at `now`, with the working time behind each deadline.
fn clocks(row: &TicketRow, terms: &AppliedTerms, now: DateTime<Utc>) -> Result<Vec<SlaClockDetail>, String> {
    let received = row.received_at;
    let clock = ticket_clock(row, terms)?;
    let status = clock.status(now).map_err(|e| e.to_string())?;
    let agreed = clock.agreement_governs().map_err(|e| e.to_string())?;
    let horizon = Duration::days(ZONE_HORIZON_DAYS);
    let explain_ledger = ledger_until(row, terms, now)?;
    let detail = |reading: ClockReading, target| {
        let explanation = explain(&terms.calendar, received, target, &explain_ledger)
            .map_err(|e| tracing::warn!("SUP-{}: no SLA explanation: {e}", row.number))
            .ok();
        let (counted, paused_intervals) = explanation.map(|e| (e.counted, e.paused)).unwrap_or_default();
        let countdown = clock
            .countdown_of(reading.kind, now, horizon)
            .map_err(|e| tracing::warn!("SUP-{}: no SLA countdown: {e}", row.number))
            .ok()
            .flatten();
        SlaClockDetail {
            countdown,
            kind: reading.kind,
            target,
            budget_secs: reading.budget_secs,
            due: reading.due,
            due_local: reading.due.map(|d| terms.calendar.local(d).to_rfc3339()),
            state: reading.state,
            remaining_secs: reading.remaining_secs,
            resumes_at: reading.resumes_at,
            paused: match reading.state {
                SlaState::Paused { reason } => Some(reason),
                _ => None,
            },
            counted,
            paused_intervals,
            agreed: reading.kind == crate::domain::sla::ClockKind::Resolution && agreed,
        }
    };
    let mut out = Vec::new();
    if let (Some(r), Some(t)) = (status.reaction, terms.targets.reaction) {
        out.push(detail(r, t));
    }
    if let (Some(r), Some(t)) = (status.resolution, terms.targets.resolution) {
        out.push(detail(r, t));
    }
    Ok(out)
}

/// A sprint as the ticket page knows it: `open` when tickets may still be
/// planned into it. Clients are given none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SprintChoice {
    pub id: i64,
    pub name: String,
    pub open: bool,
}

/// An event as a line of the page's history: what changed, from what to what.
/// `question_of` gives the body of a comment the reader may see.
fn history_entry(e: StoredEvent, question_of: &dyn Fn(i64) -> Option<String>) -> HistoryEntry {
    use crate::domain::event::{FieldChange, TicketEvent as E};
    let code = |s: &dyn std::fmt::Display| Some(s.to_string());
    let question = match e.event {
        E::WaitingStarted { comment_id: Some(id), .. } => question_of(id),
        _ => None,
    };
    let (field, before, after) = match e.event {
        E::Created => ("created", None, code(&Status::Backlog)),
        E::Moved { from, to } => ("status", code(&from), code(&to)),
        E::Rejected { reason } => ("rejection_reason", None, Some(reason)),
        E::Edited(FieldChange::Priority { from, to }) => ("priority", code(&from), code(&to)),
        E::Edited(FieldChange::Assignee { from, to }) => ("assignee", from, to),
        E::Edited(FieldChange::Estimate { from, to }) => {
            ("estimate", from.map(|h| h.to_string()), to.map(|h| h.to_string()))
        }
        E::Edited(FieldChange::Category { from, to }) => ("category", code(&from), code(&to)),
        // One field per mark, so the line says what the agent did.
        E::Edited(FieldChange::Level { mark, from, to }) => {
            let field = match mark {
                LevelMark::Emergency => "level_emergency",
                LevelMark::Development => "level_development",
                LevelMark::Contract => "level_contract",
            };
            (field, code(&from), code(&to))
        }
        E::Planned { from, to } => ("sprint", from, to),
        E::WaitingStarted { reason, .. } => ("waiting", None, code(&reason)),
        E::WaitingEnded { reason } => ("waiting", code(&reason), None),
        E::Commented { comment_id, internal } => {
            (if internal { "internal_note" } else { "comment" }, None, code(&comment_id))
        }
        E::FirstResponse => ("first_response_at", None, code(&e.at)),
        E::SlaAtRisk { clock, due } => ("sla_at_risk", code(&clock.code()), code(&due.timestamp())),
        E::SlaBreached { clock, due } => ("sla_breached", code(&clock.code()), code(&due.timestamp())),
        E::Sorted { from, to, requester } => {
            ("organisation", Some(from), Some(format!("{to} · {requester}")))
        }
        E::Attached { name, .. } => ("attachment", None, Some(name)),
        // The comment reads like a wait's question: quoted after the line.
        E::Rated { score, comment } => {
            return HistoryEntry {
                who: e.actor,
                at: instant(e.at),
                field: "rating".to_string(),
                before: None,
                after: code(&score.get()),
                question: comment,
            }
        }
        E::Escalated { department, .. } => ("escalated", None, Some(department)),
        E::EscalationAnswered { department, .. } => ("escalation_answered", None, Some(department)),
        E::EscalationWithdrawn { department, .. } => ("escalation_withdrawn", None, Some(department)),
        E::EscalationOverdue { department, .. } => ("escalation_overdue", None, Some(department)),
        // The old and the new deadline; the reason quoted after the line.
        E::ExtensionProposed { from, to, reason, .. } => {
            return HistoryEntry {
                who: e.actor,
                at: instant(e.at),
                field: "extension_proposed".to_string(),
                before: code(&from.timestamp()),
                after: code(&to.timestamp()),
                question: Some(reason),
            }
        }
        E::ExtensionAgreed { from, to, by_mail, .. } => (
            if by_mail { "extension_agreed_mail" } else { "extension_agreed" },
            code(&from.timestamp()),
            code(&to.timestamp()),
        ),
        E::ExtensionDeclined { to, by_mail, .. } => (
            if by_mail { "extension_declined_mail" } else { "extension_declined" },
            None,
            code(&to.timestamp()),
        ),
        E::ExtensionWithdrawn { to, .. } => ("extension_withdrawn", None, code(&to.timestamp())),
    };
    HistoryEntry { who: e.actor, at: instant(e.at), field: field.to_string(), before, after, question }
}

/// The page's history: one line per event, except that a wait whose reason
/// changed (an end and a start in one change) reads as one line, from the
/// old reason to the new, and that planning which moved the ticket into or
/// out of the Sprint column reads as its sprint line alone (issue 16: the
/// column follows the sprint). Clients see no sprints: for them the move.
fn history_lines(events: Vec<StoredEvent>, question_of: &dyn Fn(i64) -> Option<String>) -> Vec<HistoryEntry> {
    use crate::domain::event::TicketEvent as E;
    let mut lines: Vec<HistoryEntry> = Vec::with_capacity(events.len());
    let mut previous: Option<(i64, i64)> = None;
    let mut moved: Option<(i64, i64)> = None;
    for e in events {
        let seq = e.seq;
        let ended_just_before = matches!(e.event, E::WaitingStarted { .. })
            && previous == Some((seq - 1, e.at))
            && lines.last().is_some_and(|l| l.field == "waiting" && l.after.is_none() && l.who == e.actor);
        let planned_with_move = matches!(e.event, E::Planned { .. })
            && moved == Some((seq - 1, e.at))
            && lines.last().is_some_and(|l| l.field == "status" && l.who == e.actor);
        previous = matches!(e.event, E::WaitingEnded { .. }).then_some((seq, e.at));
        moved = matches!(e.event, E::Moved { .. }).then_some((seq, e.at));
        let line = history_entry(e, question_of);
        match lines.last_mut() {
            Some(last) if ended_just_before => {
                last.after = line.after;
                last.question = line.question;
            }
            Some(last) if planned_with_move => *last = line,
            _ => lines.push(line),
        }
    }
    lines
}

/// When the page's data was read: the server's clock, and the event log's
/// position before the ticket was read (`TicketPageData::live_from`).
#[derive(Debug, Clone, Copy)]
pub struct ReadAt {
    pub now: DateTime<Utc>,
    pub live_from: i64,
}

/// The page of the ticket with human id `key` (`SUP-1042`) for `user` at
/// `now`: its fields, both SLA clocks explained, the comments, history and
/// files they may read, and the actions they may take. A key that does not
/// parse, a missing ticket and another organisation's are one `NotFound`.
pub async fn page(
    store: &Store,
    user: &CurrentUser,
    key: &str,
    now: DateTime<Utc>,
) -> Result<TicketPageData, ServiceError> {
    use crate::domain::ticket::{is_assignable, parse_ticket_key, Permission};
    use crate::store::{attachments, comments, events, mail_intake, new_ticket, sprints, ticket_detail};

    // Agents read every organisation's tickets, with the internal parts.
    let agent = reader_scope(user)?.is_none();
    let number = parse_ticket_key(key).ok_or(ServiceError::NotFound)?;
    // Before the ticket: see `TicketPageData::live_from`.
    let live_from = events::head(store).await?;
    let detail = ticket_detail::ticket_by_number(store, number).await?.ok_or(ServiceError::NotFound)?;
    admit_read(user, detail.organisation_id)?;
    // Internal notes and internal events are left out by the queries
    // themselves: a client's answer never holds one.
    let readable = Visibility::readable_by(user.role);
    let id = detail.row.id;
    let comments = comments::ticket_comments(store, id, readable).await?;
    let history = events::ticket_events(store, id, readable).await?;
    let attachments = attachments::of_ticket(store, id, readable).await?;
    // Only agents may assign, so only they receive the list of agents.
    let assignees = if agent && user.can(Permission::StartWork) {
        crate::store::ticket_edits::active_agents(store)
            .await?
            .into_iter()
            .filter(|a| is_assignable(a.role))
            .map(|a| AssigneeOption { id: a.id, name: a.name })
            .collect()
    } else {
        Vec::new()
    };
    // Sprint planning is internal: agents see the sprints, clients none.
    let sprints: Vec<SprintChoice> = if agent {
        sprints::list(store)
            .await?
            .into_iter()
            .map(|s| SprintChoice {
                id: s.id,
                open: crate::domain::sprint_plan::is_open(s.days, s.closed_at.is_some(), now.date_naive()),
                name: s.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    // A ticket in the sorting queue of unknown senders' mail: operators
    // and above may sort it into any other organisation.
    let queue = detail.organisation_id;
    let sortable = user.can(Permission::RegisterOnBehalf)
        && mail_intake::sorting_queue(&store.pool).await? == Some(queue);
    let sort_into = if sortable {
        new_ticket::organisation_choices(store)
            .await?
            .into_iter()
            .filter(|o| o.id != queue)
            .map(|o| SortOption {
                id: o.id,
                name: o.name,
                requesters: o.clients.into_iter().map(|(id, name)| AssigneeOption { id, name }).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    // Ratings are public: whoever reads the ticket reads them.
    let given = crate::store::ratings::of_ticket(store, id).await?;
    let can_rate = if user.can(Permission::Rate) {
        let target = crate::store::ratings::target(&store.pool, id, detail.row.status).await?;
        crate::domain::quality::check_rating(user.role, &target).is_ok()
    } else {
        false
    };
    let read_at = ReadAt { now, live_from };
    let mut page = ticket_page(detail, comments, history, attachments, user, assignees, &sprints, read_at)
        .map_err(corrupt)?;
    page.actions.sort_into = sort_into;
    page.actions.can_rate = can_rate;
    page.ratings = given
        .into_iter()
        .map(|r| RatingInfo { score: r.score, comment: r.comment, by: r.rater, at: instant(r.at) })
        .collect();
    // Proposed deadlines are public, like their events: both sides see
    // what was asked and what the client answered.
    let extensions = crate::store::extensions::of_ticket(store, id).await?;
    {
        use crate::domain::extension::{check_may_answer, check_may_propose, ExtensionState};
        let waiting = extensions.iter().any(|x| x.state == ExtensionState::Proposed);
        page.can_answer_extension = extensions.iter().any(|x| check_may_answer(user.role, x.state).is_ok());
        let resolution = page.sla.clocks.iter().any(|c| c.kind == crate::domain::sla::ClockKind::Resolution);
        page.can_propose_extension =
            resolution && check_may_propose(user.role, page.ticket.status, waiting).is_ok();
    }
    page.extensions = extensions
        .into_iter()
        .map(|x| crate::api::ticket_page::ExtensionView {
            id: x.id,
            proposed_by: x.proposed_by,
            proposed_at: x.proposed_at,
            reason: x.reason,
            old_due: x.old_due,
            new_due: x.new_due,
            state: x.state,
            answered_by: x.answered_by,
            answered_at: x.answered_at,
            via: x.via,
        })
        .collect();
    // The second line is the desk's business (seed 000 §7): agents see the
    // escalations; who may escalate gets the departments to choose from.
    if readable == Visibility::Internal {
        page.escalations = crate::store::escalations::of_ticket(&store.pool, id)
            .await?
            .into_iter()
            .map(|e| EscalationView {
                id: e.id,
                department: e.department,
                question: e.question,
                asked_by: e.asked_by,
                asked_at: e.asked_at,
                due: e.due_at,
                state: e.state,
                closed_by: e.closed_by,
                closed_at: e.closed_at,
                answer_comment_id: e.answer_comment_id,
            })
            .collect();
        page.can_escalate = crate::domain::escalation::check_escalate(user.role, page.ticket.status).is_ok();
        if user.can(Permission::Escalate) {
            page.departments = crate::store::admin::departments(store)
                .await?
                .into_iter()
                .map(|d| DepartmentOption {
                    id: d.id,
                    name: d.name,
                    deadline_days: d.deadline_days,
                    channels: d
                        .channels
                        .iter()
                        .filter_map(|(kind, _)| crate::domain::admin::DepartmentChannel::parse(kind))
                        .collect(),
                })
                .collect();
        }
    }
    Ok(page)
}

/// The ticket page for `viewer`. Comments, history and attachments arrive
/// already filtered for the viewer by the store.
#[allow(clippy::too_many_arguments)]
fn ticket_page(
    detail: TicketDetailRow,
    comments: Vec<CommentRow>,
    history: Vec<StoredEvent>,
    attachments: Vec<AttachmentRow>,
    viewer: &CurrentUser,
    assignees: Vec<AssigneeOption>,
    sprints: &[SprintChoice],
    ReadAt { now, live_from }: ReadAt,
) -> Result<TicketPageData, String> {
    let row = &detail.row;
    let internal = Visibility::readable_by(viewer.role) == Visibility::Internal;
    let terms = ticket_terms(row)?;
    let countdown = ticket_countdown(row, &terms, now)?;
    let clocks = clocks(row, &terms, now)?;
    let (status, category) = (row.status, row.category);
    let latest = clocks.iter().filter_map(|c| c.due).chain(countdown.as_ref().map(|c| c.due)).max();
    let zone = zone_label(
        terms.calendar.tz(),
        row.received_at - Duration::days(1),
        latest.unwrap_or(now).max(now) + Duration::days(ZONE_HORIZON_DAYS),
    );
    let ticket = TicketFields {
        id: row.id,
        key: ticket_key(row.number),
        title: row.title.clone(),
        description: detail.description.clone(),
        steps_to_reproduce: detail.steps_to_reproduce.clone(),
        product_version: detail.product_version.clone(),
        category,
        priority: row.priority,
        level_mark: row.level_mark,
        status,
        waiting: row.waiting,
        waiting_question: row.waiting_question.clone(),
        channel: parse(&detail.channel)?,
        organisation: row.organisation.clone(),
        requester: detail.requester.clone(),
        assignee: row.assignee.clone(),
        assignee_id: detail.assignee_id,
        received_at: row.received_at,
        first_response_at: row.first_response_at,
        // SPEC §2: the sprint and the estimate are the desk's own business.
        estimate_hours: row.estimate_hours.filter(|_| internal),
        sprint_id: row.sprint_id.filter(|_| internal),
        sprint: row
            .sprint_id
            .filter(|_| internal)
            .and_then(|id| sprints.iter().find(|s| s.id == id))
            .map(|s| s.name.clone()),
        created_at: instant(detail.created_at),
        updated_at: instant(detail.updated_at),
        version: row.version,
        rejection_reason: detail.rejection_reason.clone(),
    };
    let files_of = |comment: Option<i64>| -> Vec<AttachmentInfo> {
        attachments.iter().filter(|a| a.comment_id == comment).map(AttachmentInfo::from).collect()
    };
    let comments = comments
        .into_iter()
        .map(|c| {
            Ok(Comment {
                attachments: files_of(Some(c.id)),
                id: c.id,
                author: c.author,
                author_role: parse(&c.author_role)?,
                at: instant(c.at),
                body: c.body,
                internal: c.internal,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    // The question of a wait is a public comment: read from the comments
    // the viewer may see, never past them.
    let question_of = |id: i64| comments.iter().find(|c| c.id == id).map(|c| c.body.clone());
    let history = history_lines(history, &question_of);
    let edits = edit_rights(
        &EditTarget {
            status,
            priority: ticket.priority,
            assignee: ticket.assignee_id,
            waiting: ticket.waiting,
            estimate: ticket.estimate_hours,
            sprint: ticket.sprint_id,
            category: ticket.category,
            level_mark: row.level_mark,
            has_contract: row.contract.is_some(),
        },
        viewer.role,
    );
    let actions = TicketActions {
        moves: allowed_moves(status, Actor::User(viewer.role), category),
        can_comment: CommentKind::of(viewer.role, false).is_some(),
        can_comment_internal: CommentKind::of(viewer.role, true).is_some(),
        edits,
        assignees: if edits.assignee { assignees } else { Vec::new() },
        sprints: if edits.sprint {
            sprints
                .iter()
                .filter(|s| s.open || Some(s.id) == row.sprint_id)
                .map(|s| SprintOption { id: s.id, name: s.name.clone() })
                .collect()
        } else {
            Vec::new()
        },
        // Filled in by the page's function, which knows the sorting queue
        // and the ratings.
        sort_into: Vec::new(),
        can_rate: false,
    };
    Ok(TicketPageData {
        server_now: now,
        viewer_role: viewer.role,
        ticket,
        sla: SlaBlock {
            countdown,
            round_the_clock: terms.calendar.is_always(),
            level: terms.level,
            zone,
            clocks,
        },
        attachments: files_of(None),
        comments,
        history,
        actions,
        live_from,
        // The server function sets the configured limit.
        max_attachment_bytes: crate::domain::attachment::DEFAULT_MAX_BYTES,
        ratings: Vec::new(),
        // Filled in by `page`, which reads them for agents.
        escalations: Vec::new(),
        departments: Vec::new(),
        can_escalate: false,
        // Filled in by `page`, which reads the proposals.
        extensions: Vec::new(),
        can_propose_extension: false,
        can_answer_extension: false,
    })
}
