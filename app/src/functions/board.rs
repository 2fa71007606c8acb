use crate::api::board::{BoardSnapshot, Card};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The shared board with every card's countdown data.
#[server(prefix = "/api", endpoint = "board", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_board() -> Result<BoardSnapshot, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    // The server's configured limits; none when it has none.
    let wip = use_context::<crate::domain::ticket::WipLimits>().unwrap_or_default();
    Ok(crate::service::read::board::board(&store, &user, &wip, chrono::Utc::now()).await?)
}

/// One card as the caller's board shows it, or `null` when the ticket is
/// not on their board (archived, not theirs, or missing — told apart for
/// nobody). The live board refetches a card with it after each event.
#[server(prefix = "/api", endpoint = "board/card", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_board_card(id: i64) -> Result<Option<Card>, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::read::board::board_card(&store, &user, id, chrono::Utc::now()).await?)
}
