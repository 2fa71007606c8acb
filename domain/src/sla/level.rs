//! The SLA level of one ticket (SPEC §4 "The level of a ticket"): it comes
//! from the contract *and* from what agents recorded on the ticket.
//!
//! Seeds 001 and 004 give the emergency/operative level to a request, not to
//! a contract ("the system stopped completely, not through the client's
//! fault", "a critical error confirmed by support"). So a contract says only
//! whom it is with (partner or commercial) and whether it carries seed 001's
//! special agreement for commercial emergency support; the ticket's mark says
//! whether an agent confirmed an emergency or handed it to development.

use super::policy::{ClientCategory, DevelopmentRule, SlaLevel, SlaPolicy, SupportLevel, Targets};
use super::Budget;
use crate::ticket::{Category, LevelMark, Permission, Priority, Role};
use serde::{Deserialize, Serialize};

/// A ticket's level and why it has it, as the card, the ticket page and the
/// acknowledgement show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TicketLevel {
    pub level: SlaLevel,
    pub mark: LevelMark,
}

/// The level a contract stored as `contract` gives a ticket marked `mark`
/// under a policy whose "needs development" rule is `development`.
///
/// - No valid contract: general consultation (seed 004 §5.1); an emergency
///   cannot be confirmed without one (see [`check_level_mark`]).
/// - Unconfirmed: the standard level of the contract's client category —
///   the operative and emergency levels belong to confirmed requests.
/// - Confirmed emergency: partner emergency (seed 001, 16 bh); commercial
///   emergency where the contract has the special agreement (stored as the
///   commercial emergency support level), else commercial operative
///   (seed 001: 12 bh; seed 004: 6 bh).
/// - Needs development: the development level where the policy's rule
///   says so (seed 004); otherwise the level stays and only the targets
///   change ([`ticket_targets`]).
pub fn ticket_level(contract: Option<SlaLevel>, mark: LevelMark, development: DevelopmentRule) -> SlaLevel {
    if mark == LevelMark::Development && development == DevelopmentRule::Level {
        return SlaLevel::Development;
    }
    let Some(contract) = contract else { return SlaLevel::GeneralConsultation };
    let Some((client, support)) = contract.parts() else { return contract };
    match (mark, client) {
        (LevelMark::Emergency, ClientCategory::Partner) => SlaLevel::PartnerEmergency,
        (LevelMark::Emergency, ClientCategory::Commercial) if support == SupportLevel::Emergency => {
            SlaLevel::CommercialEmergency
        }
        (LevelMark::Emergency, ClientCategory::Commercial) => SlaLevel::CommercialOperative,
        (_, client) => SlaLevel::contract(client, SupportLevel::Standard),
    }
}

/// The targets of a ticket at `level` (from [`ticket_level`]): the policy's,
/// changed by "needs development" where the policy keeps the level.
pub fn ticket_targets(
    policy: &SlaPolicy,
    level: SlaLevel,
    mark: LevelMark,
    priority: Priority,
    category: Category,
    estimate_hours: Option<u32>,
) -> Targets {
    let targets = policy.targets_with_estimate(level, priority, category, estimate_hours);
    if mark != LevelMark::Development || policy.is_best_effort(level) {
        return targets;
    }
    match policy.development_rule() {
        DevelopmentRule::Level => targets,
        DevelopmentRule::ResolveByEstimate => {
            Targets { resolution: estimate_hours.map(Budget::Hours), ..targets }
        }
        DevelopmentRule::NoResolution => Targets { resolution: None, ..targets },
    }
}

/// Why a change of a ticket's level mark is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelMarkError {
    /// The role may not confirm or withdraw an emergency, or may not hand a
    /// ticket to development or take it back.
    NotPermitted,
    /// Emergency support is given only under a valid contract (seed 004
    /// §5.1: without one, general consultation).
    NoContract,
    /// The ticket already has this mark.
    Unchanged,
}

/// Whether `role` may change a ticket's mark from `from` to `to`. Confirming
/// or withdrawing an emergency is the first line's call (operators and
/// above: they register the outage call); handing a ticket to development,
/// or taking it back, is the second line's (consultants and above, who
/// finish the work and escalate it).
pub fn check_level_mark(
    from: LevelMark,
    to: LevelMark,
    role: Role,
    has_contract: bool,
) -> Result<(), LevelMarkError> {
    let needs = |mark: LevelMark| match mark {
        LevelMark::Contract => None,
        LevelMark::Emergency => Some(Permission::ConfirmEmergency),
        LevelMark::Development => Some(Permission::MarkDevelopment),
    };
    for permission in [needs(from), needs(to)].into_iter().flatten() {
        if !role.can(permission) {
            return Err(LevelMarkError::NotPermitted);
        }
    }
    if from == to {
        return Err(LevelMarkError::Unchanged);
    }
    if to == LevelMark::Emergency && !has_contract {
        return Err(LevelMarkError::NoContract);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::policy::{presets, smart_systems};
    use super::*;
    use Budget::*;
    use LevelMark::{Contract, Emergency};
    const DEV: LevelMark = LevelMark::Development;
    use SlaLevel::*;

    fn preset(code: &str) -> SlaPolicy {
        presets().into_iter().find(|p| p.code == code).unwrap()
    }

    /// Level and targets of a ticket under a preset.
    fn of(
        code: &str,
        contract: Option<SlaLevel>,
        mark: LevelMark,
        category: Category,
        estimate: Option<u32>,
    ) -> (SlaLevel, Targets) {
        let p = preset(code);
        let level = ticket_level(contract, mark, p.development_rule());
        (level, ticket_targets(&p, level, mark, Priority::Normal, category, estimate))
    }

    #[test]
    fn seed_001_partner_emergency_is_16_business_hours_and_withdrawal_returns_48() {
        let (level, t) = of("technomarket", Some(PartnerStandard), Emergency, Category::Incident, None);
        assert_eq!((level, t.reaction), (PartnerEmergency, Some(Hours(16))));
        let (level, t) = of("technomarket", Some(PartnerStandard), Contract, Category::Incident, None);
        assert_eq!((level, t.reaction), (PartnerStandard, Some(Hours(48))));
    }

    #[test]
    fn seed_001_commercial_emergency_is_operative_12_hours_without_the_special_agreement() {
        let (level, t) = of("technomarket", Some(CommercialStandard), Emergency, Category::Incident, None);
        assert_eq!(level, CommercialOperative);
        assert_eq!(t, Targets { reaction: Some(Hours(12)), resolution: None });
        // A contract once stored as "operative" gives no operative level to
        // unconfirmed tickets: that level belongs to confirmed requests.
        let (level, _) = of("technomarket", Some(CommercialOperative), Contract, Category::Incident, None);
        assert_eq!(level, CommercialStandard);
    }

    #[test]
    fn seed_001_commercial_emergency_8_hours_only_with_the_special_agreement() {
        let (level, t) = of("technomarket", Some(CommercialEmergency), Emergency, Category::Incident, None);
        assert_eq!((level, t.reaction), (CommercialEmergency, Some(Hours(8))));
        // Unconfirmed tickets of such a contract are standard ones.
        let (level, t) = of("technomarket", Some(CommercialEmergency), Contract, Category::Incident, None);
        assert_eq!((level, t.reaction), (CommercialStandard, Some(Hours(24))));
    }

    #[test]
    fn seed_001_48_hours_resolution_only_for_clear_questions_without_development() {
        let (level, t) = of("technomarket", Some(CommercialStandard), Contract, Category::Consultation, None);
        assert_eq!((level, t.resolution), (CommercialStandard, Some(Hours(48))));
        let (level, t) = of("technomarket", Some(CommercialStandard), DEV, Category::Consultation, Some(40));
        assert_eq!(level, CommercialStandard, "the level stays");
        assert_eq!(t, Targets { reaction: Some(Hours(24)), resolution: None });
    }

    #[test]
    fn seed_004_operative_is_6_business_hours_and_development_24_working_days() {
        let (level, t) = of("agrosoft", Some(CommercialStandard), Emergency, Category::Incident, None);
        assert_eq!((level, t.reaction), (CommercialOperative, Some(Hours(6))));
        let (level, t) = of("agrosoft", Some(CommercialStandard), Contract, Category::Incident, None);
        assert_eq!((level, t.reaction), (CommercialStandard, Some(Hours(8))));
        let (level, t) = of("agrosoft", Some(CommercialStandard), DEV, Category::Incident, None);
        assert_eq!((level, t.reaction), (Development, Some(WorkingDays(24))));
    }

    #[test]
    fn seed_004_without_a_contract_general_consultation_and_development_still_applies() {
        let (level, t) = of("agrosoft", None, Contract, Category::Incident, None);
        assert_eq!((level, t.reaction), (GeneralConsultation, Some(Hours(40))));
        let (level, _) = of("agrosoft", None, DEV, Category::Incident, None);
        assert_eq!(level, Development);
    }

    #[test]
    fn seed_000_development_resolves_by_estimate_at_the_same_level() {
        let (level, t) = of("smart_systems", Some(CommercialStandard), DEV, Category::Incident, Some(30));
        assert_eq!(level, CommercialStandard);
        assert_eq!(t, Targets { reaction: Some(Minutes(60)), resolution: Some(Hours(30)) });
        let (_, t) = of("smart_systems", Some(CommercialStandard), DEV, Category::Incident, None);
        assert_eq!(t.resolution, None, "no target until estimated");
        let (_, t) = of("smart_systems", Some(CommercialStandard), Contract, Category::Incident, Some(30));
        assert_eq!(t.resolution, Some(CalendarHours(336)));
    }

    #[test]
    fn seed_000_reads_its_hours_as_calendar_hours_for_every_priority() {
        let p = smart_systems();
        for pr in Priority::ALL {
            let t = p.targets(CommercialStandard, *pr, Category::Incident);
            assert_eq!(
                t,
                Targets { reaction: Some(Minutes(60)), resolution: Some(CalendarHours(336)) },
                "{pr}"
            );
            let t = p.targets(CommercialStandard, *pr, Category::Consultation);
            assert_eq!(t.resolution, Some(CalendarHours(24)), "{pr}");
        }
    }

    #[test]
    fn seed_002_best_effort_has_no_target_whatever_the_mark() {
        for mark in LevelMark::ALL {
            let (_, t) = of("yucrm", Some(CommercialStandard), *mark, Category::Incident, Some(8));
            assert_eq!(t, Targets::default(), "{mark}");
        }
    }

    #[test]
    fn a_best_effort_level_ignores_the_any_level_rules() {
        let mut p = smart_systems();
        p.levels.push(super::super::policy::LevelTargets {
            level: Some(PartnerStandard),
            rules: Vec::new(),
            best_effort: true,
        });
        assert_eq!(p.targets(PartnerStandard, Priority::High, Category::Incident), Targets::default());
        assert!(p.targets(CommercialStandard, Priority::High, Category::Incident).reaction.is_some());
    }

    #[test]
    fn a_level_stored_on_a_contract_outside_the_grid_is_kept() {
        assert_eq!(
            ticket_level(Some(GeneralConsultation), Contract, DevelopmentRule::Level),
            GeneralConsultation
        );
        assert_eq!(ticket_level(Some(Development), Contract, DevelopmentRule::NoResolution), Development);
    }

    #[test]
    fn operators_confirm_emergencies_consultants_hand_to_development() {
        let ok = |from, to, role| check_level_mark(from, to, role, true);
        for role in [Role::Operator, Role::Consultant, Role::Lead] {
            assert_eq!(ok(Contract, Emergency, role), Ok(()), "{role}");
            assert_eq!(ok(Emergency, Contract, role), Ok(()), "{role}");
        }
        for role in [Role::Client, Role::Admin] {
            assert_eq!(ok(Contract, Emergency, role), Err(LevelMarkError::NotPermitted), "{role}");
            assert_eq!(ok(Contract, DEV, role), Err(LevelMarkError::NotPermitted), "{role}");
        }
        assert_eq!(ok(Contract, DEV, Role::Operator), Err(LevelMarkError::NotPermitted));
        assert_eq!(ok(DEV, Contract, Role::Operator), Err(LevelMarkError::NotPermitted));
        assert_eq!(ok(Emergency, DEV, Role::Operator), Err(LevelMarkError::NotPermitted));
        assert_eq!(ok(Contract, DEV, Role::Consultant), Ok(()));
        assert_eq!(ok(Emergency, DEV, Role::Consultant), Ok(()));
        assert_eq!(ok(DEV, Contract, Role::Lead), Ok(()));
    }

    #[test]
    fn no_emergency_without_a_contract_and_no_change_to_the_same_mark() {
        assert_eq!(check_level_mark(Contract, Emergency, Role::Lead, false), Err(LevelMarkError::NoContract));
        assert_eq!(check_level_mark(Contract, DEV, Role::Lead, false), Ok(()));
        assert_eq!(check_level_mark(Emergency, Emergency, Role::Lead, true), Err(LevelMarkError::Unchanged));
        assert_eq!(
            check_level_mark(Contract, Contract, Role::Operator, true),
            Err(LevelMarkError::Unchanged)
        );
    }
}
