//! Sprints (SPEC §5): the list with each sprint's planned tickets and how
//! their SLA deadlines fall against the sprint's end, and the lead's form.

#![allow(clippy::too_many_arguments)]

use crate::api::sprints::SprintsPage;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// `POST /api/sprints/list`: every sprint, the latest first, with the
/// tickets planned into it. Agents only; clients get 403.
#[server(prefix = "/api", endpoint = "sprints/list", input = Json, custom = crate::auth::StrictArgs)]
pub async fn list_sprints() -> Result<SprintsPage, crate::error::AppError> {
    let user = crate::auth::require(crate::domain::ticket::Permission::StartWork).await?;
    let store = super::store()?;
    Ok(crate::service::read::sprints::list(&store, &user, chrono::Utc::now()).await?)
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
        if crate::store::sprints::get(&store.pool, id)
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
    let now = chrono::Utc::now().timestamp();
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
