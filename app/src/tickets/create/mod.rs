//! `/tickets/new`: the create form. A client describes the problem; an
//! operator registering a call, email or message also chooses the
//! organisation, the requester, the channel and when the client contacted
//! us. The form runs the domain's checks before sending and shows the
//! server's answer in the same words, next to the same fields.

mod check;
pub(crate) mod local_time;

use crate::clock::page_clock;
use crate::domain::ticket::{Category, Channel, FieldError, FieldErrors, Priority, TicketDraft, TicketField};
use crate::error::AppError;
use crate::functions::create_ticket::{create_ticket, new_ticket_form, CreateFormData, CreatedTicket};
use crate::i18n::Msg;
use crate::labels;
use crate::locale::{use_locale, UiLocale};
use crate::tickets::attachments::{AttachmentPicker, Pending};
use check::{check_form, problem_text, FormValues};
use leptos::prelude::*;
use local_time::{browser_local_now, browser_local_to_utc, browser_utc_offset};

/// The page: loads what the form offers, then shows it.
#[component]
pub fn CreateTicketPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| new_ticket_form());
    view! {
        <section class="create-page" aria-labelledby="create-heading">
            <h1 id="create-heading">{locale.text(Msg::NewTicket)}</h1>
            <Transition>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <CreateForm data/> }.into_any(),
                        Err(e) => {
                            let msg = failure_msg(&e);
                            view! { <p class="error" role="alert">{locale.text(msg)}</p> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// A refusal that is not about one field, in the reader's words.
fn failure_msg(error: &AppError) -> Msg {
    match error {
        AppError::Forbidden(_) => Msg::AccessDenied,
        AppError::NotSignedIn => Msg::SignInRequired,
        _ => Msg::CreateFailed,
    }
}

/// The `id` of a field's input, which its label and message point at.
fn input_id(field: TicketField) -> &'static str {
    match field {
        TicketField::Title => "ticket-title",
        TicketField::Description => "ticket-description",
        TicketField::StepsToReproduce => "ticket-steps",
        TicketField::ProductVersion => "ticket-version",
        TicketField::Organisation => "ticket-organisation",
        TicketField::Requester => "ticket-requester",
        TicketField::Channel => "ticket-channel",
        TicketField::ReceivedAt => "ticket-received-at",
    }
}

fn error_id(field: TicketField) -> String {
    format!("{}-error", input_id(field))
}

#[component]
fn CreateForm(data: CreateFormData) -> impl IntoView {
    let locale = use_locale();
    let now = page_clock(data.server_now);
    let on_behalf = data.on_behalf;
    let files = Pending::new();
    files.set_max_bytes(data.max_attachment_bytes);
    let data = StoredValue::new(data);

    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let steps = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let category = RwSignal::new(Category::Incident);
    let priority = RwSignal::new(Priority::Normal);
    let organisation = RwSignal::new(None::<i64>);
    let requester = RwSignal::new(None::<i64>);
    let channel = RwSignal::new(Some(Channel::Phone));
    let contact_time = RwSignal::new(String::new());
    let utc_offset = RwSignal::new(None::<String>);

    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<Msg>);
    let pending = RwSignal::new(false);
    // Effects run in the browser only: the form submits once hydrated, and
    // only the browser knows its own time zone and wall clock.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        hydrated.set(true);
        utc_offset.set(browser_utc_offset());
        if let Some(local_now) = browser_local_now() {
            contact_time.set(local_now);
        }
    });

    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        failure.set(None);
        if files.sending() {
            failure.set(Some(Msg::WaitForUploads));
            return;
        }
        if files.failed() {
            failure.set(Some(Msg::RemoveFailedUploads));
            return;
        }
        let values = FormValues {
            draft: TicketDraft {
                title: title.get_untracked(),
                description: description.get_untracked(),
                steps_to_reproduce: steps.get_untracked(),
                product_version: version.get_untracked(),
            },
            organisation: organisation.get_untracked(),
            requester: requester.get_untracked(),
            channel: channel.get_untracked(),
            contact_time: contact_time.get_untracked(),
        };
        let checked = data.with_value(|d| check_form(&values, d, now.get_untracked(), browser_local_to_utc));
        let on_behalf = match checked {
            Ok(on_behalf) => on_behalf,
            Err(found) => {
                show_errors(errors, failure, found);
                return;
            }
        };
        errors.set(FieldErrors::default());
        pending.set(true);
        let (category, priority) = (category.get_untracked(), priority.get_untracked());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let draft = values.draft;
            let result = create_ticket(
                draft.title,
                draft.description,
                draft.steps_to_reproduce,
                draft.product_version,
                category,
                priority,
                on_behalf.as_ref().map(|o| o.organisation_id),
                on_behalf.as_ref().map(|o| o.requester_id),
                on_behalf.as_ref().map(|o| o.channel),
                on_behalf.as_ref().map(|o| o.received_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                files.ids(),
            )
            .await;
            pending.set(false);
            match result {
                Ok(CreatedTicket { key, .. }) => {
                    files.clear();
                    navigate(&format!("/tickets/{key}"), Default::default())
                }
                Err(e) if e.ticket_field_errors().is_some_and(|f| !f.is_empty()) => {
                    show_errors(errors, failure, e.ticket_field_errors().unwrap_or_default());
                }
                // Typed input stays in the fields for another try.
                Err(e) => failure.set(Some(failure_msg(&e))),
            }
        });
    };

    let requesters = move || {
        let org = organisation.get();
        data.with_value(|d| {
            d.organisations
                .iter()
                .find(|o| Some(o.id) == org)
                .map(|o| o.requesters.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <form
            class="create-form"
            novalidate
            on:submit=submit
            on:dragover=move |ev| files.on_dragover(ev)
            on:drop=move |ev| files.on_drop(ev)
            on:dragleave=move |ev| files.on_dragleave(ev)
            class:dragging=move || files.dragging()
        >
            {move || {
                failure
                    .get()
                    .map(|msg| view! { <p class="error" role="alert">{locale.text(msg)}</p> })
            }}
            {move || {
                (!errors.with(|e| e.is_empty()))
                    .then(|| {
                        view! {
                            <p class="error create-summary" role="alert">{locale.text(Msg::CheckFields)}</p>
                        }
                    })
            }}
            {on_behalf
                .then(|| {
                    view! {
                        <fieldset class="create-on-behalf">
                            <div class="create-row">
                                <Field field=TicketField::Organisation label=Msg::Organisation errors>
                                    <select
                                        id=input_id(TicketField::Organisation)
                                        required
                                        aria-invalid=invalid(errors, TicketField::Organisation)
                                        aria-describedby=error_id(TicketField::Organisation)
                                        on:change=move |ev| {
                                            let id = event_target_value(&ev).parse::<i64>().ok();
                                            organisation.set(id);
                                            // One client: chosen already; several: the operator picks.
                                            let only = data
                                                .with_value(|d| {
                                                    d.organisations
                                                        .iter()
                                                        .find(|o| Some(o.id) == id)
                                                        .filter(|o| o.requesters.len() == 1)
                                                        .map(|o| o.requesters[0].id)
                                                });
                                            requester.set(only);
                                        }
                                    >
                                        <option value="" selected=move || organisation.get().is_none()>
                                            {locale.text(Msg::ChooseOrganisation)}
                                        </option>
                                        {data
                                            .with_value(|d| d.organisations.clone())
                                            .into_iter()
                                            .map(|o| {
                                                view! {
                                                    <option
                                                        value=o.id.to_string()
                                                        selected=move || organisation.get() == Some(o.id)
                                                    >
                                                        {o.name}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </Field>
                                <Field field=TicketField::Requester label=Msg::Requester errors>
                                    <select
                                        id=input_id(TicketField::Requester)
                                        required
                                        disabled=move || organisation.get().is_none()
                                        aria-invalid=invalid(errors, TicketField::Requester)
                                        aria-describedby=error_id(TicketField::Requester)
                                        prop:value=move || requester.get().map(|id| id.to_string()).unwrap_or_default()
                                        on:change=move |ev| requester.set(event_target_value(&ev).parse().ok())
                                    >
                                        <option value="">{locale.text(Msg::ChooseRequester)}</option>
                                        {move || {
                                            requesters()
                                                .into_iter()
                                                .map(|r| {
                                                    view! {
                                                        <option
                                                            value=r.id.to_string()
                                                            selected=move || requester.get() == Some(r.id)
                                                        >
                                                            {r.name}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()
                                        }}
                                    </select>
                                    {move || {
                                        (organisation.get().is_some() && requesters().is_empty())
                                            .then(|| {
                                                view! { <p class="field-hint">{locale.text(Msg::NoRequesters)}</p> }
                                            })
                                    }}
                                </Field>
                            </div>
                            <div class="create-row">
                                <Field field=TicketField::Channel label=Msg::Channel errors>
                                    <select
                                        id=input_id(TicketField::Channel)
                                        aria-invalid=invalid(errors, TicketField::Channel)
                                        aria-describedby=error_id(TicketField::Channel)
                                        on:change=move |ev| channel.set(event_target_value(&ev).parse().ok())
                                    >
                                        {Channel::ALL
                                            .iter()
                                            .map(|c| {
                                                let c = *c;
                                                view! {
                                                    <option value=c.code() selected=move || channel.get() == Some(c)>
                                                        {locale.text(labels::channel(c))}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </Field>
                                <Field field=TicketField::ReceivedAt label=Msg::ContactTime errors>
                                    <input
                                        id=input_id(TicketField::ReceivedAt)
                                        type="datetime-local"
                                        required
                                        aria-invalid=invalid(errors, TicketField::ReceivedAt)
                                        aria-describedby=format!(
                                            "{} ticket-received-at-hint",
                                            error_id(TicketField::ReceivedAt),
                                        )
                                        bind:value=contact_time
                                    />
                                    <p class="field-hint" id="ticket-received-at-hint">
                                        {move || {
                                            let hint = Msg::ContactTimeLocalHint.text(locale.get());
                                            match utc_offset.get() {
                                                Some(offset) => format!("{hint} ({offset})"),
                                                None => hint.to_string(),
                                            }
                                        }}
                                    </p>
                                </Field>
                            </div>
                        </fieldset>
                    }
                        .into_any()
                })}
            <Field field=TicketField::Title label=Msg::Title errors>
                <input
                    id=input_id(TicketField::Title)
                    type="text"
                    required
                    autocomplete="off"
                    aria-invalid=invalid(errors, TicketField::Title)
                    aria-describedby=error_id(TicketField::Title)
                    bind:value=title
                />
            </Field>
            <div class="create-row">
                <div class="field">
                    <label for="ticket-category">{locale.text(Msg::Category)}</label>
                    <select
                        id="ticket-category"
                        on:change=move |ev| {
                            if let Ok(c) = event_target_value(&ev).parse() {
                                category.set(c);
                            }
                        }
                    >
                        {Category::ALL
                            .iter()
                            .map(|c| {
                                let c = *c;
                                view! {
                                    <option value=c.code() selected=move || category.get() == c>
                                        {locale.text(labels::category(c))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ticket-priority">{locale.text(Msg::Priority)}</label>
                    <select
                        id="ticket-priority"
                        on:change=move |ev| {
                            if let Ok(p) = event_target_value(&ev).parse() {
                                priority.set(p);
                            }
                        }
                    >
                        {Priority::ALL
                            .iter()
                            .map(|p| {
                                let p = *p;
                                view! {
                                    <option value=p.code() selected=move || priority.get() == p>
                                        {locale.text(labels::priority(p))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Field field=TicketField::Description label=Msg::Description errors optional=true>
                <textarea
                    id=input_id(TicketField::Description)
                    rows="6"
                    aria-invalid=invalid(errors, TicketField::Description)
                    aria-describedby=error_id(TicketField::Description)
                    bind:value=description
                    on:paste=move |ev| files.on_paste(ev)
                ></textarea>
            </Field>
            <div class="field">
                <span class="field-label">{locale.text(Msg::Attachments)}</span>
                <AttachmentPicker pending=files input_id="ticket-files"/>
            </div>
            <Field field=TicketField::StepsToReproduce label=Msg::StepsToReproduce errors optional=true>
                <textarea
                    id=input_id(TicketField::StepsToReproduce)
                    rows="4"
                    aria-invalid=invalid(errors, TicketField::StepsToReproduce)
                    aria-describedby=error_id(TicketField::StepsToReproduce)
                    bind:value=steps
                ></textarea>
            </Field>
            <Field field=TicketField::ProductVersion label=Msg::ProductVersion errors optional=true>
                <input
                    id=input_id(TicketField::ProductVersion)
                    type="text"
                    aria-invalid=invalid(errors, TicketField::ProductVersion)
                    aria-describedby=error_id(TicketField::ProductVersion)
                    bind:value=version
                />
            </Field>
            <div class="create-actions">
                <button type="submit" class="primary" disabled=move || !hydrated.get() || pending.get()>
                    {move || {
                        if pending.get() {
                            Msg::Creating.text(locale.get())
                        } else {
                            Msg::Create.text(locale.get())
                        }
                    }}
                </button>
                <a class="button-link" href="/">
                    {locale.text(Msg::Cancel)}
                </a>
            </div>
        </form>
    }
    // Erased: the form's full type is too deep for the server crate's
    // recursion limit once the router nests it.
    .into_any()
}

/// `aria-invalid` of a field's input.
fn invalid(errors: RwSignal<FieldErrors>, field: TicketField) -> impl Fn() -> &'static str {
    move || if errors.with(|e| e.of(field).is_some()) { "true" } else { "false" }
}

/// Shows `found` next to their fields and moves the focus to the first.
fn show_errors(errors: RwSignal<FieldErrors>, failure: RwSignal<Option<Msg>>, found: FieldErrors) {
    let first = found.errors.first().map(|e| e.field);
    errors.set(found);
    failure.set(None);
    #[cfg(feature = "hydrate")]
    if let Some(field) = first {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(input_id(field)))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = first;
}

/// A labelled field with its problem (if any) under the input.
#[component]
fn Field(
    field: TicketField,
    label: Msg,
    errors: RwSignal<FieldErrors>,
    #[prop(optional)] optional: bool,
    children: Children,
) -> impl IntoView {
    let locale: UiLocale = use_locale();
    let message = move || {
        errors.with(|e| e.of(field)).map(|code| problem_text(locale.get(), FieldError::new(field, code)))
    };
    view! {
        <div class="field" class:field-invalid=move || errors.with(|e| e.of(field).is_some())>
            <label for=input_id(field)>
                {locale.text(label)}
                {optional.then(|| view! { <span class="field-optional">{locale.text(Msg::Optional)}</span> })}
            </label>
            {children()}
            <p class="field-error" id=error_id(field) aria-live="polite">
                {message}
            </p>
        </div>
    }
}
