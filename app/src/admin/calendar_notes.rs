//! What the admin area says about calendars besides the table: the warning
//! for calendars in use with no holidays entered for this or the coming
//! year (on every section, so it is not missed), the choice of the desk's
//! own calendar, and Ukraine's martial-law rule for the Kyiv calendar.

use super::form::{after_save, Feedback};
use crate::domain::quality::QualityBands;
use crate::functions::admin::save_quality_bands;
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
        <QualityBandsForm bands=data.quality_bands reload/>
    }
}

/// A band edge as typed ("4.7", "4,70") in hundredths.
fn hundredths(text: &str) -> Option<u16> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    let scaled = (value * 100.0).round();
    (value.is_finite() && (100.0..=500.0).contains(&scaled)).then_some(scaled as u16)
}

/// The monthly quality score's bands (seed 000 §6: good from 4.70, normal
/// from 4.00), checked by the domain here and again on the server.
#[component]
fn QualityBandsForm(bands: QualityBands, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let feedback = Feedback::new();
    let good = RwSignal::new(crate::api::reports::score(bands.good_from));
    let normal = RwSignal::new(crate::api::reports::score(bands.normal_from));
    let error = RwSignal::new(None::<Msg>);
    let action = Action::new(move |b: &QualityBands| {
        let b = *b;
        async move { save_quality_bands(b.good_from, b.normal_from).await }
    });
    after_save(action, feedback, reload);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = hundredths(&good.get_untracked())
            .zip(hundredths(&normal.get_untracked()))
            .and_then(|(g, n)| QualityBands::new(g, n).ok());
        match parsed {
            Some(b) => {
                error.set(None);
                action.dispatch(b);
            }
            None => error.set(Some(Msg::QualityBandsInvalid)),
        }
    };
    let field = |id: &'static str, label: Msg, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{locale.text(label)}</label>
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    size="5"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby="quality-bands-error"
                />
            </div>
        }
    };
    view! {
        <form class="admin-form quality-bands" on:submit=submit>
            <h3>{locale.text(Msg::QualityBandsHeading)}</h3>
            {field("quality-good", Msg::QualityBandGoodFrom, good)}
            {field("quality-normal", Msg::QualityBandNormalFrom, normal)}
            <p id="quality-bands-error" class="form-error" role="alert">
                {move || error.get().map(|m| m.text(locale.get()))}
            </p>
            <button type="submit" disabled=move || action.pending().get()>
                {locale.text(Msg::Save)}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::hundredths;

    #[test]
    fn band_edges_read_as_typed() {
        assert_eq!(hundredths("4.7"), Some(470));
        assert_eq!(hundredths(" 4,70 "), Some(470));
        assert_eq!(hundredths("5"), Some(500));
        assert_eq!(hundredths("0.99"), None);
        assert_eq!(hundredths("5.01"), None);
        assert_eq!(hundredths("четыре"), None);
    }
}
