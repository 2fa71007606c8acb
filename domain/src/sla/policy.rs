//! SLA policies: the reaction and resolution targets a contract's level
//! gives each priority and category, and the presets from the seeds.

use super::budget::Budget;
use crate::ticket::{Category, Priority, WaitingReason};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The share of the budget below which a clock is at risk, unless a
/// policy says otherwise (SPEC §4: "less than 25 % left").
pub const DEFAULT_AT_RISK_FRACTION: f64 = 0.25;

/// A ticket's two targets; `None` means no target of that kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Until the first public agent response.
    #[serde(default)]
    pub reaction: Option<Budget>,
    /// Until the ticket reaches Release.
    #[serde(default)]
    pub resolution: Option<Budget>,
}

/// Whom the contract is with (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientCategory {
    Partner,
    Commercial,
}

/// How fast the contract promises to answer (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    Standard,
    Operative,
    Emergency,
}

/// A ticket's SLA level: client category × support level from the
/// contract, or one of the two levels outside that grid (seed 004): general
/// consultation (no valid contract) and development (handed to developers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaLevel {
    PartnerStandard,
    PartnerOperative,
    PartnerEmergency,
    CommercialStandard,
    CommercialOperative,
    CommercialEmergency,
    GeneralConsultation,
    Development,
}

impl SlaLevel {
    pub const ALL: [SlaLevel; 8] = [
        SlaLevel::PartnerStandard,
        SlaLevel::PartnerOperative,
        SlaLevel::PartnerEmergency,
        SlaLevel::CommercialStandard,
        SlaLevel::CommercialOperative,
        SlaLevel::CommercialEmergency,
        SlaLevel::GeneralConsultation,
        SlaLevel::Development,
    ];

    /// The level a contract gives.
    pub fn contract(client: ClientCategory, level: SupportLevel) -> SlaLevel {
        use {ClientCategory::*, SupportLevel::*};
        match (client, level) {
            (Partner, Standard) => SlaLevel::PartnerStandard,
            (Partner, Operative) => SlaLevel::PartnerOperative,
            (Partner, Emergency) => SlaLevel::PartnerEmergency,
            (Commercial, Standard) => SlaLevel::CommercialStandard,
            (Commercial, Operative) => SlaLevel::CommercialOperative,
            (Commercial, Emergency) => SlaLevel::CommercialEmergency,
        }
    }

    /// The client category and support level, for contract levels.
    pub fn parts(self) -> Option<(ClientCategory, SupportLevel)> {
        use {ClientCategory::*, SupportLevel::*};
        match self {
            SlaLevel::PartnerStandard => Some((Partner, Standard)),
            SlaLevel::PartnerOperative => Some((Partner, Operative)),
            SlaLevel::PartnerEmergency => Some((Partner, Emergency)),
            SlaLevel::CommercialStandard => Some((Commercial, Standard)),
            SlaLevel::CommercialOperative => Some((Commercial, Operative)),
            SlaLevel::CommercialEmergency => Some((Commercial, Emergency)),
            SlaLevel::GeneralConsultation | SlaLevel::Development => None,
        }
    }

    /// The stable code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            SlaLevel::PartnerStandard => "partner_standard",
            SlaLevel::PartnerOperative => "partner_operative",
            SlaLevel::PartnerEmergency => "partner_emergency",
            SlaLevel::CommercialStandard => "commercial_standard",
            SlaLevel::CommercialOperative => "commercial_operative",
            SlaLevel::CommercialEmergency => "commercial_emergency",
            SlaLevel::GeneralConsultation => "general_consultation",
            SlaLevel::Development => "development",
        }
    }
}

impl fmt::Display for SlaLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for SlaLevel {
    type Err = crate::ticket::UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SlaLevel::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| crate::ticket::UnknownValue { kind: "SLA level", value: s.to_string() })
    }
}

/// Targets for tickets matching a priority and/or category (both `None`:
/// the level's default). A target left `None` is inherited from a less
/// specific rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<Budget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Budget>,
    /// The resolution target is the ticket's estimate, in working hours
    /// (seed 000 §5: "the deadline of a change request follows the estimate
    /// of the work"); no target until the ticket is estimated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolution_by_estimate: bool,
}

/// The rules of one level (`level: None`: of every level the policy does
/// not list by name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelTargets {
    #[serde(default)]
    pub level: Option<SlaLevel>,
    #[serde(default)]
    pub rules: Vec<TargetRule>,
    /// The level promises no numbers (seed 002: "best effort"): its tickets
    /// have no target at all, whatever the any-level rules say, and the card
    /// shows their age instead of a countdown. Its own `rules` must be empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub best_effort: bool,
}

/// Which waits stop the clock under a policy (SPEC §3: "the SLA clock is
/// paused (per policy)"). A wait that does not pause is still shown on the
/// card; the clock just keeps running through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PausingWaits {
    #[serde(default = "yes")]
    pub client_info: bool,
    #[serde(default = "yes")]
    pub client_approval: bool,
    #[serde(default = "yes")]
    pub payment: bool,
}

fn yes() -> bool {
    true
}

impl Default for PausingWaits {
    /// Every wait pauses: what every policy stored before this setting
    /// existed meant.
    fn default() -> Self {
        PausingWaits { client_info: true, client_approval: true, payment: true }
    }
}

impl PausingWaits {
    /// Whether a wait for `reason` stops the clock.
    pub fn pauses(self, reason: WaitingReason) -> bool {
        match reason {
            WaitingReason::ClientInfo => self.client_info,
            WaitingReason::ClientApproval => self.client_approval,
            WaitingReason::Payment => self.payment,
        }
    }
}

/// What "needs development" does to a ticket's targets under a policy. The
/// seeds disagree, so each policy says which of them it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentRule {
    /// The ticket takes the policy's `development` level (seed 004 §5.4:
    /// "24 working days" once the development department has it).
    Level,
    /// The ticket keeps its level; its resolution target becomes its
    /// estimate (seed 000 §5: "determined by the estimate of the work").
    ResolveByEstimate,
    /// The ticket keeps its level and loses its resolution target (seed 001:
    /// 48 h "if the question is clear and does not concern development";
    /// an update's date "is determined during diagnostics").
    NoResolution,
}

impl DevelopmentRule {
    pub const ALL: [DevelopmentRule; 3] =
        [DevelopmentRule::Level, DevelopmentRule::ResolveByEstimate, DevelopmentRule::NoResolution];

    /// The stable code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            DevelopmentRule::Level => "level",
            DevelopmentRule::ResolveByEstimate => "resolve_by_estimate",
            DevelopmentRule::NoResolution => "no_resolution",
        }
    }
}

/// A named set of targets, as an administrator copies and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// Stable identifier, e.g. `technomarket`.
    pub code: String,
    pub name: String,
    /// Less than this share of the budget left = at risk.
    #[serde(default = "default_at_risk")]
    pub at_risk_fraction: f64,
    pub levels: Vec<LevelTargets>,
    /// Which waits pause the clock; all of them when left out.
    #[serde(default)]
    pub pausing: PausingWaits,
    /// What "needs development" does; left out (a policy stored before the
    /// setting existed): see [`SlaPolicy::development_rule`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub development: Option<DevelopmentRule>,
}

fn default_at_risk() -> f64 {
    DEFAULT_AT_RISK_FRACTION
}

impl SlaPolicy {
    /// The targets of a ticket. Each target comes from the most specific
    /// rule that sets it: (priority, category) > priority > category >
    /// default, first among the rules of the ticket's level, then among
    /// the policy's any-level rules.
    pub fn targets(&self, level: SlaLevel, priority: Priority, category: Category) -> Targets {
        self.targets_with_estimate(level, priority, category, None)
    }

    /// [`SlaPolicy::targets`] for a ticket estimated at `estimate` working
    /// hours: a rule that resolves by estimate gives that many hours.
    pub fn targets_with_estimate(
        &self,
        level: SlaLevel,
        priority: Priority,
        category: Category,
        estimate: Option<u32>,
    ) -> Targets {
        let ranked = |l: Option<SlaLevel>| {
            let rules = self.levels.iter().filter(move |lt| lt.level == l).flat_map(|lt| lt.rules.iter());
            let keys = [
                (Some(priority), Some(category)),
                (Some(priority), None),
                (None, Some(category)),
                (None, None),
            ];
            keys.into_iter()
                .flat_map(move |(p, c)| rules.clone().filter(move |r| r.priority == p && r.category == c))
        };
        if self.is_best_effort(level) {
            return Targets::default();
        }
        let ordered = || ranked(Some(level)).chain(ranked(None));
        Targets {
            reaction: ordered().find_map(|r| r.reaction),
            resolution: ordered().find(|r| r.resolution.is_some() || r.resolution_by_estimate).and_then(
                |r| if r.resolution_by_estimate { estimate.map(Budget::Hours) } else { r.resolution },
            ),
        }
    }

    /// The levels this policy names.
    pub fn named_levels(&self) -> Vec<SlaLevel> {
        self.levels.iter().filter_map(|l| l.level).collect()
    }

    /// Whether `level` promises no numbers: named as best effort, or not
    /// named while the policy's any-level entry is best effort.
    pub fn is_best_effort(&self, level: SlaLevel) -> bool {
        let entry = self.levels.iter().find(|l| l.level == Some(level));
        let entry = entry.or_else(|| self.levels.iter().find(|l| l.level.is_none()));
        entry.is_some_and(|l| l.best_effort)
    }

    /// What "needs development" does under this policy. A policy stored
    /// without the setting is read as what it can only have meant: the
    /// development level if it names one, resolution by estimate if a rule
    /// resolves so, else no resolution target.
    pub fn development_rule(&self) -> DevelopmentRule {
        if let Some(rule) = self.development {
            return rule;
        }
        if self.named_levels().contains(&SlaLevel::Development) {
            DevelopmentRule::Level
        } else if self.levels.iter().flat_map(|l| &l.rules).any(|r| r.resolution_by_estimate) {
            DevelopmentRule::ResolveByEstimate
        } else {
            DevelopmentRule::NoResolution
        }
    }
}

fn level(level: Option<SlaLevel>, rules: Vec<TargetRule>) -> LevelTargets {
    LevelTargets { level, rules, best_effort: false }
}

fn rule(reaction: Option<Budget>, resolution: Option<Budget>) -> TargetRule {
    TargetRule { reaction, resolution, ..TargetRule::default() }
}

/// The policies that ship with the product, from the seeds (SPEC §4).
pub fn presets() -> Vec<SlaPolicy> {
    use Budget::*;
    vec![
        SlaPolicy {
            code: "technomarket".into(),
            name: "Technomarket".into(),
            at_risk_fraction: DEFAULT_AT_RISK_FRACTION,
            levels: vec![
                level(Some(SlaLevel::PartnerStandard), vec![rule(Some(Hours(48)), None)]),
                level(Some(SlaLevel::PartnerEmergency), vec![rule(Some(Hours(16)), None)]),
                // 48 h "if the question is clear and does not concern
                // development": a ticket that needs development loses it.
                level(Some(SlaLevel::CommercialStandard), vec![rule(Some(Hours(24)), Some(Hours(48)))]),
                level(Some(SlaLevel::CommercialOperative), vec![rule(Some(Hours(12)), None)]),
                // "8 h, in working hours or round the clock per contract": a
                // round-the-clock contract uses a 24/7 calendar.
                level(Some(SlaLevel::CommercialEmergency), vec![rule(Some(Hours(8)), None)]),
            ],
            pausing: PausingWaits::default(),
            development: Some(DevelopmentRule::NoResolution),
        },
        SlaPolicy {
            code: "agrosoft".into(),
            name: "AgroSoft".into(),
            at_risk_fraction: DEFAULT_AT_RISK_FRACTION,
            levels: vec![
                level(Some(SlaLevel::GeneralConsultation), vec![rule(Some(Hours(40)), None)]),
                level(Some(SlaLevel::CommercialStandard), vec![rule(Some(Hours(8)), None)]),
                level(Some(SlaLevel::CommercialOperative), vec![rule(Some(Hours(6)), None)]),
                // Seed 004 §5.4 calls the 24 working days a reaction time, and
                // SPEC §4 keeps it so.
                level(Some(SlaLevel::Development), vec![rule(Some(WorkingDays(24)), None)]),
            ],
            pausing: PausingWaits::default(),
            development: Some(DevelopmentRule::Level),
        },
        smart_systems(),
        SlaPolicy {
            code: "yucrm".into(),
            name: "YUcrm".into(),
            at_risk_fraction: DEFAULT_AT_RISK_FRACTION,
            // §2.3: "cannot guarantee the time … from several hours to several
            // days": no numbers, so no countdown; the card shows the age.
            levels: vec![LevelTargets { level: None, rules: Vec::new(), best_effort: true }],
            pausing: PausingWaits::default(),
            development: Some(DevelopmentRule::NoResolution),
        },
    ]
}

/// Seed 000 (Smart Systems) as the product reads it.
///
/// - Reaction: "not more than 60 minutes in the support's working hours":
///   60 business minutes of the contract's calendar (daily 10:00–19:00).
/// - Resolution: "24 hours for a consultation; 336 hours for an error,
///   depending on its criticality". Read as **calendar** hours: unlike the
///   reaction, the seed does not say "in working hours" here, and 336 is
///   exactly 14 × 24 — two calendar weeks; as business hours of a nine-hour
///   day it would be 37 working days (seven and a half weeks), which nobody
///   writes as "336 hours". Pauses still stop it.
/// - "Depending on its criticality" gives no other figure, so 336 h is the
///   limit for every priority; the rules say so per priority, so an admin
///   sees it and tightens a priority in a copy of the policy.
/// - Change requests, and any ticket that needs development, resolve by
///   their estimate.
pub fn smart_systems() -> SlaPolicy {
    use Budget::*;
    let mut rules = vec![
        rule(Some(Minutes(60)), None),
        TargetRule { category: Some(Category::Consultation), ..rule(None, Some(CalendarHours(24))) },
        TargetRule {
            category: Some(Category::ChangeRequest),
            resolution_by_estimate: true,
            ..rule(None, None)
        },
    ];
    for p in Priority::ALL {
        rules.push(TargetRule {
            priority: Some(*p),
            category: Some(Category::Incident),
            ..rule(None, Some(CalendarHours(336)))
        });
    }
    SlaPolicy {
        code: "smart_systems".into(),
        name: "Smart Systems".into(),
        at_risk_fraction: DEFAULT_AT_RISK_FRACTION,
        levels: vec![level(None, rules)],
        pausing: PausingWaits::default(),
        development: Some(DevelopmentRule::ResolveByEstimate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Budget::*;

    fn preset(code: &str) -> SlaPolicy {
        presets().into_iter().find(|p| p.code == code).unwrap()
    }

    #[test]
    fn presets_have_stable_unique_codes() {
        let codes: Vec<String> = presets().into_iter().map(|p| p.code).collect();
        assert_eq!(codes, ["technomarket", "agrosoft", "smart_systems", "yucrm"]);
    }

    #[test]
    fn technomarket_targets_follow_the_level() {
        let p = preset("technomarket");
        let t = |l| p.targets(l, Priority::Normal, Category::Incident);
        assert_eq!(t(SlaLevel::PartnerStandard), Targets { reaction: Some(Hours(48)), resolution: None });
        assert_eq!(t(SlaLevel::PartnerEmergency).reaction, Some(Hours(16)));
        assert_eq!(
            t(SlaLevel::CommercialStandard),
            Targets { reaction: Some(Hours(24)), resolution: Some(Hours(48)) }
        );
        assert_eq!(t(SlaLevel::CommercialOperative).reaction, Some(Hours(12)));
        assert_eq!(t(SlaLevel::CommercialEmergency).reaction, Some(Hours(8)));
        assert_eq!(t(SlaLevel::Development), Targets::default(), "a level the policy lacks has no targets");
    }

    #[test]
    fn agrosoft_development_counts_working_days() {
        let p = preset("agrosoft");
        assert_eq!(
            p.targets(SlaLevel::Development, Priority::Low, Category::ChangeRequest).reaction,
            Some(WorkingDays(24))
        );
        assert_eq!(
            p.targets(SlaLevel::GeneralConsultation, Priority::Low, Category::Consultation).reaction,
            Some(Hours(40))
        );
    }

    #[test]
    fn smart_systems_resolution_depends_on_the_category() {
        let p = preset("smart_systems");
        let t = |c| p.targets(SlaLevel::CommercialStandard, Priority::High, c);
        assert_eq!(
            t(Category::Consultation),
            Targets { reaction: Some(Minutes(60)), resolution: Some(CalendarHours(24)) }
        );
        assert_eq!(
            t(Category::Incident),
            Targets { reaction: Some(Minutes(60)), resolution: Some(CalendarHours(336)) }
        );
        assert_eq!(t(Category::ChangeRequest), Targets { reaction: Some(Minutes(60)), resolution: None });
    }

    #[test]
    fn smart_systems_resolves_change_requests_by_their_estimate() {
        let p = preset("smart_systems");
        let t = |c, e| p.targets_with_estimate(SlaLevel::CommercialStandard, Priority::Normal, c, e);
        assert_eq!(t(Category::ChangeRequest, Some(40)).resolution, Some(Hours(40)));
        assert_eq!(t(Category::ChangeRequest, None).resolution, None, "not estimated yet");
        // Other categories keep their fixed targets whatever the estimate.
        assert_eq!(t(Category::Incident, Some(40)).resolution, Some(CalendarHours(336)));
        assert_eq!(t(Category::ChangeRequest, Some(40)).reaction, Some(Minutes(60)));
        // The flag survives the JSON round trip of the admin's editor, and is
        // left out of rules that do not set it.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json.matches("resolution_by_estimate").count(), 1);
        assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), p);
    }

    #[test]
    fn the_most_specific_rule_wins_per_target() {
        let p = SlaPolicy {
            code: "x".into(),
            name: "x".into(),
            at_risk_fraction: 0.25,
            pausing: PausingWaits::default(),
            development: None,
            levels: vec![
                level(None, vec![rule(Some(Hours(99)), Some(Hours(99)))]),
                level(
                    Some(SlaLevel::CommercialStandard),
                    vec![
                        rule(Some(Hours(8)), Some(Hours(40))),
                        TargetRule { category: Some(Category::Incident), ..rule(Some(Hours(6)), None) },
                        TargetRule { priority: Some(Priority::Critical), ..rule(Some(Hours(2)), None) },
                        TargetRule {
                            priority: Some(Priority::Critical),
                            category: Some(Category::Incident),
                            ..rule(None, Some(Hours(16)))
                        },
                    ],
                ),
            ],
        };
        let t = |pr, c| p.targets(SlaLevel::CommercialStandard, pr, c);
        assert_eq!(
            t(Priority::Critical, Category::Incident),
            Targets { reaction: Some(Hours(2)), resolution: Some(Hours(16)) }
        );
        assert_eq!(
            t(Priority::Critical, Category::Consultation),
            Targets { reaction: Some(Hours(2)), resolution: Some(Hours(40)) }
        );
        assert_eq!(
            t(Priority::Low, Category::Incident),
            Targets { reaction: Some(Hours(6)), resolution: Some(Hours(40)) }
        );
        assert_eq!(
            t(Priority::Low, Category::Consultation),
            Targets { reaction: Some(Hours(8)), resolution: Some(Hours(40)) }
        );
        assert_eq!(
            p.targets(SlaLevel::PartnerStandard, Priority::Low, Category::Incident).reaction,
            Some(Hours(99))
        );
    }

    #[test]
    fn policies_round_trip_through_json() {
        for p in presets() {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), p);
        }
        let json = r#"{"code":"c","name":"n","levels":[{"level":"development","rules":[{"reaction":{"working_days":3}}]}]}"#;
        let p: SlaPolicy = serde_json::from_str(json).unwrap();
        assert_eq!(p.at_risk_fraction, DEFAULT_AT_RISK_FRACTION);
        assert_eq!(p.named_levels(), vec![SlaLevel::Development]);
    }

    #[test]
    fn level_codes_round_trip() {
        for l in SlaLevel::ALL {
            assert_eq!(l.code().parse::<SlaLevel>().unwrap(), l);
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.code()));
            if let Some((c, s)) = l.parts() {
                assert_eq!(SlaLevel::contract(c, s), l);
            }
        }
        assert_eq!("gold".parse::<SlaLevel>().unwrap_err().to_string(), "unknown SLA level \"gold\"");
    }
}
