//! A contract's terms as applied to one ticket: its calendar and its SLA
//! targets. Without a valid contract a ticket gets the general consultation
//! level (seed 004 §5.1) on the default calendar.

use super::sla::holidays::ProductionCalendar;
use super::sla::{presets, BusinessCalendar, CalendarError, CalendarPreset, SlaLevel, SlaPolicy, Targets};
use super::ticket::{Category, Priority, UnknownValue};
use thiserror::Error;

/// The policy and level used when an organisation has no valid contract.
pub const FALLBACK_POLICY: &str = "agrosoft";
pub const FALLBACK_LEVEL: SlaLevel = SlaLevel::GeneralConsultation;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ContractError {
    #[error("unknown SLA policy \"{0}\"")]
    UnknownPolicy(String),
    #[error(transparent)]
    UnknownLevel(#[from] UnknownValue),
    #[error("the contract's calendar is invalid: {0}")]
    Calendar(#[from] CalendarError),
}

/// What the clock of one ticket runs on.
#[derive(Debug, Clone)]
pub struct AppliedTerms {
    pub calendar: BusinessCalendar,
    pub targets: Targets,
    pub at_risk_fraction: f64,
}

/// A preset calendar with the Russian production calendar merged in where
/// it applies (Moscow schedules); Kyiv and 24/7 keep their plain weeks.
pub fn preset_calendar(preset: CalendarPreset) -> BusinessCalendar {
    let cal = BusinessCalendar::preset(preset);
    match preset {
        CalendarPreset::KyivNineToSix | CalendarPreset::AroundTheClock => cal,
        _ => {
            let ru = ProductionCalendar::russia();
            cal.with_holidays(&ru.holidays, &ru.shortened, &ru.extra_working)
        }
    }
}

/// The desk's own calendar: the one tickets without a contract count on,
/// and the one sprints are planned on.
pub fn desk_calendar() -> BusinessCalendar {
    preset_calendar(CalendarPreset::MoscowNineToSix)
}

pub fn policy(code: &str) -> Result<SlaPolicy, ContractError> {
    presets()
        .into_iter()
        .find(|p| p.code == code)
        .ok_or_else(|| ContractError::UnknownPolicy(code.to_string()))
}

/// The targets of a ticket under a policy and level given by their codes.
pub fn targets(
    policy_code: &str,
    level_code: &str,
    priority: Priority,
    category: Category,
) -> Result<Targets, ContractError> {
    let level: SlaLevel = level_code.parse()?;
    Ok(policy(policy_code)?.targets(level, priority, category))
}

/// A stored contract as the ticket queries read it.
#[derive(Debug, Clone, Copy)]
pub struct StoredTerms<'a> {
    pub calendar_spec: &'a str,
    pub policy_code: &'a str,
    /// The admin's version of the policy (its JSON); `None`: the preset.
    pub policy_spec: Option<&'a str>,
    pub level: &'a str,
}

/// The stored contract applied to a ticket, or the fallback terms when
/// there is none.
pub fn terms(
    contract: Option<StoredTerms<'_>>,
    priority: Priority,
    category: Category,
    estimate_hours: Option<u32>,
) -> Result<AppliedTerms, ContractError> {
    let (calendar, policy, level) = match contract {
        Some(c) => {
            let policy = match c.policy_spec {
                Some(spec) => serde_json::from_str(spec)
                    .map_err(|e| ContractError::UnknownPolicy(format!("{}: {e}", c.policy_code)))?,
                None => policy(c.policy_code)?,
            };
            (BusinessCalendar::from_json(c.calendar_spec)?, policy, c.level.parse()?)
        }
        None => (desk_calendar(), policy(FALLBACK_POLICY)?, FALLBACK_LEVEL),
    };
    Ok(AppliedTerms {
        targets: policy.targets_with_estimate(level, priority, category, estimate_hours),
        at_risk_fraction: policy.at_risk_fraction,
        calendar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::Budget;

    #[test]
    fn no_contract_means_general_consultation_40_business_hours() {
        let t = terms(None, Priority::High, Category::Incident, None).unwrap();
        assert_eq!(t.targets.reaction, Some(Budget::Hours(40)));
        assert!(!t.calendar.is_always());
    }

    #[test]
    fn a_stored_contract_uses_its_calendar_and_level() {
        let spec = BusinessCalendar::preset(CalendarPreset::AroundTheClock).to_json();
        let stored = StoredTerms {
            calendar_spec: &spec,
            policy_code: "technomarket",
            policy_spec: None,
            level: "commercial_emergency",
        };
        let t = terms(Some(stored), Priority::Critical, Category::Incident, None).unwrap();
        assert!(t.calendar.is_always());
        assert_eq!(t.targets.reaction, Some(Budget::Hours(8)));
    }

    #[test]
    fn an_admins_edit_of_the_policy_wins_over_the_preset() {
        let spec = BusinessCalendar::preset(CalendarPreset::AroundTheClock).to_json();
        let mut edited = policy("technomarket").unwrap();
        edited.levels[4].rules[0].reaction = Some(Budget::Hours(4));
        let json = serde_json::to_string(&edited).unwrap();
        let stored = StoredTerms {
            calendar_spec: &spec,
            policy_code: "technomarket",
            policy_spec: Some(&json),
            level: "commercial_emergency",
        };
        let t = terms(Some(stored), Priority::Critical, Category::Incident, None).unwrap();
        assert_eq!(t.targets.reaction, Some(Budget::Hours(4)));
    }

    #[test]
    fn unknown_codes_are_errors_naming_them() {
        let err = targets("acme", "commercial_standard", Priority::Low, Category::Incident).unwrap_err();
        assert_eq!(err.to_string(), "unknown SLA policy \"acme\"");
        let err = targets("technomarket", "gold", Priority::Low, Category::Incident).unwrap_err();
        assert_eq!(err.to_string(), "unknown SLA level \"gold\"");
    }

    #[test]
    fn moscow_presets_carry_the_russian_holidays() {
        let cal = preset_calendar(CalendarPreset::MoscowNineToSix);
        let new_year = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert!(!cal.is_working_day(new_year));
        let kyiv = preset_calendar(CalendarPreset::KyivNineToSix);
        assert!(kyiv.is_working_day(new_year));
    }
}
