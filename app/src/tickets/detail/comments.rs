//! The comments list and the comment form.

use super::sla_section::in_zone;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::Comment;
use crate::domain::admin::{render_template, TemplateValues};
use crate::domain::ticket::CommentBody;
use crate::functions::admin::list_reply_templates;
use crate::functions::ticket_page::post_comment;
use crate::i18n::Msg;
use crate::locale::use_locale;
use crate::tickets::attachments::{AttachmentList, AttachmentPicker, Pending};
use leptos::prelude::*;

#[component]
pub fn CommentSection(
    ticket_id: i64,
    /// What reply templates fill in for this ticket (agents only use them).
    values: TemplateValues,
    comments: Vec<Comment>,
    can_comment: bool,
    can_internal: bool,
    zone: ZoneLabel,
    /// The most bytes one attached file may have.
    max_attachment_bytes: u64,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let zone = StoredValue::new(zone);
    let list = if comments.is_empty() {
        view! { <p class="muted">{locale.text(Msg::NoComments)}</p> }.into_any()
    } else {
        let items = comments
            .into_iter()
            .map(|c| {
                let at = c.at;
                let when = move || zone.with_value(|z| in_zone(locale.get(), at, z));
                let class = if c.internal { "comment comment-internal" } else { "comment" };
                let marker = c.internal.then(|| {
                    view! { <span class="chip chip-internal">{locale.text(Msg::InternalNote)}</span> }
                });
                view! {
                    <li class=class>
                        <div class="comment-meta">
                            <strong>{c.author}</strong>
                            <time datetime=at.to_rfc3339()>{when}</time>
                            {marker}
                        </div>
                        <p class="ticket-text">{c.body}</p>
                        <AttachmentList files=c.attachments/>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="comments">{items}</ol> }.into_any()
    };
    let form = can_comment
        .then(|| view! { <CommentForm ticket_id can_internal values max_attachment_bytes reload/> });
    view! {
        <section class="ticket-section" aria-labelledby="ticket-comments">
            <h2 id="ticket-comments">{locale.text(Msg::Comments)}</h2>
            {list}
            {form}
        </section>
    }
    .into_any()
}

/// Text area and, for agents, public reply or internal note. The text stays
/// when the server refuses it; the error reads in the user's language.
#[component]
fn CommentForm(
    ticket_id: i64,
    can_internal: bool,
    values: TemplateValues,
    max_attachment_bytes: u64,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let CommentDraft { text, internal, files } = CommentDraft::of(ticket_id);
    files.set_max_bytes(max_attachment_bytes);
    // Agents (who may write internal notes) get the reply templates.
    let templates = can_internal.then(|| view! { <TemplatePicker text values/> });
    let error = RwSignal::new(None::<String>);
    let action = Action::new(move |(body, internal, attachments): &(String, bool, Vec<i64>)| {
        let (body, internal, attachments) = (body.clone(), *internal, attachments.clone());
        async move { post_comment(ticket_id, body, internal, attachments).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            text.set(String::new());
            files.clear();
            error.set(None);
            reload.run(());
        }
        Some(Err(e)) => {
            let l = locale.0.get_untracked();
            error.set(Some(match crate::labels::comment_problem(&e) {
                Some(known) => crate::labels::comment_body_error(l, known),
                None => format!("{}: {}", Msg::CommentFailed.text(l), crate::labels::app_error_text(l, &e)),
            }));
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked();
        let l = locale.0.get_untracked();
        if files.sending() {
            error.set(Some(Msg::WaitForUploads.text(l).to_string()));
            return;
        }
        if files.failed() {
            error.set(Some(Msg::RemoveFailedUploads.text(l).to_string()));
            return;
        }
        match CommentBody::parse(&body) {
            Ok(_) => {
                error.set(None);
                action.dispatch((body, can_internal && internal.get_untracked(), files.ids()));
            }
            Err(e) => error.set(Some(crate::labels::comment_body_error(l, e))),
        }
    };
    let visibility = can_internal.then(|| {
        view! {
            <fieldset class="comment-visibility">
                <legend>{locale.text(Msg::Visibility)}</legend>
                <label>
                    <input
                        type="radio"
                        name="visibility"
                        value="public"
                        prop:checked=move || !internal.get()
                        on:change=move |_| internal.set(false)
                    />
                    {locale.text(Msg::PublicReply)}
                </label>
                <label>
                    <input
                        type="radio"
                        name="visibility"
                        value="internal"
                        prop:checked=move || internal.get()
                        on:change=move |_| internal.set(true)
                    />
                    {locale.text(Msg::InternalNote)}
                </label>
            </fieldset>
        }
    });
    view! {
        <form
            class="comment-form"
            on:submit=submit
            on:dragover=move |ev| files.on_dragover(ev)
            on:drop=move |ev| files.on_drop(ev)
            on:dragleave=move |ev| files.on_dragleave(ev)
            class:dragging=move || files.dragging()
            novalidate
        >
            {templates}
            <label for="comment-body">{locale.text(Msg::YourComment)}</label>
            <textarea
                id="comment-body"
                rows="4"
                aria-describedby="comment-error comment-files-hint"
                aria-invalid=move || error.get().is_some().to_string()
                class:internal=move || internal.get()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:paste=move |ev| files.on_paste(ev)
            ></textarea>
            <AttachmentPicker pending=files input_id="comment-files"/>
            {visibility}
            <p id="comment-error" class="form-error" role="alert">
                {move || error.get()}
            </p>
            <button type="submit" disabled=move || action.pending().get()>
                {move || if action.pending().get() { Msg::Sending } else { Msg::Send }.text(locale.get())}
            </button>
        </form>
    }
    .into_any()
}

/// The comment being written, kept by the page rather than the form: the
/// form is drawn again whenever the ticket reloads (after a live change by
/// someone else too), and a half-written reply must survive that.
#[derive(Clone, Copy)]
pub struct CommentDraft {
    pub text: RwSignal<String>,
    pub internal: RwSignal<bool>,
    /// Files uploaded for it, not yet sent.
    pub files: Pending,
}

/// Which ticket the page's draft belongs to.
#[derive(Clone, Copy)]
pub struct DraftStore(RwSignal<Option<i64>>, CommentDraft);

impl DraftStore {
    pub fn provide() {
        provide_context(DraftStore(
            RwSignal::new(None),
            CommentDraft {
                text: RwSignal::new(String::new()),
                internal: RwSignal::new(false),
                files: Pending::new(),
            },
        ));
    }
}

impl CommentDraft {
    /// The draft for ticket `id`: the page's, emptied when the page moved
    /// on to another ticket; a fresh one where no page keeps drafts.
    fn of(id: i64) -> CommentDraft {
        match use_context::<DraftStore>() {
            Some(DraftStore(owner, draft)) => {
                if owner.get_untracked() != Some(id) {
                    owner.set(Some(id));
                    draft.text.set(String::new());
                    draft.internal.set(false);
                    draft.files.clear();
                }
                draft
            }
            None => CommentDraft {
                text: RwSignal::new(String::new()),
                internal: RwSignal::new(false),
                files: Pending::new(),
            },
        }
    }
}

/// "Insert a reply template": fills the text area with the chosen template
/// in the page's language, placeholders filled, for the agent to edit.
#[component]
fn TemplatePicker(text: RwSignal<String>, values: TemplateValues) -> impl IntoView {
    let locale = use_locale();
    // Loaded in the browser only, after hydration, by an effect (effects
    // never run on the server). It was a `LocalResource`: read while the
    // server rendered the page, it made the enclosing `<Transition>` render
    // its fallback whenever the Suspense's race between "the children are
    // ready" and "a local resource was read" went the second way (about one
    // request in ten), and the browser, hydrating the full page onto a
    // "Loading…" paragraph, panicked (issue 11, item 9).
    let templates = RwSignal::new(None);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let loaded = list_reply_templates().await;
            templates.try_set(Some(loaded));
        });
    });
    let values = StoredValue::new(values);
    let choose = move |id: i64| {
        let Some(Ok(list)) = templates.get() else { return };
        let Some(t) = list.templates.iter().find(|t| t.id == id) else { return };
        let body = t.body(locale.0.get_untracked());
        let filled = values.with_value(|v| {
            render_template(body, &TemplateValues { agent: list.agent.clone(), ..v.clone() })
        });
        text.set(filled);
    };
    view! {
        {move || {
            let list = templates.get().and_then(|r| r.ok()).filter(|l| !l.templates.is_empty())?;
            let options = list
                .templates
                .into_iter()
                .map(|t| view! { <option value=t.id.to_string()>{t.name}</option> })
                .collect_view();
            Some(view! {
                <div class="template-picker">
                    <label for="comment-template">{locale.text(Msg::InsertTemplate)}</label>
                    <select
                        id="comment-template"
                        on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse() {
                                choose(id);
                            }
                        }
                    >
                        <option value="">{locale.text(Msg::NoTemplate)}</option>
                        {options}
                    </select>
                </div>
            })
        }}
    }
}
