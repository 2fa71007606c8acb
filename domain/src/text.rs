//! The rules every stored text obeys, whatever its field: trimmed, within
//! its field's limit, and free of control characters other than line
//! breaks and tabs. The NUL character above all: PostgreSQL cannot store it
//! in a text and SQLite can, so it is refused here, before either sees it,
//! and both databases answer alike.

use serde::{Deserialize, Serialize};

/// What is wrong with a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextProblem {
    /// Empty after trimming, where a text is needed.
    Required,
    /// More characters than the field's limit.
    TooLong,
    /// A NUL or another control character (line breaks and tabs are fine).
    Invalid,
}

/// Whether `text` holds only characters a text field may: no NUL, no other
/// control character but `\n`, `\r` and `\t`.
pub fn is_plain(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// An optional text: trimmed (the inside stays as typed), at most `max`
/// characters, plain. The length is checked first, so a huge text costs
/// one pass.
pub fn bounded(raw: &str, max: usize) -> Result<String, TextProblem> {
    let text = raw.trim();
    if text.chars().count() > max {
        Err(TextProblem::TooLong)
    } else if !is_plain(text) {
        Err(TextProblem::Invalid)
    } else {
        Ok(text.to_string())
    }
}

/// A text that must be given: as [`bounded`], and not empty.
pub fn required(raw: &str, max: usize) -> Result<String, TextProblem> {
    match bounded(raw, max)? {
        text if text.is_empty() => Err(TextProblem::Required),
        text => Ok(text),
    }
}

/// The free-text search of the board and the archive: `text` anywhere in
/// the human id or the title, in any letter case (Cyrillic included).
pub fn text_matches(text: &str, key: &str, title: &str) -> bool {
    let text = text.trim().to_lowercase();
    text.is_empty() || key.to_lowercase().contains(&text) || title.to_lowercase().contains(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_other_control_characters_are_refused_line_breaks_and_tabs_are_not() {
        assert_eq!(bounded("a\u{0}b", 10), Err(TextProblem::Invalid));
        assert_eq!(required("\u{0}", 10), Err(TextProblem::Invalid));
        assert_eq!(bounded("bell\u{7}", 10), Err(TextProblem::Invalid));
        assert_eq!(bounded("esc\u{1b}[0m", 20), Err(TextProblem::Invalid));
        assert_eq!(bounded("line 1\r\n\tline 2", 20).as_deref(), Ok("line 1\r\n\tline 2"));
        assert!(is_plain("Кассы не печатают «чеки» 🧾"));
    }

    #[test]
    fn texts_are_trimmed_and_limited_in_characters() {
        assert_eq!(bounded("  x  ", 1).as_deref(), Ok("x"));
        assert_eq!(bounded("", 1).as_deref(), Ok(""));
        assert_eq!(required(" \n ", 1), Err(TextProblem::Required));
        assert_eq!(bounded(&"ж".repeat(5), 5).as_deref(), Ok("жжжжж"), "characters, not bytes");
        assert_eq!(bounded(&"ж".repeat(6), 5), Err(TextProblem::TooLong));
        // A huge text with a NUL is too long first: the limit is the cheaper answer.
        assert_eq!(bounded(&format!("{}\u{0}", "x".repeat(100)), 5), Err(TextProblem::TooLong));
    }
}
