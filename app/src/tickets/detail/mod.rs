//! The ticket page: every field, the SLA timeline, comments, history and the
//! moves this user may make.

mod comments;
mod edits;
mod escalations;
mod extension;
mod history;
mod page;
mod presence;
mod rating;
mod sla_section;
mod sort;

pub use page::TicketPage;
