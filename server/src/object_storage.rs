//! Attachments in S3-compatible object storage (AWS S3, MinIO, Ceph…),
//! through the `object_store` crate: what several replicas share, where a
//! local directory would hold each replica's own files.

use crate::config::S3Config;
use app::files::{is_key, BlobError, BlobStore, ByteStream};
use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStoreExt, PutPayload, WriteMultipart};
use std::path::Path;
use tokio::io::AsyncReadExt;

/// Files up to this size go up in one request; larger ones in parts of it
/// (S3 wants parts of at least 5 MiB), read from the spool file one part
/// at a time, so memory stays bounded whatever the limit.
const PART: usize = 8 * 1024 * 1024;

#[derive(Debug)]
pub struct S3Blobs {
    store: AmazonS3,
    /// Bucket and endpoint, for the log (never the keys).
    description: String,
}

fn failed(e: object_store::Error) -> BlobError {
    match e {
        object_store::Error::NotFound { .. } => BlobError::NotFound,
        other => BlobError::Failed(other.to_string()),
    }
}

impl S3Blobs {
    /// Object storage configured by `--s3-*`; the secret is handed to the
    /// client and never printed.
    pub fn new(config: &S3Config) -> Result<S3Blobs, String> {
        let bucket =
            config.bucket.clone().ok_or("--s3-bucket (SLABOARD_S3_BUCKET) is required for S3 storage")?;
        let mut builder = AmazonS3Builder::new().with_bucket_name(&bucket).with_region(&config.region);
        let endpoint = config.endpoint.clone();
        if let Some(endpoint) = &endpoint {
            // A local server (MinIO, a test's) speaks plain HTTP and
            // addresses buckets by path.
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        match (&config.access_key_id, &config.secret_access_key) {
            (Some(id), Some(secret)) => {
                builder = builder.with_access_key_id(id).with_secret_access_key(&secret.0);
            }
            (None, None) => {}
            _ => return Err("set both --s3-access-key-id and --s3-secret-access-key, or neither".into()),
        }
        let store = builder.build().map_err(|e| format!("S3 storage: {e}"))?;
        let description = match endpoint {
            Some(endpoint) => format!("S3 bucket {bucket} at {endpoint}"),
            None => format!("S3 bucket {bucket} in {}", config.region),
        };
        Ok(S3Blobs { store, description })
    }

    /// Whether the bucket takes a file with these credentials: tried once
    /// at start (a small probe written and deleted, outside the key space),
    /// so a wrong configuration stops the server instead of every upload
    /// failing. Reading alone would not do: S3 answers a missing bucket's
    /// HEAD like a missing file's.
    pub async fn check(&self) -> Result<(), String> {
        let probe = ObjectPath::from("slaboard-start-probe");
        let fail = |e: object_store::Error| format!("{} cannot be written: {e}", self.description);
        self.store.put(&probe, PutPayload::from_static(b"probe")).await.map_err(fail)?;
        self.store.delete(&probe).await.map_err(fail)
    }

    fn path(key: &str) -> Result<ObjectPath, BlobError> {
        if is_key(key) {
            Ok(ObjectPath::from(key))
        } else {
            Err(BlobError::Failed(format!("not a storage key: {key:?}")))
        }
    }
}

#[async_trait::async_trait]
impl BlobStore for S3Blobs {
    async fn put_file(&self, key: &str, path: &Path, size: u64) -> Result<(), BlobError> {
        let location = Self::path(key)?;
        if size <= PART as u64 {
            let bytes = tokio::fs::read(path).await?;
            self.store.put(&location, PutPayload::from(bytes)).await.map_err(failed)?;
            return Ok(());
        }
        let upload = self.store.put_multipart(&location).await.map_err(failed)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
        let mut file = tokio::fs::File::open(path).await?;
        let mut buf = vec![0u8; 256 * 1024];
        let written = async {
            loop {
                let n = file.read(&mut buf).await?;
                if n == 0 {
                    break;
                }
                // At most two parts in flight besides the one filling.
                writer.wait_for_capacity(2).await.map_err(failed)?;
                writer.write(&buf[..n]);
            }
            Ok::<_, BlobError>(())
        }
        .await;
        match written {
            Ok(()) => writer.finish().await.map(|_| ()).map_err(failed),
            Err(e) => {
                let _ = writer.abort().await;
                Err(e)
            }
        }
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), BlobError> {
        self.store.put(&Self::path(key)?, PutPayload::from(bytes)).await.map_err(failed)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<ByteStream, BlobError> {
        let found = self.store.get(&Self::path(key)?).await.map_err(failed)?;
        Ok(Box::pin(found.into_stream().map_err(std::io::Error::other)))
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        match self.store.delete(&Self::path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}
