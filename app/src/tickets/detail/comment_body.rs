//! Who may comment, and a refused comment in the user's words. The body's
//! rule is the domain's (`domain::ticket::CommentBody`).

pub use crate::domain::ticket::{CommentBody, CommentBodyError, MAX_COMMENT_CHARS};
use crate::domain::ticket::{CommentKind, Role};
use crate::i18n::{count_label, Locale, Noun};

/// Whether `role` may post a comment: an internal note needs
/// `InternalNote`; a public one is an agent's reply or a client's answer.
pub fn may_comment(role: Role, internal: bool) -> bool {
    CommentKind::of(role, internal).is_some()
}

impl CommentBodyError {
    /// The message in the user's language.
    pub fn text(self, locale: Locale) -> String {
        match self {
            CommentBodyError::Empty => match locale {
                Locale::En => "Write a comment first.".into(),
                Locale::Ru => "Сначала напишите комментарий.".into(),
                Locale::Uk => "Спочатку напишіть коментар.".into(),
            },
            CommentBodyError::TooLong => {
                let limit = count_label(locale, MAX_COMMENT_CHARS as u64, Noun::Character);
                match locale {
                    Locale::En => format!("The comment is too long (max {limit})."),
                    Locale::Ru => format!("Комментарий слишком длинный (максимум {limit})."),
                    Locale::Uk => format!("Коментар задовгий (максимум {limit})."),
                }
            }
            CommentBodyError::Invalid => match locale {
                Locale::En => "The comment holds characters that cannot be stored.".into(),
                Locale::Ru => "В комментарии есть символы, которые нельзя сохранить.".into(),
                Locale::Uk => "У коментарі є символи, які не можна зберегти.".into(),
            },
        }
    }

    /// The API's 400 for this problem with the `body` field.
    pub fn to_app_error(self) -> crate::error::AppError {
        use crate::error::{AppError, FieldIssue};
        match self {
            CommentBodyError::Empty => AppError::invalid_field("body", "required"),
            CommentBodyError::TooLong => AppError::Invalid(vec![FieldIssue {
                limit: Some(MAX_COMMENT_CHARS as i64),
                ..FieldIssue::new("body", "too_long")
            }]),
            CommentBodyError::Invalid => AppError::invalid_field("body", "invalid"),
        }
    }

    /// The problem an `invalid` answer names for the `body` field, so the
    /// form can show it in the user's language.
    pub fn from_app_error(error: &crate::error::AppError) -> Option<CommentBodyError> {
        match error.field_issues().iter().find(|i| i.field == "body")?.code.as_str() {
            "required" => Some(CommentBodyError::Empty),
            "too_long" => Some(CommentBodyError::TooLong),
            "invalid" => Some(CommentBodyError::Invalid),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_answer_publicly_agents_also_note_admins_do_neither() {
        assert!(may_comment(Role::Client, false));
        assert!(!may_comment(Role::Client, true));
        for agent in [Role::Operator, Role::Consultant, Role::Lead] {
            assert!(may_comment(agent, false) && may_comment(agent, true), "{agent}");
        }
        assert!(!may_comment(Role::Admin, false) && !may_comment(Role::Admin, true));
    }

    #[test]
    fn bodies_are_trimmed_and_must_hold_text() {
        assert_eq!(CommentBody::parse("  hello \n").unwrap().as_str(), "hello");
        assert_eq!(CommentBody::parse(" \n\t "), Err(CommentBodyError::Empty));
        assert_eq!(CommentBody::parse(""), Err(CommentBodyError::Empty));
        assert_eq!(CommentBody::parse("null\u{0}byte"), Err(CommentBodyError::Invalid));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let cyrillic = "я".repeat(MAX_COMMENT_CHARS);
        assert!(CommentBody::parse(&cyrillic).is_ok(), "40 000 bytes but 20 000 characters");
        let long = format!("{cyrillic}я");
        assert_eq!(CommentBody::parse(&long), Err(CommentBodyError::TooLong));
        // Surrounding blanks do not count.
        assert!(CommentBody::parse(&format!("  {cyrillic}  ")).is_ok());
    }

    #[test]
    fn api_errors_map_back_to_errors_and_read_in_every_language() {
        use leptos::server_fn::error::FromServerFnError;
        for e in [CommentBodyError::Empty, CommentBodyError::TooLong, CommentBodyError::Invalid] {
            let wire = crate::error::AppError::de(e.to_app_error().ser());
            assert_eq!(CommentBodyError::from_app_error(&wire), Some(e));
            for locale in Locale::ALL {
                assert!(!e.text(locale).is_empty());
            }
        }
        assert!(CommentBodyError::TooLong.text(Locale::Ru).contains("символов"));
        assert_eq!(CommentBodyError::from_app_error(&crate::error::AppError::Internal), None);
    }
}
