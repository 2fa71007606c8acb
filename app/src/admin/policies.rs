//! SLA policies: the targets each level, priority and category get,
//! edited as a table form (one table of rules per level, each target an
//! amount and its unit); JSON stays for import and export. The shipped
//! presets (seeds 000, 001, 002, 004) are stored and editable; a copy
//! becomes a new policy under its own code.

use super::form::{self, after_save, EditButton, Feedback, FormActions, SelectField, TextField};
use super::policy_draft::{LevelInput, PolicyInput, RuleInput, TargetInput, Unit, MAX_AMOUNT};
use crate::domain::admin::{FieldError, FormErrors, Problem, MAX_POLICY_NAME_CHARS};
use crate::domain::sla::{DevelopmentRule, PausingWaits, SlaLevel, SlaPolicy};
use crate::domain::ticket::{Category, Priority, WaitingReason};
use crate::functions::admin::{save_policy, AdminData};
use crate::i18n::{from_one_to, Locale, Msg};
use crate::labels;
use crate::labels::sla_level as level_label;
use crate::locale::use_locale;
use leptos::prelude::*;

/// The sentence for a problem at one of the policy form's paths
/// (`levels.I.rules.J…`, see `check_policy`); other fields as every form.
pub fn policy_problem_text(locale: Locale, e: &FieldError) -> String {
    let depth = e.field.split('.').count();
    let target = e.field.ends_with(".reaction") || e.field.ends_with(".resolution");
    let msg = match (e.field.as_str(), depth, e.problem) {
        ("levels", _, Problem::Required) => Some(Msg::PolicyNoRules),
        ("at_risk_fraction", _, Problem::OutOfRange) => return from_one_to(locale, 99),
        (_, 2, Problem::Taken) => Some(Msg::PolicyLevelTwice),
        (_, 2, Problem::Invalid) => Some(Msg::PolicyBestEffortRules),
        (_, 4, Problem::Taken) => Some(Msg::PolicyRuleTwice),
        (_, 4, Problem::Required) => Some(Msg::PolicyRuleNoTarget),
        (_, 5, Problem::OutOfRange) if target => return from_one_to(locale, MAX_AMOUNT.into()),
        (_, 5, Problem::Invalid) if target => Some(Msg::PolicyEstimateAndResolution),
        _ => None,
    };
    match msg {
        Some(m) => m.text(locale).to_string(),
        None => form::problem_text(locale, e),
    }
}

/// Row keys for the keyed lists, unique for the page's life.
fn next_key() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Copy)]
struct TargetDraft {
    amount: RwSignal<String>,
    unit: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct RuleDraft {
    key: u64,
    priority: RwSignal<String>,
    category: RwSignal<String>,
    reaction: TargetDraft,
    resolution: TargetDraft,
}

#[derive(Clone, Copy)]
struct LevelDraft {
    key: u64,
    level: RwSignal<String>,
    best_effort: RwSignal<bool>,
    rules: RwSignal<Vec<RuleDraft>>,
}

/// The form's state: one signal per input, so typing in a row redraws
/// nothing but that input; rows are keyed and added or removed in place.
#[derive(Clone, Copy)]
struct Draft {
    code: RwSignal<String>,
    name: RwSignal<String>,
    at_risk: RwSignal<String>,
    development: RwSignal<String>,
    pausing: RwSignal<PausingWaits>,
    levels: RwSignal<Vec<LevelDraft>>,
    /// The form's owner: rows made in a click handler live (and are
    /// disposed) with the form, not with nothing.
    owner: StoredValue<Owner>,
}

impl Draft {
    fn new() -> Draft {
        let draft = Draft {
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            at_risk: RwSignal::new(String::new()),
            development: RwSignal::new(String::new()),
            pausing: RwSignal::new(PausingWaits::default()),
            levels: RwSignal::new(Vec::new()),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        draft.load(PolicyInput::blank());
        draft
    }

    fn target(t: TargetInput) -> TargetDraft {
        TargetDraft { amount: RwSignal::new(t.amount), unit: RwSignal::new(t.unit) }
    }

    fn rule(self, r: RuleInput) -> RuleDraft {
        self.owner.get_value().with(|| RuleDraft {
            key: next_key(),
            priority: RwSignal::new(r.priority),
            category: RwSignal::new(r.category),
            reaction: Draft::target(r.reaction),
            resolution: Draft::target(r.resolution),
        })
    }

    fn level(self, l: LevelInput) -> LevelDraft {
        let rules = l.rules.into_iter().map(|r| self.rule(r)).collect();
        self.owner.get_value().with(|| LevelDraft {
            key: next_key(),
            level: RwSignal::new(l.level),
            best_effort: RwSignal::new(l.best_effort),
            rules: RwSignal::new(rules),
        })
    }

    fn load(self, input: PolicyInput) {
        self.code.set(input.code);
        self.name.set(input.name);
        self.at_risk.set(input.at_risk_percent);
        self.development.set(input.development);
        self.pausing.set(input.pausing);
        let levels = input.levels.into_iter().map(|l| self.level(l)).collect();
        self.levels.set(levels);
    }

    fn input(self) -> PolicyInput {
        let target =
            |t: TargetDraft| TargetInput { amount: t.amount.get_untracked(), unit: t.unit.get_untracked() };
        PolicyInput {
            code: self.code.get_untracked(),
            name: self.name.get_untracked(),
            at_risk_percent: self.at_risk.get_untracked(),
            development: self.development.get_untracked(),
            pausing: self.pausing.get_untracked(),
            levels: self
                .levels
                .get_untracked()
                .into_iter()
                .map(|l| LevelInput {
                    level: l.level.get_untracked(),
                    best_effort: l.best_effort.get_untracked(),
                    rules: l
                        .rules
                        .get_untracked()
                        .into_iter()
                        .map(|r| RuleInput {
                            priority: r.priority.get_untracked(),
                            category: r.category.get_untracked(),
                            reaction: target(r.reaction),
                            resolution: target(r.resolution),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Where a level entry stands now (rows above it may have gone).
    fn level_index(self, key: u64) -> usize {
        self.levels.with(|v| v.iter().position(|l| l.key == key).unwrap_or(0))
    }
}

/// The problems the last check found at `path`, as one text.
fn error_at(feedback: Feedback, locale: Locale, path: &str) -> Option<String> {
    let texts: Vec<String> = feedback.errors.with(|e| {
        e.errors.iter().filter(|x| x.field == path).map(|x| policy_problem_text(locale, x)).collect()
    });
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// A select of codes (`""` first: "any"), labelled for screen readers.
#[component]
fn CodeSelect(
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    view! {
        <select
            id=id
            aria-label=move || label.get()
            aria-invalid=move || invalid.map(|i| i.get()).unwrap_or(false).to_string()
            prop:value=move || value.get()
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {form::option_list(value, options)}
        </select>
    }
}

/// A target's amount and unit, and the problem with them.
#[component]
fn TargetCell(
    id: String,
    kind: Msg,
    target: TargetDraft,
    units: &'static [Unit],
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let counts = move || Unit::from_code(&target.unit.get()).counts();
    let error_id = format!("{id}-error");
    let invalid = move || error.with(|e| e.is_some());
    let options = Signal::derive(move || {
        let l = locale.get();
        units.iter().map(|u| (u.code().to_string(), unit_text(l, *u).to_string())).collect::<Vec<_>>()
    });
    view! {
        <td class="policy-target" class:cell-invalid=invalid>
            <div class="policy-target-inputs">
                <input
                    id=format!("{id}-amount")
                    class="policy-amount"
                    type="number"
                    min="1"
                    max=MAX_AMOUNT.to_string()
                    inputmode="numeric"
                    hidden=move || !counts()
                    aria-label=move || format!("{}: {}", kind.text(locale.get()), Msg::AmountLabel.text(locale.get()))
                    aria-invalid=move || invalid().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || target.amount.get()
                    on:input=move |ev| target.amount.set(event_target_value(&ev))
                />
                <CodeSelect
                    id=format!("{id}-unit")
                    label=Signal::derive(move || format!("{}: {}", kind.text(locale.get()), Msg::UnitLabel.text(locale.get())))
                    value=target.unit
                    options
                    invalid=Signal::derive(invalid)
                />
            </div>
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </td>
    }
}

fn unit_text(locale: Locale, unit: Unit) -> &'static str {
    match unit {
        Unit::None => Msg::UnitNone,
        Unit::Minutes => Msg::UnitMinutes,
        Unit::Hours => Msg::UnitHours,
        Unit::WorkingDays => Msg::UnitWorkingDays,
        Unit::CalendarHours => Msg::UnitCalendarHours,
        Unit::Estimate => Msg::UnitEstimate,
    }
    .text(locale)
}

fn any_and<T: Copy>(
    locale: Locale,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    name: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), Msg::AnyValue.text(locale).to_string()))
        .chain(all.iter().map(|x| (code(*x).to_string(), name(*x))))
        .collect()
}

/// One rule: the row of selects and targets, and under it what is wrong
/// with the rule as a whole.
#[component]
fn RuleRow(draft: Draft, level: LevelDraft, rule: RuleDraft, feedback: Feedback) -> impl IntoView {
    let locale = use_locale();
    let path = move || {
        let i = draft.level_index(level.key);
        let j = level.rules.with(|v| v.iter().position(|r| r.key == rule.key).unwrap_or(0));
        format!("levels.{i}.rules.{j}")
    };
    let number = move || level.rules.with(|v| v.iter().position(|r| r.key == rule.key).unwrap_or(0) + 1);
    let row_error = Signal::derive(move || error_at(feedback, locale.get(), &path()));
    let reaction_error =
        Signal::derive(move || error_at(feedback, locale.get(), &format!("{}.reaction", path())));
    let resolution_error =
        Signal::derive(move || error_at(feedback, locale.get(), &format!("{}.resolution", path())));
    let id = format!("policy-rule-{}", rule.key);
    let label = move |m: Msg| {
        Signal::derive(move || {
            format!("{} {}: {}", Msg::RuleLabel.text(locale.get()), number(), m.text(locale.get()))
        })
    };
    let priorities = Signal::derive(move || {
        let l = locale.get();
        any_and(l, Priority::ALL, |p| p.code(), |p| labels::priority(p).text(l).to_string())
    });
    let categories = Signal::derive(move || {
        let l = locale.get();
        any_and(l, Category::ALL, |c| c.code(), |c| labels::category(c).text(l).to_string())
    });
    let remove = move |_| level.rules.update(|v| v.retain(|r| r.key != rule.key));
    view! {
        <tr class:row-invalid=move || row_error.with(|e| e.is_some())>
            <td>
                <CodeSelect id=format!("{id}-priority") label=label(Msg::Priority) value=rule.priority options=priorities/>
            </td>
            <td>
                <CodeSelect id=format!("{id}-category") label=label(Msg::Category) value=rule.category options=categories/>
            </td>
            <TargetCell id=format!("{id}-reaction") kind=Msg::ClockReaction target=rule.reaction units=&Unit::REACTION error=reaction_error/>
            <TargetCell id=format!("{id}-resolution") kind=Msg::ClockResolution target=rule.resolution units=&Unit::RESOLUTION error=resolution_error/>
            <td class="row-actions">
                <button type="button" class="link-button" on:click=remove>
                    {locale.text(Msg::RemoveRule)}
                    <span class="visually-hidden">" " {number}</span>
                </button>
            </td>
        </tr>
        <Show when=move || row_error.with(|e| e.is_some())>
            <tr class="rule-error">
                <td colspan="5"><p class="field-error" role="alert">{move || row_error.get()}</p></td>
            </tr>
        </Show>
    }
}

/// One level entry: which level, best effort or its table of rules.
#[component]
fn LevelSection(draft: Draft, level: LevelDraft, feedback: Feedback) -> impl IntoView {
    let locale = use_locale();
    let key = level.key;
    let error = move || error_at(feedback, locale.get(), &format!("levels.{}", draft.level_index(key)));
    let name = move || match level.level.get().parse::<SlaLevel>() {
        Ok(l) => level_label(locale.get(), l),
        Err(_) => Msg::AnyLevel.text(locale.get()).to_string(),
    };
    let levels = Signal::derive(move || {
        let l = locale.get();
        std::iter::once((String::new(), Msg::AnyLevel.text(l).to_string()))
            .chain(SlaLevel::ALL.iter().map(|x| (x.code().to_string(), level_label(l, *x))))
            .collect::<Vec<_>>()
    });
    let add_rule = move |_| {
        let rule = draft.rule(RuleInput::default());
        level.rules.update(|v| v.push(rule));
    };
    let remove = move |_| draft.levels.update(|v| v.retain(|l| l.key != key));
    let best_effort_id = format!("policy-level-{key}-best-effort");
    view! {
        <fieldset class="policy-level" class:row-invalid=move || error().is_some()>
            <legend>{name}</legend>
            <div class="policy-level-head">
                <div class="field">
                    <label for=format!("policy-level-{key}")>{locale.text(Msg::SupportLevelLabel)}</label>
                    <CodeSelect id=format!("policy-level-{key}") label=Signal::derive(move || Msg::SupportLevelLabel.text(locale.get()).to_string()) value=level.level options=levels/>
                </div>
                <label class="check" for=best_effort_id.clone()>
                    <input
                        type="checkbox"
                        id=best_effort_id.clone()
                        prop:checked=move || level.best_effort.get()
                        on:change=move |ev| level.best_effort.set(event_target_checked(&ev))
                    />
                    {locale.text(Msg::BestEffortToggle)}
                </label>
                <button type="button" class="link-button" on:click=remove>
                    {locale.text(Msg::RemoveLevel)}
                    <span class="visually-hidden">" " {name}</span>
                </button>
            </div>
            <p class="field-error" role="alert">{error}</p>
            <Show when=move || !level.best_effort.get() fallback=move || view! { <p class="field-hint">{locale.text(Msg::BestEffortHint)}</p> }>
                <div class="policy-grid-wrap">
                    <table class="policy-grid">
                        <thead>
                            <tr>
                                <th scope="col">{locale.text(Msg::Priority)}</th>
                                <th scope="col">{locale.text(Msg::Category)}</th>
                                <th scope="col">{locale.text(Msg::ClockReaction)}</th>
                                <th scope="col">{locale.text(Msg::ClockResolution)}</th>
                                <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || level.rules.get() key=|r| r.key let:rule>
                                <RuleRow draft level rule feedback/>
                            </For>
                        </tbody>
                    </table>
                </div>
                <button type="button" class="secondary" on:click=add_rule>{locale.text(Msg::AddRule)}</button>
            </Show>
        </fieldset>
    }
}

/// The policy's JSON, for import and export: opened, it shows the form
/// as it stands; "Load into the form" replaces the form with what is typed.
#[component]
fn PolicyJsonBox(draft: Draft, feedback: Feedback, open: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let show_form = move || {
        // What the form would save; empty while the form has problems
        // (Save shows them at their rows).
        let input = draft.input();
        let policy = input.policy().ok();
        text.set(policy.map(|p| serde_json::to_string_pretty(&p).unwrap_or_default()).unwrap_or_default());
        problem.set(None);
    };
    // Filled when the box opens. The box's state is ours (`open`), not the
    // element's: `toggle` does not bubble, so Leptos' delegated handlers
    // never see it, and loading another policy closes the box.
    let on_summary = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if !open.get_untracked() {
            show_form();
        }
        open.update(|o| *o = !*o);
    };
    let load = move |_| match serde_json::from_str::<SlaPolicy>(&text.get_untracked()) {
        Err(e) => problem.set(Some(format!("{} {e}", Msg::ProblemInvalid.text(locale.0.get_untracked())))),
        Ok(policy) => {
            problem.set(None);
            let input = PolicyInput::of(&policy);
            draft.load(input.clone());
            // The form now says what is wrong with what was loaded.
            match input.policy() {
                Ok(_) => feedback.clear(),
                Err(e) => feedback.invalid(e),
            }
        }
    };
    view! {
        <details class="policy-json" prop:open=move || open.get()>
            <summary on:click=on_summary>{locale.text(Msg::PolicyJson)}</summary>
            <div class="field">
                <label for="policy-spec">{locale.text(Msg::PolicyJson)}</label>
                <textarea
                    id="policy-spec"
                    rows="14"
                    aria-describedby="policy-spec-error policy-spec-hint"
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p class="field-hint" id="policy-spec-hint">{locale.text(Msg::PolicyJsonIoHint)}</p>
                <p class="field-error" id="policy-spec-error">{move || problem.get()}</p>
            </div>
            <button type="button" class="secondary" id="policy-load-json" on:click=load>{locale.text(Msg::LoadIntoForm)}</button>
        </details>
    }
}

#[component]
pub fn Policies(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    // The code of the policy being changed; `None`: a new one.
    let editing = RwSignal::new(None::<String>);
    let draft = Draft::new();
    let feedback = Feedback::new();
    // Whether the JSON box is open; another policy in the form closes it.
    let json_open = RwSignal::new(false);
    let action = Action::new(move |(is_new, policy): &(bool, serde_json::Value)| {
        let (is_new, policy) = (*is_new, policy.clone());
        async move { save_policy(is_new, policy).await }
    });
    after_save(action, feedback, reload);
    let start_new = Callback::new(move |_| {
        editing.set(None);
        draft.load(PolicyInput::blank());
        json_open.set(false);
        feedback.clear();
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.input().policy() {
            Err(e) => feedback.invalid(e),
            // The code is the key contracts use: JSON loaded while editing
            // may not turn this save into a change of another policy.
            Ok(policy) if editing.get_untracked().is_some_and(|code| code != policy.code) => {
                let mut e = FormErrors::default();
                e.push_detail(
                    "code",
                    Problem::Invalid,
                    format!("code: {}", editing.get_untracked().unwrap_or_default()),
                );
                feedback.invalid(e);
            }
            Ok(policy) => {
                feedback.clear();
                let value = serde_json::to_value(&policy).unwrap_or_default();
                action.dispatch((editing.get_untracked().is_none(), value));
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
                            draft.load(PolicyInput::of(&edit_p));
                            json_open.set(false);
                            feedback.clear();
                        })/>
                        <button type="button" class="link-button" on:click=move |_| {
                            let mut copy = copy_p.clone();
                            copy.code = format!("{}_copy", copy.code);
                            copy.name = format!("{} (2)", copy.name);
                            editing.set(None);
                            draft.load(PolicyInput::of(&copy));
                            json_open.set(false);
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
    let development = Signal::derive(move || {
        let l = locale.get();
        DevelopmentRule::ALL
            .iter()
            .map(|r| (r.code().to_string(), development_text(*r).text(l).to_string()))
            .collect()
    });
    let add_level = move |_| {
        let level = draft.level(LevelInput { rules: vec![RuleInput::default()], ..LevelInput::default() });
        draft.levels.update(|v| v.push(level));
    };
    let pausing_boxes = WaitingReason::ALL
        .iter()
        .map(|w| {
            let w = *w;
            let id = format!("policy-pauses-{}", w.code());
            view! {
                <label class="check" for=id.clone()>
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || draft.pausing.get().pauses(w)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.pausing.update(|p| match w {
                                WaitingReason::ClientInfo => p.client_info = on,
                                WaitingReason::ClientApproval => p.client_approval = on,
                                WaitingReason::Payment => p.payment = on,
                            });
                        }
                    />
                    {move || labels::waiting(w).text(locale.get())}
                </label>
            }
        })
        .collect_view();
    let levels_error = move || error_at(feedback, locale.get(), "levels");
    view! {
        <div class="admin-stack">
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
            </div>
            <form class="admin-form policy-form" id="policy-form" novalidate on:submit=submit>
                <h2>
                    {move || match editing.get() {
                        Some(code) => format!("{} {code}", Msg::EditRecord.text(locale.get())),
                        None => Msg::AddNew.text(locale.get()).to_string(),
                    }}
                </h2>
                <div class="policy-head">
                    <TextField
                        form="policy"
                        field="code"
                        label=Msg::PolicyCode
                        value=draft.code
                        feedback
                        required=true
                        maxlength=40
                        hint=Msg::PolicyCodeHint
                        readonly=Signal::derive(move || editing.get().is_some())
                    />
                    <TextField form="policy" field="name" label=Msg::Name value=draft.name feedback required=true maxlength=MAX_POLICY_NAME_CHARS/>
                    <TextField form="policy" field="at_risk_fraction" label=Msg::AtRiskPercent value=draft.at_risk feedback kind="number"/>
                    <SelectField form="policy" field="development" label=Msg::DevelopmentRuleLabel value=draft.development feedback options=development/>
                </div>
                <fieldset class="policy-pausing">
                    <legend>{locale.text(Msg::PausingWaitsLabel)}</legend>
                    {pausing_boxes}
                </fieldset>
                <h3>{locale.text(Msg::PolicyRules)}</h3>
                <p class="field-hint">{locale.text(Msg::PolicyJsonHint)}</p>
                <p class="field-error" role="alert">{levels_error}</p>
                <For each=move || draft.levels.get() key=|l| l.key let:level>
                    <LevelSection draft level feedback/>
                </For>
                <div>
                    <button type="button" class="secondary" id="policy-add-level" on:click=add_level>{locale.text(Msg::AddLevel)}</button>
                </div>
                <PolicyJsonBox draft feedback open=json_open/>
                <ul class="form-errors" role="alert">
                    {move || {
                        feedback
                            .errors
                            .with(|e| {
                                e.errors
                                    .iter()
                                    .filter(|x| matches!(x.problem, Problem::LevelNotInPolicy) || x.field == "spec")
                                    .map(|x| match x.detail.as_deref().and_then(|d| d.parse::<SlaLevel>().ok()) {
                                        Some(l) => format!("{} ({})", Msg::ProblemLevelNotInPolicy.text(locale.get()), level_label(locale.get(), l)),
                                        None => policy_problem_text(locale.get(), x),
                                    })
                                    .collect::<Vec<_>>()
                            })
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

fn development_text(rule: DevelopmentRule) -> Msg {
    match rule {
        DevelopmentRule::Level => Msg::DevelopmentRuleLevel,
        DevelopmentRule::ResolveByEstimate => Msg::DevelopmentRuleEstimate,
        DevelopmentRule::NoResolution => Msg::DevelopmentRuleNoResolution,
    }
}
