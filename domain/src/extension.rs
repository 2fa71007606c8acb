//! Deadline extension with the client's agreement (SPEC §1, seed 004): a
//! consultant proposes a later resolution deadline with a reason; it takes
//! effect only when a client of the ticket agrees, on the ticket page or by
//! answering the proposal's mail. Who may, which proposals stand, and what
//! a mailed answer says live here, once.
//!
//! What an agreed deadline does to the clock is the SLA engine's:
//! [`crate::sla::SlaClock::agreed_budget`] turns the deadline into working
//! seconds as the ticket stands when the client agrees, and
//! [`crate::sla::SlaClock::with_agreed_resolution`] counts to it. So a wait
//! for the client after the agreement still stops the clock, as every wait
//! does, and a later level change that gives more time wins.

use crate::text::{self, TextProblem};
use crate::ticket::{Permission, Role, Status};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The longest reason in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// How far ahead a deadline may be proposed: a year is beyond any
/// regulation's resolution target, and keeps the engine's search bounded.
pub const MAX_AHEAD_DAYS: i64 = 366;

/// Why the desk asks for more time: trimmed, not empty, plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionReason(String);

impl ExtensionReason {
    pub fn parse(raw: &str) -> Result<ExtensionReason, TextProblem> {
        text::required(raw, MAX_REASON_CHARS).map(ExtensionReason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionState {
    /// Waiting for the client's answer.
    Proposed,
    /// A client agreed: the new deadline counts.
    Agreed,
    /// A client declined: the old deadline stands.
    Declined,
    /// The desk took the proposal back before an answer.
    Withdrawn,
}

impl ExtensionState {
    pub const ALL: [ExtensionState; 4] = [
        ExtensionState::Proposed,
        ExtensionState::Agreed,
        ExtensionState::Declined,
        ExtensionState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ExtensionState::Proposed => "proposed",
            ExtensionState::Agreed => "agreed",
            ExtensionState::Declined => "declined",
            ExtensionState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<ExtensionState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a client's answer came from: recorded with the agreement, since
/// the agreement is what makes the later deadline legitimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerChannel {
    Web,
    Mail,
}

impl AnswerChannel {
    pub fn code(self) -> &'static str {
        match self {
            AnswerChannel::Web => "web",
            AnswerChannel::Mail => "mail",
        }
    }

    pub fn parse(code: &str) -> Option<AnswerChannel> {
        [AnswerChannel::Web, AnswerChannel::Mail].into_iter().find(|c| c.code() == code)
    }
}

/// Why an extension command is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    /// Consultants and leads propose and withdraw (SPEC §1).
    #[error("only consultants and leads propose a new deadline")]
    NotPermitted,
    /// Only the client agrees or declines: the desk cannot agree with itself.
    #[error("only the client agrees to a new deadline")]
    NotClient,
    /// The resolution clock stopped (released or closed): nothing to extend.
    #[error("the ticket is released or closed; its resolution deadline no longer runs")]
    NotRunning,
    /// The ticket's level has no resolution target.
    #[error("the ticket has no resolution deadline")]
    NoTarget,
    /// The resolution deadline has passed: a breach stays a breach, an
    /// extension is agreed before the deadline.
    #[error("the resolution deadline has passed; a breach cannot be agreed away")]
    Breached,
    /// The proposed deadline is not after the current one, or adds no
    /// working time to it (the same night or weekend).
    #[error("the new deadline must be later than the current one")]
    NotLater,
    /// The proposed deadline has passed (or passed before the answer).
    #[error("the new deadline has passed")]
    Passed,
    /// More than [`MAX_AHEAD_DAYS`] ahead.
    #[error("the new deadline is more than a year ahead")]
    TooFar,
    /// Another proposal of the ticket waits for its answer.
    #[error("another proposal waits for the client's answer")]
    Pending,
    /// Agreed, declined or withdrawn already.
    #[error("the proposal was answered or withdrawn already")]
    Closed,
}

impl ExtensionError {
    /// The stable refusal code of the API.
    pub fn code(self) -> &'static str {
        match self {
            ExtensionError::NotPermitted => "role_not_allowed",
            ExtensionError::NotClient => "client_must_agree",
            ExtensionError::NotRunning => "resolution_stopped",
            ExtensionError::NoTarget => "no_resolution_target",
            ExtensionError::Breached => "resolution_breached",
            ExtensionError::NotLater => "deadline_not_later",
            ExtensionError::Passed => "deadline_passed",
            ExtensionError::TooFar => "deadline_too_far",
            ExtensionError::Pending => "extension_pending",
            ExtensionError::Closed => "extension_closed",
        }
    }
}

/// Whether the resolution clock of a ticket in `status` still runs towards
/// a deadline (it stops at Release).
fn resolution_runs(status: Status) -> bool {
    matches!(status, Status::Backlog | Status::Sprint | Status::InProgress | Status::Done)
}

/// The deadline checks shared by proposing and agreeing: the current
/// resolution deadline (`None`: no target) must not have passed, and
/// `proposed` must be later than it, in the future, and within
/// [`MAX_AHEAD_DAYS`]. Whether it adds working time is the clock's to say
/// ([`adds_time`]), once the deadline is known to be bounded.
fn check_deadline(
    current: Option<DateTime<Utc>>,
    proposed: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ExtensionError> {
    let current = current.ok_or(ExtensionError::NoTarget)?;
    if current <= now {
        return Err(ExtensionError::Breached);
    }
    if proposed <= now {
        return Err(ExtensionError::Passed);
    }
    if proposed <= current {
        return Err(ExtensionError::NotLater);
    }
    if proposed > now + Duration::days(MAX_AHEAD_DAYS) {
        return Err(ExtensionError::TooFar);
    }
    Ok(())
}

/// Refuses a deadline worth no more working time (`worth`, the clock's
/// `agreed_budget`) than the budget now (`budget`): a proposal from Friday
/// 18:00 to Saturday 10:00 would move nothing.
pub fn adds_time(worth: i64, budget: i64) -> Result<(), ExtensionError> {
    if worth > budget {
        Ok(())
    } else {
        Err(ExtensionError::NotLater)
    }
}

/// Whether `role` may propose `proposed` as the resolution deadline of a
/// ticket in `status` whose deadline is `current`, at `now`, while
/// `pending` proposals wait for an answer.
pub fn check_propose(
    role: Role,
    status: Status,
    pending: bool,
    current: Option<DateTime<Utc>>,
    proposed: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ExtensionError> {
    check_may_propose(role, status, pending)?;
    check_deadline(current, proposed, now)
}

/// Whether `role` may propose a deadline at all on a ticket in `status`
/// while `pending` proposals wait: what the page offers the form on; the
/// deadline itself is checked when one is proposed.
pub fn check_may_propose(role: Role, status: Status, pending: bool) -> Result<(), ExtensionError> {
    if !role.can(Permission::ExtendDeadline) {
        return Err(ExtensionError::NotPermitted);
    }
    if !resolution_runs(status) {
        return Err(ExtensionError::NotRunning);
    }
    if pending {
        return Err(ExtensionError::Pending);
    }
    Ok(())
}

/// Whether `role` may answer a proposal in `state`: what the page offers
/// the agree and decline buttons on.
pub fn check_may_answer(role: Role, state: ExtensionState) -> Result<(), ExtensionError> {
    if !role.can(Permission::ApproveAction) {
        return Err(ExtensionError::NotClient);
    }
    if state != ExtensionState::Proposed {
        return Err(ExtensionError::Closed);
    }
    Ok(())
}

/// The state a proposal in `state` takes when `role` answers `agree`, on a
/// ticket in `status` whose deadline is now `current`, at `now`. Agreeing
/// checks the deadline again: it may have passed, or a level change may
/// have given more time meanwhile. Declining always stands.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    role: Role,
    state: ExtensionState,
    agree: bool,
    status: Status,
    current: Option<DateTime<Utc>>,
    proposed: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<ExtensionState, ExtensionError> {
    check_may_answer(role, state)?;
    if !agree {
        return Ok(ExtensionState::Declined);
    }
    if !resolution_runs(status) {
        return Err(ExtensionError::NotRunning);
    }
    check_deadline(current, proposed, now)?;
    Ok(ExtensionState::Agreed)
}

/// The state a proposal in `state` takes when `role` withdraws it.
pub fn withdraw(role: Role, state: ExtensionState) -> Result<ExtensionState, ExtensionError> {
    if !role.can(Permission::ExtendDeadline) {
        return Err(ExtensionError::NotPermitted);
    }
    if state != ExtensionState::Proposed {
        return Err(ExtensionError::Closed);
    }
    Ok(ExtensionState::Withdrawn)
}

/// Agreeing words of a mailed answer, in Russian, Ukrainian and English
/// (lower case, as a whole first line).
const AGREE: &[&str] = &[
    "согласен",
    "согласна",
    "согласны",
    "да",
    "да, согласен",
    "да, согласна",
    "да, согласны",
    "згоден",
    "згодна",
    "згодні",
    "так",
    "так, згоден",
    "так, згодна",
    "agree",
    "agreed",
    "i agree",
    "we agree",
    "yes",
    "yes, agreed",
    "yes, i agree",
];

/// Declining words of a mailed answer.
const DECLINE: &[&str] = &[
    "не согласен",
    "не согласна",
    "не согласны",
    "нет",
    "нет, не согласен",
    "нет, не согласна",
    "не згоден",
    "не згодна",
    "не згодні",
    "ні",
    "ні, не згоден",
    "ні, не згодна",
    "disagree",
    "i disagree",
    "i do not agree",
    "we do not agree",
    "no",
    "declined",
    "decline",
];

/// What a client's mailed answer to a proposal says: `Some(true)` when its
/// first line (quoted history already folded away) is one of the agreeing
/// words, `Some(false)` when it declines, `None` when it is anything else
/// (then it is an ordinary comment and agrees to nothing). Only the whole
/// first line counts, so "не согласен с оценкой, но…" or "Да, но позже"
/// are not read as an answer: an agreement changes the contract's
/// deadline and must be unambiguous.
pub fn answer_in_mail(text: &str) -> Option<bool> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    // The mail and the page quote the word («Согласен», “Agree”); a reply
    // that copies the quotes means the same.
    let quotes = ['«', '»', '“', '”', '"', '\'', '„'];
    let line = first.trim_matches(|c: char| quotes.contains(&c) || matches!(c, '.' | '!' | ')' | ' '));
    let line = line.trim().to_lowercase();
    let line = line.replace('ё', "е");
    if AGREE.contains(&line.as_str()) {
        Some(true)
    } else if DECLINE.contains(&line.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + h * 3600, 0).unwrap()
    }

    #[test]
    fn consultants_and_leads_propose_a_later_deadline_while_the_clock_runs() {
        let now = at(0);
        for role in [Role::Consultant, Role::Lead] {
            assert_eq!(check_propose(role, Status::InProgress, false, Some(at(5)), at(50), now), Ok(()));
        }
        for role in [Role::Client, Role::Operator, Role::Admin] {
            assert_eq!(
                check_propose(role, Status::InProgress, false, Some(at(5)), at(50), now),
                Err(ExtensionError::NotPermitted),
                "{role:?}"
            );
        }
        for status in [Status::Release, Status::Archive] {
            assert_eq!(
                check_propose(Role::Consultant, status, false, Some(at(5)), at(50), now),
                Err(ExtensionError::NotRunning)
            );
        }
        let propose =
            |current, proposed| check_propose(Role::Consultant, Status::Done, false, current, proposed, now);
        assert_eq!(propose(None, at(50)), Err(ExtensionError::NoTarget));
        assert_eq!(propose(Some(at(5)), at(5)), Err(ExtensionError::NotLater), "the same deadline");
        assert_eq!(propose(Some(at(-5)), at(-1)), Err(ExtensionError::Breached), "later, but past");
        assert_eq!(propose(Some(at(-5)), at(1)), Err(ExtensionError::Breached), "a breach stays a breach");
        assert_eq!(propose(Some(now), at(1)), Err(ExtensionError::Breached), "due this very second");
        assert_eq!(propose(Some(at(5)), at(-1)), Err(ExtensionError::Passed));
        assert_eq!(adds_time(3601, 3600), Ok(()));
        assert_eq!(adds_time(3600, 3600), Err(ExtensionError::NotLater), "the same weekend");
        assert_eq!(propose(Some(at(5)), now + Duration::days(MAX_AHEAD_DAYS)), Ok(()));
        assert_eq!(
            propose(Some(at(5)), now + Duration::days(MAX_AHEAD_DAYS) + Duration::seconds(1)),
            Err(ExtensionError::TooFar)
        );
        assert_eq!(
            check_propose(Role::Lead, Status::Backlog, true, Some(at(5)), at(50), now),
            Err(ExtensionError::Pending)
        );
    }

    #[test]
    fn only_a_client_answers_once_and_an_agreement_is_checked_again() {
        let now = at(10);
        let answer_as = |role, state, agree, current| {
            answer(role, state, agree, Status::InProgress, current, at(50), now)
        };
        assert_eq!(
            answer_as(Role::Client, ExtensionState::Proposed, true, Some(at(15))),
            Ok(ExtensionState::Agreed)
        );
        assert_eq!(
            answer_as(Role::Client, ExtensionState::Proposed, false, Some(at(15))),
            Ok(ExtensionState::Declined)
        );
        for role in [Role::Operator, Role::Consultant, Role::Lead, Role::Admin] {
            assert_eq!(
                answer_as(role, ExtensionState::Proposed, true, Some(at(15))),
                Err(ExtensionError::NotClient),
                "{role:?}"
            );
        }
        for state in [ExtensionState::Agreed, ExtensionState::Declined, ExtensionState::Withdrawn] {
            assert_eq!(answer_as(Role::Client, state, true, Some(at(15))), Err(ExtensionError::Closed));
        }
        // A level change gave more time than proposed meanwhile.
        assert_eq!(
            answer_as(Role::Client, ExtensionState::Proposed, true, Some(at(60))),
            Err(ExtensionError::NotLater)
        );
        // Declining what no longer fits still closes the proposal.
        assert_eq!(
            answer_as(Role::Client, ExtensionState::Proposed, false, Some(at(60))),
            Ok(ExtensionState::Declined)
        );
        assert_eq!(
            answer(
                Role::Client,
                ExtensionState::Proposed,
                true,
                Status::InProgress,
                Some(at(15)),
                at(9),
                now
            ),
            Err(ExtensionError::Passed)
        );
        // The old deadline passed while the proposal waited: too late.
        assert_eq!(
            answer(
                Role::Client,
                ExtensionState::Proposed,
                true,
                Status::InProgress,
                Some(at(9)),
                at(50),
                now
            ),
            Err(ExtensionError::Breached)
        );
        assert_eq!(
            answer(Role::Client, ExtensionState::Proposed, true, Status::Release, Some(at(15)), at(50), now),
            Err(ExtensionError::NotRunning)
        );
    }

    #[test]
    fn the_desk_withdraws_only_a_waiting_proposal() {
        assert_eq!(withdraw(Role::Consultant, ExtensionState::Proposed), Ok(ExtensionState::Withdrawn));
        assert_eq!(withdraw(Role::Client, ExtensionState::Proposed), Err(ExtensionError::NotPermitted));
        assert_eq!(withdraw(Role::Lead, ExtensionState::Agreed), Err(ExtensionError::Closed));
    }

    #[test]
    fn a_mailed_answer_counts_only_as_a_whole_first_line() {
        for yes in [
            "Согласен",
            "согласна.",
            "  Да!\n\nСпасибо",
            "Згоден",
            "Так",
            "I agree.",
            "YES",
            "Согласны)",
            "«Согласен»",
            "“Agree”.",
        ] {
            assert_eq!(answer_in_mail(yes), Some(true), "{yes}");
        }
        for no in ["Не согласен", "нет.", "Ні", "No", "I do not agree!", "Не согласна\nСрок слишком поздний"]
        {
            assert_eq!(answer_in_mail(no), Some(false), "{no}");
        }
        for neither in
            ["", "Да, но позже", "не согласен с оценкой, но пусть", "Спасибо", "yes please call me"]
        {
            assert_eq!(answer_in_mail(neither), None, "{neither}");
        }
        assert_eq!(answer_in_mail("Cогласен"), None, "a Latin C is not the word");
        assert_eq!(answer_in_mail("Согласен, всё ясно"), None);
    }

    #[test]
    fn reasons_and_codes() {
        assert_eq!(ExtensionReason::parse("  ждём поставщика ").unwrap().as_str(), "ждём поставщика");
        assert_eq!(ExtensionReason::parse(" "), Err(TextProblem::Required));
        assert_eq!(ExtensionReason::parse(&"я".repeat(MAX_REASON_CHARS + 1)), Err(TextProblem::TooLong));
        for s in ExtensionState::ALL {
            assert_eq!(ExtensionState::parse(s.code()), Some(s));
        }
        assert_eq!(AnswerChannel::parse("mail"), Some(AnswerChannel::Mail));
        assert_eq!(AnswerChannel::parse("fax"), None);
    }
}
