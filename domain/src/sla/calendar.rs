//! Business calendars: when the support desk works.

use super::calendar_spec::{check_day, CalendarError, CalendarSpec, WEEKDAY_KEYS};
use super::counting::{first_counting_instant, WorkingIntervals};
use super::timeline::WorkingTimeline;
use super::working_hours::{shortened, LocalInterval};
use super::zone::{self, day_number, OffsetTable};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// A time zone plus working hours: weekly intervals (several per day
/// allowed), per-date overrides (a holiday has none; a shortened day or a
/// transferred working Saturday has its own), or round the clock.
///
/// Working time is real elapsed time: local interval bounds are mapped to
/// UTC date by date — a skipped wall time maps to the clock change, a
/// repeated one to its first occurrence — so a night shift on the night the
/// clocks change is shorter or longer.
///
/// Exchanged as JSON through [`CalendarSpec`]; build one with
/// [`BusinessCalendar::from_json`], [`CalendarSpec::parse`] or
/// [`BusinessCalendar::preset`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "CalendarSpec", into = "CalendarSpec")]
pub struct BusinessCalendar {
    tz: Tz,
    always: bool,
    /// Monday first; each day sorted and non-overlapping.
    weekly: [Vec<LocalInterval>; 7],
    holidays: BTreeSet<NaiveDate>,
    overrides: BTreeMap<NaiveDate, Vec<LocalInterval>>,
    index: DayIndex,
    offsets: OnceLock<Arc<OffsetTable>>,
}

/// What counting reads in its loop, derived once from the fields above.
#[derive(Debug, Clone, Default)]
struct DayIndex {
    /// Day numbers of holidays and overrides, ascending.
    special_days: Vec<i64>,
    special_hours: Vec<Vec<LocalInterval>>,
    /// Working seconds of `k` weekdays from Monday: `prefix[k]`, for k in 0..=14
    /// (two weeks, so a run starting on any weekday is one subtraction).
    prefix: [i64; 15],
}

/// The seeds' schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarPreset {
    /// Mon–Fri 09:00–18:00 Europe/Moscow (seeds 001, 002, 003).
    MoscowNineToSix,
    /// Mon–Fri 10:00–19:00 Europe/Moscow (seed 000: "daily except weekends and holidays").
    MoscowTenToSeven,
    /// Mon–Fri 05:00–14:00 Europe/Moscow (seed 004).
    MoscowFiveToTwo,
    /// Mon–Fri 09:00–18:00 Europe/Kyiv.
    KyivNineToSix,
    /// Round the clock, Europe/Moscow (emergency contracts, seed 001).
    AroundTheClock,
}

impl CalendarPreset {
    pub const ALL: [CalendarPreset; 5] = [
        CalendarPreset::MoscowNineToSix,
        CalendarPreset::MoscowTenToSeven,
        CalendarPreset::MoscowFiveToTwo,
        CalendarPreset::KyivNineToSix,
        CalendarPreset::AroundTheClock,
    ];

    /// The stable code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            CalendarPreset::MoscowNineToSix => "moscow_nine_to_six",
            CalendarPreset::MoscowTenToSeven => "moscow_ten_to_seven",
            CalendarPreset::MoscowFiveToTwo => "moscow_five_to_two",
            CalendarPreset::KyivNineToSix => "kyiv_nine_to_six",
            CalendarPreset::AroundTheClock => "around_the_clock",
        }
    }

    /// A display name in English.
    pub fn name(self) -> &'static str {
        match self {
            CalendarPreset::MoscowNineToSix => "Mon–Fri 09:00–18:00 Moscow",
            CalendarPreset::MoscowTenToSeven => "Mon–Fri 10:00–19:00 Moscow",
            CalendarPreset::MoscowFiveToTwo => "Mon–Fri 05:00–14:00 Moscow",
            CalendarPreset::KyivNineToSix => "Mon–Fri 09:00–18:00 Kyiv",
            CalendarPreset::AroundTheClock => "24/7",
        }
    }
}

impl BusinessCalendar {
    /// Assembles a calendar from validated parts.
    pub(crate) fn from_parts(
        tz: Tz,
        always: bool,
        weekly: [Vec<LocalInterval>; 7],
        holidays: BTreeSet<NaiveDate>,
        overrides: BTreeMap<NaiveDate, Vec<LocalInterval>>,
    ) -> BusinessCalendar {
        let mut cal = BusinessCalendar {
            tz,
            always,
            weekly,
            holidays,
            overrides,
            index: DayIndex::default(),
            offsets: OnceLock::new(),
        };
        cal.reindex();
        cal
    }

    fn reindex(&mut self) {
        let mut special: BTreeMap<i64, Vec<LocalInterval>> = BTreeMap::new();
        if !self.always {
            for (date, hours) in &self.overrides {
                special.insert(day_number(*date), hours.clone());
            }
            for date in &self.holidays {
                special.insert(day_number(*date), Vec::new());
            }
        }
        let mut prefix = [0i64; 15];
        for k in 0..14 {
            let day: i64 = self.weekly[k % 7].iter().map(|i| i64::from(i.len_secs())).sum();
            prefix[k + 1] = prefix[k] + day;
        }
        self.index = DayIndex {
            special_days: special.keys().copied().collect(),
            special_hours: special.into_values().collect(),
            prefix,
        };
    }

    /// Round the clock in `tz` (the zone still names local days for
    /// working-day budgets and for display).
    pub fn always(tz: Tz) -> BusinessCalendar {
        BusinessCalendar::from_parts(tz, true, Default::default(), BTreeSet::new(), BTreeMap::new())
    }

    /// Weekly hours, Monday first, without holidays.
    pub fn weekly(tz: Tz, weekly: [Vec<LocalInterval>; 7]) -> Result<BusinessCalendar, CalendarError> {
        let mut checked: [Vec<LocalInterval>; 7] = Default::default();
        for (i, hours) in weekly.into_iter().enumerate() {
            checked[i] = check_day(WEEKDAY_KEYS[i], hours)?;
        }
        if checked.iter().all(Vec::is_empty) {
            return Err(CalendarError::NoWorkingTime);
        }
        Ok(BusinessCalendar::from_parts(tz, false, checked, BTreeSet::new(), BTreeMap::new()))
    }

    /// One of the seeds' schedules, without holidays: merge them in with
    /// [`BusinessCalendar::with_holidays`].
    pub fn preset(preset: CalendarPreset) -> BusinessCalendar {
        let (tz, hours) = match preset {
            CalendarPreset::MoscowNineToSix => (chrono_tz::Europe::Moscow, LocalInterval::hours(9, 18)),
            CalendarPreset::MoscowTenToSeven => (chrono_tz::Europe::Moscow, LocalInterval::hours(10, 19)),
            CalendarPreset::MoscowFiveToTwo => (chrono_tz::Europe::Moscow, LocalInterval::hours(5, 14)),
            CalendarPreset::KyivNineToSix => (chrono_tz::Europe::Kyiv, LocalInterval::hours(9, 18)),
            CalendarPreset::AroundTheClock => return BusinessCalendar::always(chrono_tz::Europe::Moscow),
        };
        let day = vec![hours];
        let weekly = [day.clone(), day.clone(), day.clone(), day.clone(), day, Vec::new(), Vec::new()];
        BusinessCalendar::from_parts(tz, false, weekly, BTreeSet::new(), BTreeMap::new())
    }

    /// Merges a production calendar: `holidays` get no working time;
    /// `extra_working` days (transferred working Saturdays) work the Monday
    /// schedule; `shortened` days lose the last hour of that day's working
    /// time (of the Monday schedule if also an extra working day). A holiday
    /// beats the other two lists. Dates the calendar already lists as
    /// holidays or overrides keep their own entry, so an administrator's
    /// decision survives a refresh of the imported data. Ignored by a 24/7
    /// calendar.
    pub fn with_holidays(
        mut self,
        holidays: &[NaiveDate],
        shortened_days: &[NaiveDate],
        extra_working: &[NaiveDate],
    ) -> BusinessCalendar {
        if self.always {
            return self;
        }
        let own: BTreeSet<NaiveDate> = self.holidays.iter().chain(self.overrides.keys()).copied().collect();
        let holiday_set: BTreeSet<NaiveDate> = holidays.iter().copied().collect();
        let extra: BTreeSet<NaiveDate> = extra_working.iter().copied().collect();
        for date in holiday_set.iter().filter(|d| !own.contains(d)) {
            self.holidays.insert(*date);
        }
        for date in extra.iter().filter(|d| !own.contains(d) && !holiday_set.contains(d)) {
            self.overrides.insert(*date, self.weekly[0].clone());
        }
        for date in shortened_days.iter().filter(|d| !own.contains(d) && !holiday_set.contains(d)) {
            let base = if extra.contains(date) { &self.weekly[0] } else { &self.weekly[weekday(*date)] };
            let hours = shortened(base);
            if hours != *base {
                self.overrides.insert(*date, hours);
            }
        }
        self.reindex();
        self
    }

    /// Parses the JSON shape of [`CalendarSpec`].
    pub fn from_json(json: &str) -> Result<BusinessCalendar, CalendarError> {
        serde_json::from_str::<CalendarSpec>(json).map_err(|e| CalendarError::Json(e.to_string()))?.parse()
    }

    /// The JSON shape of [`CalendarSpec`].
    pub fn to_json(&self) -> String {
        // A spec is strings, dates, lists and maps with string keys: it always serializes.
        serde_json::to_string(&self.to_spec()).unwrap_or_default()
    }

    /// The exchange form; `to_spec().parse()` gives back an equal calendar.
    pub fn to_spec(&self) -> CalendarSpec {
        CalendarSpec::from_calendar(self)
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    pub fn is_always(&self) -> bool {
        self.always
    }

    /// Weekly hours, Monday first.
    pub fn weekly_hours(&self) -> &[Vec<LocalInterval>; 7] {
        &self.weekly
    }

    pub fn holidays(&self) -> &BTreeSet<NaiveDate> {
        &self.holidays
    }

    pub fn overrides(&self) -> &BTreeMap<NaiveDate, Vec<LocalInterval>> {
        &self.overrides
    }

    /// Whether nobody entered anything for `year`: no holiday and no date of
    /// its own (shortened day, working Saturday, worked holiday). A calendar
    /// in use in that state counts national holidays as working days, which
    /// the admin area warns about. Never for a 24/7 calendar.
    pub fn lacks_entries_for(&self, year: i32) -> bool {
        let in_year = |d: &NaiveDate| d.year() == year;
        !self.always && !self.holidays.iter().any(in_year) && !self.overrides.keys().any(in_year)
    }

    /// The wall-clock working hours on `date`, overrides and holidays applied.
    pub fn hours_on(&self, date: NaiveDate) -> &[LocalInterval] {
        const FULL_DAY: [LocalInterval; 1] = [LocalInterval::hours(0, 24)];
        if self.always {
            return &FULL_DAY;
        }
        self.hours_of_day(day_number(date), &mut 0)
    }

    /// True when `date` has working time.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.utc_hours(day_number(date)).next().is_some()
    }

    /// `t` on the calendar's wall clock.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<Tz> {
        t.with_timezone(&self.tz)
    }

    /// The working intervals between `from` and `to` in UTC, plus the first
    /// one at or after `to`, so the browser can count and say when counting
    /// resumes anywhere in `[from, to]` without the tz database.
    pub fn timeline(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> WorkingTimeline {
        WorkingTimeline::from_source(self, from.timestamp(), to.timestamp(), &[])
    }

    /// Wall-clock hours of day number `day`; `hint` is an index into the
    /// special days that makes walking forward day by day cheap.
    pub(crate) fn hours_of_day(&self, day: i64, hint: &mut usize) -> &[LocalInterval] {
        let days = &self.index.special_days;
        let settled = (*hint == 0 || days[*hint - 1] < day) && (*hint == days.len() || days[*hint] >= day);
        if !settled {
            *hint = days.partition_point(|&d| d < day);
        }
        match days.get(*hint) {
            Some(&d) if d == day => &self.index.special_hours[*hint],
            _ => &self.weekly[zone::weekday_index(day)],
        }
    }

    /// Hours of the `i`-th special day.
    pub(crate) fn special_hours(&self, i: usize) -> &[LocalInterval] {
        &self.index.special_hours[i]
    }

    /// Ordinary hours of a weekday (Monday = 0).
    pub(crate) fn weekday_hours(&self, weekday: usize) -> &[LocalInterval] {
        &self.weekly[weekday]
    }

    /// The first special day (holiday or override) at or after the one `hint` was settled on.
    pub(crate) fn next_special_day(&self, hint: usize) -> i64 {
        self.index.special_days.get(hint).copied().unwrap_or(i64::MAX)
    }

    /// Working seconds of `k` ordinary days starting on weekday `first` (Monday = 0).
    pub(crate) fn work_of_days(&self, first: usize, k: i64) -> i64 {
        let p = &self.index.prefix;
        (k / 7) * p[7] + p[first + (k % 7) as usize] - p[first]
    }

    /// Working seconds of an ordinary week.
    pub(crate) fn week_secs(&self) -> i64 {
        self.index.prefix[7]
    }

    /// The non-empty working intervals of day number `day` in UTC, mapped through the tz database.
    pub(crate) fn utc_hours(&self, day: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let tz = self.tz;
        let hours: &[LocalInterval] = if self.always {
            const FULL_DAY: [LocalInterval; 1] = [LocalInterval::hours(0, 24)];
            &FULL_DAY
        } else {
            self.hours_of_day(day, &mut 0)
        };
        hours
            .iter()
            .map(move |i| {
                (zone::local_to_utc(tz, day, i.start_secs()), zone::local_to_utc(tz, day, i.end_secs()))
            })
            .filter(|(a, b)| a < b)
    }

    pub(crate) fn offsets(&self) -> &OffsetTable {
        self.offsets.get_or_init(|| OffsetTable::for_zone(self.tz))
    }

    /// The first working instant at or after `t` (unix seconds), within `limit`.
    pub(crate) fn first_working(&self, t: i64, limit: i64) -> Option<i64> {
        first_counting_instant(self, t, &[], limit)
    }
}

fn weekday(date: NaiveDate) -> usize {
    chrono::Datelike::weekday(&date).num_days_from_monday() as usize
}

impl PartialEq for BusinessCalendar {
    fn eq(&self, other: &Self) -> bool {
        self.tz == other.tz
            && self.always == other.always
            && self.weekly == other.weekly
            && self.holidays == other.holidays
            && self.overrides == other.overrides
    }
}

impl Eq for BusinessCalendar {}

impl TryFrom<CalendarSpec> for BusinessCalendar {
    type Error = CalendarError;

    fn try_from(spec: CalendarSpec) -> Result<Self, Self::Error> {
        spec.parse()
    }
}

impl From<BusinessCalendar> for CalendarSpec {
    fn from(cal: BusinessCalendar) -> Self {
        cal.to_spec()
    }
}

impl WorkingIntervals for BusinessCalendar {
    type Cursor<'a> = super::calendar_cursor::CalendarCursor<'a>;

    fn cursor(&self, limit: i64) -> Self::Cursor<'_> {
        super::calendar_cursor::CalendarCursor::new(self, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn hours(cal: &BusinessCalendar, d: &str) -> Vec<String> {
        cal.hours_on(date(d)).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn presets_are_the_seeds_schedules() {
        let expect = [
            (CalendarPreset::MoscowNineToSix, "Europe/Moscow", "09:00–18:00"),
            (CalendarPreset::MoscowTenToSeven, "Europe/Moscow", "10:00–19:00"),
            (CalendarPreset::MoscowFiveToTwo, "Europe/Moscow", "05:00–14:00"),
            (CalendarPreset::KyivNineToSix, "Europe/Kyiv", "09:00–18:00"),
        ];
        for (preset, tz, day) in expect {
            let cal = BusinessCalendar::preset(preset);
            assert_eq!(cal.tz().name(), tz);
            // 2026-03-02 is a Monday.
            for d in ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"] {
                assert_eq!(hours(&cal, d), [day], "{preset:?} {d}");
            }
            assert!(hours(&cal, "2026-03-07").is_empty() && hours(&cal, "2026-03-08").is_empty());
            assert_eq!(cal.to_spec().parse().unwrap(), cal);
        }
        let always = BusinessCalendar::preset(CalendarPreset::AroundTheClock);
        assert!(always.is_always());
        assert_eq!(hours(&always, "2026-03-08"), ["00:00–24:00"]);
    }

    #[test]
    fn preset_codes_are_their_serde_names() {
        for p in CalendarPreset::ALL {
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.code()));
            assert!(!p.name().is_empty());
        }
    }

    #[test]
    fn holidays_shortened_and_extra_days_merge_in() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix).with_holidays(
            &[date("2026-03-09")],
            &[date("2026-03-06"), date("2026-03-07"), date("2026-03-09")],
            &[date("2026-03-14")],
        );
        assert!(hours(&cal, "2026-03-09").is_empty(), "a holiday beats a shortened day");
        assert_eq!(hours(&cal, "2026-03-06"), ["09:00–17:00"]);
        assert!(hours(&cal, "2026-03-07").is_empty(), "shortening a day off leaves it off");
        assert_eq!(
            hours(&cal, "2026-03-14"),
            ["09:00–18:00"],
            "a working Saturday works the Monday schedule"
        );
        assert!(cal.is_working_day(date("2026-03-14")) && !cal.is_working_day(date("2026-03-09")));
        let spec = cal.to_spec();
        assert_eq!(spec.holidays, vec![date("2026-03-09")]);
        assert_eq!(spec.overrides.len(), 2);
        let always = BusinessCalendar::always(chrono_tz::UTC).with_holidays(&[date("2026-03-09")], &[], &[]);
        assert!(always.holidays().is_empty());
    }
}
