//! A contract as the admin enters it (SPEC §4 "Policies and levels"): the
//! organisation, client category × support level under a policy, the
//! calendar, the validity period in whole days, and the curator.
//!
//! Validity days are read in the contract calendar's zone, the last day
//! inclusive: a contract "until 31.12.2026" on Moscow time covers the
//! whole of that day in Moscow. Stored are the instants `[from, to)`.

use super::form::{FormErrors, Problem};
use crate::day::{self, DayProblem};
use crate::sla::{ClientCategory, SlaLevel, SlaPolicy, SupportLevel};
use crate::ticket::{Category, Priority};
use chrono::{Days, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// What the form sends. Dates are `YYYY-MM-DD` (an `<input type=date>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft {
    pub organisation_id: Option<i64>,
    pub calendar_id: Option<i64>,
    pub policy_code: String,
    pub client_category: ClientCategory,
    pub support_level: SupportLevel,
    pub valid_from: String,
    pub valid_to: String,
    pub curator_id: Option<i64>,
}

/// What the checks need to know from the database (or, in the browser,
/// from the lists the page already has).
#[derive(Debug, Clone, Copy)]
pub struct ContractFacts<'a> {
    pub organisation_known: bool,
    /// The chosen calendar's zone; `None`: no such calendar.
    pub calendar_zone: Option<Tz>,
    /// The chosen policy; `None`: no such policy.
    pub policy: Option<&'a SlaPolicy>,
    /// The chosen curator is an active agent (true when none is chosen).
    pub curator_is_agent: bool,
    /// The organisation's other contracts.
    pub others: &'a [ContractPeriod],
}

/// A validity period as stored: `[from, to)` in UTC seconds, `to: None` for
/// a contract without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractPeriod {
    pub from: i64,
    pub to: Option<i64>,
}

impl ContractPeriod {
    pub fn overlaps(&self, other: &ContractPeriod) -> bool {
        let starts_before_other_ends = other.to.is_none_or(|end| self.from < end);
        let other_starts_before_end = self.to.is_none_or(|end| other.from < end);
        starts_before_other_ends && other_starts_before_end
    }

    /// The first and last day (inclusive) in `tz`, as the form shows them.
    pub fn days(&self, tz: Tz) -> (NaiveDate, Option<NaiveDate>) {
        let day = |t: i64| {
            chrono::DateTime::from_timestamp(t, 0).unwrap_or_default().with_timezone(&tz).date_naive()
        };
        // `to` is the first instant after the last day.
        (day(self.from), self.to.map(|t| day(t - 1)))
    }
}

/// The period covering the days `from` to `to` (inclusive; `None`: no end)
/// in `tz`.
pub fn period_of_days(from: NaiveDate, to: Option<NaiveDate>, tz: Tz) -> ContractPeriod {
    ContractPeriod {
        from: start_of_day(from, tz),
        to: to.map(|d| start_of_day(d.checked_add_days(Days::new(1)).unwrap_or(d), tz)),
    }
}

/// A contract that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContract {
    pub organisation_id: i64,
    pub calendar_id: i64,
    pub policy_code: String,
    pub level: SlaLevel,
    pub period: ContractPeriod,
    pub curator_id: Option<i64>,
}

/// The start of `date` in `tz` (the first valid local instant when a DST
/// change skips midnight).
fn start_of_day(date: NaiveDate, tz: Tz) -> i64 {
    let mut local = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.timestamp();
        }
        local += chrono::Duration::hours(1);
    }
    tz.from_utc_datetime(&local).timestamp()
}

fn parse_day(errors: &mut FormErrors, field: &str, raw: &str) -> Option<NaiveDate> {
    match day::parse_day(raw) {
        Ok(d) => Some(d),
        Err(DayProblem::OutOfRange) => {
            errors.push_detail(field, Problem::OutOfRange, day::range_detail());
            None
        }
        Err(DayProblem::Required | DayProblem::Invalid) => {
            errors.push(field, Problem::Invalid);
            None
        }
    }
}

/// True when the policy gives this level at least one target for some
/// priority and category: a contract on a level the policy does not know
/// would run without any SLA. A level the policy names as best effort is
/// covered: it promises no numbers on purpose (seed 002).
pub fn policy_covers(policy: &SlaPolicy, level: SlaLevel) -> bool {
    policy.is_best_effort(level)
        || Priority::ALL.iter().any(|&p| {
            Category::ALL.iter().any(|&c| {
                // An estimate stands in for "by estimate" rules.
                let t = policy.targets_with_estimate(level, p, c, Some(1));
                t.reaction.is_some() || t.resolution.is_some()
            })
        })
}

impl ContractDraft {
    pub fn validate(&self, facts: ContractFacts<'_>) -> Result<ValidContract, FormErrors> {
        let mut errors = FormErrors::default();
        if self.organisation_id.is_none() {
            errors.push("organisation_id", Problem::Required);
        } else if !facts.organisation_known {
            errors.push("organisation_id", Problem::Unknown);
        }
        let level = SlaLevel::contract(self.client_category, self.support_level);
        if self.policy_code.trim().is_empty() {
            errors.push("policy_code", Problem::Required);
        } else {
            match facts.policy {
                None => errors.push("policy_code", Problem::Unknown),
                Some(policy) if !policy_covers(policy, level) => {
                    errors.push_detail("support_level", Problem::LevelNotInPolicy, level.code())
                }
                Some(_) => {}
            }
        }
        if self.calendar_id.is_none() {
            errors.push("calendar_id", Problem::Required);
        } else if facts.calendar_zone.is_none() {
            errors.push("calendar_id", Problem::Unknown);
        }
        let from = if self.valid_from.trim().is_empty() {
            errors.push("valid_from", Problem::Required);
            None
        } else {
            parse_day(&mut errors, "valid_from", &self.valid_from)
        };
        let to = if self.valid_to.trim().is_empty() {
            Some(None)
        } else {
            parse_day(&mut errors, "valid_to", &self.valid_to).map(Some)
        };
        if let (Some(from), Some(Some(to))) = (from, to) {
            if to < from {
                errors.push("valid_to", Problem::NotAfterStart);
            }
        }
        if !facts.curator_is_agent {
            errors.push("curator_id", Problem::Unknown);
        }
        let zone = facts.calendar_zone.unwrap_or(Tz::UTC);
        let period = match (from, to) {
            (Some(from), Some(to)) if errors.of("valid_to").is_none() => Some(period_of_days(from, to, zone)),
            _ => None,
        };
        if let (Some(period), Some(_)) = (period, facts.calendar_zone) {
            if let Some(other) = facts.others.iter().find(|o| o.overlaps(&period)) {
                let (a, b) = other.days(zone);
                let until = b.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "…".into());
                errors.push_detail(
                    "valid_from",
                    Problem::Overlaps,
                    format!("{} – {until}", a.format("%Y-%m-%d")),
                );
            }
        }
        match (errors.is_empty(), self.organisation_id, self.calendar_id, period) {
            (true, Some(organisation_id), Some(calendar_id), Some(period)) => Ok(ValidContract {
                organisation_id,
                calendar_id,
                policy_code: self.policy_code.trim().to_string(),
                level,
                period,
                curator_id: self.curator_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::presets;

    fn draft() -> ContractDraft {
        ContractDraft {
            organisation_id: Some(1),
            calendar_id: Some(2),
            policy_code: "technomarket".into(),
            client_category: ClientCategory::Commercial,
            support_level: SupportLevel::Standard,
            valid_from: "2026-01-01".into(),
            valid_to: "2026-12-31".into(),
            curator_id: Some(7),
        }
    }

    fn facts<'a>(policy: &'a SlaPolicy, others: &'a [ContractPeriod]) -> ContractFacts<'a> {
        ContractFacts {
            organisation_known: true,
            calendar_zone: Some(chrono_tz::Europe::Moscow),
            policy: Some(policy),
            curator_is_agent: true,
            others,
        }
    }

    fn problems(e: &FormErrors) -> Vec<(&str, Problem)> {
        e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect()
    }

    #[test]
    fn validity_days_are_whole_days_in_the_calendar_zone() {
        let policy = &presets()[0];
        let c = draft().validate(facts(policy, &[])).unwrap();
        assert_eq!(c.level, SlaLevel::CommercialStandard);
        // 2026-01-01 00:00 MSK = 2025-12-31 21:00 UTC; the last day ends at
        // 2027-01-01 00:00 MSK.
        assert_eq!(c.period.from, 1_767_214_800);
        assert_eq!(c.period.to, Some(1_798_750_800));
        let (a, b) = c.period.days(chrono_tz::Europe::Moscow);
        assert_eq!((a.to_string(), b.unwrap().to_string()), ("2026-01-01".into(), "2026-12-31".into()));
    }

    #[test]
    fn an_open_ended_contract_has_no_end() {
        let policy = &presets()[0];
        let c = ContractDraft { valid_to: " ".into(), ..draft() }.validate(facts(policy, &[])).unwrap();
        assert_eq!(c.period.to, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let policy = &presets()[0];
        let bad = ContractDraft {
            organisation_id: None,
            calendar_id: None,
            policy_code: String::new(),
            valid_from: "01.01.2026".into(),
            valid_to: "never".into(),
            ..draft()
        };
        let e = bad.validate(ContractFacts { curator_is_agent: false, ..facts(policy, &[]) }).unwrap_err();
        assert_eq!(
            problems(&e),
            [
                ("organisation_id", Problem::Required),
                ("policy_code", Problem::Required),
                ("calendar_id", Problem::Required),
                ("valid_from", Problem::Invalid),
                ("valid_to", Problem::Invalid),
                ("curator_id", Problem::Unknown),
            ]
        );
    }

    #[test]
    fn the_end_may_be_the_start_day_but_not_before() {
        let policy = &presets()[0];
        let same = ContractDraft { valid_to: "2026-01-01".into(), ..draft() };
        let one_day = same.validate(facts(policy, &[])).unwrap();
        assert_eq!(one_day.period.to.unwrap() - one_day.period.from, 86_400);
        let before = ContractDraft { valid_to: "2025-12-31".into(), ..draft() };
        let e = before.validate(facts(policy, &[])).unwrap_err();
        assert_eq!(problems(&e), [("valid_to", Problem::NotAfterStart)]);
    }

    #[test]
    fn unknown_references_are_refused() {
        let policy = &presets()[0];
        let e = draft()
            .validate(ContractFacts {
                organisation_known: false,
                calendar_zone: None,
                policy: None,
                ..facts(policy, &[])
            })
            .unwrap_err();
        assert_eq!(
            problems(&e),
            [
                ("organisation_id", Problem::Unknown),
                ("policy_code", Problem::Unknown),
                ("calendar_id", Problem::Unknown)
            ]
        );
    }

    #[test]
    fn a_level_the_policy_does_not_set_is_refused() {
        // Technomarket has no partner operative level (seed 001).
        let policy = &presets()[0];
        let partner = ContractDraft {
            client_category: ClientCategory::Partner,
            support_level: SupportLevel::Operative,
            ..draft()
        };
        let e = partner.validate(facts(policy, &[])).unwrap_err();
        assert_eq!(problems(&e), [("support_level", Problem::LevelNotInPolicy)]);
        // Smart Systems sets one level for every ticket.
        let smart = presets().into_iter().find(|p| p.code == "smart_systems").unwrap();
        assert!(ContractDraft { policy_code: "smart_systems".into(), ..partner }
            .validate(facts(&smart, &[]))
            .is_ok());
    }

    #[test]
    fn overlapping_periods_are_refused_adjacent_ones_are_not() {
        let policy = &presets()[0];
        let this = draft().validate(facts(policy, &[])).unwrap().period;
        let previous = ContractPeriod { from: this.from - 86_400 * 365, to: Some(this.from) };
        let next_open = ContractPeriod { from: this.to.unwrap(), to: None };
        assert!(draft().validate(facts(policy, &[previous, next_open])).is_ok());

        let open_before = ContractPeriod { from: this.from - 86_400, to: None };
        let e = draft().validate(facts(policy, &[open_before])).unwrap_err();
        assert_eq!(problems(&e), [("valid_from", Problem::Overlaps)]);
        assert_eq!(e.errors[0].detail.as_deref(), Some("2025-12-31 – …"));
    }

    #[test]
    fn overlap_is_symmetric() {
        let a = ContractPeriod { from: 10, to: Some(20) };
        for (b, expected) in [
            (ContractPeriod { from: 0, to: Some(10) }, false),
            (ContractPeriod { from: 0, to: Some(11) }, true),
            (ContractPeriod { from: 19, to: None }, true),
            (ContractPeriod { from: 20, to: None }, false),
            (ContractPeriod { from: 12, to: Some(15) }, true),
        ] {
            assert_eq!(a.overlaps(&b), expected, "{b:?}");
            assert_eq!(b.overlaps(&a), expected, "{b:?}");
        }
    }
}
