//! Sprint planning (issue 16): the planning view, planning and unplanning
//! tickets, the plan's order, closing a sprint, and its charts. Leads plan;
//! agents read; clients and admins get 403.

use crate::api::sprint_plan::{SprintCharts, SprintPlanPage};
use crate::domain::sprint_plan::CarryOver;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The answer to a plan or unplan: the ticket's new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChanged {
    pub id: i64,
    pub version: i64,
}

/// One unfinished ticket's fate at the close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseDecision {
    pub ticket: i64,
    pub to: CarryOver,
}

/// `POST /api/sprints/plan_view`: sprint `id`'s planning view: the backlog
/// by time left on the resolution clock, the plan in its order with the
/// breach forecast, and a closed sprint's report.
#[server(prefix = "/api", endpoint = "sprints/plan_view", input = Json, custom = crate::auth::StrictArgs)]
pub async fn sprint_plan_view(id: i64) -> Result<SprintPlanPage, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::read::sprint_plan::plan_page(&store, &user, id, chrono::Utc::now()).await?)
}

/// `POST /api/sprints/plan`: plans ticket `ticket`, last seen at `version`,
/// into sprint `sprint` — or, without one, into the one open sprint (422
/// `sprint_choice_needed` when several are open, `no_open_sprint` when
/// none). A backlog ticket moves to the Sprint column. Leads only.
#[server(prefix = "/api", endpoint = "sprints/plan", input = Json, custom = crate::auth::StrictArgs)]
pub async fn plan_ticket(
    ticket: i64,
    version: i64,
    #[server(default)] sprint: Option<i64>,
) -> Result<PlanChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let c =
        crate::service::sprint_plan::plan(&store, &user, ticket, version, sprint, chrono::Utc::now()).await?;
    Ok(PlanChanged { id: c.id, version: c.version })
}

/// `POST /api/sprints/unplan`: takes ticket `ticket`, last seen at
/// `version`, out of its sprint; it returns to the Backlog. Leads only.
#[server(prefix = "/api", endpoint = "sprints/unplan", input = Json, custom = crate::auth::StrictArgs)]
pub async fn unplan_ticket(ticket: i64, version: i64) -> Result<PlanChanged, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let c = crate::service::sprint_plan::unplan(&store, &user, ticket, version, chrono::Utc::now()).await?;
    Ok(PlanChanged { id: c.id, version: c.version })
}

/// `POST /api/sprints/reorder`: the sprint's tickets in their new order,
/// each once (409 when the plan changed meanwhile). Leads only.
#[server(prefix = "/api", endpoint = "sprints/reorder", input = Json, custom = crate::auth::StrictArgs)]
pub async fn reorder_sprint(sprint: i64, order: Vec<i64>) -> Result<(), crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::sprint_plan::reorder(&store, &user, sprint, &order).await?)
}

/// `POST /api/sprints/close`: closes sprint `sprint`; `decisions` name each
/// unfinished ticket once, `{"ticket": 7, "to": "next_sprint"}` or
/// `"backlog"`. Afterwards the sprint is read-only. Leads only.
#[server(prefix = "/api", endpoint = "sprints/close", input = Json, custom = crate::auth::StrictArgs)]
pub async fn close_sprint(sprint: i64, decisions: Vec<CloseDecision>) -> Result<(), crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    let decisions: Vec<(i64, CarryOver)> = decisions.iter().map(|d| (d.ticket, d.to)).collect();
    Ok(crate::service::sprint_plan::close(&store, &user, sprint, &decisions, chrono::Utc::now()).await?)
}

/// `POST /api/sprints/charts`: sprint `id`'s burndown and the velocity of
/// the last closed sprints, as numbers and as SVG worded in `locale`.
#[server(prefix = "/api", endpoint = "sprints/charts", input = Json, custom = crate::auth::StrictArgs)]
pub async fn load_sprint_charts(
    id: i64,
    #[server(default)] locale: Locale,
) -> Result<SprintCharts, crate::error::AppError> {
    let user = crate::auth::require_user().await?;
    let store = super::store()?;
    Ok(crate::service::read::sprint_plan::charts(&store, &user, id, locale, chrono::Utc::now()).await?)
}
