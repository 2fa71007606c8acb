//! The default storage: a directory on the server's disk, under the data
//! directory and outside the site root (the server refuses to start
//! otherwise), one file per key.

use super::{is_key, BlobError, BlobStore, ByteStream};
use bytes::Bytes;
use std::path::{Path, PathBuf};
use tokio::io::AsyncReadExt;

/// How much of a stored file one read hands to the response.
const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct LocalDir {
    root: PathBuf,
}

impl LocalDir {
    /// Files under `root`, created if missing.
    pub fn open(root: PathBuf) -> std::io::Result<LocalDir> {
        std::fs::create_dir_all(&root)?;
        Ok(LocalDir { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_of(&self, key: &str) -> Result<PathBuf, BlobError> {
        if is_key(key) {
            Ok(self.root.join(key))
        } else {
            Err(BlobError::Failed(format!("not a storage key: {key:?}")))
        }
    }

    /// Makes the file's directory entry durable too: a crash right after
    /// the upload's answer must not lose the rename.
    async fn sync_dir(dir: &Path) -> Result<(), BlobError> {
        let dir = dir.to_path_buf();
        tokio::task::spawn_blocking(move || std::fs::File::open(&dir)?.sync_all())
            .await
            .map_err(|e| BlobError::Failed(e.to_string()))??;
        Ok(())
    }
}

#[async_trait::async_trait]
impl BlobStore for LocalDir {
    async fn put_file(&self, key: &str, path: &Path, _size: u64) -> Result<(), BlobError> {
        let target = self.path_of(key)?;
        let dir = target.parent().unwrap_or(&self.root).to_path_buf();
        tokio::fs::create_dir_all(&dir).await?;
        // The spool is inside this directory, so this is a rename; a spool
        // elsewhere (another disk) is copied.
        if tokio::fs::rename(path, &target).await.is_err() {
            tokio::fs::copy(path, &target).await?;
            tokio::fs::File::open(&target).await?.sync_all().await?;
        }
        Self::sync_dir(&dir).await
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), BlobError> {
        let target = self.path_of(key)?;
        let dir = target.parent().unwrap_or(&self.root).to_path_buf();
        tokio::fs::create_dir_all(&dir).await?;
        let partial = target.with_extension("part");
        let mut file = tokio::fs::File::create(&partial).await?;
        tokio::io::AsyncWriteExt::write_all(&mut file, &bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&partial, &target).await?;
        Self::sync_dir(&dir).await
    }

    async fn get(&self, key: &str) -> Result<ByteStream, BlobError> {
        let file = tokio::fs::File::open(self.path_of(key)?).await?;
        let chunks = futures_util::stream::try_unfold(file, |mut file| async move {
            let mut buf = vec![0u8; CHUNK];
            let n = file.read(&mut buf).await?;
            if n == 0 {
                return Ok(None);
            }
            buf.truncate(n);
            Ok(Some((Bytes::from(buf), file)))
        });
        Ok(Box::pin(chunks))
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        match tokio::fs::remove_file(self.path_of(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn describe(&self) -> String {
        format!("local directory {}", self.root.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;

    #[tokio::test]
    async fn files_go_in_and_come_out_whole_and_are_deleted() {
        let root = std::env::temp_dir().join(format!("slaboard-localdir-{}", std::process::id()));
        let dir = LocalDir::open(root.clone()).unwrap();
        let key = super::super::new_key().unwrap();
        let spooled = root.join("incoming.part");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&spooled, &content).unwrap();

        dir.put_file(&key, &spooled, content.len() as u64).await.unwrap();
        let back: Vec<Bytes> = dir.get(&key).await.unwrap().try_collect().await.unwrap();

        assert_eq!(back.concat(), content);
        assert!(!spooled.exists(), "moved, not copied");
        dir.put(&super::super::thumbnail_key(&key), Bytes::from_static(b"thumb")).await.unwrap();
        dir.delete(&key).await.unwrap();
        dir.delete(&key).await.unwrap();
        assert!(matches!(dir.get(&key).await, Err(BlobError::NotFound)));
        assert!(matches!(dir.get("../../etc/passwd").await, Err(BlobError::Failed(_))));
        std::fs::remove_dir_all(root).unwrap();
    }
}
