//! Wall-clock times of a time zone to UTC instants.
//!
//! A local bound maps to **the first instant at which the wall clock shows
//! that time or later**. So a time skipped when clocks go forward maps to the
//! instant of the jump (a 00:00–06:00 shift on that night is five real
//! hours), and a time shown twice when clocks go back maps to its first
//! occurrence (that night's 00:00–06:00 shift is seven real hours). The map
//! never decreases, so intervals of one day, and of consecutive days, never
//! overlap in UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};
use std::sync::{Arc, Mutex, OnceLock};

pub(crate) const DAY: i64 = 86_400;

/// Days from 0001-01-01 to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// Days since 1970-01-01 of a date.
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date)) - UNIX_EPOCH_DAYS_FROM_CE
}

/// The date of a day number, saturating at chrono's range.
pub(crate) fn date_of(day: i64) -> NaiveDate {
    let ce = (day + UNIX_EPOCH_DAYS_FROM_CE).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    NaiveDate::from_num_days_from_ce_opt(ce as i32).unwrap_or(if day < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
pub(crate) fn weekday_index(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

fn naive_utc(t: i64) -> NaiveDateTime {
    DateTime::from_timestamp(t, 0)
        .unwrap_or(if t < 0 { DateTime::<chrono::Utc>::MIN_UTC } else { DateTime::<chrono::Utc>::MAX_UTC })
        .naive_utc()
}

/// The UTC offset (seconds east) in force at instant `t`.
pub(crate) fn offset_at(tz: Tz, t: i64) -> i64 {
    i64::from(tz.offset_from_utc_datetime(&naive_utc(t)).fix().local_minus_utc())
}

/// The instant of `secs` seconds after local midnight of `day` (`secs` may
/// be 86 400, i.e. 24:00), under the rule in the module documentation.
pub(crate) fn local_to_utc(tz: Tz, day: i64, secs: u32) -> i64 {
    let naive = date_of(day).and_time(chrono::NaiveTime::MIN) + Duration::seconds(i64::from(secs));
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.timestamp(),
        chrono::LocalResult::Ambiguous(earliest, _) => earliest.timestamp(),
        chrono::LocalResult::None => match GapInfo::new(&naive, &tz).and_then(|gap| gap.end) {
            Some(end) => end.timestamp(),
            // Only at the very edge of the tz data: read the wall time with the
            // offset in force at that moment.
            None => {
                let t = naive.and_utc().timestamp();
                t - offset_at(tz, t)
            }
        },
    }
}

/// The local day (days since 1970-01-01 on the wall clock) containing instant `t`.
pub(crate) fn local_day(tz: Tz, t: i64) -> i64 {
    (t + offset_at(tz, t)).div_euclid(DAY)
}

/// A stretch of UTC time with one constant offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub from: i64,
    pub to: i64,
    pub offset: i64,
}

/// Where a zone's offset changes between 2000 and 2100, found once per zone
/// so that counting never asks the tz database inside its loop: days away
/// from a change map local times to UTC by subtraction, and whole weeks can
/// be skipped at once.
#[derive(Debug)]
pub(crate) struct OffsetTable {
    initial: i64,
    changes: Vec<(i64, i64)>,
}

/// A zone and its table, as cached.
type ZoneTable = (Tz, Arc<OffsetTable>);

/// 2000-01-01T00:00:00Z.
const TABLE_FROM: i64 = 946_684_800;
/// 2100-01-01T00:00:00Z.
const TABLE_TO: i64 = 4_102_444_800;
/// Offsets are probed weekly; every real zone keeps an offset for longer
/// than that, so no change pair is missed. Each change found is then
/// pinned to the second.
const PROBE_STEP: i64 = 7 * DAY;

impl OffsetTable {
    /// The table of `tz`, built on first use and shared by all calendars in the zone.
    pub(crate) fn for_zone(tz: Tz) -> Arc<OffsetTable> {
        static TABLES: OnceLock<Mutex<Vec<ZoneTable>>> = OnceLock::new();
        let tables = TABLES.get_or_init(|| Mutex::new(Vec::new()));
        // A poisoned lock still holds complete tables: each is pushed whole.
        let mut tables = tables.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, table)) = tables.iter().find(|(z, _)| *z == tz) {
            return Arc::clone(table);
        }
        let table = Arc::new(OffsetTable::build(tz));
        tables.push((tz, Arc::clone(&table)));
        table
    }

    fn build(tz: Tz) -> OffsetTable {
        let initial = offset_at(tz, TABLE_FROM);
        let mut changes = Vec::new();
        let (mut known_at, mut known) = (TABLE_FROM, initial);
        let mut probe = TABLE_FROM + PROBE_STEP;
        while known_at < TABLE_TO {
            let probe_at = probe.min(TABLE_TO);
            if offset_at(tz, probe_at) == known {
                known_at = probe_at;
                probe += PROBE_STEP;
                continue;
            }
            // The offset changed in (known_at, probe_at]: find the first second.
            let (mut lo, mut hi) = (known_at, probe_at);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == known {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            known = offset_at(tz, hi);
            known_at = hi;
            changes.push((hi, known));
        }
        OffsetTable { initial, changes }
    }

    /// The constant-offset stretch containing `t`, or `None` outside 2000–2100.
    pub(crate) fn segment(&self, t: i64) -> Option<Segment> {
        if !(TABLE_FROM..TABLE_TO).contains(&t) {
            return None;
        }
        let i = self.changes.partition_point(|c| c.0 <= t);
        Some(Segment {
            from: if i == 0 { TABLE_FROM } else { self.changes[i - 1].0 },
            to: self.changes.get(i).map_or(TABLE_TO, |c| c.0),
            offset: if i == 0 { self.initial } else { self.changes[i - 1].1 },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn day(y: i32, m: u32, d: u32) -> i64 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(date_of(day(2026, 3, 29)), NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        assert_eq!(weekday_index(day(2026, 3, 2)), 0, "2026-03-02 is a Monday");
        assert_eq!(weekday_index(day(2026, 3, 1)), 6);
    }

    #[test]
    fn skipped_local_times_map_to_the_jump() {
        let kyiv = chrono_tz::Europe::Kyiv;
        // 2026-03-29 03:00 EET jumps to 04:00 EEST = 01:00Z.
        assert_eq!(local_to_utc(kyiv, day(2026, 3, 29), 3 * 3600 + 1800), utc("2026-03-29T01:00:00Z"));
        assert_eq!(local_to_utc(kyiv, day(2026, 3, 29), 6 * 3600), utc("2026-03-29T03:00:00Z"));
    }

    #[test]
    fn repeated_local_times_map_to_their_first_occurrence() {
        let kyiv = chrono_tz::Europe::Kyiv;
        // 2026-10-25 04:00 EEST goes back to 03:00 EET; 03:30 happens at 00:30Z first.
        assert_eq!(local_to_utc(kyiv, day(2026, 10, 25), 3 * 3600 + 1800), utc("2026-10-25T00:30:00Z"));
        assert_eq!(local_to_utc(kyiv, day(2026, 10, 25), 86_400), utc("2026-10-25T22:00:00Z"));
    }

    #[test]
    fn the_table_pins_changes_to_the_second() {
        let table = OffsetTable::for_zone(chrono_tz::Europe::Kyiv);
        let spring = utc("2026-03-29T01:00:00Z");
        let before = table.segment(spring - 1).unwrap();
        let after = table.segment(spring).unwrap();
        assert_eq!((before.to, before.offset), (spring, 7200));
        assert_eq!((after.from, after.offset), (spring, 10800));
        assert_eq!(after.to, utc("2026-10-25T01:00:00Z"));
        let moscow = OffsetTable::for_zone(chrono_tz::Europe::Moscow);
        let seg = moscow.segment(utc("2026-06-01T00:00:00Z")).unwrap();
        assert_eq!((seg.from, seg.to, seg.offset), (utc("2014-10-25T22:00:00Z"), TABLE_TO, 10800));
        assert!(moscow.segment(TABLE_TO).is_none());
    }
}
