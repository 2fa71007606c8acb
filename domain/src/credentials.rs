//! What a person types to sign in, validated once at the edge: the email is
//! compared in one normal form everywhere, and a new password must be long
//! enough to resist guessing (issue 5: at least 12 characters).

use std::fmt;
use thiserror::Error;

/// The fewest characters a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The most characters a password may have: hashing is deliberately slow,
/// and megabyte "passwords" would make it slower for everyone.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// The longest address SMTP allows (RFC 5321 path limit).
const MAX_EMAIL_CHARS: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CredentialError {
    #[error("\"{0}\" is not an email address")]
    NotAnEmail(String),
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("the password must have at most {MAX_PASSWORD_CHARS} characters")]
    PasswordTooLong,
}

/// An email address in normal form: trimmed and lower-case, so that
/// `Anna@Example.com` and `anna@example.com` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain` with no spaces; anything stricter rejects real
    /// addresses, and delivery is what proves an address exists.
    pub fn parse(raw: &str) -> Result<Email, CredentialError> {
        let normal = normal_email(raw);
        let valid = match normal.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !normal.chars().any(|c| c.is_whitespace() || c.is_control())
                    && normal.chars().count() <= MAX_EMAIL_CHARS
            }
            None => false,
        };
        if valid {
            Ok(Email(normal))
        } else {
            Err(CredentialError::NotAnEmail(raw.trim().to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The normal form of whatever was typed in the email field, valid or not:
/// sign-in looks it up (and throttles it) without telling the caller whether
/// it could ever be an account.
pub fn normal_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Whether an email (in normal form) and a password typed at sign-in could
/// be some account's: an address no account can have (too long, a NUL or
/// another control character) or a password longer than any allowed is
/// refused before the throttle's counters or a hash ever see it. The
/// counters are keyed by the email, and PostgreSQL can index neither a
/// 3,000-character key nor store a NUL; both databases must answer alike.
pub fn could_sign_in(email: &str, password: &str) -> bool {
    email.chars().count() <= MAX_EMAIL_CHARS
        && !email.chars().any(char::is_control)
        && password.chars().count() <= MAX_PASSWORD_CHARS
}

/// A new password that meets the length policy. Only ever hashed; its
/// `Debug` hides it so it cannot end up in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, CredentialError> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            Err(CredentialError::PasswordTooShort)
        } else if chars > MAX_PASSWORD_CHARS {
            Err(CredentialError::PasswordTooLong)
        } else {
            Ok(NewPassword(raw.to_string()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(Email::parse("  Anna@Example.COM ").unwrap().as_str(), "anna@example.com");
        assert_eq!(normal_email(" X@Y "), "x@y");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in ["", "anna", "@example.com", "anna@", "a b@example.com", "a@b@c", &"a".repeat(300)] {
            assert!(matches!(Email::parse(raw), Err(CredentialError::NotAnEmail(_))), "{raw:?}");
        }
        assert_eq!(Email::parse(" nope ").unwrap_err().to_string(), "\"nope\" is not an email address");
    }

    #[test]
    fn sign_in_refuses_what_no_account_can_have() {
        assert!(could_sign_in("anna@example.com", "whatever"));
        assert!(could_sign_in(&"a".repeat(MAX_EMAIL_CHARS), &"p".repeat(MAX_PASSWORD_CHARS)));
        assert!(!could_sign_in(&"a".repeat(3000), "whatever"));
        assert!(!could_sign_in("anna\u{0}@example.com", "whatever"));
        assert!(!could_sign_in("anna@example.com", &"p".repeat(MAX_PASSWORD_CHARS + 1)));
        assert!(matches!(Email::parse("a\u{0}@example.com"), Err(CredentialError::NotAnEmail(_))));
    }

    #[test]
    fn passwords_need_twelve_characters_counted_as_characters() {
        assert_eq!(NewPassword::parse("eleven-char").unwrap_err(), CredentialError::PasswordTooShort);
        assert!(NewPassword::parse("twelve-chars").is_ok());
        // Twelve Cyrillic letters are 24 bytes but twelve characters.
        assert!(NewPassword::parse("пароль-длинн").is_ok());
        assert_eq!(
            NewPassword::parse("ёж").unwrap_err().to_string(),
            "the password must have at least 12 characters"
        );
        assert_eq!(NewPassword::parse(&"x".repeat(1025)).unwrap_err(), CredentialError::PasswordTooLong);
    }

    #[test]
    fn a_new_password_never_prints_itself() {
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "NewPassword(…)");
        assert_eq!(p.expose(), "correct horse battery");
    }
}
