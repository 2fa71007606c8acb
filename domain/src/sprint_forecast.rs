//! The breach forecast of a sprint plan (issue 16): the planned tickets
//! worked one after another, in the planned order, at the sprint's capacity
//! spread evenly over the working days of the desk's calendar. Which
//! resolution deadlines would be missed, and by how much working time.
//!
//! Pure and given its working days in UTC, so the browser recomputes it on
//! every reorder with this same code and no tz database (like the SLA
//! countdown, which runs over a precomputed `WorkingTimeline`).

use super::admin::contract_terms::period_of_days;
use super::sla::{counted_intervals, BusinessCalendar, ClockReading, SlaState};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How far past the sprint's end the forecast follows the work, in calendar
/// days: a plan that runs out further than this is late "by more than".
pub const FORECAST_TAIL_DAYS: u64 = 92;

/// One day of the desk's calendar with working time, in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingDay {
    pub date: NaiveDate,
    /// Sorted, disjoint `[from, to)` unix seconds.
    pub intervals: Vec<(i64, i64)>,
}

impl WorkingDay {
    fn secs(&self) -> i64 {
        self.intervals.iter().map(|(a, b)| b - a).sum()
    }

    /// Working seconds of the day before `t`.
    fn secs_before(&self, t: i64) -> i64 {
        self.intervals.iter().map(|&(a, b)| (b.min(t) - a).max(0)).sum()
    }

    /// The instant at which `w` of the day's working seconds are used (the
    /// end of an interval when used up exactly there).
    fn instant_after(&self, w: i64) -> i64 {
        let mut left = w;
        for &(a, b) in &self.intervals {
            if left <= b - a {
                return a + left;
            }
            left -= b - a;
        }
        self.intervals.last().map_or(0, |x| x.1)
    }
}

/// The working days of `cal` from `first` to `last` inclusive; days with no
/// working time (weekends, holidays) are left out.
pub fn working_days(cal: &BusinessCalendar, first: NaiveDate, last: NaiveDate) -> Vec<WorkingDay> {
    let mut out = Vec::new();
    let mut date = first;
    while date <= last {
        let day = period_of_days(date, Some(date), cal.tz());
        let to = day.to.unwrap_or(day.from);
        let intervals = counted_intervals(cal, day.from, to, &[]);
        if !intervals.is_empty() {
            out.push(WorkingDay { date, intervals });
        }
        match date.checked_add_days(Days::new(1)) {
            Some(next) => date = next,
            None => break,
        }
    }
    out
}

/// What the forecast runs on: the desk's working days from the sprint's
/// first day to [`FORECAST_TAIL_DAYS`] after its last, and the capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SprintSchedule {
    pub days: Vec<WorkingDay>,
    /// The sprint's last day (inclusive).
    pub last_day: NaiveDate,
    /// The first instant after the sprint's last day, on the desk's calendar.
    pub sprint_end: DateTime<Utc>,
    /// The team's hours over the whole sprint.
    pub capacity_hours: i64,
}

impl SprintSchedule {
    /// The schedule of a sprint on `cal`, the desk's calendar.
    pub fn new(
        cal: &BusinessCalendar,
        first: NaiveDate,
        last: NaiveDate,
        capacity_hours: i64,
    ) -> SprintSchedule {
        let tail = last.checked_add_days(Days::new(FORECAST_TAIL_DAYS)).unwrap_or(last);
        let end = period_of_days(last, Some(last), cal.tz()).to.unwrap_or_default();
        SprintSchedule {
            days: working_days(cal, first, tail),
            last_day: last,
            sprint_end: DateTime::from_timestamp(end, 0).unwrap_or_default(),
            capacity_hours,
        }
    }

    /// Working days inside the sprint.
    pub fn sprint_days(&self) -> usize {
        self.days.iter().filter(|d| d.date <= self.last_day).count()
    }

    /// Working seconds in `[a, b)` over the schedule's days.
    fn work_between(&self, a: i64, b: i64) -> i64 {
        self.days.iter().flat_map(|d| d.intervals.iter()).map(|&(x, y)| (y.min(b) - x.max(a)).max(0)).sum()
    }
}

/// A planned ticket's resolution clock, as far as the forecast cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "clock", rename_all = "snake_case")]
pub enum ResolutionOutlook {
    /// Running towards `due`.
    Running { due: DateTime<Utc> },
    /// Waiting for the client: it stands still and cannot be missed now.
    Paused,
    /// Stopped (released in time or late): nothing left to miss.
    Stopped,
    /// No resolution target.
    NoTarget,
}

impl ResolutionOutlook {
    /// The outlook of a read resolution clock (`None`: no target).
    pub fn of(reading: Option<&ClockReading>) -> ResolutionOutlook {
        match reading {
            None => ResolutionOutlook::NoTarget,
            Some(r) => match (r.state, r.due) {
                (SlaState::Paused { .. }, _) => ResolutionOutlook::Paused,
                (SlaState::Met, _) => ResolutionOutlook::Stopped,
                (_, Some(due)) => ResolutionOutlook::Running { due },
                (_, None) => ResolutionOutlook::Paused,
            },
        }
    }

    /// The deadline can still be missed: it runs and has not passed.
    pub fn can_be_missed(self, now: DateTime<Utc>) -> bool {
        matches!(self, ResolutionOutlook::Running { due } if due > now)
    }
}

/// A ticket as planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedWork {
    pub ticket_id: i64,
    pub estimate_hours: Option<u32>,
    pub resolution: ResolutionOutlook,
}

/// What the forecast says of one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Done before its deadline.
    OnTime,
    /// Done after its deadline by `by_secs` working seconds of the desk's
    /// calendar (at least that many when `finish` is beyond the forecast).
    Late { by_secs: i64 },
    /// Its deadline has already passed.
    Breached,
    /// Waiting for the client: its clock stands still.
    Paused,
    /// Nothing to miss: no resolution target, or the clock has stopped.
    NoDeadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastLine {
    pub ticket_id: i64,
    /// When the work would be done; `None`: not within the forecast (no
    /// capacity, or later than [`FORECAST_TAIL_DAYS`] after the sprint).
    pub finish: Option<DateTime<Utc>>,
    pub verdict: Verdict,
    /// The deadline falls before the sprint ends and can still be missed:
    /// flagged whatever the order (SPEC §5).
    pub due_before_end: bool,
    /// No estimate: counted as no work, and called out.
    pub unestimated: bool,
}

impl ForecastLine {
    pub fn is_late(&self) -> bool {
        matches!(self.verdict, Verdict::Late { .. } | Verdict::Breached)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forecast {
    /// In the planned order.
    pub lines: Vec<ForecastLine>,
    /// The sum of the estimates planned.
    pub planned_hours: i64,
    pub capacity_hours: i64,
    /// How many planned tickets have no estimate.
    pub unestimated: usize,
    /// How many would miss their deadline (or have missed it).
    pub late: usize,
}

/// Where the team stands in the schedule: a working day and the working
/// seconds of it already spent.
struct Position {
    day: usize,
    used: i64,
}

/// The forecast of `plan`, worked in its order from `now` (or from the
/// sprint's first working instant, if later) on `schedule`.
pub fn forecast(schedule: &SprintSchedule, plan: &[PlannedWork], now: DateTime<Utc>) -> Forecast {
    let start = now.timestamp();
    let sprint_days = schedule.sprint_days() as i64;
    // Team seconds per working day. Whole seconds: the forecast speaks in minutes.
    let per_day: i64 = if sprint_days == 0 { 0 } else { schedule.capacity_hours.max(0) * 3600 / sprint_days };
    let days = &schedule.days;
    let mut pos = match days.iter().position(|d| d.intervals.last().is_some_and(|x| x.1 > start)) {
        Some(i) => Position { day: i, used: days[i].secs_before(start) },
        None => Position { day: days.len(), used: 0 },
    };
    let mut lines = Vec::with_capacity(plan.len());
    for item in plan {
        let mut left = i64::from(item.estimate_hours.unwrap_or(0)) * 3600;
        let finish = loop {
            let Some(day) = days.get(pos.day) else { break None };
            let secs = day.secs();
            if left == 0 {
                break Some(day.instant_after(pos.used));
            }
            if per_day == 0 {
                break None;
            }
            // The team works `per_day` over the day's `secs` working seconds.
            let (work, rate) = (i128::from(left) * i128::from(secs), i128::from(per_day));
            let need = ((work + rate - 1) / rate) as i64;
            if need <= secs - pos.used {
                pos.used += need;
                break Some(day.instant_after(pos.used));
            }
            let done = (i128::from(per_day) * i128::from(secs - pos.used) / i128::from(secs)) as i64;
            left = (left - done).max(1);
            pos = Position { day: pos.day + 1, used: 0 };
        };
        let horizon_end = days.last().and_then(|d| d.intervals.last()).map_or(start, |x| x.1);
        let verdict = match item.resolution {
            ResolutionOutlook::Running { due } if due.timestamp() <= start => Verdict::Breached,
            ResolutionOutlook::Running { due } => {
                let done_at = finish.map_or(horizon_end.max(due.timestamp()), |f| f);
                if finish.is_some() && done_at <= due.timestamp() {
                    Verdict::OnTime
                } else {
                    Verdict::Late { by_secs: schedule.work_between(due.timestamp(), done_at) }
                }
            }
            ResolutionOutlook::Paused => Verdict::Paused,
            ResolutionOutlook::Stopped | ResolutionOutlook::NoTarget => Verdict::NoDeadline,
        };
        lines.push(ForecastLine {
            ticket_id: item.ticket_id,
            finish: finish.and_then(|f| DateTime::from_timestamp(f, 0)),
            verdict,
            due_before_end: due_before_end(item.resolution, schedule.sprint_end, now),
            unestimated: item.estimate_hours.is_none(),
        });
    }
    Forecast {
        planned_hours: plan.iter().filter_map(|p| p.estimate_hours).map(i64::from).sum(),
        capacity_hours: schedule.capacity_hours,
        unestimated: lines.iter().filter(|l| l.unestimated).count(),
        late: lines.iter().filter(|l| l.is_late()).count(),
        lines,
    }
}

/// SPEC §5: a running resolution clock due before the sprint ends would be
/// missed inside the sprint unless the ticket is done first. A met, stopped
/// or paused clock, or one already past, is not flagged: it cannot be
/// missed (any more) within the sprint.
pub fn due_before_end(resolution: ResolutionOutlook, sprint_end: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    resolution.can_be_missed(now)
        && matches!(resolution, ResolutionOutlook::Running { due } if due < sprint_end)
}

/// The backlog's order for planning: the least time left on the resolution
/// clock first (already breached ones first of all), then paused ones by
/// the time they have left, then tickets without a resolution deadline;
/// ties by ticket id. `remaining_secs`: working seconds left, `None`
/// without a running or paused resolution clock.
pub fn urgency_key(
    resolution: ResolutionOutlook,
    remaining_secs: Option<i64>,
    ticket_id: i64,
) -> (u8, i64, i64) {
    match (resolution, remaining_secs) {
        (ResolutionOutlook::Running { .. }, Some(r)) => (0, r, ticket_id),
        (ResolutionOutlook::Paused, Some(r)) => (1, r, ticket_id),
        _ => (2, 0, ticket_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::CalendarPreset;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn moscow() -> BusinessCalendar {
        BusinessCalendar::preset(CalendarPreset::MoscowNineToSix)
    }

    /// Mon 2026-12-07 … Fri 2026-12-11: five working days of 9 h (MSK = UTC+3).
    fn week(capacity_hours: i64) -> SprintSchedule {
        SprintSchedule::new(&moscow(), day("2026-12-07"), day("2026-12-11"), capacity_hours)
    }

    fn work(id: i64, hours: u32, due: &str) -> PlannedWork {
        PlannedWork {
            ticket_id: id,
            estimate_hours: Some(hours),
            resolution: ResolutionOutlook::Running { due: at(due) },
        }
    }

    const MONDAY_MORNING: &str = "2026-12-07T06:00:00Z"; // 09:00 MSK

    #[test]
    fn the_schedule_has_the_sprints_working_days_and_ends_after_its_last() {
        let s = week(45);
        assert_eq!(s.sprint_days(), 5);
        assert_eq!(s.days[0].date, day("2026-12-07"));
        assert_eq!(
            s.days[0].intervals,
            vec![(at("2026-12-07T06:00:00Z").timestamp(), at("2026-12-07T15:00:00Z").timestamp())]
        );
        assert_eq!(s.days[5].date, day("2026-12-14"), "the weekend is not a working day");
        assert_eq!(s.sprint_end, at("2026-12-11T21:00:00Z"), "midnight after Friday, Moscow time");
    }

    #[test]
    fn work_is_done_in_order_at_the_daily_capacity() {
        // 45 h over five days: 9 team hours a day, one per working hour.
        let plan = [work(1, 9, "2026-12-31T00:00:00Z"), work(2, 4, "2026-12-31T00:00:00Z")];
        let f = forecast(&week(45), &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[0].finish, Some(at("2026-12-07T15:00:00Z")), "used up at closing, due at closing");
        assert_eq!(f.lines[1].finish, Some(at("2026-12-08T10:00:00Z")), "Tuesday 13:00 MSK");
        assert_eq!((f.planned_hours, f.late), (13, 0));
    }

    #[test]
    fn double_capacity_halves_the_working_time() {
        let plan = [work(1, 9, "2026-12-31T00:00:00Z")];
        let f = forecast(&week(90), &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[0].finish, Some(at("2026-12-07T10:30:00Z")), "13:30 MSK");
    }

    #[test]
    fn a_deadline_missed_in_this_order_is_late_by_working_time_and_reordering_fixes_it() {
        // 18 h first, then a ticket of 2 h due Tuesday 12:00 MSK.
        let big = work(1, 18, "2026-12-31T00:00:00Z");
        let urgent = work(2, 2, "2026-12-08T09:00:00Z");
        let f = forecast(&week(45), &[big.clone(), urgent.clone()], at(MONDAY_MORNING));
        assert_eq!(f.lines[1].finish, Some(at("2026-12-09T08:00:00Z")), "Wednesday 11:00 MSK");
        // Tuesday 12:00 → 18:00 is 6 h, Wednesday 09:00 → 11:00 is 2 h.
        assert_eq!(f.lines[1].verdict, Verdict::Late { by_secs: 8 * 3600 });
        assert_eq!(f.late, 1);
        let f = forecast(&week(45), &[urgent, big], at(MONDAY_MORNING));
        assert_eq!(f.lines[0].verdict, Verdict::OnTime);
        assert_eq!(f.lines[1].verdict, Verdict::OnTime);
        assert_eq!(f.late, 0);
    }

    #[test]
    fn a_deadline_before_the_sprint_end_is_flagged_whatever_the_order() {
        let plan = [work(1, 1, "2026-12-09T12:00:00Z"), work(2, 1, "2026-12-20T12:00:00Z")];
        let f = forecast(&week(45), &plan, at(MONDAY_MORNING));
        assert!(f.lines[0].due_before_end);
        assert_eq!(f.lines[0].verdict, Verdict::OnTime);
        assert!(!f.lines[1].due_before_end);
    }

    #[test]
    fn paused_stopped_and_passed_clocks_are_not_flagged_as_due_before_the_end() {
        let end = at("2026-12-12T00:00:00Z");
        let now = at(MONDAY_MORNING);
        let soon = ResolutionOutlook::Running { due: at("2026-12-09T12:00:00Z") };
        assert!(due_before_end(soon, end, now));
        assert!(!due_before_end(ResolutionOutlook::Paused, end, now));
        assert!(!due_before_end(ResolutionOutlook::Stopped, end, now));
        assert!(!due_before_end(ResolutionOutlook::NoTarget, end, now));
        assert!(!due_before_end(ResolutionOutlook::Running { due: at("2026-12-01T12:00:00Z") }, end, now));
    }

    #[test]
    fn a_paused_ticket_takes_its_place_in_the_work_but_cannot_be_late() {
        let paused =
            PlannedWork { ticket_id: 1, estimate_hours: Some(9), resolution: ResolutionOutlook::Paused };
        let after = work(2, 2, "2026-12-08T08:00:00Z"); // Tuesday 11:00 MSK
        let f = forecast(&week(45), &[paused, after], at(MONDAY_MORNING));
        assert_eq!(f.lines[0].verdict, Verdict::Paused);
        assert!(!f.lines[0].due_before_end);
        assert_eq!(f.lines[1].finish, Some(at("2026-12-08T08:00:00Z")));
        assert_eq!(f.lines[1].verdict, Verdict::OnTime, "used up exactly at the deadline is in time");
    }

    #[test]
    fn the_outlook_follows_the_clock_state() {
        use crate::sla::ClockKind;
        use crate::ticket::WaitingReason;
        let reading = |state, due| ClockReading {
            kind: ClockKind::Resolution,
            due,
            state,
            remaining_secs: 0,
            resumes_at: None,
            budget_secs: 1,
            at_risk_secs: 0,
        };
        let when = at("2026-12-09T12:00:00Z");
        let due = Some(when);
        assert_eq!(ResolutionOutlook::of(None), ResolutionOutlook::NoTarget);
        assert_eq!(ResolutionOutlook::of(Some(&reading(SlaState::Met, due))), ResolutionOutlook::Stopped);
        assert_eq!(
            ResolutionOutlook::of(Some(&reading(
                SlaState::Paused { reason: WaitingReason::ClientInfo },
                None
            ))),
            ResolutionOutlook::Paused
        );
        assert_eq!(
            ResolutionOutlook::of(Some(&reading(SlaState::AtRisk, due))),
            ResolutionOutlook::Running { due: when }
        );
    }

    #[test]
    fn holidays_give_no_working_time_and_the_capacity_spreads_over_fewer_days() {
        // Wednesday a holiday: four working days, 36 h = 9 team hours a day.
        let cal = moscow().with_holidays(&[day("2026-12-09")], &[], &[]);
        let s = SprintSchedule::new(&cal, day("2026-12-07"), day("2026-12-11"), 36);
        assert_eq!(s.sprint_days(), 4);
        let plan = [work(1, 18, "2026-12-31T00:00:00Z"), work(2, 2, "2026-12-09T12:00:00Z")];
        let f = forecast(&s, &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[1].finish, Some(at("2026-12-10T08:00:00Z")), "Thursday 11:00 MSK, not Wednesday");
        // Due Wednesday 15:00 MSK, a holiday: the lateness counts only Thursday 09:00–11:00.
        assert_eq!(f.lines[1].verdict, Verdict::Late { by_secs: 2 * 3600 });
    }

    #[test]
    fn a_shortened_day_gives_the_same_team_hours_in_less_time() {
        // Monday ends at 17:00: 9 team hours over its 8 working hours.
        let cal = moscow().with_holidays(&[], &[day("2026-12-07")], &[]);
        let s = SprintSchedule::new(&cal, day("2026-12-07"), day("2026-12-11"), 45);
        let f = forecast(&s, &[work(1, 9, "2026-12-31T00:00:00Z")], at(MONDAY_MORNING));
        assert_eq!(f.lines[0].finish, Some(at("2026-12-07T14:00:00Z")), "17:00 MSK");
    }

    #[test]
    fn work_starts_now_in_a_running_sprint_and_at_the_first_working_instant_before_it() {
        let plan = [work(1, 2, "2026-12-31T00:00:00Z")];
        let f = forecast(&week(45), &plan, at("2026-12-08T10:00:00Z")); // Tuesday 13:00 MSK
        assert_eq!(f.lines[0].finish, Some(at("2026-12-08T12:00:00Z")));
        let f = forecast(&week(45), &plan, at("2026-12-01T10:00:00Z")); // the week before
        assert_eq!(f.lines[0].finish, Some(at("2026-12-07T08:00:00Z")));
    }

    #[test]
    fn work_past_the_sprint_end_continues_at_the_same_pace() {
        let plan = [work(1, 45, "2026-12-31T00:00:00Z"), work(2, 3, "2026-12-11T12:00:00Z")];
        let f = forecast(&week(45), &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[1].finish, Some(at("2026-12-14T09:00:00Z")), "Monday after, 12:00 MSK");
        // Friday 15:00 → 18:00 and Monday 09:00 → 12:00.
        assert_eq!(f.lines[1].verdict, Verdict::Late { by_secs: 6 * 3600 });
        assert!(f.lines[1].due_before_end);
    }

    #[test]
    fn unestimated_tickets_take_no_time_and_are_called_out() {
        let mut none = work(1, 1, "2026-12-31T00:00:00Z");
        none.estimate_hours = None;
        let plan = [work(2, 3, "2026-12-31T00:00:00Z"), none];
        let f = forecast(&week(45), &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[1].finish, f.lines[0].finish);
        assert!(f.lines[1].unestimated && !f.lines[0].unestimated);
        assert_eq!((f.unestimated, f.planned_hours), (1, 3));
    }

    #[test]
    fn passed_deadlines_are_breached_and_no_capacity_finishes_nothing() {
        let plan = [work(1, 1, "2026-12-01T00:00:00Z"), work(2, 1, "2026-12-09T00:00:00Z")];
        let f = forecast(&week(0), &plan, at(MONDAY_MORNING));
        assert_eq!(f.lines[0].verdict, Verdict::Breached);
        assert_eq!(f.lines[1].finish, None);
        assert!(matches!(f.lines[1].verdict, Verdict::Late { by_secs } if by_secs > 0));
        assert_eq!(f.late, 2);
    }

    #[test]
    fn the_backlog_puts_the_least_time_left_first() {
        let running = ResolutionOutlook::Running { due: at("2026-12-09T12:00:00Z") };
        let mut keys = [
            urgency_key(ResolutionOutlook::NoTarget, None, 1),
            urgency_key(ResolutionOutlook::Paused, Some(100), 2),
            urgency_key(running, Some(5000), 3),
            urgency_key(running, Some(-60), 4),
            urgency_key(running, Some(5000), 0),
        ];
        keys.sort();
        let ids: Vec<i64> = keys.iter().map(|k| k.2).collect();
        assert_eq!(ids, [4, 0, 3, 2, 1]);
    }

    #[test]
    fn forecast_agrees_with_its_json_round_trip() {
        // The browser gets the schedule as JSON and must compute the same.
        let s = week(45);
        let back: SprintSchedule = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        let plan = [work(1, 18, "2026-12-31T00:00:00Z"), work(2, 2, "2026-12-08T09:00:00Z")];
        assert_eq!(forecast(&s, &plan, at(MONDAY_MORNING)), forecast(&back, &plan, at(MONDAY_MORNING)));
    }
}
