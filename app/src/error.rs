//! The one error every server function answers with, typed on both sides of
//! the wire (Leptos 0.8 `FromServerFnError`). Its HTTP body is always the
//! JSON of [`ErrorBody`] (`docs/api.md`, "Errors"); its status comes from
//! [`AppError::status`], the only place that chooses one. The UI matches the
//! variants and codes and words them in the viewer's language
//! (`crate::i18n::app_error`); `message` is English, for API users only.

use crate::domain::admin::{FieldError as FormFieldError, FormErrors, Problem};
use crate::domain::ticket::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Why something was refused: a stable `code` for programs and the UI, and
/// an English sentence for people reading the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub message: String,
}

impl Reason {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Reason {
        Reason { code: code.into(), message: message.into() }
    }
}

/// One problem with one input field, in the order the form has them.
/// `limit` and `detail` carry the one number or word some problems need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub field: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, code: impl Into<String>) -> FieldIssue {
        FieldIssue { field: field.into(), code: code.into(), limit: None, detail: None }
    }
}

/// Every way a call can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// No session, or one that ended (401).
    NotSignedIn,
    /// A sign-in with a wrong email or password, reading the same whether or
    /// not the account exists (401).
    WrongCredentials,
    /// The caller's role may not do this (403); a reason when the domain
    /// names one (which field a role may not change).
    Forbidden(Option<Reason>),
    /// No such record, or one the caller may not know of (404).
    NotFound,
    /// Someone changed the record after the caller read it (409).
    Stale,
    /// The input has problems, every one named by field (422): it parsed,
    /// but a value breaks a rule (too long, a NUL character, a date out of
    /// range…).
    Invalid(Vec<FieldIssue>),
    /// The domain refuses the change: a move the lifecycle does not allow,
    /// an edit of a closed ticket… (422).
    Refused(Reason),
    /// Too many sign-in attempts (429).
    TooManyAttempts,
    /// The server is at its limit of password checks; try again in a moment
    /// (503).
    Busy,
    /// A request body over the endpoint's size limit, refused before it is
    /// parsed (413).
    TooLarge,
    /// An uploaded file over the attachment limit, in bytes (413): refused
    /// unread when it says its size, at the limit when it does not.
    FileTooLarge(u64),
    /// A body that is not the endpoint's arguments (400); the message is
    /// the parser's, cut to [`MAX_MESSAGE_CHARS`].
    BadRequest(String),
    /// The server failed; the cause is in its log only (500).
    Internal,
}

/// The `error` field: which variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotSignedIn,
    WrongCredentials,
    Forbidden,
    NotFound,
    Stale,
    Invalid,
    Refused,
    TooManyAttempts,
    Busy,
    TooLarge,
    BadRequest,
    Internal,
}

/// The JSON body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorKind,
    /// The reason of a `refused` (always) or a `forbidden` (sometimes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// English, for people reading the API; never compared by programs.
    pub message: String,
    /// `invalid` only: field → the code of its first problem.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// `invalid` only: every problem in form order, with its limit or detail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<FieldIssue>,
    /// `too_large` for a file: the limit it is over, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

pub const NOT_SIGNED_IN: &str = "Please sign in first.";
pub const WRONG_CREDENTIALS: &str = "Wrong email or password.";
pub const FORBIDDEN: &str = "You are not allowed to do this.";
pub const NOT_FOUND: &str = "There is no such record.";
pub const STALE: &str = "Someone else changed this ticket first; it is back in its place.";
pub const INVALID: &str = "Some fields have problems.";
pub const TOO_MANY_ATTEMPTS: &str = "Too many sign-in attempts. Please wait a few minutes and try again.";
pub const BUSY: &str = "The server is busy checking passwords; please try again in a moment.";
pub const TOO_LARGE: &str = "The request body is larger than this endpoint takes.";
pub const INTERNAL: &str = "internal server error";

/// The longest `message` of a `bad_request`, in characters. A parser's
/// complaint repeats the input (an unknown field's name, an unknown
/// variant), which may be most of a large body: the caller gets its start.
pub const MAX_MESSAGE_CHARS: usize = 300;

impl AppError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::NotSignedIn => ErrorKind::NotSignedIn,
            AppError::WrongCredentials => ErrorKind::WrongCredentials,
            AppError::Forbidden(_) => ErrorKind::Forbidden,
            AppError::NotFound => ErrorKind::NotFound,
            AppError::Stale => ErrorKind::Stale,
            AppError::Invalid(_) => ErrorKind::Invalid,
            AppError::Refused(_) => ErrorKind::Refused,
            AppError::TooManyAttempts => ErrorKind::TooManyAttempts,
            AppError::Busy => ErrorKind::Busy,
            AppError::TooLarge | AppError::FileTooLarge(_) => ErrorKind::TooLarge,
            AppError::BadRequest(_) => ErrorKind::BadRequest,
            AppError::Internal => ErrorKind::Internal,
        }
    }

    /// A 400 for a body the endpoint cannot read, its reason cut short.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::BadRequest(truncated(message.into(), MAX_MESSAGE_CHARS))
    }

    /// One text field that breaks the text rules (`domain::text`), with its
    /// limit when it is too long.
    pub fn invalid_text(
        field: impl Into<String>,
        problem: crate::domain::text::TextProblem,
        max: usize,
    ) -> AppError {
        use crate::domain::text::TextProblem;
        let issue = match problem {
            TextProblem::Required => FieldIssue::new(field, "required"),
            TextProblem::TooLong => {
                FieldIssue { limit: Some(max as i64), ..FieldIssue::new(field, "too_long") }
            }
            TextProblem::Invalid => FieldIssue::new(field, "invalid"),
        };
        AppError::Invalid(vec![issue])
    }

    /// One invalid field.
    pub fn invalid_field(field: impl Into<String>, code: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldIssue::new(field, code)])
    }

    /// The refusal's or the restriction's code, if it has one.
    pub fn code(&self) -> Option<&str> {
        match self {
            AppError::Refused(r) | AppError::Forbidden(Some(r)) => Some(&r.code),
            _ => None,
        }
    }

    /// The English sentence for API users.
    pub fn message(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        Cow::Borrowed(match self {
            AppError::NotSignedIn => NOT_SIGNED_IN,
            AppError::WrongCredentials => WRONG_CREDENTIALS,
            AppError::Forbidden(None) => FORBIDDEN,
            AppError::Forbidden(Some(r)) | AppError::Refused(r) => &r.message,
            AppError::NotFound => NOT_FOUND,
            AppError::Stale => STALE,
            AppError::Invalid(_) => INVALID,
            AppError::TooManyAttempts => TOO_MANY_ATTEMPTS,
            AppError::Busy => BUSY,
            AppError::TooLarge => TOO_LARGE,
            AppError::FileTooLarge(limit) => {
                return Cow::Owned(format!(
                    "The file is larger than the limit of {} ({limit} bytes).",
                    crate::i18n::file_size(crate::i18n::Locale::En, *limit)
                ))
            }
            AppError::BadRequest(m) => m,
            AppError::Internal => INTERNAL,
        })
    }

    /// The HTTP status of each variant: the one status mapping of the API.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotSignedIn | AppError::WrongCredentials => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound => 404,
            AppError::Stale => 409,
            AppError::BadRequest(_) => 400,
            AppError::TooLarge | AppError::FileTooLarge(_) => 413,
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::Internal => 500,
            AppError::Busy => 503,
        }
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        axum::http::StatusCode::from_u16(self.status_code())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The field problems of an `invalid` answer (empty otherwise).
    pub fn field_issues(&self) -> &[FieldIssue] {
        match self {
            AppError::Invalid(issues) => issues,
            _ => &[],
        }
    }

    pub fn body(&self) -> ErrorBody {
        let problems = self.field_issues().to_vec();
        let mut fields = BTreeMap::new();
        for p in &problems {
            fields.entry(p.field.clone()).or_insert_with(|| p.code.clone());
        }
        ErrorBody {
            error: self.kind(),
            code: self.code().map(str::to_string),
            message: self.message().into_owned(),
            fields,
            problems,
            limit: match self {
                AppError::FileTooLarge(limit) => Some(*limit),
                _ => None,
            },
        }
    }

    pub fn from_body(body: ErrorBody) -> AppError {
        let reason = || Reason::new(body.code.clone().unwrap_or_default(), body.message.clone());
        match body.error {
            ErrorKind::NotSignedIn => AppError::NotSignedIn,
            ErrorKind::WrongCredentials => AppError::WrongCredentials,
            ErrorKind::Forbidden if body.code.is_some() => AppError::Forbidden(Some(reason())),
            ErrorKind::Forbidden => AppError::Forbidden(None),
            ErrorKind::NotFound => AppError::NotFound,
            ErrorKind::Stale => AppError::Stale,
            ErrorKind::Invalid if body.problems.is_empty() => {
                AppError::Invalid(body.fields.into_iter().map(|(f, c)| FieldIssue::new(f, c)).collect())
            }
            ErrorKind::Invalid => AppError::Invalid(body.problems),
            ErrorKind::Refused => AppError::Refused(reason()),
            ErrorKind::TooManyAttempts => AppError::TooManyAttempts,
            ErrorKind::Busy => AppError::Busy,
            ErrorKind::TooLarge => match body.limit {
                Some(limit) => AppError::FileTooLarge(limit),
                None => AppError::TooLarge,
            },
            ErrorKind::BadRequest => AppError::BadRequest(body.message),
            ErrorKind::Internal => AppError::Internal,
        }
    }

    /// The JSON text of the body, for answers made outside server functions.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.body()).unwrap_or_default()
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for AppError {}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ErrorBody::deserialize(deserializer).map(AppError::from_body)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// The framework's own failures: the caller's malformed body is a 400,
    /// anything else (the network, the server) is not the caller's fault.
    fn from_server_fn_error(value: ServerFnErrorErr) -> AppError {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => AppError::bad_request(m),
            // Deserialization is the server reading arguments in some
            // codecs, and the browser reading an answer in others.
            ServerFnErrorErr::Deserialization(m) if cfg!(feature = "ssr") => AppError::bad_request(m),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!("server function failed: {other}");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }

    /// Encoding is the moment the error becomes an HTTP answer, so this is
    /// where its status is set (only when called over HTTP: a page rendering
    /// on the server decides its own status).
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(self.status());
        }
        Bytes::from(serde_json::to_vec(&self.body()).unwrap_or_default())
    }
}

impl From<FormErrors> for AppError {
    fn from(errors: FormErrors) -> AppError {
        AppError::Invalid(
            errors
                .errors
                .into_iter()
                .map(|e| FieldIssue {
                    field: e.field,
                    code: e.problem.code().to_string(),
                    limit: e.limit,
                    // A detail may quote the input (a parser's complaint, a
                    // placeholder's name): its start is enough.
                    detail: e.detail.map(|d| truncated(d, MAX_MESSAGE_CHARS)),
                })
                .collect(),
        )
    }
}

/// The API's 422 for a comment body the domain refuses, on the `body`
/// field; the UI reads it back with `labels::comment_problem`.
impl From<crate::domain::ticket::CommentBodyError> for AppError {
    fn from(e: crate::domain::ticket::CommentBodyError) -> AppError {
        use crate::domain::ticket::{CommentBodyError, MAX_COMMENT_CHARS};
        match e {
            CommentBodyError::Empty => AppError::invalid_field("body", "required"),
            CommentBodyError::TooLong => AppError::Invalid(vec![FieldIssue {
                limit: Some(MAX_COMMENT_CHARS as i64),
                ..FieldIssue::new("body", "too_long")
            }]),
            CommentBodyError::Invalid => AppError::invalid_field("body", "invalid"),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> AppError {
        AppError::Invalid(
            errors
                .errors
                .iter()
                .map(|e| FieldIssue::new(serde_code(&e.field), serde_code(&e.code)))
                .collect(),
        )
    }
}

/// `text` cut to its first `max` characters, marked with an ellipsis.
pub(crate) fn truncated(mut text: String, max: usize) -> String {
    if let Some((cut, _)) = text.char_indices().nth(max) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// The snake_case name serde gives a unit variant.
fn serde_code(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A unit variant back from its snake_case name.
fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

impl AppError {
    /// The problems of an admin form, as the form words them (`None` for
    /// any other error).
    pub fn form_errors(&self) -> Option<FormErrors> {
        let AppError::Invalid(issues) = self else { return None };
        let errors = issues
            .iter()
            .map(|i| FormFieldError {
                field: i.field.clone(),
                problem: from_code(&i.code).unwrap_or(Problem::Invalid),
                limit: i.limit,
                detail: i.detail.clone(),
            })
            .collect();
        Some(FormErrors { errors })
    }

    /// The problems of a new ticket, as the create form words them (`None`
    /// for any other error; fields it does not know are left out).
    pub fn ticket_field_errors(&self) -> Option<FieldErrors> {
        let AppError::Invalid(issues) = self else { return None };
        let mut errors = FieldErrors::default();
        for i in issues {
            if let (Some(field), Some(code)) = (from_code(&i.field), from_code(&i.code)) {
                errors.push(field, code);
            }
        }
        Some(errors)
    }
}

/// Server-side conveniences: log a cause, answer without revealing it.
#[cfg(feature = "ssr")]
impl AppError {
    pub fn internal(cause: impl fmt::Display) -> AppError {
        tracing::error!("internal error: {cause}");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<AppError> {
        vec![
            AppError::NotSignedIn,
            AppError::WrongCredentials,
            AppError::Forbidden(None),
            AppError::Forbidden(Some(Reason::new("field_not_permitted", "A client may not…"))),
            AppError::NotFound,
            AppError::Stale,
            AppError::Invalid(vec![
                FieldIssue::new("title", "required"),
                FieldIssue { field: "name".into(), code: "too_long".into(), limit: Some(100), detail: None },
                FieldIssue::new("title", "too_long"),
            ]),
            AppError::Refused(Reason::new("role_not_allowed", "finishing work is not allowed for operators")),
            AppError::TooManyAttempts,
            AppError::Busy,
            AppError::TooLarge,
            AppError::FileTooLarge(20 * 1024 * 1024),
            AppError::BadRequest("missing field `id`".into()),
            AppError::Internal,
        ]
    }

    #[test]
    fn each_variant_has_its_status() {
        let statuses: Vec<u16> = every_variant().iter().map(AppError::status_code).collect();
        assert_eq!(statuses, [401, 401, 403, 403, 404, 409, 422, 422, 429, 503, 413, 413, 400, 500]);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_http_status_is_the_status_code() {
        for e in every_variant() {
            assert_eq!(e.status().as_u16(), e.status_code(), "{e:?}");
        }
    }

    #[test]
    fn every_variant_survives_the_wire() {
        for e in every_variant() {
            let bytes = e.ser();
            assert_eq!(AppError::de(bytes), e);
        }
    }

    #[test]
    fn the_body_is_the_documented_json() {
        let refused = AppError::Refused(Reason::new("role_not_allowed", "not for operators"));
        assert_eq!(
            serde_json::to_value(&refused).unwrap(),
            serde_json::json!({"error": "refused", "code": "role_not_allowed", "message": "not for operators"})
        );
        let invalid = AppError::Invalid(vec![
            FieldIssue::new("title", "required"),
            FieldIssue::new("title", "too_long"),
        ]);
        let json = serde_json::to_value(&invalid).unwrap();
        assert_eq!(json["error"], "invalid");
        assert_eq!(json["fields"], serde_json::json!({"title": "required"}), "the first problem per field");
        assert_eq!(json["problems"].as_array().unwrap().len(), 2);
        assert_eq!(
            serde_json::to_value(AppError::NotSignedIn).unwrap(),
            serde_json::json!({"error": "not_signed_in", "message": NOT_SIGNED_IN})
        );
    }

    #[test]
    fn malformed_arguments_are_the_callers_fault() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `id`".into()));
        assert_eq!(e, AppError::BadRequest("missing field `id`".into()));
        assert_eq!(e.status_code(), 400);
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Response("boom".into()));
        assert_eq!(e, AppError::Internal);
    }

    #[test]
    fn a_parsers_complaint_is_cut_short() {
        let huge = format!("unknown field `{}`", "ж".repeat(1 << 20));
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args(huge));
        assert_eq!(e.status_code(), 400);
        assert_eq!(e.message().chars().count(), MAX_MESSAGE_CHARS + 1, "the start and an ellipsis");
        assert!(e.message().starts_with("unknown field `жж") && e.message().ends_with('…'));
        let short = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `id`".into()));
        assert_eq!(short.message(), "missing field `id`");
    }

    #[test]
    fn an_unreadable_answer_is_internal_not_a_panic() {
        let e = AppError::de(Bytes::from_static(b"ServerError|nope"));
        assert!(matches!(e, AppError::Internal | AppError::BadRequest(_)), "{e:?}");
    }
}
