//! Calendar days as forms and API callers send them: `YYYY-MM-DD`, exactly,
//! within the years the desk plans for. Far-off years are typing mistakes,
//! and they break things further on (a sprint ending in year 10000 cannot be
//! written as `YYYY-MM-DD`; PostgreSQL and SQLite disagree about such dates).

use chrono::{Datelike, NaiveDate};

/// The first and the last year a sprint or a contract may touch.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2999;

/// What is wrong with a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayProblem {
    /// Empty.
    Required,
    /// Not `YYYY-MM-DD` (`2026-1-1`, `+12026-01-01`, `-0001-01-01`), or no
    /// such day (`2026-02-30`).
    Invalid,
    /// A real day outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    OutOfRange,
}

/// A day as `YYYY-MM-DD`, surrounding spaces ignored: four-digit year,
/// two-digit month and day, nothing else.
pub fn parse_day(raw: &str) -> Result<NaiveDate, DayProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(DayProblem::Required);
    }
    let shape_ok = raw.len() == 10
        && raw
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(DayProblem::Invalid);
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| DayProblem::Invalid)?;
    if in_range(day) {
        Ok(day)
    } else {
        Err(DayProblem::OutOfRange)
    }
}

/// Whether `day` lies in the supported years.
pub fn in_range(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

/// The message detail of [`DayProblem::OutOfRange`].
pub fn range_detail() -> String {
    format!("{FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yyyy_mm_dd_parses() {
        assert_eq!(parse_day(" 2026-01-05 "), Ok(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()));
        for bad in
            ["2026-1-1", "2026-01-1", "+12026-01-01", "-0001-01-01", "2026/01/05", "20260105", "2026-02-30"]
        {
            assert_eq!(parse_day(bad), Err(DayProblem::Invalid), "{bad}");
        }
        assert_eq!(parse_day("  "), Err(DayProblem::Required));
    }

    #[test]
    fn days_outside_the_supported_years_are_out_of_range() {
        assert_eq!(parse_day("1999-12-31"), Err(DayProblem::OutOfRange));
        assert_eq!(parse_day("3000-01-01"), Err(DayProblem::OutOfRange));
        assert_eq!(parse_day("0000-01-01"), Err(DayProblem::OutOfRange));
        assert!(parse_day("2000-01-01").is_ok() && parse_day("2999-12-31").is_ok());
    }
}
