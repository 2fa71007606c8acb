//! Working hours of one day on the wall clock, e.g. 09:00–18:00.

use std::fmt;

/// Seconds in a day; also the value of `24:00`.
pub const END_OF_DAY: u32 = 86_400;

/// A working interval on the wall clock, `[start, end)` in seconds after
/// local midnight; `end` may be 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalInterval {
    start: u32,
    end: u32,
}

impl LocalInterval {
    /// `None` unless `start < end <= 24:00`.
    pub fn new(start: u32, end: u32) -> Option<LocalInterval> {
        (start < end && end <= END_OF_DAY).then_some(LocalInterval { start, end })
    }

    /// Whole hours, for hard-coded schedules: `hours(9, 18)` is 09:00–18:00.
    pub(crate) const fn hours(start: u32, end: u32) -> LocalInterval {
        assert!(start < end && end <= 24);
        LocalInterval { start: start * 3600, end: end * 3600 }
    }

    pub fn start_secs(self) -> u32 {
        self.start
    }

    pub fn end_secs(self) -> u32 {
        self.end
    }

    pub fn len_secs(self) -> u32 {
        self.end - self.start
    }
}

impl fmt::Display for LocalInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", format_time(self.start), format_time(self.end))
    }
}

/// `HH:MM` from `00:00` to `24:00`; `None` for anything else.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let secs = h * 3600 + m * 60;
    (m < 60 && secs <= END_OF_DAY).then_some(secs)
}

/// `HH:MM` (with `:SS` only if the value has seconds).
pub fn format_time(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// The day's intervals with the last hour of working time removed (a
/// pre-holiday shortened day, Labour Code art. 95: the working day is one
/// hour shorter). For an ordinary day that is "ends an hour earlier"; when
/// the last interval is shorter than an hour, the rest comes off the one
/// before it.
pub(crate) fn shortened(intervals: &[LocalInterval]) -> Vec<LocalInterval> {
    let mut out = intervals.to_vec();
    let mut cut = 3600;
    while cut > 0 {
        let Some(last) = out.last_mut() else { break };
        let take = cut.min(last.len_secs());
        cut -= take;
        last.end -= take;
        if last.start == last.end {
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_from_midnight_to_24_00() {
        assert_eq!(parse_time("00:00"), Some(0));
        assert_eq!(parse_time("09:30"), Some(9 * 3600 + 1800));
        assert_eq!(parse_time("24:00"), Some(END_OF_DAY));
        for bad in ["24:01", "25:00", "9:00", "09:60", "09-00", "0900", "+9:00", "", "ab:cd", "09:00:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_format_back() {
        assert_eq!(format_time(9 * 3600), "09:00");
        assert_eq!(format_time(END_OF_DAY), "24:00");
        assert_eq!(LocalInterval::hours(9, 18).to_string(), "09:00–18:00");
    }

    #[test]
    fn shortening_cuts_the_last_hour() {
        let day = [LocalInterval::hours(9, 13), LocalInterval::hours(14, 18)];
        assert_eq!(shortened(&day), vec![LocalInterval::hours(9, 13), LocalInterval::hours(14, 17)]);
        let short_tail =
            [LocalInterval::hours(9, 13), LocalInterval::new(14 * 3600, 14 * 3600 + 1800).unwrap()];
        assert_eq!(
            shortened(&short_tail),
            vec![LocalInterval::new(9 * 3600, 12 * 3600 + 1800).unwrap()],
            "the 30-minute afternoon goes, and the other 30 minutes come off the morning"
        );
        assert_eq!(shortened(&[]), vec![]);
    }
}
