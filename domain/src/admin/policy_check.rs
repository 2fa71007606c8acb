//! What makes an SLA policy as an admin edits it valid: a code to store it
//! under, a name, an at-risk share between 0 and 1, and rules that say one
//! thing each. The JSON shape itself is checked by serde
//! (`deny_unknown_fields`) before this runs.

use super::form::{required_text, FormErrors, Problem};
use crate::sla::{Budget, SlaPolicy};

pub const MAX_POLICY_NAME_CHARS: usize = 100;

fn code_ok(code: &str) -> bool {
    let mut chars = code.chars();
    (2..=40).contains(&code.len())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn budget_ok(b: Option<Budget>) -> bool {
    b.is_none_or(|b| {
        !matches!(
            b,
            Budget::Minutes(0) | Budget::Hours(0) | Budget::WorkingDays(0) | Budget::CalendarHours(0)
        )
    })
}

/// Every problem with a parsed policy. The field says where, so the
/// policy form can put each problem next to its row: `code`, `name`,
/// `at_risk_fraction`, `levels` (none has a target), `levels.I` (the I-th
/// level entry), `levels.I.rules.J` (its J-th rule) and
/// `levels.I.rules.J.reaction` / `.resolution`, counted from 0. `detail`
/// names the level and the rule (from 1) in English for API callers.
pub fn check_policy(policy: &SlaPolicy) -> Result<(), FormErrors> {
    let mut errors = FormErrors::default();
    if !code_ok(&policy.code) {
        errors.push("code", Problem::Invalid);
    }
    required_text(&mut errors, "name", &policy.name, MAX_POLICY_NAME_CHARS);
    if !(policy.at_risk_fraction > 0.0 && policy.at_risk_fraction < 1.0) {
        errors.push_detail(
            "at_risk_fraction",
            Problem::OutOfRange,
            "at_risk_fraction must be between 0 and 1",
        );
    }
    if policy.levels.iter().all(|l| l.rules.is_empty() && !l.best_effort) {
        errors.push_detail("levels", Problem::Required, "the policy has no rules");
    }
    for (i, level) in policy.levels.iter().enumerate() {
        let name = level.level.map(|l| l.code().to_string()).unwrap_or_else(|| "any level".into());
        let at = format!("levels.{i}");
        if level.best_effort && !level.rules.is_empty() {
            errors.push_detail(&at, Problem::Invalid, format!("{name} is best effort and has rules"));
        }
        if policy.levels[..i].iter().any(|l| l.level == level.level) {
            errors.push_detail(&at, Problem::Taken, format!("{name} is listed twice"));
        }
        for (j, rule) in level.rules.iter().enumerate() {
            let at = format!("levels.{i}.rules.{j}");
            let key = (rule.priority, rule.category);
            if level.rules[..j].iter().any(|r| (r.priority, r.category) == key) {
                errors.push_detail(
                    &at,
                    Problem::Taken,
                    format!("{name}: rule {} repeats rule for the same priority and category", j + 1),
                );
            }
            if rule.resolution_by_estimate && rule.resolution.is_some() {
                errors.push_detail(
                    &format!("{at}.resolution"),
                    Problem::Invalid,
                    format!("{name}: rule {} sets a resolution and resolves by estimate", j + 1),
                );
            }
            if rule.reaction.is_none() && rule.resolution.is_none() && !rule.resolution_by_estimate {
                errors.push_detail(&at, Problem::Required, format!("{name}: rule {} sets no target", j + 1));
            }
            for (kind, budget) in [("reaction", rule.reaction), ("resolution", rule.resolution)] {
                if !budget_ok(budget) {
                    errors.push_detail(
                        &format!("{at}.{kind}"),
                        Problem::OutOfRange,
                        format!("{name}: rule {} has a zero target", j + 1),
                    );
                }
            }
        }
    }
    errors.or_ok(|| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{presets, LevelTargets, SlaLevel, TargetRule};

    #[test]
    fn the_presets_are_valid() {
        for p in presets() {
            assert_eq!(check_policy(&p), Ok(()), "{}", p.code);
        }
    }

    #[test]
    fn code_name_and_share_are_checked() {
        let mut p = presets().remove(0);
        p.code = "Техно маркет".into();
        p.name = " ".into();
        p.at_risk_fraction = 1.0;
        let e = check_policy(&p).unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(
            fields,
            [
                ("code", Problem::Invalid),
                ("name", Problem::Required),
                ("at_risk_fraction", Problem::OutOfRange)
            ]
        );
    }

    #[test]
    fn contradicting_or_empty_rules_are_refused() {
        let mut p = presets().remove(0);
        let rule = TargetRule { reaction: Some(Budget::Hours(4)), ..TargetRule::default() };
        p.levels.push(LevelTargets {
            level: Some(SlaLevel::PartnerStandard),
            rules: vec![rule.clone()],
            best_effort: false,
        });
        p.levels.push(LevelTargets {
            level: Some(SlaLevel::Development),
            best_effort: false,
            rules: vec![
                rule.clone(),
                rule,
                TargetRule::default(),
                TargetRule {
                    reaction: Some(Budget::Hours(0)),
                    priority: Some(crate::ticket::Priority::High),
                    ..TargetRule::default()
                },
            ],
        });
        let e = check_policy(&p).unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        let (a, d) = (p.levels.len() - 2, p.levels.len() - 1);
        assert_eq!(
            fields,
            [
                (format!("levels.{a}").as_str(), Problem::Taken),
                (format!("levels.{d}.rules.1").as_str(), Problem::Taken),
                (format!("levels.{d}.rules.2").as_str(), Problem::Taken),
                (format!("levels.{d}.rules.2").as_str(), Problem::Required),
                (format!("levels.{d}.rules.3.reaction").as_str(), Problem::OutOfRange),
            ],
            "each problem names its row"
        );
        let details: Vec<_> = e.errors.iter().filter_map(|x| x.detail.as_deref()).collect();
        assert_eq!(
            details,
            [
                "partner_standard is listed twice",
                "development: rule 2 repeats rule for the same priority and category",
                "development: rule 3 repeats rule for the same priority and category",
                "development: rule 3 sets no target",
                "development: rule 4 has a zero target",
            ]
        );
    }
}
