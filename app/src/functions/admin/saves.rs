//! The admin area's saves: one endpoint per kind of record, each creating
//! (no `id`) or changing one. All check the caller is an admin, validate
//! with the same domain rules the form used, and write nothing on error.

use crate::domain::admin::department::ChannelDraft;
use crate::domain::sla::{ClientCategory, SlaPolicy, SupportLevel};
use crate::domain::ticket::Role;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use {
    super::{invalid, invalid_field, not_found},
    crate::domain::admin::Problem,
    crate::domain::ticket::Permission,
    crate::functions::{internal, store},
    crate::store::admin::{self as db, Saved},
};

/// The id saved, or the field that clashed with another record.
#[cfg(feature = "ssr")]
fn saved(outcome: Saved, unique_field: &str, what: &str) -> Result<i64, crate::error::AppError> {
    match outcome {
        Saved::Saved(id) => Ok(id),
        Saved::Taken => Err(invalid_field(unique_field, Problem::Taken)),
        Saved::Missing => Err(not_found(what)),
    }
}

/// `POST /api/admin/organisations/save`: adds or changes an organisation:
/// its name, the mail domain its people write from (may be empty) and
/// whether its clients may read its own report (`reports_visible`).
#[server(prefix = "/api", endpoint = "admin/organisations/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_organisation(
    #[server(default)] id: Option<i64>,
    name: String,
    #[server(default)] mail_domain: String,
    #[server(default)] reports_visible: bool,
) -> Result<i64, crate::error::AppError> {
    crate::auth::require(Permission::Administer).await?;
    let org = crate::domain::admin::organisation_form(&name, &mail_domain).map_err(|e| invalid(&e))?;
    let store = store()?;
    let now = chrono::Utc::now().timestamp();
    let outcome = db::save_organisation(&store, id, &org, reports_visible, now).await.map_err(internal)?;
    // Two unique columns: say which one clashed.
    let clash = match (&outcome, &org.mail_domain) {
        (Saved::Taken, Some(domain))
            if db::mail_domain_taken(&store, domain, id).await.map_err(internal)? =>
        {
            "mail_domain"
        }
        _ => "name",
    };
    saved(outcome, clash, "organisation")
}

/// `POST /api/admin/contracts/save`: adds or changes a contract. Validity
/// days are `YYYY-MM-DD` in the calendar's zone, `valid_to` inclusive and
/// empty for no end; periods of one organisation may not overlap.
#[server(prefix = "/api", endpoint = "admin/contracts/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_contract(
    #[server(default)] id: Option<i64>,
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] calendar_id: Option<i64>,
    #[server(default)] policy_code: String,
    client_category: ClientCategory,
    support_level: SupportLevel,
    #[server(default)] valid_from: String,
    #[server(default)] valid_to: String,
    #[server(default)] curator_id: Option<i64>,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::admin::contract_terms::ContractFacts;
    use crate::domain::admin::ContractDraft;
    use crate::domain::sla::BusinessCalendar;

    crate::auth::require(Permission::Administer).await?;
    let store = store()?;
    let organisation_known = match organisation_id {
        Some(org) => db::organisation_exists(&store, org).await.map_err(internal)?,
        None => false,
    };
    let calendar_zone = match calendar_id {
        Some(cal) => match crate::store::calendars::get(&store, cal).await.map_err(internal)? {
            Some((_, spec)) => Some(BusinessCalendar::from_json(&spec).map_err(internal)?.tz()),
            None => None,
        },
        None => None,
    };
    let policies = db::policies(&store).await.map_err(internal)?;
    let policy = policies.iter().find(|p| p.code == policy_code.trim());
    let curator_is_agent = match curator_id {
        Some(c) => db::is_active_agent(&store, c).await.map_err(internal)?,
        None => true,
    };
    let others = match organisation_id {
        Some(org) if organisation_known => db::other_periods(&store, org, id).await.map_err(internal)?,
        _ => Vec::new(),
    };
    let draft = ContractDraft {
        organisation_id,
        calendar_id,
        policy_code,
        client_category,
        support_level,
        valid_from,
        valid_to,
        curator_id,
    };
    let facts =
        ContractFacts { organisation_known, calendar_zone, policy, curator_is_agent, others: &others };
    let contract = draft.validate(facts).map_err(|e| invalid(&e))?;
    let saved_id =
        saved(db::save_contract(&store, id, &contract).await.map_err(internal)?, "valid_from", "contract")?;
    // The organisation's open tickets may run on other terms now.
    crate::service::sla::refresh_open(&store, Some(contract.organisation_id), chrono::Utc::now()).await?;
    Ok(saved_id)
}

/// `POST /api/admin/policies/save`: adds (`is_new`) or replaces an SLA
/// policy, given as the policy JSON (`code`, `name`, `at_risk_fraction`,
/// `levels`). A policy's code never changes once stored.
#[server(prefix = "/api", endpoint = "admin/policies/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_policy(
    is_new: bool,
    policy: serde_json::Value,
) -> Result<SlaPolicy, crate::error::AppError> {
    use crate::domain::admin::{check_policy, FormErrors};
    crate::auth::require(Permission::Administer).await?;
    let policy: SlaPolicy = serde_json::from_value(policy).map_err(|e| {
        let mut errors = FormErrors::default();
        errors.push_detail("spec", Problem::Invalid, e.to_string());
        invalid(&errors)
    })?;
    check_policy(&policy).map_err(|e| invalid(&e))?;
    let store = store()?;
    // An edit may not take away the targets of a level contracts use: their
    // tickets would silently run without an SLA.
    if !is_new {
        use crate::domain::admin::contract_terms::policy_covers;
        let mut errors = FormErrors::default();
        for level in db::contract_levels(&store, &policy.code).await.map_err(internal)? {
            let covered = level.parse().is_ok_and(|l| policy_covers(&policy, l));
            if !covered {
                errors.push_detail("spec", Problem::LevelNotInPolicy, level);
            }
        }
        if !errors.is_empty() {
            return Err(invalid(&errors));
        }
    }
    let now = chrono::Utc::now().timestamp();
    saved(db::save_policy(&store, &policy, is_new, now).await.map_err(internal)?, "code", "policy")?;
    if !is_new {
        crate::service::sla::refresh_open(&store, None, chrono::Utc::now()).await?;
    }
    Ok(policy)
}

/// `POST /api/admin/departments/save`: adds or changes a second-line department.
#[server(prefix = "/api", endpoint = "admin/departments/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_department(
    #[server(default)] id: Option<i64>,
    #[server(default)] name: String,
    deadline_days: i64,
    #[server(default)] channels: Vec<ChannelDraft>,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::admin::DepartmentDraft;
    crate::auth::require(Permission::Administer).await?;
    let department = DepartmentDraft { name, deadline_days, channels }.validate().map_err(|e| invalid(&e))?;
    let store = store()?;
    saved(db::save_department(&store, id, &department).await.map_err(internal)?, "name", "department")
}

/// `POST /api/admin/templates/save`: adds or changes a reply template.
#[server(prefix = "/api", endpoint = "admin/templates/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_template(
    #[server(default)] id: Option<i64>,
    #[server(default)] name: String,
    #[server(default)] body_en: String,
    #[server(default)] body_ru: String,
    #[server(default)] body_uk: String,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::admin::TemplateDraft;
    crate::auth::require(Permission::Administer).await?;
    let template = TemplateDraft { name, body_en, body_ru, body_uk }.validate().map_err(|e| invalid(&e))?;
    let store = store()?;
    saved(db::save_template(&store, id, &template).await.map_err(internal)?, "name", "template")
}

/// `POST /api/admin/accounts/save`: adds an account (with a password of at
/// least 12 characters) or changes one's email, name, role and organisation.
/// An admin cannot take away their own admin role.
#[server(prefix = "/api", endpoint = "admin/accounts/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_account(
    #[server(default)] id: Option<i64>,
    #[server(default)] email: String,
    #[server(default)] name: String,
    role: Role,
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] password: Option<String>,
) -> Result<i64, crate::error::AppError> {
    use crate::domain::admin::account::own_account_change;
    use crate::domain::admin::AccountDraft;
    let me = crate::auth::require(Permission::Administer).await?;
    let store = store()?;
    let organisation_known = match organisation_id {
        Some(org) => db::organisation_exists(&store, org).await.map_err(internal)?,
        None => false,
    };
    // A new account needs a password; a change sets it by its own endpoint.
    let password = match id {
        None => Some(password.unwrap_or_default()),
        Some(_) if password.is_some() => return Err(invalid_field("password", Problem::Invalid)),
        Some(_) => None,
    };
    let draft = AccountDraft { email, name, role, organisation_id, password };
    let account = draft.validate(organisation_known).map_err(|e| invalid(&e))?;
    if let Some(target) = id {
        if let Some(problem) = own_account_change(me.id, target, Some(account.role), false) {
            return Err(invalid_field("role", problem));
        }
    }
    let outcome = match (id, &account.password) {
        (None, Some(password)) => {
            let hash = crate::auth::password::hash(password).await.map_err(internal)?;
            let new = crate::store::users::NewUser {
                email: account.email.as_str(),
                name: &account.name,
                role: account.role,
                organisation_id: account.organisation_id,
                password_hash: &hash,
            };
            match crate::store::users::insert(&store, &new).await.map_err(internal)? {
                Some(id) => Saved::Saved(id),
                None => Saved::Taken,
            }
        }
        (Some(id), _) => db::update_account(
            &store,
            id,
            account.email.as_str(),
            &account.name,
            account.role,
            account.organisation_id,
        )
        .await
        .map_err(internal)?,
        (None, None) => return Err(invalid_field("password", Problem::Required)),
    };
    saved(outcome, "email", "account")
}

/// `POST /api/admin/accounts/password`: sets a new password (at least 12
/// characters); every session of the account ends with the old one.
#[server(prefix = "/api", endpoint = "admin/accounts/password", input = Json, custom = crate::auth::StrictArgs)]
pub async fn set_account_password(
    id: i64,
    #[server(default)] password: String,
) -> Result<(), crate::error::AppError> {
    use crate::domain::admin::{account::new_password, FormErrors};
    crate::auth::require(Permission::Administer).await?;
    let mut errors = FormErrors::default();
    let password = new_password(&mut errors, &password).ok_or_else(|| invalid(&errors))?;
    let hash = crate::auth::password::hash(&password).await.map_err(internal)?;
    let store = store()?;
    if db::set_password_hash(&store, id, &hash).await.map_err(internal)? {
        Ok(())
    } else {
        Err(not_found("account"))
    }
}

/// `POST /api/admin/accounts/disabled`: disables an account (it can neither
/// sign in nor use a session it has) or enables it again. An admin cannot
/// disable themselves.
#[server(prefix = "/api", endpoint = "admin/accounts/disabled", input = Json, custom = crate::auth::StrictArgs)]
pub async fn set_account_disabled(id: i64, disabled: bool) -> Result<(), crate::error::AppError> {
    use crate::domain::admin::account::own_account_change;
    let me = crate::auth::require(Permission::Administer).await?;
    if let Some(problem) = own_account_change(me.id, id, None, disabled) {
        return Err(invalid_field("disabled", problem));
    }
    let store = store()?;
    let at = disabled.then(|| chrono::Utc::now().timestamp());
    if db::set_disabled(&store, id, at).await.map_err(internal)? {
        Ok(())
    } else {
        Err(not_found("account"))
    }
}

/// `POST /api/admin/quality_bands/save`: the lowest monthly averages of the
/// good and normal bands, in hundredths (`{"good_from": 470, "normal_from":
/// 400}`: seed 000 §6). Each 100–500, good above normal; else 422 naming
/// the field.
#[server(prefix = "/api", endpoint = "admin/quality_bands/save", input = Json, custom = crate::auth::StrictArgs)]
pub async fn save_quality_bands(good_from: u16, normal_from: u16) -> Result<(), crate::error::AppError> {
    use crate::domain::quality::{BandsError, QualityBands};
    crate::auth::require(Permission::Administer).await?;
    let bands = QualityBands::new(good_from, normal_from).map_err(|e| match e {
        BandsError::OutOfRange if !(100..=500).contains(&good_from) => {
            invalid_field("good_from", Problem::Invalid)
        }
        BandsError::OutOfRange => invalid_field("normal_from", Problem::Invalid),
        BandsError::Unordered => invalid_field("good_from", Problem::Invalid),
    })?;
    let store = store()?;
    crate::store::reports::save_quality_bands(&store, bands).await.map_err(internal)?;
    Ok(())
}
