//! Sprints (SPEC §5): two weeks by default, with a goal, the days they run
//! and the team's capacity in hours. Sprints do not overlap (one team, one
//! cadence); a ticket is planned into one that has not ended.

use crate::admin::form::{optional_text, required_text};
use crate::admin::{FormErrors, Problem};
use crate::day::{self, parse_day, DayProblem};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The usual length of a sprint, in calendar days.
pub const DEFAULT_SPRINT_DAYS: u32 = 14;
pub const MAX_SPRINT_DAYS: usize = 60;
pub const MAX_SPRINT_NAME_CHARS: usize = 100;
pub const MAX_SPRINT_GOAL_CHARS: usize = 1000;
pub const MAX_CAPACITY_HOURS: usize = 100_000;

/// What the sprint form sends. `starts_on` is `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SprintDraft {
    pub name: String,
    pub goal: String,
    pub starts_on: String,
    pub length_days: i64,
    pub capacity_hours: i64,
}

/// A sprint that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSprint {
    pub name: String,
    pub goal: String,
    pub starts_on: NaiveDate,
    /// The last day, inclusive.
    pub ends_on: NaiveDate,
    pub capacity_hours: i64,
}

/// The days of a stored sprint, for the overlap check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SprintDays {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl SprintDraft {
    /// `others`: the other sprints' days (not this one's when it is changed).
    pub fn validate(&self, others: &[SprintDays]) -> Result<ValidSprint, FormErrors> {
        let mut errors = FormErrors::default();
        let name = required_text(&mut errors, "name", &self.name, MAX_SPRINT_NAME_CHARS);
        let goal = optional_text(&mut errors, "goal", &self.goal, MAX_SPRINT_GOAL_CHARS);
        let starts_on = match parse_day(&self.starts_on) {
            Ok(d) => Some(d),
            Err(DayProblem::Required) => {
                errors.push("starts_on", Problem::Required);
                None
            }
            Err(DayProblem::Invalid) => {
                errors.push("starts_on", Problem::Invalid);
                None
            }
            Err(DayProblem::OutOfRange) => {
                errors.push_detail("starts_on", Problem::OutOfRange, day::range_detail());
                None
            }
        };
        if !(1..=MAX_SPRINT_DAYS as i64).contains(&self.length_days) {
            errors.push_limit("length_days", Problem::OutOfRange, MAX_SPRINT_DAYS);
        }
        if !(1..=MAX_CAPACITY_HOURS as i64).contains(&self.capacity_hours) {
            errors.push_limit("capacity_hours", Problem::OutOfRange, MAX_CAPACITY_HOURS);
        }
        let ends_on = starts_on
            .filter(|_| errors.of("length_days").is_none())
            .and_then(|s| s.checked_add_days(Days::new(self.length_days as u64 - 1)));
        // A sprint starting late in the last year may end after it.
        let ends_on = match ends_on {
            Some(end) if !day::in_range(end) => {
                errors.push_detail("starts_on", Problem::OutOfRange, day::range_detail());
                None
            }
            end => end,
        };
        if let (Some(starts_on), Some(ends_on)) = (starts_on, ends_on) {
            if let Some(other) = others.iter().find(|o| o.starts_on <= ends_on && starts_on <= o.ends_on) {
                errors.push_detail(
                    "starts_on",
                    Problem::Overlaps,
                    format!("{} – {}", other.starts_on.format("%Y-%m-%d"), other.ends_on.format("%Y-%m-%d")),
                );
            }
        }
        match (name, goal, starts_on, ends_on) {
            (Some(name), Some(goal), Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(ValidSprint { name, goal, starts_on, ends_on, capacity_hours: self.capacity_hours })
            }
            _ => Err(errors),
        }
    }
}

/// Where a sprint stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SprintPhase {
    Planned,
    Active,
    Finished,
}

impl SprintPhase {
    pub fn of(days: SprintDays, today: NaiveDate) -> SprintPhase {
        if today < days.starts_on {
            SprintPhase::Planned
        } else if today <= days.ends_on {
            SprintPhase::Active
        } else {
            SprintPhase::Finished
        }
    }

    /// Tickets are planned into sprints that have not ended.
    pub fn takes_tickets(self) -> bool {
        self != SprintPhase::Finished
    }
}

/// SPEC §5: a ticket whose SLA deadline falls before the sprint's end would
/// breach inside the sprint unless it is done first, and is flagged on the
/// plan. `sprint_end` is the first instant after the sprint's last day.
pub fn due_before_sprint_end(deadline: Option<DateTime<Utc>>, sprint_end: DateTime<Utc>) -> bool {
    deadline.is_some_and(|d| d < sprint_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> SprintDraft {
        SprintDraft {
            name: " Спринт 49 ".into(),
            goal: "Закрыть инциденты кассы".into(),
            starts_on: "2026-11-30".into(),
            length_days: DEFAULT_SPRINT_DAYS as i64,
            capacity_hours: 120,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn problems(e: &FormErrors) -> Vec<(&str, Problem)> {
        e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect()
    }

    #[test]
    fn a_two_week_sprint_ends_on_its_fourteenth_day() {
        let s = draft().validate(&[]).unwrap();
        assert_eq!(s.name, "Спринт 49");
        assert_eq!((s.starts_on, s.ends_on), (day("2026-11-30"), day("2026-12-13")));
    }

    #[test]
    fn bad_fields_are_all_reported() {
        let bad = SprintDraft {
            name: "".into(),
            goal: "x".repeat(MAX_SPRINT_GOAL_CHARS + 1),
            starts_on: "30.11.2026".into(),
            length_days: 0,
            capacity_hours: -5,
        };
        assert_eq!(
            problems(&bad.validate(&[]).unwrap_err()),
            [
                ("name", Problem::Required),
                ("goal", Problem::TooLong),
                ("starts_on", Problem::Invalid),
                ("length_days", Problem::OutOfRange),
                ("capacity_hours", Problem::OutOfRange),
            ]
        );
    }

    #[test]
    fn days_outside_the_supported_years_or_shape_are_refused() {
        for (starts_on, problem) in [
            ("-0001-01-01", Problem::Invalid),
            ("+12026-01-01", Problem::Invalid),
            ("2026-1-1", Problem::Invalid),
            ("1999-12-31", Problem::OutOfRange),
            ("2999-12-25", Problem::OutOfRange), // ends in 3000
        ] {
            let e = SprintDraft { starts_on: starts_on.into(), ..draft() }.validate(&[]).unwrap_err();
            assert_eq!(problems(&e), [("starts_on", problem)], "{starts_on}");
        }
        let last = SprintDraft { starts_on: "2999-12-18".into(), ..draft() }.validate(&[]).unwrap();
        assert_eq!(last.ends_on, day("2999-12-31"));
    }

    #[test]
    fn a_goal_with_a_nul_is_invalid() {
        let e = SprintDraft { goal: "a\u{0}".into(), ..draft() }.validate(&[]).unwrap_err();
        assert_eq!(problems(&e), [("goal", Problem::Invalid)]);
    }

    #[test]
    fn sprints_do_not_overlap_but_may_follow_each_other() {
        let previous = SprintDays { starts_on: day("2026-11-16"), ends_on: day("2026-11-29") };
        let next = SprintDays { starts_on: day("2026-12-14"), ends_on: day("2026-12-27") };
        assert!(draft().validate(&[previous, next]).is_ok());
        let clash = SprintDays { starts_on: day("2026-12-13"), ends_on: day("2026-12-20") };
        let e = draft().validate(&[previous, clash]).unwrap_err();
        assert_eq!(problems(&e), [("starts_on", Problem::Overlaps)]);
        assert_eq!(e.errors[0].detail.as_deref(), Some("2026-12-13 – 2026-12-20"));
    }

    #[test]
    fn phases_follow_the_calendar() {
        let days = SprintDays { starts_on: day("2026-11-30"), ends_on: day("2026-12-13") };
        assert_eq!(SprintPhase::of(days, day("2026-11-29")), SprintPhase::Planned);
        assert_eq!(SprintPhase::of(days, day("2026-11-30")), SprintPhase::Active);
        assert_eq!(SprintPhase::of(days, day("2026-12-13")), SprintPhase::Active);
        assert_eq!(SprintPhase::of(days, day("2026-12-14")), SprintPhase::Finished);
        assert!(!SprintPhase::Finished.takes_tickets());
    }

    #[test]
    fn deadlines_before_the_sprint_end_are_flagged() {
        let end = DateTime::parse_from_rfc3339("2026-12-14T00:00:00Z").unwrap().with_timezone(&Utc);
        let before = DateTime::parse_from_rfc3339("2026-12-10T12:00:00Z").unwrap().with_timezone(&Utc);
        let after = DateTime::parse_from_rfc3339("2026-12-20T12:00:00Z").unwrap().with_timezone(&Utc);
        assert!(due_before_sprint_end(Some(before), end));
        assert!(!due_before_sprint_end(Some(after), end));
        assert!(!due_before_sprint_end(None, end), "no target, nothing to breach");
    }
}
