//! Taking in one mail (issue 13): a new ticket, a public comment, a polite
//! refusal or nothing, decided and written in one transaction together
//! with the mail's record, so that a mail is processed exactly once. The
//! IMAP side (`server/src/mail/`) fetches and parses; it flags the mail on
//! the server only after this committed.
//!
//! The sender acts as themselves: the ticket's requester and the actor of
//! its events is the client account their address belongs to (made without
//! a password when their organisation's mail domain or the sorting queue
//! takes them in), and every change goes through the same use cases as the
//! web (`create::register_received`, `comments::post_in`), under the same
//! scope rule.

mod refusal;
mod sort;

pub use refusal::guess_language;
pub use sort::sort_ticket;

use super::create::{register_received, Received};
use super::ServiceError;
use crate::auth::{CurrentUser, OrganisationRef};
use crate::domain::credentials::Email;
use crate::domain::mail::{
    domain_of, fit, fold_quoted, key_in_subject, loop_guard, may_write_by_mail, one_line, thread_ids,
    ticket_title, IntakeOutcome, IntakeReason, MailHeaders, UnknownSenders,
};
use crate::domain::ticket::{
    Channel, CommentBody, Role, TicketDraft, MAX_COMMENT_CHARS, MAX_DESCRIPTION_CHARS,
};
use crate::store::mail_intake::{self as records, Claimed, MailRecord, MailboxKey};
use crate::store::{outbox, tickets, users, Store, Tx};
use chrono::{DateTime, Utc};

/// The organisation unknown senders' tickets wait in when it is made.
pub const SORTING_QUEUE_NAME: &str = "Unsorted mail";
/// How long an unknown address gets no second refusal.
const REFUSAL_QUIET_SECS: i64 = 24 * 3600;
/// The longest subject and address the record keeps.
const MAX_RECORDED_SUBJECT_CHARS: usize = 1000;
const MAX_ADDRESS_CHARS: usize = 320;

/// A mail as the IMAP side parsed it.
#[derive(Debug, Clone, Default)]
pub struct IncomingMail {
    pub key: MailboxKey,
    /// Without angle brackets; `sha256:<hex>` of the raw mail when it had
    /// none (`has_message_id` false).
    pub message_id: String,
    pub has_message_id: bool,
    pub from: Option<Sender>,
    pub headers: MailHeaders,
    pub subject: String,
    /// The text, plain: an HTML-only mail converted, no markup left.
    pub body: String,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// When it arrived in the mailbox (IMAP INTERNALDATE).
    pub arrived_at: DateTime<Utc>,
    pub size: i64,
    /// Attached files, as sent: kept through [`keep_attachments`].
    pub attachments: Vec<MailAttachment>,
}

/// A sender as `From` names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// In normal form (`Email::parse`).
    pub address: String,
    /// The display name, empty when none.
    pub name: String,
}

/// One attached file of a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// What the desk does with mail from strangers, and how it names its own.
#[derive(Debug, Clone)]
pub struct IntakeSettings {
    pub unknown_senders: UnknownSenders,
    /// The domain of the Message-IDs of mails the intake writes (refusals).
    pub desk_domain: String,
}

/// What taking a mail in did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Processed now: the recorded outcome.
    Done { outcome: IntakeOutcome, reason: Option<IntakeReason>, ticket_id: Option<i64> },
    /// Processed before (this UID, or this Message-ID by another copy):
    /// nothing was written; flag it on the server again.
    Before,
}

/// Who a mail is from, as far as the desk is concerned.
enum Who {
    /// An active client account.
    Client(CurrentUser),
    /// No account yet: one is made in this organisation (its mail domain
    /// matched, or the sorting queue when `queue` is true).
    NewClient { sender: Sender, organisation_id: i64, queue: bool },
    /// Nobody we know, and strangers are refused.
    Stranger(Sender),
    /// Nothing is made; the reason says why.
    Ignored(IntakeReason),
}

/// Takes `mail` in at `now`: decides, writes and records it in one
/// transaction. A mail recorded before is [`Taken::Before`].
pub async fn take_in(
    store: &Store,
    mail: &IncomingMail,
    settings: &IntakeSettings,
    files: Option<&crate::files::Files>,
    now: DateTime<Utc>,
) -> Result<Taken, ServiceError> {
    if records::is_processed(store, &mail.key, Some(&mail.message_id)).await? {
        return Ok(Taken::Before);
    }
    let guard = match loop_guard(&mail.headers) {
        Some(reason) => Some(reason),
        None if mail.has_message_id && outbox::is_ours(store, &mail.message_id).await? => {
            Some(IntakeReason::OwnMail)
        }
        None => None,
    };
    let mut tx = store.begin().await?;
    let Claimed::Claimed(record) = Done::ignored(IntakeReason::Empty).claim(&mut tx, mail, now).await? else {
        // Another replica took it first.
        return Ok(Taken::Before);
    };
    let who = match (&mail.from, guard) {
        (None, _) => Who::Ignored(IntakeReason::NoSender),
        (Some(_), Some(reason)) => Who::Ignored(reason),
        (Some(sender), None) => who_is(store, &mut tx, sender, settings.unknown_senders, now).await?,
    };
    // Whose mail made a ticket or comment: its files are theirs.
    let mut author = None;
    let done = match who {
        Who::Ignored(reason) => Done::ignored(reason),
        Who::Stranger(sender) => {
            if records::refused_since(store, &sender.address, now.timestamp() - REFUSAL_QUIET_SECS).await? {
                Done::ignored(IntakeReason::RefusalAlreadySent)
            } else {
                send_refusal(&mut tx, mail, &sender, &settings.desk_domain, now).await?;
                Done {
                    outcome: IntakeOutcome::Refused,
                    reason: Some(IntakeReason::UnknownSender),
                    ..Done::default()
                }
            }
        }
        Who::Client(user) => {
            let done = write(store, &mut tx, mail, &user, false, now).await?;
            author = Some(user);
            done
        }
        Who::NewClient { sender, organisation_id, queue } => {
            let user = new_client(&mut tx, &sender, organisation_id).await?;
            let done = write(store, &mut tx, mail, &user, queue, now).await?;
            author = Some(user);
            done
        }
    };
    records::finish(&mut tx, record, done.outcome, done.reason, done.ticket_id, done.comment_id).await?;
    store.commit(tx).await?;
    if let (Some(files), Some(author), Some(ticket_id)) = (files, &author, done.ticket_id) {
        keep_attachments(store, files, ticket_id, done.comment_id, author, &mail.attachments, now).await;
    }
    Ok(done.taken())
}

/// A mail too large to download, recorded as ignored from what its header
/// says (the caller parsed at most its first bytes).
pub async fn record_too_large(
    store: &Store,
    mail: &IncomingMail,
    now: DateTime<Utc>,
) -> Result<Taken, ServiceError> {
    if records::is_processed(store, &mail.key, Some(&mail.message_id)).await? {
        return Ok(Taken::Before);
    }
    let done = Done::ignored(IntakeReason::TooLarge);
    let mut tx = store.begin().await?;
    if done.claim(&mut tx, mail, now).await? == Claimed::AlreadyTaken {
        return Ok(Taken::Before);
    }
    tx.commit().await?;
    Ok(done.taken())
}

/// What one mail made, to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Done {
    outcome: IntakeOutcome,
    reason: Option<IntakeReason>,
    ticket_id: Option<i64>,
    comment_id: Option<i64>,
}

impl Default for Done {
    fn default() -> Done {
        Done { outcome: IntakeOutcome::Ignored, reason: None, ticket_id: None, comment_id: None }
    }
}

impl Done {
    fn ignored(reason: IntakeReason) -> Done {
        Done { outcome: IntakeOutcome::Ignored, reason: Some(reason), ..Done::default() }
    }

    fn taken(self) -> Taken {
        Taken::Done { outcome: self.outcome, reason: self.reason, ticket_id: self.ticket_id }
    }

    /// Records `mail` with this outcome as `tx`'s first write
    /// (`mail_intake::claim`); its subject is the one line the admin list
    /// shows.
    async fn claim(
        self,
        tx: &mut Tx<'_>,
        mail: &IncomingMail,
        now: DateTime<Utc>,
    ) -> Result<Claimed, ServiceError> {
        let subject = fit(&one_line(&mail.subject), MAX_RECORDED_SUBJECT_CHARS);
        let from = mail.from.as_ref().map(|s| fit(&s.address, MAX_ADDRESS_CHARS));
        let record = MailRecord {
            key: &mail.key,
            message_id: &mail.message_id,
            from_address: from.as_deref(),
            subject: &subject,
            received_at: mail.arrived_at.timestamp(),
            processed_at: now.timestamp(),
            size: mail.size,
            outcome: self.outcome,
            reason: self.reason,
            ticket_id: self.ticket_id,
            comment_id: self.comment_id,
        };
        Ok(records::claim(tx, &record).await?)
    }
}

/// Matches `sender` to an account, an organisation's mail domain, or
/// nobody. Staff and disabled accounts make nothing: a forged staff
/// address must not post as the desk, and a disabled client is out.
async fn who_is(
    store: &Store,
    tx: &mut Tx<'_>,
    sender: &Sender,
    unknown: UnknownSenders,
    now: DateTime<Utc>,
) -> Result<Who, ServiceError> {
    if let Some(account) = users::by_email(store, &sender.address).await? {
        return Ok(
            match (account.role, account.disabled, account.organisation_id, account.organisation_name) {
                (_, true, _, _) => Who::Ignored(IntakeReason::DisabledAccount),
                (Role::Client, false, Some(id), Some(name)) => Who::Client(CurrentUser {
                    id: account.id,
                    email: account.email,
                    name: account.name,
                    role: Role::Client,
                    organisation: Some(OrganisationRef { id, name }),
                }),
                _ => Who::Ignored(IntakeReason::StaffAddress),
            },
        );
    }
    if let Some(domain) = domain_of(&sender.address) {
        if let Some(organisation_id) = records::organisation_of_domain(tx, domain).await? {
            return Ok(Who::NewClient { sender: sender.clone(), organisation_id, queue: false });
        }
    }
    Ok(match unknown {
        UnknownSenders::Refuse => Who::Stranger(sender.clone()),
        UnknownSenders::Queue => Who::NewClient {
            sender: sender.clone(),
            organisation_id: records::ensure_sorting_queue(tx, SORTING_QUEUE_NAME, now.timestamp()).await?,
            queue: true,
        },
    })
}

/// A client account for `sender` in `organisation_id`, without a password.
async fn new_client(
    tx: &mut Tx<'_>,
    sender: &Sender,
    organisation_id: i64,
) -> Result<CurrentUser, ServiceError> {
    use crate::domain::admin::account::MAX_USER_NAME_CHARS;
    let local = sender.address.split('@').next().unwrap_or_default();
    let name =
        fit(&one_line(if sender.name.trim().is_empty() { local } else { &sender.name }), MAX_USER_NAME_CHARS);
    let name = if name.is_empty() { sender.address.clone() } else { name };
    // Taken in between by another transaction: the mail stays unflagged
    // and the next poll finds the account.
    let id = records::insert_mail_client(tx, &sender.address, &name, organisation_id)
        .await?
        .ok_or(ServiceError::Stale)?;
    let organisation_name = records::organisation_name(tx, organisation_id).await?;
    Ok(CurrentUser {
        id,
        email: sender.address.clone(),
        name,
        role: Role::Client,
        organisation: Some(OrganisationRef { id: organisation_id, name: organisation_name }),
    })
}

/// The ticket `mail` answers, if any: the mails it names in `In-Reply-To`
/// and `References` (ours, or ones we took in), then a `[SUP-n]` in its
/// subject. The headers come first: a subject is typed, they are not.
async fn thread_of(store: &Store, mail: &IncomingMail) -> Result<Option<i64>, ServiceError> {
    let ids = thread_ids(&mail.in_reply_to, &mail.references);
    if !ids.is_empty() {
        if let Some(ticket) = outbox::ticket_of_message_ids(store, &ids).await? {
            return Ok(Some(ticket));
        }
        if let Some(ticket) = records::ticket_of_received_ids(store, &ids).await? {
            return Ok(Some(ticket));
        }
    }
    Ok(match key_in_subject(&mail.subject) {
        Some(number) => records::ticket_of_number(store, number).await?,
        None => None,
    })
}

/// A comment on the ticket `mail` answers when `user` may write into it,
/// otherwise a new ticket of their own organisation.
async fn write(
    store: &Store,
    tx: &mut Tx<'_>,
    mail: &IncomingMail,
    user: &CurrentUser,
    queue: bool,
    now: DateTime<Utc>,
) -> Result<Done, ServiceError> {
    let mut reason = queue.then_some(IntakeReason::UnknownSender);
    if let Some(ticket_id) = thread_of(store, mail).await? {
        if may_write_into(tx, user, ticket_id).await? {
            // Judged once fitted: a text of control characters only is
            // empty, and a comment the domain refuses would fail the mail
            // on every poll.
            let text = fit(&fold_quoted(&mail.body), MAX_COMMENT_CHARS);
            if text.is_empty() && mail.attachments.is_empty() {
                return Ok(Done { reason: Some(IntakeReason::Empty), ..Done::default() });
            }
            let text = if text.is_empty() { attachments_only_text(mail) } else { text };
            let body = CommentBody::parse(&text).map_err(|e| {
                crate::store::StoreError::Corrupt(format!("a fitted mail body was refused: {e}"))
            })?;
            let posted = super::comments::post_in(tx, user, ticket_id, &body, false, &[], now).await?;
            // "Согласен" as the first line of a reply to a deadline
            // proposal's mail answers it (seed 004); the reply stays a
            // comment either way.
            let replied_to = thread_ids(&mail.in_reply_to, &mail.references);
            super::extensions::answer_by_mail(tx, user, ticket_id, body.as_str(), &replied_to, now).await?;
            return Ok(Done {
                outcome: IntakeOutcome::Comment,
                reason,
                ticket_id: Some(ticket_id),
                comment_id: Some(posted.comment_id),
            });
        }
        reason = Some(IntakeReason::ForeignThread);
    }
    let sender = mail.from.as_ref().map(|s| s.address.as_str()).unwrap_or_default();
    let draft = TicketDraft {
        title: ticket_title(&mail.subject, &mail.body, sender),
        // A new ticket keeps the whole text: what a client forwards with
        // "-----Original Message-----" may be the request itself.
        description: fit(&mail.body, MAX_DESCRIPTION_CHARS),
        ..TicketDraft::default()
    };
    let received = Received { channel: Channel::Email, at: mail.arrived_at };
    let registered = register_received(tx, user, &draft, received, now).await?;
    Ok(Done { outcome: IntakeOutcome::Ticket, reason, ticket_id: Some(registered.id), comment_id: None })
}

/// Whether `user` may write by mail into ticket `id`: the web's scope rule,
/// and in the sorting queue only into their own tickets.
async fn may_write_into(tx: &mut Tx<'_>, user: &CurrentUser, id: i64) -> Result<bool, ServiceError> {
    let Some(organisation_id) = tickets::organisation_of(&mut **tx, id).await? else {
        return Ok(false);
    };
    let in_queue = records::sorting_queue(&mut **tx).await? == Some(organisation_id);
    let requester = records::requester_of(tx, id).await?;
    Ok(may_write_by_mail(user.ticket_scope().admits(organisation_id), in_queue, requester == Some(user.id)))
}

/// The text of a reply that holds files and nothing else: their names.
fn attachments_only_text(mail: &IncomingMail) -> String {
    let names: Vec<String> = mail.attachments.iter().map(|a| one_line(&a.filename)).collect();
    fit(&format!("📎 {}", names.join(", ")), MAX_COMMENT_CHARS)
}

/// Keeps every file of a mail with the ticket (and comment) it made, as
/// its sender, with the browser's checks (content type, size, pictures).
/// Each file is its own change of the ticket, after the mail's commit: the
/// intake's transaction holds the write lock, and a refused file (an SVG, an
/// executable) must not undo the mail. A refused file is logged and left
/// out; a crash between the mail's commit and here loses its files, never
/// the mail.
async fn keep_attachments(
    store: &Store,
    files: &crate::files::Files,
    ticket_id: i64,
    comment_id: Option<i64>,
    sender: &CurrentUser,
    attached: &[MailAttachment],
    now: DateTime<Utc>,
) {
    use super::attachments::{attach, Uploader};
    for file in attached {
        let bytes = bytes::Bytes::from(file.bytes.clone());
        let kept =
            attach(store, files, Uploader::User(sender), ticket_id, comment_id, &file.filename, bytes, now)
                .await;
        if let Err(e) = kept {
            tracing::warn!(ticket_id, comment_id, file = %file.filename, "mail attachment not kept: {e}");
        }
    }
}

/// Queues the refusal to `to` in the outbox, in the language the stranger
/// wrote in, threaded under their mail.
async fn send_refusal(
    tx: &mut Tx<'_>,
    mail: &IncomingMail,
    to: &Sender,
    desk_domain: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    use crate::domain::notify::MailKind;
    use crate::mail::text::{render, MailFacts};
    let language = guess_language(&format!("{}\n{}", mail.subject, mail.body));
    let facts = MailFacts {
        title: fit(&one_line(&mail.subject), 900),
        recipient_name: if to.name.is_empty() { to.address.clone() } else { one_line(&to.name) },
        ..MailFacts::default()
    };
    let text = render(MailKind::Refusal, language, &facts);
    let message_id = format!(
        "refusal.{}.{}.{}@{}",
        mail.key.uid_validity,
        mail.key.uid,
        now.timestamp_nanos_opt().unwrap_or_else(|| now.timestamp()),
        desk_domain
    );
    let address = fit(&to.address, MAX_ADDRESS_CHARS);
    outbox::enqueue(
        tx,
        &outbox::NewMail {
            kind: MailKind::Refusal.code(),
            ticket_id: None,
            event_seq: None,
            recipient_id: None,
            to_address: &address,
            language: language.code(),
            subject: &fit(&text.subject, 1000),
            body: &text.body,
            message_id: &message_id,
            in_reply_to: mail.has_message_id.then_some(mail.message_id.as_str()),
            at: now.timestamp(),
        },
    )
    .await?;
    Ok(())
}

/// The sender of a parsed `From`: its address in normal form, or `None`
/// when it is no address.
pub fn sender(address: &str, name: Option<&str>) -> Option<Sender> {
    let email = Email::parse(address).ok()?;
    Some(Sender { address: email.as_str().to_string(), name: name.unwrap_or_default().trim().to_string() })
}
