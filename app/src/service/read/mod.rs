//! The read models (server only): the board, the ticket page, the sprints
//! and the archive as the caller may see them, built from the store's rows
//! with the same SLA terms and clocks the write path stores milestones
//! from. Server functions call these and send the `api/` types they return.

pub mod archive;
pub mod board;
pub mod chart_svg;
pub mod reports;
pub mod sprint_plan;
pub mod sprints;
pub mod ticket_page;
