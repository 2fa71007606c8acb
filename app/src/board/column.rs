use super::card::CardView;
use super::model::BoardColumn;
use crate::domain::ticket::Status;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The column heading shown for each status.
pub fn status_title(status: Status) -> &'static str {
    match status {
        Status::Backlog => "Backlog",
        Status::Sprint => "Sprint",
        Status::InProgress => "In progress",
        Status::Done => "Done",
        Status::Release => "Release",
        Status::Archive => "Archive",
    }
}

#[component]
pub fn BoardColumnView(column: BoardColumn, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let title = status_title(column.status);
    let count = column.cards.len();
    let heading_id = format!("col-{}", column.status.code());
    let labelled_by = heading_id.clone();
    view! {
        <section class="column" data-status=column.status.code() aria-labelledby=labelled_by>
            <header class="column-head">
                <h2 id=heading_id>{title}</h2>
                <span class="count" aria-label=format!("{count} tickets")>{count}</span>
            </header>
            <ol class="cards">
                {column
                    .cards
                    .into_iter()
                    .map(|card| view! { <li><CardView card now/></li> })
                    .collect_view()}
            </ol>
        </section>
    }
}
