//! The ticket page component: `/tickets/SUP-1042`.

use super::comments::CommentSection;
use super::edits::EditActions;
use super::history::HistorySection;
use super::rating::RatingSection;
use super::sla_section::{in_zone, SlaSection};
use super::sort::SortActions;
use crate::api::attachment::AttachmentInfo;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::{TicketActions, TicketFields, TicketPageData};
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
use crate::tickets::attachments::AttachmentList;
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
    // Set when someone else changed the ticket while this viewer was
    // writing: the page says so instead of redrawing under their hands.
    let changed = RwSignal::new(false);
    let reload = Callback::new(move |()| {
        changed.set(false);
        ticket.refetch();
    });
    // Kept across reloads of the ticket (see `CommentDraft`).
    super::comments::DraftStore::provide();
    view! {
        <section class="ticket-page">
            <p class="ticket-back">
                <a href="/">{locale.text(Msg::BackToBoard)}</a>
            </p>
            {move || {
                changed
                    .get()
                    .then(|| {
                        view! {
                            <div class="ticket-changed" role="status">
                                <span>{locale.text(Msg::TicketChangedMeanwhile)}</span>
                                <button type="button" on:click=move |_| reload.run(())>
                                    {locale.text(Msg::ShowChanges)}
                                </button>
                            </div>
                        }
                    })
            }}
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::LoadingTicket)}</p> }>
                {move || Suspend::new(async move {
                    match ticket.await {
                        Ok(data) => view! { <TicketView data reload changed/> }.into_any(),
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

/// Follows the live stream for this ticket. A change of it (by anyone, that
/// this viewer may see) reloads the page's data — unless the viewer is in
/// the middle of something (focus in one of the page's fields, or text
/// typed in one): then `changed` shows a line offering the new state, and
/// nothing they typed or chose is redrawn away. Their own changes from
/// another tab reload quietly when they are not busy.
fn follow_ticket(ticket_id: i64, live_from: i64, reload: Callback<()>, changed: RwSignal<bool>) {
    let Some(live) = crate::live::use_live() else { return };
    let on_change = move |mine: bool| {
        if !editing() {
            reload.run(());
        } else if !mine {
            changed.try_set(true);
        }
    };
    live.follow(
        live_from,
        move |event| {
            if event.ticket_id == ticket_id {
                on_change(event.mine);
            }
        },
        move || on_change(false),
    );
}

/// Whether the viewer is working in the ticket's forms: the focus is in one
/// of its fields, or one holds typed text.
#[cfg(feature = "hydrate")]
fn editing() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let focused = document.active_element().is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            && e.closest("article.ticket").ok().flatten().is_some()
    });
    let typed = document
        .query_selector_all(
            "article.ticket textarea, article.ticket input[type=text], article.ticket input[type=number]",
        )
        .ok()
        .is_some_and(|fields| {
            (0..fields.length()).filter_map(|i| fields.item(i)).any(|field| {
                js_sys::Reflect::get(&field, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .is_some_and(|v| !v.trim().is_empty())
            })
        });
    focused || typed
}

#[cfg(not(feature = "hydrate"))]
fn editing() -> bool {
    false
}

#[component]
fn TicketView(data: TicketPageData, reload: Callback<()>, changed: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let now = page_clock(data.server_now);
    follow_ticket(data.ticket.id, data.live_from, reload, changed);
    let TicketPageData {
        ticket,
        sla,
        attachments,
        comments,
        history,
        actions,
        viewer_role,
        max_attachment_bytes,
        ratings,
        escalations,
        departments,
        can_escalate,
        extensions,
        can_propose_extension,
        can_answer_extension,
        ..
    } = data;
    let current_resolution_due = sla
        .clocks
        .iter()
        .find(|c| c.kind == crate::domain::sla::ClockKind::Resolution)
        .and_then(|c| c.due.or_else(|| c.countdown.as_ref().map(|cd| cd.due)));
    let can_withdraw_extension = viewer_role.can(crate::domain::ticket::Permission::ExtendDeadline);
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
        let owner = ticket.key.clone();
        view! { <SlaBadge countdown zone now owner/> }
    });
    let status = ticket.status;
    let waiting = ticket.waiting.map(|w| {
        view! { <span class="chip chip-waiting">{locale.text(labels::waiting(w))}</span> }
    });
    // What the wait asks of the client, right under the title: the client
    // answers it, the desk sees what it is waiting for.
    let asked = ticket.waiting_question.clone().filter(|_| ticket.waiting.is_some()).map(|question| {
        let heading = if internal { Msg::AskedOfClient } else { Msg::AskedOfYou };
        view! {
            <div class="ticket-asked" role="note">
                <h2>{locale.text(heading)}</h2>
                <p class="ticket-text">{question}</p>
            </div>
        }
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
                <super::presence::Presence ticket_id=ticket.id/>
                {asked}
            </header>
            <div class="ticket-layout">
                <div class="ticket-main">
                    <Description ticket=ticket.clone() attachments/>
                    <RatingSection
                        ticket_id=ticket.id
                        version=ticket.version
                        can_rate=actions.can_rate
                        ratings
                        zone=zone.clone()
                        reload
                    />
                    <super::extension::ExtensionSection
                        ticket_id=ticket.id
                        version=ticket.version
                        extensions
                        can_propose=can_propose_extension
                        can_answer=can_answer_extension
                        can_withdraw=can_withdraw_extension
                        current_due=current_resolution_due
                        zone=zone.clone()
                        reload
                    />
                    <CommentSection
                        ticket_id=ticket.id
                        values=template_values.clone()
                        comments
                        can_comment=actions.can_comment
                        can_internal=actions.can_comment_internal
                        zone=zone.clone()
                        max_attachment_bytes
                        reload
                    />
                    {(internal && (can_escalate || !escalations.is_empty())).then(|| {
                        view! {
                            <super::escalations::EscalationSection
                                ticket_id=ticket.id
                                version=ticket.version
                                escalations
                                departments
                                can_escalate
                                zone=zone.clone()
                                now
                                reload
                            />
                        }
                    })}
                    <HistorySection history zone=zone.clone()/>
                </div>
                <aside class="ticket-side">
                    <MoveActions ticket=ticket.clone() actions=actions.clone() reload/>
                    <SortActions ticket=ticket.clone() actions=actions.clone() reload/>
                    <EditActions ticket=ticket.clone() actions reload/>
                    <Fields ticket zone internal/>
                    <SlaSection sla now/>
                </aside>
            </div>
        </article>
    }
    .into_any()
}

#[component]
fn Description(ticket: TicketFields, attachments: Vec<AttachmentInfo>) -> impl IntoView {
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
            <AttachmentList files=attachments/>
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
