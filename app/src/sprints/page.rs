//! `/sprints`.

use crate::admin::form::{after_save, EditButton, Feedback, FormActions, FormHeading, Notice, TextField};
use crate::api::sprints::SprintItem;
use crate::domain::admin::Problem;
use crate::domain::sprint::{
    SprintDraft, SprintPhase, DEFAULT_SPRINT_DAYS, MAX_SPRINT_GOAL_CHARS, MAX_SPRINT_NAME_CHARS,
};
use crate::functions::sprints::{list_sprints, save_sprint};
use crate::i18n::{count_label, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;

fn phase_label(p: SprintPhase) -> Msg {
    match p {
        SprintPhase::Planned => Msg::SprintPlanned,
        SprintPhase::Active => Msg::SprintActive,
        SprintPhase::Finished => Msg::SprintFinished,
    }
}

#[component]
pub fn SprintsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| list_sprints());
    let reload = Callback::new(move |_| data.refetch());
    let notice = Notice(RwSignal::new(None));
    provide_context(notice);
    view! {
        <section class="admin-page sprints-page" aria-labelledby="sprints-title">
            <div class="page-head">
                <h1 id="sprints-title">{locale.text(Msg::NavSprints)}</h1>
            </div>
            <p class="admin-notice" role="status" aria-live="polite">{move || notice.0.get()}</p>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <SprintsView sprints=page.sprints can_manage=page.can_manage reload/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::SprintsLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SprintsView(sprints: Vec<SprintItem>, can_manage: bool, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(None::<i64>);
    let name = RwSignal::new(String::new());
    let goal = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let length = RwSignal::new(DEFAULT_SPRINT_DAYS.to_string());
    let capacity = RwSignal::new(String::new());
    let feedback = Feedback::new();
    let action = Action::new(move |(id, d): &(Option<i64>, SprintDraft)| {
        let (id, d) = (*id, d.clone());
        async move { save_sprint(id, d.name, d.goal, d.starts_on, d.length_days, d.capacity_hours).await }
    });
    after_save(action, feedback, reload);
    let others: Vec<(i64, crate::domain::sprint::SprintDays)> = sprints
        .iter()
        .filter_map(|s| {
            let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
            Some((
                s.id,
                crate::domain::sprint::SprintDays {
                    starts_on: day(&s.starts_on)?,
                    ends_on: day(&s.ends_on)?,
                },
            ))
        })
        .collect();
    let others = StoredValue::new(others);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        for s in [name, goal, starts, capacity] {
            s.set(String::new());
        }
        length.set(DEFAULT_SPRINT_DAYS.to_string());
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>();
        let draft = SprintDraft {
            name: name.get_untracked(),
            goal: goal.get_untracked(),
            starts_on: starts.get_untracked(),
            length_days: number(length).unwrap_or(0),
            capacity_hours: number(capacity).unwrap_or(-1),
        };
        let id = editing.get_untracked();
        let days: Vec<_> =
            others.with_value(|o| o.iter().filter(|(i, _)| Some(*i) != id).map(|(_, d)| *d).collect());
        let mut errors = draft.validate(&days).err().unwrap_or_default();
        // A number the browser could not read is "invalid", not "out of range".
        for (field, value) in [("length_days", length), ("capacity_hours", capacity)] {
            if value.get_untracked().trim().parse::<i64>().is_err() {
                errors.errors.retain(|e| e.field != field);
                errors.push(field, Problem::Invalid);
            }
        }
        if errors.is_empty() {
            feedback.clear();
            action.dispatch((id, draft));
        } else {
            feedback.invalid(errors);
        }
    };

    let list = if sprints.is_empty() {
        view! { <p class="notice">{locale.text(Msg::NoSprints)}</p> }.into_any()
    } else {
        sprints
            .into_iter()
            .map(|s| {
                let item = s.clone();
                let phase = s.phase;
                let load = format!("{} / {}", s.estimated_hours, s.capacity_hours);
                let over = s.estimated_hours > s.capacity_hours;
                let tickets = if s.tickets.is_empty() {
                    view! { <p class="muted">{locale.text(Msg::SprintNoTickets)}</p> }.into_any()
                } else {
                    let rows = s
                        .tickets
                        .into_iter()
                        .map(|t| {
                            let href = format!("/tickets/{}", t.key);
                            let due_local = t.due_local.clone();
                            let flagged = t.due_before_end.then(|| {
                                view! { <span class="chip chip-flag">{locale.text(Msg::DueBeforeSprintEnd)}</span> }
                            });
                            let estimate = t.estimate_hours;
                            view! {
                                <tr class:row-flagged=t.due_before_end>
                                    <td class="nowrap"><a href=href>{t.key.clone()}</a></td>
                                    <td>{t.title.clone()} " " {flagged}</td>
                                    <td>{locale.text(labels::status(t.status))}</td>
                                    <td>
                                        {move || estimate
                                            .map(|h| count_label(locale.get(), h.max(0) as u64, Noun::Hour))
                                            .unwrap_or_else(|| Msg::NotEstimated.text(locale.get()).to_string())}
                                    </td>
                                    <td class="nowrap">{due_local}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <table class="admin-table">
                            <caption class="visually-hidden">{locale.text(Msg::SprintTickets)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"ID"</th>
                                    <th scope="col">{locale.text(Msg::Title)}</th>
                                    <th scope="col">{locale.text(Msg::StatusLabel)}</th>
                                    <th scope="col">{locale.text(Msg::Estimate)}</th>
                                    <th scope="col">{locale.text(Msg::Deadline)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                    .into_any()
                };
                let edit = can_manage.then(|| {
                    view! {
                        <EditButton name=s.name.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(item.id));
                            name.set(item.name.clone());
                            goal.set(item.goal.clone());
                            starts.set(item.starts_on.clone());
                            length.set(item.length_days.to_string());
                            capacity.set(item.capacity_hours.to_string());
                            feedback.clear();
                        })/>
                    }
                });
                view! {
                    <article class="sprint" data-phase=format!("{phase:?}").to_lowercase()>
                        <header class="sprint-head">
                            <h2>{s.name.clone()}</h2>
                            <span class=format!("chip sprint-phase phase-{}", format!("{phase:?}").to_lowercase())>
                                {locale.text(phase_label(phase))}
                            </span>
                            <span class="muted">{s.starts_on.clone()} " – " {s.ends_on.clone()}</span>
                            <span class:over-capacity=over title=locale.text(Msg::SprintLoad)>
                                {locale.text(Msg::SprintLoad)} ": " {load}
                            </span>
                            <a class="sprint-plan-link" href=format!("/sprints/{}/plan", s.id)>{locale.text(Msg::PlanSprintLink)}</a>
                            {edit}
                        </header>
                        {(!s.goal.is_empty()).then(|| view! { <p class="sprint-goal">{s.goal.clone()}</p> })}
                        {tickets}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    let form = can_manage.then(|| {
        view! {
            <form class="admin-form" id="sprint-form" novalidate on:submit=submit>
                <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::NewSprint/>
                <TextField form="sprint" field="name" label=Msg::SprintName value=name feedback required=true maxlength=MAX_SPRINT_NAME_CHARS/>
                <TextField form="sprint" field="goal" label=Msg::SprintGoal value=goal feedback rows=3 maxlength=MAX_SPRINT_GOAL_CHARS/>
                <div class="admin-row">
                    <TextField form="sprint" field="starts_on" label=Msg::SprintStarts value=starts feedback kind="date" required=true/>
                    <TextField form="sprint" field="length_days" label=Msg::SprintLength value=length feedback kind="number" required=true/>
                </div>
                <TextField form="sprint" field="capacity_hours" label=Msg::SprintCapacity value=capacity feedback kind="number" required=true/>
                <FormActions
                    feedback
                    pending=action.pending().into()
                    editing=Signal::derive(move || editing.get().is_some())
                    on_new=start_new
                />
            </form>
        }
    });
    view! {
        <div class="admin-layout">
            <div class="sprint-list">{list}</div>
            {form}
        </div>
    }
}
