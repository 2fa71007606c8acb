//! `POST /api/admin/mail-in`: the latest mails taken from the mailbox and
//! what became of each, for the admin area's "Mail in" tab (read-only).

use crate::domain::mail::{IntakeOutcome, IntakeReason};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// How many mails the tab lists.
pub const MAIL_IN_LIST_LIMIT: i64 = 200;

/// One processed mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessedMailItem {
    pub id: i64,
    /// When it arrived in the mailbox (unix seconds).
    pub received_at: i64,
    pub from: Option<String>,
    pub subject: String,
    pub outcome: IntakeOutcome,
    pub reason: Option<IntakeReason>,
    /// `SUP-1042` for a ticket or comment.
    pub ticket_key: Option<String>,
}

#[server(prefix = "/api", endpoint = "admin/mail-in", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_processed_mail() -> Result<Vec<ProcessedMailItem>, crate::error::AppError> {
    use crate::domain::ticket::{ticket_key, Permission};
    crate::auth::require(Permission::Administer).await?;
    let store = crate::functions::store()?;
    let mails = crate::store::mail_intake::latest(&store, MAIL_IN_LIST_LIMIT)
        .await
        .map_err(crate::functions::internal)?;
    Ok(mails
        .into_iter()
        .map(|m| ProcessedMailItem {
            id: m.id,
            received_at: m.received_at,
            from: m.from_address,
            subject: m.subject,
            outcome: m.outcome,
            reason: m.reason,
            ticket_key: m.ticket_number.map(ticket_key),
        })
        .collect())
}
