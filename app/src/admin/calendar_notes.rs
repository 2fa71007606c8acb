//! What the admin area says about calendars besides the table: the warning
//! for calendars in use with no holidays entered for this or the coming
//! year (on every section, so it is not missed), the choice of the desk's
//! own calendar, and Ukraine's martial-law rule for the Kyiv calendar.

use super::form::{after_save, Feedback};
use crate::functions::admin::{AdminData, CalendarGap};
use crate::functions::calendars::set_desk_calendar;
use crate::i18n::{calendar_year_missing, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// One line per calendar and year with nothing entered.
#[component]
pub fn CalendarGaps(gaps: Vec<CalendarGap>) -> impl IntoView {
    let locale = use_locale();
    (!gaps.is_empty()).then(|| {
        let items = gaps
            .into_iter()
            .map(|g| view! { <li>{move || calendar_year_missing(locale.get(), &g.name, g.year)}</li> })
            .collect_view();
        view! {
            <div class="admin-warning calendar-gaps" role="alert">
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The desk's calendar (tickets without a valid contract count on it) and
/// the note on Ukraine's holidays when a Kyiv calendar exists.
#[component]
pub fn CalendarNotes(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let feedback = Feedback::new();
    let current = data.desk_calendar_id;
    let chosen = RwSignal::new(current);
    let action = Action::new(move |id: &i64| {
        let id = *id;
        async move { set_desk_calendar(id).await }
    });
    after_save(action, feedback, reload);
    let options = data
        .calendars
        .iter()
        .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == current>{c.name.clone()}</option> })
        .collect_view();
    let kyiv =
        data.calendars.iter().any(|c| c.calendar.tz == "Europe/Kyiv" || c.calendar.tz == "Europe/Kiev");
    view! {
        <form class="admin-form desk-calendar" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(id) = chosen.get_untracked() {
                action.dispatch(id);
            }
        }>
            <div class="field">
                <label for="desk-calendar">{locale.text(Msg::DeskCalendarLabel)}</label>
                <div class="move-row">
                    <select id="desk-calendar" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        <option value="" disabled selected=current.is_none()>{locale.text(Msg::ChooseOne)}</option>
                        {options}
                    </select>
                    <button type="submit" disabled=move || action.pending().get() || chosen.get() == current>
                        {locale.text(Msg::Save)}
                    </button>
                </div>
            </div>
        </form>
        {kyiv.then(|| view! { <p class="muted martial-law-note">{locale.text(Msg::MartialLawNote)}</p> })}
    }
}
