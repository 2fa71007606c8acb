use crate::domain::text::TextProblem;
use crate::domain::ticket::FieldErrors;
use crate::error::{AppError, Reason};
use crate::store::StoreError;

/// Why a use case did not change anything. The server functions map each
/// variant to one `AppError` (`impl From<ServiceError> for AppError`).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No such ticket, or one the caller may not know of.
    #[error("there is no such ticket")]
    NotFound,
    /// The caller's role may not do this at all.
    #[error("not allowed")]
    Forbidden,
    /// The role may not make this particular change; the reason says which.
    #[error("{}", .0.message)]
    NotPermitted(Reason),
    /// Someone changed the ticket after the caller saw it.
    #[error("the ticket changed since it was read")]
    Stale,
    /// The domain refuses the change (a move the lifecycle does not allow,
    /// an edit of a closed ticket…); the reason is the domain's.
    #[error("{}", .0.message)]
    Refused(Reason),
    /// The input has problems, every one named by field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A text argument breaks the text rules (`domain::text`); `max` is its
    /// field's limit.
    #[error("invalid text in {field}")]
    InvalidText { field: &'static str, problem: TextProblem, max: usize },
    /// An uploaded file is over the attachment limit (in bytes).
    #[error("the file is larger than {0} bytes")]
    FileTooLarge(u64),
    /// The request's body could not be read to its end (the sender broke
    /// off); the reason is for the sender.
    #[error("{0}")]
    Unreadable(String),
    /// The database failed; the cause goes to the log only.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The attachment storage failed; the cause goes to the log only.
    #[error(transparent)]
    Files(#[from] crate::files::BlobError),
}

impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> ServiceError {
        ServiceError::Store(StoreError::Database(e))
    }
}

/// The one translation of the use cases' refusals into the API's error; the
/// status of each follows from the variant (`AppError::status`).
impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> AppError {
        match e {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Forbidden => AppError::Forbidden(None),
            ServiceError::NotPermitted(reason) => AppError::Forbidden(Some(reason)),
            ServiceError::Stale => AppError::Stale,
            ServiceError::Refused(reason) => AppError::Refused(reason),
            ServiceError::Invalid(errors) => AppError::from(errors),
            ServiceError::InvalidText { field, problem, max } => AppError::invalid_text(field, problem, max),
            ServiceError::FileTooLarge(limit) => AppError::FileTooLarge(limit),
            ServiceError::Unreadable(reason) => AppError::bad_request(reason),
            ServiceError::Store(e) => AppError::internal(e),
            ServiceError::Files(e) => AppError::internal(e),
        }
    }
}
