//! The loop guard: mails no person wrote to us (auto-replies, delivery
//! reports, bulk and list mail) make nothing, so a responder at the other
//! end and our own acknowledgements cannot keep answering each other
//! (RFC 3834). Our own `Message-ID`s coming back are caught by the service,
//! which knows them.

use super::IntakeReason;

/// The headers the guard reads, as the MIME parser found them (values
/// trimmed, comments and parameters left as sent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailHeaders {
    /// The `From` address in normal form (lower case).
    pub from: Option<String>,
    /// `Auto-Submitted`.
    pub auto_submitted: Option<String>,
    /// `Precedence`.
    pub precedence: Option<String>,
    /// Whether a `List-Id` header is present.
    pub list_id: bool,
    /// Whether `X-Autoreply` or `X-Autorespond` is present (older
    /// responders mark themselves so instead of `Auto-Submitted`).
    pub x_autoreply: bool,
    /// `Return-Path`, when present: `<>` is a mail with no return address,
    /// which only delivery reports and auto-replies use.
    pub return_path: Option<String>,
    /// The top-level content type, `type/subtype` in lower case.
    pub content_type: Option<String>,
}

/// Local parts that only machines send from.
const MACHINE_SENDERS: [&str; 2] = ["mailer-daemon", "postmaster"];

/// Why this mail must make nothing, or `None` when a person wrote it.
pub fn loop_guard(h: &MailHeaders) -> Option<IntakeReason> {
    let auto_submitted = h.auto_submitted.as_deref().map(first_token);
    if auto_submitted.is_some_and(|v| !v.eq_ignore_ascii_case("no")) || h.x_autoreply {
        return Some(IntakeReason::AutoReply);
    }
    let machine = h
        .from
        .as_deref()
        .and_then(|f| f.split_once('@'))
        .is_some_and(|(local, _)| MACHINE_SENDERS.iter().any(|m| local.eq_ignore_ascii_case(m)));
    let report = h.content_type.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case("multipart/report"));
    let null_return =
        h.return_path.as_deref().is_some_and(|r| r.trim().trim_matches(['<', '>']).trim().is_empty());
    if machine || report || null_return {
        return Some(IntakeReason::Bounce);
    }
    let precedence = h.precedence.as_deref().map(first_token);
    if precedence.is_some_and(|p| ["bulk", "junk", "list"].iter().any(|b| p.eq_ignore_ascii_case(b))) {
        return Some(IntakeReason::Bulk);
    }
    if h.list_id {
        return Some(IntakeReason::MailingList);
    }
    None
}

/// A header's value up to its first parameter or comment:
/// `auto-replied; owner-email="x@y"` → `auto-replied`.
fn first_token(value: &str) -> &str {
    value.split([';', '(', ' ', '\t']).find(|t| !t.is_empty()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> MailHeaders {
        MailHeaders {
            from: Some("anna@technomarket.example".into()),
            return_path: Some("<anna@technomarket.example>".into()),
            content_type: Some("text/plain".into()),
            ..MailHeaders::default()
        }
    }

    #[test]
    fn a_persons_mail_passes() {
        assert_eq!(loop_guard(&person()), None);
        let said_no = MailHeaders { auto_submitted: Some(" No ".into()), ..person() };
        assert_eq!(loop_guard(&said_no), None, "Auto-Submitted: no is a person");
        let normal = MailHeaders { precedence: Some("normal".into()), ..person() };
        assert_eq!(loop_guard(&normal), None);
    }

    #[test]
    fn auto_replies_are_caught_by_any_of_their_marks() {
        for value in ["auto-replied", "auto-generated", "auto-notified; owner-email=\"a@b\"", "AUTO-REPLIED"]
        {
            let h = MailHeaders { auto_submitted: Some(value.into()), ..person() };
            assert_eq!(loop_guard(&h), Some(IntakeReason::AutoReply), "{value}");
        }
        let old = MailHeaders { x_autoreply: true, ..person() };
        assert_eq!(loop_guard(&old), Some(IntakeReason::AutoReply));
    }

    #[test]
    fn delivery_reports_are_bounces() {
        for from in ["MAILER-DAEMON@mx.example", "postmaster@technomarket.example"] {
            let h = MailHeaders { from: Some(from.to_lowercase()), ..person() };
            assert_eq!(loop_guard(&h), Some(IntakeReason::Bounce), "{from}");
        }
        let report = MailHeaders { content_type: Some("multipart/report".into()), ..person() };
        assert_eq!(loop_guard(&report), Some(IntakeReason::Bounce));
        for null in ["<>", " < > ", ""] {
            let h = MailHeaders { return_path: Some(null.into()), ..person() };
            assert_eq!(loop_guard(&h), Some(IntakeReason::Bounce), "{null:?}");
        }
        let mailer = MailHeaders { from: Some("mailer@technomarket.example".into()), ..person() };
        assert_eq!(loop_guard(&mailer), None, "only the exact machine names");
    }

    #[test]
    fn bulk_and_list_mail_is_not_a_request() {
        for p in ["bulk", "junk", "list", "Bulk (newsletter)"] {
            let h = MailHeaders { precedence: Some(p.into()), ..person() };
            assert_eq!(loop_guard(&h), Some(IntakeReason::Bulk), "{p}");
        }
        let list = MailHeaders { list_id: true, ..person() };
        assert_eq!(loop_guard(&list), Some(IntakeReason::MailingList));
    }

    #[test]
    fn the_auto_reply_reason_wins_over_its_empty_return_path() {
        let h = MailHeaders {
            auto_submitted: Some("auto-replied".into()),
            return_path: Some("<>".into()),
            ..person()
        };
        assert_eq!(loop_guard(&h), Some(IntakeReason::AutoReply));
    }
}
