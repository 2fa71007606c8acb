#![recursion_limit = "256"]

//! The browser entry point: hydrates the server-rendered page.

use wasm_bindgen::JsValue;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for browser tests: the page is interactive from here on.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__slaboard_hydrated"), &JsValue::TRUE);
    }
}
