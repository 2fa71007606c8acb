//! Accounts, sessions and the checks every server function makes.
//!
//! - [`CurrentUser`]: who is signed in, as the API and the UI see them.
//! - [`StrictArgs`]: server-function arguments that refuse unknown fields.
//! - server only: [`require_user`], [`require`] and [`require_any`]
//!   (the guards), `backend` (axum-login), `password` (argon2id),
//!   `throttle` (sign-in attempt limits).

mod strict_args;
mod user;

#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod throttle;

pub use crate::domain::credentials::{
    normal_email, CredentialError, Email, NewPassword, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};
pub use strict_args::StrictArgs;
pub use user::{Audience, CurrentUser, OrganisationRef, TicketScope};

#[cfg(feature = "ssr")]
pub use guard::{require, require_any, require_user};

/// The English sentences of the sign-in and access errors (the API's
/// `message`; the UI words the variants itself).
pub use crate::error::{FORBIDDEN, NOT_SIGNED_IN, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS};
/// The demo accounts' password (demo mode only; README "Demo accounts").
#[cfg(feature = "ssr")]
pub use crate::store::demo::DEMO_PASSWORD;
