//! The card's SLA countdown, computed in the browser by the domain's
//! `Countdown::at` — the same code the server runs.

use crate::api::board::ZoneLabel;
use crate::domain::sla::{Countdown, CountdownView, SlaState};
use crate::i18n::{
    day_and_time, due_at, due_on, overdue_by, resumes_at, time_left, wall_time, weekday_time, Locale, Msg,
};
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

/// The badge's words for a reading of the clock: the working time left,
/// rounded to what matters (issue 17). When counting resumes and the
/// deadline itself are said beside it ([`deadline_text`], the details).
pub fn badge_text(locale: Locale, view: &CountdownView) -> String {
    match &view.state {
        SlaState::Met => format!("✓ {}", Msg::SlaMet.text(locale)),
        SlaState::Breached => overdue_by(locale, view.remaining_secs),
        SlaState::Paused { .. } => {
            format!("{} · {}", Msg::SlaPaused.text(locale), time_left(locale, view.remaining_secs))
        }
        SlaState::OnTrack | SlaState::AtRisk => time_left(locale, view.remaining_secs),
    }
}

/// The deadline in the viewer's terms: on their own clock when the browser
/// told it (`viewer`, seconds east of UTC) and it differs from the
/// calendar's, else on the calendar's with its zone; "today", "tomorrow"
/// against the viewer's date at `now`.
pub fn deadline_text(
    locale: Locale,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: &ZoneLabel,
    viewer: Option<i32>,
) -> String {
    let calendar = zone.at(due.timestamp()).0;
    let (offset, abbr) = match viewer {
        Some(v) if v != calendar => (v, String::new()),
        _ => (calendar, zone.at(due.timestamp()).1.to_string()),
    };
    let shift = |t: DateTime<Utc>| (t + Duration::seconds(i64::from(offset))).naive_utc();
    due_on(locale, &day_and_time(locale, shift(due), shift(now).date(), &abbr))
}

/// `owner` is the ticket's key, which keeps the details' id unique on a board.
#[component]
pub fn SlaBadge(
    countdown: Countdown,
    zone: ZoneLabel,
    now: Signal<DateTime<Utc>>,
    #[prop(into)] owner: String,
) -> impl IntoView {
    let locale = use_locale();
    let kind = labels::clock_kind(countdown.kind);
    let (due_local, due_abbr) = local(countdown.due, &zone);
    let due = countdown.due;
    let calendar_offset = zone.at(due.timestamp()).0;
    // Read after hydration (effects do not run on the server), so the
    // server's HTML and the first browser render agree.
    let viewer_offset = RwSignal::new(None::<i32>);
    Effect::new(move |_| viewer_offset.set(crate::viewer_zone::viewer_offset_secs(due)));
    let calendar_abbr = due_abbr.clone();
    let on_calendar = move |l: Locale| {
        format!("{}: {}", Msg::CalendarTime.text(l), wall_time(l, due_local, &calendar_abbr))
    };
    let yours = move |l: Locale| {
        viewer_offset
            .get()
            .and_then(|v| crate::viewer_zone::on_viewer_clock(l, due, v, calendar_offset))
            .map(|yours| format!("{}: {yours}", Msg::YourTime.text(l)))
    };
    // Hover still shows both clocks; tap and focus open the same lines below.
    let tooltip = move || {
        let l = locale.get();
        let calendar = format!("{}: {}", kind.text(l), due_at(l, &wall_time(l, due_local, &due_abbr)));
        match yours(l) {
            Some(yours) => format!("{calendar} ({yours})"),
            None => calendar,
        }
    };
    let countdown = StoredValue::new(countdown);
    let reading = Memo::new(move |_| countdown.with_value(|c| c.at(now.get())));
    let zone = StoredValue::new(zone);
    // A paused clock has no deadline yet, a met one needs none.
    let has_deadline =
        move || matches!(reading.get().state, SlaState::OnTrack | SlaState::AtRisk | SlaState::Breached);
    let due_line = move || {
        has_deadline()
            .then(|| zone.with_value(|z| deadline_text(locale.get(), due, now.get(), z, viewer_offset.get())))
    };
    let resumes = move || {
        let l = locale.get();
        reading.get().resumes_at.map(|at| {
            let (t, abbr) = zone.with_value(|z| local(at, z));
            resumes_at(l, &weekday_time(l, t, &abbr))
        })
    };
    let open = RwSignal::new(false);
    let details_id = format!("sla-when-{owner}");
    view! {
        // `data-remaining`: the exact working seconds, for tests and tools
        // (the words round them).
        <span
            class=move || format!("sla-badge sla-{}", state_code(&reading.get().state))
            title=tooltip
            data-remaining=move || reading.get().remaining_secs.to_string()
        >
            <button
                type="button"
                class="sla-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=details_id.clone()
                aria-label=move || format!("{} · {}", Msg::SlaDetails.text(locale.get()), kind.text(locale.get()))
                on:click=move |ev| {
                    // Opening the details neither follows the card's link nor starts a drag.
                    ev.stop_propagation();
                    open.update(|o| *o = !*o);
                }
            >
                <span class="sla-kind">{locale.text(kind)}</span>
                " "
                <span class="sla-time">{move || badge_text(locale.get(), &reading.get())}</span>
            </button>
            <span class="sla-due">{due_line}</span>
            <span class="sla-when" id=details_id hidden=move || !open.get()>
                {move || has_deadline().then(|| on_calendar(locale.get()))}
                {move || yours(locale.get()).filter(|_| has_deadline()).map(|y| view! { <br/> {y} })}
                {move || resumes().map(|r| view! { <br/> {r} })}
            </span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msk() -> ZoneLabel {
        ZoneLabel { name: "Europe/Moscow".into(), offsets: vec![(0, 10800, "MSK".into())] }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_badge_rounds_the_time_left_to_what_matters() {
        let view =
            |remaining_secs| CountdownView { state: SlaState::OnTrack, remaining_secs, resumes_at: None };
        assert_eq!(badge_text(Locale::En, &view(24 * 3600)), "24 h left");
        assert_eq!(badge_text(Locale::Ru, &view(2 * 3600 + 5 * 60 + 9)), "осталось 2 ч 05 мин");
        assert_eq!(badge_text(Locale::Uk, &view(12 * 60 + 3)), "залишилося 12 хв 03 с");
    }

    #[test]
    fn the_deadline_reads_on_the_calendar_clock_until_the_browser_knows_the_viewers() {
        let due = utc("2026-12-07T11:00:00Z");
        let now = utc("2026-12-02T09:00:00Z");
        assert_eq!(deadline_text(Locale::En, due, now, &msk(), None), "due Mon 7 Dec, 14:00 MSK");
        assert_eq!(deadline_text(Locale::En, due, now, &msk(), Some(10_800)), "due Mon 7 Dec, 14:00 MSK");
        // A Berlin viewer: their own clock, no zone to decode.
        assert_eq!(deadline_text(Locale::En, due, now, &msk(), Some(3600)), "due Mon 7 Dec, 12:00");
        let today = utc("2026-12-02T13:30:00Z");
        assert_eq!(deadline_text(Locale::Ru, today, now, &msk(), None), "срок сегодня 16:30 MSK");
        assert_eq!(deadline_text(Locale::Uk, today, now, &msk(), Some(7200)), "термін сьогодні 15:30");
        // Late evening in Moscow is already tomorrow there.
        let late = utc("2026-12-02T21:30:00Z");
        assert_eq!(
            deadline_text(Locale::En, late, utc("2026-12-02T20:00:00Z"), &msk(), None),
            "due tomorrow 00:30 MSK"
        );
    }

    #[test]
    fn breached_and_met_read_in_the_language() {
        let breached = CountdownView { state: SlaState::Breached, remaining_secs: -3600, resumes_at: None };
        assert_eq!(badge_text(Locale::Ru, &breached), "просрочено на 1 ч 00 мин");
        let met = CountdownView { state: SlaState::Met, remaining_secs: 0, resumes_at: None };
        assert_eq!(badge_text(Locale::En, &met), format!("✓ {}", Msg::SlaMet.text(Locale::En)));
    }
}
