//! HTTP-level tests: each spawns the real application on a random port with a
//! fresh database, on SQLite and on PostgreSQL.

mod accounts;
mod admin;
mod archive;
mod attachments;
mod board;
mod calendars;
mod cli;
mod create_ticket;
mod durability;
mod escalations;
mod events;
mod extensions;
mod hardening;
mod helpers;
mod live;
mod mail_intake;
mod mail_out;
mod mail_server;
mod migrations;
mod quality_reports;
mod security;
mod sla_milestones;
mod sla_preview;
mod sprint_plan;
mod sprints;
mod ticket_edits;
mod ticket_level;
mod ticket_page;
mod tickets;
mod transport;
