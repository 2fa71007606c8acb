//! The admin area (`/admin/<section>`): organisations, contracts, calendars,
//! SLA policies, second-line departments, users and roles, reply templates.
//! Each section is a table and a form; the forms check the domain's rules
//! as the admin types and the server checks them again (`functions::admin`).

mod accounts;
mod calendar_editor;
mod calendar_grid;
mod calendar_notes;
mod calendars;
mod contracts;
mod departments;
pub(crate) mod form;
mod mail_in;
mod organisations;
mod outbox;
mod page;
mod policies;
mod policy_draft;
mod templates;

pub use page::{AdminPage, Section};
