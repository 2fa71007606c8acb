//! The sprints page: every sprint, the latest first, with the tickets
//! planned into it and which resolution deadlines fall before its end.

use crate::api::sprints::{PlannedTicket, SprintItem, SprintsPage};
use crate::auth::CurrentUser;
use crate::service::ServiceError;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// The sprints as `user` (an agent) sees them at `now`.
pub async fn list(
    store: &Store,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<SprintsPage, ServiceError> {
    use crate::domain::admin::contract_terms::period_of_days;
    use crate::domain::sprint::SprintPhase;
    use crate::domain::sprint_forecast::{due_before_end, ResolutionOutlook};
    use crate::domain::ticket::Permission;

    let rows = crate::store::board_tickets(store, None).await?;
    let sprints = crate::store::sprints::list(store).await?;
    let desk = crate::service::sla::desk_calendar(store).await?;
    let mut items = Vec::with_capacity(sprints.len());
    for s in sprints {
        // The sprint ends when its last day ends on the desk's calendar.
        let end = period_of_days(s.days.starts_on, Some(s.days.ends_on), desk.tz()).to;
        let end = end.and_then(|t| DateTime::from_timestamp(t, 0)).unwrap_or(now);
        let mut tickets = Vec::new();
        for row in rows.iter().filter(|r| r.sprint_id == Some(s.id)) {
            // The resolution clock: the one a sprint's work can still miss.
            let card = super::sprint_plan::card(row, now);
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
