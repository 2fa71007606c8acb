//! Field errors of the admin forms: which field, what is wrong with it, and
//! the one number or word the message needs. The JSON form is the body of
//! a 400 answer; the browser reads it back and words it in the user's
//! language.

use crate::text::TextProblem;
use serde::{Deserialize, Serialize};

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// Empty, or not chosen.
    Required,
    /// More than `limit` characters.
    TooLong,
    /// Fewer than `limit` characters.
    TooShort,
    /// Not a value of the field's kind (`detail` says why where it can).
    Invalid,
    /// Another record already has this value.
    Taken,
    /// Refers to something that does not exist (or may not be used here).
    Unknown,
    /// An end that is not after the start.
    NotAfterStart,
    /// A validity period that overlaps another contract's (`detail`: its dates).
    Overlaps,
    /// The chosen policy sets no targets for this level.
    LevelNotInPolicy,
    /// A client needs an organisation; an agent must have none.
    OrganisationMismatch,
    /// A number outside `1..=limit`.
    OutOfRange,
    /// A `{placeholder}` the templates do not know (`detail`: its name).
    UnknownPlaceholder,
    /// An admin may not take their own admin rights or disable themselves.
    OwnAccount,
    /// A mail service anyone can open an address at, as an organisation's
    /// mail domain.
    PublicMailDomain,
}

impl Problem {
    pub const ALL: [Problem; 14] = [
        Problem::Required,
        Problem::TooLong,
        Problem::TooShort,
        Problem::Invalid,
        Problem::Taken,
        Problem::Unknown,
        Problem::NotAfterStart,
        Problem::Overlaps,
        Problem::LevelNotInPolicy,
        Problem::OrganisationMismatch,
        Problem::OutOfRange,
        Problem::UnknownPlaceholder,
        Problem::OwnAccount,
        Problem::PublicMailDomain,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong => "too_long",
            Problem::TooShort => "too_short",
            Problem::Invalid => "invalid",
            Problem::Taken => "taken",
            Problem::Unknown => "unknown",
            Problem::NotAfterStart => "not_after_start",
            Problem::Overlaps => "overlaps",
            Problem::LevelNotInPolicy => "level_not_in_policy",
            Problem::OrganisationMismatch => "organisation_mismatch",
            Problem::OutOfRange => "out_of_range",
            Problem::UnknownPlaceholder => "unknown_placeholder",
            Problem::OwnAccount => "own_account",
            Problem::PublicMailDomain => "public_mail_domain",
        }
    }
}

/// One problem with one field. `field` is the form field's name, the same
/// string as the JSON argument it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Every problem of one submitted form, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub errors: Vec<FieldError>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn push(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError { field: field.to_string(), problem, limit: None, detail: None });
    }

    pub fn push_limit(&mut self, field: &str, problem: Problem, limit: usize) {
        self.errors.push(FieldError {
            field: field.to_string(),
            problem,
            limit: Some(limit as i64),
            detail: None,
        });
    }

    pub fn push_detail(&mut self, field: &str, problem: Problem, detail: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            problem,
            limit: None,
            detail: Some(detail.into()),
        });
    }

    /// The first problem with `field`, if any.
    pub fn of(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when nothing was wrong.
    pub fn or_ok<T>(self, value: impl FnOnce() -> T) -> Result<T, FormErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the JSON of [`FormErrors::to_json`]; `None` for any other text
    /// (a refusal or a server fault), which the form shows as it is.
    pub fn from_json(message: &str) -> Option<FormErrors> {
        serde_json::from_str::<FormErrors>(message).ok().filter(|e| !e.is_empty())
    }
}

/// A trimmed text that must be given and fit in `max` characters; control
/// characters other than line breaks make it invalid (`domain::text`).
pub fn required_text(errors: &mut FormErrors, field: &str, raw: &str, max: usize) -> Option<String> {
    optional_text(errors, field, raw, max).filter(|text| {
        if text.is_empty() {
            errors.push(field, Problem::Required);
        }
        !text.is_empty()
    })
}

/// A trimmed text that may be empty and must fit in `max` characters, with
/// the same characters as [`required_text`].
pub fn optional_text(errors: &mut FormErrors, field: &str, raw: &str, max: usize) -> Option<String> {
    match crate::text::bounded(raw, max) {
        Ok(text) => Some(text),
        Err(TextProblem::TooLong) => {
            errors.push_limit(field, Problem::TooLong, max);
            None
        }
        Err(TextProblem::Invalid | TextProblem::Required) => {
            errors.push(field, Problem::Invalid);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_survive_the_json_round_trip() {
        let mut e = FormErrors::default();
        e.push("name", Problem::Required);
        e.push_limit("title", Problem::TooLong, 200);
        e.push_detail("body_en", Problem::UnknownPlaceholder, "clinet");
        let back = FormErrors::from_json(&e.to_json()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.of("title").unwrap().limit, Some(200));
        assert_eq!(back.of("missing"), None);
    }

    #[test]
    fn other_messages_are_not_form_errors() {
        assert_eq!(FormErrors::from_json("You are not allowed to do this."), None);
        assert_eq!(FormErrors::from_json("{\"errors\":[]}"), None);
    }

    #[test]
    fn required_text_trims_and_limits() {
        let mut e = FormErrors::default();
        assert_eq!(required_text(&mut e, "a", "  Acme  ", 10).as_deref(), Some("Acme"));
        assert_eq!(required_text(&mut e, "b", "   ", 10), None);
        assert_eq!(required_text(&mut e, "c", "ООО «Ромашка»", 5), None);
        assert_eq!(required_text(&mut e, "d", "bell\u{7}", 10), None);
        assert_eq!(optional_text(&mut e, "e", "nul\u{0}", 10), None);
        assert_eq!(optional_text(&mut e, "f", "  ", 10).as_deref(), Some(""));
        let problems: Vec<_> = e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect();
        assert_eq!(
            problems,
            [
                ("b", Problem::Required),
                ("c", Problem::TooLong),
                ("d", Problem::Invalid),
                ("e", Problem::Invalid)
            ]
        );
    }
}
