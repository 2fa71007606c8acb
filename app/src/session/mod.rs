//! Signing in and out in the UI: the sign-in page, the guard that sends a
//! signed-out visitor there (and back where they were going), and the
//! user's menu in the top bar. The checks themselves are the server's
//! (`auth`).

mod login_page;
pub mod return_to;
mod signed_in;

pub use login_page::LoginPage;
pub use signed_in::{RequireSignIn, UserMenu};
