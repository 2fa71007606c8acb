//! A business calendar as the admin's weekly grid holds it while it is
//! edited: times as the `<input type="time">` fields give them, special
//! days as rows. Converting to the exchange shape (`CalendarSpec`) checks
//! each row with the domain's own rules, so each error can be shown next to
//! the row it concerns.

use crate::domain::sla::{parse_day, CalendarError, CalendarSpec, IntervalSpec, WeeklySpec, WEEKDAY_KEYS};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The zone a new calendar starts in: the seeds' own.
pub const DEFAULT_ZONE: &str = "Europe/Moscow";

/// Zones offered in the time-zone field; any IANA name may be typed.
pub const SUGGESTED_ZONES: [&str; 14] = [
    "Europe/Moscow",
    "Europe/Kyiv",
    "Europe/Minsk",
    "Asia/Almaty",
    "UTC",
    "Europe/Kaliningrad",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Novosibirsk",
    "Asia/Vladivostok",
    "Asia/Tashkent",
    "Asia/Tbilisi",
    "Europe/Berlin",
    "Europe/London",
];

/// One working interval as typed: `"09:00"`, or `""` while empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntervalDraft {
    pub from: String,
    pub to: String,
}

impl IntervalDraft {
    #[cfg(test)]
    pub fn new(from: &str, to: &str) -> IntervalDraft {
        IntervalDraft { from: from.to_string(), to: to.to_string() }
    }

    /// A time field cannot show 24:00, so the end of the day reads 00:00
    /// in the grid ("until midnight").
    fn from_spec([from, to]: &IntervalSpec) -> IntervalDraft {
        let to = if to == "24:00" { "00:00".to_string() } else { to.clone() };
        IntervalDraft { from: from.clone(), to }
    }

    fn to_spec(&self) -> IntervalSpec {
        let to = if self.to.trim() == "00:00" { "24:00" } else { self.to.trim() };
        [self.from.trim().to_string(), to.to_string()]
    }

    fn is_blank(&self) -> bool {
        self.from.trim().is_empty() && self.to.trim().is_empty()
    }
}

/// A special day's row: a date (`YYYY-MM-DD` as the date field gives it)
/// and one interval. Rows of the same date make one day with several
/// intervals; a row with both times empty is a day without working time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecialDayDraft {
    pub date: String,
    pub hours: IntervalDraft,
}

/// The whole calendar being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDraft {
    pub tz: String,
    pub always: bool,
    /// Monday first, as `WEEKDAY_KEYS`.
    pub week: [Vec<IntervalDraft>; 7],
    /// Sorted, each date once.
    pub holidays: Vec<NaiveDate>,
    pub special: Vec<SpecialDayDraft>,
}

/// Where in the grid a problem is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridPlace {
    Zone,
    /// A weekday, Monday = 0.
    Day(usize),
    /// A special day's row, by its position.
    Special(usize),
    /// The calendar as a whole.
    Calendar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridProblem {
    /// A field left empty (the zone, a special day's date).
    Required,
    /// A rule of the calendar, as the domain words it.
    Calendar(CalendarError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridError {
    pub place: GridPlace,
    pub problem: GridProblem,
}

impl Default for CalendarDraft {
    /// A new calendar: nothing filled in yet but the zone.
    fn default() -> CalendarDraft {
        CalendarDraft {
            tz: DEFAULT_ZONE.to_string(),
            always: false,
            week: Default::default(),
            holidays: Vec::new(),
            special: Vec::new(),
        }
    }
}

impl CalendarDraft {
    pub fn from_spec(spec: &CalendarSpec) -> CalendarDraft {
        let w = &spec.weekly;
        let week = [&w.mon, &w.tue, &w.wed, &w.thu, &w.fri, &w.sat, &w.sun]
            .map(|day| day.iter().map(IntervalDraft::from_spec).collect());
        let mut holidays = spec.holidays.clone();
        holidays.sort();
        holidays.dedup();
        let special = spec
            .overrides
            .iter()
            .flat_map(|(date, hours)| {
                let date = date.to_string();
                // A day without hours keeps a row, with both times empty.
                let rows: Vec<IntervalDraft> = if hours.is_empty() {
                    vec![IntervalDraft::default()]
                } else {
                    hours.iter().map(IntervalDraft::from_spec).collect()
                };
                rows.into_iter().map(move |hours| SpecialDayDraft { date: date.clone(), hours })
            })
            .collect();
        CalendarDraft { tz: spec.tz.clone(), always: spec.always, week, holidays, special }
    }

    /// The draft as written, unchecked (special rows without a readable
    /// date are left out): what the JSON export shows while editing.
    pub fn spec(&self) -> CalendarSpec {
        let day = |d: usize| self.week[d].iter().map(IntervalDraft::to_spec).collect::<Vec<_>>();
        let weekly = WeeklySpec {
            mon: day(0),
            tue: day(1),
            wed: day(2),
            thu: day(3),
            fri: day(4),
            sat: day(5),
            sun: day(6),
        };
        let mut overrides: BTreeMap<NaiveDate, Vec<IntervalSpec>> = BTreeMap::new();
        for row in &self.special {
            if let Some(date) = parse_date(&row.date) {
                let day = overrides.entry(date).or_default();
                if !row.hours.is_blank() {
                    day.push(row.hours.to_spec());
                }
            }
        }
        CalendarSpec {
            tz: self.tz.trim().to_string(),
            weekly,
            holidays: self.holidays.clone(),
            overrides,
            always: self.always,
        }
    }

    /// Every problem the browser can find, each placed by its row; the zone
    /// itself is checked by the server (see `calendars.rs`).
    pub fn problems(&self) -> Vec<GridError> {
        let mut found = Vec::new();
        let mut push = |place, problem| found.push(GridError { place, problem });
        if self.tz.trim().is_empty() {
            push(GridPlace::Zone, GridProblem::Required);
        }
        if self.always {
            return found;
        }
        let spec = self.spec();
        let w = &spec.weekly;
        let days = [&w.mon, &w.tue, &w.wed, &w.thu, &w.fri, &w.sat, &w.sun];
        for (d, key) in WEEKDAY_KEYS.iter().enumerate() {
            if let Err(e) = parse_day(key, days[d]) {
                push(GridPlace::Day(d), GridProblem::Calendar(e));
            }
        }
        for (i, row) in self.special.iter().enumerate() {
            if parse_date(&row.date).is_none() {
                push(GridPlace::Special(i), GridProblem::Required);
            }
        }
        for (date, hours) in &spec.overrides {
            if let Err(e) = parse_day(&date.to_string(), hours) {
                for i in self.rows_of(*date) {
                    push(GridPlace::Special(i), GridProblem::Calendar(e.clone()));
                }
            }
        }
        // Dates both holiday and special, by the domain's rule; it stops at
        // the first, so each found date is set aside and the rest asked again.
        let mut probe = CalendarSpec {
            weekly: WeeklySpec::default(),
            overrides: spec.overrides.keys().map(|d| (*d, Vec::new())).collect(),
            ..spec.clone()
        };
        while let Err(CalendarError::HolidayAndOverride { date }) = probe.validate_hours() {
            for i in self.rows_of(date) {
                push(
                    GridPlace::Special(i),
                    GridProblem::Calendar(CalendarError::HolidayAndOverride { date }),
                );
            }
            probe.overrides.remove(&date);
        }
        // What is left concerns the whole calendar (no working time); only
        // asked once the rows are right, as the domain stops at the first.
        if found.is_empty() {
            if let Err(e) = spec.validate_hours() {
                found.push(GridError { place: GridPlace::Calendar, problem: GridProblem::Calendar(e) });
            }
        }
        found
    }

    /// The calendar to send, or why not.
    pub fn to_spec(&self) -> Result<CalendarSpec, Vec<GridError>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(self.spec())
        } else {
            Err(problems)
        }
    }

    fn rows_of(&self, date: NaiveDate) -> Vec<usize> {
        let text = date.to_string();
        self.special.iter().enumerate().filter(|(_, r)| r.date.trim() == text).map(|(i, _)| i).collect()
    }
}

/// A date as a date field gives it (`2026-05-04`); `None` when empty or
/// unfinished.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Adds a holiday in its place; `false` when it was listed already.
pub fn add_holiday(holidays: &mut Vec<NaiveDate>, date: NaiveDate) -> bool {
    match holidays.binary_search(&date) {
        Ok(_) => false,
        Err(at) => {
            holidays.insert(at, date);
            true
        }
    }
}

/// Sorted holidays grouped by year, so next year's read as a block.
pub fn holidays_by_year(holidays: &[NaiveDate]) -> Vec<(i32, Vec<NaiveDate>)> {
    let mut years: Vec<(i32, Vec<NaiveDate>)> = Vec::new();
    for date in holidays {
        match years.last_mut() {
            Some((year, dates)) if *year == date.year() => dates.push(*date),
            _ => years.push((date.year(), vec![*date])),
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> CalendarSpec {
        serde_json::from_str(json).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    const MOSCOW: &str = r#"{"tz":"Europe/Moscow","weekly":{"mon":[["09:00","13:00"],["14:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","16:45"]],"sat":[],"sun":[]},"holidays":["2027-01-01","2026-01-01","2026-01-01"],"overrides":{"2026-04-30":[["09:00","17:00"]],"2026-05-02":[],"2026-11-07":[["10:00","12:00"],["13:00","24:00"]]},"always":false}"#;

    #[test]
    fn a_spec_round_trips_through_the_draft() {
        let original = spec(MOSCOW);
        let draft = CalendarDraft::from_spec(&original);
        assert_eq!(
            draft.week[0],
            vec![IntervalDraft::new("09:00", "13:00"), IntervalDraft::new("14:00", "18:00")]
        );
        assert!(draft.week[5].is_empty());
        // Sorted and each once.
        assert_eq!(draft.holidays, vec![date("2026-01-01"), date("2027-01-01")]);
        // One row per interval; the day without hours keeps an empty row.
        let rows: Vec<(&str, &str, &str)> = draft
            .special
            .iter()
            .map(|r| (r.date.as_str(), r.hours.from.as_str(), r.hours.to.as_str()))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("2026-04-30", "09:00", "17:00"),
                ("2026-05-02", "", ""),
                ("2026-11-07", "10:00", "12:00"),
                ("2026-11-07", "13:00", "00:00"),
            ]
        );
        let back = draft.to_spec().unwrap();
        assert_eq!(back, CalendarSpec { holidays: vec![date("2026-01-01"), date("2027-01-01")], ..original });
        assert_eq!(CalendarDraft::from_spec(&back), draft);
    }

    #[test]
    fn midnight_as_an_end_is_the_end_of_the_day() {
        let draft = CalendarDraft::from_spec(&spec(r#"{"tz":"UTC","weekly":{"sun":[["00:00","24:00"]]}}"#));
        assert_eq!(draft.week[6], vec![IntervalDraft::new("00:00", "00:00")]);
        let mut typed = CalendarDraft::default();
        typed.week[4] = vec![IntervalDraft::new("20:00", "00:00")];
        assert_eq!(typed.to_spec().unwrap().weekly.fri, vec![["20:00".to_string(), "24:00".to_string()]]);
    }

    #[test]
    fn each_problem_is_placed_on_its_row() {
        let mut draft = CalendarDraft { tz: " ".into(), ..Default::default() };
        draft.week[0] = vec![IntervalDraft::new("18:00", "09:00")];
        draft.week[2] = vec![IntervalDraft::new("09:00", "13:00"), IntervalDraft::new("12:00", "18:00")];
        draft.week[3] = vec![IntervalDraft::new("09:00", "")];
        draft.special = vec![
            SpecialDayDraft { date: "".into(), hours: IntervalDraft::new("09:00", "12:00") },
            SpecialDayDraft { date: "2026-04-30".into(), hours: IntervalDraft::new("17:00", "09:00") },
        ];
        let places: Vec<GridPlace> = draft.problems().iter().map(|e| e.place).collect();
        assert_eq!(
            places,
            vec![
                GridPlace::Zone,
                GridPlace::Day(0),
                GridPlace::Day(2),
                GridPlace::Day(3),
                GridPlace::Special(0),
                GridPlace::Special(1)
            ]
        );
        let problems = draft.problems();
        assert!(matches!(problems[1].problem, GridProblem::Calendar(CalendarError::EndNotAfterStart { .. })));
        assert!(matches!(problems[2].problem, GridProblem::Calendar(CalendarError::Overlap { .. })));
        assert!(matches!(problems[3].problem, GridProblem::Calendar(CalendarError::BadTime { .. })));
        assert_eq!(problems[4].problem, GridProblem::Required);
        assert!(draft.to_spec().is_err());
    }

    #[test]
    fn a_special_day_that_is_also_a_holiday_is_refused_on_its_rows() {
        let mut draft = CalendarDraft::from_spec(&spec(MOSCOW));
        draft.holidays.push(date("2026-11-07"));
        let problems = draft.problems();
        assert_eq!(
            problems.iter().map(|e| e.place).collect::<Vec<_>>(),
            vec![GridPlace::Special(2), GridPlace::Special(3)]
        );
        assert_eq!(
            problems[0].problem,
            GridProblem::Calendar(CalendarError::HolidayAndOverride { date: date("2026-11-07") })
        );
        // Shown together with a wrong weekday and a second conflicting date.
        draft.week[1] = vec![IntervalDraft::new("18:00", "09:00")];
        draft.holidays.push(date("2026-04-30"));
        draft.holidays.sort();
        let places: Vec<GridPlace> = draft.problems().iter().map(|e| e.place).collect();
        assert_eq!(
            places,
            vec![GridPlace::Day(1), GridPlace::Special(0), GridPlace::Special(2), GridPlace::Special(3)]
        );
    }

    #[test]
    fn a_calendar_without_working_time_is_refused_as_a_whole_unless_round_the_clock() {
        let mut draft = CalendarDraft::default();
        assert_eq!(
            draft.problems(),
            vec![GridError {
                place: GridPlace::Calendar,
                problem: GridProblem::Calendar(CalendarError::NoWorkingTime)
            }]
        );
        // The week is kept while 24/7 is on, but neither checked nor sent.
        draft.always = true;
        draft.week[0] = vec![IntervalDraft::new("18:00", "09:00")];
        assert_eq!(draft.problems(), vec![]);
        assert!(draft.to_spec().unwrap().always);
    }

    #[test]
    fn holidays_are_added_in_order_once_and_grouped_by_year() {
        let mut holidays = vec![];
        assert!(add_holiday(&mut holidays, date("2027-01-07")));
        assert!(add_holiday(&mut holidays, date("2026-05-09")));
        assert!(add_holiday(&mut holidays, date("2026-01-01")));
        assert!(!add_holiday(&mut holidays, date("2026-05-09")));
        assert_eq!(holidays, vec![date("2026-01-01"), date("2026-05-09"), date("2027-01-07")]);
        assert_eq!(
            holidays_by_year(&holidays),
            vec![(2026, vec![date("2026-01-01"), date("2026-05-09")]), (2027, vec![date("2027-01-07")])]
        );
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2026-02-30"), None);
    }
}
