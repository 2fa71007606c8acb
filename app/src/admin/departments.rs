//! Second-line departments (SPEC §6): where escalations go, by which
//! channel, and their deadline in working days.

use super::form::{after_save, EditButton, Feedback, FormActions, FormHeading, SelectField, TextField};
use crate::domain::admin::department::{DepartmentChannel, MAX_ADDRESS_CHARS, MAX_DEPARTMENT_NAME_CHARS};
use crate::domain::admin::{DepartmentDraft, Problem};
use crate::functions::admin::{save_department, AdminData};
use crate::i18n::{count_label, Msg, Noun};
use crate::locale::use_locale;
use leptos::prelude::*;

fn channel_label(c: DepartmentChannel) -> Msg {
    match c {
        DepartmentChannel::Email => Msg::ChannelEmail,
        DepartmentChannel::Mattermost => Msg::ChannelMattermost,
    }
}

#[component]
pub fn Departments(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let channel = RwSignal::new("email".to_string());
    let address = RwSignal::new(String::new());
    let days = RwSignal::new("3".to_string());
    let feedback = Feedback::new();
    let action = Action::new(move |(id, d): &(Option<i64>, DepartmentDraft)| {
        let (id, d) = (*id, d.clone());
        async move { save_department(id, d.name, d.channel, d.address, d.deadline_days).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        name.set(String::new());
        channel.set("email".into());
        address.set(String::new());
        days.set("3".into());
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let deadline = days.get_untracked().trim().parse::<i64>();
        let draft = DepartmentDraft {
            name: name.get_untracked(),
            channel: DepartmentChannel::parse(&channel.get_untracked()).unwrap_or(DepartmentChannel::Email),
            address: address.get_untracked(),
            deadline_days: *deadline.as_ref().unwrap_or(&0),
        };
        let checked = draft.validate();
        match (checked, deadline) {
            (Ok(_), Ok(_)) => {
                feedback.clear();
                action.dispatch((editing.get_untracked(), draft));
            }
            (result, parsed) => {
                let mut errors = result.err().unwrap_or_default();
                if parsed.is_err() {
                    errors.errors.retain(|e| e.field != "deadline_days");
                    errors.push("deadline_days", Problem::Invalid);
                }
                feedback.invalid(errors);
            }
        }
    };
    let channel_options = Signal::derive(move || {
        DepartmentChannel::ALL
            .iter()
            .map(|c| (c.code().to_string(), channel_label(*c).text(locale.get()).to_string()))
            .collect()
    });
    let rows = data
        .departments
        .iter()
        .map(|d| {
            let item = d.clone();
            let (ch, n) = (d.channel, d.deadline_days);
            view! {
                <tr>
                    <td>{d.name.clone()}</td>
                    <td>{locale.text(channel_label(ch))}</td>
                    <td class="break">{d.address.clone()}</td>
                    <td>{move || count_label(locale.get(), n as u64, Noun::WorkingDay)}</td>
                    <td>
                        <EditButton name=d.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(item.id));
                            name.set(item.name.clone());
                            channel.set(item.channel.code().into());
                            address.set(item.address.clone());
                            days.set(item.deadline_days.to_string());
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
                    <caption>{locale.text(Msg::AdminDepartments)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col">{locale.text(Msg::DepartmentChannelLabel)}</th>
                            <th scope="col">{locale.text(Msg::DepartmentAddress)}</th>
                            <th scope="col">{locale.text(Msg::DeadlineDays)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="admin-form" id="department-form" novalidate on:submit=submit>
                <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                <TextField form="department" field="name" label=Msg::Name value=name feedback required=true maxlength=MAX_DEPARTMENT_NAME_CHARS/>
                <SelectField
                    form="department"
                    field="channel"
                    label=Msg::DepartmentChannelLabel
                    value=channel
                    feedback
                    options=channel_options
                />
                <TextField
                    form="department"
                    field="address"
                    label=Msg::DepartmentAddress
                    value=address
                    feedback
                    required=true
                    maxlength=MAX_ADDRESS_CHARS
                    hint=Msg::DepartmentAddressHint
                />
                <TextField form="department" field="deadline_days" label=Msg::DeadlineDays value=days feedback kind="number" required=true/>
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
