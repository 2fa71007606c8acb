use super::card::CardView;
use super::filter::BoardFilter;
use super::model::BoardColumn;
use super::moves::MoveController;
use crate::domain::ticket::{over_limit, Role};
use crate::i18n::{count_label, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn BoardColumnView(
    column: BoardColumn,
    now: Signal<DateTime<Utc>>,
    role: Role,
    moves: MoveController,
    filter: Memo<BoardFilter>,
) -> impl IntoView {
    let locale = use_locale();
    let status = column.status;
    let title = locale.text(labels::status(status));
    // The SLA state filter reads the clock when the filter changes, not at
    // every tick: cards do not jump in and out of view once a second.
    let wip_limit = column.wip_limit;
    // The limit is about the whole column, whatever the filter shows.
    let over = over_limit(column.cards.len(), wip_limit);
    let cards = StoredValue::new(column.cards);
    let shown = Memo::new(move |_| {
        let (f, t) = (filter.get(), now.get_untracked());
        cards.with_value(|cs| cs.iter().filter(|c| f.matches(c, t)).cloned().collect::<Vec<_>>())
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
                        <span class=if over { "wip wip-over" } else { "wip" } title=locale.text(Msg::WipLimit)>
                            {format!("WIP {limit}")}
                        </span>
                    }
                })}
            </header>
            {over.then(|| view! { <p class="wip-warning" role="status">"⚠ " {locale.text(Msg::WipLimitExceeded)}</p> })}
            <ol class="cards">
                {move || {
                    shown
                        .get()
                        .into_iter()
                        .map(|card| view! { <li><CardView card now role moves/></li> })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
