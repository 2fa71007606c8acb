//! Tickets: their vocabulary (status, priority, category…) and the lifecycle.

mod actor;
mod kind;
mod lifecycle;

pub use actor::{Actor, Permission, Role};
pub use kind::{Category, Channel, Priority, Status, UnknownValue, WaitingReason};
pub use lifecycle::{
    allowed_moves, auto_archive_at, can_wait, check_move, transition, Command, TransitionError,
    AUTO_ARCHIVE_AFTER_DAYS,
};
