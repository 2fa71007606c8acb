//! Server functions answer every error with 500, including a body that did
//! not parse as the function's arguments. Those are the caller's fault, so
//! this layer turns them into 400 and keeps the message.

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are short; anything longer is passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The prefixes leptos' server_fn writes for errors in the caller's input.
const CALLER_ERRORS: [&str; 2] = ["Deserialization|", "Args|"];

pub async fn caller_errors_are_4xx(req: Request<Body>, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_ERROR_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return Response::from_parts(parts, Body::from("internal server error"));
        }
    };
    if CALLER_ERRORS.iter().any(|p| bytes.starts_with(p.as_bytes())) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
