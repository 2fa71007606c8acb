//! The ticket page's API: the whole ticket for one reader, and comments.

use crate::api::ticket_page::{CommentPosted, TicketPageData};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/tickets/get`: the ticket with human id `key` (`SUP-1042`):
/// its fields, both SLA clocks explained, the comments and history this
/// caller may read, and the actions they may take.
#[server(prefix = "/api", endpoint = "tickets/get", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_ticket(key: String) -> Result<TicketPageData, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let mut page = crate::service::read::ticket_page::page(&store, &user, &key, chrono::Utc::now()).await?;
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
    use crate::domain::ticket::CommentBody;

    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let body = CommentBody::parse(&body).map_err(crate::error::AppError::from)?;
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

/// `POST /api/tickets/presence`: notes that the caller has ticket `id` open
/// and answers who else has. Agents see everyone (colleagues, and the
/// client's people): it is the desk's guard against two agents answering
/// at once. A client is counted but sees nobody. Another organisation's
/// ticket is answered 404, like a missing one.
#[server(prefix = "/api", endpoint = "tickets/presence", input = Json, custom = crate::auth::StrictArgs)]
pub async fn ticket_presence(
    id: i64,
) -> Result<Vec<crate::api::ticket_page::Viewer>, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::presence::open(&store, &user, id, chrono::Utc::now()).await?)
}
