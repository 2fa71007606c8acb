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
    /// The running SLA clock's deadline, if one runs.
    pub due: Option<DateTime<Utc>>,
    /// The deadline falls before the sprint ends (SPEC §5: flagged).
    pub due_before_end: bool,
}

/// `POST /api/sprints/list`: every sprint, the latest first, with the
/// tickets planned into it. Agents only; clients get 403.
#[server(prefix = "/api", endpoint = "sprints/list", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_sprints() -> Result<SprintsPage, crate::error::AppError> {
    use crate::domain::admin::contract_terms::period_of_days;
    use crate::domain::sprint::due_before_sprint_end;
    use crate::domain::ticket::ticket_key;
    use crate::domain::ticket::Permission;
    use crate::service::read::board::ticket_countdown;
    use crate::service::sla::ticket_terms;

    let user = crate::auth::require(Permission::StartWork).await?;
    let store = super::store()?;
    let now = Utc::now();
    let rows = crate::store::board_tickets(&store, None).await.map_err(super::internal)?;
    let sprints = crate::store::sprints::list(&store).await.map_err(super::internal)?;
    let mut items = Vec::with_capacity(sprints.len());
    for s in sprints {
        let mut tickets = Vec::new();
        for row in rows.iter().filter(|r| r.sprint_id == Some(s.id)) {
            let terms = ticket_terms(row).map_err(super::internal)?;
            let due = ticket_countdown(row, &terms, now).map_err(super::internal)?.map(|c| c.due);
            // The sprint ends when its last day ends on the ticket's calendar.
            let end = period_of_days(s.days.starts_on, Some(s.days.ends_on), terms.calendar.tz()).to;
            let end = end.and_then(|t| DateTime::from_timestamp(t, 0)).unwrap_or(now);
            tickets.push(PlannedTicket {
                key: ticket_key(row.number),
                title: row.title.clone(),
                status: row.status,
                estimate_hours: row.estimate_hours.map(i64::from),
                due,
                due_before_end: due_before_sprint_end(due, end),
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
