//! A raw mail (RFC 5322 with MIME) parsed by `mail-parser` into what the
//! intake needs: sender, loop-guard headers, thread ids, plain text and
//! attached files. HTML-only mails are turned into text by `html2text`
//! (a real HTML parser): no markup reaches the ticket.

use app::domain::mail::MailHeaders;
use app::service::mail_intake::{sender, IncomingMail, MailAttachment};
use app::store::mail_intake::MailboxKey;
use chrono::{DateTime, Utc};
use mail_parser::{Message, MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

/// Width the HTML is laid out to: wide enough that paragraphs are not
/// broken into short lines (the page wraps them).
const HTML_TEXT_WIDTH: usize = 1_000;

/// Where the mail sits and what the server told about it.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub key: MailboxKey,
    pub arrived_at: DateTime<Utc>,
    pub size: i64,
}

/// Parses `raw`, a whole mail. Never fails: a mail the parser cannot make
/// sense of has no sender and is recorded as such.
pub fn parse_mail(raw: &[u8], envelope: Envelope) -> IncomingMail {
    let parsed = MessageParser::default().parse(raw);
    let mut mail = base(parsed.as_ref(), raw, envelope);
    if let Some(message) = &parsed {
        mail.body = body_text(message);
        mail.attachments = attachments(message);
    }
    mail
}

/// Parses `header`, the first bytes of a mail too large to download: what
/// the record shows of it (sender, subject, Message-ID).
pub fn parse_header(header: &[u8], envelope: Envelope) -> IncomingMail {
    let parsed = MessageParser::default().parse_headers(header);
    base(parsed.as_ref(), header, envelope)
}

fn base(message: Option<&Message<'_>>, raw: &[u8], envelope: Envelope) -> IncomingMail {
    let own_id = message.and_then(|m| m.message_id()).map(str::trim).filter(|id| !id.is_empty());
    let message_id = match own_id {
        Some(id) => stored_id(id.trim_start_matches('<').trim_end_matches('>')),
        None => format!("sha256:{:x}", Sha256::digest(raw)),
    };
    let from = message.and_then(|m| m.from()).and_then(|a| a.first());
    let sender = from.and_then(|a| sender(a.address.as_deref().unwrap_or_default(), a.name.as_deref()));
    IncomingMail {
        key: envelope.key,
        message_id,
        has_message_id: own_id.is_some(),
        headers: message.map(|m| headers(m, sender.as_ref().map(|s| s.address.clone()))).unwrap_or_default(),
        from: sender,
        subject: message.and_then(|m| m.subject()).unwrap_or_default().to_string(),
        body: String::new(),
        in_reply_to: message.map(|m| text_list(m.in_reply_to())).unwrap_or_default(),
        references: message.map(|m| text_list(m.references())).unwrap_or_default(),
        arrived_at: envelope.arrived_at,
        size: envelope.size,
        attachments: Vec::new(),
    }
}

fn text_list(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    match value.as_text_list() {
        Some(list) => list.iter().map(|s| s.to_string()).collect(),
        None => value.as_text().map(|s| vec![s.to_string()]).unwrap_or_default(),
    }
}

fn headers(m: &Message<'_>, from: Option<String>) -> MailHeaders {
    let raw = |name: &str| m.header_raw(name).map(|v| v.trim().to_string());
    MailHeaders {
        from,
        auto_submitted: raw("Auto-Submitted"),
        precedence: raw("Precedence"),
        list_id: m.header_raw("List-Id").is_some(),
        x_autoreply: m.header_raw("X-Autoreply").is_some() || m.header_raw("X-Autorespond").is_some(),
        return_path: raw("Return-Path"),
        content_type: m.content_type().map(|t| match t.subtype() {
            Some(sub) => format!("{}/{}", t.ctype(), sub).to_lowercase(),
            None => t.ctype().to_lowercase(),
        }),
    }
}

/// The mail's text: its plain-text parts, or its HTML parts as text.
fn body_text(message: &Message<'_>) -> String {
    let mut texts = Vec::new();
    for part in message.text_bodies() {
        if part.is_text_html() {
            if let Some(html) = part.text_contents() {
                texts.push(html_to_text(html));
            }
        } else if part.is_text() {
            if let Some(text) = part.text_contents() {
                texts.push(text.to_string());
            }
        }
    }
    // One line break, as the web's forms send it.
    texts.join("\n").replace("\r\n", "\n")
}

/// HTML as plain text: blocks on their own lines, quotes as `> ` lines
/// (which `fold_quoted` then folds), links' addresses as numbered
/// footnotes, tables without borders, no Markdown-like decoration of bold or
/// italic text. Scripts, styles and every tag are gone.
pub fn html_to_text(html: &str) -> String {
    html2text::config::plain_no_decorate()
        .link_footnotes(true)
        .no_table_borders()
        .no_link_wrapping()
        .string_from_read(html.as_bytes(), HTML_TEXT_WIDTH)
        // html2text refuses only on a width too narrow for the text, which
        // this width never is; were it to, the tags are still not shown.
        .unwrap_or_else(|_| mail_parser::decoders::html::html_to_text(html))
        // A non-breaking space (`&nbsp;`) is a space in a ticket.
        .replace('\u{a0}', " ")
}

/// Every attached file, with its name (or one made up from its position).
fn attachments(message: &Message<'_>) -> Vec<MailAttachment> {
    message
        .attachments()
        .enumerate()
        .map(|(i, part)| MailAttachment {
            filename: part
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| format!("attachment-{}", i + 1)),
            bytes: part.contents().to_vec(),
        })
        .collect()
}

/// The longest Message-ID kept as it is. Longer ones (no real mailer
/// writes them) are kept as their hash: PostgreSQL's unique index refuses
/// entries past about 2.7 KB, and SQLite and PostgreSQL must take the same
/// mails. Ours are short, so a hashed id never hides one of ours.
pub const MAX_MESSAGE_ID_BYTES: usize = 250;

/// `id` as records and lookups store it.
pub fn stored_id(id: &str) -> String {
    if id.len() <= MAX_MESSAGE_ID_BYTES {
        id.to_string()
    } else {
        format!("sha256:{:x}", Sha256::digest(id.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope() -> Envelope {
        Envelope {
            key: MailboxKey { mailbox: "m".into(), uid_validity: 1, uid: 1 },
            arrived_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            size: 100,
        }
    }

    #[test]
    fn a_plain_mail_is_read() {
        let raw = b"From: =?utf-8?B?0JDQvdC90LA=?= <Anna@TechnoMarket.example>\r\n\
            Subject: =?utf-8?B?0JrQsNGB0YHRiw==?=\r\n\
            Message-ID: <abc@mx.example>\r\n\
            In-Reply-To: <x@desk>\r\n\
            References: <w@desk> <x@desk>\r\n\
            Auto-Submitted: no\r\n\
            Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n";
        let mail = parse_mail(raw, envelope());
        let from = mail.from.unwrap();
        assert_eq!(from.address, "anna@technomarket.example");
        assert_eq!(from.name, "Анна");
        assert_eq!(mail.subject, "Кассы");
        assert_eq!(mail.message_id, "abc@mx.example");
        assert!(mail.has_message_id);
        assert_eq!(mail.in_reply_to, ["x@desk"]);
        assert_eq!(mail.references, ["w@desk", "x@desk"]);
        assert_eq!(mail.headers.auto_submitted.as_deref(), Some("no"));
        assert_eq!(mail.headers.content_type.as_deref(), Some("text/plain"));
        assert_eq!(mail.body.trim(), "Hello");
    }

    #[test]
    fn a_mail_without_message_id_is_named_by_its_hash() {
        let raw = b"From: a@b.example\r\nSubject: x\r\n\r\nbody";
        let a = parse_mail(raw, envelope());
        assert!(!a.has_message_id);
        assert!(a.message_id.starts_with("sha256:") && a.message_id.len() == 7 + 64, "{}", a.message_id);
        let b = parse_mail(b"From: a@b.example\r\nSubject: y\r\n\r\nbody", envelope());
        assert_ne!(a.message_id, b.message_id);
    }

    #[test]
    fn html_only_mail_becomes_text_without_markup() {
        let raw = "From: a@b.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
            <html><head><style>p{color:red}</style><script>alert(1)</script></head>\
            <body><div>Касса&nbsp;3 <b>не</b> печатает</div><div>Second&amp;line</div>\
            <img src=x onerror=alert(2)><a href=\"https://x.example/\">link</a></body></html>";
        let mail = parse_mail(raw.as_bytes(), envelope());
        assert!(mail.body.contains("Касса") && mail.body.contains("печатает"), "{}", mail.body);
        assert!(mail.body.contains("Second&line"), "{}", mail.body);
        assert!(mail.body.contains("Касса 3 не печатает"), "no decoration: {}", mail.body);
        assert!(mail.body.contains("https://x.example/"), "the link's address is kept: {}", mail.body);
        for markup in ["<", "alert", "color:red", "onerror"] {
            assert!(!mail.body.contains(markup), "{markup} in {}", mail.body);
        }
        assert!(mail.body.lines().count() >= 2, "blocks on their own lines: {}", mail.body);
    }

    #[test]
    fn an_html_quote_becomes_quoted_lines() {
        let html = "<div>Works now.</div><div class=gmail_quote>On Mon, Anna wrote:<blockquote>old text</blockquote></div>";
        let text = html_to_text(html);
        assert!(text.lines().any(|l| l.starts_with("> ") && l.contains("old text")), "{text}");
        assert_eq!(app::domain::mail::fold_quoted(&text), "Works now.");
    }

    #[test]
    fn attachments_come_with_their_names() {
        let raw = b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
            --XX\r\nContent-Type: text/plain\r\n\r\nsee log\r\n\
            --XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"till.log\"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--XX--\r\n";
        let mail = parse_mail(raw, envelope());
        assert_eq!(mail.body.trim(), "see log");
        assert_eq!(
            mail.attachments,
            [MailAttachment { filename: "till.log".into(), bytes: b"hello".to_vec() }]
        );
    }

    #[test]
    fn garbage_is_a_mail_without_sender_not_a_panic() {
        for raw in [
            &b""[..],
            b"\xff\xfe\x00",
            b"From:\r\n\r\n",
            b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n",
        ] {
            let mail = parse_mail(raw, envelope());
            assert!(mail.from.is_none(), "{raw:?}");
        }
        let header =
            parse_header(b"From: Big <big@b.example>\r\nSubject: huge\r\nMessage-ID: <h@x>\r\n", envelope());
        assert_eq!(header.from.unwrap().address, "big@b.example");
        assert_eq!((header.subject.as_str(), header.message_id.as_str()), ("huge", "h@x"));
    }
}
