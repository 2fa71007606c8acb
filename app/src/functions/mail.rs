//! Mail: each person's notification settings, and the outbox as admins
//! watch it.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// One kind of mail a person receives and whether they want it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSetting {
    /// The kind's code (`reply`, `sla_breached`…).
    pub kind: String,
    pub on: bool,
}

/// A person's mail settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// The address mails go to (the account's email).
    pub email: String,
    /// `ru`, `uk`, `en`; `None`: the desk's default.
    pub language: Option<String>,
    /// The kinds this person's role receives that can be switched off. The
    /// acknowledgement of a registration always goes out.
    pub kinds: Vec<KindSetting>,
}

/// `POST /api/account/notifications`: the caller's mail settings.
#[server(prefix = "/api", endpoint = "account/notifications", input = Json, custom = crate::auth::StrictArgs)]
pub async fn load_notification_settings() -> Result<NotificationSettings, crate::error::AppError> {
    let me = crate::auth::require_user().await?;
    let store = super::store()?;
    load_settings(&store, &me).await
}

#[cfg(feature = "ssr")]
async fn load_settings(
    store: &crate::store::Store,
    me: &crate::auth::CurrentUser,
) -> Result<NotificationSettings, crate::error::AppError> {
    use crate::domain::notify::MailKind;
    use crate::store::outbox;
    let off = outbox::optouts(&store.pool, me.id).await.map_err(super::internal)?;
    let language = outbox::language_of(store, me.id).await.map_err(super::internal)?;
    let kinds = MailKind::received_by(me.role)
        .into_iter()
        .map(|k| KindSetting { kind: k.code().to_string(), on: !off.iter().any(|o| o == k.code()) })
        .collect();
    Ok(NotificationSettings { email: me.email.clone(), language, kinds })
}

/// `POST /api/account/notifications/save`: the mail language (`null`: the
/// desk's default) and the kinds switched off. A kind the caller's role
/// does not receive, or one that cannot be switched off, is refused (422).
#[server(prefix = "/api", endpoint = "account/notifications/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_notification_settings(
    language: Option<String>,
    off: Vec<String>,
) -> Result<NotificationSettings, crate::error::AppError> {
    use crate::domain::notify::MailKind;
    use crate::error::AppError;
    let me = crate::auth::require_user().await?;
    let store = super::store()?;
    if let Some(code) = &language {
        if code.parse::<crate::i18n::Locale>().map(|l| l.code() != code).unwrap_or(true) {
            return Err(AppError::invalid_field("language", "unknown"));
        }
    }
    let received = MailKind::received_by(me.role);
    let mut kinds = Vec::new();
    for code in &off {
        match MailKind::from_code(code) {
            Some(k) if received.contains(&k) => {
                if !kinds.contains(&k.code()) {
                    kinds.push(k.code());
                }
            }
            _ => return Err(AppError::invalid_field("off", "unknown")),
        }
    }
    crate::store::outbox::set_preferences(&store, me.id, language.as_deref(), &kinds)
        .await
        .map_err(super::internal)?;
    load_settings(&store, &me).await
}

/// One mail in the outbox as the admin area lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    /// `SUP-1042`, when the mail is about a ticket.
    pub ticket: Option<String>,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    /// When the next attempt is due (unix seconds), for pending mails.
    pub next_attempt_at: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// The outbox for admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    /// Whether an SMTP server is configured: without one mails wait here.
    pub smtp: bool,
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    /// The latest 200 mails of the chosen state, newest first.
    pub mails: Vec<OutboxItem>,
}

/// How many mails the admin list shows.
pub const OUTBOX_PAGE: i64 = 200;

/// `POST /api/admin/outbox`: the latest mails (of `status` — `pending`,
/// `sent`, `failed` — when given) and how many are in each state. Admins only.
#[server(prefix = "/api", endpoint = "admin/outbox", input = Json, custom = crate::auth::StrictArgs)]
pub async fn load_outbox(status: Option<String>) -> Result<OutboxView, crate::error::AppError> {
    use crate::domain::ticket::{ticket_key, Permission};
    use crate::error::AppError;
    crate::auth::require(Permission::Administer).await?;
    let store = super::store()?;
    if let Some(s) = &status {
        if !["pending", "sent", "failed"].contains(&s.as_str()) {
            return Err(AppError::invalid_field("status", "unknown"));
        }
    }
    let smtp = use_context::<crate::mail::Delivery>().is_some_and(|d| d.smtp);
    let (pending, sent, failed) = crate::store::outbox::counts(&store).await.map_err(super::internal)?;
    let mails = crate::store::outbox::latest(&store, status.as_deref(), OUTBOX_PAGE)
        .await
        .map_err(super::internal)?
        .into_iter()
        .map(|m| OutboxItem {
            id: m.id,
            kind: m.kind,
            ticket: m.ticket_number.map(ticket_key),
            to: m.to_address,
            subject: m.subject,
            body: m.body,
            next_attempt_at: (m.status == "pending").then_some(m.next_attempt_at),
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect();
    Ok(OutboxView { smtp, pending, sent, failed, mails })
}

/// `POST /api/admin/outbox/retry`: puts a failed mail back in the queue,
/// due now. 404 for a mail that is not failed (sent, pending or unknown).
#[server(prefix = "/api", endpoint = "admin/outbox/retry", input = Json, custom = crate::auth::StrictArgs)]
pub async fn retry_mail(id: i64) -> Result<(), crate::error::AppError> {
    use crate::domain::ticket::Permission;
    crate::auth::require(Permission::Administer).await?;
    let store = super::store()?;
    let now = chrono::Utc::now().timestamp();
    if crate::store::outbox::retry(&store, id, now).await.map_err(super::internal)? {
        Ok(())
    } else {
        Err(crate::error::AppError::NotFound)
    }
}
