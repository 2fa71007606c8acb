//! A policy as the table form holds it while the admin types: every value
//! a string or a flag, as the inputs give them. Turning it into an
//! [`SlaPolicy`] checks what only the form can get wrong (a number that is
//! not one); the policy's own rules are then checked once, by the domain's
//! `check_policy`, with the same row paths (`levels.I.rules.J.reaction`).

use crate::domain::admin::{FormErrors, Problem};
use crate::domain::sla::{
    Budget, DevelopmentRule, LevelTargets, PausingWaits, SlaLevel, SlaPolicy, TargetRule,
};

/// The largest amount a target may have in the form: 100,000 of any unit
/// is already more than eleven years of hours.
pub const MAX_AMOUNT: u32 = 100_000;

/// The unit a target is given in, as the unit select's values name it.
/// `None` (value `""`): no target of this kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    Minutes,
    Hours,
    WorkingDays,
    CalendarHours,
    /// Resolution only: the ticket's estimate (seed 000 §5).
    Estimate,
}

impl Unit {
    /// The units a reaction can have; a resolution can also follow the estimate.
    pub const REACTION: [Unit; 5] =
        [Unit::None, Unit::Minutes, Unit::Hours, Unit::WorkingDays, Unit::CalendarHours];
    pub const RESOLUTION: [Unit; 6] =
        [Unit::None, Unit::Minutes, Unit::Hours, Unit::WorkingDays, Unit::CalendarHours, Unit::Estimate];

    pub fn code(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::WorkingDays => "working_days",
            Unit::CalendarHours => "calendar_hours",
            Unit::Estimate => "estimate",
        }
    }

    pub fn from_code(code: &str) -> Unit {
        Unit::RESOLUTION.into_iter().find(|u| u.code() == code).unwrap_or(Unit::None)
    }

    /// Whether the unit takes an amount.
    pub fn counts(self) -> bool {
        !matches!(self, Unit::None | Unit::Estimate)
    }
}

/// One target as typed: an amount and its unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TargetInput {
    pub amount: String,
    pub unit: String,
}

impl TargetInput {
    pub fn of(budget: Option<Budget>, by_estimate: bool) -> TargetInput {
        let (amount, unit) = match budget {
            _ if by_estimate => (String::new(), Unit::Estimate),
            None => (String::new(), Unit::None),
            Some(Budget::Minutes(n)) => (n.to_string(), Unit::Minutes),
            Some(Budget::Hours(n)) => (n.to_string(), Unit::Hours),
            Some(Budget::WorkingDays(n)) => (n.to_string(), Unit::WorkingDays),
            Some(Budget::CalendarHours(n)) => (n.to_string(), Unit::CalendarHours),
        };
        TargetInput { amount, unit: unit.code().to_string() }
    }

    /// The budget typed (`None` for no target or by estimate), or the
    /// problem with the amount: an amount of 0 is left to `check_policy`,
    /// which refuses zero targets for the JSON too.
    pub fn budget(&self) -> Result<Option<Budget>, Problem> {
        let unit = Unit::from_code(&self.unit);
        if !unit.counts() {
            return Ok(None);
        }
        let amount = self.amount.trim();
        if amount.is_empty() {
            return Err(Problem::Required);
        }
        let n: u32 = amount.parse().map_err(|_| Problem::OutOfRange)?;
        if n > MAX_AMOUNT {
            return Err(Problem::OutOfRange);
        }
        Ok(Some(match unit {
            Unit::Minutes => Budget::Minutes(n),
            Unit::WorkingDays => Budget::WorkingDays(n),
            Unit::CalendarHours => Budget::CalendarHours(n),
            _ => Budget::Hours(n),
        }))
    }

    pub fn by_estimate(&self) -> bool {
        Unit::from_code(&self.unit) == Unit::Estimate
    }
}

/// One rule row: priority and category codes (`""`: any) and two targets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleInput {
    pub priority: String,
    pub category: String,
    pub reaction: TargetInput,
    pub resolution: TargetInput,
}

/// One level's entry: its code (`""`: any level), best effort, its rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LevelInput {
    pub level: String,
    pub best_effort: bool,
    pub rules: Vec<RuleInput>,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyInput {
    pub code: String,
    pub name: String,
    /// The at-risk share in percent, as the admin reads it.
    pub at_risk_percent: String,
    pub development: String,
    pub pausing: PausingWaits,
    pub levels: Vec<LevelInput>,
}

impl PolicyInput {
    pub fn of(policy: &SlaPolicy) -> PolicyInput {
        PolicyInput {
            code: policy.code.clone(),
            name: policy.name.clone(),
            at_risk_percent: format!("{}", (policy.at_risk_fraction * 100.0 * 100.0).round() / 100.0),
            development: policy.development_rule().code().to_string(),
            pausing: policy.pausing,
            levels: policy
                .levels
                .iter()
                .map(|l| LevelInput {
                    level: l.level.map(|l| l.code().to_string()).unwrap_or_default(),
                    best_effort: l.best_effort,
                    rules: l
                        .rules
                        .iter()
                        .map(|r| RuleInput {
                            priority: r.priority.map(|p| p.code().to_string()).unwrap_or_default(),
                            category: r.category.map(|c| c.code().to_string()).unwrap_or_default(),
                            reaction: TargetInput::of(r.reaction, false),
                            resolution: TargetInput::of(r.resolution, r.resolution_by_estimate),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// A new policy's starting point: one any-level rule to fill in.
    pub fn blank() -> PolicyInput {
        PolicyInput {
            at_risk_percent: "25".into(),
            development: DevelopmentRule::NoResolution.code().into(),
            levels: vec![LevelInput { rules: vec![RuleInput::default()], ..LevelInput::default() }],
            ..PolicyInput::default()
        }
    }

    /// The policy typed, or every problem the form alone can see, each at
    /// the path `check_policy` uses for the same row. The selects only offer
    /// known codes, so an unknown one is a tampered form: it reads as any.
    pub fn policy(&self) -> Result<SlaPolicy, FormErrors> {
        let mut errors = FormErrors::default();
        let at_risk_fraction = match self.at_risk_percent.trim().replace(',', ".").parse::<f64>() {
            Ok(p) if p.is_finite() && p > 0.0 && p < 100.0 => p / 100.0,
            _ => {
                errors.push_limit("at_risk_fraction", Problem::OutOfRange, 99);
                0.0
            }
        };
        let mut levels = Vec::with_capacity(self.levels.len());
        for (i, l) in self.levels.iter().enumerate() {
            let mut rules = Vec::with_capacity(l.rules.len());
            // A best-effort level's rows are hidden in the form: they are
            // not part of what the admin sees, so they are not saved.
            for (j, r) in l.rules.iter().enumerate().filter(|_| !l.best_effort) {
                let mut target = |kind: &str, t: &TargetInput| {
                    t.budget().unwrap_or_else(|problem| {
                        errors.push_limit(
                            &format!("levels.{i}.rules.{j}.{kind}"),
                            problem,
                            MAX_AMOUNT as usize,
                        );
                        None
                    })
                };
                let reaction = target("reaction", &r.reaction);
                let resolution = target("resolution", &r.resolution);
                rules.push(TargetRule {
                    priority: r.priority.parse().ok(),
                    category: r.category.parse().ok(),
                    reaction,
                    resolution,
                    resolution_by_estimate: r.resolution.by_estimate(),
                });
            }
            levels.push(LevelTargets {
                level: l.level.parse::<SlaLevel>().ok(),
                rules,
                best_effort: l.best_effort,
            });
        }
        let policy = SlaPolicy {
            code: self.code.trim().to_string(),
            name: self.name.trim().to_string(),
            at_risk_fraction,
            levels,
            pausing: self.pausing,
            development: DevelopmentRule::ALL.into_iter().find(|r| r.code() == self.development),
        };
        // The domain's rules on what could be read, so the admin sees every
        // problem at once; a row whose number was unreadable is judged on
        // that number alone (its "no target" would only repeat it).
        if let Err(rules) = crate::domain::admin::check_policy(&policy) {
            let own = errors.errors.len();
            for e in rules.errors {
                let known = errors.errors[..own].iter().any(|x| {
                    x.field == e.field
                        || (e.problem == Problem::Required && x.field.starts_with(&format!("{}.", e.field)))
                });
                if !known {
                    errors.errors.push(e);
                }
            }
        }
        errors.or_ok(|| policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::presets;

    #[test]
    fn every_preset_survives_the_form_unchanged() {
        for p in presets() {
            assert_eq!(PolicyInput::of(&p).policy(), Ok(p.clone()), "{}", p.code);
        }
    }

    #[test]
    fn targets_read_their_unit() {
        let t = |amount: &str, unit: &str| TargetInput { amount: amount.into(), unit: unit.into() }.budget();
        assert_eq!(t("48", "hours"), Ok(Some(Budget::Hours(48))));
        assert_eq!(t(" 24 ", "working_days"), Ok(Some(Budget::WorkingDays(24))));
        assert_eq!(t("336", "calendar_hours"), Ok(Some(Budget::CalendarHours(336))));
        assert_eq!(t("60", "minutes"), Ok(Some(Budget::Minutes(60))));
        assert_eq!(t("whatever", ""), Ok(None), "no target: the amount is not read");
        assert_eq!(t("", "estimate"), Ok(None));
        assert_eq!(t("", "hours"), Err(Problem::Required));
        assert_eq!(t("1.5", "hours"), Err(Problem::OutOfRange));
        assert_eq!(t("-3", "hours"), Err(Problem::OutOfRange));
        assert_eq!(t("100001", "hours"), Err(Problem::OutOfRange));
    }

    #[test]
    fn problems_are_reported_at_their_row() {
        let mut input = PolicyInput::of(&presets()[0]);
        input.at_risk_percent = "100".into();
        input.levels[1].rules[0].reaction.amount = "x".into();
        let e = input.policy().unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(
            fields,
            [("at_risk_fraction", Problem::OutOfRange), ("levels.1.rules.0.reaction", Problem::OutOfRange)]
        );

        // A zero is readable: the domain refuses it, next to the form's own problems.
        let mut input = PolicyInput::of(&presets()[0]);
        input.at_risk_percent = "0".into();
        input.levels[0].rules[0].reaction.amount = "0".into();
        let e = input.policy().unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(
            fields,
            [("at_risk_fraction", Problem::OutOfRange), ("levels.0.rules.0.reaction", Problem::OutOfRange)]
        );

        // The domain's rules come back at the same paths.
        let mut input = PolicyInput::of(&presets()[0]);
        input.levels[2].level = input.levels[0].level.clone();
        input.levels[0].rules.push(RuleInput { priority: "high".into(), ..RuleInput::default() });
        let e = input.policy().unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(fields, [("levels.0.rules.1", Problem::Required), ("levels.2", Problem::Taken)]);

        // Two problems of one row both reach it, next to a problem of the form's own.
        let mut input = PolicyInput::of(&presets()[0]);
        input.at_risk_percent = "150".into();
        input.levels[0].rules.push(RuleInput::default());
        let e = input.policy().unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(
            fields,
            [
                ("at_risk_fraction", Problem::OutOfRange),
                ("levels.0.rules.1", Problem::Taken),
                ("levels.0.rules.1", Problem::Required),
            ]
        );
    }

    #[test]
    fn a_best_effort_level_drops_its_hidden_rows_and_percent_reads_a_comma() {
        let mut input = PolicyInput::blank();
        input.code = "desk".into();
        input.name = "Desk".into();
        input.at_risk_percent = "12,5".into();
        input.levels[0].best_effort = true;
        let p = input.policy().unwrap();
        assert!(p.levels[0].rules.is_empty() && p.levels[0].best_effort);
        assert_eq!(p.at_risk_fraction, 0.125);
        assert_eq!(PolicyInput::of(&p).at_risk_percent, "12.5");
    }
}
