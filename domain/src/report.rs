//! The arithmetic of the leads' reports (SPEC §6, issue 15): months on the
//! desk's calendar, SLA compliance and its roll-ups, how late a breach was,
//! and the first-response time distribution. The server counts stored
//! outcomes with indexed queries; this module decides what the counts mean.

use crate::sla::{ClockKind, SlaLevel};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A calendar month, as the URL and CSV files name it: `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// `YYYY-MM`, years 2000–2999 like every day a form sends.
    pub fn parse(code: &str) -> Option<Month> {
        let (y, m) = code.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        ((2000..=2999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The month `t` falls in on the wall clock of `tz`.
    pub fn of(t: DateTime<Utc>, tz: Tz) -> Month {
        let local = t.with_timezone(&tz);
        Month { year: local.year(), month: local.month() }
    }

    /// `n` months earlier (`n` may be 0).
    pub fn back(self, n: u32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 - n as i32;
        Month { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    fn first_day(self) -> NaiveDate {
        // Parsed or computed months are always valid dates.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The month's instants on the wall clock of `tz`: from its first
    /// midnight up to (not including) the next month's.
    pub fn range(self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |m: Month| {
            let midnight = m.first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
            // A zone may skip midnight (a DST change at 00:00): the first
            // instant of the day is then the earliest mapping, else UTC.
            tz.from_local_datetime(&midnight)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
        };
        (start(self), start(self.next()))
    }

    fn next(self) -> Month {
        let index = self.year * 12 + self.month as i32;
        Month { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// The last `n` months ending with this one, oldest first.
    pub fn trailing(self, n: u32) -> Vec<Month> {
        (0..n).rev().map(|k| self.back(k)).collect()
    }
}

/// How many clocks were decided and how many of them met their target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Compliance {
    pub met: u32,
    pub total: u32,
}

impl Compliance {
    pub fn add(&mut self, met: bool, count: u32) {
        self.total += count;
        if met {
            self.met += count;
        }
    }

    pub fn breached(self) -> u32 {
        self.total - self.met
    }

    /// The share met in tenths of a percent (987 = 98.7 %), rounded half
    /// up; none when nothing was decided (no share, not 100 %).
    pub fn share_permille(self) -> Option<u32> {
        (self.total > 0)
            .then(|| (u64::from(self.met) * 2000 + u64::from(self.total)) as u32 / (2 * self.total))
    }
}

/// Reaction and resolution side by side, as every compliance table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClockCompliance {
    pub reaction: Compliance,
    pub resolution: Compliance,
}

impl ClockCompliance {
    pub fn add(&mut self, clock: ClockKind, met: bool, count: u32) {
        match clock {
            ClockKind::Reaction => self.reaction.add(met, count),
            ClockKind::Resolution => self.resolution.add(met, count),
        }
    }
}

/// Decided clocks counted by what the report groups them by: the stored
/// outcomes grouped once by the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeCount {
    pub clock: ClockKind,
    pub met: bool,
    pub organisation: i64,
    /// The ticket's assignee; none for a ticket nobody took.
    pub agent: Option<i64>,
    /// The level the clock ran at; none where the terms were unreadable.
    pub level: Option<SlaLevel>,
    pub count: u32,
}

/// Sums the counts by `key`: the whole desk (a key of `()`), per
/// organisation, agent or level.
pub fn roll_up<K: Ord>(
    counts: &[OutcomeCount],
    key: impl Fn(&OutcomeCount) -> K,
) -> BTreeMap<K, ClockCompliance> {
    let mut out: BTreeMap<K, ClockCompliance> = BTreeMap::new();
    for c in counts {
        out.entry(key(c)).or_default().add(c.clock, c.met, c.count);
    }
    out
}

/// The working seconds a stopped clock ran over its budget (0 in time).
pub fn late_secs(used_secs: i64, budget_secs: i64) -> i64 {
    (used_secs - budget_secs).max(0)
}

/// The upper edges of the first-response buckets, in working seconds:
/// up to 15 min, 30 min, 1 h, 2 h, 4 h, 8 h (a working day), and more.
pub const RESPONSE_BUCKETS: [i64; 6] = [15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600];

/// The bucket of a first response that took `secs` working seconds: the
/// first whose edge it does not pass, or the last ("more").
pub fn response_bucket(secs: i64) -> usize {
    RESPONSE_BUCKETS.iter().position(|&edge| secs <= edge).unwrap_or(RESPONSE_BUCKETS.len())
}

/// How many first responses fell into each bucket (7 of them).
pub fn response_distribution(times: impl IntoIterator<Item = i64>) -> Vec<u32> {
    let mut out = vec![0; RESPONSE_BUCKETS.len() + 1];
    for t in times {
        out[response_bucket(t)] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn months_parse_and_step() {
        assert_eq!(Month::parse("2026-11"), Some(Month { year: 2026, month: 11 }));
        for bad in ["2026-13", "2026-00", "26-11", "2026-1", "1999-12", "2026/11", "２０２６-11", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let jan = Month::parse("2027-01").unwrap();
        assert_eq!(jan.back(1).code(), "2026-12");
        assert_eq!(jan.back(13).code(), "2025-12");
        assert_eq!(
            jan.trailing(3).iter().map(|m| m.code()).collect::<Vec<_>>(),
            ["2026-11", "2026-12", "2027-01"]
        );
    }

    #[test]
    fn a_month_is_the_desks_wall_clock_month() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        let (from, to) = Month::parse("2026-12").unwrap().range(moscow);
        assert_eq!(from, utc("2026-11-30T21:00:00Z"));
        assert_eq!(to, utc("2026-12-31T21:00:00Z"));
        // 23:30 UTC on 30 November is already December in Moscow.
        assert_eq!(Month::of(utc("2026-11-30T23:30:00Z"), moscow).code(), "2026-12");
        // Kyiv changes to summer time in March: the month still starts at
        // its local midnight.
        let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
        let (from, to) = Month::parse("2026-03").unwrap().range(kyiv);
        assert_eq!((from, to), (utc("2026-02-28T22:00:00Z"), utc("2026-03-31T21:00:00Z")));
    }

    #[test]
    fn compliance_counts_and_rounds() {
        let mut c = Compliance::default();
        assert_eq!(c.share_permille(), None);
        c.add(true, 2);
        c.add(false, 1);
        // 2 of 3 = 66.67 % → 666.7 ‰ → 667.
        assert_eq!((c.met, c.total, c.breached(), c.share_permille()), (2, 3, 1, Some(667)));
        c.add(true, 997);
        assert_eq!(c.share_permille(), Some(999));
    }

    #[test]
    fn roll_ups_sum_each_dimension() {
        let row = |clock, met, organisation, agent, count| OutcomeCount {
            clock,
            met,
            organisation,
            agent,
            level: Some(SlaLevel::PartnerStandard),
            count,
        };
        let counts = [
            row(ClockKind::Reaction, true, 1, Some(7), 3),
            row(ClockKind::Reaction, false, 1, Some(8), 1),
            row(ClockKind::Resolution, true, 2, Some(7), 2),
            row(ClockKind::Resolution, false, 2, None, 2),
        ];
        let desk = roll_up(&counts, |_| ());
        assert_eq!(desk[&()].reaction, Compliance { met: 3, total: 4 });
        assert_eq!(desk[&()].resolution, Compliance { met: 2, total: 4 });
        let by_agent = roll_up(&counts, |c| c.agent);
        assert_eq!(by_agent[&Some(7)].reaction.total + by_agent[&Some(7)].resolution.total, 5);
        assert_eq!(by_agent[&None].resolution, Compliance { met: 0, total: 2 });
        let by_org = roll_up(&counts, |c| c.organisation);
        assert_eq!(by_org[&2].reaction, Compliance::default());
    }

    #[test]
    fn lateness_and_response_buckets() {
        assert_eq!(late_secs(6 * 3600, 4 * 3600), 2 * 3600);
        assert_eq!(late_secs(3600, 4 * 3600), 0);
        assert_eq!(response_bucket(0), 0);
        assert_eq!(response_bucket(15 * 60), 0);
        assert_eq!(response_bucket(15 * 60 + 1), 1);
        assert_eq!(response_bucket(8 * 3600), 5);
        assert_eq!(response_bucket(8 * 3600 + 1), 6);
        assert_eq!(response_distribution([60, 3600, 3601, 100_000]), vec![1, 0, 1, 1, 0, 0, 1]);
    }
}
