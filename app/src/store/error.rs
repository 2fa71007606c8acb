use thiserror::Error;

/// Errors of the persistence layer. Their details go to the log, never to a
/// client.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("unsupported database URL scheme \"{0}\" (use sqlite: or postgres:)")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}
