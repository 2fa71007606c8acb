//! Second-line escalations (SPEC §6, seed 000 §7–8): a consultant asks a
//! department a question about a ticket; the department has its own
//! deadline in working days of the desk's calendar, counted from the
//! escalation; the escalation is answered (the answer becomes an internal
//! note) or withdrawn. Who may, what is due when, and which states an
//! escalation moves between live here, once.

use crate::sla::{deadline, Budget, BusinessCalendar, PauseLedger, SlaError};
use crate::text::{self, TextProblem};
use crate::ticket::{Permission, Role, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest question (and answer) in characters.
pub const MAX_QUESTION_CHARS: usize = 4000;

/// A question to a department: trimmed, not empty, plain text, within
/// [`MAX_QUESTION_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question(String);

impl Question {
    pub fn parse(raw: &str) -> Result<Question, TextProblem> {
        text::required(raw, MAX_QUESTION_CHARS).map(Question)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where an escalation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationState {
    /// Asked, waiting for the department.
    Open,
    /// The department answered; the answer is an internal note.
    Answered,
    /// The desk took the question back.
    Withdrawn,
}

impl EscalationState {
    pub const ALL: [EscalationState; 3] =
        [EscalationState::Open, EscalationState::Answered, EscalationState::Withdrawn];

    pub fn code(self) -> &'static str {
        match self {
            EscalationState::Open => "open",
            EscalationState::Answered => "answered",
            EscalationState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<EscalationState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How an open escalation is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closing {
    Answer,
    Withdraw,
}

/// Why an escalation command is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EscalationError {
    /// Only consultants and above escalate (SPEC §1); clients, operators and
    /// admins do not.
    #[error("only consultants, leads escalate to the second line")]
    NotPermitted,
    /// An archived ticket asks nobody anything.
    #[error("the ticket is closed")]
    TicketClosed,
    /// The escalation was answered or withdrawn already.
    #[error("the escalation is answered or withdrawn already")]
    AlreadyClosed,
}

impl EscalationError {
    /// The stable refusal code of the API.
    pub fn code(self) -> &'static str {
        match self {
            EscalationError::NotPermitted => "role_not_allowed",
            EscalationError::TicketClosed => "ticket_closed",
            EscalationError::AlreadyClosed => "escalation_closed",
        }
    }
}

/// Whether `role` may escalate a ticket in `status` (and see, answer and
/// withdraw its escalations).
pub fn check_escalate(role: Role, status: Status) -> Result<(), EscalationError> {
    if !role.can(Permission::Escalate) {
        return Err(EscalationError::NotPermitted);
    }
    if status == Status::Archive {
        return Err(EscalationError::TicketClosed);
    }
    Ok(())
}

/// The state an escalation in `state` takes when `role` closes it by `how`.
/// Closing needs no open ticket: a department may answer after the client
/// accepted the fix, and the answer still belongs in the history.
pub fn close(role: Role, state: EscalationState, how: Closing) -> Result<EscalationState, EscalationError> {
    if !role.can(Permission::Escalate) {
        return Err(EscalationError::NotPermitted);
    }
    if state != EscalationState::Open {
        return Err(EscalationError::AlreadyClosed);
    }
    Ok(match how {
        Closing::Answer => EscalationState::Answered,
        Closing::Withdraw => EscalationState::Withdrawn,
    })
}

/// When a department given `days` working days must answer a question
/// asked at `asked_at`: the same wall-clock time on the `days`-th following
/// working day of `calendar` (the SLA engine's working days: holidays
/// skipped, transferred working days counted).
pub fn due(
    calendar: &BusinessCalendar,
    asked_at: DateTime<Utc>,
    days: u32,
) -> Result<DateTime<Utc>, SlaError> {
    deadline(calendar, asked_at, Budget::WorkingDays(days), &PauseLedger::default())
}

/// Whether an escalation in `state`, due at `due`, is overdue at `now`.
pub fn is_overdue(state: EscalationState, due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state == EscalationState::Open && now >= due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{BusinessCalendar, CalendarPreset};
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::Moscow;

    fn msk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Moscow.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }

    fn nine_to_six() -> BusinessCalendar {
        BusinessCalendar::preset(CalendarPreset::MoscowNineToSix)
    }

    #[test]
    fn consultants_and_leads_escalate_operators_clients_and_admins_do_not() {
        for role in [Role::Consultant, Role::Lead] {
            assert_eq!(check_escalate(role, Status::InProgress), Ok(()));
            assert_eq!(close(role, EscalationState::Open, Closing::Answer), Ok(EscalationState::Answered));
        }
        for role in [Role::Client, Role::Operator, Role::Admin] {
            assert_eq!(check_escalate(role, Status::Backlog), Err(EscalationError::NotPermitted));
            assert_eq!(
                close(role, EscalationState::Open, Closing::Withdraw),
                Err(EscalationError::NotPermitted)
            );
        }
        assert_eq!(check_escalate(Role::Lead, Status::Archive), Err(EscalationError::TicketClosed));
    }

    #[test]
    fn an_answered_or_withdrawn_escalation_stays_closed() {
        assert_eq!(
            close(Role::Consultant, EscalationState::Open, Closing::Withdraw),
            Ok(EscalationState::Withdrawn)
        );
        for state in [EscalationState::Answered, EscalationState::Withdrawn] {
            for how in [Closing::Answer, Closing::Withdraw] {
                assert_eq!(close(Role::Lead, state, how), Err(EscalationError::AlreadyClosed));
            }
        }
        assert_eq!(EscalationError::AlreadyClosed.code(), "escalation_closed");
        for s in EscalationState::ALL {
            assert_eq!(EscalationState::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn three_working_days_skip_the_weekend() {
        // Thursday 3 December 2026, 15:00 Moscow: Friday, Monday, Tuesday.
        let asked = msk(2026, 12, 3, 15, 0);
        assert_eq!(due(&nine_to_six(), asked, 3).unwrap(), msk(2026, 12, 8, 15, 0));
        // One working day from Friday afternoon is Monday afternoon.
        assert_eq!(due(&nine_to_six(), msk(2026, 12, 4, 11, 30), 1).unwrap(), msk(2026, 12, 7, 11, 30));
    }

    #[test]
    fn working_days_skip_holidays_and_start_at_opening_out_of_hours() {
        // The shipped Moscow calendar carries the production calendar:
        // 31 December 2026 and the New Year holidays up to 10 January 2027
        // are days off, so one working day from Wednesday 30 December
        // 15:00 is Monday 11 January 15:00.
        let cal = crate::contract::preset_calendar(CalendarPreset::MoscowNineToSix);
        assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
        assert_eq!(due(&cal, msk(2026, 12, 30, 15, 0), 1).unwrap(), msk(2027, 1, 11, 15, 0));
        // Asked after closing on Thursday: the count starts at Friday's
        // opening, and a whole working day from an opening is used up at
        // that day's closing (the engine's rule for working days).
        assert_eq!(due(&nine_to_six(), msk(2026, 12, 3, 20, 0), 1).unwrap(), msk(2026, 12, 4, 18, 0));
    }

    #[test]
    fn overdue_once_the_deadline_passes_unanswered() {
        let d = msk(2026, 12, 8, 15, 0);
        assert!(!is_overdue(EscalationState::Open, d, msk(2026, 12, 8, 14, 59)));
        assert!(is_overdue(EscalationState::Open, d, d));
        assert!(!is_overdue(EscalationState::Answered, d, msk(2026, 12, 9, 0, 0)));
    }

    #[test]
    fn questions_are_trimmed_plain_and_limited() {
        assert_eq!(
            Question::parse("  Можно ли вернуть оплату?  ").unwrap().as_str(),
            "Можно ли вернуть оплату?"
        );
        assert_eq!(Question::parse(" "), Err(TextProblem::Required));
        assert_eq!(Question::parse(&"ж".repeat(MAX_QUESTION_CHARS + 1)), Err(TextProblem::TooLong));
        assert_eq!(Question::parse("a\u{0}"), Err(TextProblem::Invalid));
    }
}
