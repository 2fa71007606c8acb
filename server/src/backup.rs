//! `slaboard backup` and `slaboard restore` for a SQLite database: a
//! consistent copy taken while the server runs, and bringing one back while
//! it is stopped. PostgreSQL has its own tools (`pg_dump`, `pg_restore`).

use crate::config::Config;
use app::store::{Backend, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BackupError {
    #[error(
        "slaboard backup and restore work on SQLite only; on PostgreSQL use pg_dump and pg_restore \
         (docs/deploy.md, \"Backups\")"
    )]
    Postgres,
    #[error(transparent)]
    Url(#[from] StoreError),
    #[error("the database URL does not name a SQLite file: {0}")]
    BadUrl(sqlx::Error),
    #[error("{0} exists already: a backup never overwrites a file, choose another name")]
    Exists(PathBuf),
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: sqlx::Error },
    #[error("{path} is not a backup of SLA Board: {why}")]
    NotABackup { path: PathBuf, why: String },
}

/// Copies the configured SQLite database into the new file `to` with
/// `VACUUM INTO`: one read transaction, so the copy is the database as it
/// stood at one commit, taken while the server goes on writing (in WAL mode
/// readers and writers do not wait for each other). Answers what to print.
pub async fn backup(config: &Config, to: &Path) -> Result<String, BackupError> {
    let source = sqlite_file(config)?;
    let path = source.get_filename().to_path_buf();
    if !path.is_file() {
        return Err(BackupError::NoDatabase(path));
    }
    // Taking the name first (VACUUM INTO accepts an empty file) makes
    // "never overwrite" hold even against another backup started at once.
    match OpenOptions::new().write(true).create_new(true).open(to) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(BackupError::Exists(to.to_path_buf())),
        Err(source) => return Err(BackupError::Io { path: to.to_path_buf(), source }),
    }
    let copied = async {
        let sqlite = |source| BackupError::Sqlite { path: path.clone(), source };
        let mut conn = source.create_if_missing(false).connect().await.map_err(sqlite)?;
        sqlx::query("VACUUM INTO $1")
            .bind(to.to_string_lossy().into_owned())
            .execute(&mut conn)
            .await
            .map_err(sqlite)?;
        conn.close().await.map_err(sqlite)?;
        sync(to)?;
        check_backup(to).await
    }
    .await;
    match copied {
        Ok(tickets) => Ok(format!("backed up {} ({tickets} tickets) to {}", path.display(), to.display())),
        Err(e) => {
            let _ = std::fs::remove_file(to);
            Err(e)
        }
    }
}

/// Replaces the configured SQLite database with the backup `from`. The
/// server must be stopped: a running one keeps the old file open. The
/// backup is checked and copied next to the database first, then renamed
/// over it, so the database is the old one or the backup, never half of
/// each. Answers what to print.
pub async fn restore(config: &Config, from: &Path) -> Result<String, BackupError> {
    let target = sqlite_file(config)?.get_filename().to_path_buf();
    if !from.is_file() {
        return Err(BackupError::NoDatabase(from.to_path_buf()));
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|source| BackupError::Io { path: dir.clone(), source })?;
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".restoring");
    let temp = dir.join(name);
    remove_with_sidecars(&temp)?;
    let copied = async {
        std::fs::copy(from, &temp).map_err(|source| BackupError::Io { path: temp.clone(), source })?;
        let tickets = check_backup(&temp).await?;
        sync(&temp)?;
        Ok(tickets)
    }
    .await;
    let tickets = match copied {
        Ok(tickets) => tickets,
        Err(e) => {
            let _ = remove_with_sidecars(&temp);
            return Err(match e {
                BackupError::NotABackup { why, .. } => {
                    BackupError::NotABackup { path: from.to_path_buf(), why }
                }
                e => e,
            });
        }
    };
    // The old database's write-ahead log and journal would be replayed
    // into the restored file: they go before it takes the name.
    for sidecar in sidecars(&target) {
        remove_if_present(&sidecar)?;
    }
    std::fs::rename(&temp, &target).map_err(|source| BackupError::Io { path: target.clone(), source })?;
    sync(&dir)?;
    Ok(format!("restored {} ({tickets} tickets) into {}", from.display(), target.display()))
}

/// The SQLite file the configuration names; PostgreSQL is refused.
fn sqlite_file(config: &Config) -> Result<SqliteConnectOptions, BackupError> {
    let url = config.database_url();
    match Backend::of_url(&url)? {
        Backend::Postgres => Err(BackupError::Postgres),
        Backend::Sqlite => SqliteConnectOptions::from_str(&url).map_err(BackupError::BadUrl),
    }
}

/// Checks that `path` is a whole SLA Board database (SQLite's integrity
/// check passes, migrations and tickets are there) and answers how many
/// tickets it holds.
async fn check_backup(path: &Path) -> Result<i64, BackupError> {
    let not_ours = |why: String| BackupError::NotABackup { path: path.to_path_buf(), why };
    let options = SqliteConnectOptions::new().filename(path).create_if_missing(false);
    let mut conn = options.connect().await.map_err(|e| not_ours(e.to_string()))?;
    let checked = async {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| not_ours(e.to_string()))?;
        if integrity != "ok" {
            return Err(not_ours(format!("SQLite's integrity check says {integrity}")));
        }
        let tables: Vec<String> = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut conn)
            .await
            .map_err(|e| not_ours(e.to_string()))?
            .iter()
            .map(|row| row.get("name"))
            .collect();
        for table in ["_sqlx_migrations", "tickets"] {
            if !tables.iter().any(|t| t == table) {
                return Err(not_ours(format!("it has no {table} table")));
            }
        }
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| not_ours(e.to_string()))
    }
    .await;
    let _ = conn.close().await;
    checked
}

/// Flushes a file or directory to the disk.
fn sync(path: &Path) -> Result<(), BackupError> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|source| BackupError::Io { path: path.to_path_buf(), source })
}

/// The files SQLite keeps beside a database: its write-ahead log, the
/// log's index and a rollback journal.
fn sidecars(db: &Path) -> [PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    })
}

fn remove_with_sidecars(db: &Path) -> Result<(), BackupError> {
    remove_if_present(db)?;
    sidecars(db).iter().try_for_each(|s| remove_if_present(s))
}

fn remove_if_present(path: &Path) -> Result<(), BackupError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => {
            Err(BackupError::Io { path: path.to_path_buf(), source: e })
        }
        _ => Ok(()),
    }
}
