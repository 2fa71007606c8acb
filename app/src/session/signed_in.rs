//! Pages for signed-in users only, and who is signed in.

use crate::auth::{CurrentUser, StrictArgs};
use crate::error::AppError;
use crate::functions::auth::{me, Logout};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Renders `children` for a signed-in user and sends everyone else to
/// `/login` — with a 302 when the server renders the page (routes with
/// `SsrMode::Async`), by navigation in the browser.
///
/// With `admins_to_admin_area`, an admin is sent to `/admin` instead: the
/// board's route, since admins have no board (SPEC §1). One resource and
/// one `Suspense` decide both, so the page hydrates as it was rendered.
#[component]
pub fn RequireSignIn(children: ChildrenFn, #[prop(optional)] admins_to_admin_area: bool) -> impl IntoView {
    let user = Resource::new(|| (), |_| me());
    let children = StoredValue::new(children);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(u) if admins_to_admin_area && u.role == crate::domain::ticket::Role::Admin => {
                        view! { <Redirect path="/admin"/> }.into_any()
                    }
                    Ok(_) => children.with_value(|c| c()).into_any(),
                    Err(AppError::NotSignedIn) => {
                        let location = leptos_router::hooks::use_location();
                        let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
                        let here = match search.trim_start_matches('?') {
                            "" => path,
                            query => format!("{path}?{query}"),
                        };
                        view! { <Redirect path=super::return_to::login_url(&here)/> }.into_any()
                    }
                    Err(e) => {
                        let locale = crate::locale::use_locale();
                        view! { <p class="error" role="alert">{move || crate::labels::app_error_text(locale.get(), &e)}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The signed-in user's name and a sign-out button, for the top bar; empty
/// when nobody is signed in. Signing out loads `/login` afresh.
#[component]
pub fn UserMenu() -> impl IntoView {
    let locale = crate::locale::use_locale();
    let user = Resource::new(|| (), |_| me());
    let logout = ServerAction::<StrictArgs<Logout>>::new();
    Effect::new(move |_| {
        // Signed out, or the session was already gone: either way, go.
        if logout.value().get().is_some() {
            go_to_login();
        }
    });
    let menu = move |u: CurrentUser| {
        let who = move || match &u.organisation {
            Some(org) => format!("{} · {}", u.name, org.name),
            None => format!("{} · {}", u.name, crate::labels::role(u.role).text(locale.get())),
        };
        view! {
            <div class="user-menu">
                <a class="user-name" href="/settings" title=move || Msg::NotificationsLink.text(locale.get())>{who}</a>
                <button
                    type="button"
                    class="sign-out"
                    disabled=move || logout.pending().get()
                    on:click=move |_| {
                        logout.dispatch(StrictArgs(Logout {}));
                    }
                >
                    {move || Msg::SignOut.text(locale.get())}
                </button>
            </div>
        }
    };
    view! {
        <Suspense>
            {move || Suspend::new(async move { user.await.ok().map(menu) })}
        </Suspense>
    }
}

fn go_to_login() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href("/login");
    }
}
