//! SLA policies: the targets each level, priority and category get. The
//! shipped presets (seeds 000, 001, 004) are stored and editable; a copy
//! becomes a new policy under its own code.

use super::form::{after_save, EditButton, Feedback, FormActions, TextField};
use crate::domain::admin::{check_policy, FormErrors, Problem};
use crate::domain::sla::{Budget, DevelopmentRule, SlaLevel, SlaPolicy};
use crate::domain::ticket::WaitingReason;
use crate::functions::admin::{save_policy, AdminData};
use crate::i18n::{count_label, Locale, Msg, Noun};
use crate::labels;
use crate::labels::sla_level as level_label;
use crate::locale::use_locale;
use leptos::prelude::*;

/// "48 hours", "60 minutes", "24 working days", "8 hours (24/7)".
fn budget_text(locale: Locale, b: Option<Budget>) -> String {
    match b {
        None => "—".into(),
        Some(Budget::Minutes(n)) => count_label(locale, n.into(), Noun::Minute),
        Some(Budget::Hours(n)) => count_label(locale, n.into(), Noun::Hour),
        Some(Budget::WorkingDays(n)) => count_label(locale, n.into(), Noun::WorkingDay),
        // Elapsed time, whatever the calendar (seed 000's resolution).
        Some(Budget::CalendarHours(n)) => {
            format!("{} ({})", count_label(locale, n.into(), Noun::Hour), Msg::CalendarHoursNote.text(locale))
        }
    }
}

fn parse(json: &str) -> Result<SlaPolicy, FormErrors> {
    let policy: SlaPolicy = serde_json::from_str(json).map_err(|e| {
        let mut errors = FormErrors::default();
        errors.push_detail("spec", Problem::Invalid, e.to_string());
        errors
    })?;
    check_policy(&policy)?;
    Ok(policy)
}

/// The rules of a policy as a table, so the admin sees what the JSON says.
#[component]
fn RulesTable(policy: SlaPolicy) -> impl IntoView {
    let locale = use_locale();
    let terms = policy.clone();
    let rows = policy
        .levels
        .iter()
        .flat_map(|l| l.rules.iter().map(move |r| (l.level, r.clone())))
        .map(|(level, r)| {
            view! {
                <tr>
                    <td>
                        {move || match level {
                            Some(l) => level_label(locale.get(), l),
                            None => Msg::AnyLevel.text(locale.get()).to_string(),
                        }}
                    </td>
                    <td>
                        {move || match r.priority {
                            Some(p) => labels::priority(p).text(locale.get()),
                            None => Msg::AnyValue.text(locale.get()),
                        }}
                    </td>
                    <td>
                        {move || match r.category {
                            Some(c) => labels::category(c).text(locale.get()),
                            None => Msg::AnyValue.text(locale.get()),
                        }}
                    </td>
                    <td>{move || budget_text(locale.get(), r.reaction)}</td>
                    <td>{move || budget_text(locale.get(), r.resolution)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="admin-table policy-rules">
            <caption>{locale.text(Msg::PolicyRules)} ": " {policy.name.clone()}</caption>
            <thead>
                <tr>
                    <th scope="col">{locale.text(Msg::SupportLevelLabel)}</th>
                    <th scope="col">{locale.text(Msg::Priority)}</th>
                    <th scope="col">{locale.text(Msg::Category)}</th>
                    <th scope="col">{locale.text(Msg::ClockReaction)}</th>
                    <th scope="col">{locale.text(Msg::ClockResolution)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <PolicyTerms policy=terms/>
    }
}

/// What a policy says besides its rules: what "needs development" does,
/// which waits pause the clock, and which levels promise no numbers.
#[component]
fn PolicyTerms(policy: SlaPolicy) -> impl IntoView {
    let locale = use_locale();
    let development = match policy.development_rule() {
        DevelopmentRule::Level => Msg::DevelopmentRuleLevel,
        DevelopmentRule::ResolveByEstimate => Msg::DevelopmentRuleEstimate,
        DevelopmentRule::NoResolution => Msg::DevelopmentRuleNoResolution,
    };
    let pausing = policy.pausing;
    let waits = move || {
        let l = locale.get();
        let named: Vec<&str> = WaitingReason::ALL
            .iter()
            .filter(|w| pausing.pauses(**w))
            .map(|w| labels::waiting(*w).text(l))
            .collect();
        if named.is_empty() {
            Msg::NoWaitPauses.text(l).to_string()
        } else {
            named.join(", ")
        }
    };
    let best_effort: Vec<Option<SlaLevel>> =
        policy.levels.iter().filter(|l| l.best_effort).map(|l| l.level).collect();
    let best_effort = (!best_effort.is_empty()).then(|| {
        let text = move || {
            let l = locale.get();
            let levels: Vec<String> = best_effort
                .iter()
                .map(|lv| match lv {
                    Some(lv) => level_label(l, *lv),
                    None => Msg::AnyLevel.text(l).to_string(),
                })
                .collect();
            format!("{}: {}", levels.join(", "), Msg::BestEffort.text(l))
        };
        view! { <li>{text}</li> }
    });
    view! {
        <ul class="policy-terms">
            <li>{locale.text(Msg::DevelopmentRuleLabel)} ": " {locale.text(development)}</li>
            <li>{locale.text(Msg::PausingWaitsLabel)} ": " {waits}</li>
            {best_effort}
        </ul>
    }
}

#[component]
pub fn Policies(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    // The code of the policy being changed; `None`: a new one.
    let editing = RwSignal::new(None::<String>);
    let json = RwSignal::new(String::new());
    let feedback = Feedback::new();
    let action = Action::new(move |(is_new, policy): &(bool, serde_json::Value)| {
        let (is_new, policy) = (*is_new, policy.clone());
        async move { save_policy(is_new, policy).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        json.set(String::new());
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse(&json.get_untracked()) {
            Err(e) => feedback.invalid(e),
            Ok(policy) => {
                let editing_code = editing.get_untracked();
                // The code is the key contracts use: it cannot change here.
                if editing_code.as_ref().is_some_and(|c| *c != policy.code) {
                    let mut e = FormErrors::default();
                    e.push_detail(
                        "spec",
                        Problem::Invalid,
                        format!("code: {}", editing_code.unwrap_or_default()),
                    );
                    feedback.invalid(e);
                    return;
                }
                feedback.clear();
                let value = serde_json::to_value(&policy).unwrap_or_default();
                action.dispatch((editing_code.is_none(), value));
            }
        }
    };
    let in_use = |code: &str| data.contracts.iter().filter(|c| c.policy_code == code).count();
    let rows = data
        .policies
        .iter()
        .map(|p| {
            let (edit_p, copy_p) = (p.clone(), p.clone());
            let code = p.code.clone();
            view! {
                <tr>
                    <td><code>{p.code.clone()}</code></td>
                    <td>{p.name.clone()}</td>
                    <td class="num">{p.levels.len()}</td>
                    <td class="num">{in_use(&p.code)}</td>
                    <td class="row-actions">
                        <EditButton name=code.clone() on_edit=Callback::new(move |_| {
                            editing.set(Some(edit_p.code.clone()));
                            json.set(serde_json::to_string_pretty(&edit_p).unwrap_or_default());
                            feedback.clear();
                        })/>
                        <button type="button" class="link-button" on:click=move |_| {
                            let mut copy = copy_p.clone();
                            copy.code = format!("{}_copy", copy.code);
                            copy.name = format!("{} (2)", copy.name);
                            editing.set(None);
                            json.set(serde_json::to_string_pretty(&copy).unwrap_or_default());
                            feedback.clear();
                        }>
                            {locale.text(Msg::CopyAsNew)}
                            <span class="visually-hidden">" " {code.clone()}</span>
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let preview = move || parse(&json.get()).ok().map(|policy| view! { <RulesTable policy/> });
    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminPolicies)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::PolicyCode)}</th>
                            <th scope="col">{locale.text(Msg::Name)}</th>
                            <th scope="col" class="num">{locale.text(Msg::LevelsCount)}</th>
                            <th scope="col" class="num">{locale.text(Msg::AdminContracts)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {preview}
            </div>
            <form class="admin-form" id="policy-form" novalidate on:submit=submit>
                <h2>
                    {move || match editing.get() {
                        Some(code) => format!("{} {code}", Msg::EditRecord.text(locale.get())),
                        None => Msg::AddNew.text(locale.get()).to_string(),
                    }}
                </h2>
                <TextField form="policy" field="spec" label=Msg::PolicyJson value=json feedback rows=18 hint=Msg::PolicyJsonHint/>
                <ul class="form-errors" role="alert">
                    {move || {
                        feedback
                            .others(locale.get(), "spec")
                            .into_iter()
                            .map(|text| view! { <li>{text}</li> })
                            .collect_view()
                    }}
                </ul>
                <FormActions
                    feedback
                    pending=action.pending().into()
                    editing=Signal::derive(move || editing.get().is_some())
                    on_new=start_new
                />
            </form>
        </div>
    }
}
