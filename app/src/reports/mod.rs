//! The leads' reports (`/reports`, issue 15): SLA compliance, breaches,
//! reopens, first-response times and the quality score of a month.

mod csv;
mod page;

pub use page::ReportsPage;
