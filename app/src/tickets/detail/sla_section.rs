//! The SLA timeline: each clock's target, deadline (in the calendar's zone
//! and in UTC), state, and the working and paused intervals behind it.

use crate::api::board::ZoneLabel;
use crate::api::ticket_page::{SlaBlock, SlaClockDetail};
use crate::domain::sla::{Budget, SlaState};
use crate::i18n::{count_label, date_time, overdue_by, time_left, Locale, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

/// `t` on the calendar's wall clock with the zone: "23 Nov 2026, 09:00 MSK".
pub fn in_zone(locale: Locale, t: DateTime<Utc>, zone: &ZoneLabel) -> String {
    let (offset, abbr) = zone.at(t.timestamp());
    let local = (t + Duration::seconds(offset as i64)).naive_utc();
    format!("{} {abbr}", date_time(locale, local)).trim_end().to_string()
}

/// `t` in UTC: "23 Nov 2026, 06:00 UTC".
fn in_utc(locale: Locale, t: DateTime<Utc>) -> String {
    format!("{} UTC", date_time(locale, t.naive_utc()))
}

/// A target as the policy states it: "8 hours", "24 working days", "8
/// hours · round the clock".
pub fn target_text(locale: Locale, target: Budget) -> String {
    match target {
        Budget::Minutes(n) => count_label(locale, n.into(), Noun::Minute),
        Budget::Hours(n) => count_label(locale, n.into(), Noun::Hour),
        Budget::WorkingDays(n) => count_label(locale, n.into(), Noun::WorkingDay),
        Budget::CalendarHours(n) => {
            format!("{} · {}", count_label(locale, n.into(), Noun::Hour), Msg::RoundTheClock.text(locale))
        }
    }
}

/// Where a clock in `state` stands in words: "On track · 2 h 05 min left",
/// "Breached · overdue by …".
fn standing(locale: Locale, state: SlaState, remaining_secs: i64) -> String {
    let name = labels::sla_state(&state).text(locale);
    match state {
        SlaState::Breached => format!("{name} · {}", overdue_by(locale, remaining_secs)),
        SlaState::Met => name.to_string(),
        SlaState::Paused { reason } => format!(
            "{name} ({}) · {}",
            labels::waiting(reason).text(locale),
            time_left(locale, remaining_secs)
        ),
        SlaState::OnTrack | SlaState::AtRisk => format!("{name} · {}", time_left(locale, remaining_secs)),
    }
}

fn state_class(state: &SlaState) -> &'static str {
    match state {
        SlaState::OnTrack => "on-track",
        SlaState::AtRisk => "at-risk",
        SlaState::Breached => "breached",
        SlaState::Paused { .. } => "paused",
        SlaState::Met => "met",
    }
}

/// `now` is the page's one clock, which the badge above reads too.
#[component]
pub fn SlaSection(sla: SlaBlock, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let locale = use_locale();
    let zone = StoredValue::new(sla.zone);
    let level = sla.level;
    let clocks = if sla.clocks.is_empty() {
        view! { <p class="muted">{locale.text(Msg::NoSlaTarget)}</p> }.into_any()
    } else {
        sla.clocks.into_iter().map(|clock| view! { <ClockView clock zone now/> }).collect_view().into_any()
    };
    view! {
        <section class="ticket-section sla-timeline" aria-labelledby="sla-timeline">
            <h2 id="sla-timeline">{locale.text(Msg::SlaTimeline)}</h2>
            <p class="ticket-level" data-level=level.level.code() data-mark=level.mark.code()>
                {locale.text(Msg::TicketLevelLabel)} ": " {move || labels::ticket_level(locale.get(), level)}
            </p>
            <p class="muted">
                {locale.text(Msg::CalendarZone)} ": " {zone.with_value(|z| z.name.clone())}
                {sla.round_the_clock.then(|| view! { " · " {locale.text(Msg::RoundTheClock)} })}
            </p>
            {clocks}
        </section>
    }
    .into_any()
}

#[component]
fn ClockView(
    clock: SlaClockDetail,
    zone: StoredValue<ZoneLabel>,
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let locale = use_locale();
    let kind = labels::clock_kind(clock.kind);
    let due = clock.due;
    let deadline = move || {
        let l = locale.get();
        match due {
            Some(d) => zone.with_value(|z| format!("{} ({})", in_zone(l, d, z), in_utc(l, d))),
            None => Msg::DeadlineAfterWait.text(l).to_string(),
        }
    };
    let intervals = |spans: Vec<(DateTime<Utc>, DateTime<Utc>)>| {
        spans
            .into_iter()
            .map(|(from, to)| {
                let text = move || {
                    let l = locale.get();
                    zone.with_value(|z| format!("{} – {}", in_zone(l, from, z), in_zone(l, to, z)))
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    let (n_counted, n_paused) = (clock.counted.len(), clock.paused_intervals.len());
    let counted = intervals(clock.counted.clone());
    let paused = (n_paused > 0).then(|| {
        let list = intervals(clock.paused_intervals.clone());
        view! {
            <details class="sla-intervals sla-paused-intervals" open>
                <summary>{locale.text(Msg::TimelinePaused)} " (" {n_paused} ")"</summary>
                <ul>{list}</ul>
            </details>
        }
    });
    // Ticks with the page clock through the badge's own code; the server's
    // reading stands in only where no countdown came (no target).
    let (countdown, read_state, read_remaining) =
        (clock.countdown.clone(), clock.state, clock.remaining_secs);
    let reading = Memo::new(move |_| match &countdown {
        Some(c) => {
            let view = c.at(now.get());
            (view.state, view.remaining_secs)
        }
        None => (read_state, read_remaining),
    });
    let standing = move || {
        let (state, remaining) = reading.get();
        standing(locale.get(), state, remaining)
    };
    let target = clock.target;
    let agreed = clock.agreed.then(|| view! { " · " {locale.text(Msg::ExtensionDeadlineAgreed)} });
    view! {
        <div class=move || format!("sla-clock sla-{}", state_class(&reading.get().0))>
            <h3>{locale.text(kind)}</h3>
            <dl class="ticket-fields">
                <dt>{locale.text(Msg::Target)}</dt>
                <dd>{move || target_text(locale.get(), target)} {agreed}</dd>
                <dt>{locale.text(Msg::Deadline)}</dt>
                <dd>{deadline}</dd>
                <dt>{locale.text(Msg::SlaState)}</dt>
                <dd class="sla-standing">{standing}</dd>
            </dl>
            {paused}
            <details class="sla-intervals sla-counted-intervals">
                <summary>{locale.text(Msg::TimelineCounted)} " (" {n_counted} ")"</summary>
                <ul>{counted}</ul>
            </details>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msk() -> ZoneLabel {
        ZoneLabel { name: "Europe/Moscow".into(), offsets: vec![(0, 10800, "MSK".into())] }
    }

    #[test]
    fn times_read_on_the_calendar_wall_clock() {
        let t: DateTime<Utc> = "2026-11-23T06:00:00Z".parse().unwrap();
        assert_eq!(in_zone(Locale::En, t, &msk()), "23 Nov 2026, 09:00 MSK");
        assert_eq!(in_utc(Locale::En, t), "23 Nov 2026, 06:00 UTC");
    }

    #[test]
    fn targets_read_with_declined_nouns() {
        assert_eq!(target_text(Locale::Ru, Budget::Hours(24)), "24 часа");
        assert_eq!(target_text(Locale::Uk, Budget::WorkingDays(5)), "5 робочих днів");
        assert!(target_text(Locale::En, Budget::CalendarHours(8)).starts_with("8 hours · "));
    }
}
