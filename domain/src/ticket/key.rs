//! The human ticket id, `SUP-1042`, as the page URL and the API take it.

/// The prefix of every ticket's human id.
pub const TICKET_KEY_PREFIX: &str = "SUP-";

/// `SUP-1042` for ticket number 1042.
pub fn ticket_key(number: i64) -> String {
    format!("{TICKET_KEY_PREFIX}{number}")
}

/// The number in a human id; case-insensitive (`sup-1042`), nothing else
/// around it. `None` for anything that is not one.
pub fn parse_ticket_key(key: &str) -> Option<i64> {
    let key = key.trim();
    let prefix = key.get(..TICKET_KEY_PREFIX.len())?;
    if !prefix.eq_ignore_ascii_case(TICKET_KEY_PREFIX) {
        return None;
    }
    let digits = &key[TICKET_KEY_PREFIX.len()..];
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        assert_eq!(parse_ticket_key(&ticket_key(1042)), Some(1042));
        assert_eq!(parse_ticket_key("sup-7"), Some(7));
        assert_eq!(parse_ticket_key(" SUP-1001 "), Some(1001));
    }

    #[test]
    fn anything_else_is_no_key() {
        for bad in [
            "",
            "SUP-",
            "SUP-12a",
            "SUP--1",
            "SUP-+1",
            "BUG-1",
            "1042",
            "SUP-1 2",
            "ЅUP-1",
            "SUP-99999999999999999999",
        ] {
            assert_eq!(parse_ticket_key(bad), None, "{bad:?}");
        }
    }
}
