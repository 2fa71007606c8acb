//! Mail in (read-only): the latest mails taken from the mailbox and what
//! became of each — a ticket, a comment, a refusal, or nothing and why.

use crate::domain::mail::{IntakeOutcome, IntakeReason};
use crate::functions::admin::{list_processed_mail, ProcessedMailItem};
use crate::i18n::{date_time, Locale, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// The words for a reason.
pub fn reason_text(reason: IntakeReason) -> Msg {
    match reason {
        IntakeReason::AutoReply => Msg::MailReasonAutoReply,
        IntakeReason::Bulk => Msg::MailReasonBulk,
        IntakeReason::MailingList => Msg::MailReasonMailingList,
        IntakeReason::Bounce => Msg::MailReasonBounce,
        IntakeReason::OwnMail => Msg::MailReasonOwnMail,
        IntakeReason::TooLarge => Msg::MailReasonTooLarge,
        IntakeReason::NoSender => Msg::MailReasonNoSender,
        IntakeReason::StaffAddress => Msg::MailReasonStaffAddress,
        IntakeReason::DisabledAccount => Msg::MailReasonDisabledAccount,
        IntakeReason::Empty => Msg::MailReasonEmpty,
        IntakeReason::RefusalAlreadySent => Msg::MailReasonRefusalAlreadySent,
        IntakeReason::UnknownSender => Msg::MailReasonUnknownSender,
        IntakeReason::ForeignThread => Msg::MailReasonForeignThread,
    }
}

/// "new ticket SUP-1042 (unknown sender)", "ignored: auto-reply".
pub fn outcome_text(locale: Locale, m: &ProcessedMailItem) -> String {
    let key = m.ticket_key.clone().unwrap_or_default();
    let head = match m.outcome {
        IntakeOutcome::Ticket => format!("{} {key}", Msg::MailOutcomeTicket.text(locale)),
        IntakeOutcome::Comment => format!("{} {key}", Msg::MailOutcomeComment.text(locale)),
        IntakeOutcome::Ignored => Msg::MailOutcomeIgnored.text(locale).to_string(),
        IntakeOutcome::Refused => Msg::MailOutcomeRefused.text(locale).to_string(),
    };
    match (m.outcome, m.reason) {
        (IntakeOutcome::Ignored, Some(r)) => format!("{head}: {}", reason_text(r).text(locale)),
        (_, Some(r)) => format!("{head} ({})", reason_text(r).text(locale)),
        (_, None) => head,
    }
}

#[component]
pub fn MailIn() -> impl IntoView {
    let locale = use_locale();
    let mails = Resource::new(|| (), |_| list_processed_mail());
    view! {
        <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="muted">{locale.text(Msg::MailInEmpty)}</p> }.into_any()
                    }
                    Ok(list) => view! { <MailTable list/> }.into_any(),
                    Err(e) => view! {
                        <p class="error" role="alert">
                            {move || crate::labels::app_error_text(locale.get(), &e)}
                        </p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MailTable(list: Vec<ProcessedMailItem>) -> impl IntoView {
    let locale = use_locale();
    let rows = list
        .into_iter()
        .map(|m| {
            let received = chrono::DateTime::from_timestamp(m.received_at, 0)
                .map(|t| format!("{} UTC", date_time(locale.0.get_untracked(), t.naive_utc())))
                .unwrap_or_default();
            let (from, subject) = (m.from.clone(), m.subject.clone());
            let outcome = move || outcome_text(locale.get(), &m);
            view! {
                <tr>
                    <td>{received}</td>
                    <td>{from}</td>
                    <td>{subject}</td>
                    <td>{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="admin-table-wrap">
            <table class="admin-table" id="mail-in">
                <caption>{locale.text(Msg::MailInCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.text(Msg::Received)}</th>
                        <th scope="col">{locale.text(Msg::MailFrom)}</th>
                        <th scope="col">{locale.text(Msg::MailSubject)}</th>
                        <th scope="col">{locale.text(Msg::MailOutcome)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(outcome: IntakeOutcome, reason: Option<IntakeReason>, key: Option<&str>) -> ProcessedMailItem {
        ProcessedMailItem {
            id: 1,
            received_at: 0,
            from: None,
            subject: String::new(),
            outcome,
            reason,
            ticket_key: key.map(str::to_string),
        }
    }

    #[test]
    fn outcomes_read_in_every_language() {
        let ticket = item(IntakeOutcome::Ticket, Some(IntakeReason::UnknownSender), Some("SUP-7"));
        assert_eq!(outcome_text(Locale::En, &ticket), "new ticket SUP-7 (unknown sender)");
        let ignored = item(IntakeOutcome::Ignored, Some(IntakeReason::AutoReply), None);
        assert_eq!(outcome_text(Locale::Ru, &ignored), "пропущено: автоответ");
        let comment = item(IntakeOutcome::Comment, None, Some("SUP-8"));
        assert_eq!(outcome_text(Locale::Uk, &comment), "коментар до SUP-8");
        for reason in IntakeReason::ALL {
            for locale in Locale::ALL {
                assert!(!reason_text(reason).text(locale).is_empty());
            }
        }
    }
}
