//! The calendar form's structured part: time zone, round the clock, the
//! weekly grid, holidays and special days. What it holds is a
//! `CalendarDraft` (`calendar_grid`); this file only draws and edits it.

use super::calendar_grid::{
    add_holiday, holidays_by_year, parse_date, CalendarDraft, GridError, GridPlace, GridProblem,
    IntervalDraft, SpecialDayDraft, SUGGESTED_ZONES,
};
use crate::domain::sla::CalendarError;
use crate::i18n::{month_short, weekday_short, Locale, Msg};
use crate::locale::use_locale;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

const WEEKDAYS: [Msg; 7] = [
    Msg::WeekdayMonday,
    Msg::WeekdayTuesday,
    Msg::WeekdayWednesday,
    Msg::WeekdayThursday,
    Msg::WeekdayFriday,
    Msg::WeekdaySaturday,
    Msg::WeekdaySunday,
];

/// A row with a key of its own, so that the lists redraw only the rows
/// that come and go and a focused input keeps its focus while typing.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    key: u32,
    value: T,
}

fn keyed<T>(value: T) -> Keyed<T> {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    Keyed { key: NEXT.fetch_add(1, Ordering::Relaxed), value }
}

/// The draft being edited, one signal per list.
#[derive(Clone, Copy)]
pub struct GridState {
    pub tz: RwSignal<String>,
    pub always: RwSignal<bool>,
    week: [RwSignal<Vec<Keyed<IntervalDraft>>>; 7],
    holidays: RwSignal<Vec<NaiveDate>>,
    special: RwSignal<Vec<Keyed<SpecialDayDraft>>>,
}

impl GridState {
    pub fn new() -> GridState {
        let grid = GridState {
            tz: RwSignal::new(String::new()),
            always: RwSignal::new(false),
            week: std::array::from_fn(|_| RwSignal::new(Vec::new())),
            holidays: RwSignal::new(Vec::new()),
            special: RwSignal::new(Vec::new()),
        };
        grid.load(CalendarDraft::default());
        grid
    }

    pub fn load(self, draft: CalendarDraft) {
        self.tz.set(draft.tz);
        self.always.set(draft.always);
        for (signal, day) in self.week.iter().zip(draft.week) {
            signal.set(day.into_iter().map(keyed).collect());
        }
        self.holidays.set(draft.holidays);
        self.special.set(draft.special.into_iter().map(keyed).collect());
    }

    /// The draft, read reactively.
    pub fn draft(self) -> CalendarDraft {
        let values = |rows: Vec<Keyed<IntervalDraft>>| rows.into_iter().map(|r| r.value).collect();
        CalendarDraft {
            tz: self.tz.get(),
            always: self.always.get(),
            week: self.week.map(|day| values(day.get())),
            holidays: self.holidays.get(),
            special: self.special.get().into_iter().map(|r| r.value).collect(),
        }
    }

    pub fn draft_untracked(self) -> CalendarDraft {
        untrack(move || self.draft())
    }
}

/// A grid problem in the viewer's words.
pub fn problem_text(locale: Locale, problem: &GridProblem) -> String {
    let text = |msg: Msg| msg.text(locale).to_string();
    match problem {
        GridProblem::Required => text(Msg::ProblemRequired),
        GridProblem::Calendar(e) => match e {
            CalendarError::BadTime { .. } => text(Msg::ProblemBadTime),
            CalendarError::EndNotAfterStart { start, end, .. } => {
                format!("{} ({start}–{end})", text(Msg::ProblemEndNotAfterFrom))
            }
            CalendarError::Overlap { first, second, .. } => {
                format!("{} ({first}, {second})", text(Msg::ProblemIntervalsOverlap))
            }
            CalendarError::HolidayAndOverride { .. } => text(Msg::ProblemHolidayAndSpecial),
            CalendarError::NoWorkingTime => text(Msg::ProblemNoWorkingTime),
            // Not found in the browser (the zone is the server's to check).
            CalendarError::UnknownZone(_) | CalendarError::Json(_) => {
                format!("{} {e}", text(Msg::ProblemInvalid))
            }
        },
    }
}

/// Where the keyboard goes once the focused row is removed, so that it is
/// not dropped to the top of the page.
fn refocus<E>(target: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: leptos::wasm_bindgen::JsCast + Clone + AsRef<web_sys::HtmlElement> + 'static,
{
    if let Some(element) = target.get_untracked() {
        let element: &web_sys::HtmlElement = element.as_ref();
        let _ = element.focus();
    }
}

/// The problem shown at `place`, if any.
pub fn error_at(errors: Signal<Vec<GridError>>, place: GridPlace) -> impl Fn() -> Option<String> + Copy {
    let locale = use_locale();
    move || {
        errors.with(|e| e.iter().find(|x| x.place == place).map(|x| problem_text(locale.get(), &x.problem)))
    }
}

/// Zone, round the clock, and (unless round the clock) the week, holidays
/// and special days.
#[component]
pub fn CalendarEditor(grid: GridState, errors: Signal<Vec<GridError>>) -> impl IntoView {
    let locale = use_locale();
    let zone_error = error_at(errors, GridPlace::Zone);
    let calendar_error = error_at(errors, GridPlace::Calendar);
    view! {
        <div class="field" class:field-invalid=move || zone_error().is_some()>
            <label for="calendar-tz">{locale.text(Msg::TimeZone)}</label>
            <input
                id="calendar-tz"
                name="tz"
                list="calendar-zones"
                autocomplete="off"
                spellcheck="false"
                required
                aria-invalid=move || zone_error().is_some().to_string()
                aria-describedby="calendar-tz-error calendar-tz-hint"
                prop:value=move || grid.tz.get()
                on:input=move |ev| grid.tz.set(event_target_value(&ev))
            />
            <datalist id="calendar-zones">
                {SUGGESTED_ZONES.map(|zone| view! { <option value=zone></option> }).collect_view()}
            </datalist>
            <p class="field-hint" id="calendar-tz-hint">{locale.text(Msg::CalendarZoneHint)}</p>
            <p class="field-error" id="calendar-tz-error">{zone_error}</p>
        </div>
        <div class="calendar-always">
            <input
                id="calendar-always"
                type="checkbox"
                prop:checked=move || grid.always.get()
                on:change=move |ev| grid.always.set(event_target_checked(&ev))
            />
            <label for="calendar-always">{locale.text(Msg::CalendarAlways)}</label>
        </div>
        // Round the clock ignores everything below; it is kept, not sent.
        <div class="calendar-hours" hidden=move || grid.always.get()>
            <fieldset class="calendar-week">
                <legend>{locale.text(Msg::WorkingWeek)}</legend>
                <p class="field-hint">{locale.text(Msg::CalendarWeekHint)}</p>
                <ul class="calendar-days">
                    {(0..7).map(|day| view! { <DayRow day grid errors/> }).collect_view()}
                </ul>
            </fieldset>
            <HolidayList grid/>
            <SpecialDays grid errors/>
        </div>
        <p class="form-error" id="calendar-grid-error" role="alert">{calendar_error}</p>
    }
}

/// A pair of time fields and a remove button.
#[component]
fn IntervalInputs(
    #[prop(into)] from_label: Signal<String>,
    #[prop(into)] to_label: Signal<String>,
    #[prop(into)] remove_label: Signal<String>,
    #[prop(into)] from: Signal<String>,
    #[prop(into)] to: Signal<String>,
    set_from: Callback<String>,
    set_to: Callback<String>,
    on_remove: Callback<()>,
    described_by: String,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    view! {
        <span class="calendar-interval">
            <input
                type="time"
                aria-label=move || from_label.get()
                aria-describedby=described_by.clone()
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || from.get()
                on:input=move |ev| set_from.run(event_target_value(&ev))
            />
            <span aria-hidden="true">"–"</span>
            <input
                type="time"
                aria-label=move || to_label.get()
                aria-describedby=described_by
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || to.get()
                on:input=move |ev| set_to.run(event_target_value(&ev))
            />
            <button
                type="button"
                class="calendar-remove"
                aria-label=move || remove_label.get()
                title=move || remove_label.get()
                on:click=move |_| on_remove.run(())
            >
                "×"
            </button>
        </span>
    }
}

/// One weekday: its intervals, "day off" without any, and its buttons.
#[component]
fn DayRow(day: usize, grid: GridState, errors: Signal<Vec<GridError>>) -> impl IntoView {
    let locale = use_locale();
    let rows = grid.week[day];
    let name = WEEKDAYS[day];
    let name_id = format!("calendar-day-{day}");
    let error_id = format!("calendar-day-{day}-error");
    let error = error_at(errors, GridPlace::Day(day));
    let add_button = NodeRef::<leptos::html::Button>::new();
    let add = move |_| rows.update(|r| r.push(keyed(IntervalDraft::default())));
    // Monday's hours to Tuesday–Friday: the usual office week in one click.
    let copy = move |_| {
        let monday = rows.get_untracked();
        for target in &grid.week[1..5] {
            target.set(monday.iter().map(|r| keyed(r.value.clone())).collect());
        }
    };
    let interval = move |row: Keyed<IntervalDraft>| {
        let key = row.key;
        let index = move || rows.with(|r| r.iter().position(|x| x.key == key).unwrap_or(0));
        let label = move |part: Msg| {
            let l = locale.get();
            match index() {
                0 => format!("{}, {}", name.text(l), part.text(l)),
                n => format!("{} ({}), {}", name.text(l), n + 1, part.text(l)),
            }
        };
        let field = move |get: fn(&IntervalDraft) -> &String| {
            move || {
                rows.with(|r| {
                    r.iter().find(|x| x.key == key).map(|x| get(&x.value).clone()).unwrap_or_default()
                })
            }
        };
        let set = move |put: fn(&mut IntervalDraft, String)| {
            Callback::new(move |v: String| {
                rows.update(|r| {
                    if let Some(x) = r.iter_mut().find(|x| x.key == key) {
                        put(&mut x.value, v);
                    }
                })
            })
        };
        view! {
            <li>
                <IntervalInputs
                    from_label=Signal::derive(move || label(Msg::IntervalFrom))
                    to_label=Signal::derive(move || label(Msg::IntervalTo))
                    remove_label=Signal::derive(move || {
                        format!("{}: {}", Msg::CalendarRemoveInterval.text(locale.get()), label(Msg::IntervalFrom))
                    })
                    from=Signal::derive(field(|i| &i.from))
                    to=Signal::derive(field(|i| &i.to))
                    set_from=set(|i, v| i.from = v)
                    set_to=set(|i, v| i.to = v)
                    on_remove=Callback::new(move |_| {
                        rows.update(|r| r.retain(|x| x.key != key));
                        refocus(add_button);
                    })
                    described_by=error_id.clone()
                    invalid=Signal::derive(move || error().is_some())
                />
            </li>
        }
    };
    let error_id_view = format!("calendar-day-{day}-error");
    view! {
        <li class="calendar-day" class:calendar-row-invalid=move || error().is_some() role="group" aria-labelledby=name_id.clone()>
            <span class="calendar-day-name" id=name_id.clone()>{locale.text(name)}</span>
            <div class="calendar-day-hours">
                <ul class="calendar-intervals">
                    <For each=move || rows.get() key=|r| r.key children=interval/>
                </ul>
                <Show when=move || rows.with(Vec::is_empty)>
                    <span class="calendar-day-off">{locale.text(Msg::CalendarDayOff)}</span>
                </Show>
                <div class="calendar-day-actions">
                    <button
                        type="button"
                        class="link-button"
                        node_ref=add_button
                        aria-label=move || {
                            format!("{}: {}", Msg::CalendarAddInterval.text(locale.get()), name.text(locale.get()))
                        }
                        on:click=add
                    >
                        {locale.text(Msg::CalendarAddInterval)}
                    </button>
                    {(day == 0)
                        .then(|| {
                            view! {
                                <button type="button" class="link-button" on:click=copy>
                                    {locale.text(Msg::CalendarCopyMonday)}
                                </button>
                            }
                        })}
                </div>
                <p class="field-error" id=error_id_view>{error}</p>
            </div>
        </li>
    }
}

/// "1 Jan, Thu": the year is the group's heading.
fn holiday_text(locale: Locale, date: NaiveDate) -> String {
    let month = chrono::Month::try_from(date.month() as u8).unwrap_or(chrono::Month::January);
    format!("{} {}, {}", date.day(), month_short(locale, month), weekday_short(locale, date.weekday()))
}

/// The holidays by year, each removable, and a date field to add one.
#[component]
fn HolidayList(grid: GridState) -> impl IntoView {
    let locale = use_locale();
    let new_date = RwSignal::new(String::new());
    let date_input = NodeRef::<leptos::html::Input>::new();
    let message = RwSignal::new(None::<Msg>);
    let add = move || match parse_date(&new_date.get_untracked()) {
        None => message.set(Some(Msg::ProblemRequired)),
        Some(date) => {
            let mut added = false;
            grid.holidays.update(|h| added = add_holiday(h, date));
            message.set((!added).then_some(Msg::CalendarHolidayListed));
            if added {
                new_date.set(String::new());
            }
        }
    };
    let years = move || {
        let years = holidays_by_year(&grid.holidays.get());
        if years.is_empty() {
            return view! { <p class="calendar-empty">{locale.text(Msg::CalendarNoHolidays)}</p> }.into_any();
        }
        years
            .into_iter()
            .map(|(year, dates)| {
                let dates_len = dates.len();
                let items = dates
                    .into_iter()
                    .map(|date| {
                        let remove_label = move || {
                            format!(
                                "{} {}",
                                Msg::CalendarRemove.text(locale.get()),
                                crate::i18n::date(locale.get(), date)
                            )
                        };
                        view! {
                            <li>
                                <time datetime=date.to_string()>{move || holiday_text(locale.get(), date)}</time>
                                <button
                                    type="button"
                                    class="calendar-remove"
                                    aria-label=remove_label
                                    title=remove_label
                                    on:click=move |_| {
                                        grid.holidays.update(|h| h.retain(|d| *d != date));
                                        refocus(date_input);
                                    }
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let count = format!("({})", dates_len);
                view! {
                    <div class="calendar-year">
                        <h3>{year} " " <span class="calendar-year-count">{count}</span></h3>
                        <ul class="calendar-holiday-list">{items}</ul>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="calendar-holidays">
            <legend>
                {locale.text(Msg::HolidaysLabel)} " (" {move || grid.holidays.with(Vec::len)} ")"
            </legend>
            {years}
            <div class="calendar-add">
                <label for="calendar-holiday-new">{locale.text(Msg::CalendarHolidayDate)}</label>
                <div class="calendar-add-row">
                    <input
                        id="calendar-holiday-new"
                        type="date"
                        node_ref=date_input
                        aria-describedby="calendar-holiday-new-error"
                        prop:value=move || new_date.get()
                        on:input=move |ev| {
                            new_date.set(event_target_value(&ev));
                            message.set(None);
                        }
                        // Enter adds the date rather than saving the form.
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" on:click=move |_| add()>{locale.text(Msg::CalendarAdd)}</button>
                </div>
                <p class="field-error" id="calendar-holiday-new-error">{move || message.get().map(|m| m.text(locale.get()))}</p>
            </div>
        </fieldset>
    }
}

/// Special days (overrides): one row per date and interval.
#[component]
fn SpecialDays(grid: GridState, errors: Signal<Vec<GridError>>) -> impl IntoView {
    let locale = use_locale();
    let rows = grid.special;
    let add_button = NodeRef::<leptos::html::Button>::new();
    let row_view = move |row: Keyed<SpecialDayDraft>| {
        let key = row.key;
        let index = move || rows.with(|r| r.iter().position(|x| x.key == key).unwrap_or(0));
        let error = move || {
            let place = GridPlace::Special(index());
            errors
                .with(|e| e.iter().find(|x| x.place == place).map(|x| problem_text(locale.get(), &x.problem)))
        };
        let error_id = format!("calendar-special-{key}-error");
        let date = move || {
            rows.with(|r| r.iter().find(|x| x.key == key).map(|x| x.value.date.clone()).unwrap_or_default())
        };
        let day_name = move || {
            let l = locale.get();
            match parse_date(&date()) {
                Some(d) => format!("{} {}", Msg::CalendarSpecialDay.text(l), crate::i18n::date(l, d)),
                None => Msg::CalendarSpecialDay.text(l).to_string(),
            }
        };
        let edit = move |change: fn(&mut SpecialDayDraft, String)| {
            Callback::new(move |v: String| {
                rows.update(|r| {
                    if let Some(x) = r.iter_mut().find(|x| x.key == key) {
                        change(&mut x.value, v);
                    }
                })
            })
        };
        let hours = move |get: fn(&IntervalDraft) -> &String| {
            move || {
                rows.with(|r| {
                    r.iter().find(|x| x.key == key).map(|x| get(&x.value.hours).clone()).unwrap_or_default()
                })
            }
        };
        let set_date = edit(|x, v| x.date = v);
        view! {
            <li class="calendar-special-row" class:calendar-row-invalid=move || error().is_some()>
                <input
                    type="date"
                    aria-label=move || format!("{}, {}", Msg::CalendarSpecialDay.text(locale.get()), Msg::CalendarDate.text(locale.get()))
                    aria-describedby=error_id.clone()
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=date
                    on:input=move |ev| set_date.run(event_target_value(&ev))
                />
                <IntervalInputs
                    from_label=Signal::derive(move || format!("{}, {}", day_name(), Msg::IntervalFrom.text(locale.get())))
                    to_label=Signal::derive(move || format!("{}, {}", day_name(), Msg::IntervalTo.text(locale.get())))
                    remove_label=Signal::derive(move || format!("{}: {}", Msg::CalendarRemove.text(locale.get()), day_name()))
                    from=Signal::derive(hours(|i| &i.from))
                    to=Signal::derive(hours(|i| &i.to))
                    set_from=edit(|x, v| x.hours.from = v)
                    set_to=edit(|x, v| x.hours.to = v)
                    on_remove=Callback::new(move |_| {
                        rows.update(|r| r.retain(|x| x.key != key));
                        refocus(add_button);
                    })
                    described_by=error_id.clone()
                    invalid=Signal::derive(move || error().is_some())
                />
                <p class="field-error" id=error_id.clone()>{error}</p>
            </li>
        }
    };
    view! {
        <fieldset class="calendar-special">
            <legend>{locale.text(Msg::CalendarSpecialDays)}</legend>
            <p class="field-hint">{locale.text(Msg::CalendarSpecialHint)}</p>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="calendar-empty">{locale.text(Msg::CalendarNoSpecialDays)}</p>
            </Show>
            <ul class="calendar-special-list">
                <For each=move || rows.get() key=|r| r.key children=row_view/>
            </ul>
            <button
                type="button"
                class="link-button"
                node_ref=add_button
                on:click=move |_| rows.update(|r| r.push(keyed(SpecialDayDraft::default())))
            >
                {locale.text(Msg::CalendarAddSpecialDay)}
            </button>
        </fieldset>
    }
}
