//! The pure domain: no Leptos, no database. Server and browser run this same
//! code, so every rule here is testable natively and identical in WASM.

pub mod admin;
pub mod attachment;
pub mod contract;
pub mod credentials;
pub mod day;
pub mod escalation;
pub mod event;
pub mod extension;
pub mod mail;
pub mod notify;
pub mod quality;
pub mod report;
pub mod sla;
pub mod sprint;
pub mod sprint_forecast;
pub mod sprint_plan;
pub mod text;
pub mod ticket;
