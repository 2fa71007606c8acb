//! The wire types: what server functions answer and the UI shows. Plain
//! serde types over domain types, shared by the server (which builds them in
//! `service::read`) and the browser (which draws them); they import nothing
//! but `domain/`, so the UI folders and the server functions both depend on
//! them and never on each other's insides.

pub mod archive;
pub mod attachment;
pub mod board;
pub mod reports;
pub mod sprint_plan;
pub mod sprints;
pub mod ticket_page;
