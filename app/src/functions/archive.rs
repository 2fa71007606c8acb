//! The archive's API.

use crate::api::archive::ArchiveListing;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/archive`: page `page` (1-based, default 1) of the archived
/// tickets this caller may see whose id or title contains `q`, most
/// recently closed first, 25 a page.
#[server(prefix = "/api", endpoint = "archive", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_archive(
    #[server(default)] q: String,
    #[server(default)] page: usize,
) -> Result<ArchiveListing, crate::error::AppError> {
    const MAX_QUERY_CHARS: usize = 200;
    let user = crate::auth::require_user().await?;
    // The search is text like any other (`domain::text`): limited, no NUL.
    let q = crate::domain::text::bounded(&q, MAX_QUERY_CHARS)
        .map_err(|p| crate::error::AppError::invalid_text("q", p, MAX_QUERY_CHARS))?;
    let store = super::store()?;
    Ok(crate::service::read::archive::archive(&store, &user, &q, page).await?)
}
