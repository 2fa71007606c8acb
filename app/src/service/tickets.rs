//! Moving a ticket between columns and editing its fields.

use super::{finish_change, require_ticket, require_version, ServiceError};
use crate::auth::CurrentUser;
use crate::domain::event::{FieldChange, TicketEvent};
use crate::domain::sla::SlaLevel;
use crate::domain::text;
use crate::domain::ticket::LevelMark;
use crate::domain::ticket::{
    change_wait, check_edit, check_move, comment_effects, move_events, release_change, transition,
    with_message, Actor, Command, CommentBody, CommentKind, Edit, EditError, EditTarget, ReleaseChange,
    Status, MAX_REJECTION_REASON_CHARS,
};
use crate::error::Reason;
use crate::store::board::{self, TicketRow};
use crate::store::tickets::{self as rows, TicketHead};
use crate::store::{comments, ticket_edits, Store, StoreError, Tx};
use chrono::{DateTime, Utc};

/// A written change: the ticket's new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    pub id: i64,
    pub version: i64,
}

/// Moves ticket `id`, last seen at `version`, to column `to` for `user` at
/// `now`. A rejection carries `reason`. The lifecycle (SPEC §3) decides.
pub async fn move_ticket(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    to: Status,
    version: i64,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<(Status, Changed), ServiceError> {
    // Checked whatever the move, before anything is read: a reason is text
    // like any other, and an over-long one costs no transaction.
    let reason =
        reason.map(|r| text::bounded(&r, MAX_REJECTION_REASON_CHARS)).transpose().map_err(|problem| {
            ServiceError::InvalidText { field: "reason", problem, max: MAX_REJECTION_REASON_CHARS }
        })?;
    let mut tx = store.begin().await?;
    let head = require_ticket(&mut tx, user, id).await?;
    // A conflict whatever the move: the caller decided on a state that is gone.
    require_version(&head, version)?;
    let actor = Actor::User(user.role);
    let refused = |e: crate::domain::ticket::TransitionError| {
        ServiceError::Refused(Reason::new(e.code(), e.to_string()))
    };
    let mut command = check_move(head.status, to, actor, head.category).map_err(refused)?;
    // Into and out of the Sprint column is planning (issue 16's one rule).
    if matches!(command, Command::TakeIntoSprint | Command::TakeOutOfSprint) {
        // Rolled back now, not on the connection's next use: on SQLite a
        // dropped transaction would keep the write lock planning needs.
        tx.rollback().await?;
        if let Some(changed) =
            super::sprint_plan::move_through_plan(store, user, head.status, to, id, version, now).await
        {
            return Ok((to, changed?));
        }
        return Err(ServiceError::Stale);
    }
    // Returned to the Backlog or reopened, a planned ticket (or one reopened
    // into the Sprint column) changes its plan with the move: planning
    // locks the sprint before the ticket, so the move starts over there.
    if matches!(command, Command::ReturnToBacklog | Command::Reopen { .. })
        && (head.sprint_id.is_some() || to == Status::Sprint)
    {
        tx.rollback().await?;
        let changed = super::sprint_plan::move_with_plan(store, user, &head, to, version, now).await?;
        return Ok((to, changed));
    }
    if let Command::Reject { reason: r } = &mut command {
        *r = reason.unwrap_or_default();
    }
    let to = transition(head.status, &command, actor, head.category).map_err(refused)?;
    let rejection_reason = match &command {
        Command::Reject { reason } => Some(reason.trim()),
        _ => None,
    };
    let version = write_move(&mut tx, &head, to, rejection_reason, Some(user.id), now, Vec::new()).await?;
    store.commit(tx).await?;
    Ok((to, Changed { id: head.id, version }))
}

/// Writes a move the lifecycle allowed: the status, the release ledger and
/// the events, with `more` events of the same change after the move's own
/// (the plan's, when the move changed it). Shared by people's moves and the
/// system's automatic archive.
pub(super) async fn write_move(
    tx: &mut Tx<'_>,
    head: &TicketHead,
    to: Status,
    rejection_reason: Option<&str>,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
    more: Vec<TicketEvent>,
) -> Result<i64, ServiceError> {
    let at = now.timestamp();
    rows::set_status(tx, head.id, to, rejection_reason).await?;
    match release_change(head.status, to) {
        ReleaseChange::Open => rows::open_release(tx, head.id, at).await?,
        ReleaseChange::Close => rows::close_release(tx, head.id, at).await?,
        ReleaseChange::None => {}
    }
    let mut events = move_events(head.status, to, rejection_reason);
    events.extend(more);
    finish_change(tx, head, actor_id, now, &events).await
}

/// The values an edit is decided on. `has_contract` matters only to an
/// emergency confirmation, whose use case reads the contract.
fn edit_target(head: &TicketHead, has_contract: bool) -> EditTarget {
    EditTarget {
        status: head.status,
        priority: head.priority,
        assignee: head.assignee_id,
        waiting: head.waiting,
        estimate: head.estimate_hours,
        sprint: head.sprint_id,
        category: head.category,
        level_mark: head.level_mark,
        has_contract,
    }
}

/// The ticket's level as its terms give it with mark `mark` (the contract
/// read for `received_at`, as the clock reads it).
fn level_with(row: &TicketRow, mark: LevelMark) -> Result<SlaLevel, ServiceError> {
    let row = TicketRow { level_mark: mark, ..row.clone() };
    super::sla::ticket_terms(&row).map(|t| t.level.level).map_err(|e| {
        ServiceError::Store(crate::store::StoreError::Corrupt(format!("SUP-{}: {e}", row.number)))
    })
}

/// Changes the priority, assignee, wait, estimate or sprint of ticket `id`,
/// last seen at `version`, for `user` at `now`. The domain's `check_edit`
/// decides who may; a sprint must exist and not have ended. A wait for the
/// client is started with `message`, the public reply that says what is
/// asked of them (`with_message`), posted in the same transaction.
pub async fn edit_ticket(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    version: i64,
    edit: Edit,
    message: Option<CommentBody>,
    now: DateTime<Utc>,
) -> Result<Changed, ServiceError> {
    // The sprint field is planning: the one rule moves the ticket with it,
    // in planning's own transaction, which decides who may plan and checks
    // the version first too. (A message goes only with a wait: refused below.)
    if let (Edit::Sprint(to), None) = (edit, &message) {
        return match to {
            Some(sprint) => super::sprint_plan::plan(store, user, id, version, Some(sprint), now).await,
            None => super::sprint_plan::unplan(store, user, id, version, now).await,
        };
    }
    let mut tx = store.begin().await?;
    let mut head = require_ticket(&mut tx, user, id).await?;
    require_version(&head, version)?;
    // What the edit names is read under the ticket's lock, after the
    // version check: a stale edit is stale whatever it names.
    let assignee_role = match edit {
        Edit::Assignee(Some(assignee)) => ticket_edits::active_role(&mut *tx, assignee).await?,
        _ => None,
    };
    // A level change reads the contract the ticket counts under.
    let row = match edit {
        Edit::Level(_) => Some(board::ticket_row_in(&mut tx, head.id).await?.ok_or_else(|| {
            ServiceError::Store(crate::store::StoreError::Corrupt("locked ticket vanished".into()))
        })?),
        _ => None,
    };
    let target = edit_target(&head, row.as_ref().is_none_or(|r| r.contract.is_some()));
    let refused = |e: EditError| match e {
        EditError::NotPermitted { .. } => ServiceError::NotPermitted(Reason::new(e.code(), e.to_string())),
        _ => ServiceError::Refused(Reason::new(e.code(), e.to_string())),
    };
    check_edit(&edit, &target, user.role, assignee_role).map_err(refused)?;
    let asked = with_message(&edit, message).map_err(refused)?;
    let events = match edit {
        Edit::Waiting(to) => {
            let corrupt = |e: crate::domain::sla::PauseError| {
                ServiceError::Store(StoreError::Corrupt(format!("ticket {id} pauses: {e}")))
            };
            // The question first: it is the agent's public reply (the
            // reaction, if none came before), then the pause it opens.
            let mut events = Vec::new();
            let mut question = None;
            if let Some(asked) = &asked {
                let at = now.timestamp();
                let comment_id =
                    comments::insert_comment(&mut tx, head.id, user.id, at, asked.message().as_str(), false)
                        .await?;
                let kind = CommentKind::AgentReply;
                let effects =
                    comment_effects(kind, head.first_response_at, head.waiting, &mut head.pauses, now)
                        .map_err(corrupt)?;
                if effects.first_response {
                    rows::set_first_response(&mut tx, head.id, at).await?;
                }
                events.extend(effects.events(comment_id, kind));
                question = Some(comment_id);
            }
            let change = change_wait(&mut head.pauses, to, now).map_err(corrupt)?;
            rows::write_wait(&mut tx, head.id, &change).await?;
            if let (Some(comment_id), Some(_)) = (question, change.started) {
                rows::ask_in_open_wait(&mut tx, head.id, comment_id).await?;
            }
            events.extend(change.events(question));
            events
        }
        Edit::Priority(to) => {
            ticket_edits::write_field(&mut tx, head.id, &edit).await?;
            vec![TicketEvent::Edited(FieldChange::Priority { from: target.priority, to })]
        }
        Edit::Assignee(to) => {
            ticket_edits::write_field(&mut tx, head.id, &edit).await?;
            let from = ticket_edits::user_name(&mut tx, target.assignee).await?;
            let to = ticket_edits::user_name(&mut tx, to).await?;
            vec![TicketEvent::Edited(FieldChange::Assignee { from, to })]
        }
        Edit::Estimate(to) => {
            ticket_edits::write_field(&mut tx, head.id, &edit).await?;
            vec![TicketEvent::Edited(FieldChange::Estimate { from: target.estimate, to })]
        }
        Edit::Category(to) => {
            ticket_edits::write_field(&mut tx, head.id, &edit).await?;
            vec![TicketEvent::Edited(FieldChange::Category { from: target.category, to })]
        }
        Edit::Level(mark) => {
            let row = row.as_ref().ok_or_else(|| {
                ServiceError::Store(crate::store::StoreError::Corrupt(
                    "level edit without its ticket row".into(),
                ))
            })?;
            let (from, to) = (level_with(row, target.level_mark)?, level_with(row, mark)?);
            ticket_edits::write_field(&mut tx, head.id, &edit).await?;
            vec![TicketEvent::Edited(FieldChange::Level { mark, from, to })]
        }
        Edit::Sprint(_) => unreachable!("the sprint field is planned through sprint_plan, above"),
    };
    let version = finish_change(&mut tx, &head, Some(user.id), now, &events).await?;
    store.commit(tx).await?;
    Ok(Changed { id: head.id, version })
}
