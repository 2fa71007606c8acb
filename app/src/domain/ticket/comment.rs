//! A comment's text, validated once: the form checks it as the user
//! types, the server again before anything is stored.

use serde::{Deserialize, Serialize};

/// The longest comment, in characters (the database checks it too).
pub const MAX_COMMENT_CHARS: usize = 20_000;

/// A comment body: trimmed, 1..=20 000 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

/// Why a body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CommentBodyError {
    #[error("The comment is empty.")]
    Empty,
    #[error("The comment is too long: at most 20000 characters.")]
    TooLong,
}

impl CommentBody {
    pub fn parse(text: &str) -> Result<CommentBody, CommentBodyError> {
        let text = text.trim();
        if text.is_empty() {
            Err(CommentBodyError::Empty)
        } else if text.chars().count() > MAX_COMMENT_CHARS {
            Err(CommentBodyError::TooLong)
        } else {
            Ok(CommentBody(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
