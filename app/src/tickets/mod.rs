//! Ticket screens: the ticket page and the create form.

pub mod attachments;
pub mod create;
pub mod detail;
