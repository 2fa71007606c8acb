//! Mail in (issue 13): polls an IMAP mailbox and hands every new mail to
//! the intake use case (`app::service::mail_intake`), which turns it into a
//! ticket, a comment, a refusal or nothing in one transaction with its
//! record. A mail is flagged (or moved) on the server only after that
//! commit; one that is re-read after a crash in between is found recorded
//! and only flagged again.

use super::imap::{self, Account, ImapError, ImapSession, Security};
use super::parse::{parse_header, parse_mail, Envelope};
use crate::config::MailInConfig;
use app::service::mail_intake::{record_too_large, take_in, IntakeSettings, Taken};
use app::store::mail_intake::{release_lease, take_lease, MailboxKey};
use app::store::Store;
use std::future::Future;
use std::time::Duration;
use thiserror::Error;

/// How much of an oversized mail's header is read for its record.
const OVERSIZED_HEADER_BYTES: u32 = 64 * 1024;
/// How long one poll may hold the mailbox before another replica may take
/// over (renewed before each mail).
const LEASE_SECS: i64 = 600;
/// Limits of single steps: a server that stops answering must not stall
/// the poller forever.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(60);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Debug, Error)]
pub enum MailInConfigError {
    #[error("--imap-host is set but --imap-user is not")]
    NoUser,
    #[error("--imap-host is set but --imap-password (SLABOARD_IMAP_PASSWORD) is not")]
    NoPassword,
    #[error("mail in: {0}")]
    Tls(ImapError),
}

#[derive(Debug, Error)]
pub enum PollError {
    #[error(transparent)]
    Imap(#[from] ImapError),
    #[error(transparent)]
    Store(#[from] app::store::StoreError),
}

/// What one poll did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Mails looked at.
    pub listed: usize,
    /// Mails processed now (whatever the outcome).
    pub processed: usize,
    /// Mails found processed before (flagged again).
    pub before: usize,
    /// Mails that failed; left unflagged for the next poll.
    pub failed: usize,
    /// Another replica held the mailbox: nothing was done.
    pub busy: bool,
}

/// A configured mailbox and what to do with its mail.
#[derive(Debug, Clone)]
pub struct MailIntake {
    account: Account,
    folder: String,
    done_folder: Option<String>,
    max_bytes: u64,
    max_per_poll: usize,
    period: Duration,
    /// `user@host/folder`: the record's name of this mailbox.
    mailbox: String,
    settings: IntakeSettings,
    /// This process's name in the lease.
    holder: String,
    /// Where mails' attached files are kept (`None`: the tests' intake
    /// without storage).
    files: Option<app::files::Files>,
}

impl MailIntake {
    /// The intake `config` describes; `None` when no IMAP host is set.
    /// `desk_domain` names the Message-IDs of the mails it writes
    /// (refusals): the domain of the desk's `--mail-from`.
    pub fn from_config(
        config: &MailInConfig,
        desk_domain: &str,
    ) -> Result<Option<MailIntake>, MailInConfigError> {
        let Some(host) = config.imap_host.clone().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        let user = config.imap_user.clone().ok_or(MailInConfigError::NoUser)?;
        let password = config.imap_password.clone().ok_or(MailInConfigError::NoPassword)?.0;
        let tls = match config.imap_security {
            Security::Plain => None,
            Security::Tls | Security::Starttls => {
                Some(imap::tls_config(config.imap_ca_file.as_deref()).map_err(MailInConfigError::Tls)?)
            }
        };
        let port = config.imap_port.unwrap_or(config.imap_security.default_port());
        let mailbox = format!("{user}@{host}/{}", config.imap_folder);
        let holder = format!(
            "{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        );
        Ok(Some(MailIntake {
            account: Account { host, port, security: config.imap_security, user, password, tls },
            folder: config.imap_folder.clone(),
            done_folder: config.imap_done_folder.clone().filter(|f| !f.trim().is_empty()),
            max_bytes: config.imap_max_mail_bytes,
            max_per_poll: config.imap_max_per_poll as usize,
            period: Duration::from_secs(config.imap_poll_seconds),
            mailbox,
            settings: IntakeSettings {
                unknown_senders: config.mail_unknown_senders,
                desk_domain: desk_domain.to_string(),
            },
            holder,
            files: None,
        }))
    }

    /// Keeps mails' attached files in `files`, with the browser's checks.
    pub fn keeping_files(mut self, files: app::files::Files) -> MailIntake {
        self.files = Some(files);
        self
    }

    /// The mailbox as records name it.
    pub fn mailbox(&self) -> &str {
        &self.mailbox
    }

    /// Polls every period until the task is aborted.
    pub async fn run(self, store: Store) {
        if self.account.security == Security::Plain && !is_loopback(&self.account.host) {
            tracing::warn!(
                "mail in from {} without encryption: the password crosses the network in clear",
                self.account.host
            );
        }
        let mut ticks = tokio::time::interval(self.period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match self.poll_once(&store).await {
                Ok(report) if report.processed > 0 || report.failed > 0 => tracing::info!(
                    "mail in from {}: {} processed, {} failed",
                    self.mailbox,
                    report.processed,
                    report.failed
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!("mail in from {}: {e}", self.mailbox),
            }
        }
    }

    /// One poll: holds the mailbox's lease, takes in at most the configured
    /// number of mails, oldest first, and gives the lease back.
    pub async fn poll_once(&self, store: &Store) -> Result<PollReport, PollError> {
        let now = chrono::Utc::now().timestamp();
        if !take_lease(store, &self.mailbox, &self.holder, now, now + LEASE_SECS).await? {
            return Ok(PollReport { busy: true, ..PollReport::default() });
        }
        let polled = self.poll_leased(store).await;
        if let Err(e) = release_lease(store, &self.mailbox, &self.holder).await {
            tracing::warn!("mail in: cannot give up the lease of {}: {e}", self.mailbox);
        }
        polled
    }

    async fn poll_leased(&self, store: &Store) -> Result<PollReport, PollError> {
        let mut session = within(SIGN_IN_TIMEOUT, "signing in", imap::sign_in(&self.account)).await?;
        let polled = self.poll_session(store, &mut session).await;
        // A failed logout changes nothing that was done.
        let _ = tokio::time::timeout(SIGN_IN_TIMEOUT, session.logout()).await;
        polled
    }

    async fn poll_session(&self, store: &Store, session: &mut ImapSession) -> Result<PollReport, PollError> {
        if self.done_folder.is_some()
            && !within(COMMAND_TIMEOUT, "CAPABILITY", imap::can_move(session)).await?
        {
            return Err(ImapError::NoMove.into());
        }
        let uid_validity = within(COMMAND_TIMEOUT, "SELECT", imap::select(session, &self.folder)).await?;
        let all = self.done_folder.is_some();
        let uids = within(COMMAND_TIMEOUT, "SEARCH", imap::pending(session, all, self.max_per_poll)).await?;
        let listed = within(COMMAND_TIMEOUT, "FETCH", imap::list(session, &uids)).await?;
        let mut report = PollReport { listed: listed.len(), ..PollReport::default() };
        for mail in listed {
            let now = chrono::Utc::now();
            take_lease(store, &self.mailbox, &self.holder, now.timestamp(), now.timestamp() + LEASE_SECS)
                .await?;
            let envelope = Envelope {
                key: MailboxKey {
                    mailbox: self.mailbox.clone(),
                    uid_validity: i64::from(uid_validity),
                    uid: i64::from(mail.uid),
                },
                arrived_at: mail.arrived_at,
                size: i64::from(mail.size),
            };
            let taken = if u64::from(mail.size) > self.max_bytes {
                let header = within(
                    COMMAND_TIMEOUT,
                    "FETCH",
                    imap::fetch_header(session, mail.uid, OVERSIZED_HEADER_BYTES),
                )
                .await?;
                let parsed = parse_header(header.as_deref().unwrap_or_default(), envelope);
                record_too_large(store, &parsed, now).await
            } else {
                let Some(raw) =
                    within(COMMAND_TIMEOUT, "FETCH", imap::fetch_whole(session, mail.uid)).await?
                else {
                    // Expunged by someone else in between: nothing to take.
                    continue;
                };
                let parsed = parse_mail(&raw, envelope);
                take_in(store, &parsed, &self.settings, self.files.as_ref(), now).await
            };
            match taken {
                Ok(taken) => {
                    // Only now, after the commit, is the mail marked done: a
                    // crash before this line re-reads it and finds it recorded.
                    within(
                        COMMAND_TIMEOUT,
                        "STORE",
                        imap::mark_done(session, mail.uid, self.done_folder.as_deref()),
                    )
                    .await?;
                    match taken {
                        Taken::Done { .. } => report.processed += 1,
                        Taken::Before => report.before += 1,
                    }
                }
                Err(e) => {
                    tracing::warn!("mail in: mail {} of {} not taken in: {e}", mail.uid, self.mailbox);
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }
}

async fn within<T>(
    limit: Duration,
    what: &'static str,
    step: impl Future<Output = Result<T, ImapError>>,
) -> Result<T, ImapError> {
    tokio::time::timeout(limit, step).await.map_err(|_| ImapError::Timeout(what))?
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
