//! The counting core, generic over where working time comes from: the same
//! functions run over a [`BusinessCalendar`](super::BusinessCalendar) on the
//! server and over a precomputed [`WorkingTimeline`](super::WorkingTimeline)
//! in the browser, so both sides agree to the second.
//!
//! Instants are unix seconds (`i64`); spans are half-open `[from, to)`.
//! Exclusions (pauses, release periods) are sorted, merged spans; an
//! open-ended one ends at `i64::MAX`.

/// How far any search looks ahead: two years (731 days). A deadline further
/// away is refused rather than searched for.
pub const SEARCH_HORIZON: i64 = 731 * 86_400;

/// A stretch of working time handed out by a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Start of the stretch (unix seconds).
    pub from: i64,
    /// End of the stretch (unix seconds, exclusive).
    pub to: i64,
    /// Working seconds inside `[from, to)`.
    pub work: i64,
    /// False: `[from, to)` is one contiguous working interval (`work == to - from`).
    /// True: a summary of several whole days whose working time need not be
    /// looked at one by one (see [`IntervalCursor::next`]).
    pub summary: bool,
}

impl Block {
    /// One contiguous working interval.
    pub fn interval(from: i64, to: i64) -> Block {
        Block { from, to, work: to - from, summary: false }
    }
}

/// Walks working time forward.
pub trait IntervalCursor {
    /// The first stretch of working time at or after `from` (clipped to start
    /// at `from` and to end at the cursor's limit), or `None` when there is
    /// none before the limit.
    ///
    /// The cursor may answer with a summary block instead of a single
    /// interval, which lets callers skip whole weeks arithmetically, but only
    /// when the summary starts at or after `from`, ends at or before
    /// `end_limit` and holds strictly less than `work_limit` working seconds:
    /// callers pass the next pause as `end_limit` and the budget left as
    /// `work_limit`, so a summary never hides the instant they look for.
    fn next(&mut self, from: i64, end_limit: i64, work_limit: i64) -> Option<Block>;

    /// Working seconds in `[a, b)` if the cursor can tell without walking
    /// (and `b` is within its limit); `None` makes the caller walk. Lets
    /// callers step from pause to pause in O(1).
    fn work_between(&mut self, _a: i64, _b: i64) -> Option<i64> {
        None
    }
}

/// A source of working intervals in UTC.
pub trait WorkingIntervals {
    type Cursor<'a>: IntervalCursor
    where
        Self: 'a;

    /// A cursor that hands out nothing at or after `limit`.
    fn cursor(&self, limit: i64) -> Self::Cursor<'_>;
}

/// Working time without a calendar: every second counts (24/7 and
/// calendar-hour budgets).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlwaysOn;

/// Cursor of [`AlwaysOn`].
#[derive(Debug, Clone, Copy)]
pub struct AlwaysOnCursor {
    limit: i64,
}

impl IntervalCursor for AlwaysOnCursor {
    fn next(&mut self, from: i64, _end_limit: i64, _work_limit: i64) -> Option<Block> {
        (from < self.limit).then(|| Block::interval(from, self.limit))
    }

    fn work_between(&mut self, a: i64, b: i64) -> Option<i64> {
        (b <= self.limit).then_some((b - a).max(0))
    }
}

impl WorkingIntervals for AlwaysOn {
    type Cursor<'a> = AlwaysOnCursor;

    fn cursor(&self, limit: i64) -> AlwaysOnCursor {
        AlwaysOnCursor { limit }
    }
}

/// Index of the first exclusion ending after `pos`, moving `pos` past every
/// exclusion that covers it. Returns `None` when `pos` sits in an open-ended one.
fn skip_excluded(excl: &[(i64, i64)], j: &mut usize, pos: &mut i64) -> Option<()> {
    loop {
        while *j < excl.len() && excl[*j].1 <= *pos {
            *j += 1;
        }
        match excl.get(*j) {
            Some(&(from, to)) if from <= *pos => {
                if to == i64::MAX {
                    return None;
                }
                *pos = to;
            }
            _ => return Some(()),
        }
    }
}

/// The instant at which `amount` working seconds, counted from `start` and
/// skipping `excl`, are used up; `None` if that is not before `limit`.
///
/// A budget used up exactly at the end of a working interval is due at that
/// end, not at the start of the next interval; a zero budget is due at `start`.
pub fn advance<W: WorkingIntervals + ?Sized>(
    source: &W,
    start: i64,
    amount: i64,
    excl: &[(i64, i64)],
    limit: i64,
) -> Option<i64> {
    if amount <= 0 {
        return Some(start);
    }
    let mut cursor = source.cursor(limit);
    let mut pos = start;
    let mut left = amount;
    let mut j = excl.partition_point(|x| x.1 <= pos);
    loop {
        skip_excluded(excl, &mut j, &mut pos)?;
        let end_limit = excl.get(j).map_or(i64::MAX, |x| x.0);
        // Up to the next pause in one step, when the budget outlasts it.
        if end_limit < limit {
            if let Some(work) = cursor.work_between(pos, end_limit).filter(|&w| w < left) {
                left -= work;
                pos = end_limit;
                continue;
            }
        }
        let block = cursor.next(pos, end_limit, left)?;
        if block.from >= end_limit {
            pos = end_limit;
            continue;
        }
        if block.summary {
            left -= block.work;
            pos = block.to;
            continue;
        }
        let end = block.to.min(end_limit);
        let available = end - block.from;
        if left <= available {
            return Some(block.from + left);
        }
        left -= available;
        pos = end;
    }
}

/// Working seconds in `[a, b)` outside `excl`; zero when `b <= a`.
pub fn count<W: WorkingIntervals + ?Sized>(source: &W, a: i64, b: i64, excl: &[(i64, i64)]) -> i64 {
    if b <= a {
        return 0;
    }
    let mut cursor = source.cursor(b);
    let mut pos = a;
    let mut total = 0;
    let mut j = excl.partition_point(|x| x.1 <= pos);
    while pos < b {
        if skip_excluded(excl, &mut j, &mut pos).is_none() {
            break;
        }
        let end_limit = excl.get(j).map_or(b, |x| x.0.min(b));
        if let Some(work) = cursor.work_between(pos, end_limit) {
            total += work;
            pos = end_limit;
            continue;
        }
        let Some(block) = cursor.next(pos, end_limit, i64::MAX) else {
            break;
        };
        if block.from >= end_limit {
            pos = end_limit;
            continue;
        }
        if block.summary {
            total += block.work;
            pos = block.to;
            continue;
        }
        let end = block.to.min(end_limit);
        total += end - block.from;
        pos = end;
    }
    total
}

/// The first instant at or after `t` that counts (working and not excluded),
/// or `None` if there is none before `limit`.
pub fn first_counting_instant<W: WorkingIntervals + ?Sized>(
    source: &W,
    t: i64,
    excl: &[(i64, i64)],
    limit: i64,
) -> Option<i64> {
    let mut cursor = source.cursor(limit);
    let mut pos = t;
    let mut j = excl.partition_point(|x| x.1 <= pos);
    loop {
        skip_excluded(excl, &mut j, &mut pos)?;
        let end_limit = excl.get(j).map_or(i64::MAX, |x| x.0);
        // A work limit of 1 lets the cursor skip only stretches with no work at all.
        let block = cursor.next(pos, end_limit, 1)?;
        if block.summary {
            pos = block.to;
        } else if block.from >= end_limit {
            pos = end_limit;
        } else {
            return Some(block.from);
        }
    }
}

/// The counting intervals in `[a, b)`: working time minus `excl`, with
/// touching intervals merged.
pub fn counted_intervals<W: WorkingIntervals + ?Sized>(
    source: &W,
    a: i64,
    b: i64,
    excl: &[(i64, i64)],
) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    if b <= a {
        return out;
    }
    let mut cursor = source.cursor(b);
    let mut pos = a;
    let mut j = excl.partition_point(|x| x.1 <= pos);
    while pos < b {
        if skip_excluded(excl, &mut j, &mut pos).is_none() {
            break;
        }
        let end_limit = excl.get(j).map_or(b, |x| x.0.min(b));
        let Some(block) = cursor.next(pos, end_limit, 1) else {
            break;
        };
        if block.summary {
            pos = block.to;
            continue;
        }
        if block.from >= end_limit {
            pos = end_limit;
            continue;
        }
        let end = block.to.min(end_limit);
        push_merged(&mut out, (block.from, end));
        pos = end;
    }
    out
}

/// Appends `span` to sorted, disjoint `spans`, merging it with the last one
/// when they touch or overlap.
pub(crate) fn push_merged(spans: &mut Vec<(i64, i64)>, span: (i64, i64)) {
    if span.1 <= span.0 {
        return;
    }
    match spans.last_mut() {
        Some(last) if span.0 <= last.1 => last.1 = last.1.max(span.1),
        _ => spans.push(span),
    }
}

/// Sorts and merges spans into the form the counting functions expect.
pub(crate) fn merge_spans(mut spans: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    spans.sort_unstable();
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        push_merged(&mut out, s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_on_is_plain_addition() {
        assert_eq!(advance(&AlwaysOn, 100, 50, &[], i64::MAX), Some(150));
        assert_eq!(count(&AlwaysOn, 100, 150, &[]), 50);
        assert_eq!(count(&AlwaysOn, 150, 100, &[]), 0);
        assert_eq!(first_counting_instant(&AlwaysOn, 7, &[], i64::MAX), Some(7));
    }

    #[test]
    fn exclusions_are_skipped() {
        let excl = [(110, 120), (130, 140)];
        assert_eq!(advance(&AlwaysOn, 100, 30, &excl, i64::MAX), Some(150));
        assert_eq!(count(&AlwaysOn, 100, 150, &excl), 30);
        assert_eq!(first_counting_instant(&AlwaysOn, 115, &excl, i64::MAX), Some(120));
        assert_eq!(counted_intervals(&AlwaysOn, 100, 150, &excl), vec![(100, 110), (120, 130), (140, 150)]);
    }

    #[test]
    fn start_inside_an_exclusion_waits_for_its_end() {
        assert_eq!(advance(&AlwaysOn, 100, 10, &[(90, 200)], i64::MAX), Some(210));
    }

    #[test]
    fn an_open_exclusion_stops_everything() {
        let excl = [(120, i64::MAX)];
        assert_eq!(advance(&AlwaysOn, 100, 30, &excl, i64::MAX), None);
        assert_eq!(count(&AlwaysOn, 100, 1000, &excl), 20);
        assert_eq!(first_counting_instant(&AlwaysOn, 130, &excl, i64::MAX), None);
    }

    #[test]
    fn the_limit_bounds_the_search() {
        assert_eq!(advance(&AlwaysOn, 0, 100, &[], 99), None);
        assert_eq!(advance(&AlwaysOn, 0, 99, &[], 99), Some(99));
    }

    #[test]
    fn spans_merge() {
        assert_eq!(merge_spans(vec![(5, 9), (1, 3), (3, 4), (8, 12)]), vec![(1, 4), (5, 12)]);
    }
}
