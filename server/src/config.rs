//! Configuration from flags and environment variables, and the `user`,
//! `backup` and `restore` subcommands. With no subcommand, `slaboard` serves.

use crate::mail::imap::Security;
use app::domain::mail::UnknownSenders;
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

    /// The SMTP server mails go out through: `smtp://host:25`,
    /// `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465`. Without it mails wait in the
    /// outbox, where admins see them. Prefer the environment variable: the
    /// URL may hold a password.
    #[arg(long, env = "SLABOARD_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Who the desk's mails are from; its domain names our Message-IDs.
    #[arg(long, env = "SLABOARD_MAIL_FROM", default_value = "SLA Board <support@localhost>")]
    pub mail_from: String,

    /// The address users open the desk at, for links in mails (e.g.
    /// `https://support.example.com`). Defaults to the listening address.
    #[arg(long, env = "SLABOARD_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The language of mails to people who chose none: ru, uk or en.
    #[arg(long, env = "SLABOARD_MAIL_LANGUAGE", default_value = "ru")]
    pub mail_language: app::i18n::Locale,

    /// Seconds before the first retry of a mail the SMTP server did not
    /// take; each next wait doubles, up to an hour (tests shorten it).
    #[arg(long, env = "SLABOARD_MAIL_RETRY_SECONDS", default_value_t = 30, hide = true,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub mail_retry_seconds: u64,
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

    #[command(flatten)]
    pub mail_in: MailInConfig,
}

/// Mail in (issue 13): the IMAP mailbox tickets are taken from. Off while
/// `--imap-host` is not set.
#[derive(Debug, Clone, Args)]
pub struct MailInConfig {
    /// IMAP server to take mail in from (turns mail in on).
    #[arg(long, env = "SLABOARD_IMAP_HOST")]
    pub imap_host: Option<String>,

    /// Its port; default 993 for `tls`, 143 otherwise.
    #[arg(long, env = "SLABOARD_IMAP_PORT")]
    pub imap_port: Option<u16>,

    /// `tls` (IMAPS), `starttls`, or `plain` (no encryption: for a server
    /// on this machine only).
    #[arg(long, env = "SLABOARD_IMAP_SECURITY", value_enum, default_value_t = Security::Tls)]
    pub imap_security: Security,

    /// The mailbox's user name.
    #[arg(long, env = "SLABOARD_IMAP_USER")]
    pub imap_user: Option<String>,

    /// The mailbox's password. Prefer the environment variable to the flag,
    /// which other local users can see.
    #[arg(long, env = "SLABOARD_IMAP_PASSWORD", hide_env_values = true)]
    pub imap_password: Option<Secret>,

    /// The folder new mail arrives in.
    #[arg(long, env = "SLABOARD_IMAP_FOLDER", default_value = DEFAULT_IMAP_FOLDER)]
    pub imap_folder: String,

    /// Move processed mail into this folder (the server must support MOVE)
    /// instead of flagging it \Seen.
    #[arg(long, env = "SLABOARD_IMAP_DONE_FOLDER")]
    pub imap_done_folder: Option<String>,

    /// Seconds between polls.
    #[arg(long, env = "SLABOARD_IMAP_POLL_SECONDS", default_value_t = DEFAULT_IMAP_POLL_SECONDS,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub imap_poll_seconds: u64,

    /// Mails larger than this many bytes are not downloaded; they are
    /// recorded as too large for an admin to see.
    #[arg(long, env = "SLABOARD_IMAP_MAX_MAIL_BYTES", default_value_t = DEFAULT_IMAP_MAX_MAIL_BYTES,
          value_parser = clap::value_parser!(u64).range(1_024..=1_073_741_824))]
    pub imap_max_mail_bytes: u64,

    /// The most mails one poll takes in (the rest wait for the next).
    #[arg(long, env = "SLABOARD_IMAP_MAX_PER_POLL", default_value_t = DEFAULT_IMAP_MAX_PER_POLL,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub imap_max_per_poll: u32,

    /// A PEM file of certificates to trust besides the system's (a private
    /// CA, or the server's self-signed certificate).
    #[arg(long, env = "SLABOARD_IMAP_CA_FILE")]
    pub imap_ca_file: Option<PathBuf>,

    /// Mail from an address that is no account and whose domain is no
    /// organisation's: `queue` (a ticket in the "Unsorted mail"
    /// organisation for an operator to sort) or `refuse` (a polite refusal
    /// mail, no ticket).
    #[arg(long, env = "SLABOARD_MAIL_UNKNOWN_SENDERS", default_value_t = UnknownSenders::Queue)]
    pub mail_unknown_senders: UnknownSenders,
}

pub const DEFAULT_IMAP_FOLDER: &str = "INBOX";
pub const DEFAULT_IMAP_POLL_SECONDS: u64 = 60;
/// 32 MiB: a 20 MB attachment (the attachment limit) in base64, and text.
pub const DEFAULT_IMAP_MAX_MAIL_BYTES: u64 = 32 * 1024 * 1024;
pub const DEFAULT_IMAP_MAX_PER_POLL: u32 = 50;

impl Default for MailInConfig {
    /// Mail in off, every other value at its flag's default.
    fn default() -> MailInConfig {
        MailInConfig {
            imap_host: None,
            imap_port: None,
            imap_security: Security::Tls,
            imap_user: None,
            imap_password: None,
            imap_folder: DEFAULT_IMAP_FOLDER.to_string(),
            imap_done_folder: None,
            imap_poll_seconds: DEFAULT_IMAP_POLL_SECONDS,
            imap_max_mail_bytes: DEFAULT_IMAP_MAX_MAIL_BYTES,
            imap_max_per_poll: DEFAULT_IMAP_MAX_PER_POLL,
            imap_ca_file: None,
            mail_unknown_senders: UnknownSenders::Queue,
        }
    }
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
