use super::column::BoardColumnView;
use super::filter_bar::{use_board_filter, FilterBar};
use super::model::BoardSnapshot;
use super::moves::{MoveAnnouncer, MoveController};
use crate::clock::page_clock;
use crate::domain::ticket::Permission;
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
                                    {move || format!("{}: {}", Msg::BoardLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
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
    let filter = use_board_filter();
    let cards = || snapshot.columns.iter().flat_map(|c| c.cards.iter());
    let mut organisations: Vec<String> = cards().map(|c| c.organisation.clone()).collect();
    organisations.sort();
    organisations.dedup();
    let mut assignees: Vec<String> = cards().filter_map(|c| c.assignee.clone()).collect();
    assignees.sort();
    assignees.dedup();
    let locale = use_locale();
    let new_ticket = role.can(Permission::CreateTicket).then(|| {
        view! {
            <div class="board-actions">
                <a class="new-ticket-link" href="/tickets/new">{locale.text(Msg::NewTicket)}</a>
            </div>
        }
    });
    view! {
        {new_ticket}
        <FilterBar filter organisations assignees/>
        <div class="board">
            {snapshot
                .columns
                .into_iter()
                .map(|column| view! { <BoardColumnView column now role moves filter/> })
                .collect_view()}
        </div>
    }
}
