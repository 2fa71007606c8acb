//! Contracts: which policy, level and calendar an organisation's tickets
//! run on, for which days, and who curates them (SPEC §4).

use super::form::{
    after_save, chosen_id, EditButton, Feedback, FormActions, FormHeading, SelectField, TextField,
};
use crate::domain::admin::contract_terms::{period_of_days, ContractFacts};
use crate::domain::admin::{ContractDraft, ContractPeriod};
use crate::domain::sla::{ClientCategory, SupportLevel};
// Curators are the agents tickets can be assigned to (the store's
// `is_active_agent` asks the same of the database).
use crate::domain::ticket::is_assignable;
use crate::functions::admin::{save_contract, AdminData, ContractItem};
use crate::i18n::Msg;
use crate::labels::{CLIENT_CATEGORIES, SUPPORT_LEVELS};
use crate::locale::use_locale;
use chrono_tz::Tz;
use leptos::prelude::*;

fn category_code(c: ClientCategory) -> &'static str {
    CLIENT_CATEGORIES.iter().find(|x| x.0 == c).map(|x| x.1).unwrap_or("commercial")
}

fn support_code(l: SupportLevel) -> &'static str {
    SUPPORT_LEVELS.iter().find(|x| x.0 == l).map(|x| x.1).unwrap_or("standard")
}

/// A listed contract's days as a period in UTC. The browser compares
/// validity in whole days, all read in UTC: parsing calendar zones here
/// would ship the whole time-zone database to every browser (it doubled the
/// WASM). The server checks again in each calendar's own zone.
fn days_in_utc(c: &ContractItem) -> Option<ContractPeriod> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let to = match &c.valid_to {
        Some(d) => Some(day(d)?),
        None => None,
    };
    Some(period_of_days(day(&c.valid_from)?, to, Tz::UTC))
}

#[derive(Clone)]
struct Fields {
    organisation: RwSignal<String>,
    category: RwSignal<String>,
    level: RwSignal<String>,
    policy: RwSignal<String>,
    calendar: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    curator: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            organisation: RwSignal::new(String::new()),
            category: RwSignal::new("commercial".into()),
            level: RwSignal::new("standard".into()),
            policy: RwSignal::new(String::new()),
            calendar: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            curator: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, c: Option<&ContractItem>) {
        let text = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        self.organisation.set(text(c.map(|c| c.organisation_id)));
        self.category.set(
            category_code(c.and_then(|c| c.client_category).unwrap_or(ClientCategory::Commercial)).into(),
        );
        self.level
            .set(support_code(c.and_then(|c| c.support_level).unwrap_or(SupportLevel::Standard)).into());
        self.policy.set(c.map(|c| c.policy_code.clone()).unwrap_or_default());
        self.calendar.set(text(c.map(|c| c.calendar_id)));
        self.from.set(c.map(|c| c.valid_from.clone()).unwrap_or_default());
        self.to.set(c.and_then(|c| c.valid_to.clone()).unwrap_or_default());
        self.curator.set(text(c.and_then(|c| c.curator_id)));
    }

    fn draft(&self) -> ContractDraft {
        let category = CLIENT_CATEGORIES.iter().find(|x| x.1 == self.category.get_untracked()).map(|x| x.0);
        let level = SUPPORT_LEVELS.iter().find(|x| x.1 == self.level.get_untracked()).map(|x| x.0);
        ContractDraft {
            organisation_id: chosen_id(&self.organisation.get_untracked()),
            calendar_id: chosen_id(&self.calendar.get_untracked()),
            policy_code: self.policy.get_untracked(),
            client_category: category.unwrap_or(ClientCategory::Commercial),
            support_level: level.unwrap_or(SupportLevel::Standard),
            valid_from: self.from.get_untracked(),
            valid_to: self.to.get_untracked(),
            curator_id: chosen_id(&self.curator.get_untracked()),
        }
    }
}

#[component]
pub fn Contracts(data: AdminData, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let data = StoredValue::new(data);
    let editing = RwSignal::new(None::<i64>);
    let fields = Fields::new();
    let feedback = Feedback::new();
    let action = Action::new(move |(id, d): &(Option<i64>, ContractDraft)| {
        let (id, d) = (*id, d.clone());
        async move {
            save_contract(
                id,
                d.organisation_id,
                d.calendar_id,
                d.policy_code,
                d.client_category,
                d.support_level,
                d.valid_from,
                d.valid_to,
                d.curator_id,
            )
            .await
        }
    });
    after_save(action, feedback, reload);

    let f = fields.clone();
    let start_new = Callback::new(move |_| {
        editing.set(None);
        f.fill(None);
        feedback.clear();
    });
    let f = fields.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = f.draft();
        let id = editing.get_untracked();
        let checked = data.with_value(|d| {
            let calendar_zone =
                draft.calendar_id.filter(|c| d.calendars.iter().any(|x| x.id == *c)).map(|_| Tz::UTC);
            let others: Vec<ContractPeriod> = d
                .contracts
                .iter()
                .filter(|c| Some(c.organisation_id) == draft.organisation_id && Some(c.id) != id)
                .filter_map(days_in_utc)
                .collect();
            let curator_is_agent = draft.curator_id.is_none_or(|id| {
                d.accounts.iter().any(|a| a.id == id && !a.disabled && is_assignable(a.role))
            });
            let facts = ContractFacts {
                organisation_known: draft
                    .organisation_id
                    .is_some_and(|o| d.organisations.iter().any(|x| x.id == o)),
                calendar_zone,
                policy: d.policies.iter().find(|p| p.code == draft.policy_code),
                curator_is_agent,
                others: &others,
            };
            draft.validate(facts)
        });
        match checked {
            Err(e) => feedback.invalid(e),
            Ok(_) => {
                feedback.clear();
                action.dispatch((id, draft));
            }
        }
    };

    let (organisations, policies, calendars, curators) = data.with_value(|d| {
        (
            d.organisations.iter().map(|o| (o.id.to_string(), o.name.clone())).collect::<Vec<_>>(),
            d.policies.iter().map(|p| (p.code.clone(), p.name.clone())).collect::<Vec<_>>(),
            d.calendars.iter().map(|c| (c.id.to_string(), c.name.clone())).collect::<Vec<_>>(),
            d.accounts
                .iter()
                .filter(|a| !a.disabled && is_assignable(a.role))
                .map(|a| (a.id.to_string(), a.name.clone()))
                .collect::<Vec<_>>(),
        )
    });
    let category_options = Signal::derive(move || {
        CLIENT_CATEGORIES
            .iter()
            .map(|(_, code, m)| (code.to_string(), m.text(locale.get()).to_string()))
            .collect()
    });
    let level_options = Signal::derive(move || {
        SUPPORT_LEVELS
            .iter()
            .map(|(_, code, m)| (code.to_string(), m.text(locale.get()).to_string()))
            .collect()
    });

    let rows = data.with_value(|d| {
        d.contracts
            .iter()
            .map(|c| {
                let item = c.clone();
                let f = fields.clone();
                let policy = d.policies.iter().find(|p| p.code == c.policy_code).map(|p| p.name.clone());
                let level = c.level;
                let from = c.valid_from.clone();
                let to = c.valid_to.clone();
                view! {
                    <tr>
                        <td>{c.organisation.clone()}</td>
                        <td>{move || crate::labels::sla_level(locale.get(), level)}</td>
                        <td>{policy.unwrap_or_else(|| c.policy_code.clone())}</td>
                        <td>{c.calendar.clone()}</td>
                        <td>
                            {from} " – " {move || to.clone().unwrap_or_else(|| Msg::NoEnd.text(locale.get()).to_string())}
                        </td>
                        <td>{c.curator.clone().unwrap_or_default()}</td>
                        <td>
                            <EditButton name=c.organisation.clone() on_edit=Callback::new(move |_| {
                                editing.set(Some(item.id));
                                f.fill(Some(&item));
                                feedback.clear();
                            })/>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    });

    view! {
        <div class="admin-layout">
            <div class="admin-table-wrap">
                <table class="admin-table">
                    <caption>{locale.text(Msg::AdminContracts)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text(Msg::Organisation)}</th>
                            <th scope="col">{locale.text(Msg::SupportLevelLabel)}</th>
                            <th scope="col">{locale.text(Msg::SlaPolicyLabel)}</th>
                            <th scope="col">{locale.text(Msg::CalendarLabel)}</th>
                            <th scope="col">{locale.text(Msg::ValidFrom)} " – " {locale.text(Msg::ValidUntil)}</th>
                            <th scope="col">{locale.text(Msg::Curator)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="admin-form" id="contract-form" novalidate on:submit=submit>
                <FormHeading editing=Signal::derive(move || editing.get().is_some()) new_label=Msg::AddNew/>
                <SelectField
                    form="contract"
                    field="organisation_id"
                    label=Msg::Organisation
                    value=fields.organisation
                    feedback
                    options=organisations
                    empty=Msg::ChooseOne
                />
                <div class="admin-row">
                    <SelectField
                        form="contract"
                        field="client_category"
                        label=Msg::ClientCategoryLabel
                        value=fields.category
                        feedback
                        options=category_options
                    />
                    <SelectField
                        form="contract"
                        field="support_level"
                        label=Msg::SupportLevelLabel
                        value=fields.level
                        feedback
                        options=level_options
                    />
                </div>
                <SelectField
                    form="contract"
                    field="policy_code"
                    label=Msg::SlaPolicyLabel
                    value=fields.policy
                    feedback
                    options=policies
                    empty=Msg::ChooseOne
                />
                <SelectField
                    form="contract"
                    field="calendar_id"
                    label=Msg::CalendarLabel
                    value=fields.calendar
                    feedback
                    options=calendars
                    empty=Msg::ChooseOne
                />
                <div class="admin-row">
                    <TextField form="contract" field="valid_from" label=Msg::ValidFrom value=fields.from feedback kind="date" required=true/>
                    <TextField form="contract" field="valid_to" label=Msg::ValidUntil value=fields.to feedback kind="date"/>
                </div>
                <p class="field-hint">{locale.text(Msg::ValidUntilHint)}</p>
                <SelectField
                    form="contract"
                    field="curator_id"
                    label=Msg::Curator
                    value=fields.curator
                    feedback
                    options=curators
                    empty=Msg::NoCurator
                />
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
