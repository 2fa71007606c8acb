//! The sprints page (`/sprints`, SPEC §5): every sprint with its dates,
//! goal, load against capacity and planned tickets, the ones whose SLA
//! deadline falls before the sprint ends flagged; leads create and change
//! sprints here and plan tickets into them from the ticket page.

mod page;

pub use page::SprintsPage;
