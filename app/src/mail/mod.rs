//! Mail the desk writes (server only): the texts in three languages and
//! the identifiers that thread replies back into their ticket. Sending is
//! the server crate's (`server/src/mail/`), planning the service's
//! (`service::notify`).

pub mod text;

use crate::domain::notify::MailKind;

/// Our `Message-ID` (without angle brackets) of the mail of `kind` about
/// ticket `number`, planned from event `seq`, to `address`. The same inputs
/// give the same id, as the outbox's one-mail-per-event rule does; the
/// address enters as a hash so the id does not reveal it to other readers
/// of a forwarded thread.
pub fn message_id(number: i64, seq: i64, kind: MailKind, address: &str, domain: &str) -> String {
    format!("sup{number}.e{seq}.{}.{:016x}@{domain}", kind.code(), fnv1a(&address.to_lowercase()))
}

/// FNV-1a, 64 bits: stable across releases and platforms, unlike std's
/// hasher.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether mails leave the desk: the admin area says so next to the
/// outbox. Provided to server functions by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    /// An SMTP server is configured.
    pub smtp: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_distinct_per_address_and_kind_and_hide_the_address() {
        let a = message_id(1042, 7, MailKind::Reply, "anna@client.example", "desk.example");
        assert_eq!(a, message_id(1042, 7, MailKind::Reply, "Anna@Client.example", "desk.example"));
        assert_ne!(a, message_id(1042, 7, MailKind::Reply, "boris@client.example", "desk.example"));
        assert_ne!(a, message_id(1042, 7, MailKind::Released, "anna@client.example", "desk.example"));
        assert!(a.starts_with("sup1042.e7.reply.") && a.ends_with("@desk.example"), "{a}");
        assert!(!a.contains("anna"));
        // The published FNV-1a test vector.
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
