//! Users and roles: accounts for clients (in one organisation) and agents,
//! passwords set by the admin, and disabling an account (its history stays).

use super::form::{
    after_save, chosen_id, EditButton, Feedback, FormActions, FormHeading, SelectField, TextField,
};
use crate::auth::MAX_PASSWORD_CHARS;
use crate::domain::admin::account::{new_password, own_account_change, MAX_USER_NAME_CHARS};
use crate::domain::admin::{AccountDraft, FormErrors};
use crate::domain::ticket::Role;
use crate::functions::admin::{
    save_account, set_account_disabled, set_account_password, AccountItem, AdminData,
};
use crate::i18n::Msg;
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn Accounts(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let me = data.me;
    let editing = RwSignal::new(None::<i64>);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("client".to_string());
    let organisation = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let feedback = Feedback::new();
    let organisations: Vec<(i64, String)> =
        data.organisations.iter().map(|o| (o.id, o.name.clone())).collect();
    let known = organisations.iter().map(|o| o.0).collect::<Vec<_>>();

    let action = Action::new(move |(id, a): &(Option<i64>, AccountDraft)| {
        let (id, a) = (*id, a.clone());
        async move { save_account(id, a.email, a.name, a.role, a.organisation_id, a.password).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        for s in [email, name, organisation, password] {
            s.set(String::new());
        }
        role.set("client".into());
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = editing.get_untracked();
        let chosen_role: Role = role.get_untracked().parse().unwrap_or(Role::Client);
        let draft = AccountDraft {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: chosen_role,
            // Agents belong to no organisation, whatever the hidden select holds.
            organisation_id: if chosen_role == Role::Client {
                chosen_id(&organisation.get_untracked())
            } else {
                None
            },
            password: id.is_none().then(|| password.get_untracked()),
        };
        let org_known = draft.organisation_id.is_some_and(|o| known.contains(&o));
        let mut errors = draft.validate(org_known).err().unwrap_or_default();
        if let Some(problem) = id.and_then(|t| own_account_change(me, t, Some(chosen_role), false)) {
            errors.push("role", problem);
        }
        if errors.is_empty() {
            feedback.clear();
            action.dispatch((id, draft));
        } else {
            feedback.invalid(errors);
        }
    };
    let role_options = Signal::derive(move || {
        Role::ALL
            .iter()
            .map(|r| (r.code().to_string(), labels::role(*r).text(locale.get()).to_string()))
            .collect()
    });
    let org_options: Vec<(String, String)> =
        organisations.iter().map(|(id, n)| (id.to_string(), n.clone())).collect();
    let is_client = move || role.get() == "client";

    let rows = data
        .accounts
        .iter()
        .map(|a| {
            let item = a.clone();
            let (r, disabled, has_password) = (a.role, a.disabled, a.has_password);
            let status = move || {
                let m = if disabled {
                    Msg::AccountDisabled
                } else if !has_password {
                    Msg::NoPasswordYet
                } else {
                    Msg::AccountActive
                };
                m.text(locale.get())
            };
            view! {
                <tr class:row-disabled=disabled>
                    <td>{a.name.clone()}</td>
                    <td class="break">{a.email.clone()}</td>
                    <td>{locale.text(labels::role(r))}</td>
                    <td>{a.organisation.clone().unwrap_or_default()}</td>
                    <td>{status}</td>
                    <td>
                        <EditButton name=a.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(item.id));
                            email.set(item.email.clone());
                            name.set(item.name.clone());
                            role.set(item.role.code().into());
                            organisation.set(item.organisation_id.map(|o| o.to_string()).unwrap_or_default());
                            password.set(String::new());
                            feedback.clear();
                        })/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let accounts = StoredValue::new(data.accounts.clone());
    let selected =
        move || editing.get().and_then(|id| accounts.with_value(|a| a.iter().find(|x| x.id == id).cloned()));

    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminAccounts)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::PersonName)}</th>
                            <th scope="col">{locale.text(Msg::EmailLabel)}</th>
                            <th scope="col">{locale.text(Msg::RoleLabel)}</th>
                            <th scope="col">{locale.text(Msg::Organisation)}</th>
                            <th scope="col">{locale.text(Msg::StatusColumn)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="admin-side">
                <form class="admin-form" id="account-form" novalidate on:submit=submit>
                    <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                    <TextField form="account" field="email" label=Msg::EmailLabel value=email feedback kind="email" required=true/>
                    <TextField form="account" field="name" label=Msg::PersonName value=name feedback required=true maxlength=MAX_USER_NAME_CHARS/>
                    <SelectField form="account" field="role" label=Msg::RoleLabel value=role feedback options=role_options/>
                    <Show when=is_client>
                        <SelectField
                            form="account"
                            field="organisation_id"
                            label=Msg::Organisation
                            value=organisation
                            feedback
                            options=org_options.clone()
                            empty=Msg::ChooseOne
                        />
                    </Show>
                    <Show when=move || editing.get().is_none()>
                        <TextField
                            form="account"
                            field="password"
                            label=Msg::PasswordLabel
                            value=password
                            feedback
                            kind="password"
                            required=true
                            maxlength=MAX_PASSWORD_CHARS
                            hint=Msg::PasswordHint
                        />
                    </Show>
                    <FormActions
                        feedback
                        pending=action.pending().into()
                        editing=Signal::derive(move || editing.get().is_some())
                        on_new=start_new
                    />
                </form>
                {move || selected().map(|a| view! { <AccountActions account=a me reload/> })}
            </div>
        </div>
    }
}

/// For an existing account: a new password, and disabling or enabling it.
#[component]
fn AccountActions(account: AccountItem, me: i64, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let id = account.id;
    let password = RwSignal::new(String::new());
    let feedback = Feedback::new();
    let done = RwSignal::new(None::<&'static str>);
    let set_password = Action::new(move |p: &String| {
        let p = p.clone();
        async move { set_account_password(id, p).await }
    });
    Effect::new(move |_| match set_password.value().get() {
        Some(Ok(())) => {
            password.set(String::new());
            feedback.clear();
            done.set(Some(Msg::PasswordSet.text(locale.0.get_untracked())));
        }
        Some(Err(e)) => feedback.refused(&e),
        None => {}
    });
    let toggle = Action::new(move |disable: &bool| {
        let disable = *disable;
        async move { set_account_disabled(id, disable).await }
    });
    after_save(toggle, feedback, reload);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let mut errors = FormErrors::default();
        match new_password(&mut errors, &password.get_untracked()) {
            Some(_) => {
                feedback.clear();
                set_password.dispatch(password.get_untracked());
            }
            None => feedback.invalid(errors),
        }
    };
    let disabled = account.disabled;
    let own = own_account_change(me, id, None, true).is_some();
    view! {
        <form class="admin-form" id="password-form" novalidate on:submit=submit>
            <h2>{locale.text(Msg::SetPassword)} ": " {account.name.clone()}</h2>
            <TextField
                form="reset"
                field="password"
                label=Msg::NewPasswordLabel
                value=password
                feedback
                kind="password"
                required=true
                maxlength=MAX_PASSWORD_CHARS
                hint=Msg::PasswordHint
            />
            <p class="form-error" role="alert">{move || feedback.failure.get()}</p>
            <p class="admin-result" role="status">{move || done.get()}</p>
            <div class="admin-form-actions">
                <button type="submit" class="primary" disabled=move || set_password.pending().get()>
                    {locale.text(Msg::SetPassword)}
                </button>
                <button
                    type="button"
                    class=if disabled { "" } else { "danger" }
                    disabled=move || own || toggle.pending().get()
                    title=move || own.then(|| Msg::ProblemOwnAccount.text(locale.get()))
                    on:click=move |_| {
                        toggle.dispatch(!disabled);
                    }
                >
                    {move || if disabled { Msg::Enable.text(locale.get()) } else { Msg::Disable.text(locale.get()) }}
                </button>
            </div>
        </form>
    }
}
