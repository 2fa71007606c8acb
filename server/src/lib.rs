//! The SLA Board server: configuration, start-up, sessions and HTTP
//! hardening, as a library so tests can spawn the real application.

pub mod accounts;
pub mod api_session;
pub mod attachments;
pub mod backup;
pub mod config;
pub mod live;
pub mod mail;
pub mod memory;
pub mod object_storage;
pub mod request_body;
pub mod second_line;
pub mod security;
pub mod session_touch;
pub mod sessions;
pub mod startup;
pub mod static_files;
