//! The planning view's read model (`/sprints/<id>/plan`, issue 16): the
//! backlog by urgency, the plan in its order with the breach forecast, the
//! closed sprint's report, and the burndown and velocity.

use super::chart_svg::{self, ChartWords};
use crate::api::sprint_plan::{
    BurndownPoint, PlanCard, ReportLine, SprintCharts, SprintHead, SprintPlanPage, SprintRef, SprintReport,
    VelocityBar,
};
use crate::auth::CurrentUser;
use crate::domain::sla::BusinessCalendar;
use crate::domain::sprint::SprintPhase;
use crate::domain::sprint_forecast::{forecast, urgency_key, ResolutionOutlook, SprintSchedule};
use crate::domain::sprint_plan::{is_finished, Outcome, SlaOutcome};
use crate::domain::ticket::{ticket_key, Permission, Status};
use crate::i18n::{Locale, Msg};
use crate::service::sla::desk_calendar;
use crate::service::sla::{ticket_clock, ticket_terms};
use crate::service::sprint_plan::open_sprints;
use crate::service::ServiceError;
use crate::store::board::TicketRow;
use crate::store::sprint_plan as plans;
use crate::store::sprints::SprintRow;
use crate::store::{board_tickets, Store, StoreError};
use chrono::{DateTime, Utc};

/// How many closed sprints the velocity shows.
pub const VELOCITY_SPRINTS: usize = 6;

/// Sprints are the desk's: agents read them, clients and admins do not.
fn require_reader(user: &CurrentUser) -> Result<(), ServiceError> {
    if user.can(Permission::StartWork) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn head(s: &SprintRow, now: DateTime<Utc>) -> SprintHead {
    SprintHead {
        id: s.id,
        name: s.name.clone(),
        goal: s.goal.clone(),
        starts_on: day(s.days.starts_on),
        ends_on: day(s.days.ends_on),
        capacity_hours: s.capacity_hours,
        phase: SprintPhase::of(s.days, now.date_naive()),
        closed: s.closed_at.is_some(),
    }
}

/// The sprint's working days on `desk`, the desk's calendar.
fn schedule(s: &SprintRow, desk: &BusinessCalendar) -> SprintSchedule {
    SprintSchedule::new(desk, s.days.starts_on, s.days.ends_on, s.capacity_hours)
}

/// A ticket as the planning view shows it, its resolution clock read at
/// `now`; a ticket whose terms cannot be read shows without a deadline.
pub fn card(row: &TicketRow, now: DateTime<Utc>) -> PlanCard {
    let reading = ticket_terms(row).ok().and_then(|terms| {
        let status = ticket_clock(row, &terms).ok()?.status(now).ok()?;
        let r = status.resolution?;
        let due_local = r.due.map(|d| terms.calendar.local(d).format("%Y-%m-%d %H:%M %Z").to_string());
        Some((r, due_local))
    });
    let (resolution, remaining_secs, due_local) = match &reading {
        Some((r, due_local)) => (ResolutionOutlook::of(Some(r)), Some(r.remaining_secs), due_local.clone()),
        None => (ResolutionOutlook::NoTarget, None, None),
    };
    PlanCard {
        id: row.id,
        key: ticket_key(row.number),
        title: row.title.clone(),
        status: row.status,
        priority: row.priority,
        version: row.version,
        estimate_hours: row.estimate_hours,
        resolution,
        remaining_secs,
        due_local,
    }
}

async fn sprint(store: &Store, id: i64) -> Result<SprintRow, ServiceError> {
    crate::store::sprints::get(&store.pool, id).await?.ok_or(ServiceError::NotFound)
}

/// The planning view of sprint `id` for `user` at `now`.
pub async fn plan_page(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<SprintPlanPage, ServiceError> {
    require_reader(user)?;
    let s = sprint(store, id).await?;
    let rows = board_tickets(store, None).await?;
    let order = plans::order_of(store, id).await?;
    let mut backlog: Vec<PlanCard> = rows
        .iter()
        .filter(|r| r.status == Status::Backlog && r.sprint_id.is_none())
        .map(|r| card(r, now))
        .collect();
    backlog.sort_by_key(|c| urgency_key(c.resolution, c.remaining_secs, c.id));
    let mut planned: Vec<PlanCard> =
        rows.iter().filter(|r| r.sprint_id == Some(id)).map(|r| card(r, now)).collect();
    planned.sort_by_key(|c| order.iter().position(|o| *o == c.id).unwrap_or(usize::MAX));
    let desk = desk_calendar(store).await?;
    let schedule = schedule(&s, &desk);
    let work: Vec<_> = planned.iter().filter(|c| !is_finished(c.status)).map(|c| c.work()).collect();
    let forecast = forecast(&schedule, &work, now);
    let mut tx = store.begin().await?;
    let open = open_sprints(&mut tx, now).await?;
    tx.commit().await?;
    let next_sprint = open
        .iter()
        .find(|n| n.days.starts_on > s.days.ends_on)
        .map(|n| SprintRef { id: n.id, name: n.name.clone() });
    let report = match s.closed_at {
        Some(_) => Some(report(store, id).await?),
        None => None,
    };
    Ok(SprintPlanPage {
        sprint: head(&s, now),
        can_plan: user.can(Permission::ManageSprints) && s.closed_at.is_none(),
        now,
        zone: desk.tz().name().to_string(),
        schedule,
        backlog,
        planned,
        forecast,
        open_sprints: open.iter().map(|o| SprintRef { id: o.id, name: o.name.clone() }).collect(),
        next_sprint,
        report,
    })
}

async fn report(store: &Store, id: i64) -> Result<SprintReport, StoreError> {
    let rows = plans::outcomes(store, id).await?;
    Ok(SprintReport {
        done_hours: rows.iter().filter(|r| r.outcome == Outcome::Done).filter_map(|r| r.estimate_hours).sum(),
        sla_met: rows.iter().filter(|r| r.sla == SlaOutcome::Met).count(),
        sla_breached: rows.iter().filter(|r| r.sla == SlaOutcome::Breached).count(),
        lines: rows
            .into_iter()
            .map(|r| ReportLine {
                key: ticket_key(r.number),
                title: r.title,
                outcome: r.outcome,
                estimate_hours: r.estimate_hours,
                sla: r.sla,
            })
            .collect(),
    })
}

/// The burndown of sprint `id` (remaining estimate at the end of each of
/// its working days, up to `now` or its close, against the ideal line) and
/// the velocity of the last closed sprints, drawn in `locale`.
pub async fn charts(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<SprintCharts, ServiceError> {
    require_reader(user)?;
    let s = sprint(store, id).await?;
    // A closed sprint's work is what it had at the close.
    let work: Vec<(i64, i64)> = match s.closed_at {
        Some(_) => plans::outcomes(store, id)
            .await?
            .iter()
            .map(|o| (o.ticket_id, o.estimate_hours.unwrap_or(0)))
            .collect(),
        None => {
            let mut tx = store.begin().await?;
            let planned = plans::planned_in(&mut tx, id).await?;
            tx.commit().await?;
            planned.iter().map(|p| (p.ticket_id, p.estimate_hours.unwrap_or(0))).collect()
        }
    };
    let until = s.closed_at.and_then(|t| DateTime::from_timestamp(t, 0)).unwrap_or(now).timestamp();
    let ids: Vec<i64> = work.iter().map(|w| w.0).collect();
    let finished = plans::finished_at(store, &ids).await?;
    let total: i64 = work.iter().map(|w| w.1).sum();
    let remaining_at = |t: i64| {
        total
            - work
                .iter()
                .filter(|(id, _)| finished.iter().any(|(f, at)| f == id && *at <= t))
                .map(|w| w.1)
                .sum::<i64>()
    };
    let sched = schedule(&s, &desk_calendar(store).await?);
    let days: Vec<_> = sched.days.iter().filter(|d| d.date <= sched.last_day).collect();
    let n = days.len().max(1) as f64;
    let start = days.first().and_then(|d| d.intervals.first()).map_or(i64::MAX, |x| x.0);
    let mut burndown = vec![BurndownPoint {
        day: day(s.days.starts_on),
        remaining: (start <= until).then(|| remaining_at(start)),
        ideal: total as f64,
    }];
    for (i, d) in days.iter().enumerate() {
        let (first, end) = (d.intervals.first().map_or(0, |x| x.0), d.intervals.last().map_or(0, |x| x.1));
        let shown = if end <= until { Some(end) } else { (first <= until).then_some(until) };
        burndown.push(BurndownPoint {
            day: day(d.date),
            remaining: shown.map(remaining_at),
            ideal: total as f64 * (1.0 - (i + 1) as f64 / n),
        });
    }
    let mut closed: Vec<SprintRow> =
        crate::store::sprints::list(store).await?.into_iter().filter(|x| x.closed_at.is_some()).collect();
    closed.sort_by_key(|x| x.days.starts_on);
    let done = plans::done_hours(store).await?;
    let velocity: Vec<VelocityBar> = closed
        .iter()
        .skip(closed.len().saturating_sub(VELOCITY_SPRINTS))
        .map(|x| VelocityBar {
            sprint: x.name.clone(),
            done_hours: done.iter().find(|(id, _)| *id == x.id).map_or(0, |d| d.1),
        })
        .collect();
    let hours = Msg::ChartHours.text(locale);
    let burndown_svg = chart_svg::burndown(
        &burndown,
        &ChartWords {
            title: Msg::ChartBurndown.text(locale),
            series: Msg::ChartRemaining.text(locale),
            ideal: Msg::ChartIdeal.text(locale),
            unit: hours,
            start: Msg::ChartStart.text(locale),
        },
    );
    let velocity_svg = chart_svg::velocity(
        &velocity,
        &ChartWords {
            title: Msg::ChartVelocity.text(locale),
            series: Msg::ChartDoneEstimate.text(locale),
            ideal: "",
            unit: hours,
            start: "",
        },
    );
    Ok(SprintCharts { burndown, velocity, burndown_svg, velocity_svg })
}
