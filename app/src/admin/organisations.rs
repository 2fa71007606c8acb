//! Organisations: the customers whose clients open tickets.

use super::form::{after_save, EditButton, Feedback, FormActions, FormHeading, TextField};
use crate::domain::admin::organisation::{MAX_MAIL_DOMAIN_CHARS, MAX_ORGANISATION_NAME_CHARS};
use crate::domain::admin::organisation_form;
use crate::functions::admin::{save_organisation, AdminData};
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn Organisations(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let mail_domain = RwSignal::new(String::new());
    let reports = RwSignal::new(false);
    let feedback = Feedback::new();
    let action = Action::new(move |(id, name, domain, reports): &(Option<i64>, String, String, bool)| {
        let (id, name, domain, reports) = (*id, name.clone(), domain.clone(), *reports);
        async move { save_organisation(id, name, domain, reports).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        name.set(String::new());
        mail_domain.set(String::new());
        reports.set(false);
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match organisation_form(&name.get_untracked(), &mail_domain.get_untracked()) {
            Err(e) => feedback.invalid(e),
            Ok(org) => {
                feedback.clear();
                action.dispatch((
                    editing.get_untracked(),
                    org.name,
                    org.mail_domain.unwrap_or_default(),
                    reports.get_untracked(),
                ));
            }
        }
    };
    let rows = data
        .organisations
        .into_iter()
        .map(|o| {
            let edit_name = o.name.clone();
            let edit_domain = o.mail_domain.clone().unwrap_or_default();
            let edit_reports = o.reports_visible;
            let id = o.id;
            view! {
                <tr>
                    <td>{o.name.clone()}</td>
                    <td>{o.mail_domain.clone()}</td>
                    <td class="num">{o.clients}</td>
                    <td class="num">{o.open_tickets}</td>
                    <td>
                        <EditButton name=o.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(id));
                            name.set(edit_name.clone());
                            mail_domain.set(edit_domain.clone());
                            reports.set(edit_reports);
                            feedback.clear();
                        })/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminOrganisations)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col">{locale.text(Msg::MailDomain)}</th>
                            <th scope="col" class="num">{locale.text(Msg::ClientsCount)}</th>
                            <th scope="col" class="num">{locale.text(Msg::OpenTickets)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="admin-form" id="organisation-form" novalidate on:submit=submit>
                <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                <TextField
                    form="organisation"
                    field="name"
                    label=Msg::Name
                    value=name
                    feedback
                    required=true
                    maxlength=MAX_ORGANISATION_NAME_CHARS
                />
                <TextField
                    form="organisation"
                    field="mail_domain"
                    label=Msg::MailDomain
                    value=mail_domain
                    feedback
                    hint=Msg::MailDomainHint
                    maxlength=MAX_MAIL_DOMAIN_CHARS
                />
                <label class="check-field" for="organisation-reports">
                    <input
                        type="checkbox"
                        id="organisation-reports"
                        prop:checked=move || reports.get()
                        on:change=move |ev| reports.set(event_target_checked(&ev))
                    />
                    <span>{locale.text(Msg::OrganisationReportsVisible)}</span>
                </label>
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
