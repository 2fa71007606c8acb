//! The shared Kanban board.

#[cfg(feature = "ssr")]
pub mod assemble;
mod card;
mod column;
pub mod model;
mod moves;
mod page;
mod sla_badge;

pub use page::BoardPage;
