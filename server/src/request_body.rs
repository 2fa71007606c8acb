//! What the server accepts of a request body, checked once for every route
//! before anything parses it:
//!
//! - a **size limit** per endpoint ([`limit_for`]): a body declared larger
//!   is refused unread, one that turns out larger is refused at the limit;
//!   either way `413 too_large`. Nothing ever holds more than the limit, and
//!   no parser copies (or quotes back) more than that.
//! - **no NUL character** (`\u0000`) in any JSON string or key: PostgreSQL
//!   cannot store one in a text and SQLite can, so one refusal here keeps
//!   both databases answering alike for every field of every endpoint,
//!   present and future (`422 invalid`, naming the field). The domain's
//!   text rules (`app::domain::text`) refuse it again where texts are
//!   parsed.
//!
//! It runs after the session check (`api_session`): a caller without a
//! session gets 401 whatever they send.
//!
//! One route is left alone: the attachment upload ([`STREAMED_PATHS`]),
//! whose body is a file streamed to storage under its own, configurable
//! limit (`--attachment-max-mb`), enforced by its handler as it reads
//! (`server/src/attachments.rs`).

use crate::api_session::error_response;
use app::error::{AppError, FieldIssue};
use axum::body::Body;
use axum::http::header::{HeaderValue, CONNECTION, CONTENT_LENGTH};
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

/// The body limit of the JSON API: a ticket's texts at their limits
/// (title, description and steps, 40,200 characters, up to 4 bytes each in
/// UTF-8) fit, with room for JSON escapes.
pub const API_BODY_LIMIT: usize = 256 * 1024;
/// `calendars/import_ics` takes a whole iCalendar file.
pub const ICS_BODY_LIMIT: usize = 1024 * 1024;
/// Pages and static files take no body.
pub const OTHER_BODY_LIMIT: usize = 16 * 1024;

/// Routes whose raw body their handler streams and limits itself.
pub const STREAMED_PATHS: [&str; 1] = ["/api/attachments/upload"];

/// The most bytes a request to `path` may carry.
pub fn limit_for(path: &str) -> usize {
    match path {
        "/api/calendars/import_ics" => ICS_BODY_LIMIT,
        p if p.starts_with("/api/") => API_BODY_LIMIT,
        _ => OTHER_BODY_LIMIT,
    }
}

/// Refuses bodies over the limit (413) and JSON with a NUL character
/// (422); passes the rest on, buffered.
pub async fn check_body(req: Request<Body>, next: Next) -> Response {
    if STREAMED_PATHS.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    let limit = limit_for(req.uri().path());
    let declared = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        // Unread: hyper closes the connection rather than drain it.
        return too_large();
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(e) if is_length_limit(&e) => return too_large(),
        Err(e) => return error_response(&AppError::bad_request(format!("cannot read the body: {e}"))),
    };
    if let Some(field) = nul_field(&bytes) {
        let issue = FieldIssue { detail: Some("NUL character".into()), ..FieldIssue::new(field, "invalid") };
        return error_response(&AppError::Invalid(vec![issue]));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// 413 for a body over its limit, saying the connection ends: the rest of
/// the body is never read, so hyper closes the connection after the answer,
/// and a client must not send its next request on it. Without the header a
/// client that got the answer quickly (TCP_NODELAY) put the connection back
/// in its pool and lost the next request to the close (`IncompleteMessage`).
pub fn too_large() -> Response {
    let mut response = error_response(&AppError::TooLarge);
    response.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Whether reading stopped at the limit (rather than on a broken connection).
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.to_string().contains("length limit exceeded") {
            return true;
        }
        source = err.source();
    }
    false
}

/// Where the first NUL character sits in a JSON body (`title`,
/// `edit.value`, `list.1`), if any. Bodies without the escape `\u0000` are
/// not parsed here at all; bodies that are not JSON are left for the
/// endpoint's parser to refuse.
fn nul_field(body: &[u8]) -> Option<String> {
    if !body.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    let value: Value = serde_json::from_slice(body).ok()?;
    find_nul(&value, "")
}

fn find_nul(value: &Value, path: &str) -> Option<String> {
    let at = |segment: &str| if path.is_empty() { segment.to_string() } else { format!("{path}.{segment}") };
    let named = |path: String| if path.is_empty() { "body".to_string() } else { path };
    match value {
        Value::String(s) if s.contains('\0') => Some(named(path.to_string())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| find_nul(v, &at(&i.to_string()))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                // The key itself: named by where it is, NUL shown escaped.
                Some(at(&k.replace('\0', "\\u0000")))
            } else {
                find_nul(v, &at(k))
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_has_its_limit() {
        assert_eq!(limit_for("/api/tickets/create"), API_BODY_LIMIT);
        assert_eq!(limit_for("/api/calendars/import_ics"), ICS_BODY_LIMIT);
        assert_eq!(limit_for("/board"), OTHER_BODY_LIMIT);
        assert_eq!(limit_for("/pkg/slaboard.wasm"), OTHER_BODY_LIMIT);
    }

    #[test]
    fn a_nul_is_found_at_any_depth_and_named_by_its_path() {
        assert_eq!(nul_field(br#"{"title": "a\u0000b"}"#).as_deref(), Some("title"));
        assert_eq!(
            nul_field(br#"{"edit": {"field": "x", "value": ["ok", "\u0000"]}}"#).as_deref(),
            Some("edit.value.1")
        );
        assert_eq!(nul_field(br#"{"a\u0000": 1}"#).as_deref(), Some("a\\u0000"));
        assert_eq!(nul_field(br#""\u0000""#).as_deref(), Some("body"));
    }

    #[test]
    fn escaped_backslashes_and_other_escapes_are_not_nul() {
        assert_eq!(nul_field(br#"{"title": "C:\\u0000 is a path"}"#), None, "a backslash, then u0000");
        assert_eq!(nul_field(br#"{"title": "tab\tand \u00e9"}"#), None);
        assert_eq!(nul_field(br#"{"title": "\u0000"#), None, "not JSON: the endpoint's parser says why");
    }
}
