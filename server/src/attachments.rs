//! The attachment routes: files are raw bodies streamed in and out, not the
//! JSON of a server function.
//!
//! - `POST /api/attachments/upload?name=…` takes a file (any
//!   `Content-Type`; the server decides by content) and answers its
//!   [`AttachmentInfo`] as a pending upload;
//! - `GET /api/attachments/{id}` serves it, `GET
//!   /api/attachments/{id}/thumbnail` its thumbnail, with exactly the
//!   ticket's authorisation (`service::attachments::open`) and headers that
//!   keep a browser from running anything in it.
//!
//! Every refusal is the API's JSON error (`docs/api.md`).

use crate::api_session::error_response;
use app::api::attachment::AttachmentInfo;
use app::auth::backend::AuthSession;
use app::domain::attachment::content_disposition;
use app::error::AppError;
use app::files::Files;
use app::service::attachments::{self, Part};
use app::store::Store;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

/// What an attachment is served with besides its type: never sniffed,
/// never run (a sandboxed document with no sources at all, should it be
/// opened as one), never embedded by another site, and kept by no cache
/// but the browser's own, and not even there.
const SANDBOX: &str = "sandbox; default-src 'none'";
const CACHE: &str = "private, no-store";

#[derive(Clone)]
pub struct AttachmentRoutes {
    pub store: Store,
    pub files: Files,
}

/// The routes, ready to merge into a router of any state.
pub fn routes<S: Clone + Send + Sync + 'static>(state: AttachmentRoutes) -> Router<S> {
    Router::new()
        .route("/api/attachments/upload", post(upload))
        .route("/api/attachments/{id}", get(download))
        .route("/api/attachments/{id}/thumbnail", get(thumbnail))
        .with_state(state)
}

/// The upload's query: the file's name as the sender calls it (shown, never
/// used to store it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    #[serde(default)]
    name: String,
}

async fn upload(
    State(state): State<AttachmentRoutes>,
    auth: AuthSession,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(user) = auth.user else {
        return error_response(&AppError::NotSignedIn);
    };
    let query = match axum::extract::Query::<UploadQuery>::try_from_uri(&uri) {
        Ok(q) => q.0,
        Err(e) => return error_response(&AppError::bad_request(e.body_text())),
    };
    let mut body = body.into_data_stream();
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.files.max_bytes) {
        linger(body);
        return error_response(&AppError::FileTooLarge(state.files.max_bytes));
    }
    let uploaded = attachments::upload(
        &state.store,
        &state.files,
        &user.user,
        &query.name,
        &mut body,
        chrono::Utc::now(),
    )
    .await;
    match uploaded {
        Ok(row) => axum::Json(AttachmentInfo::from(&row)).into_response(),
        Err(e) => {
            linger(body);
            error_response(&AppError::from(e))
        }
    }
}

/// How much of a refused upload's rest is read and thrown away, and for how
/// long, while its answer goes out.
const LINGER_BYTES: usize = 64 * 1024 * 1024;
const LINGER_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// Reads what is left of a refused upload's body, without keeping it, while
/// the refusal is sent: a server that closed the connection with the body
/// still arriving would have its answer reset away, and the browser would
/// show a network error instead of "too large". Bounded in bytes and time
/// (nginx's lingering close); past either the connection is closed.
fn linger(mut body: axum::body::BodyDataStream) {
    use futures_util::StreamExt;
    tokio::spawn(async move {
        let _ = tokio::time::timeout(LINGER_TIME, async {
            let mut read = 0;
            while let Some(Ok(chunk)) = body.next().await {
                read += chunk.len();
                if read > LINGER_BYTES {
                    break;
                }
            }
        })
        .await;
    });
}

async fn download(
    State(state): State<AttachmentRoutes>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Response {
    serve(&state, auth, &id, Part::File).await
}

async fn thumbnail(
    State(state): State<AttachmentRoutes>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Response {
    serve(&state, auth, &id, Part::Thumbnail).await
}

async fn serve(state: &AttachmentRoutes, auth: AuthSession, id: &str, part: Part) -> Response {
    let Some(user) = auth.user else {
        return error_response(&AppError::NotSignedIn);
    };
    // Not a number: no such attachment, like any other unknown path.
    let Ok(id) = id.parse::<i64>() else {
        return error_response(&AppError::NotFound);
    };
    let (row, bytes) = match attachments::open(&state.store, &state.files, &user.user, id, part).await {
        Ok(opened) => opened,
        Err(e) => return error_response(&AppError::from(e)),
    };
    let mut res = Response::new(Body::from_stream(bytes));
    let headers = res.headers_mut();
    let (content_type, disposition) = match part {
        Part::File => (row.kind.content_type(), content_disposition(&row.name, row.kind)),
        Part::Thumbnail => ("image/png", "inline".to_string()),
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if part == Part::File {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(row.size));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(SANDBOX));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    *res.status_mut() = StatusCode::OK;
    res
}
