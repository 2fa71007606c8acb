//! The shared Kanban board.

mod card;
mod column;
pub mod escalation_chip;
pub mod filter;
mod filter_bar;
pub mod live;
mod moves;
mod page;
pub mod sla_badge;

pub use page::BoardPage;
