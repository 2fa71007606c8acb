//! The card's SLA countdown, computed in the browser by the domain's
//! `Countdown::at` — the same code the server runs.

use super::card::waiting_label;
use super::model::ZoneLabel;
use crate::domain::sla::{ClockKind, Countdown, CountdownView, SlaState};
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

/// Working seconds as `2h 05m 09s` (hours keep counting past a day: these
/// are working hours, not calendar days).
pub fn format_working(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}h {m:02}m {s:02}s")
    } else {
        format!("{m}m {s:02}s")
    }
}

/// A wall-clock time in a zone described by offsets, e.g. `Mon 09:00 MSK`.
pub fn format_wall(t: DateTime<Utc>, zone: &ZoneLabel) -> String {
    let (offset, abbr) = zone.at(t.timestamp());
    let local = t + Duration::seconds(offset as i64);
    format!("{} {abbr}", local.format("%a %d %b %H:%M"))
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

fn badge_text(view: &CountdownView, zone: &ZoneLabel) -> String {
    let left = format_working(view.remaining_secs);
    match &view.state {
        SlaState::Met => "✓ met".to_string(),
        SlaState::Breached => format!("overdue {left}"),
        SlaState::Paused { reason } => format!("⏸ {left} · {}", waiting_label(*reason).to_lowercase()),
        SlaState::OnTrack | SlaState::AtRisk => match view.resumes_at {
            Some(at) => format!("{left} · resumes {}", format_wall(at, zone)),
            None => left,
        },
    }
}

#[component]
pub fn SlaBadge(countdown: Countdown, zone: ZoneLabel, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let kind = match countdown.kind {
        ClockKind::Reaction => "Reaction",
        ClockKind::Resolution => "Resolution",
    };
    let tooltip = format!("{kind} due {}", format_wall(countdown.due, &zone));
    let countdown = StoredValue::new(countdown);
    let view_now = Memo::new(move |_| countdown.with_value(|c| c.at(now.get())));
    let zone = StoredValue::new(zone);
    view! {
        <span
            class=move || format!("sla-badge sla-{}", state_code(&view_now.get().state))
            title=tooltip
        >
            <span class="sla-kind">{kind}</span>
            <span class="sla-time">{move || zone.with_value(|z| badge_text(&view_now.get(), z))}</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_time_is_hours_minutes_seconds() {
        assert_eq!(format_working(0), "0m 00s");
        assert_eq!(format_working(65), "1m 05s");
        assert_eq!(format_working(27 * 3600 + 3 * 60 + 9), "27h 03m 09s");
        assert_eq!(format_working(-3661), "1h 01m 01s");
    }
}
