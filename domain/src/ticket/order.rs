//! The order of cards in a board column (SPEC §2): the most urgent first,
//! then the longest waiting, then the oldest ticket, so the order is total
//! and the same on every screen.

use super::Priority;
use crate::sla::{CountdownView, SlaState};
use chrono::{DateTime, Utc};

/// The sort key of a card: sorting by it ascending gives the column order.
pub fn card_order(priority: Priority, received_at: DateTime<Utc>, id: i64) -> (Priority, DateTime<Utc>, i64) {
    (priority, received_at, id)
}

/// The sort key of a card when an agent sorts a column by time to breach
/// (issue 17; the default order stays [`card_order`]): running clocks by
/// working time left, the overdue first; then clocks that stand still
/// (paused, met) and cards without a target, each in the default order.
/// `clock` is the card's countdown read at the same instant for all cards.
pub fn breach_order(
    clock: Option<CountdownView>,
    priority: Priority,
    received_at: DateTime<Utc>,
    id: i64,
) -> (u8, i64, (Priority, DateTime<Utc>, i64)) {
    let (group, left) = match clock {
        Some(v) if matches!(v.state, SlaState::OnTrack | SlaState::AtRisk | SlaState::Breached) => {
            (0, v.remaining_secs)
        }
        Some(v) if matches!(v.state, SlaState::Paused { .. }) => (1, 0),
        Some(_) => (2, 0),
        None => (3, 0),
    };
    (group, left, card_order(priority, received_at, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticket::WaitingReason;

    #[test]
    fn by_time_to_breach_the_nearest_deadline_comes_first_whatever_the_priority() {
        let t = |s| DateTime::from_timestamp(s, 0).unwrap();
        let running = |state, remaining_secs| Some(CountdownView { state, remaining_secs, resumes_at: None });
        let paused = Some(CountdownView {
            state: SlaState::Paused { reason: WaitingReason::ClientInfo },
            remaining_secs: 60,
            resumes_at: None,
        });
        let met = Some(CountdownView { state: SlaState::Met, remaining_secs: 0, resumes_at: None });
        let mut cards = [
            (running(SlaState::OnTrack, 9 * 3600), Priority::Critical, t(0), 1),
            (running(SlaState::AtRisk, 4 * 60), Priority::Low, t(5), 2),
            (running(SlaState::Breached, -60), Priority::Normal, t(9), 3),
            (paused, Priority::Critical, t(1), 4),
            (None, Priority::Critical, t(0), 5),
            (met, Priority::High, t(0), 6),
            (running(SlaState::OnTrack, 9 * 3600), Priority::High, t(0), 7),
        ];
        cards.sort_by_key(|&(c, p, r, id)| breach_order(c, p, r, id));
        let ids: Vec<i64> = cards.iter().map(|c| c.3).collect();
        assert_eq!(ids, [3, 2, 1, 7, 4, 6, 5]);
    }

    #[test]
    fn urgency_first_then_waiting_time_then_id() {
        let t = |s| DateTime::from_timestamp(s, 0).unwrap();
        let mut cards = [
            (Priority::Low, t(0), 1),
            (Priority::Critical, t(50), 2),
            (Priority::Critical, t(10), 4),
            (Priority::Critical, t(10), 3),
            (Priority::High, t(0), 5),
        ];
        cards.sort_by_key(|&(p, r, id)| card_order(p, r, id));
        let ids: Vec<i64> = cards.iter().map(|c| c.2).collect();
        assert_eq!(ids, [3, 4, 2, 5, 1]);
    }
}
