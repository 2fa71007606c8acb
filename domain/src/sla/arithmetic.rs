//! Deadlines and working time on a business calendar.
//!
//! Instants count in whole seconds: sub-second parts of inputs are dropped.

use super::budget::Budget;
use super::calendar::BusinessCalendar;
use super::calendar_cursor::CalendarCursor;
use super::counting::{
    self, AlwaysOn, AlwaysOnCursor, Block, IntervalCursor, WorkingIntervals, SEARCH_HORIZON,
};
use super::pause::PauseLedger;
use super::zone::{self, DAY};
use crate::ticket::WaitingReason;
use chrono::{DateTime, Duration, Utc};

/// Why a deadline could not be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    #[error("the deadline lies more than two years ahead")]
    TooFar,
    #[error("the clock has been paused since {since} ({reason}); the deadline is known once the pause ends")]
    OpenPause { since: DateTime<Utc>, reason: WaitingReason },
    #[error("release events out of order at {at}: each release must follow the previous reopening, and only the last may be open")]
    ReleaseOrder { at: DateTime<Utc> },
}

/// The instant of unix second `secs`.
pub(crate) fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(if secs < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// What a budget counts: the calendar's working time, or every second for
/// calendar-hour budgets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    Calendar(&'a BusinessCalendar),
    AlwaysOn,
}

impl<'a> Source<'a> {
    pub(crate) fn for_budget(cal: &'a BusinessCalendar, budget: Budget) -> Source<'a> {
        match budget {
            Budget::CalendarHours(_) => Source::AlwaysOn,
            _ => Source::Calendar(cal),
        }
    }
}

/// Cursor of [`Source`].
pub(crate) enum SourceCursor<'a> {
    Calendar(CalendarCursor<'a>),
    AlwaysOn(AlwaysOnCursor),
}

impl IntervalCursor for SourceCursor<'_> {
    fn next(&mut self, from: i64, end_limit: i64, work_limit: i64) -> Option<Block> {
        match self {
            SourceCursor::Calendar(c) => c.next(from, end_limit, work_limit),
            SourceCursor::AlwaysOn(c) => c.next(from, end_limit, work_limit),
        }
    }

    fn work_between(&mut self, a: i64, b: i64) -> Option<i64> {
        match self {
            SourceCursor::Calendar(c) => c.work_between(a, b),
            SourceCursor::AlwaysOn(c) => c.work_between(a, b),
        }
    }
}

impl WorkingIntervals for Source<'_> {
    type Cursor<'b>
        = SourceCursor<'b>
    where
        Self: 'b;

    fn cursor(&self, limit: i64) -> SourceCursor<'_> {
        match self {
            Source::Calendar(cal) => SourceCursor::Calendar(cal.cursor(limit)),
            Source::AlwaysOn => SourceCursor::AlwaysOn(AlwaysOn.cursor(limit)),
        }
    }
}

/// How many working seconds `budget` allows for a clock starting at `start`.
///
/// Minutes, hours and calendar hours are fixed. N working days are the
/// working time from the first working instant at or after `start` to the
/// same wall-clock time on the N-th following working day (a date with
/// working time; holidays skipped, transferred working days included). If
/// that time of day is not working time on the target day, it moves to the
/// next working instant of that day, or to the end of the day's working time
/// if none is left (e.g. a shortened day). Because a budget used up exactly
/// at the end of a working interval is due at that end, a target moved to the
/// start of an interval is due at the end of the one before it: received
/// before opening on Friday with one working day, due Friday at closing.
pub fn budget_secs(cal: &BusinessCalendar, start: DateTime<Utc>, budget: Budget) -> Result<i64, SlaError> {
    budget_secs_at(cal, start.timestamp(), budget)
}

pub(crate) fn budget_secs_at(cal: &BusinessCalendar, start: i64, budget: Budget) -> Result<i64, SlaError> {
    match budget {
        Budget::Minutes(m) => Ok(i64::from(m) * 60),
        Budget::Hours(h) | Budget::CalendarHours(h) => Ok(i64::from(h) * 3600),
        Budget::WorkingDays(n) => working_days_secs(cal, start, n),
    }
}

fn working_days_secs(cal: &BusinessCalendar, start: i64, n: u32) -> Result<i64, SlaError> {
    let limit = start.saturating_add(SEARCH_HORIZON);
    let first = cal.first_working(start, limit).ok_or(SlaError::TooFar)?;
    if n == 0 {
        return Ok(0);
    }
    let tz = cal.tz();
    let first_day = zone::local_day(tz, first);
    let time_of_day = first + zone::offset_at(tz, first) - first_day * DAY;
    let mut day = first_day;
    let mut found = 0;
    let hours = loop {
        day += 1;
        if (day - first_day) * DAY > SEARCH_HORIZON {
            return Err(SlaError::TooFar);
        }
        let hours: Vec<(i64, i64)> = cal.utc_hours(day).collect();
        if !hours.is_empty() {
            found += 1;
            if found == n {
                break hours;
            }
        }
    };
    // `time_of_day` is a wall-clock reading of `first`, so it is within 0..86 400.
    let wanted = zone::local_to_utc(tz, day, time_of_day.clamp(0, DAY) as u32);
    let target = if hours.iter().any(|&(a, b)| a <= wanted && wanted < b) {
        wanted
    } else if let Some(&(a, _)) = hours.iter().find(|&&(a, _)| a > wanted) {
        a
    } else {
        hours.last().map_or(wanted, |&(_, b)| b)
    };
    if target > limit {
        return Err(SlaError::TooFar);
    }
    Ok(counting::count(cal, first, target, &[]))
}

/// When `budget` of working time, counted from `start` and skipping the
/// ledger's pauses, is used up.
///
/// While a pause is open the deadline depends on when it ends, so it is
/// [`SlaError::OpenPause`] — unless the budget ran out before the pause
/// began, in which case that deadline stands. More than two years ahead is
/// [`SlaError::TooFar`].
pub fn deadline(
    cal: &BusinessCalendar,
    start: DateTime<Utc>,
    budget: Budget,
    pauses: &PauseLedger,
) -> Result<DateTime<Utc>, SlaError> {
    let start = start.timestamp();
    let amount = budget_secs_at(cal, start, budget)?;
    let source = Source::for_budget(cal, budget);
    let limit = start.saturating_add(SEARCH_HORIZON);
    match pauses.open_pause() {
        None => counting::advance(&source, start, amount, pauses.spans(), limit)
            .map(instant)
            .ok_or(SlaError::TooFar),
        Some(open) => {
            let due = counting::advance(&source, start, amount, &pauses.closed_spans(), limit)
                .ok_or(SlaError::TooFar)?;
            if due <= open.from.timestamp() {
                Ok(instant(due))
            } else {
                Err(SlaError::OpenPause { since: open.from, reason: open.reason })
            }
        }
    }
}

/// Working time of the calendar in `[a, b)` outside the ledger's pauses
/// (an open pause runs to `b`); zero when `b <= a`.
pub fn working_time_between(
    cal: &BusinessCalendar,
    a: DateTime<Utc>,
    b: DateTime<Utc>,
    pauses: &PauseLedger,
) -> Duration {
    Duration::seconds(counting::count(cal, a.timestamp(), b.timestamp(), pauses.spans()))
}

/// `t` itself if it is working time, else the next working instant; `None`
/// if there is none within two years.
pub fn next_working_instant(cal: &BusinessCalendar, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let secs = t.timestamp();
    let found = cal.first_working(secs, secs.saturating_add(SEARCH_HORIZON))?;
    Some(if found == secs { t } else { instant(found) })
}

#[cfg(test)]
mod tests {
    use super::super::calendar::CalendarPreset;
    use super::super::pause::Pause;
    use super::*;
    use chrono::NaiveDate;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn moscow() -> BusinessCalendar {
        BusinessCalendar::preset(CalendarPreset::MoscowNineToSix)
    }

    fn none() -> PauseLedger {
        PauseLedger::new()
    }

    fn ledger(spans: &[(&str, &str)]) -> PauseLedger {
        PauseLedger::from_pauses(
            spans
                .iter()
                .map(|(a, b)| Pause { from: utc(a), to: Some(utc(b)), reason: WaitingReason::ClientInfo })
                .collect(),
        )
        .unwrap()
    }

    fn due(cal: &BusinessCalendar, start: &str, budget: Budget) -> DateTime<Utc> {
        deadline(cal, utc(start), budget, &none()).unwrap()
    }

    fn cal_json(json: &str) -> BusinessCalendar {
        BusinessCalendar::from_json(json).unwrap()
    }

    #[test]
    fn a_budget_used_up_at_closing_is_due_at_closing() {
        assert_eq!(
            due(&moscow(), "2026-03-02T09:00:00+03:00", Budget::Hours(9)),
            utc("2026-03-02T18:00:00+03:00")
        );
        assert_eq!(
            due(&moscow(), "2026-03-02T09:00:00+03:00", Budget::Minutes(9 * 60 + 1)),
            utc("2026-03-03T09:01:00+03:00")
        );
    }

    #[test]
    fn outside_working_hours_counting_starts_at_the_next_working_instant() {
        // Saturday night: Monday 09:00 + 1 h.
        assert_eq!(
            due(&moscow(), "2026-03-07T23:30:00+03:00", Budget::Hours(1)),
            utc("2026-03-09T10:00:00+03:00")
        );
        assert_eq!(
            due(&moscow(), "2026-03-03T07:00:00+03:00", Budget::Minutes(30)),
            utc("2026-03-03T09:30:00+03:00")
        );
    }

    #[test]
    fn commercial_operative_before_a_monday_holiday() {
        // Technomarket, commercial operative: reaction 12 bh. Received Friday
        // 17:00 MSK, Monday a holiday: Fri 1 h + Tue 9 h + Wed 2 h = Wed 11:00.
        let cal = moscow().with_holidays(&[date("2026-11-09")], &[], &[]);
        assert_eq!(
            due(&cal, "2026-11-06T17:00:00+03:00", Budget::Hours(12)),
            utc("2026-11-11T11:00:00+03:00")
        );
        // The preview example from docs/api.md: Nov 2026, Nov 4 a holiday.
        let cal = moscow().with_holidays(&[date("2026-11-04")], &[date("2026-11-03")], &[]);
        assert_eq!(
            due(&cal, "2026-11-02T17:00:00+03:00", Budget::Hours(12)),
            utc("2026-11-05T12:00:00+03:00")
        );
    }

    #[test]
    fn smart_systems_incident_336_hours_with_the_russian_holidays() {
        // 10–19 Moscow, 336 bh from Mon 12 Jan 2026 10:00: 37 working days
        // of 9 h and 3 h more. Feb 23 is off, so the 37th day is Wed 4 Mar.
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowTenToSeven).with_holidays(
            &[date("2026-02-23"), date("2026-03-09")],
            &[],
            &[],
        );
        let got = due(&cal, "2026-01-12T10:00:00+03:00", Budget::Hours(336));
        // The same by walking the days.
        let mut day = date("2026-01-12");
        let mut days = 0;
        while days < 37 {
            if cal.is_working_day(day) {
                days += 1;
            }
            day = day.succ_opt().unwrap();
        }
        while !cal.is_working_day(day) {
            day = day.succ_opt().unwrap();
        }
        let expected =
            day.and_hms_opt(13, 0, 0).unwrap().and_local_timezone(chrono_tz::Europe::Moscow).unwrap();
        assert_eq!(got, expected);
        assert_eq!(got, utc("2026-03-05T13:00:00+03:00"));
    }

    #[test]
    fn split_days_skip_the_lunch_break() {
        let cal = cal_json(
            r#"{"tz":"Europe/Moscow","weekly":{"mon":[["09:00","13:00"],["14:00","18:00"]],"tue":[["09:00","13:00"],["14:00","18:00"]]}}"#,
        );
        assert_eq!(
            due(&cal, "2026-03-02T12:00:00+03:00", Budget::Hours(1)),
            utc("2026-03-02T13:00:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-03-02T12:00:00+03:00", Budget::Minutes(61)),
            utc("2026-03-02T14:01:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-03-02T13:30:00+03:00", Budget::Hours(4)),
            utc("2026-03-02T18:00:00+03:00")
        );
        // Mon 09:00 + 9 h: 8 h on Monday, 1 h on Tuesday.
        assert_eq!(
            due(&cal, "2026-03-02T09:00:00+03:00", Budget::Hours(9)),
            utc("2026-03-03T10:00:00+03:00")
        );
        assert_eq!(
            working_time_between(
                &cal,
                utc("2026-03-02T00:00:00+03:00"),
                utc("2026-03-04T00:00:00+03:00"),
                &none()
            ),
            Duration::hours(16)
        );
    }

    #[test]
    fn overrides_shorten_days_and_make_saturdays_work() {
        let cal = moscow().with_holidays(&[date("2026-05-01")], &[date("2026-04-30")], &[date("2026-05-02")]);
        assert_eq!(
            cal.hours_on(date("2026-04-30")).iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["09:00–17:00"]
        );
        // Thu 30 Apr ends at 17:00; Fri 1 May is off; Sat 2 May works the Monday schedule.
        assert_eq!(
            due(&cal, "2026-04-30T16:00:00+03:00", Budget::Hours(2)),
            utc("2026-05-02T10:00:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-04-30T16:00:00+03:00", Budget::Hours(10)),
            utc("2026-05-02T18:00:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-04-30T16:00:00+03:00", Budget::Hours(11)),
            utc("2026-05-04T10:00:00+03:00")
        );
        // An extra working day that is also shortened gets the Monday schedule minus an hour.
        let cal = moscow().with_holidays(&[], &[date("2025-11-01")], &[date("2025-11-01")]);
        assert_eq!(
            cal.hours_on(date("2025-11-01")).iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["09:00–17:00"]
        );
    }

    #[test]
    fn an_administrators_own_entries_win_over_imported_holidays() {
        let cal = cal_json(r#"{"tz":"Europe/Moscow","weekly":{"mon":[["09:00","18:00"]],"fri":[["09:00","18:00"]]},"overrides":{"2026-05-01":[["10:00","12:00"]]}}"#)
            .with_holidays(&[date("2026-05-01"), date("2026-05-04")], &[], &[]);
        assert_eq!(cal.hours_on(date("2026-05-01")).len(), 1);
        assert!(cal.hours_on(date("2026-05-04")).is_empty());
        assert!(cal.holidays().contains(&date("2026-05-04")));
    }

    #[test]
    fn an_interval_may_end_at_midnight() {
        let cal = cal_json(
            r#"{"tz":"Europe/Moscow","weekly":{"mon":[["20:00","24:00"]],"tue":[["00:00","02:00"],["20:00","24:00"]]}}"#,
        );
        assert_eq!(
            due(&cal, "2026-03-02T23:00:00+03:00", Budget::Hours(1)),
            utc("2026-03-03T00:00:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-03-02T23:00:00+03:00", Budget::Hours(2)),
            utc("2026-03-03T01:00:00+03:00")
        );
        assert_eq!(
            due(&cal, "2026-03-02T23:00:00+03:00", Budget::Hours(4)),
            utc("2026-03-03T21:00:00+03:00")
        );
        assert_eq!(
            next_working_instant(&cal, utc("2026-03-03T00:00:00+03:00")),
            Some(utc("2026-03-03T00:00:00+03:00"))
        );
    }

    #[test]
    fn dst_in_kyiv_counts_real_time() {
        let always = BusinessCalendar::always(chrono_tz::Europe::Kyiv);
        // 24/7 across spring forward: 24 real hours are 25 wall-clock hours later.
        assert_eq!(
            due(&always, "2026-03-28T12:00:00+02:00", Budget::Hours(24)),
            utc("2026-03-29T13:00:00+03:00")
        );
        assert_eq!(
            working_time_between(
                &always,
                utc("2026-10-25T00:00:00+03:00"),
                utc("2026-10-26T00:00:00+02:00"),
                &none()
            ),
            Duration::hours(25)
        );
        let night = cal_json(r#"{"tz":"Europe/Kyiv","weekly":{"sun":[["00:00","06:00"]]}}"#);
        let shift = |d: &str| {
            let start = utc(&format!("{d}T00:00:00Z")) - Duration::hours(3);
            working_time_between(&night, start, start + Duration::hours(12), &none())
        };
        assert_eq!(shift("2026-03-29"), Duration::hours(5), "spring-forward night");
        assert_eq!(shift("2026-10-25"), Duration::hours(7), "fall-back night");
        assert_eq!(shift("2026-03-22"), Duration::hours(6));
        // The 5-hour shift ends at 06:00 EEST = 03:00Z.
        assert_eq!(due(&night, "2026-03-29T00:00:00+02:00", Budget::Hours(5)), utc("2026-03-29T03:00:00Z"));
        assert_eq!(due(&night, "2026-10-25T00:00:00+03:00", Budget::Hours(7)), utc("2026-10-25T04:00:00Z"));
        // Office hours on the Monday after: the offset moved, the hours did not.
        let office = BusinessCalendar::preset(CalendarPreset::KyivNineToSix);
        assert_eq!(
            due(&office, "2026-03-27T17:00:00+02:00", Budget::Hours(2)),
            utc("2026-03-30T10:00:00+03:00")
        );
        assert_eq!(
            due(&office, "2026-10-23T17:00:00+03:00", Budget::Hours(2)),
            utc("2026-10-26T10:00:00+02:00")
        );
    }

    #[test]
    fn a_shift_starting_in_the_skipped_hour_starts_at_the_jump() {
        // 03:30 does not exist on 2026-03-29 in Kyiv: the shift starts at 04:00 EEST.
        let cal = cal_json(r#"{"tz":"Europe/Kyiv","weekly":{"sun":[["03:30","05:00"]]}}"#);
        assert_eq!(
            next_working_instant(&cal, utc("2026-03-28T12:00:00Z")),
            Some(utc("2026-03-29T04:00:00+03:00"))
        );
        assert_eq!(due(&cal, "2026-03-28T12:00:00Z", Budget::Hours(1)), utc("2026-03-29T05:00:00+03:00"));
        // A repeated 03:30 (fall back) is taken at its first occurrence.
        assert_eq!(
            next_working_instant(&cal, utc("2026-10-24T12:00:00Z")),
            Some(utc("2026-10-25T03:30:00+03:00"))
        );
    }

    #[test]
    fn pauses_are_skipped_also_over_the_start_and_weekends() {
        let cal = moscow();
        // Paused from before the start until Monday 11:00: counting starts there.
        let p = ledger(&[("2026-03-06T10:00:00+03:00", "2026-03-09T11:00:00+03:00")]);
        let got = deadline(&cal, utc("2026-03-06T12:00:00+03:00"), Budget::Hours(2), &p).unwrap();
        assert_eq!(got, utc("2026-03-09T13:00:00+03:00"));
        // A weekend pause costs nothing; a pause inside working hours costs its length.
        let p = ledger(&[
            ("2026-03-07T10:00:00+03:00", "2026-03-08T11:00:00+03:00"),
            ("2026-03-09T09:30:00+03:00", "2026-03-09T10:00:00+03:00"),
        ]);
        let got = deadline(&cal, utc("2026-03-06T17:00:00+03:00"), Budget::Hours(2), &p).unwrap();
        assert_eq!(got, utc("2026-03-09T10:30:00+03:00"));
        assert_eq!(working_time_between(&cal, utc("2026-03-06T17:00:00+03:00"), got, &p), Duration::hours(2));
    }

    #[test]
    fn an_open_pause_blocks_the_deadline_unless_it_came_after_it() {
        let cal = moscow();
        let mut p = PauseLedger::new();
        p.pause(utc("2026-03-02T10:00:00+03:00"), WaitingReason::ClientApproval).unwrap();
        assert_eq!(
            deadline(&cal, utc("2026-03-02T09:00:00+03:00"), Budget::Hours(2), &p),
            Err(SlaError::OpenPause {
                since: utc("2026-03-02T10:00:00+03:00"),
                reason: WaitingReason::ClientApproval
            })
        );
        assert_eq!(
            deadline(&cal, utc("2026-03-02T09:00:00+03:00"), Budget::Hours(1), &p),
            Ok(utc("2026-03-02T10:00:00+03:00"))
        );
        // Working time stops counting at the open pause.
        assert_eq!(
            working_time_between(
                &cal,
                utc("2026-03-02T09:00:00+03:00"),
                utc("2026-03-05T09:00:00+03:00"),
                &p
            ),
            Duration::hours(1)
        );
    }

    #[test]
    fn working_days_keep_the_time_of_day() {
        let cal = moscow().with_holidays(&[date("2026-03-09")], &[date("2026-03-06")], &[]);
        let wd = Budget::WorkingDays;
        // Escalated Friday 15:00 + 1 working day → Monday 15:00.
        assert_eq!(due(&cal, "2026-03-13T15:00:00+03:00", wd(1)), utc("2026-03-16T15:00:00+03:00"));
        // … and Tuesday 15:00 when that Monday (9 Mar) is a holiday.
        assert_eq!(due(&cal, "2026-03-06T15:00:00+03:00", wd(1)), utc("2026-03-10T15:00:00+03:00"));
        assert_eq!(due(&cal, "2026-03-05T15:00:00+03:00", wd(1)), utc("2026-03-06T15:00:00+03:00"));
        // Started outside working hours: from the next working instant (Wed
        // 09:00), so two working days reach Fri 09:00 — whose working content
        // is used up at Thursday's closing.
        assert_eq!(due(&cal, "2026-03-10T20:00:00+03:00", wd(2)), utc("2026-03-12T18:00:00+03:00"));
        // Target day shortened (ends 17:00) and the time of day later: end of that day.
        assert_eq!(due(&cal, "2026-03-05T17:30:00+03:00", wd(1)), utc("2026-03-06T17:00:00+03:00"));
        // Before opening on Friday with one working day: all of Friday, due at closing.
        assert_eq!(due(&moscow(), "2026-03-13T08:00:00+03:00", wd(1)), utc("2026-03-13T18:00:00+03:00"));
        assert_eq!(due(&cal, "2026-03-13T15:00:00+03:00", wd(0)), utc("2026-03-13T15:00:00+03:00"));
        // 5 working days from Monday 10:00 = next Monday 10:00.
        assert_eq!(due(&moscow(), "2026-03-16T10:00:00+03:00", wd(5)), utc("2026-03-23T10:00:00+03:00"));
    }

    #[test]
    fn a_working_day_landing_in_a_lunch_break_is_due_before_it() {
        let cal = cal_json(
            r#"{"tz":"Europe/Moscow","weekly":{"mon":[["09:00","13:00"],["14:00","18:00"]],"tue":[["09:00","13:00"],["14:00","18:00"]],"wed":[["09:00","13:00"],["14:00","18:00"]]},"overrides":{"2026-03-03":[["09:00","12:00"],["14:30","18:00"]]}}"#,
        );
        // Mon 12:30 + 1 wd: Tue 12:30 is in Tuesday's (override) break → next
        // working instant 14:30, whose working content ends at 12:00.
        assert_eq!(
            due(&cal, "2026-03-02T12:30:00+03:00", Budget::WorkingDays(1)),
            utc("2026-03-03T12:00:00+03:00")
        );
        assert_eq!(
            budget_secs(&cal, utc("2026-03-02T12:30:00+03:00"), Budget::WorkingDays(1)).unwrap(),
            (30 + 4 * 60 + 3 * 60) * 60
        );
    }

    #[test]
    fn calendar_hours_ignore_the_calendar_but_not_pauses() {
        let cal = moscow();
        assert_eq!(
            due(&cal, "2026-03-06T17:00:00+03:00", Budget::CalendarHours(8)),
            utc("2026-03-07T01:00:00+03:00")
        );
        let p = ledger(&[("2026-03-06T18:00:00+03:00", "2026-03-06T20:00:00+03:00")]);
        assert_eq!(
            deadline(&cal, utc("2026-03-06T17:00:00+03:00"), Budget::CalendarHours(8), &p),
            Ok(utc("2026-03-07T03:00:00+03:00"))
        );
    }

    #[test]
    fn too_far_is_an_error_not_a_hang() {
        let cal = cal_json(r#"{"tz":"Europe/Moscow","overrides":{"2026-03-02":[["09:00","10:00"]]}}"#);
        assert_eq!(
            deadline(&cal, utc("2026-03-02T09:00:00+03:00"), Budget::Hours(2), &none()),
            Err(SlaError::TooFar)
        );
        assert_eq!(
            deadline(&cal, utc("2026-03-02T09:00:00+03:00"), Budget::WorkingDays(1), &none()),
            Err(SlaError::TooFar)
        );
        assert_eq!(next_working_instant(&cal, utc("2026-03-03T00:00:00Z")), None);
        assert_eq!(
            deadline(&moscow(), utc("2026-03-02T09:00:00+03:00"), Budget::Hours(5000), &none()),
            Err(SlaError::TooFar)
        );
        assert!(deadline(&moscow(), utc("2026-03-02T09:00:00+03:00"), Budget::Hours(4000), &none()).is_ok());
        assert_eq!(
            deadline(&moscow(), utc("2026-03-02T09:00:00+03:00"), Budget::WorkingDays(600), &none()),
            Err(SlaError::TooFar)
        );
    }

    #[test]
    fn next_working_instant_is_t_inside_working_time() {
        let cal = moscow();
        let t = utc("2026-03-02T12:00:00.250+03:00");
        assert_eq!(next_working_instant(&cal, t), Some(t));
        assert_eq!(
            next_working_instant(&cal, utc("2026-03-02T18:00:00+03:00")),
            Some(utc("2026-03-03T09:00:00+03:00"))
        );
        assert_eq!(
            next_working_instant(&cal, utc("2026-03-06T18:00:00+03:00")),
            Some(utc("2026-03-09T09:00:00+03:00"))
        );
    }

    #[test]
    fn working_time_between_is_zero_backwards() {
        let cal = moscow();
        let (a, b) = (utc("2026-03-02T12:00:00+03:00"), utc("2026-03-02T10:00:00+03:00"));
        assert_eq!(working_time_between(&cal, a, b, &none()), Duration::zero());
        assert_eq!(working_time_between(&cal, b, a, &none()), Duration::hours(2));
    }

    #[test]
    fn years_of_mixed_days_agree_with_the_tz_database_day_by_day() {
        // Kyiv has two clock changes a year; sum each day's hours straight
        // from the tz database and compare with the fast walk.
        let cal = BusinessCalendar::preset(CalendarPreset::KyivNineToSix).with_holidays(
            &[date("2026-01-01"), date("2026-03-09"), date("2027-01-07")],
            &[date("2026-12-31")],
            &[date("2026-10-24")],
        );
        let (a, b) = (utc("2025-12-29T00:00:00Z"), utc("2027-02-01T00:00:00Z"));
        let mut expected = 0;
        let mut day = zone::day_number(date("2025-12-28"));
        while day <= zone::day_number(date("2027-02-01")) {
            for (s, e) in cal.utc_hours(day) {
                expected += e.min(b.timestamp()).max(a.timestamp()) - s.max(a.timestamp()).min(b.timestamp());
            }
            day += 1;
        }
        assert_eq!(working_time_between(&cal, a, b, &none()).num_seconds(), expected);
    }
}
