//! Deadline extension with the client's agreement (issue 15, seed 004):
//! every proposal with its answer, for both sides; the agent's form to
//! propose a later resolution deadline; the client's agree and decline
//! buttons; the agent's withdraw button while a proposal waits.

use super::page::refusal_text;
use super::sla_section::in_zone;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::ExtensionView;
use crate::domain::extension::{AnswerChannel, ExtensionState, MAX_REASON_CHARS};
use crate::functions::extensions::{answer_extension, propose_extension, withdraw_extension};
use crate::i18n::{Locale, Msg};
use crate::locale::use_locale;
use crate::tickets::create::local_time::parse_datetime_local;
use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::prelude::*;

/// The instant a wall-clock time of the calendar's zone stands for. The
/// deadlines on the page are shown on the calendar's clock, so the agent
/// types the new one on it too. A time skipped by a DST change takes the
/// offset after it.
pub fn from_zone(local: NaiveDateTime, zone: &ZoneLabel) -> DateTime<Utc> {
    let wall = local.and_utc().timestamp();
    let guess = wall - i64::from(zone.at(wall).0);
    let exact = wall - i64::from(zone.at(guess).0);
    DateTime::from_timestamp(exact, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// An instant as a `datetime-local` value on the calendar's clock.
pub fn to_zone_input(t: DateTime<Utc>, zone: &ZoneLabel) -> String {
    let local = t.timestamp() + i64::from(zone.at(t.timestamp()).0);
    DateTime::from_timestamp(local, 0).map(|l| l.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
}

fn state_text(locale: Locale, x: &ExtensionView) -> String {
    let state = match x.state {
        ExtensionState::Proposed => Msg::ExtensionStateProposed,
        ExtensionState::Agreed => Msg::ExtensionStateAgreed,
        ExtensionState::Declined => Msg::ExtensionStateDeclined,
        ExtensionState::Withdrawn => Msg::ExtensionStateWithdrawn,
    };
    let via = match x.via {
        Some(AnswerChannel::Mail) => format!(" ({})", Msg::ExtensionViaMail.text(locale)),
        _ => String::new(),
    };
    format!("{}{via}", state.text(locale))
}

#[component]
#[allow(clippy::too_many_arguments)]
pub fn ExtensionSection(
    ticket_id: i64,
    version: i64,
    extensions: Vec<ExtensionView>,
    can_propose: bool,
    can_answer: bool,
    can_withdraw: bool,
    /// The resolution deadline now, to start the form from.
    current_due: Option<DateTime<Utc>>,
    zone: ZoneLabel,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    if !can_propose && extensions.is_empty() {
        return ().into_any();
    }
    let error = RwSignal::new(None::<String>);
    let waiting_id = extensions.iter().find(|x| x.state == ExtensionState::Proposed).map(|x| x.id);
    let extensions_waiting_id = StoredValue::new(waiting_id.unwrap_or_default());
    let answer = Action::new(move |agree: &bool| {
        let agree = *agree;
        let id = extensions_waiting_id.get_value();
        async move { answer_extension(ticket_id, version, id, agree).await }
    });
    let withdraw = Action::new(move |id: &i64| {
        let id = *id;
        async move { withdraw_extension(ticket_id, version, id).await }
    });
    Effect::new(move |_| {
        for result in [answer.value().get(), withdraw.value().get()].into_iter().flatten() {
            match result {
                Ok(_) => reload.run(()),
                Err(e) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::ExtensionRefused))),
            }
        }
    });
    let busy = move || answer.pending().get() || withdraw.pending().get();
    let zone = StoredValue::new(zone);
    let when = move |t: DateTime<Utc>| move || zone.with_value(|z| in_zone(locale.get(), t, z));
    let items = extensions
        .into_iter()
        .rev()
        .map(|x| {
            let waiting = x.state == ExtensionState::Proposed;
            let buttons = (waiting && can_answer).then(|| {
                view! {
                    <p class="extension-ask">{locale.text(Msg::ExtensionAsk)}</p>
                    <div class="extension-actions">
                        <button type="button" disabled=busy on:click=move |_| { answer.dispatch(true); }>
                            {locale.text(Msg::ExtensionAgree)}
                        </button>
                        <button
                            type="button"
                            class="secondary"
                            disabled=busy
                            on:click=move |_| { answer.dispatch(false); }
                        >
                            {locale.text(Msg::ExtensionDecline)}
                        </button>
                    </div>
                    <p class="muted">{locale.text(Msg::ExtensionMailHint)}</p>
                }
            });
            let id = x.id;
            let withdraw_button = (waiting && can_withdraw).then(|| {
                view! {
                    <div class="extension-actions">
                        <span class="chip chip-waiting">{locale.text(Msg::ExtensionWaiting)}</span>
                        <button
                            type="button"
                            class="secondary"
                            disabled=busy
                            on:click=move |_| { withdraw.dispatch(id); }
                        >
                            {locale.text(Msg::ExtensionWithdraw)}
                        </button>
                    </div>
                }
            });
            let answered = x.answered_at.map(|at| {
                let by = x.answered_by.clone().unwrap_or_default();
                view! { " · " {by} " · " <time datetime=at.to_rfc3339()>{when(at)}</time> }
            });
            let (old_due, new_due, proposed_at) = (x.old_due, x.new_due, x.proposed_at);
            let state = StoredValue::new(x.clone());
            view! {
                <li class=format!("extension extension-{}", x.state.code()) data-extension=x.id.to_string()>
                    <p class="extension-dues">
                        <span>{move || Msg::ExtensionCurrentDue.text(locale.get())} ": "</span>
                        <time datetime=old_due.to_rfc3339()>{when(old_due)}</time>
                        " → "
                        <strong>
                            <time datetime=new_due.to_rfc3339()>{when(new_due)}</time>
                        </strong>
                    </p>
                    <p class="muted">
                        {x.proposed_by.clone()}
                        " · "
                        <time datetime=proposed_at.to_rfc3339()>{when(proposed_at)}</time>
                        " · "
                        <span class="extension-state">
                            {move || state.with_value(|x| state_text(locale.get(), x))}
                        </span>
                        {answered}
                    </p>
                    <q class="extension-reason">{x.reason.clone()}</q>
                    {buttons}
                    {withdraw_button}
                </li>
            }
        })
        .collect_view();
    let form = can_propose.then(|| {
        let start = current_due.map(|d| zone.with_value(|z| to_zone_input(d, z))).unwrap_or_default();
        view! { <ProposeForm ticket_id version start zone=zone.get_value() reload/> }
    });
    view! {
        <section class="ticket-section ticket-extension" aria-labelledby="ticket-extension">
            <h2 id="ticket-extension">{locale.text(Msg::ExtensionHeading)}</h2>
            <ul class="extension-list">{items}</ul>
            <p class="form-error" role="alert" aria-live="assertive">{move || error.get()}</p>
            {form}
        </section>
    }
    .into_any()
}

/// What is wrong with the form's values, in the reader's words.
fn form_problem(due: &str, reason: &str) -> Option<Msg> {
    if parse_datetime_local(due).is_err() {
        return Some(Msg::ExtensionDueRequired);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Some(Msg::ExtensionReasonRequired);
    }
    (reason.chars().count() > MAX_REASON_CHARS).then_some(Msg::ExtensionReasonTooLong)
}

#[component]
fn ProposeForm(
    ticket_id: i64,
    version: i64,
    start: String,
    zone: ZoneLabel,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let due = RwSignal::new(start);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let abbr = zone.at(Utc::now().timestamp()).1.to_string();
    let zone = StoredValue::new(zone);
    let action = Action::new(move |(at, why): &(DateTime<Utc>, String)| {
        let (at, why) = (*at, why.clone());
        async move { propose_extension(ticket_id, version, at, why).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::ExtensionRefused))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (d, r) = (due.get_untracked(), reason.get_untracked());
        if let Some(problem) = form_problem(&d, &r) {
            error.set(Some(problem.text(locale.0.get_untracked()).to_string()));
            return;
        }
        let Ok(local) = parse_datetime_local(&d) else { return };
        error.set(None);
        action.dispatch((zone.with_value(|z| from_zone(local, z)), r.trim().to_string()));
    };
    view! {
        <form class="extension-form" on:submit=submit>
            <h3>{locale.text(Msg::ExtensionPropose)}</h3>
            <label for="extension-due">{move || format!("{} ({abbr})", Msg::ExtensionNewDue.text(locale.get()))}</label>
            <input
                id="extension-due"
                type="datetime-local"
                prop:value=move || due.get()
                on:input=move |ev| due.set(event_target_value(&ev))
            />
            <label for="extension-reason">{locale.text(Msg::ExtensionReasonLabel)}</label>
            <textarea
                id="extension-reason"
                rows="3"
                maxlength=MAX_REASON_CHARS.to_string()
                prop:value=move || reason.get()
                on:input=move |ev| reason.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" disabled=move || action.pending().get()>
                {locale.text(Msg::ExtensionSend)}
            </button>
            <p class="form-error" role="alert" aria-live="assertive">{move || error.get()}</p>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moscow() -> ZoneLabel {
        ZoneLabel { name: "Europe/Moscow".into(), offsets: vec![(0, 10800, "MSK".into())] }
    }

    #[test]
    fn the_new_deadline_is_typed_on_the_calendars_clock() {
        let local = NaiveDateTime::parse_from_str("2026-12-15T18:00", "%Y-%m-%dT%H:%M").unwrap();
        let t = from_zone(local, &moscow());
        assert_eq!(t, DateTime::parse_from_rfc3339("2026-12-15T15:00:00Z").unwrap());
        assert_eq!(to_zone_input(t, &moscow()), "2026-12-15T18:00");
        // Kyiv: winter +2, summer +3 (from 29 March 2026, 01:00 UTC).
        let kyiv = ZoneLabel {
            name: "Europe/Kyiv".into(),
            offsets: vec![(0, 7200, "EET".into()), (1_774_746_000, 10800, "EEST".into())],
        };
        let summer = NaiveDateTime::parse_from_str("2026-04-01T09:00", "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(from_zone(summer, &kyiv), DateTime::parse_from_rfc3339("2026-04-01T06:00:00Z").unwrap());
        let winter = NaiveDateTime::parse_from_str("2026-03-01T09:00", "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(from_zone(winter, &kyiv), DateTime::parse_from_rfc3339("2026-03-01T07:00:00Z").unwrap());
    }

    #[test]
    fn the_form_names_what_is_missing() {
        assert_eq!(form_problem("", "ждём"), Some(Msg::ExtensionDueRequired));
        assert_eq!(form_problem("2026-12-15T18:00", "  "), Some(Msg::ExtensionReasonRequired));
        assert_eq!(
            form_problem("2026-12-15T18:00", &"я".repeat(MAX_REASON_CHARS + 1)),
            Some(Msg::ExtensionReasonTooLong)
        );
        assert_eq!(form_problem("2026-12-15T18:00", "ждём поставщика"), None);
    }
}
