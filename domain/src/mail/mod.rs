//! Mail in (issue 13): the pure rules that turn a received mail into a
//! ticket, a comment or nothing. The server's IMAP poller parses MIME and
//! hands over plain values; the service (`service::mail_intake`) asks these
//! functions and writes what they decided.

pub mod guard;
pub mod outcome;
pub mod quote;
pub mod texts;
pub mod thread;

pub use guard::{loop_guard, MailHeaders};
pub use outcome::{IntakeOutcome, IntakeReason, UnknownSenders};
pub use quote::fold_quoted;
pub use texts::{fit, mail_received_at, one_line, ticket_title, TRUNCATION_MARK};
pub use thread::{key_in_subject, thread_ids};

/// The domain of an address in normal form (`anna@example.com` →
/// `example.com`); `None` for anything without exactly one `@` and text on
/// both sides.
pub fn domain_of(address: &str) -> Option<&str> {
    let (local, domain) = address.rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty() && !local.contains('@')).then_some(domain)
}

/// Whether a client whose tickets are those of `scope_admits` may write by
/// mail into a ticket of theirs: the web's rule (`TicketScope::admits`),
/// plus one for the sorting queue of unknown senders, whose accounts share
/// an organisation without knowing each other — there only the ticket's
/// own requester may write.
pub fn may_write_by_mail(scope_admits: bool, in_sorting_queue: bool, is_requester: bool) -> bool {
    scope_admits && (!in_sorting_queue || is_requester)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_is_what_follows_the_at_sign() {
        assert_eq!(domain_of("anna@example.com"), Some("example.com"));
        assert_eq!(domain_of("a@b@c"), None);
        assert_eq!(domain_of("@example.com"), None);
        assert_eq!(domain_of("anna@"), None);
        assert_eq!(domain_of("anna"), None);
    }

    #[test]
    fn in_the_sorting_queue_only_the_requester_writes() {
        assert!(may_write_by_mail(true, false, false), "a colleague of the same organisation");
        assert!(!may_write_by_mail(false, false, true), "another organisation's ticket, never");
        assert!(may_write_by_mail(true, true, true));
        assert!(!may_write_by_mail(true, true, false), "another unknown sender's ticket");
    }
}
