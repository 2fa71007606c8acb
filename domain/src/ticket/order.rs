//! The order of cards in a board column (SPEC §2): the most urgent first,
//! then the longest waiting, then the oldest ticket, so the order is total
//! and the same on every screen.

use super::Priority;
use chrono::{DateTime, Utc};

/// The sort key of a card: sorting by it ascending gives the column order.
pub fn card_order(priority: Priority, received_at: DateTime<Utc>, id: i64) -> (Priority, DateTime<Utc>, i64) {
    (priority, received_at, id)
}

#[cfg(test)]
mod tests {
    use super::*;

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
