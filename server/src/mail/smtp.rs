//! Sending the outbox over SMTP with `lettre`: claim due mails, send each,
//! mark it sent, or schedule the next attempt with a doubling wait. A mail
//! server that is down loses nothing: the mails wait in the outbox.

use app::store::outbox::{self, OutboxMail};
use app::store::Store;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// An SMTP server to send through, and who the mails are from.
#[derive(Clone)]
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Sender {
    // The transport holds the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender").field("from", &self.from).finish_non_exhaustive()
    }
}

/// How many mails one claim takes, and for how long: a replica that dies
/// holding a claim delays those mails by the lease, no more.
const CLAIM: i64 = 20;
const LEASE_SECS: i64 = 120;
/// The longest wait between two attempts.
const MAX_WAIT: Duration = Duration::from_secs(3600);
/// Attempts before a mail is left failed for an admin to retry: with the
/// default 30 s first wait, about two days of trying.
pub const MAX_ATTEMPTS: i64 = 56;
/// How often the sender looks for due mails.
const POLL: Duration = Duration::from_secs(1);
/// One SMTP conversation's limit, so a hung server cannot hold a claim.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl Sender {
    /// A sender for `url` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://host:465`). The error never repeats the URL, which may hold
    /// a password.
    pub fn new(url: &str, from: Mailbox) -> Result<Sender, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("{}", ErrorWithoutUrl(&e)))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Sender { transport, from })
    }

    /// Builds the mail as sent: plain UTF-8 text, our `Message-ID`, threaded
    /// under the ticket's first mail to the same address.
    fn message(&self, mail: &OutboxMail) -> Result<Message, String> {
        let to: Mailbox =
            mail.to_address.parse().map_err(|e| format!("bad address {}: {e}", mail.to_address))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{}>", mail.message_id)))
            .date(std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(mail.created_at.max(0) as u64))
            .header(ContentType::TEXT_PLAIN);
        if let Some(root) = &mail.in_reply_to {
            builder = builder.in_reply_to(format!("<{root}>")).references(format!("<{root}>"));
        }
        // RFC 3834: vacation responders do not answer machine mail, which
        // is what keeps two desks from mailing each other forever. A
        // person's reply relayed by us is not machine mail.
        if mail.kind != "reply" && mail.kind != "client_replied" {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ));
        }
        builder.body(mail.body.clone()).map_err(|e| e.to_string())
    }
}

/// A lettre error's text; lettre's transport errors do not carry the URL,
/// but its parse errors might quote it, so only the kind is kept.
struct ErrorWithoutUrl<'a>(&'a lettre::transport::smtp::Error);

impl std::fmt::Display for ErrorWithoutUrl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::error::Error;
        match self.0.source() {
            Some(source) => write!(f, "{source}"),
            None => f.write_str("invalid URL"),
        }
    }
}

/// The wait before attempt `attempts + 1`: `base`, doubled per failure.
pub fn backoff(base: Duration, attempts: i64) -> Duration {
    let doublings = attempts.clamp(0, 20) as u32;
    base.saturating_mul(2u32.saturating_pow(doublings)).min(MAX_WAIT)
}

/// Sends due mails until the process ends.
pub async fn send(store: Store, sender: Sender, retry_base: Duration) {
    loop {
        match send_due(&store, &sender, retry_base).await {
            Ok(0) => tokio::time::sleep(POLL).await,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!("cannot read the outbox: {e}");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// One round: claims due mails and tries each once. Returns how many it
/// tried.
pub async fn send_due(
    store: &Store,
    sender: &Sender,
    retry_base: Duration,
) -> Result<usize, app::store::StoreError> {
    let now = chrono::Utc::now().timestamp();
    let mails = outbox::claim_due(store, now, LEASE_SECS, CLAIM).await?;
    for mail in &mails {
        // Renewed before each send: a slow server may have used up the
        // batch's lease, and another replica may hold the mail by now.
        let Some(old) = mail.claim else { continue };
        let claim = chrono::Utc::now().timestamp() + LEASE_SECS;
        if !outbox::renew_claim(store, mail.id, old, claim).await? {
            continue;
        }
        let outcome = match sender.message(mail) {
            // An address no server can take will not get better.
            Err(e) => Err((e, true)),
            Ok(message) => sender.transport.send(message).await.map(|_| ()).map_err(|e| {
                let permanent = e.is_permanent();
                (e.to_string(), permanent)
            }),
        };
        let now = chrono::Utc::now().timestamp();
        match outcome {
            Ok(()) => outbox::mark_sent(store, mail.id, claim, now).await?,
            Err((error, permanent)) => {
                let attempts = mail.attempts + 1;
                let retry_at = (!permanent && attempts < MAX_ATTEMPTS)
                    .then(|| now + backoff(retry_base, mail.attempts).as_secs() as i64);
                tracing::warn!(
                    "mail {} to {} not sent (attempt {attempts}{}): {error}",
                    mail.id,
                    mail.to_address,
                    if retry_at.is_some() { "" } else { ", giving up" }
                );
                outbox::mark_attempt_failed(store, mail.id, claim, &error, retry_at).await?;
            }
        }
    }
    Ok(mails.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_base_up_to_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 0), Duration::from_secs(30));
        assert_eq!(backoff(base, 1), Duration::from_secs(60));
        assert_eq!(backoff(base, 3), Duration::from_secs(240));
        assert_eq!(backoff(base, 10), MAX_WAIT);
        assert_eq!(backoff(base, 1_000), MAX_WAIT);
        assert_eq!(backoff(base, -5), base);
    }

    #[test]
    fn a_url_password_never_reaches_the_error() {
        let from: Mailbox = "Desk <desk@example.com>".parse().unwrap();
        let err = Sender::new("ftp://user:hunter2@host", from).unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
    }
}
