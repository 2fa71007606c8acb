//! The ticket page's second line (seed 000 §7–8, agents only): the
//! questions asked of departments with their own deadlines counting down,
//! the controls to record an answer (it becomes an internal note) or
//! withdraw, and the form to escalate.

use super::page::refusal_text;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::{DepartmentOption, EscalationView};
use crate::board::escalation_chip::chip_text;
use crate::board::sla_badge::deadline_text;
use crate::domain::escalation::{EscalationState, Question, MAX_QUESTION_CHARS};
use crate::functions::escalations::{answer_escalation, escalate, withdraw_escalation};
use crate::i18n::{count_label, Msg, Noun};
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

fn state_label(state: EscalationState) -> Msg {
    match state {
        EscalationState::Open => Msg::EscalationOpen,
        EscalationState::Answered => Msg::EscalationAnswered,
        EscalationState::Withdrawn => Msg::EscalationWithdrawn,
    }
}

#[component]
pub fn EscalationSection(
    ticket_id: i64,
    version: i64,
    escalations: Vec<EscalationView>,
    departments: Vec<DepartmentOption>,
    can_escalate: bool,
    zone: ZoneLabel,
    now: Signal<DateTime<Utc>>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let items = escalations
        .into_iter()
        .map(|e| {
            view! { <EscalationItem ticket_id version e can_escalate zone=zone.clone() now reload/> }
        })
        .collect_view();
    let form = (can_escalate && !departments.is_empty())
        .then(|| view! { <EscalateForm ticket_id version departments reload/> });
    view! {
        <section class="ticket-section escalations" aria-labelledby="escalations-heading">
            <h2 id="escalations-heading">{locale.text(Msg::SecondLine)}</h2>
            <ol>{items}</ol>
            {form}
        </section>
    }
}

#[component]
fn EscalationItem(
    ticket_id: i64,
    version: i64,
    e: EscalationView,
    can_escalate: bool,
    zone: ZoneLabel,
    now: Signal<DateTime<Utc>>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let (id, due, state) = (e.id, e.due, e.state);
    let open = state == EscalationState::Open;
    let class = move || {
        if open && now.get() >= due {
            "escalation overdue"
        } else {
            "escalation"
        }
    };
    let department = e.department.clone();
    let countdown = open.then(|| {
        let department = department.clone();
        view! {
            <span class="chip escalation" role="timer">
                {move || chip_text(locale.get(), &department, due, now.get())}
            </span>
        }
    });
    let deadline = {
        let zone = zone.clone();
        move || deadline_text(locale.get(), due, now.get(), &zone, None)
    };
    let closed = e.closed_by.clone().map(|who| {
        view! { <p class="muted">{move || format!("{}: {who}", state_label(state).text(locale.get()))}</p> }
    });
    let answer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let answer_action = Action::new(move |text: &String| {
        let text = text.clone();
        async move { answer_escalation(ticket_id, version, id, text).await }
    });
    let withdraw_action =
        Action::new(move |_: &()| async move { withdraw_escalation(ticket_id, version, id).await });
    Effect::new(move |_| match answer_action.value().get().or_else(|| withdraw_action.value().get()) {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::EscalationRefused))),
        None => {}
    });
    let answer_id = format!("escalation-{id}-answer");
    let controls = (open && can_escalate).then(|| {
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match Question::parse(&answer.get_untracked()) {
                Ok(text) => {
                    error.set(None);
                    answer_action.dispatch(text.as_str().to_string());
                }
                Err(_) => {
                    error.set(Some(Msg::EscalationAnswerEmpty.text(locale.0.get_untracked()).to_string()))
                }
            }
        };
        let pending = move || answer_action.pending().get() || withdraw_action.pending().get();
        view! {
            <form on:submit=submit>
                <label for=answer_id.clone()>{locale.text(Msg::EscalationAnswerLabel)}</label>
                <textarea
                    id=answer_id.clone()
                    rows="3"
                    maxlength=MAX_QUESTION_CHARS
                    prop:value=move || answer.get()
                    on:input=move |ev| answer.set(event_target_value(&ev))
                ></textarea>
                <div class="escalation-actions">
                    <button type="submit" disabled=pending>{locale.text(Msg::EscalationRecordAnswer)}</button>
                    <button
                        type="button"
                        class="secondary"
                        disabled=pending
                        on:click=move |_| {
                            error.set(None);
                            withdraw_action.dispatch(());
                        }
                    >
                        {locale.text(Msg::EscalationWithdraw)}
                    </button>
                </div>
            </form>
        }
    });
    let asked_by = e.asked_by.clone().unwrap_or_default();
    view! {
        <li class=class data-escalation=id>
            <div class="escalation-head">
                <strong>{e.department.clone()}</strong>
                " "
                <span class=format!("chip escalation-state state-{}", state.code())>
                    {move || locale.text(state_label(state))}
                </span>
                " "
                {countdown}
            </div>
            <p class="escalation-question">{e.question.clone()}</p>
            <p class="muted">
                {move || format!("{} {asked_by}", Msg::EscalationAskedBy.text(locale.get()))}
                " · "
                {deadline}
            </p>
            {closed}
            {controls}
            <p class="form-error" role="alert" aria-live="assertive">{move || error.get()}</p>
        </li>
    }
}

#[component]
fn EscalateForm(
    ticket_id: i64,
    version: i64,
    departments: Vec<DepartmentOption>,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let department = RwSignal::new(departments.first().map(|d| d.id.to_string()).unwrap_or_default());
    let question = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let action = Action::new(move |(department, question): &(i64, String)| {
        let (department, question) = (*department, question.clone());
        async move { escalate(ticket_id, version, department, question).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            question.set(String::new());
            reload.run(());
        }
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::EscalationRefused))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(chosen) = department.get_untracked().parse::<i64>() else { return };
        match Question::parse(&question.get_untracked()) {
            Ok(q) => {
                error.set(None);
                action.dispatch((chosen, q.as_str().to_string()));
            }
            Err(_) => {
                error.set(Some(Msg::EscalationQuestionEmpty.text(locale.0.get_untracked()).to_string()))
            }
        }
    };
    let options = departments
        .into_iter()
        .map(|d| {
            let value = d.id.to_string();
            let chosen = value.clone();
            let (name, days) = (d.name, d.deadline_days);
            view! {
                <option value=value selected=move || department.get() == chosen>
                    {move || format!("{name} — {}", count_label(locale.get(), days as u64, Noun::WorkingDay))}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="escalation-form" on:submit=submit>
            <h3>{locale.text(Msg::Escalate)}</h3>
            <label for="escalate-department">{locale.text(Msg::EscalationDepartment)}</label>
            <select
                id="escalate-department"
                prop:value=move || department.get()
                on:change=move |ev| department.set(event_target_value(&ev))
            >
                {options}
            </select>
            <label for="escalate-question">{locale.text(Msg::EscalationQuestion)}</label>
            <textarea
                id="escalate-question"
                rows="3"
                maxlength=MAX_QUESTION_CHARS
                prop:value=move || question.get()
                on:input=move |ev| question.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" disabled=move || action.pending().get()>{locale.text(Msg::Escalate)}</button>
            <p class="form-error" role="alert" aria-live="assertive">{move || error.get()}</p>
        </form>
    }
}
