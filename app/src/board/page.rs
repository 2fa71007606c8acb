use super::column::BoardColumnView;
use super::model::BoardSnapshot;
use crate::clock::page_clock;
use crate::functions::board::get_board;
use leptos::prelude::*;

/// The shared board: five columns of cards with live SLA countdowns.
#[component]
pub fn BoardPage() -> impl IntoView {
    let board = Resource::new(|| (), |_| get_board());
    view! {
        <section class="board-page">
            <h1 class="visually-hidden">"Board"</h1>
            <Suspense fallback=|| view! { <p class="notice">"Loading the board…"</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(snapshot) => view! { <Board snapshot/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {format!("The board could not be loaded: {e}")}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Board(snapshot: BoardSnapshot) -> impl IntoView {
    let now = page_clock(snapshot.server_now);
    view! {
        <div class="board">
            {snapshot
                .columns
                .into_iter()
                .map(|column| view! { <BoardColumnView column now/> })
                .collect_view()}
        </div>
    }
}
