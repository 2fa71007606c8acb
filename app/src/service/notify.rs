//! Planning mails from the event log: the outbox's only feeder for ticket
//! mails. One run takes the next events after the planner's cursor, asks
//! the domain which mails each sends (`domain::notify::plan`), finds the
//! people, renders the mails in each one's language and stores them with
//! the moved cursor, all in one transaction: an event is planned exactly
//! once, whichever replica runs it, and a crash plans it again from scratch.

use super::sla::{ticket_clock, ticket_terms};
use super::ServiceError;
use crate::auth::TicketScope;
use crate::domain::event::{TicketEvent, Visibility};
use crate::domain::notify::{plan, MailKind, Recipient};
use crate::domain::sla::ClockKind;
use crate::domain::ticket::ticket_key;
use crate::i18n::{date_time, Locale};
use crate::mail::text::{render, MailFacts};
use crate::store::board::{ticket_row_in, TicketRow};
use crate::store::events::{each_event_after, StoredEvent};
use crate::store::outbox::{self, NewMail, Person};
use crate::store::{Store, StoreError, Tx};
use chrono::{DateTime, Utc};

/// What every mail needs from the desk's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct MailSettings {
    /// Where users open the desk, without a trailing slash: links in mails.
    pub public_url: String,
    /// The domain of our `Message-ID`s (the sender address's).
    pub domain: String,
    /// The language of people who chose none.
    pub default_language: Locale,
}

/// How many events one run plans at most; the rest wait for the next run.
const BATCH: i64 = 200;

/// Plans the mails of the next events; returns how many events it planned
/// (0: the planner is at the head of the log).
pub async fn plan_next(store: &Store, settings: &MailSettings) -> Result<usize, ServiceError> {
    let mut tx = store.begin().await?;
    let cursor = outbox::lock_cursor(&mut tx).await?;
    let events = each_event_after(&mut *tx, cursor, BATCH).await?;
    let Some(last) = events.last().map(|(seq, _)| *seq) else {
        tx.rollback().await?;
        return Ok(0);
    };
    for (seq, event) in &events {
        // An event that can never be planned (unreadable, or its ticket's
        // data damaged) is passed over with a warning: one bad row must
        // not stop every later mail. A database error ends the run, and
        // the next one plans the same events again.
        let planned = match event {
            Ok(event) => {
                let mut savepoint = sqlx::Acquire::begin(&mut *tx).await.map_err(StoreError::from)?;
                match plan_event(&mut savepoint, settings, event).await {
                    Ok(()) => savepoint.commit().await.map_err(StoreError::from).map_err(ServiceError::from),
                    Err(e) => {
                        savepoint.rollback().await.map_err(StoreError::from)?;
                        Err(e)
                    }
                }
            }
            Err(e) => Err(ServiceError::from(StoreError::Corrupt(e.to_string()))),
        };
        match planned {
            Ok(()) => {}
            Err(ServiceError::Store(StoreError::Corrupt(why))) => {
                tracing::warn!("event {seq}: no mails planned, passed over: {why}");
            }
            Err(e) => return Err(e),
        }
    }
    outbox::set_cursor(&mut tx, last).await?;
    tx.commit().await?;
    Ok(events.len())
}

/// Stores the mails of one event.
async fn plan_event(tx: &mut Tx<'_>, settings: &MailSettings, e: &StoredEvent) -> Result<(), ServiceError> {
    let actor = match e.actor_id {
        Some(id) => outbox::person_by_id(tx, id).await?,
        None => None,
    };
    let wanted = plan(&e.event, actor.as_ref().map(|a| a.role));
    if wanted.is_empty() {
        return Ok(());
    }
    // A ticket gone or unreadable plans nothing rather than stopping the
    // planner for every later event.
    let Some(ticket) = ticket_row_in(tx, e.ticket_id).await? else { return Ok(()) };
    let Some(people_of) = outbox::ticket_people(tx, e.ticket_id).await? else { return Ok(()) };
    // A stranger's mail in the unknown senders' queue is acknowledged only
    // once an operator sorted it to a known client (`Sorted`): the desk
    // must not answer whatever address a spammer wrote from.
    let queued =
        crate::store::mail_intake::sorting_queue(&mut **tx).await? == Some(people_of.organisation_id);
    let escalation = match &e.event {
        TicketEvent::Escalated { escalation_id, .. }
        | TicketEvent::EscalationOverdue { escalation_id, .. } => {
            crate::store::escalations::by_id(tx, *escalation_id).await?
        }
        _ => None,
    };
    let text = match &e.event {
        TicketEvent::Commented { comment_id, .. } => outbox::comment_body(tx, *comment_id).await?,
        TicketEvent::Rejected { reason } => Some(reason.clone()),
        TicketEvent::Escalated { .. } => escalation.as_ref().map(|x| x.question.clone()),
        TicketEvent::ExtensionProposed { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    for (kind, to) in wanted {
        if queued && to == Recipient::Requester {
            continue;
        }
        if to == Recipient::Department {
            // The department's email channels: addresses, not accounts.
            let (TicketEvent::Escalated { escalation_id, department, .. }, Some(asked)) =
                (&e.event, &escalation)
            else {
                continue;
            };
            for address in crate::store::escalations::email_addresses(tx, *escalation_id).await? {
                let person = Person {
                    id: 0,
                    email: address,
                    name: department.clone(),
                    role: crate::domain::ticket::Role::Lead,
                    language: None,
                    disabled: false,
                    organisation_id: None,
                };
                let facts = Facts {
                    settings,
                    ticket: &ticket,
                    event: e,
                    actor: actor.as_ref(),
                    text: Some(asked.question.as_str()),
                };
                store_mail(tx, settings, kind, &person, &facts).await?;
            }
            continue;
        }
        let mut people = Vec::new();
        let assignee = match people_of.assignee_id {
            Some(id) => outbox::person_by_id(tx, id).await?,
            None => None,
        };
        match to {
            Recipient::Requester => people.extend(outbox::person_by_id(tx, people_of.requester_id).await?),
            // A disabled assignee reads no mail: the leads hear instead, so
            // a client's words never land on nobody's desk.
            Recipient::AssigneeOrLeads => match assignee.filter(|a| !a.disabled) {
                Some(a) => people.push(a),
                None => people.extend(outbox::active_leads(tx).await?),
            },
            Recipient::AssigneeAndLeads => {
                people.extend(assignee);
                people.extend(outbox::active_leads(tx).await?);
            }
            Recipient::Department => {}
        }
        let mut seen = Vec::new();
        for person in people {
            // Nobody is told of their own change, except that a request is
            // registered (the letter is its receipt, seed 004 §3.8); a
            // disabled account reads no mail; one mail per event and kind.
            let own = Some(person.id) == e.actor_id && kind != MailKind::Acknowledgement;
            // What a reader may see of a ticket is decided once: a mail
            // about an event goes only to whom the ticket's organisation is
            // open (a client moved to another organisation hears no more of
            // the old one's tickets) and the event is visible. The
            // registration letter says nothing but the ticket's own fields,
            // whatever event made it (a sorting is internal).
            let scope =
                TicketScope::of(person.role, person.organisation_id).admits(people_of.organisation_id);
            let readable = Visibility::readable_by(person.role).covers(e.visibility);
            let visible = scope && (readable || kind == MailKind::Acknowledgement);
            if own || !visible || person.disabled || seen.contains(&person.id) {
                continue;
            }
            seen.push(person.id);
            if kind.optional()
                && outbox::optouts(&mut **tx, person.id).await?.iter().any(|k| k == kind.code())
            {
                continue;
            }
            let facts =
                Facts { settings, ticket: &ticket, event: e, actor: actor.as_ref(), text: text.as_deref() };
            store_mail(tx, settings, kind, &person, &facts).await?;
        }
    }
    Ok(())
}

/// The inputs of one event's mails.
struct Facts<'a> {
    settings: &'a MailSettings,
    ticket: &'a TicketRow,
    event: &'a StoredEvent,
    actor: Option<&'a Person>,
    text: Option<&'a str>,
}

/// The language `person` reads.
fn language(settings: &MailSettings, person: &Person) -> Locale {
    person.language.as_deref().and_then(|c| c.parse().ok()).unwrap_or(settings.default_language)
}

/// `t` on the calendar's wall clock with its zone: "2 дек. 2026, 11:00 MSK".
fn in_zone(locale: Locale, t: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    let local = t.with_timezone(&tz);
    format!("{} {}", date_time(locale, local.naive_local()), local.format("%Z"))
}

/// The zone of the desk's calendar, which second-line deadlines count on.
fn desk_tz(ticket: &TicketRow) -> chrono_tz::Tz {
    ticket
        .desk_calendar_spec
        .as_deref()
        .and_then(|spec| crate::domain::sla::BusinessCalendar::from_json(spec).ok())
        .unwrap_or_else(crate::domain::contract::desk_calendar)
        .tz()
}

/// Words the facts for `person`, renders and stores the mail.
async fn store_mail(
    tx: &mut Tx<'_>,
    settings: &MailSettings,
    kind: MailKind,
    person: &Person,
    f: &Facts<'_>,
) -> Result<(), ServiceError> {
    let locale = language(settings, person);
    let key = ticket_key(f.ticket.number);
    let terms = ticket_terms(f.ticket).ok();
    let at = DateTime::from_timestamp(f.event.at, 0).unwrap_or_else(Utc::now);
    let tz = terms.as_ref().map(|t| t.calendar.tz()).unwrap_or(chrono_tz::UTC);
    let reaction_due = terms
        .as_ref()
        .and_then(|t| ticket_clock(f.ticket, t).ok()?.milestones(at).ok())
        .and_then(|ms| ms.into_iter().find(|m| m.kind == ClockKind::Reaction)?.due)
        .map(|due| in_zone(locale, due, tz));
    // The ticket's own level (a confirmed emergency, development), not
    // only its contract's.
    let level = terms.as_ref().map(|t| crate::labels::ticket_level(locale, t.level));
    let (clock, due) = match &f.event.event {
        TicketEvent::SlaAtRisk { clock, due } | TicketEvent::SlaBreached { clock, due } => (
            Some(crate::labels::clock_kind(*clock).text(locale).to_string()),
            Some(in_zone(locale, *due, tz)),
        ),
        // The department's deadline counts on the desk's calendar, so it is
        // worded in that calendar's zone.
        TicketEvent::Escalated { due, .. } | TicketEvent::EscalationOverdue { due, .. } => {
            (None, Some(in_zone(locale, *due, desk_tz(f.ticket))))
        }
        TicketEvent::ExtensionProposed { to, .. }
        | TicketEvent::ExtensionAgreed { to, .. }
        | TicketEvent::ExtensionDeclined { to, .. } => (None, Some(in_zone(locale, *to, tz))),
        _ => (None, None),
    };
    let department = match &f.event.event {
        TicketEvent::Escalated { department, .. } | TicketEvent::EscalationOverdue { department, .. } => {
            Some(department.clone())
        }
        _ => None,
    };
    let facts = MailFacts {
        key: key.clone(),
        title: f.ticket.title.clone(),
        link: format!("{}/tickets/{key}", f.settings.public_url),
        recipient_name: person.name.clone(),
        level,
        contract: f.ticket.contract.is_some(),
        reaction_due,
        actor: f.actor.map(|a| a.name.clone()),
        text: f.text.map(str::to_string),
        clock,
        due,
        organisation: person.role.is_agent().then(|| f.ticket.organisation.clone()),
        department,
        previous_due: match &f.event.event {
            TicketEvent::ExtensionProposed { from, .. } => Some(in_zone(locale, *from, tz)),
            _ => None,
        },
        agreed: match &f.event.event {
            TicketEvent::ExtensionAgreed { .. } => Some(true),
            TicketEvent::ExtensionDeclined { .. } => Some(false),
            _ => None,
        },
    };
    let text = render(kind, locale, &facts);
    let message_id =
        crate::mail::message_id(f.ticket.number, f.event.seq, kind, &person.email, &settings.domain);
    // A department's address is no account: `recipient_id` stays empty.
    let recipient_id = (person.id != 0).then_some(person.id);
    let root = outbox::thread_root(tx, f.ticket.id, &person.email).await?;
    outbox::enqueue(
        tx,
        &NewMail {
            kind: kind.code(),
            ticket_id: Some(f.ticket.id),
            event_seq: Some(f.event.seq),
            recipient_id,
            to_address: &person.email,
            language: locale.code(),
            subject: &text.subject,
            body: &text.body,
            message_id: &message_id,
            in_reply_to: root.as_deref(),
            at: f.event.at,
        },
    )
    .await?;
    Ok(())
}
