use super::column::BoardColumnView;
use super::model::BoardSnapshot;
use super::moves::{MoveAnnouncer, MoveController};
use crate::clock::page_clock;
use crate::functions::board::get_board;
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

/// The shared board: five columns of cards with live SLA countdowns.
#[component]
pub fn BoardPage() -> impl IntoView {
    let locale = use_locale();
    let board = Resource::new(|| (), |_| get_board());
    let moves = MoveController::new(locale, move || board.refetch());
    view! {
        <section class="board-page">
            <div class="board-bar">
                <h1>{locale.text(Msg::NavBoard)}</h1>
                <p class="hint">{locale.text(Msg::MoveHint)}</p>
            </div>
            <MoveAnnouncer controller=moves/>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::LoadingBoard)}</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(snapshot) => view! { <Board snapshot moves/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {e}", Msg::BoardLoadFailed.text(locale.get()))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Board(snapshot: BoardSnapshot, moves: MoveController) -> impl IntoView {
    let now = page_clock(snapshot.server_now);
    let role = snapshot.viewer_role;
    view! {
        <div class="board">
            {snapshot
                .columns
                .into_iter()
                .map(|column| view! { <BoardColumnView column now role moves/> })
                .collect_view()}
        </div>
    }
}
