//! A ticket's two SLA clocks, reaction and resolution, read at any instant.
//!
//! A priority or level change needs nothing special: build a new clock with
//! the new targets from the same `received_at` and the same pause ledger.

use super::arithmetic::{budget_secs_at, instant, SlaError, Source};
use super::budget::Budget;
use super::calendar::BusinessCalendar;
use super::countdown::Countdown;
use super::counting::{self, merge_spans, SEARCH_HORIZON};
use super::pause::PauseLedger;
use super::policy::{Targets, DEFAULT_AT_RISK_FRACTION};
use super::timeline::WorkingTimeline;
use crate::ticket::WaitingReason;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Which of the two clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Until the first public agent response.
    Reaction,
    /// Until the ticket reaches Release.
    Resolution,
}

impl ClockKind {
    /// The stable code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            ClockKind::Reaction => "reaction",
            ClockKind::Resolution => "resolution",
        }
    }
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SlaState {
    OnTrack,
    /// Less than the at-risk share of the budget left.
    AtRisk,
    /// Past the deadline (also when the clock stopped late).
    Breached,
    /// Waiting for the client; the remaining time is frozen.
    Paused {
        reason: WaitingReason,
    },
    /// Stopped in time.
    Met,
}

/// One release of the ticket, and its reopening if the client refused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub released_at: DateTime<Utc>,
    #[serde(default)]
    pub reopened_at: Option<DateTime<Utc>>,
}

/// One clock read at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockReading {
    pub kind: ClockKind,
    /// The deadline. `None` only while paused with budget left: then it
    /// depends on when the pause ends.
    pub due: Option<DateTime<Utc>>,
    pub state: SlaState,
    /// Working seconds left; negative = working seconds overdue.
    pub remaining_secs: i64,
    /// When the clock runs but `now` is outside working time: the instant
    /// counting resumes.
    pub resumes_at: Option<DateTime<Utc>>,
    /// The whole budget in working seconds.
    pub budget_secs: i64,
    /// Less than this many seconds left = at risk.
    pub at_risk_secs: i64,
}

/// Both clocks read at an instant; `None` where there is no target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockStatus {
    pub reaction: Option<ClockReading>,
    pub resolution: Option<ClockReading>,
}

/// A ticket's SLA clocks.
///
/// Reaction stops at the first public response. Resolution stops at each
/// release and resumes on reopening with the time already used: release
/// periods are skipped like pauses. Pauses stop both clocks.
#[derive(Debug, Clone)]
pub struct SlaClock<'a> {
    calendar: &'a BusinessCalendar,
    received_at: DateTime<Utc>,
    targets: Targets,
    pauses: PauseLedger,
    first_response_at: Option<DateTime<Utc>>,
    releases: Vec<Release>,
    at_risk_fraction: f64,
    /// The resolution deadline a client agreed to (deadline extension,
    /// seed 004); the clock counts to the larger of what it is worth and
    /// the target's budget.
    agreed: Option<AgreedDeadline>,
}

/// A resolution deadline a client agreed to, and when: what it is worth
/// is measured as the ticket stood then (`SlaClock::agreed_budget`), on
/// whatever the clock counts at the moment it is read. Stored as two
/// instants, never as seconds, so a later level or calendar change counts
/// it in its own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedDeadline {
    pub until: DateTime<Utc>,
    pub agreed_at: DateTime<Utc>,
}

/// Less than `fraction` of `budget_secs` left, as a whole number of seconds:
/// `remaining < at_risk_secs` exactly when `remaining < fraction × budget`.
pub fn at_risk_secs(budget_secs: i64, fraction: f64) -> i64 {
    let fraction = if fraction.is_finite() { fraction.clamp(0.0, 1.0) } else { DEFAULT_AT_RISK_FRACTION };
    (budget_secs as f64 * fraction).ceil() as i64
}

/// The state of a running clock (not paused, not stopped) at `t`.
pub(crate) fn running_state(t: i64, due: i64, remaining: i64, at_risk: i64) -> SlaState {
    if t > due {
        SlaState::Breached
    } else if remaining < at_risk {
        SlaState::AtRisk
    } else {
        SlaState::OnTrack
    }
}

/// Where a clock stands for the server's bookkeeping: running towards its
/// deadline, waiting, or stopped in time or late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockPhase {
    Running,
    Paused,
    Met,
    /// Stopped after its deadline.
    Breached,
}

impl ClockPhase {
    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ClockPhase::Running => "running",
            ClockPhase::Paused => "paused",
            ClockPhase::Met => "met",
            ClockPhase::Breached => "breached",
        }
    }
}

/// What the server stores of a clock after every change, so that it can
/// ask "what breaches in the next hour" without recomputing every ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub kind: ClockKind,
    pub phase: ClockPhase,
    /// The deadline; `None` while paused with budget left (it depends on
    /// when the wait ends).
    pub due: Option<DateTime<Utc>>,
    /// From this instant on, no more than the at-risk share of the budget
    /// is left. Only for a running clock with an at-risk share.
    pub at_risk: Option<DateTime<Utc>>,
    /// When a stopped clock (met or breached) stopped: the first response,
    /// or the release the ticket is in.
    pub stopped: Option<DateTime<Utc>>,
    /// The working seconds a stopped clock used; over `budget_secs` when
    /// it stopped late. What reports read for response times and lateness.
    pub used_secs: Option<i64>,
    /// The whole budget in working seconds.
    pub budget_secs: i64,
}

impl Milestone {
    /// The instant this clock's outcome was decided, if it was by `now`:
    /// met when it stopped in time; breached at its deadline, whether it
    /// stopped later or still runs or waits. Reports count each clock in
    /// the month of this instant, so a clock is counted once, and a breach
    /// as soon as it is certain.
    pub fn decided_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.phase {
            ClockPhase::Met => self.stopped,
            ClockPhase::Breached => self.due,
            ClockPhase::Running | ClockPhase::Paused => self.due.filter(|&due| due <= now),
        }
    }
}

/// A clock read at `t`, with what a countdown needs besides.
struct Reading {
    reading: ClockReading,
    source_due: i64,
    running: bool,
    stopped_at: Option<i64>,
}

impl<'a> SlaClock<'a> {
    pub fn new(calendar: &'a BusinessCalendar, received_at: DateTime<Utc>, targets: Targets) -> SlaClock<'a> {
        SlaClock {
            calendar,
            received_at,
            targets,
            pauses: PauseLedger::new(),
            first_response_at: None,
            releases: Vec::new(),
            at_risk_fraction: DEFAULT_AT_RISK_FRACTION,
            agreed: None,
        }
    }

    /// Counts the resolution clock to the deadline a client agreed to when
    /// that gives more time than its target: [`SlaClock::agreed_budget`]
    /// of it as the ticket stood at the agreement. A level change that
    /// gives more time than the agreement wins; none ever shortens it.
    pub fn with_agreed_resolution(mut self, agreed: Option<AgreedDeadline>) -> Self {
        self.agreed = agreed;
        self
    }

    /// What a resolution deadline `until` agreed at `at` is worth, on what
    /// the clock counts (the target's calendar, or every second): the
    /// working seconds from receipt to `until` with the pauses and release
    /// periods known at `at` skipped (a wait still open then counted as
    /// ending then). Counting to that budget the clock is due at `until`,
    /// or at the last working instant before it; a later wait for the
    /// client moves it on, as every wait does. `None` without a resolution
    /// target.
    pub fn agreed_budget(&self, until: DateTime<Utc>, at: DateTime<Utc>) -> Option<i64> {
        let budget = self.targets.resolution?;
        let source = Source::for_budget(self.calendar, budget);
        let excl = self.exclusions_at(ClockKind::Resolution, at.timestamp());
        Some(counting::count(&source, self.received_at.timestamp(), until.timestamp(), &excl))
    }

    /// The working seconds of the agreed deadline when it gives more time
    /// than the resolution target's `target_secs`; `None` when the target
    /// governs (no agreement, or one worth less). The one place that
    /// decides which of the two the resolution clock counts to.
    fn agreement_over(&self, target_secs: i64) -> Option<i64> {
        let agreed = self.agreed?;
        self.agreed_budget(agreed.until, agreed.agreed_at).filter(|&worth| worth > target_secs)
    }

    /// Whether the resolution clock counts to a deadline the client agreed
    /// to rather than to its target (the page says so).
    pub fn agreement_governs(&self) -> Result<bool, SlaError> {
        let Some(budget) = self.targets.resolution else { return Ok(false) };
        let target = budget_secs_at(self.calendar, self.received_at.timestamp(), budget)?;
        Ok(self.agreement_over(target).is_some())
    }

    /// The resolution deadline and budget (working seconds) as `now` knows
    /// them, a wait still open counted as ending now (so a paused clock has
    /// a deadline too); `None` without a resolution target. What a
    /// proposed deadline must come after and add to.
    pub fn resolution_due(&self, now: DateTime<Utc>) -> Result<Option<(DateTime<Utc>, i64)>, SlaError> {
        let Some(budget) = self.targets.resolution else { return Ok(None) };
        let r = self.read(ClockKind::Resolution, budget, now.timestamp())?;
        Ok(Some((instant(r.source_due), r.reading.budget_secs)))
    }

    pub fn with_pauses(mut self, pauses: PauseLedger) -> Self {
        self.pauses = pauses;
        self
    }

    pub fn with_first_response(mut self, at: Option<DateTime<Utc>>) -> Self {
        self.first_response_at = at;
        self
    }

    /// Releases in time order; each must come after the previous reopening,
    /// and only the last may still be open (not reopened).
    pub fn with_releases(mut self, mut releases: Vec<Release>) -> Result<Self, SlaError> {
        releases.sort_by_key(|r| r.released_at);
        let mut free_from: Option<DateTime<Utc>> = None;
        for (i, r) in releases.iter().enumerate() {
            let out_of_order = free_from.is_some_and(|t| r.released_at < t)
                || r.reopened_at.is_some_and(|o| o < r.released_at)
                || (r.reopened_at.is_none() && i + 1 < releases.len());
            if out_of_order {
                return Err(SlaError::ReleaseOrder { at: r.released_at });
            }
            free_from = r.reopened_at;
        }
        self.releases = releases;
        Ok(self)
    }

    pub fn with_at_risk_fraction(mut self, fraction: f64) -> Self {
        self.at_risk_fraction = fraction;
        self
    }

    pub fn targets(&self) -> Targets {
        self.targets
    }

    /// Both clocks at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> Result<ClockStatus, SlaError> {
        let read = |kind, budget: Option<Budget>| {
            budget.map(|b| self.read(kind, b, now.timestamp()).map(|r| r.reading)).transpose()
        };
        Ok(ClockStatus {
            reaction: read(ClockKind::Reaction, self.targets.reaction)?,
            resolution: read(ClockKind::Resolution, self.targets.resolution)?,
        })
    }

    /// The clock the card shows: reaction until the first response, then
    /// resolution (reaction, met or breached, if there is no resolution
    /// target); `None` if neither has a target.
    pub fn active_kind(&self, now: DateTime<Utc>) -> Option<ClockKind> {
        let responded = self.first_response_at.is_some_and(|f| f.timestamp() <= now.timestamp());
        match (self.targets.reaction, self.targets.resolution) {
            (Some(_), None) => Some(ClockKind::Reaction),
            (Some(_), Some(_)) if !responded => Some(ClockKind::Reaction),
            (_, Some(_)) => Some(ClockKind::Resolution),
            (None, None) => None,
        }
    }

    /// The card's badge data at `now`: the active clock with the working
    /// time of `[now, max(now, due) + horizon]`, so the browser can count
    /// down with [`Countdown::at`] and agree with [`SlaClock::status`] to
    /// the second anywhere in that range.
    pub fn countdown(&self, now: DateTime<Utc>, horizon: Duration) -> Result<Option<Countdown>, SlaError> {
        match self.active_kind(now) {
            Some(kind) => self.countdown_of(kind, now, horizon),
            None => Ok(None),
        }
    }

    /// [`SlaClock::countdown`] of clock `kind`, active or not: the ticket
    /// page ticks both clocks with the badge's code and the one page clock,
    /// so the two never disagree (issue 17). `None` without a target.
    pub fn countdown_of(
        &self,
        kind: ClockKind,
        now: DateTime<Utc>,
        horizon: Duration,
    ) -> Result<Option<Countdown>, SlaError> {
        let budget = match kind {
            ClockKind::Reaction => self.targets.reaction,
            ClockKind::Resolution => self.targets.resolution,
        };
        let Some(budget) = budget else {
            return Ok(None);
        };
        let t = now.timestamp();
        let r = self.read(kind, budget, t)?;
        let (frozen, timeline) = if r.running {
            let until = t.max(r.source_due).saturating_add(horizon.num_seconds().max(0));
            let source = Source::for_budget(self.calendar, budget);
            (None, WorkingTimeline::from_source(&source, t, until, &[]))
        } else {
            (Some(r.reading.state), WorkingTimeline { from: t, until: t, intervals: Vec::new() })
        };
        Ok(Some(Countdown {
            kind,
            due: instant(r.source_due),
            budget_secs: r.reading.budget_secs,
            at_risk_fraction: self.at_risk_fraction,
            at_risk_secs: r.reading.at_risk_secs,
            snapshot_at: t,
            remaining_secs: r.reading.remaining_secs,
            frozen,
            timeline,
        }))
    }

    /// Both clocks' milestones as of `now`: valid until the next change of
    /// the ticket (a new pause, a response, a release, other targets), after
    /// which they are computed again.
    pub fn milestones(&self, now: DateTime<Utc>) -> Result<Vec<Milestone>, SlaError> {
        let t = now.timestamp();
        let mut milestones = Vec::with_capacity(2);
        for (kind, budget) in
            [(ClockKind::Reaction, self.targets.reaction), (ClockKind::Resolution, self.targets.resolution)]
        {
            let Some(budget) = budget else { continue };
            let r = self.read(kind, budget, t)?;
            let stopped = r.stopped_at.map(instant);
            let used_secs = stopped.map(|_| r.reading.budget_secs - r.reading.remaining_secs);
            let budget_secs = r.reading.budget_secs;
            let still = |phase: ClockPhase| Milestone {
                kind,
                phase,
                due: r.reading.due,
                at_risk: None,
                stopped,
                used_secs,
                budget_secs,
            };
            let milestone = match r.reading.state {
                SlaState::Met => still(ClockPhase::Met),
                SlaState::Paused { .. } => still(ClockPhase::Paused),
                _ if !r.running => still(ClockPhase::Breached),
                _ => {
                    let at_risk = if r.reading.at_risk_secs > 0 {
                        let source = Source::for_budget(self.calendar, budget);
                        let start = self.received_at.timestamp();
                        let excl = self.exclusions_at(kind, t);
                        let used = r.reading.budget_secs - r.reading.at_risk_secs;
                        let limit = start.max(t).saturating_add(SEARCH_HORIZON);
                        let at =
                            counting::advance(&source, start, used, &excl, limit).ok_or(SlaError::TooFar)?;
                        Some(instant(at))
                    } else {
                        None
                    };
                    Milestone { due: Some(instant(r.source_due)), at_risk, ..still(ClockPhase::Running) }
                }
            };
            milestones.push(milestone);
        }
        Ok(milestones)
    }

    /// Pauses, and for resolution release periods, known at `t`: spans
    /// starting later are unknown yet, spans still open end at `t`.
    fn exclusions_at(&self, kind: ClockKind, t: i64) -> Vec<(i64, i64)> {
        let pauses = self.pauses.pauses().iter().map(|p| (p.from, p.to));
        let releases = self.releases.iter().map(|r| (r.released_at, r.reopened_at));
        let all: Vec<(i64, i64)> = match kind {
            ClockKind::Reaction => pauses.map(|s| clip(s, t)).collect(),
            ClockKind::Resolution => pauses.chain(releases).map(|s| clip(s, t)).collect(),
        };
        merge_spans(all)
    }

    fn read(&self, kind: ClockKind, budget: Budget, now: i64) -> Result<Reading, SlaError> {
        let start = self.received_at.timestamp();
        let mut budget_secs = budget_secs_at(self.calendar, start, budget)?;
        if kind == ClockKind::Resolution {
            budget_secs = self.agreement_over(budget_secs).unwrap_or(budget_secs);
        }
        let source = Source::for_budget(self.calendar, budget);
        let at_risk = at_risk_secs(budget_secs, self.at_risk_fraction);
        let stopped_at = match kind {
            ClockKind::Reaction => self.first_response_at.map(|f| f.timestamp()).filter(|&f| f <= now),
            ClockKind::Resolution => self
                .releases
                .iter()
                .find(|r| {
                    r.released_at.timestamp() <= now && r.reopened_at.is_none_or(|o| now < o.timestamp())
                })
                .map(|r| r.released_at.timestamp()),
        };
        let t = stopped_at.unwrap_or(now);
        let excl = self.exclusions_at(kind, t);
        let remaining = budget_secs - counting::count(&source, start, t, &excl);
        let limit = start.max(t).saturating_add(SEARCH_HORIZON);
        let due = counting::advance(&source, start, budget_secs, &excl, limit).ok_or(SlaError::TooFar)?;
        let paused = self.pauses.reason_at_secs(t).filter(|_| stopped_at.is_none());
        let mut reading = ClockReading {
            kind,
            due: Some(instant(due)),
            state: SlaState::OnTrack,
            remaining_secs: remaining,
            resumes_at: None,
            budget_secs,
            at_risk_secs: at_risk,
        };
        let running = stopped_at.is_none() && paused.is_none();
        if let Some(stop) = stopped_at {
            reading.state = if stop <= due { SlaState::Met } else { SlaState::Breached };
        } else if let Some(reason) = paused {
            reading.state = SlaState::Paused { reason };
            // Before the budget ran out, the deadline waits for the pause to end.
            let paused_since = self.pauses.spans().iter().find(|s| s.0 <= t && t < s.1).map_or(t, |s| s.0);
            if due > paused_since {
                reading.due = None;
            }
        } else {
            reading.state = running_state(now, due, remaining, at_risk);
            let next =
                counting::first_counting_instant(&source, now, &excl, now.saturating_add(SEARCH_HORIZON));
            reading.resumes_at = next.filter(|&n| n > now).map(instant);
        }
        Ok(Reading { reading, source_due: due, running, stopped_at })
    }
}

/// A span as unix seconds, cut off at `t`.
fn clip((from, to): (DateTime<Utc>, Option<DateTime<Utc>>), t: i64) -> (i64, i64) {
    let from = from.timestamp();
    (from, to.map_or(t, |to| to.timestamp().min(t)).max(from.min(t)))
}

#[cfg(test)]
mod tests {
    use super::super::calendar::CalendarPreset;
    use super::super::pause::Pause;
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn moscow() -> BusinessCalendar {
        BusinessCalendar::preset(CalendarPreset::MoscowNineToSix)
    }

    fn targets(reaction: Option<Budget>, resolution: Option<Budget>) -> Targets {
        Targets { reaction, resolution }
    }

    const MON_9: &str = "2026-03-02T09:00:00+03:00";

    #[test]
    fn a_running_clock_goes_from_on_track_to_at_risk_to_breached() {
        let cal = moscow();
        let clock = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None));
        let at = |t: &str| clock.status(utc(t)).unwrap().reaction.unwrap();
        let r = at("2026-03-02T10:00:00+03:00");
        assert_eq!((r.state, r.remaining_secs, r.budget_secs), (SlaState::OnTrack, 3 * 3600, 4 * 3600));
        assert_eq!(r.due, Some(utc("2026-03-02T13:00:00+03:00")));
        assert_eq!(
            at("2026-03-02T12:00:00+03:00").state,
            SlaState::OnTrack,
            "exactly 25 % left is not yet at risk"
        );
        assert_eq!(at("2026-03-02T12:00:01+03:00").state, SlaState::AtRisk);
        assert_eq!(at("2026-03-02T13:00:00+03:00").state, SlaState::AtRisk, "due at that instant");
        let late = at("2026-03-02T14:30:00+03:00");
        assert_eq!((late.state, late.remaining_secs), (SlaState::Breached, -5400));
        assert!(clock.status(utc(MON_9)).unwrap().resolution.is_none());
    }

    #[test]
    fn outside_working_hours_it_stands_still_and_says_when_it_resumes() {
        let cal = moscow();
        let clock =
            SlaClock::new(&cal, utc("2026-03-06T17:00:00+03:00"), targets(Some(Budget::Hours(12)), None));
        let r = clock.status(utc("2026-03-07T12:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!(r.remaining_secs, 11 * 3600);
        assert_eq!(r.resumes_at, Some(utc("2026-03-09T09:00:00+03:00")));
        // Fri 1 h + Mon 9 h + Tue 2 h: due Tuesday 11:00; by 19:00 seven working hours overdue.
        let r = clock.status(utc("2026-03-10T19:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!(r.due, Some(utc("2026-03-10T11:00:00+03:00")));
        assert_eq!((r.state, r.remaining_secs), (SlaState::Breached, -7 * 3600));
        let r = clock.status(utc("2026-03-09T12:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!(r.resumes_at, None);
    }

    #[test]
    fn a_pause_freezes_the_remaining_time_and_hides_the_deadline() {
        let cal = moscow();
        let mut ledger = PauseLedger::new();
        ledger.pause(utc("2026-03-02T11:00:00+03:00"), WaitingReason::ClientInfo).unwrap();
        let clock = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None))
            .with_pauses(ledger.clone());
        for t in ["2026-03-02T12:00:00+03:00", "2026-03-05T12:00:00+03:00"] {
            let r = clock.status(utc(t)).unwrap().reaction.unwrap();
            assert_eq!(r.state, SlaState::Paused { reason: WaitingReason::ClientInfo });
            assert_eq!((r.remaining_secs, r.due, r.resumes_at), (2 * 3600, None, None));
        }
        // Resumed Thursday 12:00: two hours left, due 14:00.
        ledger.resume(utc("2026-03-05T12:00:00+03:00")).unwrap();
        let clock =
            SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None)).with_pauses(ledger);
        let r = clock.status(utc("2026-03-05T12:30:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!((r.state, r.remaining_secs), (SlaState::OnTrack, 5400));
        assert_eq!(r.due, Some(utc("2026-03-05T14:00:00+03:00")));
        // Historical reads still see the pause.
        let r = clock.status(utc("2026-03-03T10:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!(r.state, SlaState::Paused { reason: WaitingReason::ClientInfo });
    }

    #[test]
    fn a_pause_after_the_breach_keeps_the_deadline() {
        let cal = moscow();
        let mut ledger = PauseLedger::new();
        ledger.pause(utc("2026-03-02T15:00:00+03:00"), WaitingReason::Payment).unwrap();
        let clock =
            SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None)).with_pauses(ledger);
        let r = clock.status(utc("2026-03-03T15:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!(r.state, SlaState::Paused { reason: WaitingReason::Payment });
        assert_eq!((r.due, r.remaining_secs), (Some(utc("2026-03-02T13:00:00+03:00")), -2 * 3600));
    }

    #[test]
    fn reaction_stops_at_the_first_response() {
        let cal = moscow();
        let t = targets(Some(Budget::Hours(2)), Some(Budget::Hours(16)));
        let on_time =
            SlaClock::new(&cal, utc(MON_9), t).with_first_response(Some(utc("2026-03-02T10:30:00+03:00")));
        let s = on_time.status(utc("2026-03-04T10:00:00+03:00")).unwrap();
        let r = s.reaction.unwrap();
        assert_eq!((r.state, r.remaining_secs), (SlaState::Met, 1800));
        assert_eq!(s.resolution.unwrap().remaining_secs, 16 * 3600 - 19 * 3600);
        let late =
            SlaClock::new(&cal, utc(MON_9), t).with_first_response(Some(utc("2026-03-02T19:00:00+03:00")));
        let r = late.status(utc("2026-03-04T10:00:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!((r.state, r.remaining_secs), (SlaState::Breached, -7 * 3600));
        assert_eq!(late.active_kind(utc("2026-03-04T10:00:00+03:00")), Some(ClockKind::Resolution));
        assert_eq!(late.active_kind(utc("2026-03-02T18:00:00+03:00")), Some(ClockKind::Reaction));
    }

    #[test]
    fn resolution_stops_at_release_and_resumes_on_reopen_with_the_time_used() {
        let cal = moscow();
        let t = targets(None, Some(Budget::Hours(16)));
        let released = Release { released_at: utc("2026-03-02T15:00:00+03:00"), reopened_at: None };
        let clock = SlaClock::new(&cal, utc(MON_9), t).with_releases(vec![released]).unwrap();
        let r = clock.status(utc("2026-03-05T12:00:00+03:00")).unwrap().resolution.unwrap();
        assert_eq!((r.state, r.remaining_secs), (SlaState::Met, 10 * 3600));
        let reopened = Release { reopened_at: Some(utc("2026-03-04T09:00:00+03:00")), ..released };
        let clock = SlaClock::new(&cal, utc(MON_9), t).with_releases(vec![reopened]).unwrap();
        let r = clock.status(utc("2026-03-04T12:00:00+03:00")).unwrap().resolution.unwrap();
        assert_eq!((r.state, r.remaining_secs), (SlaState::OnTrack, 7 * 3600));
        // 6 h Monday, 3 h Wednesday … 7 h left at Wednesday 12:00 → Thursday 10:00.
        assert_eq!(r.due, Some(utc("2026-03-05T10:00:00+03:00")));
        assert!(matches!(
            SlaClock::new(&cal, utc(MON_9), t).with_releases(vec![released, reopened]),
            Err(SlaError::ReleaseOrder { .. })
        ));
    }

    #[test]
    fn a_priority_change_recomputes_from_received_at_with_the_same_ledger() {
        let cal = moscow();
        let ledger = PauseLedger::from_pauses(vec![Pause {
            from: utc("2026-03-02T10:00:00+03:00"),
            to: Some(utc("2026-03-02T11:00:00+03:00")),
            reason: WaitingReason::ClientInfo,
        }])
        .unwrap();
        let before = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(8)), None))
            .with_pauses(ledger.clone());
        let after =
            SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None)).with_pauses(ledger);
        let now = utc("2026-03-02T12:00:00+03:00");
        assert_eq!(before.status(now).unwrap().reaction.unwrap().due, Some(utc("2026-03-02T18:00:00+03:00")));
        assert_eq!(after.status(now).unwrap().reaction.unwrap().due, Some(utc("2026-03-02T14:00:00+03:00")));
        assert_eq!(after.status(now).unwrap().reaction.unwrap().remaining_secs, 2 * 3600);
    }

    #[test]
    fn the_at_risk_threshold_is_configurable() {
        let cal = moscow();
        let clock = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(10)), None))
            .with_at_risk_fraction(0.5);
        let r = clock.status(utc("2026-03-02T14:30:00+03:00")).unwrap().reaction.unwrap();
        assert_eq!((r.state, r.at_risk_secs), (SlaState::AtRisk, 5 * 3600));
        assert_eq!(at_risk_secs(10, 0.25), 3);
        assert_eq!(at_risk_secs(10, f64::NAN), 3);
    }

    #[test]
    fn each_clocks_countdown_ticks_as_its_status_reads() {
        let cal = moscow();
        let t = targets(Some(Budget::Hours(4)), Some(Budget::Hours(16)));
        let clock = SlaClock::new(&cal, utc(MON_9), t);
        let snapshot = utc("2026-03-02T10:00:00+03:00");
        let later = utc("2026-03-02T11:30:07+03:00");
        let status = clock.status(later).unwrap();
        for (kind, reading) in
            [(ClockKind::Reaction, status.reaction), (ClockKind::Resolution, status.resolution)]
        {
            let countdown = clock.countdown_of(kind, snapshot, Duration::days(14)).unwrap().unwrap();
            let view = countdown.at(later);
            let reading = reading.unwrap();
            assert_eq!(
                (view.state, view.remaining_secs),
                (reading.state, reading.remaining_secs),
                "{kind:?}"
            );
        }
        assert_eq!(
            clock.countdown(snapshot, Duration::days(14)).unwrap().map(|c| c.kind),
            Some(ClockKind::Reaction)
        );
        let none = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None));
        assert_eq!(none.countdown_of(ClockKind::Resolution, snapshot, Duration::days(1)).unwrap(), None);
    }

    #[test]
    fn no_targets_no_countdown() {
        let cal = moscow();
        let clock = SlaClock::new(&cal, utc(MON_9), Targets::default());
        assert_eq!(clock.countdown(utc(MON_9), Duration::hours(1)).unwrap(), None);
        assert_eq!(clock.active_kind(utc(MON_9)), None);
    }

    #[test]
    fn milestones_follow_the_clock_through_waits_responses_and_releases() {
        let cal = moscow();
        let received = utc(MON_9);
        let t = targets(Some(Budget::Hours(4)), Some(Budget::Hours(16)));
        let clock = SlaClock::new(&cal, received, t).with_at_risk_fraction(0.25);
        let m = clock.milestones(utc("2026-03-02T10:00:00+03:00")).unwrap();
        // Reaction: 4 working hours from 09:00 → 13:00; at risk with 1 h left, at 12:00.
        assert_eq!(
            m[0],
            Milestone {
                kind: ClockKind::Reaction,
                phase: ClockPhase::Running,
                due: Some(utc("2026-03-02T13:00:00+03:00")),
                at_risk: Some(utc("2026-03-02T12:00:00+03:00")),
                stopped: None,
                used_secs: None,
                budget_secs: 4 * 3600,
            }
        );
        assert_eq!(m[0].decided_at(utc("2026-03-02T12:59:59+03:00")), None);
        // Resolution: 16 working hours = two 9-to-6 days minus 2 h → Tue 16:00; at risk from Tue 12:00.
        assert_eq!(m[1].due, Some(utc("2026-03-03T16:00:00+03:00")));
        assert_eq!(m[1].at_risk, Some(utc("2026-03-03T12:00:00+03:00")));
        // Every reading at the at-risk instant agrees with the clock's own state.
        let at_risk = clock.status(utc("2026-03-02T12:00:01+03:00")).unwrap().reaction.unwrap().state;
        assert_eq!(at_risk, SlaState::AtRisk);
        let on_track = clock.status(utc("2026-03-02T11:59:59+03:00")).unwrap().reaction.unwrap().state;
        assert_eq!(on_track, SlaState::OnTrack);

        // A response in time stops reaction: met, nothing more to watch.
        let answered = clock.clone().with_first_response(Some(utc("2026-03-02T11:00:00+03:00")));
        let m = answered.milestones(utc("2026-03-02T14:00:00+03:00")).unwrap();
        assert_eq!((m[0].phase, m[0].at_risk), (ClockPhase::Met, None));
        // Two working hours used; decided when the response came.
        assert_eq!((m[0].stopped, m[0].used_secs), (Some(utc("2026-03-02T11:00:00+03:00")), Some(2 * 3600)));
        assert_eq!(m[0].decided_at(utc("2026-03-02T14:00:00+03:00")), Some(utc("2026-03-02T11:00:00+03:00")));
        assert_eq!(m[1].phase, ClockPhase::Running);
        // A late one: breached, stopped.
        let late = clock.clone().with_first_response(Some(utc("2026-03-02T15:00:00+03:00")));
        let m = late.milestones(utc("2026-03-02T16:00:00+03:00")).unwrap();
        assert_eq!(m[0].phase, ClockPhase::Breached);
        // Six working hours used of four: two late; decided at the deadline.
        assert_eq!(m[0].used_secs, Some(6 * 3600));
        assert_eq!(m[0].decided_at(utc("2026-03-02T16:00:00+03:00")), Some(utc("2026-03-02T13:00:00+03:00")));
        // Still unanswered past the deadline: breached as of the deadline.
        let m = clock.milestones(utc("2026-03-02T13:30:00+03:00")).unwrap();
        assert_eq!(m[0].phase, ClockPhase::Running);
        assert_eq!(m[0].decided_at(utc("2026-03-02T13:30:00+03:00")), Some(utc("2026-03-02T13:00:00+03:00")));

        // A wait with budget left: no deadline until it ends.
        let mut ledger = PauseLedger::new();
        ledger.pause(utc("2026-03-02T10:00:00+03:00"), WaitingReason::ClientInfo).unwrap();
        let waiting = clock.clone().with_pauses(ledger.clone());
        let m = waiting.milestones(utc("2026-03-02T11:00:00+03:00")).unwrap();
        assert_eq!((m[0].phase, m[0].due, m[0].at_risk), (ClockPhase::Paused, None, None));
        // Ended after an hour: everything moves an hour later.
        ledger.resume(utc("2026-03-02T11:00:00+03:00")).unwrap();
        let resumed = clock.clone().with_pauses(ledger);
        let m = resumed.milestones(utc("2026-03-02T11:00:00+03:00")).unwrap();
        assert_eq!(m[0].due, Some(utc("2026-03-02T14:00:00+03:00")));
        assert_eq!(m[0].at_risk, Some(utc("2026-03-02T13:00:00+03:00")));

        // Without an at-risk share there is no at-risk instant.
        let none = SlaClock::new(&cal, received, t).with_at_risk_fraction(0.0);
        assert!(none.milestones(received).unwrap().iter().all(|m| m.at_risk.is_none()));
        // Without targets, no milestones.
        assert!(SlaClock::new(&cal, received, targets(None, None)).milestones(received).unwrap().is_empty());
        assert_eq!(ClockPhase::Running.code(), "running");
        assert_eq!(ClockPhase::Breached.code(), "breached");
    }

    #[test]
    fn an_agreed_deadline_becomes_the_resolution_budget_and_later_waits_still_stop_it() {
        let cal = moscow();
        // Eight working hours: due Monday 17:00.
        let clock = SlaClock::new(&cal, utc(MON_9), targets(None, Some(Budget::Hours(8))));
        let now = utc("2026-03-02T10:00:00+03:00");
        let wed_noon = utc("2026-03-04T12:00:00+03:00");
        let (current, budget) = clock.resolution_due(now).unwrap().unwrap();
        assert_eq!((current, budget), (utc("2026-03-02T17:00:00+03:00"), 8 * 3600));
        let secs = clock.agreed_budget(wed_noon, now).unwrap();
        assert_eq!(secs, (9 + 9 + 3) * 3600, "Monday, Tuesday and three hours of Wednesday");
        let agreed =
            clock.clone().with_agreed_resolution(Some(AgreedDeadline { until: wed_noon, agreed_at: now }));
        let r = agreed.status(now).unwrap().resolution.unwrap();
        assert_eq!((r.due, r.budget_secs), (Some(wed_noon), secs));
        assert_eq!(agreed.countdown(now, Duration::days(1)).unwrap().unwrap().due, wed_noon);
        assert_eq!(agreed.resolution_due(now).unwrap(), Some((wed_noon, secs)));
        assert!(agreed.agreement_governs().unwrap() && !clock.agreement_governs().unwrap());
        // A wait for the client on Tuesday morning, after the agreement.
        let ledger = PauseLedger::from_pauses(vec![Pause {
            from: utc("2026-03-03T09:00:00+03:00"),
            to: Some(utc("2026-03-03T12:00:00+03:00")),
            reason: WaitingReason::ClientInfo,
        }])
        .unwrap();
        let waited = agreed.clone().with_pauses(ledger);
        let later = utc("2026-03-03T13:00:00+03:00");
        assert_eq!(
            waited.status(later).unwrap().resolution.unwrap().due,
            Some(utc("2026-03-04T15:00:00+03:00"))
        );
        // An agreement worth less than the target changes nothing.
        let early = AgreedDeadline { until: utc("2026-03-02T11:00:00+03:00"), agreed_at: now };
        let short = clock.clone().with_agreed_resolution(Some(early));
        assert_eq!(short.status(now).unwrap().resolution.unwrap().budget_secs, 8 * 3600);
        assert!(!short.agreement_governs().unwrap(), "the target governs");
        // A deadline outside working time is worth the working time before it.
        let evening = utc("2026-03-03T21:00:00+03:00");
        assert_eq!(clock.agreed_budget(evening, now), Some(18 * 3600));
        // Another target later (a round-the-clock one): the agreement is
        // counted in its terms, not as the old clock's seconds.
        let always = SlaClock::new(&cal, utc(MON_9), targets(None, Some(Budget::CalendarHours(8))))
            .with_agreed_resolution(Some(AgreedDeadline { until: wed_noon, agreed_at: now }));
        assert_eq!(always.status(now).unwrap().resolution.unwrap().due, Some(wed_noon));
        // The reaction clock is not touched; no resolution target, nothing to agree.
        let reaction = SlaClock::new(&cal, utc(MON_9), targets(Some(Budget::Hours(4)), None));
        assert_eq!(reaction.agreed_budget(wed_noon, now), None);
        assert_eq!(reaction.resolution_due(now).unwrap(), None);
        let both = reaction.with_agreed_resolution(Some(AgreedDeadline { until: wed_noon, agreed_at: now }));
        assert_eq!(both.status(now).unwrap().reaction.unwrap().budget_secs, 4 * 3600);
    }
}
