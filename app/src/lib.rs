//! SLA Board: the shared crate. `domain` is pure Rust run by both server and
//! browser; `board` holds the UI; `functions` the server functions (the
//! `/api/` surface); `store` the database (server only).

#![recursion_limit = "256"]

pub mod admin;
pub mod api;
pub mod app;
/// The pure rules, in their own crate (`domain/`) so that they build and
/// test in seconds and import nothing of the app; reached as `crate::domain`.
pub use domain;
pub mod archive;
pub mod auth;
pub mod board;
pub mod clock;
pub mod error;
#[cfg(feature = "ssr")]
pub mod files;
pub mod functions;
pub mod i18n;
pub mod labels;
pub mod live;
pub mod locale;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod reports;
#[cfg(feature = "ssr")]
pub mod service;
pub mod session;
pub mod settings;
pub mod sprints;
#[cfg(feature = "ssr")]
pub mod store;
pub mod tickets;
pub mod viewer_zone;

pub use app::{shell, App};
