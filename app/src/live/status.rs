//! The connection's status line in the top bar: silent while live, a quiet
//! "reconnecting…" while it is not, and a way back in once the session is
//! gone — never a silently stale board.

use super::{use_live, LiveState};
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

#[component]
pub fn LiveStatus() -> impl IntoView {
    let locale = use_locale();
    let state = use_live().map(|f| f.state);
    move || match state.map(|s| s.get()) {
        Some(LiveState::Reconnecting) => view! {
            <p class="live-status live-reconnecting" role="status" aria-live="polite">
                <span class="live-dot" aria-hidden="true"></span>
                {locale.text(Msg::LiveReconnecting)}
            </p>
        }
        .into_any(),
        Some(LiveState::SignedOut) => view! {
            <p class="live-status live-signed-out" role="alert">
                {locale.text(Msg::LiveSignedOut)}
                " "
                <a href="/login">{locale.text(Msg::SignInAgain)}</a>
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
