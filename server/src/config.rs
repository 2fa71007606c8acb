//! Configuration from flags and environment variables.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// SLA Board: a support desk where every ticket is a card on a shared board
/// with a live SLA countdown.
#[derive(Debug, Clone, Parser)]
#[command(name = "slaboard", version)]
pub struct Config {
    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST/DB`. Defaults to
    /// a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory for the SQLite file and other local data; created if missing.
    #[arg(long, env = "SLABOARD_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "SLABOARD_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Directory with the built site (`pkg/` with the WASM, JS and CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Seed demo organisations, users and tickets when the database is empty.
    #[arg(long, env = "SLABOARD_DEMO")]
    pub demo: bool,
}

impl Config {
    /// The database URL, defaulting to `<data_dir>/slaboard.db`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("slaboard.db").display()),
        }
    }
}
