//! `/login`: the sign-in form.

use crate::auth::StrictArgs;
use crate::error::AppError;
use crate::functions::auth::Login;
use crate::i18n::{Locale, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// What to tell the reader about a failed sign-in.
fn failure(locale: Locale, error: &AppError) -> String {
    match error {
        // Also what the browser makes of a server it could not reach.
        AppError::Internal => Msg::ServerUnreachable.text(locale).to_string(),
        other => crate::labels::app_error_text(locale, other),
    }
}

/// The sign-in form. It works once the page has hydrated (the button is
/// disabled until then); after a successful sign-in the browser loads `/`
/// (or the `next` page that sent the user here) afresh, so nothing rendered for a previous user stays in memory.
#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let login = ServerAction::<StrictArgs<Login>>::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Effects run in the browser only: true once the form can submit.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        if let Some(Ok(_)) = login.value().get() {
            let next = query.read_untracked().get("next");
            go_to(next.as_deref().and_then(super::return_to::safe_next).unwrap_or("/"));
        }
    });
    let error = move || match login.value().get() {
        Some(Err(e)) => Some(failure(locale.get(), &e)),
        _ => None,
    };
    let pending = login.pending();
    let t = move |m: Msg| move || m.text(locale.get());
    view! {
        <section class="login-page">
            <h1>{t(Msg::SignInHeading)}</h1>
            <form
                class="login-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    login
                        .dispatch(
                            StrictArgs(Login { email: email.get_untracked(), password: password.get_untracked() }),
                        );
                }
            >
                <label for="login-email">{t(Msg::EmailLabel)}</label>
                <input
                    id="login-email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    bind:value=email
                />
                <label for="login-password">{t(Msg::PasswordLabel)}</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    bind:value=password
                />
                {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <button type="submit" disabled=move || !hydrated.get() || pending.get()>
                    {move || if pending.get() { Msg::SigningIn.text(locale.get()) } else { Msg::SignIn.text(locale.get()) }}
                </button>
            </form>
        </section>
    }
}

/// Loads `path` (the board, or the page that sent the user here) afresh.
fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        // A link's `#part` (a mail's "#ticket-actions") never reaches the
        // server; the browser kept it across the redirect to this page, so
        // it goes on to the page the link meant.
        let hash = window.location().hash().unwrap_or_default();
        let target =
            if path != "/" && hash.starts_with('#') { format!("{path}{hash}") } else { path.to_string() };
        let _ = window.location().set_href(&target);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_refusals_are_shown_in_the_readers_language() {
        use crate::error::WRONG_CREDENTIALS;
        let wrong = AppError::WrongCredentials;
        assert_eq!(failure(Locale::En, &wrong), WRONG_CREDENTIALS);
        assert_eq!(failure(Locale::Ru, &wrong), "Неверная почта или пароль.");
        assert_eq!(
            failure(Locale::Uk, &AppError::TooManyAttempts),
            "Забагато спроб входу. Зачекайте кілька хвилин і спробуйте знову."
        );
        assert_eq!(
            failure(Locale::Ru, &AppError::BadRequest("missing field `email`".into())),
            "Запрос не удалось разобрать"
        );
        assert_eq!(
            failure(Locale::En, &AppError::Internal),
            "The server could not be reached. Please try again."
        );
    }
}
