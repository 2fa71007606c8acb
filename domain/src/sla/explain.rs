//! Why a deadline is where it is: the working intervals that were counted.

use super::arithmetic::SlaError;
use super::arithmetic::{deadline, instant, Source};
use super::budget::Budget;
use super::calendar::BusinessCalendar;
use super::counting::counted_intervals;
use super::pause::PauseLedger;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A deadline and the intervals behind it. The API's `POST /api/sla/preview`
/// answers `{"due": …, "counted": [[from, to], …]}` from this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub due: DateTime<Utc>,
    /// The working time counted toward the budget, in order.
    pub counted: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// The pauses between the start and the deadline, merged.
    pub paused: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

/// [`deadline`] with its working.
pub fn explain(
    cal: &BusinessCalendar,
    start: DateTime<Utc>,
    budget: Budget,
    pauses: &PauseLedger,
) -> Result<Explanation, SlaError> {
    let due = deadline(cal, start, budget, pauses)?;
    let (a, b) = (start.timestamp(), due.timestamp());
    // A deadline with an open pause exists only if it came before the pause,
    // which then does not matter.
    let excl = if pauses.open_pause().is_some() { pauses.closed_spans() } else { pauses.spans().to_vec() };
    let to_instants =
        |spans: Vec<(i64, i64)>| spans.into_iter().map(|(x, y)| (instant(x), instant(y))).collect();
    let paused: Vec<(i64, i64)> =
        excl.iter().map(|&(x, y)| (x.max(a), y.min(b))).filter(|(x, y)| x < y).collect();
    Ok(Explanation {
        due,
        counted: to_instants(counted_intervals(&Source::for_budget(cal, budget), a, b, &excl)),
        paused: to_instants(paused),
    })
}

#[cfg(test)]
mod tests {
    use super::super::calendar::CalendarPreset;
    use super::super::pause::Pause;
    use super::*;
    use crate::ticket::WaitingReason;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_counted_intervals_add_up_to_the_budget() {
        let cal = BusinessCalendar::preset(CalendarPreset::MoscowNineToSix);
        let pauses = PauseLedger::from_pauses(vec![Pause {
            from: utc("2026-11-23T06:00:00Z"),
            to: Some(utc("2026-11-23T08:00:00Z")),
            reason: WaitingReason::ClientInfo,
        }])
        .unwrap();
        let e = explain(&cal, utc("2026-11-20T17:00:00+03:00"), Budget::Hours(12), &pauses).unwrap();
        assert_eq!(e.due, utc("2026-11-24T10:00:00Z"));
        assert_eq!(
            e.counted,
            vec![
                (utc("2026-11-20T14:00:00Z"), utc("2026-11-20T15:00:00Z")),
                (utc("2026-11-23T08:00:00Z"), utc("2026-11-23T15:00:00Z")),
                (utc("2026-11-24T06:00:00Z"), utc("2026-11-24T10:00:00Z")),
            ]
        );
        assert_eq!(e.paused, vec![(utc("2026-11-23T06:00:00Z"), utc("2026-11-23T08:00:00Z"))]);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["due"], "2026-11-24T10:00:00Z");
        assert_eq!(json["counted"][0][0], "2026-11-20T14:00:00Z");
    }
}
