//! A comment's text, validated once: the form checks it as the user
//! types, the server again before anything is stored.

use crate::domain::text::{self, TextProblem};
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
