//! Where sessions live: the application's own database, SQLite or
//! PostgreSQL, through tower-sessions' sqlx stores. They need typed pools,
//! so the store opens its own small pool on the same URL as the `Any` pool.

use app::store::Backend;
use async_trait::async_trait;
use std::str::FromStr;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion};
use tower_sessions::SessionStore;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store of whichever backend the URL names.
#[derive(Debug, Clone)]
pub enum SessionStorage {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionStorage {
    /// Connects and creates the sessions table if missing. The database
    /// exists already: `Store::connect` created and migrated it.
    pub async fn connect(url: &str, backend: Backend) -> Result<SessionStorage, sqlx::Error> {
        Ok(match backend {
            Backend::Sqlite => {
                let opts = sqlx::sqlite::SqliteConnectOptions::from_str(url)?
                    .busy_timeout(std::time::Duration::from_secs(5));
                let pool =
                    sqlx::sqlite::SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?;
                let store = SqliteStore::new(pool);
                store.migrate().await?;
                SessionStorage::Sqlite(store)
            }
            Backend::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new().max_connections(4).connect(url).await?;
                let store = PostgresStore::new(pool);
                store.migrate().await?;
                SessionStorage::Postgres(store)
            }
        })
    }
}

#[async_trait]
impl SessionStore for SessionStorage {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionStorage::Sqlite(s) => s.create(record).await,
            SessionStorage::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionStorage::Sqlite(s) => s.save(record).await,
            SessionStorage::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionStorage::Sqlite(s) => s.load(id).await,
            SessionStorage::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionStorage::Sqlite(s) => s.delete(id).await,
            SessionStorage::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionStorage {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionStorage::Sqlite(s) => s.delete_expired().await,
            SessionStorage::Postgres(s) => s.delete_expired().await,
        }
    }
}
