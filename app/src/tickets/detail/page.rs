//! The ticket page component: `/tickets/SUP-1042`.

use super::comments::CommentSection;
use super::edits::EditActions;
use super::history::HistorySection;
use super::model::{TicketActions, TicketFields, TicketPageData};
use super::sla_section::{in_zone, SlaSection};
use crate::board::model::ZoneLabel;
use crate::board::sla_badge::SlaBadge;
use crate::clock::page_clock;
use crate::domain::event::Visibility;
use crate::domain::ticket::{Command, Status};
use crate::error::AppError;
use crate::functions::ticket_page::get_ticket;
use crate::functions::tickets::move_ticket;
use crate::i18n::{count_label, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What the page says when a change to the ticket was refused, in the
/// user's language: the conflict when someone changed it first, otherwise
/// `refused` and the refusal's reason worded by its code.
pub(super) fn refusal_text(error: &AppError, locale: crate::i18n::Locale, refused: Msg) -> String {
    match error {
        AppError::Stale => Msg::MoveConflict.text(locale).to_string(),
        other => format!("{}: {}", refused.text(locale), crate::labels::app_error_text(locale, other)),
    }
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let ticket = Resource::new(key, get_ticket);
    let reload = Callback::new(move |()| ticket.refetch());
    // Kept across reloads of the ticket (see `CommentDraft`).
    super::comments::DraftStore::provide();
    let refocus = StoredValue::new(None::<String>);
    view! {
        <section class="ticket-page">
            <p class="ticket-back">
                <a href="/">{locale.text(Msg::BackToBoard)}</a>
            </p>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::LoadingTicket)}</p> }>
                {move || Suspend::new(async move {
                    match ticket.await {
                        Ok(data) => view! { <TicketView data reload refocus/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::TicketLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

/// Follows the live stream for this ticket: any change of it (by anyone,
/// that this viewer may see) reloads the page's data; the element that had
/// the focus (the comment being typed) gets it back once drawn again.
fn follow_ticket(ticket_id: i64, live_from: i64, reload: Callback<()>, refocus: StoredValue<Option<String>>) {
    let Some(live) = crate::live::use_live() else { return };
    let reload_keeping_focus = move || {
        refocus.set_value(focused_id());
        reload.run(());
    };
    live.follow(
        live_from,
        move |event| {
            if event.ticket_id == ticket_id {
                reload_keeping_focus();
            }
        },
        reload_keeping_focus,
    );
    Effect::new(move |_| {
        if let Some(id) = refocus.try_update_value(Option::take).flatten() {
            focus_by_id(id);
        }
    });
}

#[cfg(feature = "hydrate")]
fn focused_id() -> Option<String> {
    let id = web_sys::window()?.document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

#[cfg(not(feature = "hydrate"))]
fn focused_id() -> Option<String> {
    None
}

#[cfg(feature = "hydrate")]
fn focus_by_id(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn focus_by_id(_id: String) {}

#[component]
fn TicketView(
    data: TicketPageData,
    reload: Callback<()>,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let now = page_clock(data.server_now);
    follow_ticket(data.ticket.id, data.live_from, reload, refocus);
    let TicketPageData { ticket, sla, comments, history, actions, viewer_role, .. } = data;
    // SPEC §2: a client sees neither the sprint nor the estimate.
    let internal = Visibility::readable_by(viewer_role) == Visibility::Internal;
    let zone = sla.zone.clone();
    // The deadline a reply template quotes: the resolution's if it has one,
    // else the reaction's, in the calendar's zone as the page shows it.
    let deadline = sla.clocks.iter().rev().find_map(|c| c.due_local.clone()).unwrap_or_default();
    let template_values = crate::domain::admin::TemplateValues {
        ticket: ticket.key.clone(),
        title: ticket.title.clone(),
        client: ticket.requester.clone(),
        agent: String::new(),
        deadline,
    };
    let badge = sla.countdown.clone().map(|countdown| {
        let zone = sla.zone.clone();
        view! { <SlaBadge countdown zone now/> }
    });
    let status = ticket.status;
    let waiting = ticket.waiting.map(|w| {
        view! { <span class="chip chip-waiting">{locale.text(labels::waiting(w))}</span> }
    });
    view! {
        <article class="ticket" aria-labelledby="ticket-title">
            <header class="ticket-head">
                <h1 id="ticket-title">
                    <span class="ticket-key">{ticket.key.clone()}</span>
                    " "
                    <span class="ticket-title">{ticket.title.clone()}</span>
                </h1>
                <div class="ticket-chips">
                    <span class=format!("chip chip-status status-{}", status.code())>
                        {locale.text(labels::status(status))}
                    </span>
                    <span class=format!("chip chip-priority priority-{}", ticket.priority.code())>
                        {locale.text(labels::priority(ticket.priority))}
                    </span>
                    {waiting}
                    {badge}
                </div>
            </header>
            <div class="ticket-layout">
                <div class="ticket-main">
                    <Description ticket=ticket.clone()/>
                    <CommentSection
                        ticket_id=ticket.id
                        values=template_values.clone()
                        comments
                        can_comment=actions.can_comment
                        can_internal=actions.can_comment_internal
                        zone=zone.clone()
                        reload
                    />
                    <HistorySection history zone=zone.clone()/>
                </div>
                <aside class="ticket-side">
                    <MoveActions ticket=ticket.clone() actions=actions.clone() reload/>
                    <EditActions ticket=ticket.clone() actions reload/>
                    <Fields ticket zone internal/>
                    <SlaSection sla/>
                </aside>
            </div>
        </article>
    }
    .into_any()
}

#[component]
fn Description(ticket: TicketFields) -> impl IntoView {
    let locale = use_locale();
    let description = (!ticket.description.trim().is_empty()).then(|| ticket.description.clone());
    let optional = |text: &str, msg: Msg| {
        (!text.trim().is_empty()).then(|| {
            let text = text.to_string();
            view! {
                <h3>{locale.text(msg)}</h3>
                <p class="ticket-text">{text}</p>
            }
        })
    };
    let steps = optional(&ticket.steps_to_reproduce, Msg::StepsToReproduce);
    let version = optional(&ticket.product_version, Msg::ProductVersion);
    let rejection = ticket.rejection_reason.clone().map(|r| {
        view! {
            <div class="ticket-rejection" role="note">
                <h2>{locale.text(Msg::RejectionReason)}</h2>
                <p class="ticket-text">{r}</p>
            </div>
        }
    });
    view! {
        <section class="ticket-section" aria-labelledby="ticket-description">
            <h2 id="ticket-description">{locale.text(Msg::Description)}</h2>
            {match description {
                Some(d) => view! { <p class="ticket-text">{d}</p> }.into_any(),
                None => view! { <p class="muted">{locale.text(Msg::NoDescription)}</p> }.into_any(),
            }}
            {steps}
            {version}
            {rejection}
        </section>
    }
    .into_any()
}

#[component]
fn Fields(ticket: TicketFields, zone: ZoneLabel, internal: bool) -> impl IntoView {
    let locale = use_locale();
    let zone = StoredValue::new(zone);
    let at = move |t| move || zone.with_value(|z| in_zone(locale.get(), t, z));
    let assignee = match ticket.assignee.clone() {
        Some(a) => view! { {a} }.into_any(),
        None => view! { <span class="muted">{locale.text(Msg::Unassigned)}</span> }.into_any(),
    };
    let estimate = internal.then(|| {
        let value = match ticket.estimate_hours {
            Some(h) => {
                view! { <span>{move || count_label(locale.get(), h.into(), Noun::Hour)}</span> }.into_any()
            }
            None => view! { <span class="muted">{locale.text(Msg::NotEstimated)}</span> }.into_any(),
        };
        view! {
            <dt>{locale.text(Msg::Estimate)}</dt>
            <dd>{value}</dd>
        }
    });
    // Clients are not told about sprint planning (the server sends no name).
    let sprint = ticket.sprint.clone().map(|name| {
        view! {
            <dt>{locale.text(Msg::StatusSprint)}</dt>
            <dd>{name}</dd>
        }
    });
    let first_response = ticket.first_response_at.map(|t| {
        view! {
            <dt>{locale.text(Msg::FirstResponse)}</dt>
            <dd>{at(t)}</dd>
        }
    });
    view! {
        <section class="ticket-section" aria-labelledby="ticket-fields">
            <h2 id="ticket-fields">{locale.text(Msg::Details)}</h2>
            <dl class="ticket-fields">
                <dt>{locale.text(Msg::StatusLabel)}</dt>
                <dd>{locale.text(labels::status(ticket.status))}</dd>
                <dt>{locale.text(Msg::Priority)}</dt>
                <dd>{locale.text(labels::priority(ticket.priority))}</dd>
                <dt>{locale.text(Msg::Category)}</dt>
                <dd>{locale.text(labels::category(ticket.category))}</dd>
                <dt>{locale.text(Msg::Organisation)}</dt>
                <dd>{ticket.organisation.clone()}</dd>
                <dt>{locale.text(Msg::Requester)}</dt>
                <dd>{ticket.requester.clone()}</dd>
                <dt>{locale.text(Msg::Assignee)}</dt>
                <dd>{assignee}</dd>
                {estimate}
                {sprint}
                <dt>{locale.text(Msg::Channel)}</dt>
                <dd>{locale.text(labels::channel(ticket.channel))}</dd>
                <dt>{locale.text(Msg::Received)}</dt>
                <dd>{at(ticket.received_at)}</dd>
                {first_response}
                <dt>{locale.text(Msg::Created)}</dt>
                <dd>{at(ticket.created_at)}</dd>
                <dt>{locale.text(Msg::Updated)}</dt>
                <dd>{at(ticket.updated_at)}</dd>
            </dl>
        </section>
    }
    .into_any()
}

/// The "Move to…" control: the columns the domain allows this user, sent to
/// the same server function as the board's drag and drop.
#[component]
fn MoveActions(ticket: TicketFields, actions: TicketActions, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    if actions.moves.is_empty() {
        return ().into_any();
    }
    let (id, version, from) = (ticket.id, ticket.version, ticket.status);
    let target = RwSignal::new(actions.moves[0]);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let rejecting = move || Command::needs_reason(from, target.get());
    let action = Action::new(move |(to, reason): &(Status, Option<String>)| {
        let (to, reason) = (*to, reason.clone());
        async move { move_ticket(id, to, version, reason).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::MoveNotAllowed))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reason = rejecting().then(|| reason.get_untracked().trim().to_string());
        if reason.as_deref() == Some("") {
            error.set(Some(Msg::RejectReasonPrompt.text(locale.0.get_untracked()).to_string()));
            return;
        }
        error.set(None);
        action.dispatch((target.get_untracked(), reason));
    };
    let options = actions
        .moves
        .iter()
        .map(|s| {
            let s = *s;
            view! { <option value=s.code()>{locale.text(labels::status(s))}</option> }
        })
        .collect_view();
    view! {
        <section class="ticket-section ticket-actions" aria-labelledby="ticket-actions">
            <h2 id="ticket-actions">{locale.text(Msg::Actions)}</h2>
            <form class="move-form" on:submit=submit>
                <label for="move-target">{locale.text(Msg::MoveTo)}</label>
                <div class="move-row">
                    <select
                        id="move-target"
                        on:change=move |ev| {
                            if let Ok(s) = event_target_value(&ev).parse::<Status>() {
                                target.set(s);
                            }
                        }
                    >
                        {options}
                    </select>
                    <button type="submit" disabled=move || action.pending().get()>
                        {move || {
                            if action.pending().get() { Msg::Moving } else { Msg::Move }.text(locale.get())
                        }}
                    </button>
                </div>
                <Show when=rejecting>
                    <label for="move-reason">{locale.text(Msg::RejectReasonPrompt)}</label>
                    <textarea
                        id="move-reason"
                        rows="2"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                </Show>
                <p class="form-error" role="alert" aria-live="assertive">
                    {move || error.get()}
                </p>
            </form>
        </section>
    }
    .into_any()
}
