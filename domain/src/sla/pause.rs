//! The pause ledger: when a ticket waited for the client, and why. It is
//! kept apart from the targets, so it survives priority and policy changes.

use super::counting::merge_spans;
use crate::ticket::WaitingReason;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One wait: `[from, to)`, or open-ended while still waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    pub from: DateTime<Utc>,
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    pub reason: WaitingReason,
}

/// Why a ledger change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PauseError {
    #[error("a pause cannot end ({to}) before it starts ({from})")]
    EndsBeforeStart { from: DateTime<Utc>, to: DateTime<Utc> },
    #[error("the clock is already paused since {since}")]
    AlreadyPaused { since: DateTime<Utc> },
    #[error("the clock is not paused")]
    NotPaused,
    #[error("only the latest pause may still be open; the one from {from} is open but not the latest")]
    OpenNotLast { from: DateTime<Utc> },
    #[error("a new pause ({from}) cannot start before the latest recorded one ({latest})")]
    OutOfOrder { from: DateTime<Utc>, latest: DateTime<Utc> },
}

/// Pauses sorted by start; overlapping ones count once. At most one is
/// open, and it is the latest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Pause>", into = "Vec<Pause>")]
pub struct PauseLedger {
    pauses: Vec<Pause>,
    /// Merged `[from, to)` unix seconds; an open pause ends at `i64::MAX`.
    spans: Vec<(i64, i64)>,
}

impl PauseLedger {
    pub fn new() -> PauseLedger {
        PauseLedger::default()
    }

    /// A ledger of recorded pauses, in any order.
    pub fn from_pauses(mut pauses: Vec<Pause>) -> Result<PauseLedger, PauseError> {
        pauses.sort_by_key(|p| p.from);
        for p in &pauses {
            if let Some(to) = p.to {
                if to < p.from {
                    return Err(PauseError::EndsBeforeStart { from: p.from, to });
                }
            }
        }
        if let Some(open) = pauses.iter().rev().skip(1).find(|p| p.to.is_none()) {
            return Err(PauseError::OpenNotLast { from: open.from });
        }
        let mut ledger = PauseLedger { pauses, spans: Vec::new() };
        ledger.respan();
        Ok(ledger)
    }

    fn respan(&mut self) {
        self.spans = merge_spans(
            self.pauses
                .iter()
                .map(|p| (p.from.timestamp(), p.to.map_or(i64::MAX, |t| t.timestamp())))
                .collect(),
        );
    }

    /// Starts waiting at `at`.
    pub fn pause(&mut self, at: DateTime<Utc>, reason: WaitingReason) -> Result<(), PauseError> {
        if let Some(open) = self.open_pause() {
            return Err(PauseError::AlreadyPaused { since: open.from });
        }
        if let Some(latest) = self.pauses.last() {
            if at < latest.from {
                return Err(PauseError::OutOfOrder { from: at, latest: latest.from });
            }
        }
        self.pauses.push(Pause { from: at, to: None, reason });
        self.respan();
        Ok(())
    }

    /// Ends the open pause at `at`.
    pub fn resume(&mut self, at: DateTime<Utc>) -> Result<(), PauseError> {
        let open = self.pauses.last_mut().filter(|p| p.to.is_none()).ok_or(PauseError::NotPaused)?;
        if at < open.from {
            return Err(PauseError::EndsBeforeStart { from: open.from, to: at });
        }
        open.to = Some(at);
        self.respan();
        Ok(())
    }

    pub fn pauses(&self) -> &[Pause] {
        &self.pauses
    }

    pub fn is_empty(&self) -> bool {
        self.pauses.is_empty()
    }

    /// The pause still running, if any.
    pub fn open_pause(&self) -> Option<&Pause> {
        self.pauses.last().filter(|p| p.to.is_none())
    }

    /// Why the clock stands still at `t`, if it does (the latest-starting
    /// pause covering `t`).
    pub fn reason_at(&self, t: DateTime<Utc>) -> Option<WaitingReason> {
        self.reason_at_secs(t.timestamp())
    }

    /// [`PauseLedger::reason_at`] in whole seconds, as the counting sees the ledger.
    pub(crate) fn reason_at_secs(&self, t: i64) -> Option<WaitingReason> {
        self.pauses
            .iter()
            .rev()
            .find(|p| p.from.timestamp() <= t && p.to.is_none_or(|to| t < to.timestamp()))
            .map(|p| p.reason)
    }

    /// Merged paused spans in unix seconds, an open one ending at `i64::MAX`:
    /// the exclusions the counting functions take.
    pub fn spans(&self) -> &[(i64, i64)] {
        &self.spans
    }

    /// The spans of the closed pauses only.
    pub(crate) fn closed_spans(&self) -> Vec<(i64, i64)> {
        merge_spans(
            self.pauses.iter().filter_map(|p| p.to.map(|to| (p.from.timestamp(), to.timestamp()))).collect(),
        )
    }
}

impl TryFrom<Vec<Pause>> for PauseLedger {
    type Error = PauseError;

    fn try_from(pauses: Vec<Pause>) -> Result<Self, Self::Error> {
        PauseLedger::from_pauses(pauses)
    }
}

impl From<PauseLedger> for Vec<Pause> {
    fn from(ledger: PauseLedger) -> Self {
        ledger.pauses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn closed(from: &str, to: &str) -> Pause {
        Pause { from: utc(from), to: Some(utc(to)), reason: WaitingReason::ClientInfo }
    }

    #[test]
    fn overlapping_pauses_merge() {
        let ledger = PauseLedger::from_pauses(vec![
            closed("2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z"),
            closed("2026-03-02T08:00:00Z", "2026-03-02T11:00:00Z"),
            closed("2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"),
        ])
        .unwrap();
        let s = |t: &str| utc(t).timestamp();
        assert_eq!(
            ledger.spans(),
            &[
                (s("2026-03-02T08:00:00Z"), s("2026-03-02T12:00:00Z")),
                (s("2026-03-03T08:00:00Z"), s("2026-03-03T09:00:00Z"))
            ]
        );
        assert_eq!(ledger.pauses()[0].from, utc("2026-03-02T08:00:00Z"), "kept sorted by start");
    }

    #[test]
    fn a_pause_may_end_the_second_it_starts_and_the_next_start_then() {
        let at = utc("2026-03-02T10:00:00Z");
        let ledger = PauseLedger::from_pauses(vec![closed("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z")]);
        assert!(ledger.is_ok(), "an empty pause is a pause that ended at once");
        let mut ledger = PauseLedger::new();
        ledger.pause(at, WaitingReason::Payment).unwrap();
        ledger.resume(at).unwrap();
        // A wait started again in the same second, after the first ended.
        assert_eq!(ledger.pause(at, WaitingReason::ClientInfo), Ok(()));
        assert_eq!(ledger.open_pause().map(|p| p.reason), Some(WaitingReason::ClientInfo));
    }

    #[test]
    fn a_ledger_is_empty_until_its_first_pause() {
        let mut ledger = PauseLedger::new();
        assert!(ledger.is_empty());
        ledger.pause(utc("2026-03-02T10:00:00Z"), WaitingReason::Payment).unwrap();
        assert!(!ledger.is_empty());
        ledger.resume(utc("2026-03-02T11:00:00Z")).unwrap();
        assert!(!ledger.is_empty(), "a closed pause is still recorded");
    }

    #[test]
    fn closed_spans_leave_out_the_open_pause_and_merge_the_rest() {
        let mut ledger = PauseLedger::from_pauses(vec![
            closed("2026-03-02T08:00:00Z", "2026-03-02T11:00:00Z"),
            closed("2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z"),
        ])
        .unwrap();
        ledger.pause(utc("2026-03-03T09:00:00Z"), WaitingReason::ClientInfo).unwrap();
        let s = |t: &str| utc(t).timestamp();
        assert_eq!(ledger.closed_spans(), vec![(s("2026-03-02T08:00:00Z"), s("2026-03-02T12:00:00Z"))]);
        assert_eq!(ledger.spans().len(), 2, "the open pause is a span of its own");
        assert!(PauseLedger::new().closed_spans().is_empty());
    }

    #[test]
    fn pause_and_resume() {
        let mut ledger = PauseLedger::new();
        ledger.pause(utc("2026-03-02T10:00:00Z"), WaitingReason::Payment).unwrap();
        assert_eq!(ledger.spans(), &[(utc("2026-03-02T10:00:00Z").timestamp(), i64::MAX)]);
        assert_eq!(ledger.reason_at(utc("2027-01-01T00:00:00Z")), Some(WaitingReason::Payment));
        assert_eq!(
            ledger.pause(utc("2026-03-02T11:00:00Z"), WaitingReason::ClientInfo),
            Err(PauseError::AlreadyPaused { since: utc("2026-03-02T10:00:00Z") })
        );
        assert!(matches!(
            ledger.resume(utc("2026-03-02T09:00:00Z")),
            Err(PauseError::EndsBeforeStart { .. })
        ));
        ledger.resume(utc("2026-03-02T12:00:00Z")).unwrap();
        assert_eq!(ledger.open_pause(), None);
        assert_eq!(ledger.reason_at(utc("2026-03-02T12:00:00Z")), None, "the end is exclusive");
        assert_eq!(ledger.resume(utc("2026-03-02T13:00:00Z")), Err(PauseError::NotPaused));
        assert!(matches!(
            ledger.pause(utc("2026-03-01T00:00:00Z"), WaitingReason::ClientInfo),
            Err(PauseError::OutOfOrder { .. })
        ));
    }

    #[test]
    fn only_the_latest_pause_may_be_open() {
        let err = PauseLedger::from_pauses(vec![
            Pause { from: utc("2026-03-02T08:00:00Z"), to: None, reason: WaitingReason::ClientInfo },
            closed("2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"),
        ])
        .unwrap_err();
        assert_eq!(err, PauseError::OpenNotLast { from: utc("2026-03-02T08:00:00Z") });
    }

    #[test]
    fn serde_is_the_list_of_pauses() {
        let json = r#"[{"from":"2026-03-02T08:00:00Z","to":"2026-03-02T09:00:00Z","reason":"client_approval"},{"from":"2026-03-03T08:00:00Z","to":null,"reason":"payment"}]"#;
        let ledger: PauseLedger = serde_json::from_str(json).unwrap();
        assert_eq!(ledger.open_pause().unwrap().reason, WaitingReason::Payment);
        assert_eq!(serde_json::to_string(&ledger).unwrap(), json);
        assert!(serde_json::from_str::<PauseLedger>(
            r#"[{"from":"2026-03-02T08:00:00Z","to":"2026-03-01T09:00:00Z","reason":"payment"}]"#
        )
        .is_err());
    }
}
