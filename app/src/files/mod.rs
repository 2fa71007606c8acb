//! Where attachments' bytes live (server only). A small storage trait,
//! [`BlobStore`], with a local directory ([`local::LocalDir`]) as the
//! default and S3-compatible object storage (`server/src/object_storage.rs`)
//! for several replicas; [`Files`] bundles the chosen storage with the
//! limits every upload is held to. What a file is and who may read it are
//! decided elsewhere (`domain::attachment`, `service::attachments`).

pub mod local;
pub mod spool;
pub mod thumbnail;

use bytes::Bytes;
use futures_util::Stream;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

/// A stored file read back, chunk by chunk.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>>;

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("the stored file is missing")]
    NotFound,
    /// The storage failed; the cause goes to the log, never to a client.
    #[error("attachment storage failed: {0}")]
    Failed(String),
}

impl From<std::io::Error> for BlobError {
    fn from(e: std::io::Error) -> BlobError {
        if e.kind() == std::io::ErrorKind::NotFound {
            BlobError::NotFound
        } else {
            BlobError::Failed(e.to_string())
        }
    }
}

/// Stores files under keys the server makes ([`new_key`]); never under a
/// name a user chose.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + fmt::Debug {
    /// Stores the checked upload spooled at `path` (`size` bytes) under
    /// `key`. The spool file may be moved away.
    async fn put_file(&self, key: &str, path: &Path, size: u64) -> Result<(), BlobError>;
    /// Stores a small file held in memory (a thumbnail) under `key`.
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), BlobError>;
    /// The file under `key`, streamed.
    async fn get(&self, key: &str) -> Result<ByteStream, BlobError>;
    /// Deletes the file under `key`; a key already gone is not an error.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
    /// Where files go, for the start-up log (never a secret).
    fn describe(&self) -> String;
}

/// The attachment storage and the limits of uploads: what the server hands
/// to the use cases.
#[derive(Clone)]
pub struct Files {
    pub blobs: Arc<dyn BlobStore>,
    /// A local directory where uploads are spooled while they are checked.
    pub spool: PathBuf,
    /// The most bytes one file may have.
    pub max_bytes: u64,
    /// Image decodes at once: each may hold up to
    /// [`thumbnail::MAX_DECODE_BYTES`], so they take turns.
    pub(crate) decoding: Arc<tokio::sync::Semaphore>,
}

impl fmt::Debug for Files {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Files")
            .field("blobs", &self.blobs.describe())
            .field("spool", &self.spool)
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

impl Files {
    pub fn new(blobs: Arc<dyn BlobStore>, spool: PathBuf, max_bytes: u64) -> Files {
        Files { blobs, spool, max_bytes, decoding: Arc::new(tokio::sync::Semaphore::new(1)) }
    }
}

/// A new storage key: two hex digits of fan-out, then 128 random bits
/// (`3f/3f9c…`). Nothing of the user's name or the ticket is in it.
pub fn new_key() -> Result<String, BlobError> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(|e| BlobError::Failed(format!("no randomness: {e}")))?;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{}/{hex}", &hex[..2]))
}

/// The key of a file's thumbnail, stored beside it.
pub fn thumbnail_key(key: &str) -> String {
    format!("{key}.thumb.png")
}

/// Whether `key` is one [`new_key`] or [`thumbnail_key`] makes: storage
/// implementations refuse anything else, so no key can reach outside them.
pub fn is_key(key: &str) -> bool {
    let key = key.strip_suffix(".thumb.png").unwrap_or(key);
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    match key.split_once('/') {
        Some((fan, name)) => hex(fan, 2) && hex(name, 32) && name.starts_with(fan),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_nothing_else_is_a_key() {
        let a = new_key().unwrap();
        let b = new_key().unwrap();
        assert_ne!(a, b);
        assert!(is_key(&a) && is_key(&thumbnail_key(&a)), "{a}");
        assert_eq!(a.len(), 35);
        for bad in [
            "",
            "../etc/passwd",
            "3f/../../x",
            "3f/3F9C",
            "zz/zz",
            "/3f",
            &format!("{a}/x"),
            &format!("x{a}"),
        ] {
            assert!(!is_key(bad), "{bad}");
        }
        let other_fan = format!("00/{}", &a[3..]);
        assert!(a.starts_with("00") || !is_key(&other_fan), "the fan-out is the name's start");
    }
}
