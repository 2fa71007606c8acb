//! The sprints page (`/sprints`, SPEC §5): every sprint with its dates,
//! goal, load against capacity and planned tickets, the ones whose SLA
//! deadline falls before the sprint ends flagged; leads create and change
//! sprints here and plan tickets into them from the ticket page and the
//! planning view (`/sprints/<id>/plan`, issue 16).

mod page;
mod plan_page;

pub use page::SprintsPage;
pub use plan_page::SprintPlanPageView;
