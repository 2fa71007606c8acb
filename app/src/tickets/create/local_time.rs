//! The contact time as the operator types it: a `datetime-local` value in
//! the time zone of their computer, which is where they look at the clock
//! while on the phone. It is turned into UTC in the browser, before it is
//! sent, so the server only ever sees instants.

use crate::domain::ticket::FieldProblem;
use chrono::{DateTime, NaiveDateTime, Utc};

/// Reads a `datetime-local` value: `2026-11-20T14:30`, seconds optional.
pub fn parse_datetime_local(value: &str) -> Result<NaiveDateTime, FieldProblem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldProblem::Required);
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .ok_or(FieldProblem::Invalid)
}

/// The instant a wall-clock time of the browser's zone stands for. A time
/// skipped by a DST change moves forward, as the browser's own clock does.
pub fn browser_local_to_utc(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    #[cfg(feature = "hydrate")]
    {
        use chrono::{Datelike, Timelike};
        let date = js_sys::Date::new_with_year_month_day_hr_min_sec(
            local.year() as u32,
            local.month0() as i32,
            local.day() as i32,
            local.hour() as i32,
            local.minute() as i32,
            local.second() as i32,
        );
        let ms = date.get_time();
        if ms.is_nan() {
            None
        } else {
            DateTime::from_timestamp_millis(ms as i64)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use chrono::TimeZone;
        chrono::Local.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc))
    }
}

/// The browser's wall clock now, as a `datetime-local` value (minutes).
pub fn browser_local_now() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new_0();
        Some(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes()
        ))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// The browser's current UTC offset, e.g. `UTC+03:00`; `None` on the server.
pub fn browser_utc_offset() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        // JavaScript gives UTC minus local time, in minutes.
        let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i64);
        Some(utc_offset_label(minutes))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// `UTC+03:00`, `UTC-03:30`, `UTC+00:00`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn utc_offset_label(minutes: i64) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn reads_datetime_local_values() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(14, 30, 0).unwrap();
        assert_eq!(parse_datetime_local("2026-11-20T14:30"), Ok(t));
        assert_eq!(parse_datetime_local("2026-11-20T14:30:00"), Ok(t));
        assert_eq!(parse_datetime_local("2026-11-20T14:30:00.000"), Ok(t));
        assert_eq!(parse_datetime_local(""), Err(FieldProblem::Required));
        assert_eq!(parse_datetime_local("20.11.2026 14:30"), Err(FieldProblem::Invalid));
        assert_eq!(parse_datetime_local("2026-02-30T10:00"), Err(FieldProblem::Invalid));
    }

    #[test]
    fn offsets_are_labelled_with_sign_and_minutes() {
        assert_eq!(utc_offset_label(180), "UTC+03:00");
        assert_eq!(utc_offset_label(-210), "UTC-03:30");
        assert_eq!(utc_offset_label(0), "UTC+00:00");
        assert_eq!(utc_offset_label(345), "UTC+05:45");
    }
}
