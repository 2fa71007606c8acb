//! Working time precomputed in UTC, for the browser: it counts down with the
//! same code as the server without the tz database.

use super::counting::{
    counted_intervals, first_counting_instant, push_merged, Block, IntervalCursor, WorkingIntervals,
    SEARCH_HORIZON,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Working intervals in UTC, complete over `[from, until]`: every working
/// second in that range is in `intervals`, and so is the first working
/// interval at or after `until` (so "counting resumes at …" is known for any
/// instant up to `until`). Outside that range nothing is known and nothing
/// counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingTimeline {
    /// Unix seconds.
    pub from: i64,
    /// Unix seconds.
    pub until: i64,
    /// Sorted, disjoint `[from, to)` pairs of unix seconds.
    pub intervals: Vec<(i64, i64)>,
}

impl WorkingTimeline {
    /// The counting intervals of `source` minus `excl` over `[from, until]`.
    pub fn from_source<W: WorkingIntervals + ?Sized>(
        source: &W,
        from: i64,
        until: i64,
        excl: &[(i64, i64)],
    ) -> WorkingTimeline {
        let until = until.max(from);
        let mut intervals = counted_intervals(source, from, until, excl);
        if let Some(start) = first_counting_instant(source, until, excl, until.saturating_add(SEARCH_HORIZON))
        {
            let end_limit = excl.iter().find(|x| x.1 > start).map_or(i64::MAX, |x| x.0.max(start));
            let mut cursor = source.cursor(start.saturating_add(SEARCH_HORIZON));
            if let Some(block) = cursor.next(start, end_limit, 0) {
                push_merged(&mut intervals, (block.from, block.to.min(end_limit)));
            }
        }
        WorkingTimeline { from, until, intervals }
    }

    /// The intervals as instants.
    pub fn intervals_utc(&self) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        self.intervals.iter().map(|&(a, b)| (super::arithmetic::instant(a), super::arithmetic::instant(b)))
    }
}

/// Cursor over a [`WorkingTimeline`].
pub struct TimelineCursor<'a> {
    intervals: &'a [(i64, i64)],
    limit: i64,
    hint: usize,
}

impl IntervalCursor for TimelineCursor<'_> {
    fn next(&mut self, from: i64, _end_limit: i64, _work_limit: i64) -> Option<Block> {
        let iv = self.intervals;
        let settled =
            self.hint < iv.len() && iv[self.hint].1 > from && (self.hint == 0 || iv[self.hint - 1].1 <= from);
        if !settled {
            self.hint = iv.partition_point(|x| x.1 <= from);
        }
        let &(start, end) = iv.get(self.hint)?;
        let start = start.max(from);
        (start < self.limit).then(|| Block::interval(start, end.min(self.limit)))
    }
}

impl WorkingIntervals for WorkingTimeline {
    type Cursor<'a> = TimelineCursor<'a>;

    fn cursor(&self, limit: i64) -> TimelineCursor<'_> {
        TimelineCursor { intervals: &self.intervals, limit, hint: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::super::calendar::{BusinessCalendar, CalendarPreset};
    use super::super::counting::{advance, count};
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_of_moscow_office_hours() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        // Fri 12:00 MSK to Tue 10:00 MSK.
        let tl = cal.timeline(utc("2026-03-06T09:00:00Z"), utc("2026-03-10T07:00:00Z"));
        assert_eq!(
            tl.intervals_utc().collect::<Vec<_>>(),
            vec![
                (utc("2026-03-06T09:00:00Z"), utc("2026-03-06T15:00:00Z")),
                (utc("2026-03-09T06:00:00Z"), utc("2026-03-09T15:00:00Z")),
                // Tuesday: complete to `until`, then the rest of the interval that follows.
                (utc("2026-03-10T06:00:00Z"), utc("2026-03-10T15:00:00Z")),
            ]
        );
    }

    #[test]
    fn the_timeline_counts_like_the_calendar() {
        let cal = BusinessCalendar::preset(CalendarPreset::KyivNineToSix);
        let (a, b) = (utc("2026-03-20T10:00:00Z").timestamp(), utc("2026-04-20T10:00:00Z").timestamp());
        let tl = WorkingTimeline::from_source(&cal, a, b, &[]);
        let excl = [(a + 3600, a + 7200)];
        for t in (a..b).step_by(7919) {
            assert_eq!(count(&tl, a, t, &excl), count(&cal, a, t, &excl));
        }
        for amount in (0..150 * 3600).step_by(3307) {
            assert_eq!(advance(&tl, a, amount, &excl, b), advance(&cal, a, amount, &excl, b));
        }
    }

    #[test]
    fn excluded_time_is_left_out_and_an_open_exclusion_ends_it() {
        let cal = BusinessCalendar::preset(CalendarPreset::AroundTheClock);
        let tl = WorkingTimeline::from_source(&cal, 0, 100, &[(10, 20), (150, i64::MAX)]);
        assert_eq!(tl.intervals, vec![(0, 10), (20, 150)]);
    }

    #[test]
    fn serde_is_compact() {
        let tl = WorkingTimeline { from: 1, until: 9, intervals: vec![(2, 3), (5, 8)] };
        assert_eq!(serde_json::to_string(&tl).unwrap(), r#"{"from":1,"until":9,"intervals":[[2,3],[5,8]]}"#);
    }
}
