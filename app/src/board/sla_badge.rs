//! The card's SLA countdown, computed in the browser by the domain's
//! `Countdown::at` — the same code the server runs.

use crate::api::board::ZoneLabel;
use crate::domain::sla::{Countdown, CountdownView, SlaState};
use crate::i18n::{due_at, overdue_by, resumes_at, time_left, wall_time, weekday_time, Locale, Msg};
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use leptos::prelude::*;

/// The wall-clock time of `t` in the calendar's zone, and the zone's name.
fn local(t: DateTime<Utc>, zone: &ZoneLabel) -> (NaiveDateTime, String) {
    let (offset, abbr) = zone.at(t.timestamp());
    ((t + Duration::seconds(offset as i64)).naive_utc(), abbr.to_string())
}

fn state_code(state: &SlaState) -> &'static str {
    match state {
        SlaState::OnTrack => "on-track",
        SlaState::AtRisk => "at-risk",
        SlaState::Breached => "breached",
        SlaState::Paused { .. } => "paused",
        SlaState::Met => "met",
    }
}

/// The badge's words for a reading of the clock.
pub fn badge_text(locale: Locale, view: &CountdownView, zone: &ZoneLabel) -> String {
    match &view.state {
        SlaState::Met => format!("✓ {}", Msg::SlaMet.text(locale)),
        SlaState::Breached => overdue_by(locale, view.remaining_secs),
        SlaState::Paused { .. } => {
            format!("{} · {}", Msg::SlaPaused.text(locale), time_left(locale, view.remaining_secs))
        }
        SlaState::OnTrack | SlaState::AtRisk => match view.resumes_at {
            Some(at) => {
                let (t, abbr) = local(at, zone);
                format!(
                    "{} · {}",
                    time_left(locale, view.remaining_secs),
                    resumes_at(locale, &weekday_time(locale, t, &abbr))
                )
            }
            None => time_left(locale, view.remaining_secs),
        },
    }
}

#[component]
pub fn SlaBadge(countdown: Countdown, zone: ZoneLabel, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let locale = use_locale();
    let kind = labels::clock_kind(countdown.kind);
    let (due_local, due_abbr) = local(countdown.due, &zone);
    let due = countdown.due;
    let calendar_offset = zone.at(due.timestamp()).0;
    // Read after hydration (effects do not run on the server), so the
    // server's HTML and the first browser render agree.
    let viewer_offset = RwSignal::new(None::<i32>);
    Effect::new(move |_| viewer_offset.set(crate::viewer_zone::viewer_offset_secs(due)));
    let tooltip = move || {
        let l = locale.get();
        let calendar = format!("{}: {}", kind.text(l), due_at(l, &wall_time(l, due_local, &due_abbr)));
        match viewer_offset
            .get()
            .and_then(|v| crate::viewer_zone::on_viewer_clock(l, due, v, calendar_offset))
        {
            Some(yours) => format!("{calendar} ({}: {yours})", Msg::YourTime.text(l)),
            None => calendar,
        }
    };
    let countdown = StoredValue::new(countdown);
    let reading = Memo::new(move |_| countdown.with_value(|c| c.at(now.get())));
    let zone = StoredValue::new(zone);
    view! {
        <span class=move || format!("sla-badge sla-{}", state_code(&reading.get().state)) title=tooltip>
            <span class="sla-kind">{locale.text(kind)}</span>
            <span class="sla-time">{move || zone.with_value(|z| badge_text(locale.get(), &reading.get(), z))}</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msk() -> ZoneLabel {
        ZoneLabel { name: "Europe/Moscow".into(), offsets: vec![(0, 10800, "MSK".into())] }
    }

    #[test]
    fn running_outside_hours_says_when_it_resumes_in_the_calendar_zone() {
        let view = CountdownView {
            state: SlaState::OnTrack,
            remaining_secs: 2 * 3600 + 5 * 60,
            resumes_at: Some("2026-11-23T06:00:00Z".parse().unwrap()),
        };
        let en = badge_text(Locale::En, &view, &msk());
        assert!(en.contains("2 h 05 min 00 s"), "{en}");
        assert!(en.contains("Mon 09:00 MSK"), "{en}");
    }

    #[test]
    fn breached_and_met_read_in_the_language() {
        let breached = CountdownView { state: SlaState::Breached, remaining_secs: -3600, resumes_at: None };
        assert!(badge_text(Locale::Ru, &breached, &msk()).contains("1 ч"));
        let met = CountdownView { state: SlaState::Met, remaining_secs: 0, resumes_at: None };
        assert_eq!(badge_text(Locale::En, &met, &msk()), format!("✓ {}", Msg::SlaMet.text(Locale::En)));
    }
}
