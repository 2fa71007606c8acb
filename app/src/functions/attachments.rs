//! Attachments' server function. Uploading and downloading are plain HTTP
//! routes of the server (`server/src/attachments.rs`): a file is a raw
//! body streamed in and out, not a JSON argument.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/attachments/discard`: removes the caller's upload `id` that
/// no comment or ticket took yet (a file taken off the comment box). 404
/// for anyone else's, or one already attached.
#[server(prefix = "/api", endpoint = "attachments/discard", input = Json, custom = crate::auth::StrictArgs)]
pub async fn discard_attachment(id: i64) -> Result<(), crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let files = super::files()?;
    crate::service::attachments::discard(&store, &files, &user, id)
        .await
        .map_err(crate::error::AppError::from)
}
