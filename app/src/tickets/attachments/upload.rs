//! Sending one file from the browser: `POST /api/attachments/upload` with
//! the file as the raw body (streamed by the browser, never read into the
//! page), its name in the query. The answer is the upload's
//! [`AttachmentInfo`] or the API's typed error.

#[cfg(feature = "hydrate")]
use crate::api::attachment::AttachmentInfo;
#[cfg(feature = "hydrate")]
use crate::error::AppError;

/// The path files are uploaded to.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const UPLOAD_PATH: &str = "/api/attachments/upload";

#[cfg(feature = "hydrate")]
pub async fn upload(file: web_sys::File) -> Result<AttachmentInfo, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    // The browser could not send it (offline, the connection dropped):
    // nothing the server said.
    let unsent = |_| AppError::Internal;
    let name: String = js_sys::encode_uri_component(&file.name()).into();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let headers = web_sys::Headers::new().map_err(unsent)?;
    headers.set("Content-Type", "application/octet-stream").map_err(unsent)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&format!("{UPLOAD_PATH}?name={name}"), &init)
        .map_err(unsent)?;
    let window = web_sys::window().ok_or(AppError::Internal)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(unsent)?
        .dyn_into()
        .map_err(unsent)?;
    let text = JsFuture::from(response.text().map_err(unsent)?)
        .await
        .map_err(unsent)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Internal)
    } else {
        Err(serde_json::from_str::<AppError>(&text).unwrap_or(match response.status() {
            401 => AppError::NotSignedIn,
            413 => AppError::TooLarge,
            _ => AppError::Internal,
        }))
    }
}
