//! The audit history: who, when, what changed from what to what.

use super::sla_section::in_zone;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::HistoryEntry;
use crate::domain::sla::{ClockKind, SlaLevel};
use crate::domain::ticket::{Category, Priority, Status, WaitingReason};
use crate::i18n::{count_label, Locale, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use chrono::DateTime;
use leptos::prelude::*;

/// The name of a history field.
fn field_name(locale: Locale, field: &str) -> String {
    let msg = match field {
        "status" => Msg::StatusLabel,
        // Registration: "Created: — → Backlog".
        "created" => Msg::Created,
        "comment" => Msg::PublicReply,
        "internal_note" => Msg::InternalNote,
        "first_response_at" => Msg::FirstResponse,
        "sla_at_risk" => Msg::SlaAtRiskEvent,
        "sla_breached" => Msg::SlaBreachedEvent,
        "waiting" => Msg::Waiting,
        "rejection_reason" => Msg::RejectionReason,
        "priority" => Msg::Priority,
        "category" => Msg::Category,
        "assignee" => Msg::Assignee,
        "estimate" => Msg::Estimate,
        "sprint" => Msg::StatusSprint,
        "organisation" => Msg::Organisation,
        "attachment" => Msg::FileAttached,
        "rating" => Msg::RatingHistory,
        "level_emergency" => Msg::LevelChangedEmergency,
        "level_development" => Msg::LevelChangedDevelopment,
        "level_contract" => Msg::LevelChangedContract,
        "escalated" => Msg::EscalatedEvent,
        "escalation_answered" => Msg::EscalationAnsweredEvent,
        "escalation_withdrawn" => Msg::EscalationWithdrawnEvent,
        "escalation_overdue" => Msg::EscalationOverdueEvent,
        "extension_proposed" => Msg::ExtensionProposedEvent,
        "extension_agreed" => Msg::ExtensionAgreedEvent,
        "extension_agreed_mail" => Msg::ExtensionAgreedMailEvent,
        "extension_declined" => Msg::ExtensionDeclinedEvent,
        "extension_declined_mail" => Msg::ExtensionDeclinedMailEvent,
        "extension_withdrawn" => Msg::ExtensionWithdrawnEvent,
        other => return other.to_string(),
    };
    msg.text(locale).to_string()
}

/// A stored value in words: statuses and waiting reasons by name, instants
/// on the calendar's clock, comments by number; anything else as stored.
fn value_text(locale: Locale, field: &str, value: Option<&str>, zone: &ZoneLabel) -> String {
    let Some(value) = value else { return "—".to_string() };
    let named = match field {
        "status" | "created" => {
            value.parse::<Status>().ok().map(|s| labels::status(s).text(locale).to_string())
        }
        "priority" => value.parse::<Priority>().ok().map(|p| labels::priority(p).text(locale).to_string()),
        "category" => value.parse::<Category>().ok().map(|c| labels::category(c).text(locale).to_string()),
        "level_emergency" | "level_development" | "level_contract" => {
            value.parse::<SlaLevel>().ok().map(|l| labels::sla_level(locale, l))
        }
        "waiting" => value.parse::<WaitingReason>().ok().map(|w| labels::waiting(w).text(locale).to_string()),
        // Before: the clock; after: the deadline it concerns.
        "sla_at_risk" | "sla_breached" if value.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            [ClockKind::Reaction, ClockKind::Resolution]
                .into_iter()
                .find(|k| k.code() == value)
                .map(|k| labels::clock_kind(k).text(locale).to_string())
        }
        "first_response_at"
        | "sla_at_risk"
        | "sla_breached"
        | "extension_proposed"
        | "extension_agreed"
        | "extension_agreed_mail"
        | "extension_declined"
        | "extension_declined_mail"
        | "extension_withdrawn" => value
            .parse::<i64>()
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .map(|t| in_zone(locale, t, zone)),
        "comment" | "internal_note" => Some(format!("#{value}")),
        "rating" => Some(format!("{value} / 5")),
        "estimate" => value.parse::<u64>().ok().map(|h| count_label(locale, h, Noun::Hour)),
        _ => None,
    };
    named.unwrap_or_else(|| value.to_string())
}

#[component]
pub fn HistorySection(history: Vec<HistoryEntry>, zone: ZoneLabel) -> impl IntoView {
    let locale = use_locale();
    let zone = StoredValue::new(zone);
    let list = if history.is_empty() {
        view! { <p class="muted">{locale.text(Msg::NoHistory)}</p> }.into_any()
    } else {
        let items = history
            .into_iter()
            .rev()
            .map(|h| {
                let at = h.at;
                let who = h.who.clone();
                // Why a wait started: the message it asked the client.
                let question = h.question.clone().map(|q| view! { <q class="history-question">{q}</q> });
                let line = move || {
                    let l = locale.get();
                    zone.with_value(|z| {
                        format!(
                            "{}: {} → {}",
                            field_name(l, &h.field),
                            value_text(l, &h.field, h.before.as_deref(), z),
                            value_text(l, &h.field, h.after.as_deref(), z)
                        )
                    })
                };
                let who =
                    move || who.clone().unwrap_or_else(|| Msg::SystemActor.text(locale.get()).to_string());
                view! {
                    <li>
                        <time datetime=at.to_rfc3339()>
                            {move || zone.with_value(|z| in_zone(locale.get(), at, z))}
                        </time>
                        " · "
                        <strong>{who}</strong>
                        " · "
                        <span>{line}</span>
                        {question.map(|q| view! { " · " {q} })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="history">{items}</ol> }.into_any()
    };
    view! {
        <section class="ticket-section" aria-labelledby="ticket-history">
            <h2 id="ticket-history">{locale.text(Msg::History)}</h2>
            {list}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_values_read_in_the_language() {
        let z = ZoneLabel { name: "Europe/Moscow".into(), offsets: vec![(0, 10800, "MSK".into())] };
        assert_eq!(value_text(Locale::En, "status", Some("in_progress"), &z), "In progress");
        assert_eq!(
            value_text(Locale::Ru, "waiting", Some("client_info"), &z),
            "Ожидает информации от клиента"
        );
        assert_eq!(value_text(Locale::En, "waiting", None, &z), "—");
        assert_eq!(value_text(Locale::Uk, "priority", Some("critical"), &z), "Критичний");
        assert_eq!(value_text(Locale::En, "first_response_at", Some("0"), &z), "1 Jan 1970, 03:00 MSK");
        assert_eq!(field_name(Locale::Uk, "internal_note"), "Внутрішня примітка");
        assert_eq!(field_name(Locale::En, "estimate"), "Estimate");
        assert_eq!(value_text(Locale::Ru, "estimate", Some("16"), &z), "16 часов");
        assert_eq!(field_name(Locale::Ru, "sprint"), "Спринт");
        assert_eq!(field_name(Locale::Uk, "attachment"), "Прикріплено файл");
        assert_eq!(value_text(Locale::En, "attachment", Some("скриншот.png"), &z), "скриншот.png");
        assert_eq!(field_name(Locale::Ru, "created"), "Создано");
        assert_eq!(value_text(Locale::Ru, "created", Some("backlog"), &z), "Бэклог");
        assert_eq!(field_name(Locale::Ru, "extension_agreed_mail"), "Клиент согласовал новый срок письмом");
        assert_eq!(value_text(Locale::En, "extension_proposed", Some("0"), &z), "1 Jan 1970, 03:00 MSK");
        // A field this release does not know is shown as stored.
        assert_eq!(field_name(Locale::En, "future_field"), "future_field");
        assert_eq!(field_name(Locale::Ru, "rating"), "Оценка");
        assert_eq!(value_text(Locale::En, "rating", Some("5"), &z), "5 / 5");
    }
}
