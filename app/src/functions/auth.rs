//! Signing in and out: `POST /api/auth/login`, `/api/auth/logout`,
//! `/api/auth/me`.

use crate::auth::{CurrentUser, StrictArgs};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Signs in with an email and a password and answers the user. Every
/// refusal reads the same whether or not the account exists; too many
/// attempts for the account or from the address answer 429 without the
/// password being checked at all.
#[server(prefix = "/api", endpoint = "auth/login", input = Json, custom = StrictArgs)]
pub async fn login(email: String, password: String) -> Result<CurrentUser, crate::error::AppError> {
    use crate::auth::backend::{AuthError, Credentials};
    use crate::auth::guard::auth_session;
    use crate::auth::normal_email;
    use crate::auth::password::HashingError;
    use crate::auth::throttle::{self, Admission, ClientIp};
    use crate::error::AppError;

    let store = super::store()?;
    let axum::Extension(ClientIp(ip)) = leptos_axum::extract::<axum::Extension<ClientIp>>()
        .await
        .map_err(|e| super::internal(format!("the server did not record the client address: {e}")))?;
    let email = normal_email(&email);
    if !crate::domain::credentials::could_sign_in(&email, &password) {
        return Err(AppError::WrongCredentials);
    }
    let now = chrono::Utc::now().timestamp();
    if throttle::admit(&store, ip, &email, now).await.map_err(super::internal)? == Admission::Throttled {
        tracing::warn!(%ip, "sign-in throttled");
        return Err(AppError::TooManyAttempts);
    }
    let mut session = auth_session().await?;
    let checked = session.authenticate(Credentials { email: email.clone(), password }).await;
    let Some(user) = checked.map_err(|e| match e {
        axum_login::Error::Backend(AuthError::Hashing(HashingError::Busy)) => AppError::Busy,
        other => super::internal(other),
    })?
    else {
        return Err(AppError::WrongCredentials);
    };
    // A new session id whatever the request came with: a planted or an
    // earlier session id must not become this user's (session fixation).
    session.session.cycle_id().await.map_err(super::internal)?;
    session.login(&user).await.map_err(super::internal)?;
    throttle::succeeded(&store, ip, &email, now).await.map_err(super::internal)?;
    tracing::info!(user = user.user.id, "signed in");
    Ok(user.user)
}

/// Signs out: the session is deleted on the server, so its cookie is
/// worthless from now on, wherever a copy of it went.
#[server(prefix = "/api", endpoint = "auth/logout", input = Json, custom = StrictArgs)]
pub async fn logout() -> Result<(), crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let mut session = crate::auth::guard::auth_session().await?;
    session.logout().await.map_err(super::internal)?;
    tracing::info!(user = user.id, "signed out");
    Ok(())
}

/// The signed-in user, or 401.
#[server(prefix = "/api", endpoint = "auth/me", input = Json, custom = StrictArgs)]
pub async fn me() -> Result<CurrentUser, crate::error::AppError> {
    crate::auth::require_user().await
}
