//! The Russian production calendar (производственный календарь) for
//! 2025–2027, shipped as data: the product never downloads it, so deadlines
//! computed on a locked-down server and in the browser always agree.
//!
//! Sources, checked at development time:
//! - non-working days: the Python package `holidays` 0.109 (`holidays.RU`),
//!   which encodes Labour Code art. 112 and the government decrees on
//!   transferring days off (КонсультантПлюс documents LAW_481586 for 2025,
//!   LAW_515170 for 2026, LAW_544706 for 2027);
//! - transferred working Saturdays: the same package's `weekend_workdays`;
//! - shortened pre-holiday days (art. 95): the package has none, so they are
//!   taken from the published production calendars: 2025 and 2026 as
//!   published; 2027 has the same weekdays and transfers as 2021, whose
//!   published calendar shortens the same four dates.
//!
//! A new year is added by appending its rows below; the tests pin each year's
//! working-day and hour totals against the published figures.
//!
//! How sure each year is:
//! - 2026: the government decree on the 2026 transfers (Sat 3 Jan → Fri
//!   9 Jan, Sun 4 Jan → Thu 31 Dec) and the published production calendar
//!   (247 working days, 1972 hours on a 40-hour week); the four shortened
//!   days 30 Apr, 8 May, 11 Jun and 3 Nov. Checked again against `holidays`
//!   0.109 on 2 Dec 2026.
//! - 2027: the transfers (Sat 2 Jan → Fri 5 Nov, Sun 3 Jan → Fri 31 Dec,
//!   Sat 20 Feb worked for Mon 22 Feb) are those `holidays` 0.109 encodes;
//!   whoever wrote this could not confirm them against the decree's text
//!   from their own knowledge, and the shortened days are inferred from
//!   2021, the year with the same weekdays and the same transfers. Check
//!   them against the published 2027 calendar before relying on them; an
//!   admin's own entry for a date always wins over these
//!   ([`super::BusinessCalendar::with_holidays`]).
//!
//! Ukraine: [`UA_PUBLIC_HOLIDAYS`], worked under martial law.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The years this module has data for.
pub const RUSSIA_YEARS: [i32; 3] = [2025, 2026, 2027];

/// Non-working days: public holidays (including those that fall on a
/// weekend, which matters to calendars that work weekends), the Monday days
/// off that art. 112 adds when a holiday falls on a weekend, and the days off
/// transferred by decree.
pub const RU_HOLIDAYS: &[(i32, u32, u32)] = &[
    // 2025
    (2025, 1, 1),
    (2025, 1, 2),
    (2025, 1, 3),
    (2025, 1, 4),
    (2025, 1, 5),
    (2025, 1, 6),
    (2025, 1, 7),
    (2025, 1, 8),
    (2025, 2, 23),
    (2025, 3, 8),
    (2025, 5, 1),
    (2025, 5, 2), // transferred from Sat 4 Jan
    (2025, 5, 8), // transferred from Sun 23 Feb
    (2025, 5, 9),
    (2025, 6, 12),
    (2025, 6, 13), // transferred from Sat 8 Mar
    (2025, 11, 3), // transferred from Sat 1 Nov, which is worked
    (2025, 11, 4),
    (2025, 12, 31), // transferred from Sun 5 Jan
    // 2026
    (2026, 1, 1),
    (2026, 1, 2),
    (2026, 1, 3),
    (2026, 1, 4),
    (2026, 1, 5),
    (2026, 1, 6),
    (2026, 1, 7),
    (2026, 1, 8),
    (2026, 1, 9), // transferred from Sat 3 Jan
    (2026, 2, 23),
    (2026, 3, 8),
    (2026, 3, 9), // 8 Mar is a Sunday
    (2026, 5, 1),
    (2026, 5, 9),
    (2026, 5, 11), // 9 May is a Saturday
    (2026, 6, 12),
    (2026, 11, 4),
    (2026, 12, 31), // transferred from Sun 4 Jan
    // 2027
    (2027, 1, 1),
    (2027, 1, 2),
    (2027, 1, 3),
    (2027, 1, 4),
    (2027, 1, 5),
    (2027, 1, 6),
    (2027, 1, 7),
    (2027, 1, 8),
    (2027, 2, 22), // transferred from Sat 20 Feb, which is worked
    (2027, 2, 23),
    (2027, 3, 8),
    (2027, 5, 1),
    (2027, 5, 3), // 1 May is a Saturday
    (2027, 5, 9),
    (2027, 5, 10), // 9 May is a Sunday
    (2027, 6, 12),
    (2027, 6, 14), // 12 Jun is a Saturday
    (2027, 11, 4),
    (2027, 11, 5),  // transferred from Sat 2 Jan
    (2027, 12, 31), // transferred from Sun 3 Jan
];

/// Working days one hour shorter (Labour Code art. 95). A worked Saturday
/// that replaces the day before a holiday inherits its shortening.
pub const RU_SHORTENED_DAYS: &[(i32, u32, u32)] = &[
    (2025, 3, 7),
    (2025, 4, 30),
    (2025, 6, 11),
    (2025, 11, 1),
    (2026, 4, 30),
    (2026, 5, 8),
    (2026, 6, 11),
    (2026, 11, 3),
    (2027, 2, 20),
    (2027, 4, 30),
    (2027, 6, 11),
    (2027, 11, 3),
];

/// Saturdays made working days by a transfer decree.
pub const RU_EXTRA_WORKING_DAYS: &[(i32, u32, u32)] = &[(2025, 11, 1), (2027, 2, 20)];

/// Ukraine's public holidays for 2026 and 2027 as Labour Code art. 73 lists
/// them since Law No. 3215-IX (2023): New Year (1 Jan), International
/// Women's Day (8 Mar), Easter and Trinity (Orthodox: 12 Apr and 31 May
/// 2026, 2 May and 20 Jun 2027), Labour Day (1 May), Day of Remembrance and
/// Victory (8 May), Constitution Day (28 Jun), Statehood Day (15 Jul),
/// Independence Day (24 Aug), Defenders' Day (1 Oct), Christmas (25 Dec).
/// Under martial law (since 24 February 2022, Law No. 2136-IX, art. 6) they
/// are **not days off**: Labour Code art. 73 (holidays off) and art. 67
/// (the Monday after a weekend holiday) do not apply. So the shipped Kyiv
/// calendar works them — entered as working days, so the year counts as
/// entered — and the admin area says so (`Msg::MartialLawNote`); the list is
/// kept for the day the rule ends. The `holidays` package (0.109) lists none for these years for
/// the same reason.
pub const UA_PUBLIC_HOLIDAYS: &[(i32, u32, u32)] = &[
    (2026, 1, 1),
    (2026, 3, 8),
    (2026, 4, 12),
    (2026, 5, 1),
    (2026, 5, 8),
    (2026, 5, 31),
    (2026, 6, 28),
    (2026, 7, 15),
    (2026, 8, 24),
    (2026, 10, 1),
    (2026, 12, 25),
    (2027, 1, 1),
    (2027, 3, 8),
    (2027, 5, 1),
    (2027, 5, 2),
    (2027, 5, 8),
    (2027, 6, 20),
    (2027, 6, 28),
    (2027, 7, 15),
    (2027, 8, 24),
    (2027, 10, 1),
    (2027, 12, 25),
];

/// The years [`UA_PUBLIC_HOLIDAYS`] covers.
pub const UKRAINE_YEARS: [i32; 2] = [2026, 2027];

/// Ukraine's public holidays for [`UKRAINE_YEARS`], sorted.
pub fn ukraine_public_holidays() -> Vec<NaiveDate> {
    to_dates(UA_PUBLIC_HOLIDAYS)
}

/// A country's production calendar: what a business calendar imports to
/// know its holidays, transferred working days and shortened days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductionCalendar {
    /// Non-working days, sorted.
    pub holidays: Vec<NaiveDate>,
    /// Working days that end an hour early, sorted.
    pub shortened: Vec<NaiveDate>,
    /// Weekend days that are working days, sorted.
    pub extra_working: Vec<NaiveDate>,
}

impl ProductionCalendar {
    /// The Russian calendar for [`RUSSIA_YEARS`].
    pub fn russia() -> ProductionCalendar {
        ProductionCalendar {
            holidays: russia_holidays(),
            shortened: russia_shortened_days(),
            extra_working: russia_extra_working_days(),
        }
    }
}

/// Russian non-working days for [`RUSSIA_YEARS`], sorted.
pub fn russia_holidays() -> Vec<NaiveDate> {
    to_dates(RU_HOLIDAYS)
}

/// Russian shortened pre-holiday working days, sorted.
pub fn russia_shortened_days() -> Vec<NaiveDate> {
    to_dates(RU_SHORTENED_DAYS)
}

/// Russian Saturdays that are working days, sorted.
pub fn russia_extra_working_days() -> Vec<NaiveDate> {
    to_dates(RU_EXTRA_WORKING_DAYS)
}

fn to_dates(rows: &[(i32, u32, u32)]) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = rows
        .iter()
        .map(|&(y, m, d)| {
            // The rows are constants checked by the tests below.
            NaiveDate::from_ymd_opt(y, m, d).expect("production calendar rows are valid dates")
        })
        .collect();
    dates.sort_unstable();
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};
    use std::collections::BTreeSet;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn is_weekend(d: NaiveDate) -> bool {
        matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// A working day on the standard five-day week.
    fn is_working(cal: &ProductionCalendar, d: NaiveDate) -> bool {
        if cal.extra_working.contains(&d) {
            return true;
        }
        !is_weekend(d) && !cal.holidays.contains(&d)
    }

    fn days_of(year: i32, month: Option<u32>) -> impl Iterator<Item = NaiveDate> {
        date(year, 1, 1)
            .iter_days()
            .take_while(move |d| d.year() == year)
            .filter(move |d| month.is_none_or(|m| d.month() == m))
    }

    /// (working days, hours on a 40-hour week) as a production calendar
    /// publishes them.
    fn norm(cal: &ProductionCalendar, year: i32, month: Option<u32>) -> (u32, u32) {
        let mut days = 0;
        let mut hours = 0;
        for d in days_of(year, month).filter(|d| is_working(cal, *d)) {
            days += 1;
            hours += if cal.shortened.contains(&d) { 7 } else { 8 };
        }
        (days, hours)
    }

    #[test]
    fn every_row_is_a_valid_date_in_a_covered_year_and_unique() {
        for rows in [RU_HOLIDAYS, RU_SHORTENED_DAYS, RU_EXTRA_WORKING_DAYS] {
            let mut seen = BTreeSet::new();
            for &(y, m, d) in rows {
                assert!(NaiveDate::from_ymd_opt(y, m, d).is_some(), "{y}-{m}-{d}");
                assert!(RUSSIA_YEARS.contains(&y), "{y}");
                assert!(seen.insert((y, m, d)), "duplicate {y}-{m}-{d}");
            }
        }
    }

    #[test]
    fn yearly_totals_match_the_published_calendars() {
        // Published: 2025 and 2026 — 247 working days, 118 days off,
        // 1972 hours (Government decrees on transfers; Rosstat/Consultant
        // production calendars). 2027 — same weekdays and transfers as
        // 2021, published as 247 days and 1972 hours.
        let cal = ProductionCalendar::russia();
        for year in RUSSIA_YEARS {
            assert_eq!(norm(&cal, year, None), (247, 1972), "{year}");
        }
    }

    #[test]
    fn monthly_totals_2025_match_the_published_calendar() {
        let cal = ProductionCalendar::russia();
        let published = [
            (17, 136),
            (20, 160),
            (21, 167),
            (22, 175),
            (18, 144),
            (19, 151),
            (23, 184),
            (21, 168),
            (22, 176),
            (23, 184),
            (19, 151),
            (22, 176),
        ];
        for (i, expected) in published.iter().enumerate() {
            let month = i as u32 + 1;
            assert_eq!(norm(&cal, 2025, Some(month)), *expected, "2025-{month:02}");
        }
    }

    #[test]
    fn monthly_totals_2026_match_the_published_calendar() {
        let cal = ProductionCalendar::russia();
        let published = [
            (15, 120),
            (19, 152),
            (21, 168),
            (22, 175),
            (19, 151),
            (21, 167),
            (23, 184),
            (21, 168),
            (22, 176),
            (22, 176),
            (20, 159),
            (22, 176),
        ];
        for (i, expected) in published.iter().enumerate() {
            let month = i as u32 + 1;
            assert_eq!(norm(&cal, 2026, Some(month)), *expected, "2026-{month:02}");
        }
    }

    #[test]
    fn first_quarter_2027_matches_its_2021_twin() {
        // 2021's published Q1: 56 working days, 447 hours.
        let cal = ProductionCalendar::russia();
        let (days, hours) =
            (1..=3).map(|m| norm(&cal, 2027, Some(m))).fold((0, 0), |(d, h), (md, mh)| (d + md, h + mh));
        assert_eq!((days, hours), (56, 447));
    }

    #[test]
    fn fixed_public_holidays_are_there_every_year() {
        let holidays = russia_holidays();
        for year in RUSSIA_YEARS {
            for day in 1..=8 {
                assert!(holidays.contains(&date(year, 1, day)), "{year}-01-{day}");
            }
            for (m, d) in [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)] {
                assert!(holidays.contains(&date(year, m, d)), "{year}-{m}-{d}");
            }
        }
    }

    #[test]
    fn transfers_named_in_the_decrees() {
        let cal = ProductionCalendar::russia();
        for (y, m, d) in [
            (2025, 5, 2),
            (2025, 5, 8),
            (2025, 6, 13),
            (2025, 11, 3),
            (2025, 12, 31),
            (2026, 1, 9),
            (2026, 12, 31),
            (2027, 2, 22),
            (2027, 11, 5),
            (2027, 12, 31),
        ] {
            assert!(cal.holidays.contains(&date(y, m, d)), "{y}-{m}-{d}");
        }
        assert_eq!(cal.extra_working, vec![date(2025, 11, 1), date(2027, 2, 20)]);
        // The last working day of 2025 is 30 December.
        assert!(is_working(&cal, date(2025, 12, 30)));
        assert!(!is_working(&cal, date(2025, 12, 31)));
    }

    #[test]
    fn no_date_is_both_a_holiday_and_a_working_day() {
        let cal = ProductionCalendar::russia();
        for d in cal.extra_working.iter().chain(&cal.shortened) {
            assert!(!cal.holidays.contains(d), "{d}");
        }
    }

    #[test]
    fn extra_working_days_are_weekends() {
        for d in russia_extra_working_days() {
            assert!(is_weekend(d), "{d}");
        }
    }

    #[test]
    fn shortened_days_are_working_days_just_before_a_holiday() {
        let cal = ProductionCalendar::russia();
        for d in &cal.shortened {
            assert!(is_working(&cal, *d), "{d} is not a working day");
            // The next working day comes after a holiday, not straight away.
            let next_day = d.succ_opt().unwrap();
            assert!(!is_working(&cal, next_day), "{d} is followed by a working day");
            let break_days: Vec<_> = next_day.iter_days().take_while(|n| !is_working(&cal, *n)).collect();
            assert!(break_days.iter().any(|n| cal.holidays.contains(n)), "{d} does not precede a holiday");
        }
    }

    #[test]
    fn ukrainian_holidays_are_the_eleven_of_art_73_each_year() {
        let all = ukraine_public_holidays();
        for year in UKRAINE_YEARS {
            let of_year: Vec<_> = all.iter().filter(|d| d.year() == year).collect();
            assert_eq!(of_year.len(), 11, "{year}");
            for (m, d) in [(1, 1), (3, 8), (5, 1), (5, 8), (6, 28), (7, 15), (8, 24), (10, 1), (12, 25)] {
                assert!(all.contains(&date(year, m, d)), "{year}-{m}-{d}");
            }
        }
        // Easter and Trinity are Sundays, seven weeks apart.
        for (easter, trinity) in
            [(date(2026, 4, 12), date(2026, 5, 31)), (date(2027, 5, 2), date(2027, 6, 20))]
        {
            assert_eq!(easter.weekday(), Weekday::Sun);
            assert_eq!(trinity - easter, chrono::Duration::days(49));
            assert!(all.contains(&easter) && all.contains(&trinity));
        }
    }

    #[test]
    fn lists_are_sorted() {
        let cal = ProductionCalendar::russia();
        for list in [&cal.holidays, &cal.shortened, &cal.extra_working] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
