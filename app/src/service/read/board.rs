//! Server side: turns stored tickets into the board snapshot, running each
//! ticket's SLA clock at `now`.

use crate::api::board::{BoardColumn, BoardSnapshot, Card, EscalationChip, ZoneLabel};
use crate::auth::CurrentUser;
use crate::domain::contract::AppliedTerms;
use crate::domain::event::Visibility;
use crate::domain::sla::Countdown;
use crate::domain::ticket::{card_order, ticket_key, Role, Status, WipLimits};
use crate::service::sla::{ticket_clock, ticket_terms};
use crate::service::{corrupt, reader_scope, ServiceError};
use crate::store::board::TicketRow;
use crate::store::Store;
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

/// The board `user` sees at `now`: their organisation's tickets (every
/// one for agents), WIP limits shown to agents only.
pub async fn board(
    store: &Store,
    user: &CurrentUser,
    wip: &WipLimits,
    now: DateTime<Utc>,
) -> Result<BoardSnapshot, ServiceError> {
    let organisation = reader_scope(user)?;
    // Before the cards: see `BoardSnapshot::live_from`.
    let live_from = crate::store::events::head(store).await?;
    let rows = crate::store::board_tickets(store, organisation).await?;
    let active = active_sprint_for(store, user, now).await?;
    let in_active: std::collections::HashSet<i64> =
        rows.iter().filter(|r| active.is_some() && r.sprint_id == active).map(|r| r.id).collect();
    let mut snapshot = board_snapshot(rows, now, user.role, wip, live_from);
    snapshot.viewer_name = user.name.clone();
    let chips = escalation_chips(store, user).await?;
    for card in snapshot.columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
        card.in_active_sprint = in_active.contains(&card.id);
        card.escalations = chips.iter().filter(|(t, _)| *t == card.id).map(|(_, c)| c.clone()).collect();
    }
    Ok(snapshot)
}

/// One card as `user`'s board shows it at `now`, or `None` when the ticket
/// is not on their board (archived, not theirs, or missing — told apart for
/// nobody). The live board refetches a card with it after each event.
pub async fn board_card(
    store: &Store,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Card>, ServiceError> {
    let organisation = reader_scope(user)?;
    let Some(row) = crate::store::board::board_ticket(store, id, organisation).await? else {
        return Ok(None);
    };
    let active = active_sprint_for(store, user, now).await?;
    let in_active = active.is_some() && row.sprint_id == active;
    let (_, mut card) = card(row, now).map_err(corrupt)?;
    card.in_active_sprint = in_active;
    card.escalations =
        escalation_chips(store, user).await?.into_iter().filter(|(t, _)| *t == id).map(|(_, c)| c).collect();
    Ok(Some(card))
}

/// The open escalations as `(ticket, chip)`, for agents; none for clients.
async fn escalation_chips(
    store: &Store,
    user: &CurrentUser,
) -> Result<Vec<(i64, EscalationChip)>, ServiceError> {
    if Visibility::readable_by(user.role) != Visibility::Internal {
        return Ok(Vec::new());
    }
    Ok(crate::store::escalations::open_ones(store)
        .await?
        .into_iter()
        .map(|e| (e.ticket_id, EscalationChip { id: e.id, department: e.department, due: e.due_at }))
        .collect())
}

/// The running sprint, for the board's sprint filter: agents only, as
/// planning is internal.
async fn active_sprint_for(
    store: &Store,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServiceError> {
    if user.role.is_agent() {
        crate::service::sprint_plan::active_sprint(store, now).await
    } else {
        Ok(None)
    }
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
        waiting_question: row.waiting_question,
        received_at: row.received_at,
        version: row.version,
        countdown,
        level: terms.level,
        round_the_clock: calendar.is_always(),
        zone: zone_label(calendar.tz(), now - Duration::days(1), until),
        in_active_sprint: false,
        escalations: Vec::new(),
    };
    Ok((status, card))
}

/// The five columns, cards in the domain's `card_order` (SPEC §2). A
/// ticket whose stored data cannot be read is logged and left off rather
/// than taking the whole board down.
fn board_snapshot(
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
    BoardSnapshot { server_now: now, viewer_role, viewer_name: String::new(), columns, live_from }
}
