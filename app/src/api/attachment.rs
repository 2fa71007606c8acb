//! An attachment as the API and the page see it: what `POST
//! /api/attachments/upload` answers and what `tickets/get` lists on the
//! ticket and on each comment.

use crate::domain::attachment::FileKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i64,
    /// The shown name (cleaned by the server, ending in its real kind).
    pub name: String,
    /// What the bytes are, decided by the server from their content.
    pub kind: FileKind,
    pub size: u64,
    /// Pictures only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// A thumbnail is at [`AttachmentInfo::thumbnail_url`].
    #[serde(default)]
    pub thumbnail: bool,
}

impl AttachmentInfo {
    /// Where the file is served (`GET`, with the session cookie).
    pub fn url(&self) -> String {
        format!("/api/attachments/{}", self.id)
    }

    pub fn thumbnail_url(&self) -> String {
        format!("/api/attachments/{}/thumbnail", self.id)
    }
}
