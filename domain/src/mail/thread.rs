//! Which ticket a reply belongs to: the `[SUP-n]` tag in its subject, or
//! the mails it answers (`In-Reply-To`, `References`).

use crate::ticket::parse_ticket_key;

/// The number of the first `[SUP-n]` in `subject` (the ticket key parser
/// decides what a key is; only a bracketed one counts, so a subject that
/// merely mentions a ticket starts no thread).
pub fn key_in_subject(subject: &str) -> Option<i64> {
    let mut rest = subject;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let close = rest.find(']')?;
        if let Some(number) = parse_ticket_key(&rest[..close]) {
            return Some(number);
        }
    }
    None
}

/// The message ids a reply answers, most direct first: `In-Reply-To`, then
/// `References` from the newest (last) to the oldest, each once, without
/// angle brackets.
/// How many ids of `In-Reply-To` and of `References` are looked up.
pub const MAX_REFERENCES: usize = 20;

pub fn thread_ids(in_reply_to: &[String], references: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    // The direct parent and the latest references are enough to find the
    // thread; a header of thousands of ids must not cost thousands of
    // lookups while the intake holds the write lock.
    let latest = references.iter().rev().take(MAX_REFERENCES);
    for id in in_reply_to.iter().take(MAX_REFERENCES).chain(latest) {
        let id = id.trim().trim_start_matches('<').trim_end_matches('>').trim();
        if !id.is_empty() && !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_key_anywhere_in_the_subject_threads() {
        assert_eq!(key_in_subject("Re: [SUP-1042] Кассы не печатают"), Some(1042));
        assert_eq!(key_in_subject("AW: Printer [sup-7]"), Some(7));
        assert_eq!(key_in_subject("[urgent] [SUP-12]"), Some(12), "the first key, not the first bracket");
        assert_eq!(key_in_subject("[SUP-3] and [SUP-4]"), Some(3));
    }

    #[test]
    fn anything_else_is_no_key() {
        for subject in ["SUP-1042 again", "[SUP-]", "[SUP-12a]", "[SUP-1 2]", "[BUG-1]", "[SUP-12", "", "]["]
        {
            assert_eq!(key_in_subject(subject), None, "{subject:?}");
        }
    }

    #[test]
    fn thread_ids_are_the_direct_parent_first() {
        let ids =
            thread_ids(&["<c@desk>".into()], &["<a@desk>".into(), "<b@desk>".into(), "<c@desk>".into()]);
        assert_eq!(ids, ["c@desk", "b@desk", "a@desk"]);
        assert!(thread_ids(&[" ".into()], &[]).is_empty());
    }

    #[test]
    fn a_huge_references_header_costs_at_most_forty_lookups() {
        let many: Vec<String> = (0..100_000).map(|n| format!("<{n}@x>")).collect();
        let ids = thread_ids(&many[..3], &many);
        assert_eq!(ids.len(), 3 + MAX_REFERENCES);
        assert_eq!(ids[3], "99999@x", "the latest reference first");
    }
}
