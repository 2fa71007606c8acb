//! What the admin area reads and writes: organisations, contracts, SLA
//! policies, departments, reply templates and accounts. Everything here was
//! validated by the domain (`domain::admin`) first; the database's own
//! constraints (unique names, checks, foreign keys) still decide races.

use super::{Store, StoreError};
use crate::domain::admin::{
    ContractPeriod, ValidContract, ValidDepartment, ValidOrganisation, ValidTemplate,
};
use crate::domain::sla::SlaPolicy;
use crate::domain::ticket::Role;
use sqlx::Row;

/// How a save ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved(i64),
    /// Another row has this name (email, code).
    Taken,
    /// No row with the given id.
    Missing,
}

/// A value to bind; the Any driver needs to know each one's type.
pub(super) enum Val<'a> {
    Text(&'a str),
    OptText(Option<&'a str>),
    Int(i64),
    OptInt(Option<i64>),
}

/// Inserts (`id` None) or updates a row of `table` with `columns` = `values`.
/// `table` and `columns` are constants of this module, never input. A unique
/// violation is the [`Saved::Taken`] answer, so two admins saving the same
/// name at once get one row and one clear refusal.
pub(super) async fn save_row(
    store: &Store,
    table: &'static str,
    id: Option<i64>,
    columns: &[&'static str],
    values: Vec<Val<'_>>,
) -> Result<Saved, StoreError> {
    let sql = match id {
        None => {
            let params: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
            format!(
                "INSERT INTO {table} ({}) VALUES ({}) RETURNING id",
                columns.join(", "),
                params.join(", ")
            )
        }
        Some(_) => {
            let sets: Vec<String> =
                columns.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
            format!("UPDATE {table} SET {} WHERE id = ${} RETURNING id", sets.join(", "), columns.len() + 1)
        }
    };
    let mut query = sqlx::query(&sql);
    for v in values {
        query = match v {
            Val::Text(s) => query.bind(s.to_string()),
            Val::OptText(s) => query.bind(s.map(str::to_string)),
            Val::Int(i) => query.bind(i),
            Val::OptInt(i) => query.bind(i),
        };
    }
    if let Some(id) = id {
        query = query.bind(id);
    }
    match query.fetch_optional(&store.pool).await {
        Ok(Some(row)) => Ok(Saved::Saved(row.try_get("id")?)),
        Ok(None) => Ok(Saved::Missing),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Saved::Taken),
        Err(e) => Err(e.into()),
    }
}

// --- organisations ---------------------------------------------------------

#[derive(Debug, Clone)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub mail_domain: Option<String>,
    /// The sorting queue of unknown senders' mail.
    pub mail_queue: bool,
    pub clients: i64,
    pub open_tickets: i64,
    pub reports_visible: bool,
}

pub async fn organisations(store: &Store) -> Result<Vec<OrganisationRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.mail_domain, o.mail_queue, o.reports_visible,
                (SELECT COUNT(*) FROM users u WHERE u.organisation_id = o.id) AS clients,
                (SELECT COUNT(*) FROM tickets t WHERE t.organisation_id = o.id AND t.status <> 'archive') AS open_tickets
         FROM organisations o ORDER BY o.name",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OrganisationRow {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                mail_domain: r.try_get("mail_domain")?,
                mail_queue: r.try_get::<Option<i64>, _>("mail_queue")?.is_some(),
                clients: r.try_get("clients")?,
                open_tickets: r.try_get("open_tickets")?,
                reports_visible: r.try_get::<i64, _>("reports_visible")? == 1,
            })
        })
        .collect()
}

pub async fn save_organisation(
    store: &Store,
    id: Option<i64>,
    org: &ValidOrganisation,
    reports_visible: bool,
    now: i64,
) -> Result<Saved, StoreError> {
    let domain = Val::OptText(org.mail_domain.as_deref());
    let reports = Val::Int(i64::from(reports_visible));
    match id {
        None => {
            save_row(
                store,
                "organisations",
                None,
                &["name", "mail_domain", "reports_visible", "created_at"],
                vec![Val::Text(&org.name), domain, reports, Val::Int(now)],
            )
            .await
        }
        Some(_) => {
            save_row(
                store,
                "organisations",
                id,
                &["name", "mail_domain", "reports_visible"],
                vec![Val::Text(&org.name), domain, reports],
            )
            .await
        }
    }
}

/// Whether an organisation other than `except` has mail domain `domain`:
/// which of the two unique columns a refused save clashed on.
pub async fn mail_domain_taken(store: &Store, domain: &str, except: Option<i64>) -> Result<bool, StoreError> {
    Ok(sqlx::query("SELECT 1 AS one FROM organisations WHERE mail_domain = $1 AND id <> $2")
        .bind(domain)
        .bind(except.unwrap_or(0))
        .fetch_optional(&store.pool)
        .await?
        .is_some())
}

// --- contracts -------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct ContractRow {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub calendar_id: i64,
    pub calendar: String,
    /// The calendar JSON, for the zone the validity days are read in.
    pub calendar_spec: String,
    pub policy_code: String,
    pub level: String,
    pub valid_from: i64,
    pub valid_to: Option<i64>,
    pub curator_id: Option<i64>,
    pub curator: Option<String>,
}

pub async fn contracts(store: &Store) -> Result<Vec<ContractRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.id, c.organisation_id, o.name AS organisation, c.calendar_id, cal.name AS calendar,
                cal.spec AS calendar_spec, c.policy_code, c.level, c.valid_from, c.valid_to,
                c.curator_id, u.name AS curator
         FROM contracts c
         JOIN organisations o ON o.id = c.organisation_id
         JOIN calendars cal ON cal.id = c.calendar_id
         LEFT JOIN users u ON u.id = c.curator_id
         ORDER BY o.name, c.valid_from",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ContractRow {
                id: r.try_get("id")?,
                organisation_id: r.try_get("organisation_id")?,
                organisation: r.try_get("organisation")?,
                calendar_id: r.try_get("calendar_id")?,
                calendar: r.try_get("calendar")?,
                calendar_spec: r.try_get("calendar_spec")?,
                policy_code: r.try_get("policy_code")?,
                level: r.try_get("level")?,
                valid_from: r.try_get("valid_from")?,
                valid_to: r.try_get("valid_to")?,
                curator_id: r.try_get("curator_id")?,
                curator: r.try_get("curator")?,
            })
        })
        .collect()
}

/// The validity periods of an organisation's contracts other than `except`.
pub async fn other_periods(
    store: &Store,
    organisation_id: i64,
    except: Option<i64>,
) -> Result<Vec<ContractPeriod>, StoreError> {
    let rows = sqlx::query(
        "SELECT valid_from, valid_to FROM contracts
         WHERE organisation_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id <> CAST($2 AS BIGINT))
         ORDER BY valid_from",
    )
    .bind(organisation_id)
    .bind(except)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|r| Ok(ContractPeriod { from: r.try_get("valid_from")?, to: r.try_get("valid_to")? }))
        .collect()
}

pub async fn save_contract(store: &Store, id: Option<i64>, c: &ValidContract) -> Result<Saved, StoreError> {
    save_row(
        store,
        "contracts",
        id,
        &["organisation_id", "calendar_id", "policy_code", "level", "valid_from", "valid_to", "curator_id"],
        vec![
            Val::Int(c.organisation_id),
            Val::Int(c.calendar_id),
            Val::Text(&c.policy_code),
            Val::Text(c.level.code()),
            Val::Int(c.period.from),
            Val::OptInt(c.period.to),
            Val::OptInt(c.curator_id),
        ],
    )
    .await
}

/// Whether `id` names an organisation.
pub async fn organisation_exists(store: &Store, id: i64) -> Result<bool, StoreError> {
    Ok(sqlx::query("SELECT id FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await?
        .is_some())
}

/// Whether `id` names an active agent (operator, consultant or lead): the
/// people who may curate a contract, the roles `domain::ticket::is_assignable`
/// names.
pub async fn is_active_agent(store: &Store, id: i64) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT id FROM users WHERE id = $1 AND role IN ('operator','consultant','lead') AND disabled_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.is_some())
}

// --- SLA policies ----------------------------------------------------------

/// Writes the preset policies that are not stored yet. Run at every start:
/// a new release's presets appear, an admin's edits of old ones stay.
pub async fn ensure_policy_presets(store: &Store, now: i64) -> Result<(), StoreError> {
    for p in crate::domain::sla::presets() {
        let spec = serde_json::to_string(&p).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO sla_policies (code, name, spec, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(&p.code)
        .bind(&p.name)
        .bind(spec)
        .bind(now)
        .execute(&store.pool)
        .await?;
    }
    Ok(())
}

/// Every stored policy, by code.
pub async fn policies(store: &Store) -> Result<Vec<SlaPolicy>, StoreError> {
    let rows = sqlx::query("SELECT spec FROM sla_policies ORDER BY code").fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            let spec: String = r.try_get("spec")?;
            serde_json::from_str(&spec).map_err(|e| StoreError::Corrupt(format!("SLA policy: {e}")))
        })
        .collect()
}

/// The levels of the contracts on policy `code`, each once.
pub async fn contract_levels(store: &Store, code: &str) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT DISTINCT level FROM contracts WHERE policy_code = $1 ORDER BY level")
        .bind(code)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(|r| Ok(r.try_get("level")?)).collect()
}

/// Adds a policy (`is_new`) or replaces the one with its code. The code is
/// the key contracts refer to, so it never changes once stored.
pub async fn save_policy(
    store: &Store,
    policy: &SlaPolicy,
    is_new: bool,
    now: i64,
) -> Result<Saved, StoreError> {
    let spec = serde_json::to_string(policy).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let result = if is_new {
        sqlx::query("INSERT INTO sla_policies (code, name, spec, updated_at) VALUES ($1, $2, $3, $4)")
            .bind(&policy.code)
            .bind(&policy.name)
            .bind(spec)
            .bind(now)
            .execute(&store.pool)
            .await
    } else {
        sqlx::query("UPDATE sla_policies SET name = $1, spec = $2, updated_at = $3 WHERE code = $4")
            .bind(&policy.name)
            .bind(spec)
            .bind(now)
            .bind(&policy.code)
            .execute(&store.pool)
            .await
    };
    match result {
        Ok(r) if r.rows_affected() == 0 => Ok(Saved::Missing),
        Ok(_) => Ok(Saved::Saved(0)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Saved::Taken),
        Err(e) => Err(e.into()),
    }
}

// --- departments -----------------------------------------------------------

#[derive(Debug, Clone)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub deadline_days: i64,
    /// `(kind, address)` in the admin's order. Kinds as stored: a row
    /// migrated from before webhooks may hold a `~channel` name.
    pub channels: Vec<(String, String)>,
}

/// Every department with its channels, by name.
pub async fn departments(store: &Store) -> Result<Vec<DepartmentRow>, StoreError> {
    let db = &store.pool;
    let rows =
        sqlx::query("SELECT id, name, deadline_days FROM departments ORDER BY name").fetch_all(db).await?;
    let channels = sqlx::query(
        "SELECT department_id, kind, address FROM department_channels ORDER BY department_id, position",
    )
    .fetch_all(db)
    .await?;
    let mut list = rows
        .iter()
        .map(|r| {
            Ok(DepartmentRow {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                deadline_days: r.try_get("deadline_days")?,
                channels: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    for c in channels {
        let id: i64 = c.try_get("department_id")?;
        if let Some(d) = list.iter_mut().find(|d| d.id == id) {
            d.channels.push((c.try_get("kind")?, c.try_get("address")?));
        }
    }
    Ok(list)
}

/// Adds or changes a department and replaces its channel list, in one
/// transaction.
pub async fn save_department(
    store: &Store,
    id: Option<i64>,
    d: &ValidDepartment,
) -> Result<Saved, StoreError> {
    let mut tx = store.begin().await?;
    let saved = match id {
        None => {
            sqlx::query("INSERT INTO departments (name, deadline_days) VALUES ($1, $2) RETURNING id")
                .bind(d.name.as_str())
                .bind(d.deadline_days)
                .fetch_optional(&mut *tx)
                .await
        }
        Some(id) => {
            sqlx::query("UPDATE departments SET name = $1, deadline_days = $2 WHERE id = $3 RETURNING id")
                .bind(d.name.as_str())
                .bind(d.deadline_days)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
        }
    };
    let id: i64 = match saved {
        Ok(Some(row)) => row.try_get("id")?,
        Ok(None) => return Ok(Saved::Missing),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(Saved::Taken),
        Err(e) => return Err(e.into()),
    };
    sqlx::query("DELETE FROM department_channels WHERE department_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, c) in d.channels.iter().enumerate() {
        sqlx::query(
            "INSERT INTO department_channels (department_id, position, kind, address) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(c.kind.code())
        .bind(c.address.as_str())
        .execute(&mut *tx)
        .await?;
    }
    store.commit(tx).await?;
    Ok(Saved::Saved(id))
}

/// Writes seed 000 §7's eight departments (without channels) once, on a
/// fresh install, skipping a name already taken. A counter row records
/// that it ran (the migration sets it when departments existed already),
/// so a department an admin renames does not come back. Returns whether it
/// ran now.
pub async fn ensure_shipped_departments(store: &Store) -> Result<bool, StoreError> {
    let mut tx = store.begin().await?;
    let claimed =
        sqlx::query("UPDATE counters SET value = 1 WHERE name = 'shipped_departments' AND value = 0")
            .execute(&mut *tx)
            .await?;
    if claimed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for (name, days) in crate::domain::admin::department::SEED_DEPARTMENTS {
        sqlx::query(
            "INSERT INTO departments (name, deadline_days) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(days)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

// --- reply templates -------------------------------------------------------

#[derive(Debug, Clone)]
pub struct TemplateRow {
    pub id: i64,
    pub template: ValidTemplate,
}

pub async fn templates(store: &Store) -> Result<Vec<TemplateRow>, StoreError> {
    let rows = sqlx::query("SELECT id, name, body_en, body_ru, body_uk FROM reply_templates ORDER BY name")
        .fetch_all(&store.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(TemplateRow {
                id: r.try_get("id")?,
                template: ValidTemplate {
                    name: r.try_get("name")?,
                    body_en: r.try_get("body_en")?,
                    body_ru: r.try_get("body_ru")?,
                    body_uk: r.try_get("body_uk")?,
                },
            })
        })
        .collect()
}

pub async fn save_template(store: &Store, id: Option<i64>, t: &ValidTemplate) -> Result<Saved, StoreError> {
    save_row(
        store,
        "reply_templates",
        id,
        &["name", "body_en", "body_ru", "body_uk"],
        vec![Val::Text(&t.name), Val::Text(&t.body_en), Val::Text(&t.body_ru), Val::Text(&t.body_uk)],
    )
    .await
}

// --- accounts --------------------------------------------------------------

/// Every account, agents first, then clients by organisation.
pub async fn accounts(store: &Store) -> Result<Vec<super::users::UserRecord>, StoreError> {
    super::users::all(store).await
}

/// Changes an account's email, name, role and organisation.
pub async fn update_account(
    store: &Store,
    id: i64,
    email: &str,
    name: &str,
    role: Role,
    organisation_id: Option<i64>,
) -> Result<Saved, StoreError> {
    save_row(
        store,
        "users",
        Some(id),
        &["email", "name", "role", "organisation_id"],
        vec![Val::Text(email), Val::Text(name), Val::Text(role.code()), Val::OptInt(organisation_id)],
    )
    .await
}

/// Sets a new password hash by id; false when there is no such account.
pub async fn set_password_hash(store: &Store, id: i64, hash: &str) -> Result<bool, StoreError> {
    let r = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&store.pool)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Disables (`Some(now)`) or enables (`None`) an account, and either way
/// ends the sessions it had (a session opened before a disable must not
/// come back with the enable); false when there is no such account.
pub async fn set_disabled(store: &Store, id: i64, disabled_at: Option<i64>) -> Result<bool, StoreError> {
    let r = sqlx::query(
        "UPDATE users SET disabled_at = $1, session_generation = session_generation + 1 WHERE id = $2",
    )
    .bind(disabled_at)
    .bind(id)
    .execute(&store.pool)
    .await?;
    Ok(r.rows_affected() == 1)
}
