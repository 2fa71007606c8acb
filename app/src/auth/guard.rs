//! The checks every server function starts with. The caller's identity,
//! role and organisation come from the session only, never from the request.

use super::backend::AuthSession;
use super::user::CurrentUser;
use crate::domain::ticket::Permission;
use crate::error::AppError;

/// The session of the request being served.
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|e| AppError::internal(format!("no auth session in the request: {e}")))
}

/// The signed-in caller, or a 401.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    match auth_session().await?.user {
        Some(session_user) => Ok(session_user.user),
        None => Err(AppError::NotSignedIn),
    }
}

/// The signed-in caller holding `permission` (asked of `Role::can`), or a
/// 401 / 403.
pub async fn require(permission: Permission) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if user.can(permission) {
        Ok(user)
    } else {
        Err(AppError::Forbidden(None))
    }
}

/// The signed-in caller holding at least one of `permissions`, or a 401 /
/// 403: for functions that serve several roles for different reasons.
pub async fn require_any(permissions: &[Permission]) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if permissions.iter().any(|p| user.can(*p)) {
        Ok(user)
    } else {
        Err(AppError::Forbidden(None))
    }
}
