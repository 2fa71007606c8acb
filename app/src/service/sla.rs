//! SLA bookkeeping: the milestones every change stores, and the job that
//! notes at-risk and breached clocks once, across replicas.

use super::ServiceError;
use crate::domain::contract::{terms, AppliedTerms, StoredTerms, TicketBasis};
use crate::domain::event::TicketEvent;
use crate::domain::sla::{BusinessCalendar, PauseLedger, SlaClock};
use crate::domain::ticket::Status;
use crate::store::board::TicketRow;
use crate::store::events::{append, EventOrigin};
use crate::store::sla::{self as milestones, Passed};
use crate::store::{board, Store, StoreError, Tx};
use chrono::{DateTime, Utc};

/// The desk's calendar: the stored one (issue 15: chosen in the admin
/// area), else the built-in default. Sprints are planned on it too.
pub async fn desk_calendar(store: &Store) -> Result<BusinessCalendar, ServiceError> {
    match crate::store::calendars::desk_calendar_spec(store).await? {
        Some(spec) => BusinessCalendar::from_json(&spec)
            .map_err(|e| ServiceError::Store(StoreError::Corrupt(format!("the desk's calendar: {e}")))),
        None => Ok(crate::domain::contract::desk_calendar()),
    }
}

/// The terms of a ticket (calendar, level, targets, which waits pause):
/// its contract's, or the general consultation level on the desk's calendar.
pub fn ticket_terms(row: &TicketRow) -> Result<AppliedTerms, String> {
    terms(
        row.contract.as_ref().map(|c| StoredTerms {
            calendar_spec: &c.calendar_spec,
            policy_code: &c.policy_code,
            policy_spec: c.policy_spec.as_deref(),
            level: &c.level,
        }),
        row.desk_calendar_spec.as_deref(),
        TicketBasis {
            priority: row.priority,
            category: row.category,
            estimate_hours: row.estimate_hours,
            mark: row.level_mark,
        },
    )
    .map_err(|e| e.to_string())
}

/// The SLA clocks of a ticket under its terms, with its ledgers. Waits the
/// policy does not pause on are left out of the ledger the clock counts
/// with (they stay stored: a later policy may pause on them).
pub fn ticket_clock<'a>(row: &TicketRow, terms: &'a AppliedTerms) -> Result<SlaClock<'a>, String> {
    let pausing: Vec<_> = row.pauses.iter().filter(|p| terms.pausing.pauses(p.reason)).cloned().collect();
    let pauses = PauseLedger::from_pauses(pausing).map_err(|e| e.to_string())?;
    Ok(SlaClock::new(&terms.calendar, row.received_at, terms.targets)
        .with_pauses(pauses)
        .with_first_response(row.first_response_at)
        .with_releases(row.releases.clone())
        .map_err(|e| e.to_string())?
        .with_at_risk_fraction(terms.at_risk_fraction)
        .with_agreed_resolution(row.agreed_resolution))
}

/// Computes the milestones of ticket `id` as it stands in `tx` at `now` and
/// stores them with the change. A closed ticket keeps only its stopped
/// clocks (met or breached), which reports read; a clock still running
/// when the ticket closed (a rejection) is nothing to watch or count. A
/// ticket whose terms cannot be read (the board leaves it off too) loses
/// its milestones rather than the change being refused; the cause goes to
/// the log.
pub async fn refresh(tx: &mut Tx<'_>, id: i64, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use crate::domain::sla::ClockPhase;
    let Some(row) = board::ticket_row_in(tx, id).await? else { return Ok(()) };
    let computed = ticket_terms(&row).and_then(|terms| {
        let list = ticket_clock(&row, &terms)?.milestones(now).map_err(|e| e.to_string())?;
        Ok((list, terms.level.level))
    });
    match computed {
        Ok((mut list, level)) => {
            if row.status == Status::Archive {
                list.retain(|m| matches!(m.phase, ClockPhase::Met | ClockPhase::Breached));
            }
            milestones::write_milestones(tx, id, &list, Some(level), now.timestamp()).await?
        }
        Err(e) => {
            tracing::warn!("ticket SUP-{}: SLA milestones not computed: {e}", row.number);
            milestones::clear_milestones(tx, id, now.timestamp()).await?;
        }
    }
    Ok(())
}

/// Computes the milestones of open tickets that have none yet (stored before
/// milestones existed, or seeded), up to `limit`; returns how many.
pub async fn backfill(store: &Store, now: DateTime<Utc>, limit: i64) -> Result<usize, ServiceError> {
    refresh_each(store, &milestones::tickets_without_milestones(store, limit).await?, now).await
}

/// Recomputes the milestones of every open ticket (of `organisation` only,
/// when given) after the terms that govern them changed: a contract, a
/// calendar or a policy. Admin saves are rare, and the board (which
/// computes at every read) is right meanwhile.
pub async fn refresh_open(
    store: &Store,
    organisation: Option<i64>,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    refresh_each(store, &milestones::open_tickets(store, organisation).await?, now).await
}

/// Refreshes tickets `ids`, each in its own transaction; returns how many.
async fn refresh_each(store: &Store, ids: &[i64], now: DateTime<Utc>) -> Result<usize, ServiceError> {
    for &id in ids {
        let mut tx = store.begin().await?;
        // Lock first: on SQLite a transaction that read before it writes
        // cannot take the write lock once another writer committed.
        if crate::store::tickets::lock_head(&mut tx, id).await?.is_none() {
            continue;
        }
        refresh(&mut tx, id, now).await?;
        tx.commit().await?;
    }
    Ok(ids.len())
}

/// How many passed milestones one run notes at most; the rest wait for the
/// next run, so a backlog never makes one run unbounded.
const BATCH: i64 = 500;

/// Appends an `sla_at_risk` or `sla_breached` event for every milestone
/// passed by `now` and not noted yet, each in its own transaction with the
/// note, so it is appended exactly once even with several replicas running
/// this at once. Returns how many this run appended.
pub async fn note_passed_milestones(store: &Store, now: DateTime<Utc>) -> Result<usize, ServiceError> {
    let at = now.timestamp();
    let mut noted = 0;
    for m in milestones::passed_milestones(store, at, BATCH).await? {
        let mut tx = store.begin().await?;
        if !milestones::note_passed(&mut tx, &m, at).await? {
            continue;
        }
        // Milestone rows go with their ticket, so it exists.
        let organisation_id = crate::store::tickets::organisation_of(&mut *tx, m.ticket_id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("milestone of missing ticket {}", m.ticket_id)))?;
        let event = match m.passed {
            Passed::AtRisk => TicketEvent::SlaAtRisk { clock: m.clock, due: m.due },
            Passed::Breach => TicketEvent::SlaBreached { clock: m.clock, due: m.due },
        };
        let origin = EventOrigin { ticket_id: m.ticket_id, organisation_id, actor_id: None, at };
        append(&mut tx, origin, &[event]).await?;
        store.commit(tx).await?;
        noted += 1;
    }
    Ok(noted)
}
