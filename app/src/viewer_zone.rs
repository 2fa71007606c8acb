//! The viewer's own time zone, as the browser knows it. Deadlines are
//! stated in the contract calendar's zone; a viewer elsewhere (a Kyiv client
//! of a Moscow calendar, an agent travelling) also sees them on their own
//! clock. The server cannot know this zone, so it is read only after
//! hydration and the server-rendered HTML never depends on it.

use crate::i18n::{wall_time, Locale};
use chrono::{DateTime, Duration, Utc};

/// The viewer's UTC offset at `t`, in seconds east of UTC; `None` outside
/// the browser.
pub fn viewer_offset_secs(t: DateTime<Utc>) -> Option<i32> {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64));
        // getTimezoneOffset is minutes *west* of UTC.
        Some(-(date.get_timezone_offset() as i32) * 60)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = t;
        None
    }
}

/// "UTC+02:00", "UTC−03:30", "UTC".
pub fn offset_label(offset_secs: i32) -> String {
    if offset_secs == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_secs > 0 { '+' } else { '−' };
    let minutes = offset_secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `t` on the viewer's clock, when that differs from the calendar's:
/// "Mon 23 Nov 14:12 UTC+01:00". `None` when both clocks read the same.
pub fn on_viewer_clock(locale: Locale, t: DateTime<Utc>, viewer: i32, calendar: i32) -> Option<String> {
    (viewer != calendar).then(|| {
        let local = (t + Duration::seconds(i64::from(viewer))).naive_utc();
        wall_time(locale, local, &offset_label(viewer))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_utc_plus_or_minus() {
        assert_eq!(offset_label(0), "UTC");
        assert_eq!(offset_label(7200), "UTC+02:00");
        assert_eq!(offset_label(-12_600), "UTC−03:30");
    }

    #[test]
    fn the_viewer_clock_is_shown_only_when_it_differs() {
        let due: DateTime<Utc> = "2026-11-23T13:12:00Z".parse().unwrap();
        assert_eq!(
            on_viewer_clock(Locale::En, due, 10_800, 10_800),
            None,
            "a Moscow viewer of a Moscow calendar"
        );
        assert_eq!(
            on_viewer_clock(Locale::En, due, 3600, 10_800).as_deref(),
            Some("Mon 23 Nov 14:12 UTC+01:00")
        );
        assert_eq!(
            on_viewer_clock(Locale::Uk, due, 7200, 10_800).as_deref(),
            Some("пн 23 лист. 15:12 UTC+02:00")
        );
    }
}
