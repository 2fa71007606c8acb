//! `/settings`: a person's own mail settings — which notification mails
//! they receive and in which language. The acknowledgement of a
//! registration is not listed: it always goes out (seed 004 §3.8).

use crate::domain::notify::MailKind;
use crate::functions::mail::{load_notification_settings, save_notification_settings, NotificationSettings};
use crate::i18n::{Locale, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| load_notification_settings());
    view! {
        <section class="settings-page" aria-labelledby="settings-title">
            <div class="page-head">
                <h1 id="settings-title">{locale.text(Msg::NotificationsTitle)}</h1>
            </div>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <SettingsForm settings=s/> }.into_any(),
                        Err(e) => view! {
                            <p class="error" role="alert">{move || crate::labels::app_error_text(locale.get(), &e)}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SettingsForm(settings: NotificationSettings) -> impl IntoView {
    let locale = use_locale();
    let language = RwSignal::new(settings.language.clone().unwrap_or_default());
    // One switch per kind, in the order the domain lists them.
    let switches: Vec<(String, RwSignal<bool>)> =
        settings.kinds.iter().map(|k| (k.kind.clone(), RwSignal::new(k.on))).collect();
    let save = Action::new({
        let switches = switches.clone();
        move |_: &()| {
            let language = Some(language.get_untracked()).filter(|l| !l.is_empty());
            let off = switches.iter().filter(|(_, on)| !on.get_untracked()).map(|(k, _)| k.clone()).collect();
            async move { save_notification_settings(language, off).await }
        }
    });
    let status = move || {
        save.value().get().map(|r| match r {
            Ok(_) => view! { <p class="notice notice-ok" role="status">{Msg::NotificationsSaved.text(locale.get())}</p> }.into_any(),
            Err(e) => view! { <p class="notice notice-error" role="alert">{crate::labels::app_error_text(locale.get(), &e)}</p> }.into_any(),
        })
    };
    let languages = Locale::ALL
        .into_iter()
        .map(|l| view! { <option value=l.code() selected=move || language.get() == l.code()>{l.native_name()}</option> })
        .collect_view();
    let none = switches.is_empty();
    let boxes = switches
        .into_iter()
        .map(|(kind, on)| {
            let label = MailKind::from_code(&kind).map(crate::labels::mail_kind);
            let id = format!("mail-kind-{kind}");
            view! {
                <li>
                    <input type="checkbox" id=id.clone() prop:checked=move || on.get()
                        on:change=move |ev| on.set(event_target_checked(&ev))/>
                    <label for=id>{move || label.map(|m| m.text(locale.get()).to_string()).unwrap_or_else(|| kind.clone())}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <form class="settings-form" on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
            <p class="muted">{locale.text(Msg::NotificationsIntro)}</p>
            <p>{locale.text(Msg::NotificationsAddress)} ": " <strong>{settings.email.clone()}</strong></p>
            <label class="field">
                <span>{locale.text(Msg::MailLanguage)}</span>
                <select on:change=move |ev| language.set(event_target_value(&ev))>
                    <option value="" selected=move || language.get().is_empty()>{locale.text(Msg::MailLanguageDefault)}</option>
                    {languages}
                </select>
            </label>
            <fieldset>
                <legend>{locale.text(Msg::NotificationsKinds)}</legend>
                {none.then(|| view! { <p class="muted">{locale.text(Msg::NotificationsNone)}</p> })}
                <ul class="switch-list">{boxes}</ul>
            </fieldset>
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {locale.text(Msg::NotificationsSave)}
            </button>
            <div aria-live="polite">{status}</div>
        </form>
    }
}
