//! Every `/api/` call needs a session, checked before anything reads the
//! body: a caller without one learns nothing about the endpoint's arguments
//! (serde's "missing field `id`"), and a huge or malformed body costs no
//! parsing. Only signing in works signed out.

use app::auth::backend::AuthSession;
use app::error::AppError;
use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How much of a refused call's body is drained, unparsed, so the client
/// reads the 401 instead of a reset connection; past this the connection
/// is simply closed.
const DRAIN_LIMIT: usize = 256 * 1024;

/// The endpoints a caller without a session may call.
pub const SIGNED_OUT_ENDPOINTS: [&str; 1] = ["/api/auth/login"];

/// Answers 401 with the API's JSON error to an `/api/` call without a valid
/// session (none, expired, or of a disabled account), except sign-in.
pub async fn require_session(session: AuthSession, req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let open = !path.starts_with("/api/") || SIGNED_OUT_ENDPOINTS.contains(&path);
    if open || session.user.is_some() {
        return next.run(req).await;
    }
    // Discarded, never parsed: the answer does not depend on it.
    let _ = axum::body::to_bytes(req.into_body(), DRAIN_LIMIT).await;
    error_response(&AppError::NotSignedIn)
}

/// The answer for `error` outside a server function: its status and body,
/// as a server function would send them.
pub fn error_response(error: &AppError) -> Response {
    let mut res = (error.status(), error.to_json()).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}
