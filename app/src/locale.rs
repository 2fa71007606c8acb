//! The UI language as a reactive context. The server picks it from the
//! `slaboard_lang` cookie or the browser's `Accept-Language`, writes it into
//! `<html lang>`, and the browser reads it back from there when it hydrates,
//! so both render the same words. Switching sets the cookie and the signal.

use crate::i18n::{Locale, Msg};
use leptos::prelude::*;

pub const COOKIE: &str = "slaboard_lang";

#[derive(Clone, Copy)]
pub struct UiLocale(pub RwSignal<Locale>);

impl UiLocale {
    pub fn get(self) -> Locale {
        self.0.get()
    }

    /// A reactive text of a message.
    pub fn text(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || msg.text(self.0.get())
    }
}

/// The locale of the current request (server) or page (browser).
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        request_locale()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| l.parse().ok())
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// Cookie first (an explicit choice), then the browser's preference.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Locale::default();
    };
    let headers = &parts.headers;
    let from_cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| v.parse::<Locale>().ok());
    from_cookie.unwrap_or_else(|| {
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::negotiate)
            .unwrap_or_default()
    })
}

pub fn provide_locale() -> UiLocale {
    let ui = UiLocale(RwSignal::new(initial_locale()));
    provide_context(ui);
    ui
}

pub fn use_locale() -> UiLocale {
    use_context::<UiLocale>().unwrap_or_else(|| UiLocale(RwSignal::new(Locale::default())))
}

/// Switches the language for this page and remembers it for the next ones.
pub fn switch_locale(ui: UiLocale, locale: Locale) {
    ui.0.set(locale);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", locale.code());
            }
            if let Ok(doc) = doc.dyn_into::<web_sys::HtmlDocument>() {
                let _ = doc.set_cookie(&format!(
                    "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    locale.code()
                ));
            }
        }
    }
}
