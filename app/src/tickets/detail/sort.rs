//! Sorting a ticket out of the queue of unknown senders' mail ("Unsorted
//! mail") into the organisation it belongs to, with one of its clients as
//! the requester (`POST /api/tickets/sort`, which checks again).

use super::page::refusal_text;
use crate::api::ticket_page::{SortOption, TicketActions, TicketFields};
use crate::functions::tickets::sort_ticket;
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn SortActions(ticket: TicketFields, actions: TicketActions, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    if actions.sort_into.is_empty() {
        return ().into_any();
    }
    let (id, version) = (ticket.id, ticket.version);
    let options: StoredValue<Vec<SortOption>> = StoredValue::new(actions.sort_into);
    let organisation = RwSignal::new(None::<i64>);
    let requester = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<String>);
    let action = Action::new(move |(org, who): &(i64, i64)| {
        let (org, who) = (*org, *who);
        async move { sort_ticket(id, version, org, who).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::EditFailed))),
        None => {}
    });
    let organisation_options = options.with_value(|all| {
        all.iter().map(|o| view! { <option value=o.id.to_string()>{o.name.clone()}</option> }).collect_view()
    });
    let requester_options = move || {
        let chosen = organisation.get();
        options.with_value(|all| {
            all.iter()
                .find(|o| Some(o.id) == chosen)
                .map(|o| o.requesters.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|r| view! { <option value=r.id.to_string()>{r.name}</option> })
                .collect_view()
        })
    };
    let pending = action.pending();
    view! {
        <form class="edit-row sort-ticket" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            error.set(None);
            if let (Some(org), Some(who)) = (organisation.get_untracked(), requester.get_untracked()) {
                action.dispatch((org, who));
            }
        }>
            <p class="muted">{locale.text(Msg::SortHint)}</p>
            <label for="sort-organisation">{locale.text(Msg::Organisation)}</label>
            <select
                id="sort-organisation"
                on:change=move |ev| {
                    organisation.set(event_target_value(&ev).parse().ok());
                    requester.set(None);
                }
            >
                <option value="" selected=true>{locale.text(Msg::ChooseOrganisation)}</option>
                {organisation_options}
            </select>
            <label for="sort-requester">{locale.text(Msg::Requester)}</label>
            <div class="move-row">
                <select id="sort-requester" on:change=move |ev| requester.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || requester.get().is_none()>
                        {locale.text(Msg::ChooseRequester)}
                    </option>
                    {requester_options}
                </select>
                <button
                    type="submit"
                    disabled=move || pending.get() || organisation.get().is_none() || requester.get().is_none()
                >
                    {locale.text(Msg::SortTicket)}
                </button>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
    .into_any()
}
