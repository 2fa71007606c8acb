//! Walking a business calendar's working time in UTC, fast.
//!
//! Days far enough from an offset change (see [`OffsetTable`]) map wall-clock
//! bounds to UTC by one subtraction. Runs of such days with no holiday or
//! override are ordinary, so their working time is a lookup in the weekly
//! prefix sums: a deadline weeks away costs a handful of steps, one per
//! pause, holiday or clock change on the way, not one per day or minute.

use super::calendar::BusinessCalendar;
use super::counting::{Block, IntervalCursor};
use super::zone::{self, OffsetTable, Segment, DAY};

/// No zone is more than 14 hours ahead of UTC, so a local day never starts
/// in UTC earlier than this before its number says.
const MAX_OFFSET: i64 = 14 * 3600;

/// Cursor over a [`BusinessCalendar`].
pub struct CalendarCursor<'a> {
    cal: &'a BusinessCalendar,
    table: &'a OffsetTable,
    limit: i64,
    /// The constant-offset stretch last looked up.
    segment: Option<Segment>,
    /// Index into the calendar's special days, kept near the current day.
    special: usize,
}

impl<'a> CalendarCursor<'a> {
    pub(crate) fn new(cal: &'a BusinessCalendar, limit: i64) -> CalendarCursor<'a> {
        CalendarCursor { cal, table: cal.offsets(), limit, segment: None, special: 0 }
    }

    fn segment_at(&mut self, t: i64) -> Option<Segment> {
        if let Some(s) = self.segment {
            if s.from <= t && t < s.to {
                return Some(s);
            }
        }
        self.segment = self.table.segment(t);
        self.segment
    }

    fn local_day(&mut self, t: i64) -> i64 {
        match self.segment_at(t) {
            Some(s) => (t + s.offset).div_euclid(DAY),
            None => zone::local_day(self.cal.tz(), t),
        }
    }

    /// UTC of local midnight of `day`, when the day and a day either side
    /// lie in one constant-offset stretch (so no wall time of the day is
    /// skipped or repeated, and subtraction is exact).
    fn plain_midnight(&mut self, day: i64) -> Option<(i64, Segment)> {
        let guess = self.segment.map_or(0, |s| s.offset);
        let s = self.segment_at(day * DAY + DAY / 2 - guess)?;
        let midnight = day * DAY - s.offset;
        (midnight - DAY >= s.from && midnight + 2 * DAY <= s.to).then_some((midnight, s))
    }

    /// A summary of ordinary whole days from `midnight` (of `day`) on, if
    /// the caller's limits allow at least one day.
    fn summary(
        &mut self,
        day: i64,
        midnight: i64,
        s: Segment,
        end_limit: i64,
        work_limit: i64,
    ) -> Option<Block> {
        // `hours_of_day` settled the hint on `day`; the next special day bounds the run.
        let to_special = self.cal.next_special_day(self.special).saturating_sub(day);
        let to_change = (s.to - DAY - midnight).div_euclid(DAY);
        let to_limit = (end_limit.min(self.limit) - midnight).div_euclid(DAY);
        let mut k = to_special.min(to_change).min(to_limit);
        if k <= 0 {
            return None;
        }
        let first = zone::weekday_index(day);
        let mut work = self.cal.work_of_days(first, k);
        if work >= work_limit {
            if work_limit <= 0 {
                return None;
            }
            // Whole weeks that stay under the limit, then single days.
            let mut fit = (work_limit - 1) / self.cal.week_secs() * 7;
            while fit < k && self.cal.work_of_days(first, fit + 1) < work_limit {
                fit += 1;
            }
            k = fit;
            if k == 0 {
                return None;
            }
            work = self.cal.work_of_days(first, k);
        }
        Some(Block { from: midnight, to: midnight + k * DAY, work, summary: true })
    }
}

impl IntervalCursor for CalendarCursor<'_> {
    fn next(&mut self, from: i64, end_limit: i64, work_limit: i64) -> Option<Block> {
        if from >= self.limit {
            return None;
        }
        if self.cal.is_always() {
            return Some(Block::interval(from, self.limit));
        }
        let mut day = self.local_day(from);
        loop {
            let plain = self.plain_midnight(day);
            let hours = self.cal.hours_of_day(day, &mut self.special);
            if let Some((midnight, s)) = plain {
                if midnight >= from {
                    if let Some(block) = self.summary(day, midnight, s, end_limit, work_limit) {
                        return Some(block);
                    }
                }
            }
            for interval in hours {
                let (start, end) = match plain {
                    Some((midnight, _)) => (
                        midnight + i64::from(interval.start_secs()),
                        midnight + i64::from(interval.end_secs()),
                    ),
                    None => (
                        zone::local_to_utc(self.cal.tz(), day, interval.start_secs()),
                        zone::local_to_utc(self.cal.tz(), day, interval.end_secs()),
                    ),
                };
                if end <= from || end <= start {
                    continue;
                }
                let start = start.max(from);
                if start >= self.limit {
                    return None;
                }
                return Some(Block::interval(start, end.min(self.limit)));
            }
            day += 1;
            if day * DAY - MAX_OFFSET >= self.limit {
                return None;
            }
        }
    }
}
