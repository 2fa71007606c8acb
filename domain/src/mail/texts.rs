//! A mail's texts made fit for the ticket: plain characters only, within
//! the field's limit (cut with a visible mark rather than refused: a long
//! mail is still a request), a one-line title.

use crate::text::is_plain;
use crate::ticket::{parse_ticket_key, MAX_TITLE_CHARS};
use chrono::{DateTime, Utc};

/// What ends a text that was cut to its limit.
pub const TRUNCATION_MARK: &str = "\n[…]";
/// The same, for one-line texts.
const LINE_TRUNCATION_MARK: &str = " […]";

/// `text` with control characters other than line breaks and tabs turned
/// into spaces, trimmed, and cut to `max` characters with
/// [`TRUNCATION_MARK`] when longer.
pub fn fit(text: &str, max: usize) -> String {
    fit_with(text, max, TRUNCATION_MARK)
}

fn fit_with(text: &str, max: usize, mark: &str) -> String {
    let clean: String = if is_plain(text) {
        text.to_string()
    } else {
        text.chars()
            .map(|c| if c.is_control() && !matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .collect()
    };
    let clean = clean.trim();
    if clean.chars().count() <= max {
        return clean.to_string();
    }
    let keep = max.saturating_sub(mark.chars().count());
    let cut: String = clean.chars().take(keep).collect();
    format!("{}{mark}", cut.trim_end())
}

/// `text` on one line: every run of white space (line breaks included) is
/// one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prefixes mail programs put before a subject they answer or forward, in
/// lower case, colon included.
const REPLY_PREFIXES: [&str; 14] = [
    "re:",
    "fwd:",
    "fw:",
    "aw:",
    "wg:",
    "ответ:",
    "отв:",
    "пересл:",
    "переслать:",
    "відп:",
    "відповідь:",
    "пересл.:",
    "tr:",
    "rv:",
];

/// The title of a ticket made from a mail: its subject without reply and
/// forward prefixes and without bracketed ticket keys (a reply that could
/// not join its thread names a ticket the new one is not), on one line and
/// within the title's limit. Without a subject: the first line of the body;
/// without either, the sender's address.
pub fn ticket_title(subject: &str, body: &str, from: &str) -> String {
    let mut title = one_line(&strip_keys(subject));
    loop {
        let lower = title.to_lowercase();
        let Some(prefix) = REPLY_PREFIXES.iter().find(|p| lower.starts_with(*p)) else {
            break;
        };
        // Prefixes are ASCII or Cyrillic; both keep their length in chars
        // when lower-cased, so the cut is at the same character.
        title = title.chars().skip(prefix.chars().count()).collect::<String>().trim().to_string();
    }
    // Emptiness is judged on the fitted text: a subject of control
    // characters only is empty once they are gone, and a title the domain
    // refuses would fail the mail's transaction on every poll.
    let fitted = |s: &str| fit_with(s, MAX_TITLE_CHARS, LINE_TRUNCATION_MARK);
    let title = fitted(&title);
    if !title.is_empty() {
        return title;
    }
    if let Some(line) = body.lines().map(|l| fitted(&one_line(l))).find(|l| !l.is_empty()) {
        return line;
    }
    match fitted(from) {
        from if from.is_empty() => "(no subject)".to_string(),
        from => from,
    }
}

/// `subject` without its `[SUP-n]` tags.
fn strip_keys(subject: &str) -> String {
    let mut out = String::with_capacity(subject.len());
    let mut rest = subject;
    while let Some(open) = rest.find('[') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        match from_open.find(']') {
            Some(close) if parse_ticket_key(&from_open[1..close]).is_some() => {
                rest = &from_open[close + 1..];
            }
            _ => {
                out.push('[');
                rest = &from_open[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// When a mail counts as received: when it arrived in the mailbox, but not
/// later than `now` (the mail server's clock may run ahead) and not before
/// `contact_from`, when support for the organisation began (a mail may
/// wait in the mailbox from before the organisation existed).
pub fn mail_received_at(
    arrived: DateTime<Utc>,
    now: DateTime<Utc>,
    contact_from: DateTime<Utc>,
) -> DateTime<Utc> {
    arrived.min(now).max(contact_from.min(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_of_control_characters_only_still_makes_a_title_the_domain_takes() {
        for (subject, body) in
            [("\u{1b}", "Касса"), ("Re: \u{7}", "\u{7}\nВторая строка"), ("", "\u{1b}\u{7}")]
        {
            let title = ticket_title(subject, body, "a@b.example");
            assert!(crate::ticket::TicketTitle::parse(&title).is_ok(), "{subject:?} {body:?} → {title:?}");
        }
        assert_eq!(ticket_title("\u{1b}", "\u{1b}\nКасса", "a@b.example"), "Касса");
    }

    #[test]
    fn long_texts_are_cut_with_a_mark_within_the_limit() {
        let text = "ж".repeat(50);
        let fitted = fit(&text, 20);
        assert_eq!(fitted.chars().count(), 20);
        assert!(fitted.ends_with(TRUNCATION_MARK), "{fitted}");
        assert_eq!(fit("short", 20), "short");
        assert_eq!(fit(&"x".repeat(20), 20), "x".repeat(20), "the limit is inclusive");
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(fit("a\u{0}b\u{7}c\u{1b}[0m\r\n\td", 100), "a b c [0m\r\n\td");
        assert!(crate::text::bounded(&fit("\u{0}x\u{c}", 10), 10).is_ok());
    }

    #[test]
    fn titles_lose_prefixes_and_keys() {
        assert_eq!(ticket_title("Re: Fwd: Кассы не печатают", "", "a@b"), "Кассы не печатают");
        assert_eq!(ticket_title("RE: [SUP-1001] Ответ: Принтер", "", "a@b"), "Принтер");
        assert_eq!(ticket_title("Відп: Каса", "", "a@b"), "Каса");
        assert_eq!(ticket_title("[urgent] Till\n  down", "", "a@b"), "[urgent] Till down");
        assert_eq!(ticket_title("Report [SUP-x] attached", "", "a@b"), "Report [SUP-x] attached");
    }

    #[test]
    fn a_title_comes_from_the_body_or_the_sender_without_a_subject() {
        assert_eq!(ticket_title("  ", "\n\n  Till 3 is down \nmore", "a@b"), "Till 3 is down");
        assert_eq!(ticket_title("Re:", "", "anna@technomarket.example"), "anna@technomarket.example");
        let long = ticket_title(&"Очень ".repeat(100), "", "a@b");
        assert_eq!(long.chars().count(), MAX_TITLE_CHARS);
        assert!(long.ends_with(" […]") && !long.contains('\n'));
        assert!(crate::ticket::TicketTitle::parse(&long).is_ok());
    }

    #[test]
    fn received_at_is_the_arrival_within_reason() {
        let t = |s: i64| DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap();
        assert_eq!(mail_received_at(t(0), t(100), t(-100)), t(0));
        assert_eq!(mail_received_at(t(200), t(100), t(-100)), t(100), "not in the future");
        assert_eq!(mail_received_at(t(-200), t(100), t(-100)), t(-100), "not before support began");
        assert_eq!(mail_received_at(t(0), t(100), t(500)), t(100), "a support start after now is now");
    }
}
