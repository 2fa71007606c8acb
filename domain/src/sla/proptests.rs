//! Property tests of the engine, against a slow reference that maps every
//! day's hours through the tz database and walks them one by one (no offset
//! table, no skipping of ordinary weeks).

use super::arithmetic::instant;
use super::counting::{self, SEARCH_HORIZON};
use super::zone;
use super::*;
use crate::ticket::WaitingReason;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Calendars with the awkward parts: holidays, shortened and transferred
/// days, split days, intervals ending at 24:00, night shifts over clock
/// changes, three different DST rules, 24/7, and nearly no working time.
fn calendars() -> Vec<BusinessCalendar> {
    let ru_holidays: Vec<NaiveDate> = [
        "2026-01-01",
        "2026-01-02",
        "2026-01-05",
        "2026-02-23",
        "2026-03-09",
        "2026-05-01",
        "2026-05-11",
        "2026-06-12",
        "2026-11-04",
    ]
    .map(date)
    .to_vec();
    let json = |s: &str| BusinessCalendar::from_json(s).unwrap();
    vec![
        BusinessCalendar::preset(CalendarPreset::MoscowNineToSix).with_holidays(
            &ru_holidays,
            &[date("2026-02-20"), date("2026-04-30")],
            &[date("2026-02-21")],
        ),
        json(
            r#"{"tz":"Europe/Kyiv","weekly":{"mon":[["09:00","13:00"],["14:00","18:00"]],"tue":[["09:00","13:00"],["14:00","18:00"]],"wed":[["09:00","13:00"],["14:00","18:00"]],"thu":[["09:00","13:00"],["14:00","18:00"]],"fri":[["09:00","13:00"],["14:00","16:30"]],"sat":[["10:00","14:00"]]},
                "holidays":["2025-12-25","2026-01-01","2026-03-09","2026-05-01","2026-12-25"],
                "overrides":{"2026-03-29":[["00:00","06:00"]],"2026-10-25":[["02:00","05:00"]],"2026-03-28":[]}}"#,
        ),
        json(
            r#"{"tz":"Europe/Kyiv","weekly":{"sat":[["22:00","24:00"]],"sun":[["00:00","06:00"],["22:00","24:00"]],"mon":[["00:00","06:00"]]}}"#,
        ),
        json(
            r#"{"tz":"America/New_York","weekly":{"sun":[["01:00","03:00"],["09:00","17:00"]],"tue":[["09:00","17:00"]],"thu":[["12:00","24:00"]]},"holidays":["2026-07-02"]}"#,
        ),
        json(
            r#"{"tz":"Australia/Lord_Howe","weekly":{"sun":[["01:00","03:00"]],"wed":[["08:00","20:00"]]}}"#,
        ),
        BusinessCalendar::always(chrono_tz::Europe::Kyiv),
        json(
            r#"{"tz":"Asia/Tokyo","overrides":{"2026-06-15":[["09:00","12:00"]],"2026-09-01":[["00:00","24:00"]]}}"#,
        ),
        BusinessCalendar::preset(CalendarPreset::MoscowFiveToTwo),
    ]
}

/// Every working interval in `[from, to)`, straight from the tz database.
fn reference_intervals(cal: &BusinessCalendar, from: i64, to: i64) -> Vec<(i64, i64)> {
    let tz = cal.tz();
    let mut out = Vec::new();
    for day in zone::local_day(tz, from) - 1..=zone::local_day(tz, to) + 1 {
        for (s, e) in cal.utc_hours(day) {
            let (s, e) = (s.max(from), e.min(to));
            if s < e {
                out.push((s, e));
            }
        }
    }
    out
}

fn minus(intervals: Vec<(i64, i64)>, excl: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for (mut s, e) in intervals {
        for &(a, b) in excl {
            if b <= s || a >= e {
                continue;
            }
            if a > s {
                out.push((s, a));
            }
            s = s.max(b);
            if s >= e {
                break;
            }
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

fn reference_advance(cal: &BusinessCalendar, start: i64, amount: i64, excl: &[(i64, i64)]) -> Option<i64> {
    if amount <= 0 {
        return Some(start);
    }
    let mut left = amount;
    for (s, e) in minus(reference_intervals(cal, start, start + SEARCH_HORIZON), excl) {
        if left <= e - s {
            return Some(s + left);
        }
        left -= e - s;
    }
    None
}

fn reference_count(cal: &BusinessCalendar, a: i64, b: i64, excl: &[(i64, i64)]) -> i64 {
    if b <= a {
        return 0;
    }
    minus(reference_intervals(cal, a, b), excl).iter().map(|(s, e)| e - s).sum()
}

fn ledger(start: i64, pauses: &[(i64, i64)]) -> PauseLedger {
    PauseLedger::from_pauses(
        pauses
            .iter()
            .map(|&(offset, len)| Pause {
                from: instant(start + offset),
                to: Some(instant(start + offset + len)),
                reason: WaitingReason::ClientInfo,
            })
            .collect(),
    )
    .unwrap()
}

/// 2025-01-01 … 2027-12-31.
fn any_instant() -> impl Strategy<Value = i64> {
    1_735_689_600i64..1_830_297_600
}

fn any_calendar() -> impl Strategy<Value = usize> {
    0..calendars().len()
}

/// Pauses around the start: from three days before to sixty days after.
fn any_pauses() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((-3 * 86_400i64..60 * 86_400, 0i64..5 * 86_400), 0..8)
}

fn minutes_or_hours() -> impl Strategy<Value = Budget> {
    prop_oneof![(0u32..20_000).prop_map(Budget::Minutes), (0u32..400).prop_map(Budget::Hours)]
}

fn utc(secs: i64) -> DateTime<Utc> {
    instant(secs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn deadlines_match_the_reference(c in any_calendar(), start in any_instant(), budget in minutes_or_hours(), pauses in any_pauses()) {
        let cal = &calendars()[c];
        let ledger = ledger(start, &pauses);
        let amount = budget_secs(cal, utc(start), budget).unwrap();
        let expected = reference_advance(cal, start, amount, ledger.spans());
        let got = deadline(cal, utc(start), budget, &ledger);
        prop_assert_eq!(got.ok().map(|d| d.timestamp()), expected);
    }

    #[test]
    fn working_time_matches_the_reference(c in any_calendar(), a in any_instant(), len in 0i64..120 * 86_400, pauses in any_pauses()) {
        let cal = &calendars()[c];
        let ledger = ledger(a, &pauses);
        let got = working_time_between(cal, utc(a), utc(a + len), &ledger).num_seconds();
        prop_assert_eq!(got, reference_count(cal, a, a + len, ledger.spans()));
    }

    #[test]
    fn next_working_instant_matches_the_reference(c in any_calendar(), t in any_instant()) {
        let cal = &calendars()[c];
        let expected = reference_intervals(cal, t, t + SEARCH_HORIZON).first().map(|iv| iv.0);
        prop_assert_eq!(next_working_instant(cal, utc(t)).map(|d| d.timestamp()), expected);
    }

    #[test]
    fn the_working_time_up_to_a_deadline_is_the_budget(c in any_calendar(), start in any_instant(), budget in minutes_or_hours(), pauses in any_pauses()) {
        let cal = &calendars()[c];
        let ledger = ledger(start, &pauses);
        if let Ok(due) = deadline(cal, utc(start), budget, &ledger) {
            let amount = budget_secs(cal, utc(start), budget).unwrap();
            prop_assert_eq!(working_time_between(cal, utc(start), due, &ledger).num_seconds(), amount);
        }
    }

    #[test]
    fn deadlines_grow_with_the_budget(c in any_calendar(), start in any_instant(), a in 0u32..20_000, b in 0u32..20_000, pauses in any_pauses()) {
        let cal = &calendars()[c];
        let ledger = ledger(start, &pauses);
        let (small, large) = (a.min(b), a.max(b));
        if let Ok(later) = deadline(cal, utc(start), Budget::Minutes(large), &ledger) {
            prop_assert!(deadline(cal, utc(start), Budget::Minutes(small), &ledger).unwrap() <= later);
        }
    }

    #[test]
    fn deadlines_grow_with_the_start(c in any_calendar(), s in any_instant(), gap in 0i64..20 * 86_400, budget in minutes_or_hours()) {
        let cal = &calendars()[c];
        let none = PauseLedger::new();
        if let Ok(later) = deadline(cal, utc(s + gap), budget, &none) {
            prop_assert!(deadline(cal, utc(s), budget, &none).unwrap() <= later);
        }
    }

    #[test]
    fn pauses_never_bring_a_deadline_forward(c in any_calendar(), start in any_instant(), budget in minutes_or_hours(), pauses in any_pauses()) {
        let cal = &calendars()[c];
        let with = deadline(cal, utc(start), budget, &ledger(start, &pauses));
        let without = deadline(cal, utc(start), budget, &PauseLedger::new());
        if let Ok(with) = with {
            prop_assert!(without.unwrap() <= with);
        }
    }

    #[test]
    fn around_the_clock_is_plain_addition(start in any_instant(), budget in minutes_or_hours()) {
        let cal = BusinessCalendar::always(chrono_tz::America::Sao_Paulo);
        let amount = budget_secs(&cal, utc(start), budget).unwrap();
        prop_assert_eq!(deadline(&cal, utc(start), budget, &PauseLedger::new()).unwrap(), utc(start + amount));
        let moscow = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let hours = amount as u32 / 3600;
        prop_assert_eq!(
            deadline(&moscow, utc(start), Budget::CalendarHours(hours), &PauseLedger::new()).unwrap(),
            utc(start) + Duration::hours(i64::from(hours))
        );
    }

    #[test]
    fn deadlines_compose(c in any_calendar(), start in any_instant(), a in 0u32..10_000, b in 0u32..10_000) {
        let cal = &calendars()[c];
        let none = PauseLedger::new();
        if let Ok(whole) = deadline(cal, utc(start), Budget::Minutes(a + b), &none) {
            let first = deadline(cal, utc(start), Budget::Minutes(a), &none).unwrap();
            prop_assert_eq!(deadline(cal, first, Budget::Minutes(b), &none).unwrap(), whole);
        }
    }

    #[test]
    fn working_days_land_on_working_days(c in any_calendar(), start in any_instant(), n in 1u32..30) {
        let cal = &calendars()[c];
        if let Ok(due) = deadline(cal, utc(start), Budget::WorkingDays(n), &PauseLedger::new()) {
            // The due instant is working time or the end of a working interval.
            let just_before = due.timestamp() - 1;
            prop_assert_eq!(next_working_instant(cal, utc(just_before)).map(|d| d.timestamp()), Some(just_before));
            let amount = budget_secs(cal, utc(start), Budget::WorkingDays(n)).unwrap();
            prop_assert_eq!(working_time_between(cal, utc(start), due, &PauseLedger::new()).num_seconds(), amount);
        }
    }

    #[test]
    fn the_countdown_agrees_with_the_clock(c in any_calendar(), received in any_instant(), hours in 1u32..200, later in 0i64..30 * 86_400, pauses in any_pauses(), probes in prop::collection::vec(0i64..40 * 86_400, 1..20)) {
        let cal = &calendars()[c];
        let snapshot = received + later;
        let pauses: Vec<(i64, i64)> = pauses.into_iter().filter(|&(o, l)| o + l <= later).collect();
        let clock = SlaClock::new(cal, utc(received), Targets { reaction: Some(Budget::Hours(hours)), resolution: None })
            .with_pauses(ledger(received, &pauses));
        let Ok(Some(countdown)) = clock.countdown(utc(snapshot), Duration::days(3)) else {
            return Ok(());
        };
        for p in probes {
            let now = (snapshot + p).min(countdown.timeline.until);
            let reading = clock.status(utc(now)).unwrap().reaction.unwrap();
            let view = countdown.at(utc(now));
            prop_assert_eq!(view.remaining_secs, reading.remaining_secs);
            prop_assert_eq!(view.state, reading.state);
            prop_assert_eq!(view.resumes_at, reading.resumes_at);
        }
    }

    #[test]
    fn the_fast_count_matches_for_any_exclusions(c in any_calendar(), a in any_instant(), len in 0i64..400 * 86_400, excl in prop::collection::vec((0i64..400 * 86_400, 0i64..3 * 86_400), 0..30)) {
        let cal = &calendars()[c];
        let spans = counting::merge_spans(excl.into_iter().map(|(o, l)| (a + o, a + o + l)).collect());
        prop_assert_eq!(counting::count(cal, a, a + len, &spans), reference_count(cal, a, a + len, &spans));
    }
}
