//! Changing a ticket's priority, assignee and wait from its page. Each
//! control offers only what the domain's `edit_rights` allows this user and
//! sends one `Edit` to `POST /api/tickets/edit`, which checks again; a wait
//! for the client goes with the message that asks them.

use super::page::refusal_text;
use crate::api::ticket_page::{AssigneeOption, TicketActions, TicketFields};
use crate::domain::ticket::{Category, Edit, LevelMark, Priority, WaitingReason, MAX_ESTIMATE_HOURS};
use crate::functions::tickets::edit_ticket;
use crate::i18n::Msg;
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;

/// `""` in a select means "none" (unassigned, not waiting).
const NONE: &str = "";

#[component]
pub fn EditActions(ticket: TicketFields, actions: TicketActions, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let rights = actions.edits;
    if !(rights.priority
        || rights.assignee
        || rights.start_wait
        || rights.end_wait
        || rights.estimate
        || rights.sprint
        || rights.category
        || rights.emergency
        || rights.development)
    {
        return ().into_any();
    }
    let (id, version) = (ticket.id, ticket.version);
    let error = RwSignal::new(None::<String>);
    let action = Action::new(move |(edit, message): &(Edit, Option<String>)| {
        let (edit, message) = (*edit, message.clone());
        async move { edit_ticket(id, version, edit, message).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::EditFailed))),
        None => {}
    });
    let send_with = move |edit: Edit, message: Option<String>| {
        error.set(None);
        action.dispatch((edit, message));
    };
    let send = move |edit: Edit| send_with(edit, None);
    let pending = action.pending();

    let priority = rights.priority.then(|| {
        let current = ticket.priority;
        let options = Priority::ALL
            .iter()
            .map(|p| {
                let p = *p;
                view! { <option value=p.code() selected=p == current>{locale.text(labels::priority(p))}</option> }
            })
            .collect_view();
        let chosen = RwSignal::new(current);
        view! {
            <form class="edit-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                send(Edit::Priority(chosen.get_untracked()));
            }>
                <label for="edit-priority">{locale.text(Msg::Priority)}</label>
                <div class="move-row">
                    <select
                        id="edit-priority"
                        on:change=move |ev| {
                            if let Ok(p) = event_target_value(&ev).parse() {
                                chosen.set(p);
                            }
                        }
                    >
                        {options}
                    </select>
                    <button type="submit" disabled=move || pending.get() || chosen.get() == current>
                        {locale.text(Msg::Change)}
                    </button>
                </div>
            </form>
        }
    });

    let assignee = rights.assignee.then(|| {
        let current = ticket.assignee_id;
        let chosen = RwSignal::new(current);
        let options = actions
            .assignees
            .iter()
            .map(|AssigneeOption { id, name }| {
                view! { <option value=id.to_string() selected=Some(*id) == current>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <form class="edit-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                send(Edit::Assignee(chosen.get_untracked()));
            }>
                <label for="edit-assignee">{locale.text(Msg::Assignee)}</label>
                <div class="move-row">
                    <select
                        id="edit-assignee"
                        on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())
                    >
                        <option value=NONE selected=current.is_none()>{locale.text(Msg::Unassigned)}</option>
                        {options}
                    </select>
                    <button type="submit" disabled=move || pending.get() || chosen.get() == current>
                        {locale.text(Msg::Change)}
                    </button>
                </div>
            </form>
        }
    });

    let current_wait = ticket.waiting;
    let waiting = if rights.start_wait {
        let chosen = RwSignal::new(current_wait);
        // SPEC §3: a wait starts with the message that asks the client; the
        // server refuses one without it, the form says so first.
        let message = RwSignal::new(String::new());
        let starts = move || chosen.get().is_some_and(|w| Some(w) != current_wait);
        let options = WaitingReason::ALL
            .iter()
            .map(|w| {
                let w = *w;
                view! { <option value=w.code() selected=Some(w) == current_wait>{locale.text(labels::waiting(w))}</option> }
            })
            .collect_view();
        Some(
            view! {
                <form class="edit-row" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let to = chosen.get_untracked();
                    if to.is_none() {
                        return send(Edit::Waiting(None));
                    }
                    let text = message.get_untracked();
                    if text.trim().is_empty() {
                        error.set(Some(Msg::RefusedWaitNeedsMessage.text(locale.0.get_untracked()).to_string()));
                        return;
                    }
                    send_with(Edit::Waiting(to), Some(text));
                }>
                    <label for="edit-waiting">{locale.text(Msg::Waiting)}</label>
                    <div class="move-row">
                        <select
                            id="edit-waiting"
                            aria-describedby="edit-waiting-hint"
                            on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())
                        >
                            <option value=NONE selected=current_wait.is_none()>{locale.text(Msg::NotWaiting)}</option>
                            {options}
                        </select>
                        <button type="submit" disabled=move || pending.get() || chosen.get() == current_wait>
                            {locale.text(Msg::Change)}
                        </button>
                    </div>
                    <Show when=starts>
                        <label for="wait-message">{locale.text(Msg::WaitMessage)}</label>
                        <textarea
                            id="wait-message"
                            rows="3"
                            required
                            aria-describedby="wait-message-hint"
                            prop:value=move || message.get()
                            on:input=move |ev| message.set(event_target_value(&ev))
                        ></textarea>
                        <p id="wait-message-hint" class="muted small">{locale.text(Msg::WaitMessageHint)}</p>
                    </Show>
                    <p id="edit-waiting-hint" class="muted small">{locale.text(Msg::WaitingPausesSla)}</p>
                </form>
            }
            .into_any(),
        )
    } else if rights.end_wait {
        // A client ends a wait for their approval by approving.
        let label = if current_wait == Some(WaitingReason::ClientApproval) {
            Msg::ApproveAction
        } else {
            Msg::EndWait
        };
        Some(
            view! {
                <div class="edit-row">
                    <button type="button" disabled=move || pending.get() on:click=move |_| send(Edit::Waiting(None))>
                        {locale.text(label)}
                    </button>
                </div>
            }
            .into_any(),
        )
    } else {
        None
    };

    let estimate = rights.estimate.then(|| {
        let current = ticket.estimate_hours;
        let typed = RwSignal::new(current.map(|h| h.to_string()).unwrap_or_default());
        view! {
            <form class="edit-row" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                // The range is the domain's; the form only reads a number.
                match typed.get_untracked().trim().parse::<u32>() {
                    Ok(h) if (1..=MAX_ESTIMATE_HOURS).contains(&h) => send(Edit::Estimate(Some(h))),
                    _ => error.set(Some(Msg::EstimateRange.text(locale.0.get_untracked()).to_string())),
                }
            }>
                <label for="edit-estimate">{locale.text(Msg::EstimateHours)}</label>
                <div class="move-row">
                    <input
                        id="edit-estimate"
                        type="number"
                        min="1"
                        max=MAX_ESTIMATE_HOURS
                        step="1"
                        inputmode="numeric"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    <button type="submit" disabled=move || pending.get()>{locale.text(Msg::Change)}</button>
                    {current.map(|_| view! {
                        <button type="button" disabled=move || pending.get() on:click=move |_| send(Edit::Estimate(None))>
                            {locale.text(Msg::ClearEstimate)}
                        </button>
                    })}
                </div>
            </form>
        }
    });

    let sprint = rights.sprint.then(|| {
        let current = ticket.sprint_id;
        let chosen = RwSignal::new(current);
        let options = actions
            .sprints
            .iter()
            .map(|s| view! { <option value=s.id.to_string() selected=Some(s.id) == current>{s.name.clone()}</option> })
            .collect_view();
        view! {
            <form class="edit-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                send(Edit::Sprint(chosen.get_untracked()));
            }>
                <label for="edit-sprint">{locale.text(Msg::StatusSprint)}</label>
                <div class="move-row">
                    <select id="edit-sprint" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        <option value=NONE selected=current.is_none()>{locale.text(Msg::NoSprint)}</option>
                        {options}
                    </select>
                    <button type="submit" disabled=move || pending.get() || chosen.get() == current>
                        {locale.text(Msg::Change)}
                    </button>
                </div>
            </form>
        }
    });

    let category = rights.category.then(|| {
        let current = ticket.category;
        let chosen = RwSignal::new(current);
        let options = Category::ALL
            .iter()
            .map(|c| {
                let c = *c;
                view! { <option value=c.code() selected=c == current>{locale.text(labels::category(c))}</option> }
            })
            .collect_view();
        view! {
            <form class="edit-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                send(Edit::Category(chosen.get_untracked()));
            }>
                <label for="edit-category">{locale.text(Msg::Category)}</label>
                <div class="move-row">
                    <select
                        id="edit-category"
                        on:change=move |ev| {
                            if let Ok(c) = event_target_value(&ev).parse() {
                                chosen.set(c);
                            }
                        }
                    >
                        {options}
                    </select>
                    <button type="submit" disabled=move || pending.get() || chosen.get() == current>
                        {locale.text(Msg::Change)}
                    </button>
                </div>
            </form>
        }
    });

    // The level's two marks: each button is the way in or the way out,
    // whichever the ticket's mark offers (the domain's `edit_rights`).
    let mark = ticket.level_mark;
    let mark_button = |allowed: bool, on: LevelMark, enter: Msg, leave: Msg| {
        allowed.then(|| {
            let (to, label) = if mark == on { (LevelMark::Contract, leave) } else { (on, enter) };
            view! {
                <button
                    type="button"
                    data-mark=to.code()
                    disabled=move || pending.get()
                    on:click=move |_| send(Edit::Level(to))
                >
                    {locale.text(label)}
                </button>
            }
        })
    };
    let emergency =
        mark_button(rights.emergency, LevelMark::Emergency, Msg::ConfirmEmergency, Msg::WithdrawEmergency);
    let development = mark_button(
        rights.development,
        LevelMark::Development,
        Msg::HandToDevelopment,
        Msg::BackFromDevelopment,
    );
    let level = (rights.emergency || rights.development).then(|| {
        view! {
            <div class="edit-row">
                <span class="label">{locale.text(Msg::TicketLevelLabel)}</span>
                <div class="move-row">{emergency} {development}</div>
            </div>
        }
    });

    view! {
        <section class="ticket-section ticket-edits" aria-labelledby="ticket-edits" aria-busy=move || pending.get().to_string()>
            <h2 id="ticket-edits">{locale.text(Msg::EditTicket)}</h2>
            {priority}
            {category}
            {level}
            {assignee}
            {waiting}
            {estimate}
            {sprint}
            <p class="form-error" role="alert" aria-live="assertive">
                {move || error.get()}
            </p>
        </section>
    }
    .into_any()
}
