//! A new ticket, validated once at the edge. The create form runs the same
//! checks in the browser (this module compiles to WASM) that the server runs
//! again, so both report the same problems with the same codes; the UI turns
//! a code into words in the reader's language.

use super::Channel;
use crate::text::{self, TextProblem};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest title, in characters (after trimming).
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
/// The longest steps to reproduce, in characters.
pub const MAX_STEPS_CHARS: usize = 20_000;
/// The longest product version, in characters.
pub const MAX_PRODUCT_VERSION_CHARS: usize = 100;
/// How far into the future a contact time may lie: the operator's and the
/// server's clocks disagree a little, and "just now" must not be refused.
pub const CLOCK_SKEW_SECS: i64 = 60;

/// A field of the create form, as named in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketField {
    Title,
    Description,
    StepsToReproduce,
    ProductVersion,
    Organisation,
    Requester,
    Channel,
    ReceivedAt,
}

impl TicketField {
    /// The most characters the field takes, for text fields.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            TicketField::Title => Some(MAX_TITLE_CHARS),
            TicketField::Description => Some(MAX_DESCRIPTION_CHARS),
            TicketField::StepsToReproduce => Some(MAX_STEPS_CHARS),
            TicketField::ProductVersion => Some(MAX_PRODUCT_VERSION_CHARS),
            _ => None,
        }
    }
}

/// What is wrong with a field. Codes, not sentences: the reader's language
/// is the UI's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    /// Empty, or missing where the caller's role must give it.
    Required,
    /// More characters than [`TicketField::max_chars`].
    TooLong,
    /// Not a value of the field's kind (an unparsable instant), or a text
    /// with a NUL or another control character (`domain::text`).
    Invalid,
    /// No such organisation, or the requester is not an active client of it.
    Unknown,
    /// A contact time later than now (beyond [`CLOCK_SKEW_SECS`]).
    InFuture,
    /// A contact time before the organisation's contract began.
    BeforeContract,
}

/// One problem with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldError {
    pub field: TicketField,
    pub code: FieldProblem,
}

impl FieldError {
    pub fn new(field: TicketField, code: FieldProblem) -> FieldError {
        FieldError { field, code }
    }
}

/// Every problem found at once, so the form can mark all fields together.
/// Its JSON, `{"errors": [{"field": "title", "code": "required"}]}`, is the
/// message of the API's 400 answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: Vec<FieldError>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn push(&mut self, field: TicketField, code: FieldProblem) {
        self.errors.push(FieldError::new(field, code));
    }

    /// The first problem with `field`, if any.
    pub fn of(&self, field: TicketField) -> Option<FieldProblem> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.code)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the JSON written by [`FieldErrors::to_json`]; `None` for any
    /// other message.
    pub fn from_json(message: &str) -> Option<FieldErrors> {
        serde_json::from_str::<FieldErrors>(message).ok().filter(|e| !e.is_empty())
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

/// A ticket's title: trimmed, not empty, at most [`MAX_TITLE_CHARS`], plain
/// text (`domain::text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketTitle(String);

impl TicketTitle {
    pub fn parse(raw: &str) -> Result<TicketTitle, FieldProblem> {
        text::required(raw, MAX_TITLE_CHARS).map(TicketTitle).map_err(FieldProblem::from)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Optional free text of bounded length. Surrounding blank lines and
/// spaces go; the inside (indentation of a stack trace) stays as typed.
fn bounded_text(raw: &str, max: usize) -> Result<String, FieldProblem> {
    text::bounded(raw, max).map_err(FieldProblem::from)
}

impl From<TextProblem> for FieldProblem {
    fn from(problem: TextProblem) -> FieldProblem {
        match problem {
            TextProblem::Required => FieldProblem::Required,
            TextProblem::TooLong => FieldProblem::TooLong,
            TextProblem::Invalid => FieldProblem::Invalid,
        }
    }
}

/// What anyone creating a ticket types.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TicketDraft {
    pub title: String,
    pub description: String,
    pub steps_to_reproduce: String,
    pub product_version: String,
}

/// The draft's texts once valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketTexts {
    pub title: TicketTitle,
    pub description: String,
    pub steps_to_reproduce: String,
    pub product_version: String,
}

impl TicketDraft {
    /// Checks every text field and reports all problems, not just the first.
    pub fn validate(&self) -> Result<TicketTexts, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = TicketTitle::parse(&self.title);
        let description = bounded_text(&self.description, MAX_DESCRIPTION_CHARS);
        let steps = bounded_text(&self.steps_to_reproduce, MAX_STEPS_CHARS);
        let version = bounded_text(&self.product_version, MAX_PRODUCT_VERSION_CHARS);
        for (field, result) in [
            (TicketField::Title, title.as_ref().err()),
            (TicketField::Description, description.as_ref().err()),
            (TicketField::StepsToReproduce, steps.as_ref().err()),
            (TicketField::ProductVersion, version.as_ref().err()),
        ] {
            if let Some(code) = result {
                errors.push(field, *code);
            }
        }
        match (title, description, steps, version) {
            (Ok(title), Ok(description), Ok(steps_to_reproduce), Ok(product_version)) => {
                Ok(TicketTexts { title, description, steps_to_reproduce, product_version })
            }
            _ => Err(errors),
        }
    }
}

/// Parses the contact time as sent by the form or an API caller: RFC 3339
/// with any offset.
pub fn parse_contact_time(raw: &str) -> Result<DateTime<Utc>, FieldProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldProblem::Required);
    }
    DateTime::parse_from_rfc3339(raw).map(|t| t.with_timezone(&Utc)).map_err(|_| FieldProblem::Invalid)
}

/// When the client really contacted us, for a ticket registered on their
/// behalf: not in the future (give or take [`CLOCK_SKEW_SECS`]) and not
/// before `contact_from`, when the organisation's support began (its first
/// contract, or the organisation itself when it has none).
pub fn check_contact_time(
    received_at: DateTime<Utc>,
    now: DateTime<Utc>,
    contact_from: DateTime<Utc>,
) -> Result<(), FieldProblem> {
    if received_at > now + Duration::seconds(CLOCK_SKEW_SECS) {
        Err(FieldProblem::InFuture)
    } else if received_at < contact_from {
        Err(FieldProblem::BeforeContract)
    } else {
        Ok(())
    }
}

/// Who a ticket registered on a client's behalf is from, checked: the
/// organisation, the requester, the channel and when the client contacted
/// us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnBehalf {
    pub organisation_id: i64,
    pub requester_id: i64,
    pub channel: Channel,
    pub received_at: DateTime<Utc>,
}

/// What an operator chose for a registration on a client's behalf, with
/// the contact time already read (the form reads a wall-clock time in the
/// browser's zone, the API an RFC 3339 instant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnBehalfChoice {
    pub organisation: Option<i64>,
    pub requester: Option<i64>,
    pub channel: Option<Channel>,
    pub received_at: Result<DateTime<Utc>, FieldProblem>,
}

/// What the caller found for the chosen ids: the organisation's start of
/// support when it is one we know (`None`: unknown), and whether the
/// requester is an active client of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnBehalfFound {
    pub contact_from: Option<DateTime<Utc>>,
    pub requester_belongs: bool,
}

/// The rule of a registration on a client's behalf, for the form and the
/// server alike: every choice is required, the organisation and requester
/// must be known (a requester of another organisation is unknown here),
/// and the contact time passes [`check_contact_time`]. Every problem is
/// pushed to `errors`; the checked origin comes back when there is none.
pub fn check_on_behalf(
    choice: OnBehalfChoice,
    found: OnBehalfFound,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Option<OnBehalf> {
    let before = errors.errors.len();
    let organisation = match (choice.organisation, found.contact_from) {
        (None, _) => {
            errors.push(TicketField::Organisation, FieldProblem::Required);
            None
        }
        (Some(_), None) => {
            errors.push(TicketField::Organisation, FieldProblem::Unknown);
            None
        }
        (Some(id), Some(from)) => Some((id, from)),
    };
    match (choice.requester, organisation) {
        (None, _) => errors.push(TicketField::Requester, FieldProblem::Required),
        (Some(_), Some(_)) if !found.requester_belongs => {
            errors.push(TicketField::Requester, FieldProblem::Unknown)
        }
        // Whose client it is cannot be checked without the organisation,
        // which already carries the error.
        _ => {}
    }
    if choice.channel.is_none() {
        errors.push(TicketField::Channel, FieldProblem::Required);
    }
    let from = organisation.map(|(_, from)| from).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let received_at = choice.received_at.and_then(|t| check_contact_time(t, now, from).map(|()| t));
    if let Err(code) = received_at {
        errors.push(TicketField::ReceivedAt, code);
    }
    match (organisation, choice.requester, choice.channel, received_at) {
        (Some((organisation_id, _)), Some(requester_id), Some(channel), Ok(received_at))
            if errors.errors.len() == before =>
        {
            Some(OnBehalf { organisation_id, requester_id, channel, received_at })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn draft(title: &str) -> TicketDraft {
        TicketDraft { title: title.into(), ..TicketDraft::default() }
    }

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, h, m, s).unwrap()
    }

    #[test]
    fn title_is_trimmed_and_required() {
        assert_eq!(TicketTitle::parse("  Кассы не печатают  ").unwrap().as_str(), "Кассы не печатают");
        assert_eq!(TicketTitle::parse(""), Err(FieldProblem::Required));
        assert_eq!(TicketTitle::parse(" \n\t "), Err(FieldProblem::Required));
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        let cyrillic = "ж".repeat(MAX_TITLE_CHARS);
        assert!(TicketTitle::parse(&cyrillic).is_ok(), "400 bytes, 200 characters");
        assert_eq!(TicketTitle::parse(&"ж".repeat(MAX_TITLE_CHARS + 1)), Err(FieldProblem::TooLong));
        // Spaces around do not count towards the limit.
        assert!(TicketTitle::parse(&format!("  {cyrillic}  ")).is_ok());
    }

    #[test]
    fn a_draft_reports_every_problem_at_once() {
        let d = TicketDraft {
            title: " ".into(),
            description: "x".repeat(MAX_DESCRIPTION_CHARS + 1),
            steps_to_reproduce: "x".repeat(MAX_STEPS_CHARS + 1),
            product_version: "v".repeat(MAX_PRODUCT_VERSION_CHARS + 1),
        };
        let errors = d.validate().unwrap_err();
        assert_eq!(
            errors.errors,
            vec![
                FieldError::new(TicketField::Title, FieldProblem::Required),
                FieldError::new(TicketField::Description, FieldProblem::TooLong),
                FieldError::new(TicketField::StepsToReproduce, FieldProblem::TooLong),
                FieldError::new(TicketField::ProductVersion, FieldProblem::TooLong),
            ]
        );
        assert_eq!(errors.of(TicketField::Description), Some(FieldProblem::TooLong));
        assert_eq!(errors.of(TicketField::Requester), None);
    }

    #[test]
    fn a_valid_draft_keeps_inner_formatting() {
        let d = TicketDraft {
            title: " Ошибка ".into(),
            description: "\n  line 1\n    indented\n".into(),
            steps_to_reproduce: String::new(),
            product_version: " 5.2.1 ".into(),
        };
        let texts = d.validate().unwrap();
        assert_eq!(texts.title.as_str(), "Ошибка");
        assert_eq!(texts.description, "line 1\n    indented");
        assert_eq!(texts.steps_to_reproduce, "");
        assert_eq!(texts.product_version, "5.2.1");
        assert!(draft("x").validate().is_ok(), "only the title is required");
    }

    #[test]
    fn nul_characters_are_refused_in_every_text() {
        let d = TicketDraft {
            title: "a\u{0}".into(),
            description: "b\u{0}".into(),
            steps_to_reproduce: "c\u{0}".into(),
            product_version: "\u{0}".into(),
        };
        let errors = d.validate().unwrap_err();
        assert!(errors.errors.iter().all(|e| e.code == FieldProblem::Invalid), "{errors:?}");
        assert_eq!(errors.errors.len(), 4);
    }

    #[test]
    fn limits_are_inclusive() {
        let d = TicketDraft {
            title: "t".repeat(MAX_TITLE_CHARS),
            description: "d".repeat(MAX_DESCRIPTION_CHARS),
            steps_to_reproduce: "s".repeat(MAX_STEPS_CHARS),
            product_version: "v".repeat(MAX_PRODUCT_VERSION_CHARS),
        };
        assert!(d.validate().is_ok());
    }

    #[test]
    fn contact_time_may_not_be_in_the_future_beyond_the_skew() {
        let now = at(12, 0, 0);
        let from = at(0, 0, 0);
        assert_eq!(check_contact_time(now, now, from), Ok(()));
        assert_eq!(check_contact_time(at(12, 1, 0), now, from), Ok(()), "60 s of clock skew");
        assert_eq!(check_contact_time(at(12, 1, 1), now, from), Err(FieldProblem::InFuture));
    }

    #[test]
    fn contact_time_may_not_precede_the_contract() {
        let now = at(12, 0, 0);
        let from = at(9, 0, 0);
        assert_eq!(check_contact_time(at(9, 0, 0), now, from), Ok(()), "the first instant counts");
        assert_eq!(check_contact_time(at(8, 59, 59), now, from), Err(FieldProblem::BeforeContract));
    }

    #[test]
    fn contact_time_parses_rfc3339_with_any_offset() {
        assert_eq!(parse_contact_time("2026-11-20T15:00:00+03:00"), Ok(at(12, 0, 0)));
        assert_eq!(parse_contact_time("2026-11-20T12:00:00Z"), Ok(at(12, 0, 0)));
        assert_eq!(parse_contact_time(""), Err(FieldProblem::Required));
        assert_eq!(parse_contact_time("2026-11-20T12:00"), Err(FieldProblem::Invalid), "no offset");
        assert_eq!(parse_contact_time("yesterday"), Err(FieldProblem::Invalid));
    }

    #[test]
    fn errors_travel_as_json_codes() {
        let mut errors = FieldErrors::default();
        errors.push(TicketField::Title, FieldProblem::Required);
        errors.push(TicketField::ReceivedAt, FieldProblem::BeforeContract);
        let json = errors.to_json();
        assert_eq!(
            json,
            r#"{"errors":[{"field":"title","code":"required"},{"field":"received_at","code":"before_contract"}]}"#
        );
        assert_eq!(FieldErrors::from_json(&json), Some(errors));
        assert_eq!(FieldErrors::from_json("You are not allowed to do this."), None);
        assert_eq!(FieldErrors::from_json(r#"{"errors":[]}"#), None);
    }

    fn choice(received_at: Result<DateTime<Utc>, FieldProblem>) -> OnBehalfChoice {
        OnBehalfChoice {
            organisation: Some(7),
            requester: Some(42),
            channel: Some(Channel::Phone),
            received_at,
        }
    }

    fn codes(errors: &FieldErrors) -> Vec<(TicketField, FieldProblem)> {
        errors.errors.iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_complete_choice_on_a_clients_behalf_is_the_tickets_origin() {
        let found = OnBehalfFound { contact_from: Some(at(8, 0, 0)), requester_belongs: true };
        let mut errors = FieldErrors::default();
        let origin = check_on_behalf(choice(Ok(at(9, 0, 0))), found, at(10, 0, 0), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            origin,
            Some(OnBehalf {
                organisation_id: 7,
                requester_id: 42,
                channel: Channel::Phone,
                received_at: at(9, 0, 0)
            })
        );
    }

    #[test]
    fn every_missing_choice_is_named_at_once() {
        let none = OnBehalfChoice {
            organisation: None,
            requester: None,
            channel: None,
            received_at: Err(FieldProblem::Required),
        };
        let found = OnBehalfFound { contact_from: None, requester_belongs: false };
        let mut errors = FieldErrors::default();
        assert_eq!(check_on_behalf(none, found, at(10, 0, 0), &mut errors), None);
        assert_eq!(
            codes(&errors),
            vec![
                (TicketField::Organisation, FieldProblem::Required),
                (TicketField::Requester, FieldProblem::Required),
                (TicketField::Channel, FieldProblem::Required),
                (TicketField::ReceivedAt, FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn unknown_organisations_and_other_organisations_requesters_are_refused() {
        let mut errors = FieldErrors::default();
        let unknown = OnBehalfFound { contact_from: None, requester_belongs: false };
        assert_eq!(check_on_behalf(choice(Ok(at(9, 0, 0))), unknown, at(10, 0, 0), &mut errors), None);
        // The requester cannot be judged without the organisation.
        assert_eq!(codes(&errors), vec![(TicketField::Organisation, FieldProblem::Unknown)]);

        let mut errors = FieldErrors::default();
        let stranger = OnBehalfFound { contact_from: Some(at(8, 0, 0)), requester_belongs: false };
        assert_eq!(check_on_behalf(choice(Ok(at(9, 0, 0))), stranger, at(10, 0, 0), &mut errors), None);
        assert_eq!(codes(&errors), vec![(TicketField::Requester, FieldProblem::Unknown)]);
    }

    #[test]
    fn the_contact_time_is_checked_against_now_and_the_start_of_support() {
        let found = OnBehalfFound { contact_from: Some(at(8, 0, 0)), requester_belongs: true };
        for (received, problem) in [
            (at(7, 59, 59), FieldProblem::BeforeContract),
            (at(10, 0, 0) + Duration::seconds(CLOCK_SKEW_SECS + 1), FieldProblem::InFuture),
        ] {
            let mut errors = FieldErrors::default();
            assert_eq!(check_on_behalf(choice(Ok(received)), found, at(10, 0, 0), &mut errors), None);
            assert_eq!(codes(&errors), vec![(TicketField::ReceivedAt, problem)]);
        }
        let mut errors = FieldErrors::default();
        assert_eq!(
            check_on_behalf(choice(Err(FieldProblem::Invalid)), found, at(10, 0, 0), &mut errors),
            None
        );
        assert_eq!(codes(&errors), vec![(TicketField::ReceivedAt, FieldProblem::Invalid)]);
    }

    #[test]
    fn problems_found_before_do_not_block_a_sound_origin_but_are_kept() {
        let found = OnBehalfFound { contact_from: Some(at(8, 0, 0)), requester_belongs: true };
        let mut errors = FieldErrors::default();
        errors.push(TicketField::Title, FieldProblem::Required);
        assert!(check_on_behalf(choice(Ok(at(9, 0, 0))), found, at(10, 0, 0), &mut errors).is_some());
        assert_eq!(codes(&errors), vec![(TicketField::Title, FieldProblem::Required)]);
    }
}
