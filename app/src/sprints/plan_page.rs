//! `/sprints/<id>/plan` (issue 16): the backlog by time left on the
//! resolution clock beside the sprint in working order. A lead drags tickets
//! between them and within the sprint, or uses the keyboard (Shift+→ plans a
//! focused backlog ticket, Shift+← takes a sprint ticket out, Shift+↑/↓
//! reorders) and the "Plan into…" menu. The breach forecast is recomputed in
//! the browser on every reorder with the domain's own `forecast`.

use crate::api::sprint_plan::{PlanCard, SprintCharts, SprintPlanPage, SprintRef};
use crate::domain::sprint_forecast::{forecast, ForecastLine, SprintSchedule, Verdict};
use crate::domain::sprint_plan::{is_finished, CarryOver, Outcome, SlaOutcome};
use crate::error::AppError;
use crate::functions::sprint_plan::{
    close_sprint, load_sprint_charts, plan_ticket, reorder_sprint, sprint_plan_view, unplan_ticket,
    CloseDecision,
};
use crate::i18n::{working_duration, Locale, Msg};
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Where a dragged card comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Backlog,
    Sprint,
}

/// `card` moved to `to` places before the card `before` (or to the end).
fn reordered(list: &[PlanCard], card: i64, before: Option<i64>) -> Vec<PlanCard> {
    let Some(moving) = list.iter().find(|c| c.id == card).cloned() else { return list.to_vec() };
    let mut out: Vec<PlanCard> = list.iter().filter(|c| c.id != card).cloned().collect();
    let at = before.and_then(|b| out.iter().position(|c| c.id == b)).unwrap_or(out.len());
    out.insert(at, moving);
    out
}

/// `card` one place up (`-1`) or down (`+1`).
fn stepped(list: &[PlanCard], card: i64, step: i32) -> Vec<PlanCard> {
    let mut out = list.to_vec();
    if let Some(i) = out.iter().position(|c| c.id == card) {
        let j = i as i32 + step;
        if (0..out.len() as i32).contains(&j) {
            out.swap(i, j as usize);
        }
    }
    out
}

/// The forecast of the unfinished tickets of `planned`, in order.
fn recompute(schedule: &SprintSchedule, planned: &[PlanCard], now: DateTime<Utc>) -> Vec<ForecastLine> {
    let work: Vec<_> = planned.iter().filter(|c| !is_finished(c.status)).map(|c| c.work()).collect();
    forecast(schedule, &work, now).lines
}

/// The working day of the desk's calendar `t` falls in (`YYYY-MM-DD`).
fn work_day(schedule: &SprintSchedule, t: DateTime<Utc>) -> Option<String> {
    let s = t.timestamp();
    schedule
        .days
        .iter()
        .find(|d| {
            d.intervals.first().is_some_and(|x| x.0 <= s) && d.intervals.last().is_some_and(|x| s <= x.1)
        })
        .map(|d| d.date.format("%Y-%m-%d").to_string())
}

fn verdict_text(locale: Locale, v: Verdict) -> String {
    match v {
        Verdict::OnTime => Msg::ForecastOnTime.text(locale).to_string(),
        Verdict::Late { by_secs } => {
            format!("{} {}", Msg::ForecastLateBy.text(locale), working_duration(locale, by_secs))
        }
        Verdict::Breached => Msg::ForecastBreached.text(locale).to_string(),
        Verdict::Paused => Msg::ForecastPaused.text(locale).to_string(),
        Verdict::NoDeadline => Msg::ForecastNoDeadline.text(locale).to_string(),
    }
}

fn outcome_text(o: Outcome) -> Msg {
    match o {
        Outcome::Done => Msg::OutcomeDone,
        Outcome::CarriedOver => Msg::OutcomeCarried,
        Outcome::BackToBacklog => Msg::PlanBackToBacklog,
    }
}

fn sla_text(o: SlaOutcome) -> Msg {
    match o {
        SlaOutcome::Met => Msg::SlaOutcomeMet,
        SlaOutcome::Breached => Msg::SlaOutcomeBreached,
        SlaOutcome::Open => Msg::SlaOutcomeOpen,
        SlaOutcome::None => Msg::SlaOutcomeNone,
    }
}

/// Puts the keyboard focus back on the card `id` once it is drawn again.
fn focus_card(id: i64) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let found = document().query_selector(&format!(".plan-card[data-id=\"{id}\"]")).ok().flatten();
        if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn SprintPlanPageView() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(id, sprint_plan_view);
    let charts = Resource::new(move || (id(), locale.get()), |(id, l)| load_sprint_charts(id, l));
    let notice = RwSignal::new(None::<Result<String, String>>);
    let focus = RwSignal::new(None::<i64>);
    let reload = Callback::new(move |_: ()| {
        data.refetch();
        charts.refetch();
    });
    view! {
        <section class="admin-page sprint-plan-page" aria-labelledby="plan-title">
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <PlanView page notice focus reload/> }.into_any(),
                        Err(e) => view! {
                            <h1 id="plan-title">{locale.text(Msg::PlanTitle)}</h1>
                            <p class="error" role="alert">
                                {move || format!("{}: {}", Msg::PlanLoadFailed.text(locale.get()), labels::app_error_text(locale.get(), &e))}
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <p class="plan-notice" role="status" aria-live="polite">
                {move || match notice.get() {
                    Some(Ok(text)) => view! { <span class="notice-ok">{text}</span> }.into_any(),
                    Some(Err(text)) => view! { <span class="notice-error">{text}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    charts.await.ok().map(|c| view! { <ChartsView charts=c/> })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PlanView(
    page: SprintPlanPage,
    notice: RwSignal<Option<Result<String, String>>>,
    focus: RwSignal<Option<i64>>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let SprintPlanPage {
        sprint,
        can_plan,
        now,
        schedule,
        backlog,
        planned,
        open_sprints,
        next_sprint,
        report,
        ..
    } = page;
    let sprint_id = sprint.id;
    let schedule = StoredValue::new(schedule);
    let backlog = RwSignal::new(backlog);
    let planned = RwSignal::new(planned);
    let dragging = RwSignal::new(None::<(i64, i64, From)>);
    // Recomputed in the browser whenever the order changes.
    let lines = Memo::new(move |_| planned.with(|p| schedule.with_value(|s| recompute(s, p, now))));
    if let Some(id) = focus.get_untracked() {
        focus_card(id);
    }
    let fail = move |e: AppError| {
        notice.set(Some(Err(labels::app_error_text(locale.0.get_untracked(), &e))));
        reload.run(());
    };
    let plan = Action::new(move |(ticket, version, into): &(i64, i64, i64)| {
        let (ticket, version, into) = (*ticket, *version, *into);
        async move {
            match plan_ticket(ticket, version, Some(into)).await {
                Ok(_) => {
                    notice.set(Some(Ok(Msg::PlanPlannedNotice.text(locale.0.get_untracked()).to_string())));
                    focus.set(Some(ticket));
                    reload.run(());
                }
                Err(e) => fail(e),
            }
        }
    });
    let unplan = Action::new(move |(ticket, version): &(i64, i64)| {
        let (ticket, version) = (*ticket, *version);
        async move {
            match unplan_ticket(ticket, version).await {
                Ok(_) => {
                    notice.set(Some(Ok(Msg::PlanUnplannedNotice.text(locale.0.get_untracked()).to_string())));
                    focus.set(Some(ticket));
                    reload.run(());
                }
                Err(e) => fail(e),
            }
        }
    });
    // One save of the order at a time: a later order waits for the one on
    // its way, so the server ends with the last (saves could overtake).
    let saving = RwSignal::new(false);
    let unsaved = RwSignal::new(false);
    let reorder: Action<(), ()> = Action::new(move |_: &()| {
        let order: Vec<i64> = planned.with_untracked(|p| p.iter().map(|c| c.id).collect());
        saving.set(true);
        unsaved.set(false);
        async move {
            let result = reorder_sprint(sprint_id, order).await;
            saving.set(false);
            match result {
                Ok(()) if unsaved.get_untracked() => {}
                Ok(()) => {
                    notice.set(Some(Ok(Msg::PlanReorderedNotice.text(locale.0.get_untracked()).to_string())))
                }
                Err(e) => fail(e),
            }
        }
    });
    Effect::new(move |_| {
        if !saving.get() && unsaved.get() {
            reorder.dispatch(());
        }
    });
    // The new order shows (and the forecast follows) at once; the server
    // keeps it, or the page reloads its truth.
    let put_in_order = move |next: Vec<PlanCard>, moved: i64| {
        planned.set(next);
        focus_card(moved);
        unsaved.set(true);
    };
    let drop_on_sprint = move |before: Option<i64>| {
        let Some((id, version, from)) = dragging.get_untracked() else { return };
        dragging.set(None);
        match from {
            From::Backlog => {
                plan.dispatch((id, version, sprint_id));
            }
            From::Sprint => {
                let next = planned.with_untracked(|p| reordered(p, id, before));
                put_in_order(next, id);
            }
        }
    };
    let drop_on_backlog = move || {
        if let Some((id, version, From::Sprint)) = dragging.get_untracked() {
            unplan.dispatch((id, version));
        }
        dragging.set(None);
    };
    let total_hours = move || {
        planned.with(|p| {
            p.iter()
                .filter(|c| !is_finished(c.status))
                .filter_map(|c| c.estimate_hours)
                .map(i64::from)
                .sum::<i64>()
        })
    };
    let unestimated = move || {
        planned.with(|p| p.iter().filter(|c| !is_finished(c.status) && c.estimate_hours.is_none()).count())
    };
    let late = move || lines.with(|l| l.iter().filter(|x| x.is_late()).count());
    let capacity = sprint.capacity_hours;
    let load_class = move || if total_hours() > capacity { "over-capacity" } else { "" };
    let open_sprints = StoredValue::new(open_sprints);

    let backlog_cards = move || {
        backlog
            .get()
            .into_iter()
            .map(|c| {
                let (id, version) = (c.id, c.version);
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    if can_plan && ev.shift_key() && ev.key() == "ArrowRight" {
                        ev.prevent_default();
                        plan.dispatch((id, version, sprint_id));
                    }
                };
                let menu = can_plan.then(|| {
                    let key = c.key.clone();
                    view! {
                        <select
                            class="plan-menu"
                            aria-label=move || format!("{} {}", Msg::PlanInto.text(locale.get()), key)
                            on:change=move |ev| {
                                if let Ok(into) = event_target_value(&ev).parse::<i64>() {
                                    plan.dispatch((id, version, into));
                                }
                            }
                        >
                            <option value="" selected>{locale.text(Msg::PlanInto)}</option>
                            {open_sprints.with_value(|o| o.iter().map(|s: &SprintRef| view! { <option value=s.id>{s.name.clone()}</option> }).collect_view())}
                        </select>
                    }
                });
                view! {
                    <li
                        class="plan-card"
                        tabindex="0"
                        data-id=id
                        data-key=c.key.clone()
                        draggable=if can_plan { "true" } else { "false" }
                        on:dragstart=move |ev: leptos::ev::DragEvent| {
                            if let Some(dt) = ev.data_transfer() {
                                let _ = dt.set_data("text/plain", &id.to_string());
                            }
                            dragging.set(Some((id, version, From::Backlog)));
                        }
                        on:dragend=move |_| dragging.set(None)
                        on:keydown=on_key
                    >
                        <CardBody card=c.clone()/>
                        {menu}
                    </li>
                }
            })
            .collect_view()
    };

    let sprint_cards = move || {
        let list = planned.get();
        let lines = lines.get();
        list.into_iter()
            .map(|c| {
                let (id, version) = (c.id, c.version);
                let line = lines.iter().find(|l| l.ticket_id == id).copied();
                let finished = is_finished(c.status);
                let flagged = line.is_some_and(|l| l.due_before_end);
                let late = line.is_some_and(|l| l.is_late());
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    if !can_plan || !ev.shift_key() {
                        return;
                    }
                    match ev.key().as_str() {
                        "ArrowUp" | "ArrowDown" => {
                            ev.prevent_default();
                            let step = if ev.key() == "ArrowUp" { -1 } else { 1 };
                            let next = planned.with_untracked(|p| stepped(p, id, step));
                            put_in_order(next, id);
                        }
                        "ArrowLeft" => {
                            ev.prevent_default();
                            unplan.dispatch((id, version));
                        }
                        _ => {}
                    }
                };
                let forecast = line.map(|l| {
                    let day = l.finish.and_then(|f| schedule.with_value(|s| work_day(s, f)));
                    view! {
                        <p class="plan-forecast">
                            <span class=if l.is_late() { "chip chip-flag forecast-late" } else { "chip forecast-ok" }>
                                {move || verdict_text(locale.get(), l.verdict)}
                            </span>
                            {day.map(|d| view! { <span class="muted">" " {locale.text(Msg::ForecastDoneBy)} " " {d}</span> })}
                        </p>
                    }
                });
                let out = (can_plan && !finished).then(|| {
                    let key = c.key.clone();
                    view! {
                        <button
                            type="button"
                            class="plan-out"
                            aria-label=move || format!("{} {}", Msg::PlanBackToBacklog.text(locale.get()), key)
                            on:click=move |_| { unplan.dispatch((id, version)); }
                        >
                            {locale.text(Msg::PlanBackToBacklog)}
                        </button>
                    }
                });
                view! {
                    <li
                        class="plan-card"
                        class:plan-late=late
                        class:plan-flagged=flagged
                        class:plan-finished=finished
                        tabindex="0"
                        data-id=id
                        data-key=c.key.clone()
                        draggable=if can_plan { "true" } else { "false" }
                        on:dragstart=move |ev: leptos::ev::DragEvent| {
                            if let Some(dt) = ev.data_transfer() {
                                let _ = dt.set_data("text/plain", &id.to_string());
                            }
                            dragging.set(Some((id, version, From::Sprint)));
                        }
                        on:dragend=move |_| dragging.set(None)
                        on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                        on:drop=move |ev: leptos::ev::DragEvent| {
                            ev.prevent_default();
                            ev.stop_propagation();
                            drop_on_sprint(Some(id));
                        }
                        on:keydown=on_key
                    >
                        <CardBody card=c.clone()/>
                        {flagged.then(|| view! { <span class="chip chip-flag">{locale.text(Msg::DueBeforeSprintEnd)}</span> })}
                        {forecast}
                        {out}
                    </li>
                }
            })
            .collect_view()
    };

    let close = (can_plan && report.is_none())
        .then(|| view! { <CloseForm sprint_id planned next_sprint notice reload/> });
    let report_view = report.map(|r| {
        let rows = r
            .lines
            .iter()
            .map(|l| {
                let (outcome, sla) = (l.outcome, l.sla);
                view! {
                    <tr data-outcome=outcome.code()>
                        <td><a href=format!("/tickets/{}", l.key)>{l.key.clone()}</a></td>
                        <td>{l.title.clone()}</td>
                        <td>{locale.text(outcome_text(outcome))}</td>
                        <td>{l.estimate_hours.map(|h| h.to_string())}</td>
                        <td>{locale.text(sla_text(sla))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="sprint-report" aria-labelledby="report-title">
                <h2 id="report-title">{locale.text(Msg::SprintReport)}</h2>
                <p>
                    {locale.text(Msg::ChartDoneEstimate)} ": " {r.done_hours} " · "
                    {locale.text(Msg::SlaOutcomeMet)} ": " {r.sla_met} " · "
                    {locale.text(Msg::SlaOutcomeBreached)} ": " {r.sla_breached}
                </p>
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">"ID"</th>
                            <th scope="col">{locale.text(Msg::Title)}</th>
                            <th scope="col">{locale.text(Msg::ReportOutcome)}</th>
                            <th scope="col">{locale.text(Msg::Estimate)}</th>
                            <th scope="col">"SLA"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    });
    view! {
        <div class="page-head">
            <h1 id="plan-title">{locale.text(Msg::PlanTitle)} ": " {sprint.name.clone()}</h1>
            {sprint.closed.then(|| view! { <span class="chip sprint-phase phase-closed">{locale.text(Msg::SprintClosed)}</span> })}
            <a href="/sprints">{locale.text(Msg::NavSprints)}</a>
        </div>
        <p class="muted">{sprint.starts_on.clone()} " – " {sprint.ends_on.clone()} {(!sprint.goal.is_empty()).then(|| format!(" · {}", sprint.goal))}</p>
        <p class="plan-summary">
            <span class=load_class>
                {locale.text(Msg::SprintLoad)} ": " <strong class="plan-load">{total_hours} " / " {capacity}</strong>
            </span>
            {move || (unestimated() > 0).then(|| view! {
                " · " <span class="chip chip-flag plan-unestimated">{locale.text(Msg::NotEstimated)} ": " {unestimated}</span>
            })}
            {move || (late() > 0).then(|| view! {
                " · " <span class="chip chip-flag plan-late-count">{locale.text(Msg::ForecastWouldBreach)} ": " {late}</span>
            })}
        </p>
        {can_plan.then(|| view! { <p class="muted plan-help">{locale.text(Msg::PlanKeyboardHelp)}</p> })}
        <div class="plan-lists">
            <section
                class="plan-list plan-backlog"
                aria-labelledby="plan-backlog-title"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    drop_on_backlog();
                }
            >
                <h2 id="plan-backlog-title">{locale.text(Msg::PlanBacklog)}</h2>
                <ol class="plan-cards">{backlog_cards}</ol>
            </section>
            <section
                class="plan-list plan-sprint"
                aria-labelledby="plan-sprint-title"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    drop_on_sprint(None);
                }
            >
                <h2 id="plan-sprint-title">{locale.text(Msg::PlanSprintList)}</h2>
                <ol class="plan-cards">{sprint_cards}</ol>
            </section>
        </div>
        {close}
        {report_view}
    }
}

#[component]
fn CardBody(card: PlanCard) -> impl IntoView {
    let locale = use_locale();
    let estimate = card.estimate_hours;
    view! {
        <div class="card-top">
            <a class="card-key" href=format!("/tickets/{}", card.key) draggable="false">{card.key.clone()}</a>
            <span class=format!("chip priority-{}", card.priority.code())>{locale.text(labels::priority(card.priority))}</span>
            <span class="chip">{locale.text(labels::status(card.status))}</span>
        </div>
        <p class="card-title">{card.title.clone()}</p>
        <p class="plan-meta">
            {move || match estimate {
                Some(h) => format!("{} {h}", Msg::Estimate.text(locale.get())),
                None => Msg::NotEstimated.text(locale.get()).to_string(),
            }}
            {card.due_local.clone().map(|d| view! { " · " {locale.text(Msg::Deadline)} " " <span class="plan-due">{d}</span> })}
        </p>
    }
}

#[component]
fn CloseForm(
    sprint_id: i64,
    planned: RwSignal<Vec<PlanCard>>,
    next_sprint: Option<SprintRef>,
    notice: RwSignal<Option<Result<String, String>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let has_next = next_sprint.is_some();
    let choices = RwSignal::new(Vec::<(i64, CarryOver)>::new());
    let close = Action::new(move |decisions: &Vec<CloseDecision>| {
        let decisions = decisions.clone();
        async move {
            match close_sprint(sprint_id, decisions).await {
                Ok(()) => {
                    notice.set(Some(Ok(Msg::SprintClosedNotice.text(locale.0.get_untracked()).to_string())));
                    reload.run(());
                }
                Err(e) => notice.set(Some(Err(labels::app_error_text(locale.0.get_untracked(), &e)))),
            }
        }
    });
    let unfinished =
        move || planned.with(|p| p.iter().filter(|c| !is_finished(c.status)).cloned().collect::<Vec<_>>());
    let decision = move |id: i64| {
        choices.with(|c| c.iter().find(|x| x.0 == id).map(|x| x.1)).unwrap_or(if has_next {
            CarryOver::NextSprint
        } else {
            CarryOver::Backlog
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let decisions = unfinished()
            .iter()
            .map(|c| CloseDecision { ticket: c.id, to: decision(c.id) })
            .collect::<Vec<_>>();
        close.dispatch(decisions);
    };
    let next_name = next_sprint.map(|n| n.name).unwrap_or_default();
    view! {
        <form class="admin-form sprint-close" on:submit=submit aria-labelledby="close-title">
            <h2 id="close-title">{locale.text(Msg::CloseSprint)}</h2>
            {(!has_next).then(|| view! { <p class="muted">{locale.text(Msg::RefusedNoNextSprint)}</p> })}
            <ul class="close-decisions">
                {move || unfinished()
                    .into_iter()
                    .map(|c| {
                        let id = c.id;
                        let next_name = next_name.clone();
                        view! {
                            <li data-key=c.key.clone()>
                                <label>
                                    {c.key.clone()} " " {c.title.clone()} " "
                                    <select
                                        class="close-choice"
                                        aria-label=format!("{} {}", Msg::CloseChoice.text(locale.0.get_untracked()), c.key)
                                        on:change=move |ev| {
                                            let to = if event_target_value(&ev) == "next_sprint" { CarryOver::NextSprint } else { CarryOver::Backlog };
                                            choices.update(|x| { x.retain(|d| d.0 != id); x.push((id, to)); });
                                        }
                                    >
                                        {has_next.then(|| view! {
                                            <option value="next_sprint" selected=move || decision(id) == CarryOver::NextSprint>
                                                {move || format!("{} {}", Msg::OutcomeCarriedOver.text(locale.get()), next_name)}
                                            </option>
                                        })}
                                        <option value="backlog" selected=move || decision(id) == CarryOver::Backlog>
                                            {locale.text(Msg::PlanBackToBacklog)}
                                        </option>
                                    </select>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <button type="submit" class="button-primary" disabled=move || close.pending().get()>{locale.text(Msg::CloseSprint)}</button>
        </form>
    }
}

#[component]
fn ChartsView(charts: SprintCharts) -> impl IntoView {
    let locale = use_locale();
    let burndown_rows = charts
        .burndown
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The first point is the sprint's start; the next is the end of
            // the same first day.
            let day = p.day.clone();
            let day = move || {
                if i == 0 {
                    format!("{}, {day}", Msg::ChartStart.text(locale.get()))
                } else {
                    day.clone()
                }
            };
            view! {
                <tr>
                    <td>{day}</td>
                    <td>{p.remaining.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td>{format!("{:.1}", p.ideal)}</td>
                </tr>
            }
        })
        .collect_view();
    let velocity_rows = charts
        .velocity
        .iter()
        .map(|v| view! { <tr><td>{v.sprint.clone()}</td><td>{v.done_hours}</td></tr> })
        .collect_view();
    view! {
        <section class="sprint-charts" aria-labelledby="charts-title">
            <h2 id="charts-title" class="visually-hidden">{locale.text(Msg::ChartBurndown)}</h2>
            <figure class="chart-burndown" inner_html=charts.burndown_svg.clone()></figure>
            <table class="visually-hidden chart-table">
                <caption>{locale.text(Msg::ChartBurndown)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.text(Msg::ChartDay)}</th>
                        <th scope="col">{locale.text(Msg::ChartRemaining)}</th>
                        <th scope="col">{locale.text(Msg::ChartIdeal)}</th>
                    </tr>
                </thead>
                <tbody>{burndown_rows}</tbody>
            </table>
            <figure class="chart-velocity" inner_html=charts.velocity_svg.clone()></figure>
            <table class="visually-hidden chart-table">
                <caption>{locale.text(Msg::ChartVelocity)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.text(Msg::NavSprints)}</th>
                        <th scope="col">{locale.text(Msg::ChartDoneEstimate)}</th>
                    </tr>
                </thead>
                <tbody>{velocity_rows}</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sprint_forecast::ResolutionOutlook;
    use crate::domain::ticket::{Priority, Status};

    fn c(id: i64) -> PlanCard {
        PlanCard {
            id,
            key: format!("SUP-{id}"),
            title: String::new(),
            status: Status::Sprint,
            priority: Priority::Normal,
            version: 1,
            estimate_hours: Some(1),
            resolution: ResolutionOutlook::NoTarget,
            remaining_secs: None,
            due_local: None,
        }
    }

    fn ids(l: &[PlanCard]) -> Vec<i64> {
        l.iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_drop_puts_the_card_before_the_one_it_lands_on_or_last() {
        let l = [c(1), c(2), c(3)];
        assert_eq!(ids(&reordered(&l, 3, Some(1))), [3, 1, 2]);
        assert_eq!(ids(&reordered(&l, 1, None)), [2, 3, 1]);
        assert_eq!(ids(&reordered(&l, 9, Some(1))), [1, 2, 3]);
    }

    #[test]
    fn the_keyboard_steps_a_card_and_stops_at_the_ends() {
        let l = [c(1), c(2), c(3)];
        assert_eq!(ids(&stepped(&l, 2, -1)), [2, 1, 3]);
        assert_eq!(ids(&stepped(&l, 3, 1)), [1, 2, 3]);
    }
}
