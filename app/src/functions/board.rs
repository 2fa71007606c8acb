use crate::board::model::{BoardSnapshot, Card};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The shared board with every card's countdown data.
#[server(prefix = "/api", endpoint = "board", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_board() -> Result<BoardSnapshot, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let organisation = crate::auth::guard::ticket_scope_of(&user)?;
    let store = super::store()?;
    let now = chrono::Utc::now();
    // Before the cards: see `BoardSnapshot::live_from`.
    let live_from = crate::store::events::head(&store).await.map_err(super::internal)?;
    let rows = crate::store::board_tickets(&store, organisation).await.map_err(super::internal)?;
    // The server's configured limits; none when it has none.
    let wip = use_context::<crate::domain::ticket::WipLimits>().unwrap_or_default();
    // The running sprint's cards, for the board's sprint filter (agents only).
    let active = match user.role.is_agent() {
        true => crate::service::sprint_plan::active_sprint(&store, now).await?,
        false => None,
    };
    let in_active: std::collections::HashSet<i64> =
        rows.iter().filter(|r| active.is_some() && r.sprint_id == active).map(|r| r.id).collect();
    let mut snapshot = crate::board::assemble::board_snapshot(rows, now, user.role, &wip, live_from);
    for card in snapshot.columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
        card.in_active_sprint = in_active.contains(&card.id);
    }
    Ok(snapshot)
}

/// One card as the caller's board shows it, or `null` when the ticket is
/// not on their board (archived, not theirs, or missing — told apart for
/// nobody). The live board refetches a card with it after each event.
#[server(prefix = "/api", endpoint = "board/card", input = Json, custom = crate::auth::StrictArgs)]
pub async fn get_board_card(id: i64) -> Result<Option<Card>, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let organisation = crate::auth::guard::ticket_scope_of(&user)?;
    let store = super::store()?;
    let now = chrono::Utc::now();
    let Some(row) =
        crate::store::board::board_ticket(&store, id, organisation).await.map_err(super::internal)?
    else {
        return Ok(None);
    };
    let active = match user.role.is_agent() {
        true => crate::service::sprint_plan::active_sprint(&store, now).await?,
        false => None,
    };
    let in_active = active.is_some() && row.sprint_id == active;
    let mut card = crate::board::assemble::board_card(row, now).map_err(super::internal)?;
    card.in_active_sprint = in_active;
    Ok(Some(card))
}
