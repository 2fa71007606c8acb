//! Second-line escalation (SPEC §6, seed 000 §7–8): ask a department, answer
//! (as an internal note) or withdraw, each through the one write path; and
//! the job that notes a passed deadline once across replicas.
//!
//! Sending is not done here: an escalation's email goes through the outbox
//! (planned from its `escalated` event, `service::notify`), its Mattermost
//! posts are queued rows written in the escalating transaction and sent by
//! the server's poster (`server/src/second_line.rs`).

use super::comments::post_in;
use super::tickets::Changed;
use super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::admin::department::is_webhook_url;
use crate::domain::escalation::{
    self, Closing, EscalationError, EscalationState, Question, MAX_QUESTION_CHARS,
};
use crate::domain::event::TicketEvent;
use crate::domain::ticket::CommentBody;
use crate::error::Reason;
use crate::store::escalations as rows;
use crate::store::events::{append, EventOrigin};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// What escalating made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escalated {
    pub escalation_id: i64,
    pub ticket: Changed,
    pub due: DateTime<Utc>,
}

fn refused(e: EscalationError) -> ServiceError {
    match e {
        EscalationError::NotPermitted => ServiceError::Forbidden,
        other => ServiceError::Refused(Reason::new(other.code(), other.to_string())),
    }
}

fn text(field: &'static str, raw: &str) -> Result<String, ServiceError> {
    Question::parse(raw).map(|q| q.as_str().to_string()).map_err(|problem| ServiceError::InvalidText {
        field,
        problem,
        max: MAX_QUESTION_CHARS,
    })
}

/// Escalates ticket `id`, seen at `version`, to department `department_id`
/// with `question`, as `user` at `now`. The department's deadline counts
/// its working days on the desk's calendar from `now`.
#[allow(clippy::too_many_arguments)]
pub async fn escalate(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    department_id: i64,
    question: &str,
    now: DateTime<Utc>,
) -> Result<Escalated, ServiceError> {
    let calendar = super::sla::desk_calendar(store).await?;
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    escalation::check_escalate(user.role, head.status).map_err(refused)?;
    let question = text("question", question)?;
    require_version(&head, version)?;
    let department = rows::department(&mut tx, department_id).await?.ok_or_else(|| {
        ServiceError::Refused(Reason::new("unknown_department", "there is no such department"))
    })?;
    let days = u32::try_from(department.deadline_days)
        .map_err(|_| StoreError::Corrupt(format!("department {department_id} deadline")))?;
    let due = escalation::due(&calendar, now, days)
        .map_err(|e| StoreError::Corrupt(format!("the desk's calendar gives no deadline: {e}")))?;
    let escalation_id =
        rows::insert(&mut tx, head.id, department.id, &question, user.id, now.timestamp(), due.timestamp())
            .await?;
    // A channel migrated from before webhooks (`~legal`) cannot be posted to.
    let hooks: Vec<&str> = department
        .channels
        .iter()
        .filter(|(kind, address)| kind == "mattermost" && is_webhook_url(address))
        .map(|(_, address)| address.as_str())
        .collect();
    rows::queue_posts(&mut tx, escalation_id, &hooks, now.timestamp()).await?;
    let event = TicketEvent::Escalated { escalation_id, department: department.name.clone(), due };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(Escalated { escalation_id, ticket: Changed { id: head.id, version }, due })
}

/// Records the department's `answer` to escalation `escalation_id` of
/// ticket `id` (seen at `version`) as an internal note, through the comment
/// write path, and closes the escalation, in one transaction.
pub async fn answer(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    escalation_id: i64,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    let found = rows::by_id(&mut tx, escalation_id).await?.filter(|e| e.ticket_id == head.id);
    let found = found.ok_or(ServiceError::NotFound)?;
    let state = escalation::close(user.role, found.state, Closing::Answer).map_err(refused)?;
    let body = text("answer", answer)?;
    require_version(&head, version)?;
    // Within the question's limit, so within a comment's too.
    let body = CommentBody::parse(&body).map_err(super::corrupt)?;
    let posted = post_in(&mut tx, user, id, &body, true, &[], now).await?;
    rows::close(&mut tx, escalation_id, state, user.id, now.timestamp(), Some(posted.comment_id)).await?;
    let origin = EventOrigin {
        ticket_id: head.id,
        organisation_id: head.organisation_id,
        actor_id: Some(user.id),
        at: now.timestamp(),
    };
    let event = TicketEvent::EscalationAnswered {
        escalation_id,
        department: found.department,
        comment_id: posted.comment_id,
    };
    append(&mut tx, origin, &[event]).await?;
    store.commit(tx).await?;
    Ok(posted.ticket)
}

/// Withdraws escalation `escalation_id` of ticket `id` (seen at `version`).
pub async fn withdraw(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    escalation_id: i64,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    let found = rows::by_id(&mut tx, escalation_id).await?.filter(|e| e.ticket_id == head.id);
    let found = found.ok_or(ServiceError::NotFound)?;
    let state = escalation::close(user.role, found.state, Closing::Withdraw).map_err(refused)?;
    require_version(&head, version)?;
    rows::close(&mut tx, escalation_id, state, user.id, now.timestamp(), None).await?;
    let event = TicketEvent::EscalationWithdrawn { escalation_id, department: found.department };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}

/// How many passed deadlines one run notes at most.
const BATCH: i64 = 200;

/// Appends an `escalation_overdue` event (by the system) for every open
/// escalation past its deadline at `now` and not noted yet, each in its own
/// transaction with the note, so it is appended exactly once whatever the
/// number of replicas. The outbox then alerts the assignee and the leads.
/// Returns how many this run noted.
pub async fn note_overdue(store: &Store, now: DateTime<Utc>) -> Result<usize, ServiceError> {
    let at = now.timestamp();
    let mut noted = 0;
    for (id, ticket_id) in rows::overdue_unnoted(store, at, BATCH).await? {
        let mut tx = store.begin().await?;
        // Lock the ticket first: on SQLite a transaction must take the
        // write lock before it reads.
        let Some(head) = crate::store::tickets::lock_head(&mut tx, ticket_id).await? else { continue };
        if !rows::note_overdue(&mut tx, id, at).await? {
            continue;
        }
        let Some(found) = rows::by_id(&mut tx, id).await? else { continue };
        debug_assert_eq!(found.state, EscalationState::Open);
        let origin = EventOrigin { ticket_id, organisation_id: head.organisation_id, actor_id: None, at };
        let event = TicketEvent::EscalationOverdue {
            escalation_id: id,
            department: found.department,
            due: found.due_at,
        };
        append(&mut tx, origin, &[event]).await?;
        store.commit(tx).await?;
        noted += 1;
    }
    Ok(noted)
}
