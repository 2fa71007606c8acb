//! SLA test vectors: one fixed list of engine results, rendered one per line
//! and compared with `sla_vectors.expected`. The same test runs natively and
//! compiled to wasm32 under node (wasm-bindgen-test), which shows that the
//! server and the browser compute the same deadlines and countdowns:
//!
//! ```sh
//! cargo test -p app --test sla_vectors
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p app --test sla_vectors --target wasm32-unknown-unknown
//! ```
//!
//! After an intended change of results, regenerate the golden file natively
//! (wasm has no file system) and review its diff:
//! `SLA_VECTORS_BLESS=1 cargo test -p app --test sla_vectors`.

use app::domain::contract::preset_calendar;
use app::domain::sla::{
    at_risk_secs, budget_secs, deadline, explain, next_working_instant, working_time_between, Budget,
    BusinessCalendar, CalendarPreset, ClockReading, Countdown, CountdownView, Pause, PauseLedger, Release,
    SlaClock, SlaState, Targets,
};
use app::domain::ticket::WaitingReason;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use std::collections::BTreeSet;
use std::fmt::Display;

const EXPECTED: &str = include_str!("sla_vectors.expected");

/// Every day 00:00–06:00 and 22:00–24:00 in Kyiv, with a holiday on the
/// Monday after the spring clock change and a short Monday after the autumn one.
const KYIV_NIGHTS: &str = r#"{"tz":"Europe/Kyiv",
 "weekly":{"mon":[["00:00","06:00"],["22:00","24:00"]],"tue":[["00:00","06:00"],["22:00","24:00"]],
           "wed":[["00:00","06:00"],["22:00","24:00"]],"thu":[["00:00","06:00"],["22:00","24:00"]],
           "fri":[["00:00","06:00"],["22:00","24:00"]],"sat":[["00:00","06:00"],["22:00","24:00"]],
           "sun":[["00:00","06:00"],["22:00","24:00"]]},
 "holidays":["2026-03-30"],
 "overrides":{"2026-10-26":[["22:00","23:00"]]}}"#;

/// Working time on one day of 2020 only: nothing to count after that.
const ONE_DAY_IN_2020: &str = r#"{"tz":"Europe/Moscow","overrides":{"2020-01-06":[["09:00","18:00"]]}}"#;

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn engine_results_match_the_golden_file() {
    let rendered = render_all();
    assert_names_unique(&rendered);
    if bless(&rendered) {
        return;
    }
    if let Some(report) = mismatch_report(EXPECTED, &rendered) {
        panic!("{report}");
    }
}

fn render_all() -> String {
    let mut v = Vectors::default();
    preset_matrix(&mut v);
    holidays_and_transfers(&mut v);
    kyiv_dst(&mut v);
    pauses(&mut v);
    working_time(&mut v);
    next_working(&mut v);
    explanations(&mut v);
    clocks(&mut v);
    countdowns(&mut v);
    errors(&mut v);
    v.out
}

#[derive(Default)]
struct Vectors {
    out: String,
}

impl Vectors {
    fn line(&mut self, name: impl Display, value: impl Display) {
        let line = format!("{name}: {value}");
        assert!(!line.contains('\n'), "a vector must be one line: {line}");
        self.out.push_str(&line);
        self.out.push('\n');
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}")).with_timezone(&Utc)
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn opt_ts(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "-".to_string(), ts)
}

fn unix(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0).map_or_else(|| format!("unix {secs}"), ts)
}

fn spans(list: &[(DateTime<Utc>, DateTime<Utc>)]) -> String {
    if list.is_empty() {
        return "-".to_string();
    }
    list.iter().map(|(a, b)| format!("{}/{}", ts(*a), ts(*b))).collect::<Vec<_>>().join(",")
}

fn budget(b: Budget) -> String {
    match b {
        Budget::Minutes(n) => format!("{n}min"),
        Budget::Hours(n) => format!("{n}bh"),
        Budget::WorkingDays(n) => format!("{n}wd"),
        Budget::CalendarHours(n) => format!("{n}ch"),
    }
}

fn state(s: SlaState) -> String {
    match s {
        SlaState::OnTrack => "on_track".to_string(),
        SlaState::AtRisk => "at_risk".to_string(),
        SlaState::Breached => "breached".to_string(),
        SlaState::Paused { reason } => format!("paused({reason})"),
        SlaState::Met => "met".to_string(),
    }
}

fn or_error<T, E: Display>(r: Result<T, E>, ok: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(t) => ok(t),
        Err(e) => format!("error: {e}"),
    }
}

fn calendar(json: &str) -> BusinessCalendar {
    BusinessCalendar::from_json(json).unwrap_or_else(|e| panic!("test calendar: {e}"))
}

fn closed(from: &str, to: &str) -> Pause {
    Pause { from: utc(from), to: Some(utc(to)), reason: WaitingReason::ClientInfo }
}

fn open(from: &str) -> Pause {
    Pause { from: utc(from), to: None, reason: WaitingReason::ClientApproval }
}

fn ledger(pauses: Vec<Pause>) -> PauseLedger {
    PauseLedger::from_pauses(pauses).unwrap_or_else(|e| panic!("test ledger: {e}"))
}

fn due(cal: &BusinessCalendar, start: &str, b: Budget, pauses: &PauseLedger) -> String {
    or_error(deadline(cal, utc(start), b, pauses), ts)
}

/// Every preset with the Russian holidays merged in (contract::preset_calendar),
/// every kind of budget, from inside and from outside working hours.
fn preset_matrix(v: &mut Vectors) {
    // Wed 11:30 Moscow, 10:30 Kyiv; Fri 20:15 Moscow before the Monday
    // holiday of 9 March (Kyiv has none).
    let starts = ["2026-03-04T08:30:00Z", "2026-03-06T17:15:00Z"];
    let budgets = [Budget::Minutes(90), Budget::Hours(12), Budget::WorkingDays(2), Budget::CalendarHours(30)];
    for preset in CalendarPreset::ALL {
        let cal = preset_calendar(preset);
        for start in starts {
            for b in budgets {
                v.line(
                    format_args!("deadline {} {start} +{}", preset.code(), budget(b)),
                    due(&cal, start, b, &PauseLedger::new()),
                );
            }
        }
    }
}

fn holidays_and_transfers(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let none = PauseLedger::new();
    let mut d = |name: &str, cal: &BusinessCalendar, start: &str, b: Budget| {
        v.line(format_args!("{name} {start} +{}", budget(b)), due(cal, start, b, &none));
    };
    // Fri 17:00 + 12 bh, Monday 9 March a holiday: Fri 1 + Tue 9 + Wed 2 = Wed 11:00 MSK.
    d("monday holiday", &moscow, "2026-03-06T17:00:00+03:00", Budget::Hours(12));
    // Fri 8 May is shortened to 17:00 and Monday 11 May is a holiday.
    d("shortened friday, monday holiday", &moscow, "2026-05-08T17:00:00+03:00", Budget::Hours(12));
    d("shortened day", &moscow, "2026-04-30T16:00:00+03:00", Budget::Hours(2));
    d("new year 2026", &moscow, "2025-12-30T14:00:00+03:00", Budget::Hours(12));
    d("new year 2026", &moscow, "2025-12-30T14:00:00+03:00", Budget::WorkingDays(1));
    d("new year 2027", &moscow, "2026-12-30T15:00:00+03:00", Budget::Hours(12));
    d("new year 2027", &moscow, "2026-12-30T15:00:00+03:00", Budget::WorkingDays(1));
    d("new year 2027", &moscow, "2027-01-01T12:00:00+03:00", Budget::Minutes(30));
    let ten_to_seven = preset_calendar(CalendarPreset::MoscowTenToSeven);
    d("new year 2027 10-19", &ten_to_seven, "2026-12-31T12:00:00+03:00", Budget::WorkingDays(3));
    let kyiv = preset_calendar(CalendarPreset::KyivNineToSix);
    d("new year 2027 kyiv (no russian holidays)", &kyiv, "2026-12-30T15:00:00+02:00", Budget::Hours(12));
    // Sat 1 Nov 2025 is a transferred working day (and shortened: 09–17);
    // 3 and 4 Nov are off.
    d("working saturday", &moscow, "2025-10-31T17:00:00+03:00", Budget::Hours(4));
    d("working saturday", &moscow, "2025-10-31T17:00:00+03:00", Budget::Hours(12));
    d("working saturday", &moscow, "2025-10-31T12:00:00+03:00", Budget::WorkingDays(1));
    let five_to_two = preset_calendar(CalendarPreset::MoscowFiveToTwo);
    d("working saturday 05-14", &five_to_two, "2025-10-31T13:00:00+03:00", Budget::Hours(3));
    for (start, b) in [
        ("2025-12-30T14:00:00+03:00", Budget::WorkingDays(1)),
        ("2025-10-31T12:00:00+03:00", Budget::WorkingDays(1)),
        ("2026-04-29T12:00:00+03:00", Budget::WorkingDays(1)),
        ("2026-03-06T20:15:00+03:00", Budget::WorkingDays(2)),
    ] {
        v.line(
            format_args!("budget_secs moscow_nine_to_six {start} {}", budget(b)),
            or_error(budget_secs(&moscow, utc(start), b), |s| s.to_string()),
        );
    }
}

/// Europe/Kyiv: clocks go forward on 29 March 2026 (03:00 → 04:00) and back
/// on 25 October 2026 (04:00 → 03:00). Working time is real elapsed time.
fn kyiv_dst(v: &mut Vectors) {
    let nights = calendar(KYIV_NIGHTS);
    let kyiv = preset_calendar(CalendarPreset::KyivNineToSix);
    let none = PauseLedger::new();
    for (start, b) in [
        // The spring night has 7 h: 8 bh end an hour into Sunday's evening shift.
        ("2026-03-28T22:00:00+02:00", Budget::Hours(7)),
        ("2026-03-28T22:00:00+02:00", Budget::Hours(8)),
        // Monday 30 March is a holiday.
        ("2026-03-28T22:00:00+02:00", Budget::Hours(14)),
        // The autumn night has 9 h; Monday 26 October works 22:00–23:00 only.
        ("2026-10-24T22:00:00+03:00", Budget::Hours(8)),
        ("2026-10-24T22:00:00+03:00", Budget::Hours(10)),
        ("2026-10-24T22:00:00+03:00", Budget::Hours(12)),
        ("2026-10-25T03:30:00+02:00", Budget::Minutes(45)),
        ("2026-03-28T23:00:00+02:00", Budget::WorkingDays(1)),
        ("2026-10-24T23:00:00+03:00", Budget::WorkingDays(1)),
    ] {
        v.line(format_args!("kyiv nights {start} +{}", budget(b)), due(&nights, start, b, &none));
    }
    for (start, b) in [
        ("2026-03-27T17:00:00+02:00", Budget::Hours(2)),
        ("2026-03-27T10:00:00+02:00", Budget::WorkingDays(1)),
        ("2026-03-28T10:00:00Z", Budget::CalendarHours(24)),
        ("2026-10-23T17:00:00+03:00", Budget::Hours(2)),
        ("2026-10-23T10:00:00+03:00", Budget::WorkingDays(1)),
    ] {
        v.line(format_args!("kyiv_nine_to_six {start} +{}", budget(b)), due(&kyiv, start, b, &none));
    }
    for (a, b) in [
        ("2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z"),
        ("2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z"),
        ("2026-03-28T00:00:00Z", "2026-04-01T00:00:00Z"),
        ("2026-10-24T00:00:00Z", "2026-10-28T00:00:00Z"),
    ] {
        let secs = working_time_between(&nights, utc(a), utc(b), &none).num_seconds();
        v.line(format_args!("kyiv nights working seconds {a}..{b}"), secs);
    }
    // What the browser receives instead of the tz database.
    let timeline = nights.timeline(utc("2026-03-28T12:00:00Z"), utc("2026-03-30T12:00:00Z"));
    let intervals: Vec<_> = timeline.intervals_utc().collect();
    v.line("kyiv nights timeline 2026-03-28T12:00:00Z..2026-03-30T12:00:00Z", spans(&intervals));
    let timeline = nights.timeline(utc("2026-10-24T12:00:00Z"), utc("2026-10-26T12:00:00Z"));
    let intervals: Vec<_> = timeline.intervals_utc().collect();
    v.line("kyiv nights timeline 2026-10-24T12:00:00Z..2026-10-26T12:00:00Z", spans(&intervals));
}

fn pauses(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let always = preset_calendar(CalendarPreset::AroundTheClock);
    let mon_10 = "2026-03-02T10:00:00+03:00";
    let cases: Vec<(&str, &BusinessCalendar, &str, Budget, Vec<Pause>)> = vec![
        ("no pause", &moscow, mon_10, Budget::Hours(8), vec![]),
        (
            "closed pause",
            &moscow,
            mon_10,
            Budget::Hours(8),
            vec![closed("2026-03-02T12:00:00+03:00", "2026-03-02T14:00:00+03:00")],
        ),
        (
            "overlapping pauses",
            &moscow,
            mon_10,
            Budget::Hours(8),
            vec![
                closed("2026-03-02T12:00:00+03:00", "2026-03-02T14:00:00+03:00"),
                closed("2026-03-02T13:00:00+03:00", "2026-03-02T15:00:00+03:00"),
            ],
        ),
        (
            "pause over the start",
            &moscow,
            mon_10,
            Budget::Hours(8),
            vec![closed("2026-03-02T08:00:00+03:00", "2026-03-02T11:00:00+03:00")],
        ),
        (
            "pause over a weekend and a holiday",
            &moscow,
            "2026-03-05T10:00:00+03:00",
            Budget::Hours(16),
            vec![closed("2026-03-06T16:00:00+03:00", "2026-03-10T10:00:00+03:00")],
        ),
        (
            "pause outside working hours",
            &moscow,
            mon_10,
            Budget::Hours(12),
            vec![closed("2026-03-02T19:00:00+03:00", "2026-03-03T08:00:00+03:00")],
        ),
        ("open pause", &moscow, mon_10, Budget::Hours(8), vec![open("2026-03-02T12:00:00+03:00")]),
        (
            "open pause after the budget ran out",
            &moscow,
            mon_10,
            Budget::Hours(2),
            vec![
                closed("2026-03-02T10:30:00+03:00", "2026-03-02T11:00:00+03:00"),
                open("2026-03-02T15:00:00+03:00"),
            ],
        ),
        (
            "calendar hours with a pause",
            &always,
            mon_10,
            Budget::CalendarHours(30),
            vec![closed("2026-03-02T23:00:00+03:00", "2026-03-03T01:00:00+03:00")],
        ),
        (
            "working days with a pause",
            &moscow,
            mon_10,
            Budget::WorkingDays(1),
            vec![closed("2026-03-02T17:00:00+03:00", "2026-03-03T09:30:00+03:00")],
        ),
    ];
    for (name, cal, start, b, list) in cases {
        v.line(format_args!("{name} {start} +{}", budget(b)), due(cal, start, b, &ledger(list)));
    }
}

fn working_time(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let none = PauseLedger::new();
    let mut between = |name: &str, cal: &BusinessCalendar, a: &str, b: &str, pauses: &PauseLedger| {
        let secs = working_time_between(cal, utc(a), utc(b), pauses).num_seconds();
        v.line(format_args!("working seconds {name} {a}..{b}"), secs);
    };
    between("one week", &moscow, "2026-03-02T00:00:00+03:00", "2026-03-09T00:00:00+03:00", &none);
    between("two weeks", &moscow, "2026-03-02T00:00:00+03:00", "2026-03-16T00:00:00+03:00", &none);
    // 2026: 247 working days of 9 h, 4 of them shortened by an hour = 2219 h.
    between("year 2026", &moscow, "2026-01-01T00:00:00+03:00", "2027-01-01T00:00:00+03:00", &none);
    between("shortened day", &moscow, "2026-04-30T00:00:00+03:00", "2026-05-01T00:00:00+03:00", &none);
    between("working saturday", &moscow, "2025-11-01T00:00:00+03:00", "2025-11-02T00:00:00+03:00", &none);
    between("reversed", &moscow, "2026-03-03T12:00:00+03:00", "2026-03-02T12:00:00+03:00", &none);
    let always = preset_calendar(CalendarPreset::AroundTheClock);
    between("24/7", &always, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z", &none);
    let pauses = ledger(vec![
        closed("2026-03-02T12:00:00+03:00", "2026-03-02T14:00:00+03:00"),
        closed("2026-03-02T13:00:00+03:00", "2026-03-02T15:30:00+03:00"),
    ]);
    between("overlapping pauses", &moscow, "2026-03-02T00:00:00+03:00", "2026-03-03T00:00:00+03:00", &pauses);
    let pauses = ledger(vec![
        closed("2026-03-02T10:00:00+03:00", "2026-03-02T11:00:00+03:00"),
        open("2026-03-03T12:00:00+03:00"),
    ]);
    between("open pause", &moscow, "2026-03-02T00:00:00+03:00", "2026-03-05T00:00:00+03:00", &pauses);
}

fn next_working(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let cases: Vec<(&str, BusinessCalendar, &str)> = vec![
        ("moscow_nine_to_six", moscow.clone(), "2026-03-04T11:30:00+03:00"),
        ("moscow_nine_to_six", moscow.clone(), "2026-03-06T18:00:00+03:00"),
        ("moscow_nine_to_six", moscow.clone(), "2025-12-30T20:00:00+03:00"),
        ("moscow_nine_to_six", moscow.clone(), "2025-10-31T18:30:00+03:00"),
        ("moscow_nine_to_six", moscow, "2026-04-30T17:30:00+03:00"),
        ("moscow_five_to_two", preset_calendar(CalendarPreset::MoscowFiveToTwo), "2026-03-04T14:00:00+03:00"),
        ("kyiv_nine_to_six", preset_calendar(CalendarPreset::KyivNineToSix), "2026-03-28T12:00:00Z"),
        ("around_the_clock", preset_calendar(CalendarPreset::AroundTheClock), "2026-01-01T00:00:00Z"),
        ("kyiv nights", calendar(KYIV_NIGHTS), "2026-03-29T12:00:00Z"),
        ("kyiv nights", calendar(KYIV_NIGHTS), "2026-10-26T05:00:00Z"),
        ("one day in 2020", calendar(ONE_DAY_IN_2020), "2019-12-31T00:00:00Z"),
        ("one day in 2020", calendar(ONE_DAY_IN_2020), "2026-01-01T00:00:00Z"),
    ];
    for (name, cal, t) in cases {
        v.line(
            format_args!("next working instant {name} {t}"),
            next_working_instant(&cal, utc(t)).map_or_else(|| "none".to_string(), ts),
        );
    }
}

fn explanations(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let cases: Vec<(&str, BusinessCalendar, &str, Budget, Vec<Pause>)> = vec![
        (
            "moscow_nine_to_six",
            moscow.clone(),
            "2026-03-06T17:00:00+03:00",
            Budget::Hours(12),
            vec![closed("2026-03-10T11:00:00+03:00", "2026-03-10T12:00:00+03:00")],
        ),
        ("moscow_nine_to_six", moscow.clone(), "2025-10-31T17:00:00+03:00", Budget::Hours(12), vec![]),
        (
            "moscow_nine_to_six",
            moscow,
            "2026-03-02T10:00:00+03:00",
            Budget::Hours(2),
            vec![open("2026-03-02T15:00:00+03:00")],
        ),
        ("kyiv nights", calendar(KYIV_NIGHTS), "2026-10-24T22:00:00+03:00", Budget::Hours(12), vec![]),
        (
            "kyiv_nine_to_six",
            preset_calendar(CalendarPreset::KyivNineToSix),
            "2026-03-27T10:00:00+02:00",
            Budget::WorkingDays(1),
            vec![],
        ),
        (
            "around_the_clock",
            preset_calendar(CalendarPreset::AroundTheClock),
            "2026-03-02T10:00:00+03:00",
            Budget::CalendarHours(30),
            vec![closed("2026-03-02T23:00:00+03:00", "2026-03-03T01:00:00+03:00")],
        ),
    ];
    for (name, cal, start, b, list) in cases {
        v.line(
            format_args!("explain {name} {start} +{}", budget(b)),
            or_error(explain(&cal, utc(start), b, &ledger(list)), |e| {
                format!("due={} counted={} paused={}", ts(e.due), spans(&e.counted), spans(&e.paused))
            }),
        );
    }
}

fn reading(r: Option<ClockReading>) -> String {
    match r {
        None => "no target".to_string(),
        Some(r) => format!(
            "{} remaining={} due={} resumes={} budget={} at_risk={}",
            state(r.state),
            r.remaining_secs,
            opt_ts(r.due),
            opt_ts(r.resumes_at),
            r.budget_secs,
            r.at_risk_secs
        ),
    }
}

/// Both clocks of `clock` at `now`, one line each.
fn clock_lines(v: &mut Vectors, label: &str, clock: &SlaClock, now: &str) {
    let status = clock.status(utc(now));
    v.line(
        format_args!("clock {label} reaction at {now}"),
        or_error(status.clone(), |s| reading(s.reaction)),
    );
    v.line(format_args!("clock {label} resolution at {now}"), or_error(status, |s| reading(s.resolution)));
}

fn clocks(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let received = utc("2026-03-02T09:00:00+03:00");

    // Reaction 4 bh answered at 12:30; resolution 2 working days with a
    // closed and then an open pause.
    let targets = Targets { reaction: Some(Budget::Hours(4)), resolution: Some(Budget::WorkingDays(2)) };
    let clock = SlaClock::new(&moscow, received, targets)
        .with_pauses(ledger(vec![
            closed("2026-03-03T10:00:00+03:00", "2026-03-03T11:00:00+03:00"),
            open("2026-03-04T12:00:00+03:00"),
        ]))
        .with_first_response(Some(utc("2026-03-02T12:30:00+03:00")));
    for now in [
        "2026-03-02T10:00:00+03:00",
        "2026-03-02T12:15:00+03:00",
        "2026-03-02T12:30:00+03:00",
        "2026-03-02T20:00:00+03:00",
        "2026-03-03T10:30:00+03:00",
        "2026-03-04T13:00:00+03:00",
    ] {
        clock_lines(v, "answered", &clock, now);
    }

    // Never answered; resolution 8 bh released twice, reopened once.
    let targets = Targets { reaction: Some(Budget::Minutes(30)), resolution: Some(Budget::Hours(8)) };
    let released = SlaClock::new(&moscow, received, targets).with_releases(vec![
        Release {
            released_at: utc("2026-03-02T15:00:00+03:00"),
            reopened_at: Some(utc("2026-03-03T10:00:00+03:00")),
        },
        Release { released_at: utc("2026-03-03T16:00:00+03:00"), reopened_at: None },
    ]);
    let released = released.unwrap_or_else(|e| panic!("test releases: {e}"));
    for now in [
        "2026-03-02T10:00:00+03:00",
        "2026-03-02T16:00:00+03:00",
        "2026-03-03T12:00:00+03:00",
        "2026-03-03T17:00:00+03:00",
    ] {
        clock_lines(v, "released", &released, now);
    }

    // A resolution-only 24/7 target and a 20 % at-risk share.
    let always = preset_calendar(CalendarPreset::AroundTheClock);
    let targets = Targets { reaction: None, resolution: Some(Budget::CalendarHours(10)) };
    let clock = SlaClock::new(&always, received, targets).with_at_risk_fraction(0.2);
    for now in ["2026-03-02T16:59:59+03:00", "2026-03-02T17:00:00+03:00", "2026-03-02T19:00:01+03:00"] {
        clock_lines(v, "24/7", &clock, now);
    }
    v.line("at_risk_secs 43200 0.25", at_risk_secs(43_200, 0.25));
    v.line("at_risk_secs 100 0.333", at_risk_secs(100, 0.333));
    v.line("at_risk_secs 3600 NaN", at_risk_secs(3_600, f64::NAN));
}

fn view(c: CountdownView) -> String {
    format!("{} remaining={} resumes={}", state(c.state), c.remaining_secs, opt_ts(c.resumes_at))
}

/// The browser's path: the server's countdown snapshot, sent as JSON, read
/// later over its precomputed UTC timeline. Each line also shows the
/// server's own reading at the same instant.
fn countdowns(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let kyiv = preset_calendar(CalendarPreset::KyivNineToSix);
    let moscow_targets =
        Targets { reaction: Some(Budget::Hours(4)), resolution: Some(Budget::WorkingDays(2)) };
    let kyiv_targets = Targets { reaction: Some(Budget::Hours(2)), resolution: None };
    let cases: Vec<(&str, SlaClock, &str, Vec<&str>)> = vec![
        (
            "moscow reaction",
            SlaClock::new(&moscow, utc("2026-03-06T16:00:00+03:00"), moscow_targets),
            "2026-03-06T16:30:00+03:00",
            vec![
                "2026-03-06T16:00:00+03:00",
                "2026-03-06T17:59:59+03:00",
                "2026-03-07T12:00:00+03:00",
                "2026-03-10T09:00:00+03:00",
                "2026-03-10T10:30:00+03:00",
                "2026-03-10T11:00:00+03:00",
                "2026-03-10T11:00:01+03:00",
                "2026-03-10T19:00:00+03:00",
            ],
        ),
        (
            "kyiv reaction over the spring clock change",
            SlaClock::new(&kyiv, utc("2026-03-27T17:00:00+02:00"), kyiv_targets),
            "2026-03-27T17:00:00+02:00",
            vec![
                "2026-03-27T17:30:00+02:00",
                "2026-03-29T04:30:00+03:00",
                "2026-03-30T09:00:00+03:00",
                "2026-03-30T09:30:00+03:00",
                "2026-03-30T10:00:01+03:00",
            ],
        ),
        (
            "moscow resolution paused",
            SlaClock::new(&moscow, utc("2026-03-02T09:00:00+03:00"), moscow_targets)
                .with_pauses(ledger(vec![open("2026-03-03T12:00:00+03:00")]))
                .with_first_response(Some(utc("2026-03-02T10:00:00+03:00"))),
            "2026-03-03T13:00:00+03:00",
            vec!["2026-03-03T13:00:00+03:00", "2026-03-05T13:00:00+03:00"],
        ),
    ];
    for (name, clock, snapshot, reads) in cases {
        let countdown = clock.countdown(utc(snapshot), Duration::days(1));
        let countdown = match countdown {
            Ok(Some(c)) => c,
            other => panic!("{name}: no countdown: {other:?}"),
        };
        let json = serde_json::to_string(&countdown).unwrap_or_else(|e| panic!("{name}: {e}"));
        v.line(format_args!("countdown {name} snapshot {snapshot} json"), &json);
        let countdown: Countdown = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        v.line(format_args!("countdown {name} valid until"), ts(countdown.valid_until()));
        v.line(
            format_args!("countdown {name} timeline"),
            format_args!(
                "{}..{} {}",
                unix(countdown.timeline.from),
                unix(countdown.timeline.until),
                spans(&countdown.timeline.intervals_utc().collect::<Vec<_>>())
            ),
        );
        for now in reads {
            let server = or_error(clock.status(utc(now)), |s| {
                let r = match countdown.kind {
                    app::domain::sla::ClockKind::Reaction => s.reaction,
                    app::domain::sla::ClockKind::Resolution => s.resolution,
                };
                reading(r)
            });
            v.line(
                format_args!("countdown {name} at {now}"),
                format_args!("{} | server {server}", view(countdown.at(utc(now)))),
            );
        }
    }
}

fn errors(v: &mut Vectors) {
    let moscow = preset_calendar(CalendarPreset::MoscowNineToSix);
    let none = PauseLedger::new();
    let start = "2026-03-02T10:00:00+03:00";
    v.line("too far 20000bh", due(&moscow, start, Budget::Hours(20_000), &none));
    v.line("too far 600wd", due(&moscow, start, Budget::WorkingDays(600), &none));
    v.line("too far one day in 2020", due(&calendar(ONE_DAY_IN_2020), start, Budget::Minutes(1), &none));
    v.line("not too far 4000bh", due(&moscow, start, Budget::Hours(4_000), &none));

    let invalid = [
        ("unknown zone", r#"{"tz":"Europe/Atlantis","weekly":{"mon":[["09:00","18:00"]]}}"#),
        ("bad time", r#"{"tz":"Europe/Moscow","weekly":{"tue":[["09:00","25:00"]]}}"#),
        ("not a time", r#"{"tz":"Europe/Moscow","weekly":{"tue":[["9am","18:00"]]}}"#),
        ("end before start", r#"{"tz":"Europe/Moscow","weekly":{"wed":[["18:00","09:00"]]}}"#),
        ("overlap", r#"{"tz":"Europe/Moscow","weekly":{"thu":[["09:00","13:00"],["12:00","18:00"]]}}"#),
        (
            "holiday and override",
            r#"{"tz":"Europe/Moscow","weekly":{"fri":[["09:00","18:00"]]},"holidays":["2026-05-01"],"overrides":{"2026-05-01":[["09:00","12:00"]]}}"#,
        ),
        (
            "override overlap",
            r#"{"tz":"Europe/Moscow","overrides":{"2026-05-02":[["09:00","12:00"],["11:00","13:00"]]}}"#,
        ),
        ("no working time", r#"{"tz":"Europe/Moscow","weekly":{"mon":[]}}"#),
        ("unknown field", r#"{"tz":"Europe/Moscow","weekley":{}}"#),
        ("not json", r#"{"tz":"Europe/Moscow","#),
        ("always", r#"{"tz":"Asia/Vladivostok","always":true}"#),
    ];
    for (name, json) in invalid {
        let result = BusinessCalendar::from_json(json);
        v.line(format_args!("calendar {name}"), or_error(result, |c| format!("ok {}", c.to_json())));
    }

    let ledger_error = |pauses: Vec<Pause>| or_error(PauseLedger::from_pauses(pauses), |_| "ok".to_string());
    v.line(
        "pauses ending before they start",
        ledger_error(vec![closed("2026-03-02T12:00:00+03:00", "2026-03-02T11:00:00+03:00")]),
    );
    v.line(
        "pauses open but not last",
        ledger_error(vec![
            open("2026-03-02T12:00:00+03:00"),
            closed("2026-03-02T13:00:00+03:00", "2026-03-02T14:00:00+03:00"),
        ]),
    );
    let mut l = ledger(vec![closed("2026-03-02T12:00:00+03:00", "2026-03-02T13:00:00+03:00")]);
    v.line(
        "pause out of order",
        or_error(l.pause(utc("2026-03-02T11:00:00+03:00"), WaitingReason::Payment), |_| "ok".into()),
    );
    v.line("resume when not paused", or_error(l.resume(utc("2026-03-02T14:00:00+03:00")), |_| "ok".into()));
    v.line(
        "pause",
        or_error(l.pause(utc("2026-03-02T15:00:00+03:00"), WaitingReason::Payment), |_| "ok".into()),
    );
    v.line(
        "pause twice",
        or_error(l.pause(utc("2026-03-02T16:00:00+03:00"), WaitingReason::Payment), |_| "ok".into()),
    );
    v.line("resume before the pause", or_error(l.resume(utc("2026-03-02T14:30:00+03:00")), |_| "ok".into()));

    let targets = Targets { reaction: None, resolution: Some(Budget::Hours(8)) };
    let releases = SlaClock::new(&moscow, utc(start), targets).with_releases(vec![
        Release { released_at: utc("2026-03-02T12:00:00+03:00"), reopened_at: None },
        Release { released_at: utc("2026-03-02T14:00:00+03:00"), reopened_at: None },
    ]);
    v.line("releases out of order", or_error(releases, |_| "ok".to_string()));
    v.line("budget json", or_error(serde_json::from_str::<Budget>(r#"{"weeks":3}"#), budget));
}

/// Names are `name` in `name: value`; two equal names would hide a vector.
fn assert_names_unique(rendered: &str) {
    let mut seen = BTreeSet::new();
    for line in rendered.lines() {
        let name = line.split(": ").next().unwrap_or(line);
        assert!(seen.insert(name), "duplicate vector name: {name}");
    }
}

/// With `SLA_VECTORS_BLESS=1`, writes the golden file instead of comparing.
#[cfg(not(target_arch = "wasm32"))]
fn bless(rendered: &str) -> bool {
    if std::env::var_os("SLA_VECTORS_BLESS").is_none_or(|v| v.is_empty() || v == "0") {
        return false;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sla_vectors.expected");
    std::fs::write(path, rendered).unwrap_or_else(|e| panic!("writing {path}: {e}"));
    eprintln!("wrote {} vectors to {path}", rendered.lines().count());
    true
}

#[cfg(target_arch = "wasm32")]
fn bless(_rendered: &str) -> bool {
    false
}

/// `None` if equal; otherwise the differing lines as `-expected` / `+actual`.
fn mismatch_report(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (exp, act): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut report = format!(
        "SLA vectors differ from tests/sla_vectors.expected ({} expected lines, {} computed).\n\
         If the change is intended, regenerate natively with SLA_VECTORS_BLESS=1 and review the diff.\n",
        exp.len(),
        act.len()
    );
    let mut shown = 0;
    for i in 0..exp.len().max(act.len()) {
        let (e, a) = (exp.get(i), act.get(i));
        if e == a {
            continue;
        }
        shown += 1;
        if shown > 40 {
            report.push_str("… (more differences)\n");
            break;
        }
        report.push_str(&format!("@@ line {}\n", i + 1));
        if let Some(e) = e {
            report.push_str(&format!("-{e}\n"));
        }
        if let Some(a) = a {
            report.push_str(&format!("+{a}\n"));
        }
    }
    if shown == 0 {
        report.push_str("(only line endings or the final newline differ)\n");
    }
    Some(report)
}
