//! Ticket screens: the ticket page and the create form.

pub mod create;
pub mod detail;
