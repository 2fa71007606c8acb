//! Second-line departments (SPEC §6, seed 000 §7–8): their deadline in
//! working days and the channels escalations go out on — one or more
//! Mattermost incoming webhooks and/or email addresses, edited as rows.

use super::form::{after_save, EditButton, Feedback, FormActions, FormHeading, TextField};
use crate::domain::admin::department::{
    channel_field, ChannelDraft, DepartmentChannel, MAX_ADDRESS_CHARS, MAX_CHANNELS,
    MAX_DEPARTMENT_NAME_CHARS,
};
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

/// One editable channel row: a stable key for the list, its kind and address.
#[derive(Clone, Copy)]
struct ChannelRow {
    key: u32,
    kind: RwSignal<String>,
    address: RwSignal<String>,
}

impl ChannelRow {
    fn new(key: u32, c: &ChannelDraft) -> ChannelRow {
        ChannelRow {
            key,
            kind: RwSignal::new(c.kind.code().to_string()),
            address: RwSignal::new(c.address.clone()),
        }
    }

    fn draft(&self) -> ChannelDraft {
        ChannelDraft {
            kind: DepartmentChannel::parse(&self.kind.get_untracked()).unwrap_or(DepartmentChannel::Email),
            address: self.address.get_untracked(),
        }
    }
}

fn empty_channel() -> ChannelDraft {
    ChannelDraft { kind: DepartmentChannel::Mattermost, address: String::new() }
}

#[component]
pub fn Departments(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let days = RwSignal::new("3".to_string());
    let next_key = StoredValue::new(1_u32);
    let channels = RwSignal::new(vec![ChannelRow::new(0, &empty_channel())]);
    let feedback = Feedback::new();
    let set_channels = move |list: &[ChannelDraft]| {
        let rows = list
            .iter()
            .map(|c| {
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                ChannelRow::new(key, c)
            })
            .collect();
        channels.set(rows);
    };
    let action = Action::new(move |(id, d): &(Option<i64>, DepartmentDraft)| {
        let (id, d) = (*id, d.clone());
        async move { save_department(id, d.name, d.deadline_days, d.channels).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        name.set(String::new());
        days.set("3".into());
        set_channels(&[empty_channel()]);
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let deadline = days.get_untracked().trim().parse::<i64>();
        let draft = DepartmentDraft {
            name: name.get_untracked(),
            deadline_days: *deadline.as_ref().unwrap_or(&0),
            channels: channels.get_untracked().iter().map(ChannelRow::draft).collect(),
        };
        match (draft.validate(), deadline) {
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
    let add_channel = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        channels.update(|list| list.push(ChannelRow::new(key, &empty_channel())));
        // Focus the new row's address, so a keyboard user types on.
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(input) = document()
                .get_element_by_id(&format!("department-channel-{key}-address"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        });
    };
    let rows = data
        .departments
        .iter()
        .map(|d| {
            let item = d.clone();
            let n = d.deadline_days;
            let channel_lines = d
                .channels
                .iter()
                .map(|c| {
                    let kind = c.kind;
                    view! {
                        <li>
                            <span class="chip">{move || locale.text(channel_label(kind))}</span>
                            " "
                            <span class="break">{c.address.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            let none = d.channels.is_empty();
            view! {
                <tr>
                    <td>{d.name.clone()}</td>
                    <td>
                        <ul class="plain-list">{channel_lines}</ul>
                        {none.then(|| view! { <span class="muted">{move || locale.text(Msg::NoChannelsYet)}</span> })}
                    </td>
                    <td>{move || count_label(locale.get(), n as u64, Noun::WorkingDay)}</td>
                    <td>
                        <EditButton name=d.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(item.id));
                            name.set(item.name.clone());
                            days.set(item.deadline_days.to_string());
                            let list = if item.channels.is_empty() { vec![empty_channel()] } else { item.channels.clone() };
                            set_channels(&list);
                            feedback.clear();
                        })/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let list_error = move || {
        feedback.errors.with(|e| e.of("channels").map(|x| super::form::problem_text(locale.get(), x)))
    };
    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminDepartments)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col">{locale.text(Msg::DepartmentChannels)}</th>
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
                <TextField form="department" field="deadline_days" label=Msg::DeadlineDays value=days feedback kind="number" required=true/>
                <fieldset class="channel-rows" aria-describedby="department-channels-hint department-channels-error">
                    <legend>{locale.text(Msg::DepartmentChannels)}</legend>
                    <p class="field-hint" id="department-channels-hint">{locale.text(Msg::DepartmentAddressHint)}</p>
                    <For each=move || channels.get().into_iter().enumerate() key=|(i, row)| (*i, row.key) let:pair>
                        <ChannelRowView index=pair.0 row=pair.1 rows=channels feedback/>
                    </For>
                    <p class="field-error" id="department-channels-error">{list_error}</p>
                    <button
                        type="button"
                        class="secondary"
                        on:click=add_channel
                        disabled=move || channels.with(|c| c.len() >= MAX_CHANNELS)
                    >
                        {locale.text(Msg::AddChannel)}
                    </button>
                </fieldset>
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

/// One channel row: its kind, its address (with the problem the domain
/// found at this row), and a button that removes it.
#[component]
fn ChannelRowView(
    index: usize,
    row: ChannelRow,
    rows: RwSignal<Vec<ChannelRow>>,
    feedback: Feedback,
) -> impl IntoView {
    let locale = use_locale();
    let id = format!("department-channel-{}", row.key);
    let field = channel_field(index);
    let error_id = format!("{id}-error");
    let key = StoredValue::new(field.clone());
    let error = move || {
        key.with_value(|f| {
            feedback.errors.with(|e| e.of(f).map(|x| super::form::problem_text(locale.get(), x)))
        })
    };
    let invalid = move || key.with_value(|f| feedback.errors.with(|e| e.of(f).is_some()));
    let number = index + 1;
    let kind_label = move || format!("{} {number}", Msg::DepartmentChannelLabel.text(locale.get()));
    let address_label = move || format!("{} {number}", Msg::DepartmentAddress.text(locale.get()));
    let remove_label = move || format!("{} {number}", Msg::RemoveChannel.text(locale.get()));
    let options = DepartmentChannel::ALL
        .into_iter()
        .map(|c| {
            let code = c.code();
            view! {
                <option value=code selected=move || row.kind.get() == code>
                    {move || locale.text(channel_label(c))}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class=move || if invalid() { "channel-row field-invalid" } else { "channel-row" }>
            <label class="visually-hidden" for=format!("{id}-kind")>{kind_label}</label>
            <select
                id=format!("{id}-kind")
                prop:value=move || row.kind.get()
                on:change=move |ev| row.kind.set(event_target_value(&ev))
            >
                {options}
            </select>
            <label class="visually-hidden" for=format!("{id}-address")>{address_label}</label>
            <input
                id=format!("{id}-address")
                name=field.clone()
                type="text"
                maxlength=MAX_ADDRESS_CHARS
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || row.address.get()
                on:input=move |ev| row.address.set(event_target_value(&ev))
            />
            <button
                type="button"
                class="secondary"
                aria-label=remove_label
                title=remove_label
                on:click=move |_| rows.update(|list| list.retain(|r| r.key != row.key))
            >
                "×"
            </button>
            <p class="field-error" id=error_id.clone()>{error}</p>
        </div>
    }
}
