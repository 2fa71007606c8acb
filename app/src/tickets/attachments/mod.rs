//! Attachments in the UI: the files shown on a ticket and its comments,
//! and the picker that uploads them (drag a file in, paste a screenshot,
//! or choose one) for a comment or a new ticket.

mod list;
mod picker;
mod upload;

pub use list::AttachmentList;
pub use picker::{AttachmentPicker, Pending};
