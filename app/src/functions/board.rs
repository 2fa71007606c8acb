use crate::board::model::BoardSnapshot;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The shared board with every card's countdown data.
#[server(prefix = "/api", endpoint = "board", input = Json)]
pub async fn get_board() -> Result<BoardSnapshot, ServerFnError> {
    let store = super::store()?;
    let now = chrono::Utc::now();
    let rows = crate::store::board_tickets(&store, None).await.map_err(super::internal)?;
    Ok(crate::board::assemble::board_snapshot(rows, now))
}
