//! The axum-login backend: how an email and password become a signed-in
//! user, and how a session's user id becomes one again on every request.

use super::password;
use super::user::{CurrentUser, OrganisationRef};
use crate::store::users::{self, UserRecord};
use crate::store::{Store, StoreError};
use thiserror::Error;

/// What the session layer puts into each request: the signed-in user, if
/// any, and the means to sign in and out.
pub type AuthSession = axum_login::AuthSession<AuthBackend>;

#[derive(Debug, Clone)]
pub struct AuthBackend {
    store: Store,
}

impl AuthBackend {
    pub fn new(store: Store) -> AuthBackend {
        AuthBackend { store }
    }
}

/// A user as the session layer keeps them.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: CurrentUser,
    /// The stored password hash and the account's session generation:
    /// axum-login compares them with those saved in the session, so a
    /// password change, a disable and an enable each end every older
    /// session (axum-login deletes it at its next use).
    auth_hash: Vec<u8>,
}

impl axum_login::AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.user.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// An email (in normal form) and a password, as typed.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Error)]
pub enum AuthError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hashing(#[from] password::HashingError),
}

/// The session form of an account that may sign in: active, with a password.
fn session_user(record: UserRecord) -> Option<SessionUser> {
    if record.disabled {
        return None;
    }
    let hash = record.password_hash?;
    let organisation = match (record.organisation_id, record.organisation_name) {
        (Some(id), Some(name)) => Some(OrganisationRef { id, name }),
        _ => None,
    };
    Some(SessionUser {
        user: CurrentUser {
            id: record.id,
            email: record.email,
            name: record.name,
            role: record.role,
            organisation,
        },
        auth_hash: format!("{hash}#{}", record.session_generation).into_bytes(),
    })
}

impl axum_login::AuthnBackend for AuthBackend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AuthError> {
        let record = users::by_email(&self.store, &creds.email).await?;
        // The hash is checked even for a disabled account, and a dummy one
        // for an unknown email: every refusal costs the same time.
        let stored = record.as_ref().and_then(|r| r.password_hash.clone());
        let matches = password::verify(creds.password, stored).await?;
        Ok(if matches { record.and_then(session_user) } else { None })
    }

    async fn get_user(&self, id: &i64) -> Result<Option<SessionUser>, AuthError> {
        Ok(users::by_id(&self.store, *id).await?.and_then(session_user))
    }
}
