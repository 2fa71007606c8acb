//! Mail out: the outbox's two jobs. The planner follows the event log and
//! stores the mails each event sends (`app::service::notify`); the sender
//! claims due mails and hands them to the SMTP server (`smtp`). Both run on
//! every replica: the planner's cursor and the sender's claims make each
//! mail planned once and sent once.
//!
//! Mail in: `intake` polls an IMAP mailbox (`imap`), parses each mail
//! (`parse`) and hands it to `app::service::mail_intake`.

pub mod imap;
pub mod intake;
pub mod parse;
pub mod smtp;

use crate::config::Config;
use app::service::notify::{plan_next, MailSettings};
use app::store::Store;
use std::time::Duration;

/// How the desk mails, from the configuration.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub settings: MailSettings,
    /// `None`: no SMTP server; mails wait in the outbox, visible to admins.
    pub smtp: Option<smtp::Sender>,
    /// The first retry's wait; each next one doubles it, up to an hour.
    pub retry_base: Duration,
}

/// What is wrong with the mail configuration.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("--mail-from is not an address like `Support <support@example.com>`: {0}")]
    From(String),
    #[error("--smtp-url is not an SMTP URL (smtp://host:25, smtp://user:password@host:587?tls=required, smtps://host:465): {0}")]
    SmtpUrl(String),
    #[error("--public-url must start with http:// or https://")]
    PublicUrl,
}

impl MailConfig {
    pub fn from_config(
        config: &Config,
        listening: std::net::SocketAddr,
    ) -> Result<MailConfig, MailConfigError> {
        let from: lettre::message::Mailbox = config
            .mail_from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        let public_url = match &config.public_url {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim_end_matches('/').to_string()
            }
            Some(_) => return Err(MailConfigError::PublicUrl),
            None => format!("http://{listening}"),
        };
        let smtp = match &config.smtp_url {
            Some(url) => Some(smtp::Sender::new(&url.0, from.clone()).map_err(MailConfigError::SmtpUrl)?),
            None => None,
        };
        // Mails that really leave should not point at a loopback address or
        // come from localhost: say so at start, where the operator looks.
        if smtp.is_some() && config.public_url.is_none() {
            tracing::warn!("--smtp-url without --public-url: links in mails point to http://{listening}");
        }
        if smtp.is_some() && from.email.domain() == "localhost" {
            tracing::warn!("--smtp-url with mails from {from}: set --mail-from to the desk's real address");
        }
        Ok(MailConfig {
            settings: MailSettings {
                public_url,
                domain: from.email.domain().to_string(),
                default_language: config.mail_language,
            },
            smtp,
            retry_base: Duration::from_secs(config.mail_retry_seconds),
        })
    }
}

/// How often the planner looks at the log when no commit woke it (another
/// replica's changes, the SLA watcher's events on SQLite).
const PLAN_POLL: Duration = Duration::from_secs(2);

/// Plans mails whenever this process commits, and every two seconds.
pub async fn plan(store: Store, settings: MailSettings) {
    let mut commits = store.commits();
    loop {
        loop {
            match plan_next(&store, &settings).await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) => {
                    tracing::warn!("cannot plan mails: {e}");
                    break;
                }
            }
        }
        let _ = tokio::time::timeout(PLAN_POLL, commits.changed()).await;
    }
}
