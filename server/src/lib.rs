//! The SLA Board server: configuration and start-up, as a library so tests
//! can spawn the real application.

pub mod api_errors;
pub mod config;
pub mod startup;
