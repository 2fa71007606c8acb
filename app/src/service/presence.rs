//! Who has a ticket open: each open ticket page says so every 15 seconds
//! and hears who else has it open.

use crate::api::ticket_page::Viewer;
use crate::auth::CurrentUser;
use crate::domain::ticket::Permission;
use crate::service::{admit_read, reader_scope, ServiceError};
use crate::store::{presence, Store};
use chrono::{DateTime, Utc};

/// How long a ticket page counts as open after its last call (it calls
/// every 15 seconds).
const PRESENCE_WINDOW_SECS: i64 = 45;

/// Notes that `user` has ticket `id` open at `now` and answers who else
/// has. Agents see everyone (colleagues, and the client's people): it is
/// the desk's guard against two agents answering at once. A client is
/// counted but sees nobody. Another organisation's ticket is `NotFound`,
/// like a missing one.
pub async fn open(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Viewer>, ServiceError> {
    reader_scope(user)?;
    let organisation = crate::store::tickets::organisation_of(&store.pool, id).await?;
    admit_read(user, organisation.ok_or(ServiceError::NotFound)?)?;
    let now = now.timestamp();
    presence::touch(store, id, user.id, now).await?;
    if !user.can(Permission::SeeInternal) {
        return Ok(Vec::new());
    }
    let viewers = presence::viewers(store, id, now - PRESENCE_WINDOW_SECS, user.id).await?;
    Ok(viewers.into_iter().map(|v| Viewer { name: v.name, role: v.role }).collect())
}
