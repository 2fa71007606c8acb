//! Persistence (server only). One query path for SQLite and PostgreSQL
//! through sqlx's `Any` driver; each backend has its own migrations.

pub mod admin;
pub mod archive;
pub mod attachments;
pub mod board;
pub mod calendars;
pub mod comments;
pub mod demo;
mod error;
pub mod escalations;
pub mod events;
pub mod extensions;
pub mod mail_intake;
pub mod new_ticket;
pub mod outbox;
pub mod presence;
pub mod ratings;
pub mod reports;
pub mod sla;
pub mod sprint_plan;
pub mod sprints;
pub mod ticket_detail;
pub mod ticket_edits;
pub mod tickets;
pub mod users;

pub use board::board_tickets;
pub use error::StoreError;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::str::FromStr;
use std::sync::Arc;
use tokio::sync::watch;

/// Which database a URL points at; migrations differ per backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(url.split(':').next().unwrap_or("").to_string()))
        }
    }
}

/// A transaction: a use case's whole change, committed at once.
pub type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// The shared database handle, cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Counts this process's commits that appended events, so its live
    /// stream reads them at once instead of at its next poll.
    committed: Arc<watch::Sender<u64>>,
}

impl Store {
    /// Connects, creating the SQLite file if missing, and applies migrations.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let store = Store::open(url).await?;
        store.migrate().await?;
        admin::ensure_policy_presets(&store, chrono::Utc::now().timestamp()).await?;
        calendars::ensure_shipped(&store).await?;
        admin::ensure_shipped_departments(&store).await?;
        Ok(store)
    }

    /// Connects, creating the SQLite file if missing, and leaves the schema
    /// as it is: for tests that build a database of an older release.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let pool = match backend {
            Backend::Sqlite => {
                // Pre-create the file with WAL and foreign keys on: the Any
                // driver cannot pass SQLite-specific options itself.
                let opts = sqlx::sqlite::SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
                let pre = sqlx::SqlitePool::connect_with(opts).await?;
                pre.close().await;
                AnyPoolOptions::new()
                    .max_connections(8)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            use sqlx::Executor;
                            conn.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;").await?;
                            Ok(())
                        })
                    })
                    .connect(url)
                    .await?
            }
            Backend::Postgres => AnyPoolOptions::new().max_connections(16).connect(url).await?,
        };
        Ok(Store { pool, backend, committed: Arc::new(watch::channel(0).0) })
    }

    /// Starts the transaction of one change.
    pub async fn begin(&self) -> Result<Tx<'static>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    /// Commits a change that appended events and tells this process's
    /// followers of the log (on PostgreSQL the other replicas learn it from
    /// the `NOTIFY` that `events::append` queued, delivered at this commit).
    pub async fn commit(&self, tx: Tx<'_>) -> Result<(), StoreError> {
        tx.commit().await?;
        self.committed.send_modify(|n| *n = n.wrapping_add(1));
        Ok(())
    }

    /// Changes whenever [`Store::commit`] committed: what a follower of the
    /// event log waits on between reads.
    pub fn commits(&self) -> watch::Receiver<u64> {
        self.committed.subscribe()
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite").run(&self.pool).await?,
            Backend::Postgres => sqlx::migrate!("../migrations/postgres").run(&self.pool).await?,
        }
        Ok(())
    }
}
