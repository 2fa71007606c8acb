use crate::board::model::BoardSnapshot;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The shared board with every card's countdown data.
#[server(prefix = "/api", endpoint = "board", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_board() -> Result<BoardSnapshot, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let organisation = crate::auth::guard::ticket_scope_of(&user)?;
    let store = super::store()?;
    let now = chrono::Utc::now();
    let rows = crate::store::board_tickets(&store, organisation).await.map_err(super::internal)?;
    // The server's configured limits; none when it has none.
    let wip = use_context::<crate::domain::ticket::WipLimits>().unwrap_or_default();
    Ok(crate::board::assemble::board_snapshot(rows, now, user.role, &wip))
}
