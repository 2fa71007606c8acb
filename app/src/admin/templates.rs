//! Reply templates (SPEC §7): canned replies in every UI language, with
//! placeholders the ticket page fills in.

use super::form::{after_save, EditButton, Feedback, FormActions, FormHeading, TextField};
use crate::domain::admin::template::{MAX_TEMPLATE_BODY_CHARS, MAX_TEMPLATE_NAME_CHARS};
use crate::domain::admin::{TemplateDraft, PLACEHOLDERS};
use crate::functions::admin::{save_template, AdminData};
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn Templates(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let en = RwSignal::new(String::new());
    let ru = RwSignal::new(String::new());
    let uk = RwSignal::new(String::new());
    let feedback = Feedback::new();
    let action = Action::new(move |(id, t): &(Option<i64>, TemplateDraft)| {
        let (id, t) = (*id, t.clone());
        async move { save_template(id, t.name, t.body_en, t.body_ru, t.body_uk).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        for s in [name, en, ru, uk] {
            s.set(String::new());
        }
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = TemplateDraft {
            name: name.get_untracked(),
            body_en: en.get_untracked(),
            body_ru: ru.get_untracked(),
            body_uk: uk.get_untracked(),
        };
        match draft.validate() {
            Err(e) => feedback.invalid(e),
            Ok(_) => {
                feedback.clear();
                action.dispatch((editing.get_untracked(), draft));
            }
        }
    };
    let rows = data
        .templates
        .iter()
        .map(|t| {
            let item = t.clone();
            let shown = t.clone();
            let preview = move || shown.body(locale.get()).chars().take(120).collect::<String>();
            view! {
                <tr>
                    <td>{t.name.clone()}</td>
                    <td class="break">{preview}</td>
                    <td>
                        <EditButton name=t.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(item.id));
                            name.set(item.name.clone());
                            en.set(item.body_en.clone());
                            ru.set(item.body_ru.clone());
                            uk.set(item.body_uk.clone());
                            feedback.clear();
                        })/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let placeholders = PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ");
    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminTemplates)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col">{locale.text(Msg::Description)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="admin-form" id="template-form" novalidate on:submit=submit>
                <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                <TextField form="template" field="name" label=Msg::Name value=name feedback required=true maxlength=MAX_TEMPLATE_NAME_CHARS/>
                <p class="field-hint">{locale.text(Msg::PlaceholdersLabel)} ": " <code>{placeholders}</code></p>
                <TextField form="template" field="body_ru" label=Msg::BodyRu value=ru feedback rows=5 required=true maxlength=MAX_TEMPLATE_BODY_CHARS/>
                <TextField form="template" field="body_uk" label=Msg::BodyUk value=uk feedback rows=5 required=true maxlength=MAX_TEMPLATE_BODY_CHARS/>
                <TextField form="template" field="body_en" label=Msg::BodyEn value=en feedback rows=5 required=true maxlength=MAX_TEMPLATE_BODY_CHARS/>
                <FormActions
                    feedback
                    pending=action.pending().into()
                    editing=Signal::derive(move || editing.get().is_some())
                    on_new=start_new
                />
            </form>
        </div>
    }
}
