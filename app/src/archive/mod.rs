//! The Archive: closed tickets (accepted, archived after release, rejected),
//! searchable by id and title, a page at a time.

mod page;

pub use page::ArchivePage;
