//! The card's live countdown: a snapshot of one clock taken by the server,
//! ticked in the browser with the same counting code over a precomputed
//! timeline, so the browser needs no tz database and agrees with the server
//! to the second.

use super::arithmetic::instant;
use super::clock::{running_state, ClockKind, SlaState};
use super::counting::{count, first_counting_instant};
use super::timeline::WorkingTimeline;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One clock as of `snapshot_at`, with what is needed to read it later.
/// Built by [`SlaClock::countdown`](super::SlaClock::countdown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Countdown {
    pub kind: ClockKind,
    /// The deadline. While paused with budget left it is the deadline if the
    /// pause had ended at the snapshot (the clock's own `due` is `None` then).
    pub due: DateTime<Utc>,
    pub budget_secs: i64,
    /// The policy's at-risk share, for display.
    pub at_risk_fraction: f64,
    /// Less than this many working seconds left = at risk.
    pub at_risk_secs: i64,
    /// Unix seconds of the snapshot.
    pub snapshot_at: i64,
    /// Working seconds left at the snapshot (negative = overdue).
    pub remaining_secs: i64,
    /// `Some` when the clock did not run at the snapshot (paused, met, or
    /// stopped late): it stays so until the server sends a new snapshot.
    pub frozen: Option<SlaState>,
    /// Working time from the snapshot to `max(snapshot, due) + horizon`.
    pub timeline: WorkingTimeline,
}

/// A countdown read at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountdownView {
    pub state: SlaState,
    /// Working seconds left; negative = working seconds overdue.
    pub remaining_secs: i64,
    /// Outside working hours: when counting resumes.
    pub resumes_at: Option<DateTime<Utc>>,
}

impl Countdown {
    /// The countdown at `now` (instants before the snapshot read as the snapshot).
    /// Within the timeline this equals the server's `SlaClock::status(now)`.
    pub fn at(&self, now: DateTime<Utc>) -> CountdownView {
        if let Some(state) = self.frozen {
            return CountdownView { state, remaining_secs: self.remaining_secs, resumes_at: None };
        }
        let t = now.timestamp().max(self.snapshot_at);
        let remaining = self.remaining_secs - count(&self.timeline, self.snapshot_at, t, &[]);
        let resumes_at =
            first_counting_instant(&self.timeline, t, &[], i64::MAX).filter(|&n| n > t).map(instant);
        CountdownView {
            state: running_state(t, self.due.timestamp(), remaining, self.at_risk_secs),
            remaining_secs: remaining,
            resumes_at,
        }
    }

    /// The instant up to which [`Countdown::at`] is exact; fetch a new
    /// snapshot before it.
    pub fn valid_until(&self) -> DateTime<Utc> {
        instant(self.timeline.until)
    }
}

#[cfg(test)]
mod tests {
    use super::super::budget::Budget;
    use super::super::calendar::{BusinessCalendar, CalendarPreset};
    use super::super::clock::{Release, SlaClock};
    use super::super::pause::{Pause, PauseLedger};
    use super::super::policy::Targets;
    use super::*;
    use crate::ticket::WaitingReason;
    use chrono::Duration;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn check_agreement(clock: &SlaClock, snapshot: DateTime<Utc>, horizon: Duration, step: i64) {
        let countdown = clock.countdown(snapshot, horizon).unwrap().unwrap();
        let json = serde_json::to_string(&countdown).unwrap();
        let countdown: Countdown = serde_json::from_str(&json).unwrap();
        let mut now = snapshot;
        while now <= countdown.valid_until() {
            let status = clock.status(now).unwrap();
            let reading = match countdown.kind {
                ClockKind::Reaction => status.reaction,
                ClockKind::Resolution => status.resolution,
            }
            .unwrap();
            let view = countdown.at(now);
            assert_eq!(view.remaining_secs, reading.remaining_secs, "remaining at {now}");
            assert_eq!(view.state, reading.state, "state at {now}");
            assert_eq!(view.resumes_at, reading.resumes_at, "resumes at {now}");
            now += Duration::seconds(step);
        }
    }

    #[test]
    fn the_browser_agrees_with_the_server_over_the_horizon() {
        let cal = BusinessCalendar::preset(CalendarPreset::KyivNineToSix).with_holidays(
            &["2026-03-30".parse().unwrap()],
            &[],
            &[],
        );
        let ledger = PauseLedger::from_pauses(vec![Pause {
            from: utc("2026-03-26T10:00:00+02:00"),
            to: Some(utc("2026-03-26T15:00:00+02:00")),
            reason: WaitingReason::ClientInfo,
        }])
        .unwrap();
        let targets = Targets { reaction: Some(Budget::Hours(16)), resolution: None };
        let clock = SlaClock::new(&cal, utc("2026-03-25T11:00:00+02:00"), targets).with_pauses(ledger);
        // Across the clock change, a holiday, a breach and a day past it.
        check_agreement(&clock, utc("2026-03-26T17:12:13+02:00"), Duration::days(2), 601);
    }

    #[test]
    fn calendar_hours_count_every_second() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let targets = Targets { reaction: Some(Budget::CalendarHours(8)), resolution: None };
        let clock = SlaClock::new(&cal, utc("2026-03-06T17:00:00+03:00"), targets);
        let c = clock.countdown(utc("2026-03-06T20:00:00+03:00"), Duration::hours(4)).unwrap().unwrap();
        assert_eq!(c.due, utc("2026-03-07T01:00:00+03:00"));
        assert_eq!(c.at(utc("2026-03-06T23:00:00+03:00")).remaining_secs, 2 * 3600);
        check_agreement(&clock, utc("2026-03-06T20:00:00+03:00"), Duration::hours(4), 97);
    }

    #[test]
    fn a_paused_countdown_is_frozen() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let mut ledger = PauseLedger::new();
        ledger.pause(utc("2026-03-02T11:00:00+03:00"), WaitingReason::ClientApproval).unwrap();
        let targets = Targets { reaction: Some(Budget::Hours(4)), resolution: None };
        let clock = SlaClock::new(&cal, utc("2026-03-02T09:00:00+03:00"), targets).with_pauses(ledger);
        let c = clock.countdown(utc("2026-03-02T12:00:00+03:00"), Duration::hours(8)).unwrap().unwrap();
        // Due if the pause had ended at the snapshot: 12:00 + 2 h.
        assert_eq!(c.due, utc("2026-03-02T14:00:00+03:00"));
        let v = c.at(utc("2026-03-04T12:00:00+03:00"));
        assert_eq!(v.state, SlaState::Paused { reason: WaitingReason::ClientApproval });
        assert_eq!((v.remaining_secs, v.resumes_at), (2 * 3600, None));
        assert!(c.timeline.intervals.is_empty());
        check_agreement(&clock, utc("2026-03-02T12:00:00+03:00"), Duration::hours(30), 1800);
    }

    #[test]
    fn the_card_switches_from_reaction_to_resolution() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let targets = Targets { reaction: Some(Budget::Hours(2)), resolution: Some(Budget::Hours(24)) };
        let received = utc("2026-03-02T09:00:00+03:00");
        let clock = SlaClock::new(&cal, received, targets)
            .with_first_response(Some(utc("2026-03-02T10:00:00+03:00")));
        let before = clock.countdown(utc("2026-03-02T09:30:00+03:00"), Duration::hours(1)).unwrap().unwrap();
        assert_eq!(before.kind, ClockKind::Reaction);
        let after = clock.countdown(utc("2026-03-02T10:30:00+03:00"), Duration::hours(1)).unwrap().unwrap();
        assert_eq!(after.kind, ClockKind::Resolution);
        assert_eq!(after.at(utc("2026-03-02T10:30:00+03:00")).remaining_secs, 22 * 3600 + 1800);
        check_agreement(&clock, utc("2026-03-02T10:30:00+03:00"), Duration::days(3), 1234);
        // Released: frozen as met.
        let released = clock
            .clone()
            .with_releases(vec![Release { released_at: utc("2026-03-03T12:00:00+03:00"), reopened_at: None }])
            .unwrap();
        let c = released.countdown(utc("2026-03-05T12:00:00+03:00"), Duration::hours(1)).unwrap().unwrap();
        assert_eq!(c.at(utc("2026-03-09T12:00:00+03:00")).state, SlaState::Met);
        assert_eq!(c.remaining_secs, 24 * 3600 - 12 * 3600);
    }

    #[test]
    fn the_snapshot_is_small_json() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let targets = Targets { reaction: Some(Budget::Hours(8)), resolution: None };
        let clock = SlaClock::new(&cal, utc("2026-03-02T09:00:00+03:00"), targets);
        let c = clock.countdown(utc("2026-03-02T10:00:00+03:00"), Duration::days(1)).unwrap().unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert!(
            json.contains(r#""kind":"reaction""#) && json.contains(r#""due":"2026-03-02T14:00:00Z""#),
            "{json}"
        );
        assert!(json.len() < 400, "{json}");
    }
}
