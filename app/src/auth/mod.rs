//! Accounts, sessions and the checks every server function makes.
//!
//! - [`CurrentUser`]: who is signed in, as the API and the UI see them.
//! - [`StrictArgs`]: server-function arguments that refuse unknown fields.
//! - [`LoginPage`], [`RequireSignIn`], [`UserMenu`]: the UI.
//! - server only: [`require_user`], [`require`], [`require_any`] and
//!   [`require_ticket_scope`] (the guards), `backend` (axum-login), `password` (argon2id),
//!   `throttle` (sign-in attempt limits).

mod login_page;
mod signed_in;
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
pub use login_page::LoginPage;
pub use signed_in::{RequireSignIn, UserMenu};
pub use strict_args::StrictArgs;
pub use user::{CurrentUser, OrganisationRef, TicketScope};

#[cfg(feature = "ssr")]
pub use guard::{require, require_any, require_ticket_scope, require_user};

/// The one answer to a failed sign-in, whether the email, the password or
/// the account's state was wrong: it must not reveal which accounts exist.
pub const WRONG_CREDENTIALS: &str = "Wrong email or password.";
/// The answer once the attempts for an account or an address run out.
pub const TOO_MANY_ATTEMPTS: &str = "Too many sign-in attempts. Please wait a few minutes and try again.";
/// What a caller who is not signed in is told (401).
pub const NOT_SIGNED_IN: &str = "Please sign in first.";
/// What a caller without the right is told (403).
pub const FORBIDDEN: &str = "You are not allowed to do this.";
/// The demo accounts' password (demo mode only; README "Demo accounts").
#[cfg(feature = "ssr")]
pub use crate::store::demo::DEMO_PASSWORD;
