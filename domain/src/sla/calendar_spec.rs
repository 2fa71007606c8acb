//! The JSON form of a business calendar, validated once at the edge.
//!
//! ```json
//! {"tz":"Europe/Moscow",
//!  "weekly":{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]},
//!  "holidays":["2026-01-01"],
//!  "overrides":{"2026-04-30":[["09:00","17:00"]]},
//!  "always":false}
//! ```
//!
//! Missing weekdays (and missing `holidays`, `overrides`, `always`) mean
//! none; `"always": true` makes every other field but `tz` irrelevant.

use super::calendar::BusinessCalendar;
use super::working_hours::{format_time, parse_time, LocalInterval};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Weekday keys in the JSON, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One working interval as written in JSON: `["09:00", "18:00"]`.
pub type IntervalSpec = [String; 2];

/// A calendar as exchanged with the API and stored in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone name, e.g. `Europe/Moscow`.
    pub tz: String,
    #[serde(default)]
    pub weekly: WeeklySpec,
    /// Dates with no working time.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Dates with their own working hours (shortened days, working Saturdays).
    #[serde(default)]
    pub overrides: BTreeMap<NaiveDate, Vec<IntervalSpec>>,
    /// Round the clock: every second counts.
    #[serde(default)]
    pub always: bool,
}

/// Weekly working hours by weekday key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklySpec {
    #[serde(default)]
    pub mon: Vec<IntervalSpec>,
    #[serde(default)]
    pub tue: Vec<IntervalSpec>,
    #[serde(default)]
    pub wed: Vec<IntervalSpec>,
    #[serde(default)]
    pub thu: Vec<IntervalSpec>,
    #[serde(default)]
    pub fri: Vec<IntervalSpec>,
    #[serde(default)]
    pub sat: Vec<IntervalSpec>,
    #[serde(default)]
    pub sun: Vec<IntervalSpec>,
}

/// Why a calendar was refused. Each message names the offending day or value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("unknown time zone \"{0}\" (expected an IANA name such as Europe/Moscow)")]
    UnknownZone(String),
    #[error("{day}: \"{value}\" is not a time of day (expected HH:MM from 00:00 to 24:00)")]
    BadTime { day: String, value: String },
    #[error("{day}: the interval {start}–{end} does not end after it starts")]
    EndNotAfterStart { day: String, start: String, end: String },
    #[error("{day}: the intervals {first} and {second} overlap")]
    Overlap { day: String, first: String, second: String },
    #[error("{date} is listed both as a holiday and as an override")]
    HolidayAndOverride { date: NaiveDate },
    #[error("the calendar has no working time: give weekly hours or an override with hours, or set \"always\": true")]
    NoWorkingTime,
    #[error("not a calendar: {0}")]
    Json(String),
}

impl WeeklySpec {
    fn days(&self) -> [&Vec<IntervalSpec>; 7] {
        [&self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun]
    }

    pub(crate) fn from_days(days: &[Vec<LocalInterval>; 7]) -> WeeklySpec {
        let [mon, tue, wed, thu, fri, sat, sun] = days.clone().map(|day| to_specs(&day));
        WeeklySpec { mon, tue, wed, thu, fri, sat, sun }
    }
}

impl CalendarSpec {
    /// Validates and builds the calendar.
    pub fn parse(self) -> Result<BusinessCalendar, CalendarError> {
        let tz: Tz = self.tz.parse().map_err(|_| CalendarError::UnknownZone(self.tz.clone()))?;
        if self.always {
            return Ok(BusinessCalendar::always(tz));
        }
        let (weekly, holidays, overrides) = self.hours()?;
        Ok(BusinessCalendar::from_parts(tz, false, weekly, holidays, overrides))
    }

    /// Checks the spec without keeping the calendar.
    pub fn validate(&self) -> Result<(), CalendarError> {
        self.clone().parse().map(|_| ())
    }

    /// Every check of [`CalendarSpec::parse`] but the zone's: what the
    /// browser can check without shipping the time-zone database.
    pub fn validate_hours(&self) -> Result<(), CalendarError> {
        if self.always {
            return Ok(());
        }
        self.hours().map(|_| ())
    }

    /// The week, holidays and overrides, checked.
    #[allow(clippy::type_complexity)]
    fn hours(
        &self,
    ) -> Result<
        ([Vec<LocalInterval>; 7], BTreeSet<NaiveDate>, BTreeMap<NaiveDate, Vec<LocalInterval>>),
        CalendarError,
    > {
        let mut weekly: [Vec<LocalInterval>; 7] = Default::default();
        for (i, day) in self.weekly.days().into_iter().enumerate() {
            weekly[i] = parse_day(WEEKDAY_KEYS[i], day)?;
        }
        let holidays: BTreeSet<NaiveDate> = self.holidays.iter().copied().collect();
        let mut overrides = BTreeMap::new();
        for (date, day) in &self.overrides {
            if holidays.contains(date) {
                return Err(CalendarError::HolidayAndOverride { date: *date });
            }
            overrides.insert(*date, parse_day(&date.to_string(), day)?);
        }
        if weekly.iter().chain(overrides.values()).all(Vec::is_empty) {
            return Err(CalendarError::NoWorkingTime);
        }
        Ok((weekly, holidays, overrides))
    }

    pub(crate) fn from_calendar(cal: &BusinessCalendar) -> CalendarSpec {
        CalendarSpec {
            tz: cal.tz().name().to_string(),
            weekly: WeeklySpec::from_days(cal.weekly_hours()),
            holidays: cal.holidays().iter().copied().collect(),
            overrides: cal.overrides().iter().map(|(d, h)| (*d, to_specs(h))).collect(),
            always: cal.is_always(),
        }
    }
}

fn to_specs(day: &[LocalInterval]) -> Vec<IntervalSpec> {
    day.iter().map(|i| [format_time(i.start_secs()), format_time(i.end_secs())]).collect()
}

/// One day's working hours (`label`: its weekday key or date, for the
/// error), sorted; the rules every day of a calendar is held to, which the
/// admin's weekly grid also checks row by row.
pub fn parse_day(label: &str, day: &[IntervalSpec]) -> Result<Vec<LocalInterval>, CalendarError> {
    let time = |value: &String| {
        parse_time(value)
            .ok_or_else(|| CalendarError::BadTime { day: label.to_string(), value: value.clone() })
    };
    let mut hours = Vec::with_capacity(day.len());
    for [start, end] in day {
        let (s, e) = (time(start)?, time(end)?);
        let interval = LocalInterval::new(s, e).ok_or_else(|| CalendarError::EndNotAfterStart {
            day: label.to_string(),
            start: start.clone(),
            end: end.clone(),
        })?;
        hours.push(interval);
    }
    check_day(label, hours)
}

/// Sorts a day's intervals and refuses overlapping ones (touching is fine:
/// 09:00–13:00 and 13:00–18:00 is one working stretch).
pub(crate) fn check_day(
    label: &str,
    mut hours: Vec<LocalInterval>,
) -> Result<Vec<LocalInterval>, CalendarError> {
    hours.sort();
    if let Some(w) = hours.windows(2).find(|w| w[1].start_secs() < w[0].end_secs()) {
        return Err(CalendarError::Overlap {
            day: label.to_string(),
            first: w[0].to_string(),
            second: w[1].to_string(),
        });
    }
    Ok(hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOSCOW: &str = r#"{"tz":"Europe/Moscow","weekly":{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]],"sat":[],"sun":[]},"holidays":["2026-01-01"],"overrides":{"2026-04-30":[["09:00","17:00"]]},"always":false}"#;

    fn error_of(json: &str) -> String {
        BusinessCalendar::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn the_documented_shape_round_trips_exactly() {
        let cal = BusinessCalendar::from_json(MOSCOW).unwrap();
        assert_eq!(cal.to_json(), MOSCOW);
        assert_eq!(cal.to_spec().parse().unwrap(), cal);
        let back: BusinessCalendar = serde_json::from_str(&serde_json::to_string(&cal).unwrap()).unwrap();
        assert_eq!(back, cal);
    }

    #[test]
    fn missing_fields_mean_none() {
        let cal = BusinessCalendar::from_json(r#"{"tz":"Europe/Kyiv","weekly":{"sat":[["10:00","14:00"]]}}"#)
            .unwrap();
        assert!(cal.weekly_hours()[0].is_empty());
        assert_eq!(cal.weekly_hours()[5], vec![LocalInterval::hours(10, 14)]);
        assert!(cal.holidays().is_empty() && !cal.is_always());
    }

    #[test]
    fn always_ignores_everything_but_the_zone() {
        let cal = BusinessCalendar::from_json(
            r#"{"tz":"Asia/Tokyo","weekly":{"mon":[["18:00","09:00"]]},"always":true}"#,
        )
        .unwrap();
        assert!(cal.is_always());
        assert_eq!(cal.tz(), chrono_tz::Asia::Tokyo);
        assert!(cal.to_spec().weekly.mon.is_empty());
    }

    #[test]
    fn unknown_zone_is_named() {
        assert_eq!(
            error_of(r#"{"tz":"Europe/Moskva","always":true}"#),
            "unknown time zone \"Europe/Moskva\" (expected an IANA name such as Europe/Moscow)"
        );
    }

    #[test]
    fn an_interval_must_end_after_it_starts() {
        assert_eq!(
            error_of(r#"{"tz":"UTC","weekly":{"tue":[["18:00","09:00"]]}}"#),
            "tue: the interval 18:00–09:00 does not end after it starts"
        );
        assert_eq!(
            error_of(r#"{"tz":"UTC","weekly":{"wed":[["09:00","09:00"]]}}"#),
            "wed: the interval 09:00–09:00 does not end after it starts"
        );
    }

    #[test]
    fn overlapping_intervals_are_refused_touching_ones_are_not() {
        assert_eq!(
            error_of(r#"{"tz":"UTC","weekly":{"thu":[["14:00","18:00"],["09:00","14:30"]]}}"#),
            "thu: the intervals 09:00–14:30 and 14:00–18:00 overlap"
        );
        assert!(BusinessCalendar::from_json(
            r#"{"tz":"UTC","weekly":{"thu":[["09:00","13:00"],["13:00","18:00"]]}}"#
        )
        .is_ok());
        assert_eq!(
            error_of(
                r#"{"tz":"UTC","weekly":{"mon":[["09:00","18:00"]]},"overrides":{"2026-04-30":[["09:00","12:00"],["11:00","17:00"]]}}"#
            ),
            "2026-04-30: the intervals 09:00–12:00 and 11:00–17:00 overlap"
        );
    }

    #[test]
    fn times_outside_the_day_or_malformed_are_refused() {
        assert_eq!(
            error_of(r#"{"tz":"UTC","weekly":{"fri":[["09:00","24:30"]]}}"#),
            "fri: \"24:30\" is not a time of day (expected HH:MM from 00:00 to 24:00)"
        );
        assert_eq!(
            error_of(r#"{"tz":"UTC","weekly":{"sun":[["9am","17:00"]]}}"#),
            "sun: \"9am\" is not a time of day (expected HH:MM from 00:00 to 24:00)"
        );
        assert!(BusinessCalendar::from_json(r#"{"tz":"UTC","weekly":{"sun":[["00:00","24:00"]]}}"#).is_ok());
    }

    #[test]
    fn a_calendar_without_working_time_is_refused() {
        let msg = "the calendar has no working time: give weekly hours or an override with hours, or set \"always\": true";
        assert_eq!(error_of(r#"{"tz":"UTC"}"#), msg);
        assert_eq!(error_of(r#"{"tz":"UTC","weekly":{"mon":[]},"overrides":{"2026-05-02":[]}}"#), msg);
        assert!(BusinessCalendar::from_json(
            r#"{"tz":"UTC","overrides":{"2026-05-02":[["10:00","12:00"]]}}"#
        )
        .is_ok());
    }

    #[test]
    fn a_date_cannot_be_both_holiday_and_override() {
        assert_eq!(
            error_of(
                r#"{"tz":"UTC","weekly":{"mon":[["09:00","18:00"]]},"holidays":["2026-05-04"],"overrides":{"2026-05-04":[["09:00","12:00"]]}}"#
            ),
            "2026-05-04 is listed both as a holiday and as an override"
        );
    }

    #[test]
    fn unknown_fields_and_bad_dates_are_refused() {
        assert!(error_of(r#"{"tz":"UTC","weekly":{"mon":[["09:00","18:00"]]},"holiday":[]}"#)
            .starts_with("not a calendar: unknown field `holiday`"));
        assert!(error_of(r#"{"tz":"UTC","weekly":{"monday":[["09:00","18:00"]]}}"#)
            .contains("unknown field `monday`"));
        assert!(error_of(r#"{"tz":"UTC","weekly":{"mon":[["09:00","18:00"]]},"holidays":["2026-02-30"]}"#)
            .starts_with("not a calendar:"));
    }

    #[test]
    fn hours_are_checked_without_the_zone() {
        let spec = |json: &str| serde_json::from_str::<CalendarSpec>(json).unwrap();
        assert_eq!(
            spec(r#"{"tz":"Nowhere/Atlantis","weekly":{"mon":[["09:00","18:00"]]}}"#).validate_hours(),
            Ok(())
        );
        assert!(matches!(
            spec(r#"{"tz":"","weekly":{"mon":[["18:00","09:00"]]}}"#).validate_hours(),
            Err(CalendarError::EndNotAfterStart { .. })
        ));
        assert_eq!(spec(r#"{"tz":""}"#).validate_hours(), Err(CalendarError::NoWorkingTime));
        assert_eq!(spec(r#"{"tz":"","always":true}"#).validate_hours(), Ok(()));
        assert_eq!(
            parse_day("mon", &[["13:00".into(), "18:00".into()], ["09:00".into(), "13:00".into()]]).unwrap(),
            vec![LocalInterval::hours(9, 13), LocalInterval::hours(13, 18)]
        );
    }

    #[test]
    fn programmatic_weekly_calendars_are_checked_too() {
        let tz = chrono_tz::UTC;
        let err = BusinessCalendar::weekly(tz, Default::default()).unwrap_err();
        assert_eq!(err, CalendarError::NoWorkingTime);
        let mut days: [Vec<LocalInterval>; 7] = Default::default();
        days[2] = vec![LocalInterval::hours(9, 13), LocalInterval::hours(12, 18)];
        assert!(
            matches!(BusinessCalendar::weekly(tz, days).unwrap_err(), CalendarError::Overlap { day, .. } if day == "wed")
        );
    }
}
