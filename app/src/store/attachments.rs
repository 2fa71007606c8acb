//! Attachments' rows: uploads waiting for their comment or ticket, files
//! attached, and what one reader may fetch. Whether a file is internal is
//! read from its comment, never stored twice.

use super::{Store, StoreError, Tx};
use crate::domain::attachment::FileKind;
use crate::domain::event::Visibility;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A file stored and checked, about to get its row.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    pub storage_key: &'a str,
    pub thumbnail_key: Option<&'a str>,
    pub name: &'a str,
    pub kind: FileKind,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// `None`: the system.
    pub uploader_id: Option<i64>,
    pub created_at: i64,
}

/// One attachment with what deciding who reads it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentRow {
    pub id: i64,
    pub storage_key: String,
    pub thumbnail_key: Option<String>,
    pub name: String,
    pub kind: FileKind,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub uploader_id: Option<i64>,
    /// `None` while it is a pending upload.
    pub ticket_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub comment_id: Option<i64>,
    /// Its comment's; a file of the ticket itself is public.
    pub visibility: Visibility,
}

const SELECT: &str = "SELECT a.id, a.storage_key, a.thumbnail_key, a.name, a.kind, a.size, a.width, a.height,
                             a.uploader_id, a.ticket_id, t.organisation_id, a.comment_id,
                             COALESCE(c.visibility, 'public') AS visibility
                      FROM attachments a
                      LEFT JOIN tickets t ON t.id = a.ticket_id
                      LEFT JOIN ticket_comments c ON c.id = a.comment_id";

fn decode(r: &AnyRow) -> Result<AttachmentRow, StoreError> {
    let id: i64 = r.try_get("id")?;
    let kind: String = r.try_get("kind")?;
    let visibility: String = r.try_get("visibility")?;
    Ok(AttachmentRow {
        id,
        storage_key: r.try_get("storage_key")?,
        thumbnail_key: r.try_get("thumbnail_key")?,
        name: r.try_get("name")?,
        kind: FileKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("attachment {id} kind {kind}")))?,
        size: r.try_get("size")?,
        width: r.try_get("width")?,
        height: r.try_get("height")?,
        uploader_id: r.try_get("uploader_id")?,
        ticket_id: r.try_get("ticket_id")?,
        organisation_id: r.try_get("organisation_id")?,
        comment_id: r.try_get("comment_id")?,
        visibility: match visibility.as_str() {
            "internal" => Visibility::Internal,
            _ => Visibility::Public,
        },
    })
}

/// Records a checked upload as pending and returns its id. Committed before
/// the bytes are stored, so storage never holds a file without a row.
pub async fn insert_pending(store: &Store, a: &NewAttachment<'_>) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO attachments (storage_key, thumbnail_key, name, kind, size, width, height, uploader_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(a.storage_key)
    .bind(a.thumbnail_key)
    .bind(a.name)
    .bind(a.kind.code())
    .bind(a.size)
    .bind(a.width)
    .bind(a.height)
    .bind(a.uploader_id)
    .bind(a.created_at)
    .fetch_one(&store.pool)
    .await?
    .try_get("id")?)
}

/// How many uploads `uploader_id` holds that nothing took yet.
pub async fn pending_count(store: &Store, uploader_id: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query("SELECT COUNT(*) AS n FROM attachments WHERE uploader_id = $1 AND attached_at IS NULL")
        .bind(uploader_id)
        .fetch_one(&store.pool)
        .await?
        .try_get("n")?)
}

/// The keys a deleted row leaves to remove from storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKeys {
    pub storage_key: String,
    pub thumbnail_key: Option<String>,
}

fn keys(r: &AnyRow) -> Result<StoredKeys, sqlx::Error> {
    Ok(StoredKeys { storage_key: r.try_get("storage_key")?, thumbnail_key: r.try_get("thumbnail_key")? })
}

/// Deletes pending upload `id`, of `uploader_id` only when given; returns
/// its keys, or `None` when there is no such pending upload.
pub async fn delete_pending(
    tx: &mut Tx<'_>,
    id: i64,
    uploader_id: Option<i64>,
) -> Result<Option<StoredKeys>, StoreError> {
    let sql = match uploader_id {
        Some(_) => {
            "DELETE FROM attachments WHERE id = $1 AND attached_at IS NULL AND uploader_id = $2
             RETURNING storage_key, thumbnail_key"
        }
        None => "DELETE FROM attachments WHERE id = $1 AND attached_at IS NULL RETURNING storage_key, thumbnail_key",
    };
    let mut query = sqlx::query(sql).bind(id);
    if let Some(uploader) = uploader_id {
        query = query.bind(uploader);
    }
    Ok(query.fetch_optional(&mut **tx).await?.as_ref().map(keys).transpose()?)
}

/// Deletes up to `limit` pending uploads created before `before` and
/// returns their keys, for the caller to remove from storage before it
/// commits. An upload attached meanwhile is no longer pending and stays.
pub async fn delete_expired_pending(
    tx: &mut Tx<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<StoredKeys>, StoreError> {
    let rows = sqlx::query(
        "DELETE FROM attachments
         WHERE attached_at IS NULL
           AND id IN (SELECT id FROM attachments WHERE attached_at IS NULL AND created_at < $1 ORDER BY id LIMIT $2)
         RETURNING storage_key, thumbnail_key",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.iter().map(keys).collect::<Result<_, _>>()?)
}

/// Attaches pending upload `id` (of `uploader_id` only, when given) to
/// ticket `ticket_id` and, when given, its comment; returns its name, or
/// `None` when there is no such pending upload.
pub async fn attach(
    tx: &mut Tx<'_>,
    id: i64,
    uploader_id: Option<i64>,
    ticket_id: i64,
    comment_id: Option<i64>,
    at: i64,
) -> Result<Option<String>, StoreError> {
    let sql = match uploader_id {
        Some(_) => {
            "UPDATE attachments SET ticket_id = $1, comment_id = $2, attached_at = $3
             WHERE id = $4 AND attached_at IS NULL AND uploader_id = $5 RETURNING name"
        }
        None => {
            "UPDATE attachments SET ticket_id = $1, comment_id = $2, attached_at = $3
             WHERE id = $4 AND attached_at IS NULL RETURNING name"
        }
    };
    let mut query = sqlx::query(sql).bind(ticket_id).bind(comment_id).bind(at).bind(id);
    if let Some(uploader) = uploader_id {
        query = query.bind(uploader);
    }
    Ok(query.fetch_optional(&mut **tx).await?.map(|r| r.try_get("name")).transpose()?)
}

/// Attachment `id`, attached or pending.
pub async fn get(store: &Store, id: i64) -> Result<Option<AttachmentRow>, StoreError> {
    sqlx::query(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .as_ref()
        .map(decode)
        .transpose()
}

/// The files attached to ticket `ticket_id` that a reader who may read up
/// to `readable` sees, in the order they came. Filtered in the query, so an
/// internal note's file never reaches a client's answer.
pub async fn of_ticket(
    store: &Store,
    ticket_id: i64,
    readable: Visibility,
) -> Result<Vec<AttachmentRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.ticket_id = $1 AND COALESCE(c.visibility, 'public') IN ('public', $2) ORDER BY a.id"
    ))
    .bind(ticket_id)
    .bind(readable.code())
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(decode).collect()
}

/// A comment as attaching a file to it needs it: its ticket, author and
/// whether it is an internal note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentOwner {
    pub ticket_id: i64,
    pub author_id: i64,
    pub internal: bool,
}

pub async fn comment_owner(tx: &mut Tx<'_>, comment_id: i64) -> Result<Option<CommentOwner>, StoreError> {
    let row = sqlx::query("SELECT ticket_id, author_id, visibility FROM ticket_comments WHERE id = $1")
        .bind(comment_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| {
        let visibility: String = r.try_get("visibility")?;
        Ok(CommentOwner {
            ticket_id: r.try_get("ticket_id")?,
            author_id: r.try_get("author_id")?,
            internal: visibility == "internal",
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| StoreError::from(e))
}
