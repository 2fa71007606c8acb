//! Configuration from flags and environment variables, and the `user`,
//! `backup` and `restore` subcommands. With no subcommand, `slaboard` serves.

use app::domain::ticket::Role;
use clap::{Args, Parser, Subcommand};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// SLA Board: a support desk where every ticket is a card on a shared board
/// with a live SLA countdown.
#[derive(Debug, Clone, Parser)]
#[command(name = "slaboard", version)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST/DB`. Defaults to
    /// a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Directory for the SQLite file and other local data; created if missing.
    #[arg(long, env = "SLABOARD_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "SLABOARD_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Directory with the built site (`pkg/` with the WASM, JS and CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Seed demo organisations, users and tickets when the database is empty.
    /// Every demo user's password is `demo-password-2026`.
    #[arg(long, env = "SLABOARD_DEMO")]
    pub demo: bool,

    /// Mark the session cookie `Secure` (and send HSTS): set this whenever
    /// users reach the server over HTTPS, directly or through a proxy.
    #[arg(long, env = "SLABOARD_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Work-in-progress limits per board column, e.g. `in_progress=5,sprint=8`.
    /// Agents see a warning on a column holding more; moves stay allowed.
    #[arg(long, env = "SLABOARD_WIP_LIMITS", default_value = "")]
    pub wip_limits: app::domain::ticket::WipLimits,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SLABOARD_SESSION_IDLE_MINUTES", default_value_t = 480,
          value_parser = clap::value_parser!(u32).range(1..=43_200))]
    pub session_idle_minutes: u32,

    /// Header holding the client's address when a reverse proxy sits in
    /// front (e.g. `X-Forwarded-For`; its last entry is used). Without it
    /// the TCP peer is the client. Never set it without such a proxy:
    /// clients could then pick their own address and dodge the sign-in
    /// throttle.
    #[arg(long, env = "SLABOARD_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// Email of the administrator to create at start when no administrator
    /// exists (with `--admin-password`).
    #[arg(long, env = "SLABOARD_ADMIN_EMAIL")]
    pub admin_email: Option<String>,

    /// Password of that administrator, at least 12 characters. Prefer the
    /// environment variable to the flag, which other local users can see.
    #[arg(long, env = "SLABOARD_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<Secret>,

    /// The most megabytes (MiB) one attached file may have; a larger upload
    /// is refused with 413.
    #[arg(long, env = "SLABOARD_ATTACHMENT_MAX_MB", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=10_240))]
    pub attachment_max_mb: u64,

    /// Where attachments are stored: `local` (the `attachments` directory in
    /// the data directory) or `s3` (S3-compatible object storage, configured
    /// by the `--s3-*` flags; use it with several replicas).
    #[arg(long, env = "SLABOARD_ATTACHMENT_STORAGE", value_enum, default_value_t = StorageKind::Local)]
    pub attachment_storage: StorageKind,

    #[command(flatten)]
    pub s3: S3Config,

    /// Seconds between a live stream's checks that its session and account
    /// still stand (tests shorten it).
    #[arg(long, env = "SLABOARD_LIVE_RECHECK_SECONDS", default_value_t = 30, hide = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub live_recheck_seconds: u64,
}

/// Where attachments' bytes live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StorageKind {
    Local,
    S3,
}

/// S3-compatible object storage for attachments (`--attachment-storage s3`).
#[derive(Debug, Clone, Default, Args)]
pub struct S3Config {
    /// The S3 endpoint, e.g. `https://minio.example.com:9000`; AWS itself
    /// when not set. `http://` is accepted for a server on a trusted network.
    #[arg(long = "s3-endpoint", env = "SLABOARD_S3_ENDPOINT")]
    pub endpoint: Option<String>,

    /// The bucket attachments go into (it must exist).
    #[arg(long = "s3-bucket", env = "SLABOARD_S3_BUCKET")]
    pub bucket: Option<String>,

    /// The bucket's region.
    #[arg(long = "s3-region", env = "SLABOARD_S3_REGION", default_value = "us-east-1")]
    pub region: String,

    /// The access key id; without it (and the secret) the usual AWS
    /// environment and instance credentials are used.
    #[arg(long = "s3-access-key-id", env = "SLABOARD_S3_ACCESS_KEY_ID")]
    pub access_key_id: Option<String>,

    /// The secret access key. Prefer the environment variable to the flag,
    /// which other local users can see.
    #[arg(long = "s3-secret-access-key", env = "SLABOARD_S3_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub secret_access_key: Option<Secret>,
}

impl Config {
    /// The attachment limit in bytes.
    pub fn attachment_max_bytes(&self) -> u64 {
        self.attachment_max_mb * 1024 * 1024
    }

    /// The database URL, defaulting to `<data_dir>/slaboard.db`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("slaboard.db").display()),
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the SQLite database to a new file while the server runs
    /// (PostgreSQL: use pg_dump).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Replace the SQLite database with a backup. Stop the server first.
    Restore {
        /// A file written by `slaboard backup`.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password comes from --password, the
    /// SLABOARD_PASSWORD variable, a prompt, or the first line of stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// client, operator, consultant, lead or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The client's organisation, by its exact name (clients only).
        #[arg(long)]
        organisation: Option<String>,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Set a new password; every session of the account ends.
    ResetPassword {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Stop an account from signing in; its sessions stop working at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Let a disabled account sign in again.
    Enable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct PasswordSource {
    /// The new password (at least 12 characters). Visible to other local
    /// users while the command runs: prefer the prompt or the variable.
    #[arg(long, env = "SLABOARD_PASSWORD", hide_env_values = true)]
    pub password: Option<Secret>,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse().map_err(|e: app::domain::ticket::UnknownValue| e.to_string())
}

/// A secret from the command line or the environment; `Debug` hides it.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}
