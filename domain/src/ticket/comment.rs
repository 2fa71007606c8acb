//! A comment's text, validated once: the form checks it as the user
//! types, the server again before anything is stored.

use crate::text::{self, TextProblem};
use serde::{Deserialize, Serialize};

/// The longest comment, in characters (the database checks it too).
pub const MAX_COMMENT_CHARS: usize = 20_000;

/// A comment body: trimmed, 1..=20 000 characters, plain text
/// (`domain::text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

/// Why a body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CommentBodyError {
    #[error("The comment is empty.")]
    Empty,
    #[error("The comment is too long: at most 20000 characters.")]
    TooLong,
    #[error("The comment holds a NUL or another control character.")]
    Invalid,
}

impl CommentBody {
    pub fn parse(text: &str) -> Result<CommentBody, CommentBodyError> {
        text::required(text, MAX_COMMENT_CHARS).map(CommentBody).map_err(|p| match p {
            TextProblem::Required => CommentBodyError::Empty,
            TextProblem::TooLong => CommentBodyError::TooLong,
            TextProblem::Invalid => CommentBodyError::Invalid,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_must_hold_text() {
        assert_eq!(CommentBody::parse("  hello \n").unwrap().as_str(), "hello");
        assert_eq!(CommentBody::parse(" \n\t "), Err(CommentBodyError::Empty));
        assert_eq!(CommentBody::parse(""), Err(CommentBodyError::Empty));
        assert_eq!(CommentBody::parse("null\u{0}byte"), Err(CommentBodyError::Invalid));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let cyrillic = "я".repeat(MAX_COMMENT_CHARS);
        assert!(CommentBody::parse(&cyrillic).is_ok(), "40 000 bytes but 20 000 characters");
        let long = format!("{cyrillic}я");
        assert_eq!(CommentBody::parse(&long), Err(CommentBodyError::TooLong));
        // Surrounding blanks do not count.
        assert!(CommentBody::parse(&format!("  {cyrillic}  ")).is_ok());
    }
}
