//! The ticket page: every field, the SLA timeline, comments, history and the
//! moves this user may make.

#[cfg(feature = "ssr")]
pub mod assemble;
pub mod comment_body;
mod comments;
mod edits;
mod history;
pub mod model;
mod page;
mod presence;
mod sla_section;
mod sort;

pub use page::TicketPage;
