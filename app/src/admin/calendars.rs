//! Business calendars: edited as a weekly grid with holidays and special
//! days (`calendar_editor`), with the JSON kept as import and export, and
//! the iCal holiday import. The grid is checked by the domain's own rules
//! before it is sent; the server checks the whole calendar again.

use super::calendar_editor::{CalendarEditor, GridState};
use super::calendar_grid::CalendarDraft;
use super::form::{after_save, EditButton, Feedback, FormActions, FormHeading, TextField};
use crate::domain::admin::{FormErrors, Problem};
use crate::domain::sla::CalendarSpec;
use crate::functions::admin::{AdminData, CalendarItem};
use crate::functions::calendars::{import_ics, save_calendar, MAX_NAME_CHARS};
use crate::i18n::{holidays_imported, weekday_short, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// "Mon–Fri 09:00–18:00", or "24/7", for the table.
fn week_summary(spec: &CalendarSpec, locale: crate::i18n::Locale) -> String {
    if spec.always {
        return Msg::RoundTheClock.text(locale).to_string();
    }
    let w = &spec.weekly;
    let days = [&w.mon, &w.tue, &w.wed, &w.thu, &w.fri, &w.sat, &w.sun];
    let hours =
        |d: &Vec<[String; 2]>| d.iter().map(|i| format!("{}–{}", i[0], i[1])).collect::<Vec<_>>().join(", ");
    // Runs of days with the same hours: "Mon–Fri 09:00–18:00".
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        let mut j = i;
        while j + 1 < 7 && days[j + 1] == days[i] {
            j += 1;
        }
        if !days[i].is_empty() {
            let name = |k: usize| {
                weekday_short(locale, chrono::Weekday::try_from(k as u8).unwrap_or(chrono::Weekday::Mon))
            };
            let span = if i == j { name(i).to_string() } else { format!("{}–{}", name(i), name(j)) };
            parts.push(format!("{span} {}", hours(days[i])));
        }
        i = j + 1;
    }
    parts.join("; ")
}

/// The calendar JSON as the editor shows it.
fn pretty(spec: &CalendarSpec) -> String {
    serde_json::to_string_pretty(spec).unwrap_or_default()
}

/// The calendar's name as typed.
fn check_name(name: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::default();
    let name = name.trim();
    if name.is_empty() {
        errors.push("name", Problem::Required);
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push_limit("name", Problem::TooLong, MAX_NAME_CHARS);
    }
    errors.or_ok(|| name.to_string())
}

/// Pasted calendar JSON: its shape only. The zone, the hours and their
/// overlaps are the grid's and the server's to check; parsing the zone in
/// the browser would ship the whole time-zone database with the page.
fn read_json(json: &str) -> Result<CalendarSpec, FormErrors> {
    serde_json::from_str::<CalendarSpec>(json).map_err(|e| {
        let mut errors = FormErrors::default();
        errors.push_detail("calendar", Problem::Invalid, e.to_string());
        errors
    })
}

#[component]
pub fn Calendars(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let grid = GridState::new();
    let json = RwSignal::new(String::new());
    // The grid's problems show from the first save on, then follow the edits.
    let checked = RwSignal::new(false);
    let grid_errors =
        Signal::derive(move || if checked.get() { grid.draft().problems() } else { Vec::new() });
    // The JSON is the grid's export while editing.
    Effect::new(move |_| json.set(pretty(&grid.draft().spec())));
    let feedback = Feedback::new();
    let action = Action::new(move |(id, name, calendar): &(Option<i64>, String, serde_json::Value)| {
        let (id, name, calendar) = (*id, name.clone(), calendar.clone());
        async move { save_calendar(id, name, calendar).await }
    });
    after_save(action, feedback, reload);
    let start = move |id: Option<i64>, calendar_name: String, draft: CalendarDraft| {
        editing.set(id);
        name.set(calendar_name);
        grid.load(draft);
        checked.set(false);
        feedback.clear();
    };
    let start_new = Callback::new(move |_| start(None, String::new(), CalendarDraft::default()));
    // Pasted JSON replaces the grid (the import); `false` when unreadable.
    let load_json = move || match read_json(&json.get_untracked()) {
        Ok(spec) => {
            grid.load(CalendarDraft::from_spec(&spec));
            feedback.clear();
            true
        }
        Err(e) => {
            feedback.invalid(e);
            false
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // JSON pasted and saved without loading it first: it is the import.
        if json.get_untracked() != pretty(&grid.draft_untracked().spec()) && !load_json() {
            return;
        }
        checked.set(true);
        let calendar = grid.draft_untracked().to_spec();
        match check_name(&name.get_untracked()) {
            Err(e) => feedback.invalid(e),
            Ok(_) if calendar.is_err() => feedback.clear(),
            Ok(n) => {
                feedback.clear();
                let value = calendar.ok().and_then(|c| serde_json::to_value(c).ok()).unwrap_or_default();
                action.dispatch((editing.get_untracked(), n, value));
            }
        }
    };
    let edit =
        move |c: &CalendarItem| start(Some(c.id), c.name.clone(), CalendarDraft::from_spec(&c.calendar));

    let notes = data.clone();
    let rows = data
        .calendars
        .iter()
        .map(|c| {
            let item = c.clone();
            let spec = c.calendar.clone();
            let export = format!(
                "data:application/json;charset=utf-8,{}",
                js_escape(&serde_json::to_string_pretty(&c.calendar).unwrap_or_default())
            );
            let file = format!("{}.json", c.name.replace(['/', '\\', '"'], "_"));
            view! {
                <tr>
                    <td>{c.name.clone()}</td>
                    <td>{c.calendar.tz.clone()}</td>
                    <td>{move || week_summary(&spec, locale.get())}</td>
                    <td class="num">{c.calendar.holidays.len()}</td>
                    <td class="nowrap">
                        <EditButton name=c.name.clone() on_edit=Callback::new(move |_| edit(&item))/>
                        " · "
                        <a href=export download=file>{locale.text(Msg::DownloadJson)}</a>
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <div class="admin-layout calendar-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminCalendars)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col">{locale.text(Msg::TimeZone)}</th>
                            <th scope="col">{locale.text(Msg::WorkingWeek)}</th>
                            <th scope="col" class="num">{locale.text(Msg::HolidaysLabel)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="admin-side">
                <super::calendar_notes::CalendarNotes data=notes reload/>
                <form class="admin-form calendar-form" id="calendar-form" novalidate on:submit=submit>
                    <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                    <TextField form="calendar" field="name" label=Msg::Name value=name feedback required=true maxlength=MAX_NAME_CHARS/>
                    <CalendarEditor grid errors=grid_errors/>
                    // A refusal of the whole calendar by the server (such as an
                    // unknown zone) shows here too: the JSON may be folded away.
                    <p class="form-error" id="calendar-server-error">
                        {move || feedback.errors.with(|e| e.of("calendar").map(|x| super::form::problem_text(locale.get(), x)))}
                    </p>
                    <details class="calendar-json">
                        <summary>{locale.text(Msg::CalendarJson)}</summary>
                        <TextField
                            form="calendar"
                            field="calendar"
                            label=Msg::CalendarJson
                            value=json
                            feedback
                            rows=12
                            hint=Msg::CalendarJsonHint
                        />
                        <button type="button" class="calendar-load-json" on:click=move |_| { load_json(); }>
                            {locale.text(Msg::CalendarLoadJson)}
                        </button>
                    </details>
                    <FormActions
                        feedback
                        pending=action.pending().into()
                        editing=Signal::derive(move || editing.get().is_some())
                        on_new=start_new
                    />
                </form>
                <Show when=move || editing.get().is_some()>
                    <IcsImport id=editing reload/>
                </Show>
            </div>
        </div>
    }
}

/// Percent-encodes text for a `data:` URL.
fn js_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Adds holidays from an iCal file (or its pasted text) to the calendar
/// being edited.
#[component]
fn IcsImport(id: RwSignal<Option<i64>>, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let text = RwSignal::new(String::new());
    let result = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let action = Action::new(move |(id, ics): &(i64, String)| {
        let (id, ics) = (*id, ics.clone());
        async move { import_ics(id, ics).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(done)) => {
            failure.set(None);
            result.set(Some(holidays_imported(
                locale.0.get_untracked(),
                done.added as u64,
                done.in_file as u64,
            )));
            reload.run(());
        }
        Some(Err(e)) => {
            result.set(None);
            let l = locale.0.get_untracked();
            // The file's problem as the form words it (the parser's own
            // words say where), else the error by its variant.
            let first = e.form_errors().and_then(|f| f.errors.into_iter().next());
            failure.set(Some(match first {
                Some(problem) => super::form::problem_text(l, &problem),
                None => crate::labels::app_error_text(l, &e),
            }));
        }
        None => {}
    });
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
            if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
                let promise = file.text();
                leptos::task::spawn_local(async move {
                    if let Ok(v) = wasm_bindgen_futures::JsFuture::from(promise).await {
                        text.set(v.as_string().unwrap_or_default());
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = id.get_untracked() {
            if text.get_untracked().trim().is_empty() {
                failure.set(Some(Msg::ProblemRequired.text(locale.0.get_untracked()).to_string()));
            } else {
                action.dispatch((id, text.get_untracked()));
            }
        }
    };
    view! {
        <form class="admin-form" id="ics-form" on:submit=submit>
            <h2>{locale.text(Msg::ImportIcs)}</h2>
            <div class="field">
                <label for="ics-file">{locale.text(Msg::IcsFile)}</label>
                <input id="ics-file" type="file" accept=".ics,text/calendar" on:change=on_file/>
            </div>
            <div class="field">
                <label for="ics-text">{locale.text(Msg::IcsText)}</label>
                <textarea
                    id="ics-text"
                    rows="5"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <p class="form-error" role="alert">{move || failure.get()}</p>
            <p class="admin-result" role="status">{move || result.get()}</p>
            <div class="admin-form-actions">
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {locale.text(Msg::Import)}
                </button>
            </div>
        </form>
    }
}
