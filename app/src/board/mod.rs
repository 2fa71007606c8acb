//! The shared Kanban board.

#[cfg(feature = "ssr")]
pub mod assemble;
mod card;
mod column;
pub mod filter;
mod filter_bar;
pub mod live;
pub mod model;
mod moves;
mod page;
pub mod sla_badge;

pub use page::BoardPage;
