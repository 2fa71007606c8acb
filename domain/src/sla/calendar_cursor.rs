//! Walking a business calendar's working time in UTC, fast.
//!
//! Days far enough from an offset change (see [`OffsetTable`]) map wall-clock
//! bounds to UTC by one subtraction. Runs of such days with no holiday or
//! override are ordinary, so their working time is a lookup in the weekly
//! prefix sums: a deadline weeks away costs a handful of steps, one per
//! pause, holiday or clock change on the way, not one per day or minute.

use super::calendar::BusinessCalendar;
use super::counting::{Block, IntervalCursor};
use super::working_hours::LocalInterval;
use super::zone::{self, OffsetTable, Segment, DAY};

/// Cursor over a [`BusinessCalendar`].
pub struct CalendarCursor<'a> {
    cal: &'a BusinessCalendar,
    table: &'a OffsetTable,
    limit: i64,
    /// The constant-offset stretch last looked up.
    segment: Option<Segment>,
    /// The current local day; walking forward one day at a time is a few
    /// additions while the day stays plain.
    day: i64,
    /// UTC of the current day's local midnight and of the next day's.
    midnight: i64,
    next_midnight: i64,
    /// The day maps to UTC by subtraction (see `plain_midnight`).
    plain: bool,
    weekday: usize,
    hours: &'a [LocalInterval],
    /// Index of the first special day (holiday, override) from `day` on, and its day number.
    special: usize,
    next_special: i64,
}

impl<'a> CalendarCursor<'a> {
    pub(crate) fn new(cal: &'a BusinessCalendar, limit: i64) -> CalendarCursor<'a> {
        CalendarCursor {
            cal,
            table: cal.offsets(),
            limit,
            segment: None,
            day: i64::MIN,
            midnight: i64::MIN,
            next_midnight: i64::MIN,
            plain: false,
            weekday: 0,
            hours: &[],
            special: 0,
            next_special: i64::MAX,
        }
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
    fn plain_midnight(&mut self, day: i64) -> Option<i64> {
        let guess = self.segment.map_or(0, |s| s.offset);
        let s = self.segment_at(day * DAY + DAY / 2 - guess)?;
        let midnight = day * DAY - s.offset;
        (midnight - DAY >= s.from && midnight + 2 * DAY <= s.to).then_some(midnight)
    }

    /// Moves to `day`, looking everything up.
    fn set_day(&mut self, day: i64) {
        let cal = self.cal;
        self.day = day;
        self.weekday = zone::weekday_index(day);
        self.hours = cal.hours_of_day(day, &mut self.special);
        self.next_special = cal.next_special_day(self.special);
        match self.plain_midnight(day) {
            Some(midnight) => {
                self.plain = true;
                self.midnight = midnight;
                self.next_midnight = midnight + DAY;
            }
            None => {
                self.plain = false;
                self.midnight = zone::local_to_utc(cal.tz(), day, 0);
                self.next_midnight = zone::local_to_utc(cal.tz(), day + 1, 0);
            }
        }
    }

    /// Moves `days` days forward by addition, if the current day is plain
    /// and the target day is plain in the same segment; false otherwise.
    fn jump(&mut self, days: i64) -> bool {
        let Some(s) = self.segment.filter(|_| self.plain && days >= 0) else {
            return false;
        };
        let midnight = self.midnight + days * DAY;
        if !(midnight - DAY >= s.from && midnight + 2 * DAY <= s.to) {
            return false;
        }
        self.day += days;
        self.midnight = midnight;
        self.next_midnight = midnight + DAY;
        let weekday = self.weekday + (days % 7) as usize;
        self.weekday = if weekday >= 7 { weekday - 7 } else { weekday };
        while self.next_special < self.day {
            self.special += 1;
            self.next_special = self.cal.next_special_day(self.special);
        }
        self.hours = if self.next_special == self.day {
            self.cal.special_hours(self.special)
        } else {
            self.cal.weekday_hours(self.weekday)
        };
        true
    }

    /// Moves to the local day containing `t`.
    fn move_to(&mut self, t: i64) {
        if !(self.plain && t >= self.midnight && self.jump((t - self.midnight).div_euclid(DAY))) {
            let day = self.local_day(t);
            self.set_day(day);
        }
    }

    /// A summary of ordinary whole days from the current local midnight on,
    /// if the caller's limits allow at least one day.
    fn summary(&self, end_limit: i64, work_limit: i64) -> Option<Block> {
        let s = self.segment?;
        if end_limit.min(self.limit) < self.next_midnight || self.next_special == self.day {
            return None;
        }
        let to_special = self.next_special.saturating_sub(self.day);
        let to_change = (s.to - DAY - self.midnight).div_euclid(DAY);
        let to_limit = (end_limit.min(self.limit) - self.midnight).div_euclid(DAY);
        let mut k = to_special.min(to_change).min(to_limit);
        if k <= 0 {
            return None;
        }
        let mut work = self.cal.work_of_days(self.weekday, k);
        if work >= work_limit {
            if work_limit <= 0 {
                return None;
            }
            // Whole weeks that stay under the limit, then single days.
            let mut fit = (work_limit - 1) / self.cal.week_secs() * 7;
            while fit < k && self.cal.work_of_days(self.weekday, fit + 1) < work_limit {
                fit += 1;
            }
            k = fit;
            if k == 0 {
                return None;
            }
            work = self.cal.work_of_days(self.weekday, k);
        }
        Some(Block { from: self.midnight, to: self.midnight + k * DAY, work, summary: true })
    }
}

/// Working seconds of `hours` between `x` and `y` seconds after local midnight.
fn work_in(hours: &[LocalInterval], x: i64, y: i64) -> i64 {
    hours.iter().map(|i| (i64::from(i.end_secs()).min(y) - i64::from(i.start_secs()).max(x)).max(0)).sum()
}

impl IntervalCursor for CalendarCursor<'_> {
    /// O(1) when `a`'s day and `b`'s day are plain in one segment with no
    /// special day after `a`'s day up to `b`'s.
    fn work_between(&mut self, a: i64, b: i64) -> Option<i64> {
        if b <= a {
            return Some(0);
        }
        if b > self.limit {
            return None;
        }
        if self.cal.is_always() {
            return Some(b - a);
        }
        if !(self.midnight <= a && a < self.next_midnight) {
            self.move_to(a);
        }
        let s = self.segment.filter(|_| self.plain)?;
        let k = (b - self.midnight).div_euclid(DAY);
        let last_midnight = self.midnight + k * DAY;
        if k == 0 {
            return Some(work_in(self.hours, a - self.midnight, b - self.midnight));
        }
        let special_after = if self.next_special == self.day {
            self.cal.next_special_day(self.special + 1)
        } else {
            self.next_special
        };
        if last_midnight + 2 * DAY > s.to || special_after <= self.day + k {
            return None;
        }
        let after = if self.weekday == 6 { 0 } else { self.weekday + 1 };
        let last_weekday = (self.weekday + (k % 7) as usize) % 7;
        Some(
            work_in(self.hours, a - self.midnight, DAY)
                + self.cal.work_of_days(after, k - 1)
                + work_in(self.cal.weekday_hours(last_weekday), 0, b - last_midnight),
        )
    }

    fn next(&mut self, from: i64, end_limit: i64, work_limit: i64) -> Option<Block> {
        if from >= self.limit {
            return None;
        }
        if self.cal.is_always() {
            return Some(Block::interval(from, self.limit));
        }
        if !(self.midnight <= from && from < self.next_midnight) {
            self.move_to(from);
        }
        loop {
            if self.plain && self.midnight >= from {
                if let Some(block) = self.summary(end_limit, work_limit) {
                    return Some(block);
                }
            }
            for interval in self.hours {
                let (start, end) = if self.plain {
                    (
                        self.midnight + i64::from(interval.start_secs()),
                        self.midnight + i64::from(interval.end_secs()),
                    )
                } else {
                    (
                        zone::local_to_utc(self.cal.tz(), self.day, interval.start_secs()),
                        zone::local_to_utc(self.cal.tz(), self.day, interval.end_secs()),
                    )
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
            if self.next_midnight >= self.limit {
                return None;
            }
            if !self.jump(1) {
                self.set_day(self.day + 1);
            }
        }
    }
}
