use super::card::CardView;
use super::filter::BoardFilter;
use super::moves::MoveController;
use crate::api::board::BoardColumn;
use crate::domain::ticket::{breach_order, over_limit, Role};
use crate::i18n::{count_label, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// One column; `column` changes as the live board patches it.
#[component]
pub fn BoardColumnView(
    column: Memo<BoardColumn>,
    now: Signal<DateTime<Utc>>,
    role: Role,
    moves: MoveController,
    filter: Memo<BoardFilter>,
    /// The viewer's name, for the "mine" filter.
    me: StoredValue<String>,
) -> impl IntoView {
    let locale = use_locale();
    let (status, wip_limit) = column.with_untracked(|c| (c.status, c.wip_limit));
    let title = locale.text(labels::status(status));
    // The limit is about the whole column, whatever the filter shows.
    let over = Memo::new(move |_| column.with(|c| over_limit(c.cards.len(), wip_limit)));
    // The SLA state filter reads the clock when the filter or the cards
    // change, not at every tick: cards do not jump in and out of view once
    // a second.
    // Sorted by time to breach the same way: on a change, not every second.
    let shown = Memo::new(move |_| {
        let (f, t) = (filter.get(), now.get_untracked());
        let mut cards = me.with_value(|me| {
            column.with(|c| c.cards.iter().filter(|card| f.matches(card, t, me)).cloned().collect::<Vec<_>>())
        });
        if f.by_breach {
            cards.sort_by_cached_key(|c| {
                breach_order(c.countdown.as_ref().map(|d| d.at(t)), c.priority, c.received_at, c.id)
            });
        }
        cards
    });
    let count = move || shown.with(|s| s.len());
    let heading_id = format!("col-{}", status.code());
    let labelled_by = heading_id.clone();
    // While a card is dragged, columns it may go to are highlighted; any
    // column accepts the drop and the server has the last word.
    let drop_class = move || {
        let base = "column";
        match moves.dragging.get() {
            Some(card) if card.status == status => format!("{base} drag-source"),
            Some(card) if MoveController::targets(&card, role).contains(&status) => format!("{base} drop-ok"),
            Some(_) => format!("{base} drop-no"),
            None => base.to_string(),
        }
    };
    view! {
        <section
            class=drop_class
            data-status=status.code()
            aria-labelledby=labelled_by
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(card) = moves.dragging.get_untracked() {
                    moves.dragging.set(None);
                    moves.request(card, status, locale);
                }
            }
        >
            <header class="column-head">
                <h2 id=heading_id>{title}</h2>
                <span class="count" aria-label=move || count_label(locale.get(), count() as u64, Noun::Ticket)>
                    {count}
                </span>
                {wip_limit.map(|limit| {
                    view! {
                        <span class=move || if over.get() { "wip wip-over" } else { "wip" } title=locale.text(Msg::WipLimit)>
                            {format!("WIP {limit}")}
                        </span>
                    }
                })}
            </header>
            {move || over.get().then(|| view! { <p class="wip-warning" role="status">"⚠ " {locale.text(Msg::WipLimitExceeded)}</p> })}
            <ol class="cards">
                // Keyed by id and version: an unchanged card keeps its DOM
                // (and the keyboard focus) while others come and go.
                <For each=move || shown.get() key=|card| (card.id, card.version) let:card>
                    <li><CardView card now role moves/></li>
                </For>
            </ol>
            // An empty column says why: nothing there, or nothing that passes the filter.
            {move || (count() == 0).then(|| {
                let msg = if filter.with(|f| f.is_empty()) { Msg::ColumnEmpty } else { Msg::ColumnEmptyFiltered };
                view! { <p class="column-empty">{locale.text(msg)}</p> }
            })}
        </section>
    }
    .into_any()
}
