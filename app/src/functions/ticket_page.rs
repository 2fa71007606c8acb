//! The ticket page's API: the whole ticket for one reader, and comments.

use crate::tickets::detail::model::{CommentPosted, TicketPageData};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/tickets/get`: the ticket with human id `key` (`SUP-1042`):
/// its fields, both SLA clocks explained, the comments and history this
/// caller may read, and the actions they may take.
#[server(prefix = "/api", endpoint = "tickets/get", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_ticket(key: String) -> Result<TicketPageData, crate::error::AppError> {
    use crate::domain::event::Visibility;
    use crate::domain::ticket::parse_ticket_key;
    use crate::store::events::ticket_events;
    use crate::store::{comments::ticket_comments, ticket_detail};
    use crate::tickets::detail::assemble::ticket_page;

    let user = crate::auth::require_user().await?;
    let scope = crate::auth::require_ticket_scope().await?;
    let store = super::store()?;
    let not_found = || crate::error::AppError::NotFound;
    let number = parse_ticket_key(&key).ok_or_else(not_found)?;
    // Before the ticket: see `TicketPageData::live_from`.
    let live_from = crate::store::events::head(&store).await.map_err(super::internal)?;
    let detail = ticket_detail::ticket_by_number(&store, number)
        .await
        .map_err(super::internal)?
        .ok_or_else(not_found)?;
    if scope.is_some_and(|org| org != detail.organisation_id) {
        return Err(not_found());
    }
    // Internal notes and internal events are left out by the queries
    // themselves: a client's answer never holds one.
    let agent = scope.is_none();
    let readable = Visibility::readable_by(user.role);
    let comments = ticket_comments(&store, detail.row.id, readable).await.map_err(super::internal)?;
    let history = ticket_events(&store, detail.row.id, readable).await.map_err(super::internal)?;
    let attachments = crate::store::attachments::of_ticket(&store, detail.row.id, readable)
        .await
        .map_err(super::internal)?;
    // Only agents may assign, so only they receive the list of agents.
    let assignees = if agent && user.can(crate::domain::ticket::Permission::StartWork) {
        crate::store::ticket_edits::active_agents(&store)
            .await
            .map_err(super::internal)?
            .into_iter()
            .filter(|a| crate::domain::ticket::is_assignable(a.role))
            .map(|a| crate::tickets::detail::model::AssigneeOption { id: a.id, name: a.name })
            .collect()
    } else {
        Vec::new()
    };
    // Sprint planning is internal: agents see the sprints, clients none.
    let now = chrono::Utc::now();
    let sprints: Vec<crate::tickets::detail::assemble::SprintChoice> = if agent {
        crate::store::sprints::list(&store)
            .await
            .map_err(super::internal)?
            .into_iter()
            .map(|s| crate::tickets::detail::assemble::SprintChoice {
                id: s.id,
                open: crate::domain::sprint_plan::is_open(s.days, s.closed_at.is_some(), now.date_naive()),
                name: s.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let read_at = crate::tickets::detail::assemble::ReadAt { now, live_from };
    // A ticket in the sorting queue of unknown senders' mail: operators
    // and above may sort it into any other organisation.
    let sortable = user.can(crate::domain::ticket::Permission::RegisterOnBehalf)
        && crate::store::mail_intake::sorting_queue(&store.pool).await.map_err(super::internal)?
            == Some(detail.organisation_id);
    let queue = detail.organisation_id;
    let sort_into = if sortable {
        crate::store::new_ticket::organisation_choices(&store)
            .await
            .map_err(super::internal)?
            .into_iter()
            .filter(|o| o.id != queue)
            .map(|o| crate::tickets::detail::model::SortOption {
                id: o.id,
                name: o.name,
                requesters: o
                    .clients
                    .into_iter()
                    .map(|(id, name)| crate::tickets::detail::model::AssigneeOption { id, name })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut page = ticket_page(detail, comments, history, attachments, &user, assignees, &sprints, read_at)
        .map_err(super::internal)?;
    page.actions.sort_into = sort_into;
    page.max_attachment_bytes = super::files()?.max_bytes;
    Ok(page)
}

/// `POST /api/tickets/comment`: posts a public reply or (`internal`) an
/// internal note on ticket `id`, with the caller's uploads `attachments`
/// (ids from `POST /api/attachments/upload`). The first public agent reply
/// stops the reaction clock; a client's reply ends a wait for their
/// information.
#[server(prefix = "/api", endpoint = "tickets/comment", input = Json, custom = crate::auth::StrictArgs)]
pub async fn post_comment(
    id: i64,
    body: String,
    #[server(default)] internal: bool,
    #[server(default)] attachments: Vec<i64>,
) -> Result<CommentPosted, crate::error::AppError> {
    use crate::tickets::detail::comment_body::CommentBody;

    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let body = CommentBody::parse(&body).map_err(|e| e.to_app_error())?;
    let posted = crate::service::comments::post_comment_with_files(
        &store,
        &user,
        id,
        &body,
        internal,
        &attachments,
        chrono::Utc::now(),
    )
    .await
    .map_err(crate::error::AppError::from)?;
    Ok(CommentPosted {
        id: posted.comment_id,
        version: posted.ticket.version,
        first_response: posted.first_response,
        wait_ended: posted.wait_ended,
    })
}

/// How long a ticket page counts as open after its last presence call (it
/// calls every 15 seconds).
#[cfg(feature = "ssr")]
const PRESENCE_WINDOW_SECS: i64 = 45;

/// `POST /api/tickets/presence`: notes that the caller has ticket `id` open
/// and answers who else has. Agents see everyone (colleagues, and the
/// client's people): it is the desk's guard against two agents answering
/// at once. A client is counted but sees nobody. Another organisation's
/// ticket is answered 404, like a missing one.
#[server(prefix = "/api", endpoint = "tickets/presence", input = Json, custom = crate::auth::StrictArgs)]
pub async fn ticket_presence(
    id: i64,
) -> Result<Vec<crate::tickets::detail::model::Viewer>, crate::error::AppError> {
    use crate::auth::TicketScope;
    use crate::domain::ticket::Permission;
    use crate::error::AppError;
    use crate::store::presence;

    let user = crate::auth::require_user().await?;
    let scope = user.ticket_scope();
    if scope == TicketScope::Nothing {
        return Err(AppError::Forbidden(None));
    }
    let store = super::store()?;
    let organisation =
        crate::store::tickets::organisation_of(&store.pool, id).await.map_err(super::internal)?;
    if !organisation.is_some_and(|org| scope.admits(org)) {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now().timestamp();
    presence::touch(&store, id, user.id, now).await.map_err(super::internal)?;
    if !user.can(Permission::SeeInternal) {
        return Ok(Vec::new());
    }
    let viewers =
        presence::viewers(&store, id, now - PRESENCE_WINDOW_SECS, user.id).await.map_err(super::internal)?;
    Ok(viewers
        .into_iter()
        .map(|v| crate::tickets::detail::model::Viewer { name: v.name, role: v.role })
        .collect())
}
