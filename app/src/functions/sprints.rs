//! Sprints (SPEC §5): the list with each sprint's planned tickets and how
//! their SLA deadlines fall against the sprint's end, and the lead's form.

#![allow(clippy::too_many_arguments)]

use crate::domain::sprint::SprintPhase;
use crate::domain::ticket::Status;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintsPage {
    /// The caller may create and change sprints (leads).
    pub can_manage: bool,
    pub sprints: Vec<SprintItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SprintItem {
    pub id: i64,
    pub name: String,
    pub goal: String,
    /// `YYYY-MM-DD`, the first and the last day.
    pub starts_on: String,
    pub ends_on: String,
    pub length_days: i64,
    pub capacity_hours: i64,
    pub phase: SprintPhase,
    /// Closed by the lead: read-only (issue 16).
    #[serde(default)]
    pub closed: bool,
    /// The sum of the planned tickets' estimates.
    pub estimated_hours: i64,
    pub tickets: Vec<PlannedTicket>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedTicket {
    pub key: String,
    pub title: String,
    pub status: Status,
    pub estimate_hours: Option<i64>,
    /// The resolution deadline, while that clock runs.
    pub due: Option<DateTime<Utc>>,
    /// `due` on the ticket's calendar, with its zone (`2026-12-09 15:00 MSK`).
    #[serde(default)]
    pub due_local: Option<String>,
    /// The deadline falls before the sprint ends and can still be missed
    /// (SPEC §5: flagged; met, paused and passed clocks are not).
    pub due_before_end: bool,
}

/// `POST /api/sprints/list`: every sprint, the latest first, with the
/// tickets planned into it. Agents only; clients get 403.
#[server(prefix = "/api", endpoint = "sprints/list", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_sprints() -> Result<SprintsPage, crate::error::AppError> {
    use crate::domain::admin::contract_terms::period_of_days;
    use crate::domain::contract::desk_calendar;
    use crate::domain::sprint_forecast::{due_before_end, ResolutionOutlook};
    use crate::domain::ticket::Permission;

    let user = crate::auth::require(Permission::StartWork).await?;
    let store = super::store()?;
    let now = Utc::now();
    let rows = crate::store::board_tickets(&store, None).await.map_err(super::internal)?;
    let sprints = crate::store::sprints::list(&store).await.map_err(super::internal)?;
    let mut items = Vec::with_capacity(sprints.len());
    for s in sprints {
        // The sprint ends when its last day ends on the desk's calendar.
        let end = period_of_days(s.days.starts_on, Some(s.days.ends_on), desk_calendar().tz()).to;
        let end = end.and_then(|t| DateTime::from_timestamp(t, 0)).unwrap_or(now);
        let mut tickets = Vec::new();
        for row in rows.iter().filter(|r| r.sprint_id == Some(s.id)) {
            // The resolution clock: the one a sprint's work can still miss.
            let card = crate::service::sprint_plan_view::card(row, now);
            let due = match card.resolution {
                ResolutionOutlook::Running { due } => Some(due),
                _ => None,
            };
            tickets.push(PlannedTicket {
                key: card.key,
                title: card.title,
                status: row.status,
                estimate_hours: row.estimate_hours.map(i64::from),
                due,
                due_local: card.due_local,
                due_before_end: due_before_end(card.resolution, end, now),
            });
        }
        items.push(SprintItem {
            id: s.id,
            estimated_hours: tickets.iter().filter_map(|t| t.estimate_hours).sum(),
            name: s.name,
            goal: s.goal,
            starts_on: s.days.starts_on.format("%Y-%m-%d").to_string(),
            ends_on: s.days.ends_on.format("%Y-%m-%d").to_string(),
            length_days: (s.days.ends_on - s.days.starts_on).num_days() + 1,
            capacity_hours: s.capacity_hours,
            phase: SprintPhase::of(s.days, now.date_naive()),
            closed: s.closed_at.is_some(),
            tickets,
        });
    }
    Ok(SprintsPage { can_manage: user.can(Permission::ManageSprints), sprints: items })
}

/// `POST /api/sprints/save`: creates (no `id`) or changes a sprint: name,
/// goal, first day (`YYYY-MM-DD`), length in days (1–60, usually 14) and
/// capacity in working hours. Sprints may not overlap. Leads only.
#[server(prefix = "/api", endpoint = "sprints/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_sprint(
    #[server(default)] id: Option<i64>,
    #[server(default)] name: String,
    #[server(default)] goal: String,
    #[server(default)] starts_on: String,
    length_days: i64,
    capacity_hours: i64,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::admin::{FormErrors, Problem};
    use crate::domain::sprint::SprintDraft;
    use crate::domain::ticket::Permission;
    use crate::store::admin::Saved;

    crate::auth::require(Permission::ManageSprints).await?;
    let store = super::store()?;
    // A closed sprint is read-only (issue 16).
    if let Some(id) = id {
        if crate::store::sprints::get(&store, id)
            .await
            .map_err(super::internal)?
            .is_some_and(|s| s.closed_at.is_some())
        {
            let e = crate::domain::sprint_plan::PlanError::SprintClosed;
            return Err(crate::error::AppError::Refused(crate::error::Reason::new(e.code(), e.to_string())));
        }
    }
    let others = crate::store::sprints::other_days(&store, id).await.map_err(super::internal)?;
    let draft = SprintDraft { name, goal, starts_on, length_days, capacity_hours };
    let invalid = |e: &FormErrors| crate::error::AppError::from(e.clone());
    let sprint = draft.validate(&others).map_err(|e| invalid(&e))?;
    let now = Utc::now().timestamp();
    match crate::store::sprints::save(&store, id, &sprint, now).await.map_err(super::internal)? {
        Saved::Saved(id) => Ok(id),
        Saved::Taken => {
            let mut e = FormErrors::default();
            e.push("name", Problem::Taken);
            Err(invalid(&e))
        }
        Saved::Missing => Err(crate::error::AppError::NotFound),
    }
}
