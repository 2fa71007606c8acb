//! Second line (seed 000 §7–8): posts escalations to the departments'
//! Mattermost incoming webhooks, and notes passed deadlines once.
//!
//! The posts are rows of `escalation_posts`, written in the escalating
//! transaction. Every replica runs [`post`]: it claims due rows the way the
//! mail sender claims the outbox (`store::escalations::claim_due_posts`,
//! one statement, a lease as the claim token), posts `{"text": …}`, and
//! marks the row sent, or schedules the next attempt with a doubling wait.
//! A crash between Mattermost's answer and the mark posts again after the
//! lease: at least once, never lost.

use crate::mail::smtp::backoff;
use app::domain::ticket::ticket_key;
use app::i18n::{date_time, Locale};
use app::service::notify::MailSettings;
use app::store::escalations::{self, Post};
use app::store::Store;
use std::time::Duration;

/// Posts claimed per round, and for how long.
const CLAIM: i64 = 20;
const LEASE_SECS: i64 = 120;
/// Attempts before a post is left failed: about two days, as for mail.
pub const MAX_ATTEMPTS: i64 = 56;
const POLL: Duration = Duration::from_secs(1);
/// One webhook call's limit, so a hung server cannot hold a claim.
const HTTP_TIMEOUT: Duration = Duration::from_secs(20);

/// The words of a post: Mattermost reads Markdown.
pub fn post_text(settings: &MailSettings, zone: chrono_tz::Tz, post: &Post) -> String {
    let locale = settings.default_language;
    let f = &post.facts;
    let key = ticket_key(f.ticket_number);
    let t = |[en, ru, uk]: [&'static str; 3]| match locale {
        Locale::En => en,
        Locale::Ru => ru,
        Locale::Uk => uk,
    };
    let due = f.due_at.with_timezone(&zone);
    let quoted: Vec<String> = f.question.lines().map(|l| format!("> {l}")).collect();
    let mut lines = vec![
        format!(
            "**{} «{}»** — [{key}]({}/tickets/{key}) {}",
            t(["Question to", "Вопрос в отдел", "Питання до відділу"]),
            f.department,
            settings.public_url,
            f.title
        ),
        quoted.join("\n"),
        format!(
            "{} {} {}",
            t(["Please answer by:", "Срок ответа:", "Термін відповіді:"]),
            date_time(locale, due.naive_local()),
            due.format("%Z")
        ),
    ];
    if let Some(who) = &f.asked_by {
        lines.push(format!("{} {who}", t(["Asked by:", "Спрашивает:", "Питає:"])));
    }
    lines.join("\n")
}

/// Posts due escalations until the process ends.
pub async fn post(store: Store, settings: MailSettings, retry_base: Duration) {
    let client = match webhook_http::Client::builder().timeout(HTTP_TIMEOUT).build() {
        Ok(client) => client,
        Err(e) => {
            tracing::error!("cannot build the Mattermost client, escalations are not posted: {e}");
            return;
        }
    };
    loop {
        match post_due(&store, &client, &settings, retry_base).await {
            Ok(0) => tokio::time::sleep(POLL).await,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!("cannot read the Mattermost queue: {e}");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// One round: claims due posts and tries each once; returns how many.
pub async fn post_due(
    store: &Store,
    client: &webhook_http::Client,
    settings: &MailSettings,
    retry_base: Duration,
) -> Result<usize, app::store::StoreError> {
    let now = chrono::Utc::now().timestamp();
    let posts = escalations::claim_due_posts(store, now, LEASE_SECS, CLAIM).await?;
    if posts.is_empty() {
        return Ok(0);
    }
    let zone = match app::service::sla::desk_calendar(store).await {
        Ok(calendar) => calendar.tz(),
        Err(_) => app::domain::contract::desk_calendar().tz(),
    };
    for p in &posts {
        let body = serde_json::json!({ "text": post_text(settings, zone, p) }).to_string();
        let request = client.post(&p.url).header("content-type", "application/json").body(body);
        let outcome = match request.send().await {
            Ok(res) if res.status().is_success() => Ok(()),
            // A webhook that is gone or refuses the message will not get better.
            Ok(res) => Err((format!("HTTP {}", res.status()), res.status().is_client_error())),
            Err(e) => Err((e.to_string(), false)),
        };
        let now = chrono::Utc::now().timestamp();
        match outcome {
            Ok(()) => escalations::mark_post_sent(store, p.id, p.claim, now).await?,
            Err((error, permanent)) => {
                let attempts = p.attempts + 1;
                let retry_at = (!permanent && attempts < MAX_ATTEMPTS)
                    .then(|| now + backoff(retry_base, p.attempts).as_secs() as i64);
                tracing::warn!(
                    "escalation post {} not delivered (attempt {attempts}{}): {error}",
                    p.id,
                    if retry_at.is_some() { "" } else { ", giving up" }
                );
                escalations::mark_post_failed(store, p.id, p.claim, &error, retry_at).await?;
            }
        }
    }
    Ok(posts.len())
}
