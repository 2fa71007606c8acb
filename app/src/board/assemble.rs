//! Server side: turns stored tickets into the board snapshot, running each
//! ticket's SLA clock at `now`.

use super::model::{BoardColumn, BoardSnapshot, Card, ZoneLabel};
use crate::domain::contract::AppliedTerms;
use crate::domain::sla::Countdown;
use crate::domain::ticket::{card_order, ticket_key, Role, Status, WipLimits};
use crate::service::sla::{ticket_clock, ticket_terms};
use crate::store::board::TicketRow;
use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

/// How far past the deadline (or now) the browser's countdown data reaches:
/// a board left open for a week still counts right.
const HORIZON_DAYS: i64 = 14;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The countdown of a ticket's active clock at `now`.
pub fn ticket_countdown(
    row: &TicketRow,
    terms: &AppliedTerms,
    now: DateTime<Utc>,
) -> Result<Option<Countdown>, String> {
    ticket_clock(row, terms)?.countdown(now, Duration::days(HORIZON_DAYS)).map_err(|e| e.to_string())
}

/// The UTC offsets of `tz` over `[from, to]`, found by hourly steps refined
/// to the second (zone changes are rare; the browser needs only these).
pub fn zone_label(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> ZoneLabel {
    let at = |t: i64| {
        let off = tz.offset_from_utc_datetime(&instant(t).naive_utc());
        (off.fix().local_minus_utc(), off.abbreviation().unwrap_or("").to_string())
    };
    let (mut t, end) = (from.timestamp(), to.timestamp());
    let (off, abbr) = at(t);
    let mut offsets = vec![(t, off, abbr)];
    while t < end {
        let next = (t + 3600).min(end);
        if at(next).0 != offsets.last().map(|o| o.1).unwrap_or(0) {
            // Bisect to the first second of the new offset.
            let (mut lo, mut hi) = (t, next);
            let before = at(t).0;
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if at(mid).0 == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (off, abbr) = at(hi);
            offsets.push((hi, off, abbr));
        }
        t = next;
    }
    ZoneLabel { name: tz.name().to_string(), offsets }
}

/// One card at `now`, for the live board's refetch of a changed ticket.
pub fn board_card(row: TicketRow, now: DateTime<Utc>) -> Result<Card, String> {
    card(row, now).map(|(_, card)| card)
}

fn card(row: TicketRow, now: DateTime<Utc>) -> Result<(Status, Card), String> {
    let status = row.status;
    let terms = ticket_terms(&row)?;
    let countdown = ticket_countdown(&row, &terms, now)?;
    let calendar = &terms.calendar;
    let until = countdown.as_ref().map(|c| c.due.max(now)).unwrap_or(now) + Duration::days(HORIZON_DAYS);
    let card = Card {
        id: row.id,
        key: ticket_key(row.number),
        title: row.title,
        organisation: row.organisation,
        status,
        priority: row.priority,
        category: row.category,
        assignee: row.assignee,
        waiting: row.waiting,
        received_at: row.received_at,
        version: row.version,
        countdown,
        round_the_clock: calendar.is_always(),
        zone: zone_label(calendar.tz(), now - Duration::days(1), until),
        in_active_sprint: false,
    };
    Ok((status, card))
}

/// The five columns, cards in the domain's `card_order` (SPEC §2). A
/// ticket whose stored data cannot be read is logged and left off rather
/// than taking the whole board down.
pub fn board_snapshot(
    rows: Vec<TicketRow>,
    now: DateTime<Utc>,
    viewer_role: Role,
    wip: &WipLimits,
    live_from: i64,
) -> BoardSnapshot {
    let agent = viewer_role.is_agent();
    let mut columns: Vec<BoardColumn> = Status::BOARD
        .iter()
        .map(|&status| BoardColumn {
            status,
            cards: Vec::new(),
            wip_limit: if agent { wip.limit(status) } else { None },
        })
        .collect();
    for row in rows {
        let number = row.number;
        match card(row, now) {
            Ok((status, card)) => {
                if let Some(col) = columns.iter_mut().find(|c| c.status == status) {
                    col.cards.push(card);
                }
            }
            Err(e) => tracing::error!("ticket SUP-{number} left off the board: {e}"),
        }
    }
    for col in &mut columns {
        col.cards.sort_by_key(|c| card_order(c.priority, c.received_at, c.id));
    }
    BoardSnapshot { server_now: now, viewer_role, columns, live_from }
}
