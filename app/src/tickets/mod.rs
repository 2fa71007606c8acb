//! Ticket screens: the ticket page and the create form.

#[cfg(feature = "ssr")]
pub mod auto_archive;
pub mod create;
pub mod detail;
