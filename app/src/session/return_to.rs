//! Where a sign-in returns to: a link from a mail (`/tickets/SUP-1042`)
//! opened without a session goes through `/login?next=…` and lands on the
//! ticket, not on the board. Only a path on this site is followed, never
//! another origin (an open redirect would let a mail send users anywhere).

/// `/login?next=<path>` for a page at `path` (with its query); plain
/// `/login` for the board.
pub fn login_url(path_and_query: &str) -> String {
    match safe_next(path_and_query) {
        Some(p) if p != "/" => format!("/login?next={}", encode(p)),
        _ => "/login".to_string(),
    }
}

/// `next` when it is a path on this site: it starts with one `/`, and
/// holds no backslash or control character (browsers read `/\evil` and
/// `//evil` as another host).
pub fn safe_next(next: &str) -> Option<&str> {
    let local = next.starts_with('/') && !next.starts_with("//");
    let clean = !next.chars().any(|c| c == '\\' || c.is_control());
    (local && clean && next.len() <= 2000).then_some(next)
}

/// Percent-encodes everything but unreserved characters and `/`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_link_survives_the_sign_in() {
        assert_eq!(login_url("/tickets/SUP-1042"), "/login?next=/tickets/SUP-1042");
        assert_eq!(
            login_url("/archive?q=касса"),
            "/login?next=/archive%3Fq%3D%D0%BA%D0%B0%D1%81%D1%81%D0%B0"
        );
        assert_eq!(login_url("/"), "/login");
    }

    #[test]
    fn only_paths_on_this_site_are_followed() {
        assert_eq!(safe_next("/tickets/SUP-7"), Some("/tickets/SUP-7"));
        for evil in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "",
            "/x\ny",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(evil), None, "{evil:?}");
        }
    }
}
