//! Uploads are written to a spool file as they arrive, so the server holds
//! no more than one chunk of any upload in memory whatever its size; the
//! file is moved into storage once its content is checked, and removed
//! when it is dropped otherwise.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tokio::io::AsyncWriteExt;

/// The name of a spool file: random, ending in `.part`.
fn spool_name() -> std::io::Result<String> {
    let mut random = [0u8; 12];
    getrandom::fill(&mut random).map_err(std::io::Error::other)?;
    Ok(format!("{}.part", random.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

/// An upload being received; removed on drop unless it was moved away.
#[derive(Debug)]
pub struct SpoolFile {
    path: PathBuf,
    file: Option<tokio::fs::File>,
}

impl SpoolFile {
    pub async fn create(dir: &Path) -> std::io::Result<SpoolFile> {
        tokio::fs::create_dir_all(dir).await?;
        let path = dir.join(spool_name()?);
        let file = tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await?;
        Ok(SpoolFile { path, file: Some(file) })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        match &mut self.file {
            Some(file) => file.write_all(chunk).await,
            None => Err(std::io::Error::other("the spool file is closed")),
        }
    }

    /// Flushes to disk and closes: what storage then takes is complete.
    pub async fn close(&mut self) -> std::io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.flush().await?;
            file.sync_all().await?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        // Gone already when storage moved it in.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Removes spool files last written before `now - age`: what a crash in
/// the middle of an upload left. Returns how many.
pub async fn sweep(dir: &Path, now: SystemTime, age: Duration) -> std::io::Result<usize> {
    let mut removed = 0;
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        if !name.to_string_lossy().ends_with(".part") {
            continue;
        }
        let modified = entry.metadata().await?.modified()?;
        if now.duration_since(modified).is_ok_and(|d| d >= age) {
            let _ = tokio::fs::remove_file(entry.path()).await;
            removed += 1;
        }
    }
    Ok(removed)
}
