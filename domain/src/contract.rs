//! A contract's terms as applied to one ticket: its calendar, its level and
//! its SLA targets. Without a valid contract a ticket gets the general
//! consultation level (seed 004 §5.1) on the desk's own calendar.

use super::sla::holidays::{ukraine_public_holidays, ProductionCalendar};
use super::sla::{
    presets, ticket_level, ticket_targets, BusinessCalendar, CalendarError, CalendarPreset, PausingWaits,
    SlaLevel, SlaPolicy, TicketLevel,
};
use super::ticket::{Category, LevelMark, Priority, UnknownValue};
use chrono::Datelike;
use thiserror::Error;

/// The policy whose general consultation level a ticket without a valid
/// contract gets (seed 004 §5.1 is the only seed that names one).
pub const FALLBACK_POLICY: &str = "agrosoft";

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
    pub targets: super::sla::Targets,
    pub at_risk_fraction: f64,
    /// The ticket's level and why.
    pub level: TicketLevel,
    /// Which waits stop its clock.
    pub pausing: PausingWaits,
}

/// A preset calendar with its country's calendar merged in: the Russian
/// production calendar on the Moscow schedules; on Kyiv's, Ukraine's public
/// holidays that fall on weekdays entered as working days (martial law:
/// [`crate::sla::holidays::UA_PUBLIC_HOLIDAYS`]); 24/7 has none.
pub fn preset_calendar(preset: CalendarPreset) -> BusinessCalendar {
    let cal = BusinessCalendar::preset(preset);
    match preset {
        CalendarPreset::AroundTheClock => cal,
        CalendarPreset::KyivNineToSix => {
            let worked: Vec<_> = ukraine_public_holidays()
                .into_iter()
                .filter(|d| !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun))
                .collect();
            cal.with_holidays(&[], &[], &worked)
        }
        _ => {
            let ru = ProductionCalendar::russia();
            cal.with_holidays(&ru.holidays, &ru.shortened, &ru.extra_working)
        }
    }
}

/// The calendars a fresh install has, by their names: the seeds' five
/// schedules (SPEC §4 "Calendars").
pub fn shipped_calendars() -> Vec<(&'static str, BusinessCalendar)> {
    CalendarPreset::ALL.into_iter().map(|p| (p.name(), preset_calendar(p))).collect()
}

/// The calendar a desk counts on until an admin chooses its own (admin area
/// → Calendars): Mon–Fri 09:00–18:00 Moscow, the schedule of seeds 001–003.
pub fn desk_calendar() -> BusinessCalendar {
    preset_calendar(CalendarPreset::MoscowNineToSix)
}

pub fn policy(code: &str) -> Result<SlaPolicy, ContractError> {
    presets()
        .into_iter()
        .find(|p| p.code == code)
        .ok_or_else(|| ContractError::UnknownPolicy(code.to_string()))
}

/// The targets of a ticket marked `mark` under a preset policy and a
/// contract level given by their codes (what the demo seeds its clocks
/// from).
pub fn targets(
    policy_code: &str,
    level_code: &str,
    mark: LevelMark,
    priority: Priority,
    category: Category,
) -> Result<super::sla::Targets, ContractError> {
    let p = policy(policy_code)?;
    let level = ticket_level(Some(level_code.parse()?), mark, p.development_rule());
    Ok(ticket_targets(&p, level, mark, priority, category, None))
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

/// What of the ticket itself its terms depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketBasis {
    pub priority: Priority,
    pub category: Category,
    /// Working hours; drives "by estimate" resolution targets.
    pub estimate_hours: Option<u32>,
    pub mark: LevelMark,
}

/// The stored contract applied to a ticket, or, when there is none, the
/// general consultation level on the desk's calendar (`desk_calendar_spec`,
/// the stored one; [`desk_calendar`] when none is stored).
pub fn terms(
    contract: Option<StoredTerms<'_>>,
    desk_calendar_spec: Option<&str>,
    ticket: TicketBasis,
) -> Result<AppliedTerms, ContractError> {
    let (calendar, policy, contract_level) = match contract {
        Some(c) => {
            let policy = match c.policy_spec {
                Some(spec) => serde_json::from_str(spec)
                    .map_err(|e| ContractError::UnknownPolicy(format!("{}: {e}", c.policy_code)))?,
                None => policy(c.policy_code)?,
            };
            (BusinessCalendar::from_json(c.calendar_spec)?, policy, Some(c.level.parse::<SlaLevel>()?))
        }
        None => {
            let calendar = match desk_calendar_spec {
                Some(spec) => BusinessCalendar::from_json(spec)?,
                None => desk_calendar(),
            };
            (calendar, policy(FALLBACK_POLICY)?, None)
        }
    };
    let level = ticket_level(contract_level, ticket.mark, policy.development_rule());
    Ok(AppliedTerms {
        targets: ticket_targets(
            &policy,
            level,
            ticket.mark,
            ticket.priority,
            ticket.category,
            ticket.estimate_hours,
        ),
        at_risk_fraction: policy.at_risk_fraction,
        level: TicketLevel { level, mark: ticket.mark },
        pausing: policy.pausing,
        calendar,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{Budget, LevelTargets};

    fn basis(mark: LevelMark) -> TicketBasis {
        TicketBasis { priority: Priority::Critical, category: Category::Incident, estimate_hours: None, mark }
    }

    #[test]
    fn without_a_contract_the_desks_own_calendar_counts() {
        // Seed 004's desk works 05:00–14:00 Moscow: a ticket without a
        // contract counts on that, not on a product-wide default.
        let desk = preset_calendar(CalendarPreset::MoscowFiveToTwo).to_json();
        let t = terms(None, Some(&desk), basis(LevelMark::Contract)).unwrap();
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
        // Monday 2 March 2026, 06:00 Moscow: working on the desk's calendar,
        // not on the default 09:00–18:00 one.
        let six = at("2026-03-02T06:00:00+03:00");
        assert_eq!(crate::sla::next_working_instant(&t.calendar, six), Some(six));
        assert_ne!(crate::sla::next_working_instant(&desk_calendar(), six), Some(six));
        assert_eq!(t.level, TicketLevel { level: SlaLevel::GeneralConsultation, mark: LevelMark::Contract });
        let bad = terms(None, Some("{}"), basis(LevelMark::Contract));
        assert!(matches!(bad, Err(ContractError::Calendar(_))));
    }

    #[test]
    fn the_policy_says_which_waits_pause() {
        let spec = BusinessCalendar::preset(CalendarPreset::AroundTheClock).to_json();
        let mut edited = policy("agrosoft").unwrap();
        edited.pausing.payment = false;
        edited.levels.push(LevelTargets::default());
        let json = serde_json::to_string(&edited).unwrap();
        let stored = StoredTerms {
            calendar_spec: &spec,
            policy_code: "agrosoft",
            policy_spec: Some(&json),
            level: "commercial_standard",
        };
        let t = terms(Some(stored), None, basis(LevelMark::Contract)).unwrap();
        assert!(!t.pausing.pauses(crate::ticket::WaitingReason::Payment));
        assert!(t.pausing.pauses(crate::ticket::WaitingReason::ClientInfo));
        // A policy stored before the setting existed pauses on every wait.
        let old = r#"{"code":"c","name":"n","levels":[{"rules":[{"reaction":{"hours":3}}]}]}"#;
        let p: SlaPolicy = serde_json::from_str(old).unwrap();
        assert!(crate::ticket::WaitingReason::ALL.iter().all(|r| p.pausing.pauses(*r)));
    }

    #[test]
    fn no_contract_means_general_consultation_40_business_hours() {
        let t = terms(None, None, basis(LevelMark::Contract)).unwrap();
        assert_eq!(t.targets.reaction, Some(Budget::Hours(40)));
        assert_eq!(t.level.level, SlaLevel::GeneralConsultation);
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
        let t = terms(Some(stored), None, basis(LevelMark::Emergency)).unwrap();
        assert!(t.calendar.is_always());
        assert_eq!(t.targets.reaction, Some(Budget::Hours(8)));
        let t = terms(Some(stored), None, basis(LevelMark::Contract)).unwrap();
        assert_eq!(t.level.level, SlaLevel::CommercialStandard);
        assert_eq!(t.targets.reaction, Some(Budget::Hours(24)));
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
        let t = terms(Some(stored), None, basis(LevelMark::Emergency)).unwrap();
        assert_eq!(t.targets.reaction, Some(Budget::Hours(4)));
    }

    #[test]
    fn unknown_codes_are_errors_naming_them() {
        let err =
            targets("acme", "commercial_standard", LevelMark::Contract, Priority::Low, Category::Incident)
                .unwrap_err();
        assert_eq!(err.to_string(), "unknown SLA policy \"acme\"");
        let err = targets("technomarket", "gold", LevelMark::Contract, Priority::Low, Category::Incident)
            .unwrap_err();
        assert_eq!(err.to_string(), "unknown SLA level \"gold\"");
    }

    #[test]
    fn a_fresh_install_ships_the_five_seed_calendars_with_the_coming_years_entered() {
        let shipped = shipped_calendars();
        let names: Vec<&str> = shipped.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "Mon–Fri 09:00–18:00 Moscow",
                "Mon–Fri 10:00–19:00 Moscow",
                "Mon–Fri 05:00–14:00 Moscow",
                "Mon–Fri 09:00–18:00 Kyiv",
                "24/7"
            ]
        );
        for (name, cal) in &shipped {
            for year in [2026, 2027] {
                assert!(!cal.lacks_entries_for(year), "{name} {year}");
            }
            assert_eq!(cal.lacks_entries_for(2028), !cal.is_always(), "{name}: nothing entered for 2028");
        }
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let moscow = &shipped[0].1;
        // Holidays, a transferred working Saturday, a shortened day.
        assert!(!moscow.is_working_day(d(2026, 1, 9)) && !moscow.is_working_day(d(2026, 12, 31)));
        assert!(moscow.is_working_day(d(2027, 2, 20)));
        let hours = |c: &BusinessCalendar, day| c.hours_on(day).iter().map(|i| i.len_secs()).sum::<u32>();
        assert_eq!(hours(moscow, d(2026, 4, 30)), 8 * 3600);
        assert_eq!(hours(moscow, d(2026, 4, 29)), 9 * 3600);
        // Kyiv works Independence Day (a Monday in 2026) under martial law.
        let kyiv = &shipped[3].1;
        assert_eq!(hours(kyiv, d(2026, 8, 24)), 9 * 3600);
        // …but a holiday on a Sunday stays a day off.
        assert!(!kyiv.is_working_day(d(2026, 6, 28)));
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
