//! Live changes on the board the page shows: after an event the page
//! refetches the one card and puts it where it now belongs.

use crate::api::board::{BoardColumn, Card};
use crate::domain::ticket::card_order;

/// Replaces ticket `id`'s card with `card`, in the column of its status and
/// at its place in the column's order (SPEC §2); `None` takes it off the
/// board (archived, or no longer the viewer's). Returns whether the board
/// changed.
pub fn apply(columns: &mut [BoardColumn], id: i64, card: Option<Card>) -> bool {
    let before: Option<Card> = columns.iter().flat_map(|c| c.cards.iter()).find(|c| c.id == id).cloned();
    if before == card {
        return false;
    }
    for column in columns.iter_mut() {
        column.cards.retain(|c| c.id != id);
    }
    if let Some(card) = card {
        if let Some(column) = columns.iter_mut().find(|c| c.status == card.status) {
            let key = |c: &Card| card_order(c.priority, c.received_at, c.id);
            let at = column.cards.partition_point(|c| key(c) < key(&card));
            column.cards.insert(at, card);
        }
    }
    true
}

/// The card of ticket `id`, if the board shows it.
pub fn find(columns: &[BoardColumn], id: i64) -> Option<&Card> {
    columns.iter().flat_map(|c| c.cards.iter()).find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::board::ZoneLabel;
    use crate::domain::ticket::{Category, Priority, Status};
    use chrono::DateTime;

    fn card(id: i64, status: Status, priority: Priority, received: i64) -> Card {
        Card {
            id,
            key: format!("SUP-{id}"),
            title: format!("Ticket {id}"),
            organisation: "Org".into(),
            status,
            priority,
            category: Category::Incident,
            assignee: None,
            waiting: None,
            waiting_question: None,
            received_at: DateTime::from_timestamp(received, 0).unwrap(),
            version: 1,
            countdown: None,
            level: crate::domain::sla::TicketLevel {
                level: crate::domain::sla::SlaLevel::CommercialStandard,
                mark: crate::domain::ticket::LevelMark::Contract,
            },
            round_the_clock: false,
            in_active_sprint: false,
            escalations: Vec::new(),
            zone: ZoneLabel { name: "UTC".into(), offsets: vec![] },
        }
    }

    fn board() -> Vec<BoardColumn> {
        Status::BOARD
            .iter()
            .map(|&status| BoardColumn { status, cards: Vec::new(), wip_limit: None })
            .collect()
    }

    fn ids(columns: &[BoardColumn], status: Status) -> Vec<i64> {
        columns.iter().find(|c| c.status == status).unwrap().cards.iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_moved_card_leaves_its_column_and_takes_its_place_in_the_new_one() {
        let mut b = board();
        for (id, p, r) in [(1, Priority::Low, 10), (2, Priority::Critical, 20), (3, Priority::Normal, 5)] {
            assert!(apply(&mut b, id, Some(card(id, Status::Backlog, p, r))));
        }
        assert_eq!(ids(&b, Status::Backlog), [2, 3, 1], "most urgent first");
        assert!(apply(&mut b, 4, Some(card(4, Status::Sprint, Priority::Normal, 1))));
        let mut moved = card(3, Status::Sprint, Priority::Normal, 5);
        moved.version = 2;
        assert!(apply(&mut b, 3, Some(moved)));
        assert_eq!(ids(&b, Status::Backlog), [2, 1]);
        assert_eq!(ids(&b, Status::Sprint), [4, 3], "the longest waiting first");
        assert_eq!(find(&b, 3).map(|c| c.version), Some(2));
    }

    #[test]
    fn a_card_off_the_board_is_removed_and_an_unchanged_one_changes_nothing() {
        let mut b = board();
        apply(&mut b, 1, Some(card(1, Status::Release, Priority::Low, 10)));
        assert!(!apply(&mut b, 1, Some(card(1, Status::Release, Priority::Low, 10))));
        assert!(apply(&mut b, 1, None));
        assert!(find(&b, 1).is_none());
        assert!(!apply(&mut b, 1, None), "removing a card that is not there");
        // Archive is not a board column: such a card does not appear.
        apply(&mut b, 5, Some(card(5, Status::Archive, Priority::Low, 10)));
        assert!(find(&b, 5).is_none());
    }
}
