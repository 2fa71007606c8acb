//! The Archive: closed tickets (accepted, archived after release, rejected),
//! searchable by id and title, a page at a time.

#[cfg(feature = "ssr")]
pub mod listing;
pub mod model;
mod page;

pub use page::ArchivePage;
