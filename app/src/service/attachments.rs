//! Attachments: receiving a file (its kind decided by its bytes, its size
//! held to the limit while it streams in), storing it, attaching it to a
//! ticket or a comment with its event, handing it to those who may read
//! it, and sweeping what nobody took.
//!
//! Two ways in, one set of checks ([`receive`]):
//! - the browser uploads first ([`upload`]: a *pending* file only its
//!   uploader sees) and then names the files with its comment or new ticket,
//!   which attaches them in that change's transaction ([`attach_pending`],
//!   called by `service::comments` and `service::create`);
//! - the mail intake, holding a mail's parts, calls [`attach`] for each.
//!
//! A file's row is committed before its bytes are stored, so storage never
//! holds a file without a row; a row nothing took is swept a day later
//! with its file ([`sweep`]).

use super::{finish_change, require_ticket, ServiceError};
use crate::auth::{CurrentUser, TicketScope};
use crate::domain::attachment::{
    display_name, FileKind, Refusal, Sniffer, MAX_PENDING_PER_USER, MAX_PER_POST,
};
use crate::domain::event::{TicketEvent, Visibility};
use crate::domain::ticket::CommentKind;
use crate::error::Reason;
use crate::files::spool::SpoolFile;
use crate::files::thumbnail::{picture, Picture};
use crate::files::{new_key, thumbnail_key, BlobError, ByteStream, Files};
use crate::store::attachments::{self as rows, AttachmentRow, NewAttachment, StoredKeys};
use crate::store::tickets::lock_head;
use crate::store::{Store, Tx};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};

/// How long an upload may wait for its comment or ticket.
pub const PENDING_HOURS: i64 = 24;
/// How old a spool file must be before the sweep takes it for the remains
/// of a crashed upload.
const SPOOL_AGE: std::time::Duration = std::time::Duration::from_secs(3600);
/// How many expired uploads one sweep removes at most.
const SWEEP_BATCH: i64 = 200;

/// An attachment's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttachmentId(pub i64);

/// Who attaches: a signed-in person, held to the ticket's authorisation, or
/// the system (the mail intake for a sender without an account), which has
/// decided on its own whose ticket it is.
#[derive(Debug, Clone, Copy)]
pub enum Uploader<'a> {
    User(&'a CurrentUser),
    System,
}

impl Uploader<'_> {
    fn id(self) -> Option<i64> {
        match self {
            Uploader::User(user) => Some(user.id),
            Uploader::System => None,
        }
    }
}

/// A refusal of the file's content, as the API says it.
fn refused(refusal: Refusal) -> ServiceError {
    ServiceError::Refused(Reason::new(refusal.code(), refusal.message()))
}

/// A file received and checked, spooled until it is stored.
#[derive(Debug)]
pub struct Received {
    spool: SpoolFile,
    pub kind: FileKind,
    pub size: u64,
    pub picture: Option<Picture>,
}

/// Reads `body` to its end into a spool file, never past `files.max_bytes`,
/// and decides what it is: the kind by its bytes, a picture read (and
/// thumbnailed) within bounded memory. Refuses an empty, oversized or
/// unaccepted file, and a picture that cannot be read.
pub async fn receive<S, E>(files: &Files, body: S) -> Result<Received, ServiceError>
where
    S: Stream<Item = Result<Bytes, E>> + Send,
    E: std::fmt::Display,
{
    let mut spool = SpoolFile::create(&files.spool).await.map_err(BlobError::from)?;
    let mut sniffer = Sniffer::new();
    let mut body = std::pin::pin!(body);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ServiceError::Unreadable(format!("cannot read the file: {e}")))?;
        if sniffer.len() + chunk.len() as u64 > files.max_bytes {
            return Err(ServiceError::FileTooLarge(files.max_bytes));
        }
        sniffer.feed(&chunk);
        spool.write(&chunk).await.map_err(BlobError::from)?;
    }
    spool.close().await.map_err(BlobError::from)?;
    let size = sniffer.len();
    let kind = sniffer.finish().map_err(refused)?;
    let picture = if kind.is_image() { Some(read_picture(files, &spool, kind).await?) } else { None };
    Ok(Received { spool, kind, size, picture })
}

/// Decodes the spooled picture off the async threads, one at a time.
async fn read_picture(files: &Files, spool: &SpoolFile, kind: FileKind) -> Result<Picture, ServiceError> {
    let _turn = files.decoding.acquire().await.map_err(|e| BlobError::Failed(e.to_string()))?;
    let bytes = tokio::fs::read(spool.path()).await.map_err(BlobError::from)?;
    tokio::task::spawn_blocking(move || picture(&bytes, kind))
        .await
        .map_err(|e| BlobError::Failed(format!("thumbnail: {e}")))?
        .map_err(refused)
}

/// Stores a received file as a pending upload of `uploader_id` (`None`:
/// the system) called `original_name`; returns its row. The row is
/// committed first: if storing then fails, it is deleted again, and if the
/// process dies in between, the sweep finds it.
async fn store_received(
    store: &Store,
    files: &Files,
    received: Received,
    uploader_id: Option<i64>,
    original_name: &str,
    now: DateTime<Utc>,
) -> Result<AttachmentRow, ServiceError> {
    let key = new_key()?;
    let thumbnail = received.picture.as_ref().and_then(|p| p.thumbnail.clone());
    let thumb_key = thumbnail.as_ref().map(|_| thumbnail_key(&key));
    let name = display_name(original_name, received.kind);
    let new = NewAttachment {
        storage_key: &key,
        thumbnail_key: thumb_key.as_deref(),
        name: &name,
        kind: received.kind,
        size: i64::try_from(received.size).unwrap_or(i64::MAX),
        width: received.picture.as_ref().map(|p| i64::from(p.width)),
        height: received.picture.as_ref().map(|p| i64::from(p.height)),
        uploader_id,
        created_at: now.timestamp(),
    };
    let id = rows::insert_pending(store, &new).await?;
    let stored = async {
        if let (Some(thumb_key), Some(thumbnail)) = (&thumb_key, thumbnail) {
            files.blobs.put(thumb_key, Bytes::from(thumbnail)).await?;
        }
        files.blobs.put_file(&key, received.spool.path(), received.size).await
    }
    .await;
    if let Err(e) = stored {
        forget(store, files, id, uploader_id).await;
        return Err(e.into());
    }
    let (size, width, height) = (new.size, new.width, new.height);
    Ok(AttachmentRow {
        id,
        storage_key: key,
        thumbnail_key: thumb_key,
        name,
        kind: received.kind,
        size,
        width,
        height,
        uploader_id,
        ticket_id: None,
        organisation_id: None,
        comment_id: None,
        visibility: Visibility::Public,
    })
}

/// Deletes pending upload `id` and its files, as far as it can; what fails
/// is left to the sweep.
async fn forget(store: &Store, files: &Files, id: i64, uploader_id: Option<i64>) {
    let deleted = async {
        let mut tx = store.begin().await?;
        let keys = rows::delete_pending(&mut tx, id, uploader_id).await?;
        if let Some(keys) = &keys {
            delete_files(files, keys).await?;
        }
        tx.commit().await?;
        Ok::<_, ServiceError>(())
    };
    if let Err(e) = deleted.await {
        tracing::warn!("attachment {id}: not cleaned up now, the sweep will: {e}");
    }
}

async fn delete_files(files: &Files, keys: &StoredKeys) -> Result<(), BlobError> {
    if let Some(thumb) = &keys.thumbnail_key {
        files.blobs.delete(thumb).await?;
    }
    files.blobs.delete(&keys.storage_key).await
}

/// `POST /api/attachments/upload`: receives a file from `user`'s browser
/// as a pending upload, for a comment or a new ticket to take. Anyone who
/// works on tickets may upload; each holds at most
/// [`MAX_PENDING_PER_USER`] pending uploads.
pub async fn upload<S, E>(
    store: &Store,
    files: &Files,
    user: &CurrentUser,
    original_name: &str,
    body: S,
    now: DateTime<Utc>,
) -> Result<AttachmentRow, ServiceError>
where
    S: Stream<Item = Result<Bytes, E>> + Send,
    E: std::fmt::Display,
{
    if user.ticket_scope() == TicketScope::Nothing {
        return Err(ServiceError::Forbidden);
    }
    if rows::pending_count(store, user.id).await? >= MAX_PENDING_PER_USER {
        return Err(ServiceError::Refused(Reason::new(
            "too_many_uploads",
            format!(
                "You hold {MAX_PENDING_PER_USER} uploads not yet sent with a comment or ticket; send or \
                 remove some first."
            ),
        )));
    }
    let received = receive(files, body).await?;
    store_received(store, files, received, Some(user.id), original_name, now).await
}

/// Removes `user`'s pending upload `id` (a file taken off a comment before
/// sending). Another person's, or one already attached, is not found.
pub async fn discard(store: &Store, files: &Files, user: &CurrentUser, id: i64) -> Result<(), ServiceError> {
    let mut tx = store.begin().await?;
    let keys = rows::delete_pending(&mut tx, id, Some(user.id)).await?.ok_or(ServiceError::NotFound)?;
    delete_files(files, &keys).await?;
    tx.commit().await?;
    Ok(())
}

/// Attaches `user`'s pending uploads `ids` to ticket `ticket_id` (and
/// comment `comment`, with whether it is internal), inside the change's
/// transaction; returns their events, for the change to append with its
/// own. An id that is not the caller's pending upload refuses the whole
/// change.
pub(crate) async fn attach_pending(
    tx: &mut Tx<'_>,
    user: &CurrentUser,
    ids: &[i64],
    ticket_id: i64,
    comment: Option<(i64, bool)>,
    now: DateTime<Utc>,
) -> Result<Vec<TicketEvent>, ServiceError> {
    let mut unique: Vec<i64> = Vec::with_capacity(ids.len().min(MAX_PER_POST));
    for &id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    if ids.len() > MAX_PER_POST {
        return Err(ServiceError::Refused(Reason::new(
            "too_many_files",
            format!("At most {MAX_PER_POST} files go with one comment or ticket."),
        )));
    }
    let (comment_id, internal) = match comment {
        Some((id, internal)) => (Some(id), internal),
        None => (None, false),
    };
    let mut events = Vec::with_capacity(unique.len());
    for id in unique {
        let name = rows::attach(tx, id, Some(user.id), ticket_id, comment_id, now.timestamp())
            .await?
            .ok_or_else(|| {
                ServiceError::Refused(Reason::new(
                    "attachment_unavailable",
                    format!("Attachment {id} is not an upload of yours waiting to be sent; upload it again."),
                ))
            })?;
        events.push(TicketEvent::Attached { attachment_id: id, name, comment_id, internal });
    }
    Ok(events)
}

/// Attaches a file held in memory — a mail's part — to ticket `ticket_id`
/// or, with `comment_id`, to one of its comments, with the same checks as
/// an upload from the browser (kind by content, size limit, pictures read).
/// A person may attach to tickets they may see, to their own comments, and
/// to the ticket itself if they may comment; the system anywhere. One
/// change of the ticket: its `attached` event (internal for an internal
/// note's file) and a new version, in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn attach(
    store: &Store,
    files: &Files,
    by: Uploader<'_>,
    ticket_id: i64,
    comment_id: Option<i64>,
    original_name: &str,
    bytes: Bytes,
    now: DateTime<Utc>,
) -> Result<AttachmentId, ServiceError> {
    if let Uploader::User(user) = by {
        if user.ticket_scope() == TicketScope::Nothing {
            return Err(ServiceError::Forbidden);
        }
    }
    let body = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(bytes) });
    let received = receive(files, body).await?;
    let row = store_received(store, files, received, by.id(), original_name, now).await?;
    let attached = attach_stored(store, by, &row, ticket_id, comment_id, now).await;
    if attached.is_err() {
        forget(store, files, row.id, by.id()).await;
    }
    attached.map(|()| AttachmentId(row.id))
}

/// The transaction of [`attach`]: lock and check the ticket and comment,
/// attach the stored row, append the event.
async fn attach_stored(
    store: &Store,
    by: Uploader<'_>,
    row: &AttachmentRow,
    ticket_id: i64,
    comment_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut tx = store.begin().await?;
    let head = match by {
        Uploader::User(user) => require_ticket(&mut tx, user, ticket_id).await?,
        Uploader::System => lock_head(&mut tx, ticket_id).await?.ok_or(ServiceError::NotFound)?,
    };
    let internal = match comment_id {
        Some(comment) => {
            let owner = rows::comment_owner(&mut tx, comment)
                .await?
                .filter(|c| c.ticket_id == head.id)
                .ok_or(ServiceError::NotFound)?;
            if let Uploader::User(user) = by {
                if owner.author_id != user.id {
                    return Err(ServiceError::Forbidden);
                }
            }
            owner.internal
        }
        None => {
            if let Uploader::User(user) = by {
                CommentKind::of(user.role, false).ok_or(ServiceError::Forbidden)?;
            }
            false
        }
    };
    let name = rows::attach(&mut tx, row.id, by.id(), head.id, comment_id, now.timestamp())
        .await?
        .ok_or(ServiceError::NotFound)?;
    let event = TicketEvent::Attached { attachment_id: row.id, name, comment_id, internal };
    finish_change(&mut tx, &head, by.id(), now, &[event]).await?;
    store.commit(tx).await?;
    Ok(())
}

/// Which of a file's stored forms to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    File,
    Thumbnail,
}

/// Attachment `id` (or its thumbnail) for `user`, with exactly its ticket's
/// authorisation: the ticket within their scope ([`TicketScope::admits`])
/// and the file within what they may read ([`Visibility::covers`]: an
/// internal note's file is the desk's). Anything else — another
/// organisation's, an internal one for a client, someone else's pending
/// upload, none at all — is not found alike. An account that works no
/// tickets is refused, as by `require_ticket`.
pub async fn open(
    store: &Store,
    files: &Files,
    user: &CurrentUser,
    id: i64,
    part: Part,
) -> Result<(AttachmentRow, ByteStream), ServiceError> {
    if user.ticket_scope() == TicketScope::Nothing {
        return Err(ServiceError::Forbidden);
    }
    let row = rows::get(store, id).await?.ok_or(ServiceError::NotFound)?;
    let readable = match row.organisation_id {
        Some(organisation) => user.audience().admits(organisation, row.visibility),
        // Pending: only its uploader sees it, to preview it before sending.
        None => row.ticket_id.is_none() && row.uploader_id == Some(user.id),
    };
    if !readable {
        return Err(ServiceError::NotFound);
    }
    let key = match part {
        Part::File => row.storage_key.clone(),
        Part::Thumbnail => row.thumbnail_key.clone().ok_or(ServiceError::NotFound)?,
    };
    let bytes = files.blobs.get(&key).await.map_err(|e| match e {
        // The row says it is stored: storage lost it.
        BlobError::NotFound => BlobError::Failed(format!("attachment {id}: {key} is missing from storage")),
        other => other,
    })?;
    Ok((row, bytes))
}

/// The attachments of ticket `ticket_id` that `readable` covers (the page
/// sorts them onto the ticket and its comments).
pub async fn of_ticket(
    store: &Store,
    ticket_id: i64,
    readable: Visibility,
) -> Result<Vec<AttachmentRow>, ServiceError> {
    Ok(rows::of_ticket(store, ticket_id, readable).await?)
}

/// What the sweep removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Uploads nothing took within [`PENDING_HOURS`], with their files.
    pub expired: usize,
    /// Spool files a crash left behind.
    pub spooled: usize,
}

/// Removes uploads that waited longer than [`PENDING_HOURS`] for their
/// comment or ticket (rows and files; a file is deleted before its row
/// commits, so a failure leaves the row for the next run), and spool files
/// older than an hour. Safe with several replicas: each row is deleted by
/// one of them.
pub async fn sweep(store: &Store, files: &Files, now: DateTime<Utc>) -> Result<Swept, ServiceError> {
    let before = (now - chrono::Duration::hours(PENDING_HOURS)).timestamp();
    let mut tx = store.begin().await?;
    let expired = rows::delete_expired_pending(&mut tx, before, SWEEP_BATCH).await?;
    for keys in &expired {
        delete_files(files, keys).await?;
    }
    tx.commit().await?;
    let spooled =
        crate::files::spool::sweep(&files.spool, now.into(), SPOOL_AGE).await.map_err(BlobError::from)?;
    Ok(Swept { expired: expired.len(), spooled })
}

// The wire type is `api/`'s; building it from a row is the server's.
impl From<&crate::store::attachments::AttachmentRow> for crate::api::attachment::AttachmentInfo {
    fn from(row: &crate::store::attachments::AttachmentRow) -> crate::api::attachment::AttachmentInfo {
        let dimension = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
        crate::api::attachment::AttachmentInfo {
            id: row.id,
            name: row.name.clone(),
            kind: row.kind,
            size: u64::try_from(row.size).unwrap_or_default(),
            width: dimension(row.width),
            height: dimension(row.height),
            thumbnail: row.thumbnail_key.is_some(),
        }
    }
}
