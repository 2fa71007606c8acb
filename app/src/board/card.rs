use super::model::Card;
use super::sla_badge::SlaBadge;
use crate::domain::ticket::{Category, Priority, WaitingReason};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

pub fn priority_label(p: Priority) -> &'static str {
    match p {
        Priority::Critical => "Critical",
        Priority::High => "High",
        Priority::Normal => "Normal",
        Priority::Low => "Low",
    }
}

pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Incident => "Incident",
        Category::ChangeRequest => "Change request",
        Category::Consultation => "Consultation",
        Category::DocumentationRequest => "Documentation",
    }
}

pub fn waiting_label(w: WaitingReason) -> &'static str {
    match w {
        WaitingReason::ClientInfo => "Waiting for client info",
        WaitingReason::ClientApproval => "Waiting for approval",
        WaitingReason::Payment => "Waiting for payment",
    }
}

#[component]
pub fn CardView(card: Card, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let Card {
        key,
        title,
        organisation,
        priority,
        category,
        assignee,
        waiting,
        countdown,
        zone,
        round_the_clock,
        ..
    } = card;
    view! {
        <article
            class="card"
            tabindex="0"
            data-key=key.clone()
            data-calendar=if round_the_clock { "always" } else { "business" } aria-label=format!("{key}: {title}")>
            <div class="card-top">
                <span class="card-key">{key.clone()}</span>
                <span class=format!("chip priority-{}", priority.code())>{priority_label(priority)}</span>
            </div>
            <h3 class="card-title">{title.clone()}</h3>
            <p class="card-org">{organisation}</p>
            <div class="card-meta">
                <span class="chip category">{category_label(category)}</span>
                {waiting.map(|w| view! { <span class="chip waiting">"⏸ " {waiting_label(w)}</span> })}
            </div>
            <footer class="card-foot">
                <span class="assignee">
                    {assignee.unwrap_or_else(|| "Unassigned".to_string())}
                </span>
                {countdown.map(|countdown| view! { <SlaBadge countdown zone now/> })}
            </footer>
        </article>
    }
}
