//! An account as the admin creates or changes it (SPEC §1): email, name,
//! role, and an organisation for clients only. New accounts get a password
//! of at least 12 characters; the admin can set a new one later.

use super::form::{required_text, FormErrors, Problem};
use crate::credentials::{CredentialError, Email, NewPassword, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::ticket::Role;

pub const MAX_USER_NAME_CHARS: usize = 100;

/// What the form sends. `password` is for new accounts (and for a reset);
/// an update of an existing account leaves it empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDraft {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub password: Option<String>,
}

/// An account that passed every check. The password is not hashed yet:
/// that is the server's slow step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAccount {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub password: Option<NewPassword>,
}

/// A new password on its own (the admin's reset).
pub fn new_password(errors: &mut FormErrors, raw: &str) -> Option<NewPassword> {
    match NewPassword::parse(raw) {
        Ok(p) => Some(p),
        Err(CredentialError::PasswordTooLong) => {
            errors.push_limit("password", Problem::TooLong, MAX_PASSWORD_CHARS);
            None
        }
        Err(_) if raw.is_empty() => {
            errors.push("password", Problem::Required);
            None
        }
        Err(_) => {
            errors.push_limit("password", Problem::TooShort, MIN_PASSWORD_CHARS);
            None
        }
    }
}

impl AccountDraft {
    /// `organisation_known`: the chosen organisation exists.
    pub fn validate(&self, organisation_known: bool) -> Result<ValidAccount, FormErrors> {
        let mut errors = FormErrors::default();
        let email = match Email::parse(&self.email) {
            Ok(e) => Some(e),
            Err(_) if self.email.trim().is_empty() => {
                errors.push("email", Problem::Required);
                None
            }
            Err(_) => {
                errors.push("email", Problem::Invalid);
                None
            }
        };
        let name = required_text(&mut errors, "name", &self.name, MAX_USER_NAME_CHARS);
        match (self.role, self.organisation_id) {
            (Role::Client, None) => errors.push("organisation_id", Problem::Required),
            (Role::Client, Some(_)) if !organisation_known => {
                errors.push("organisation_id", Problem::Unknown)
            }
            (Role::Client, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.push("organisation_id", Problem::OrganisationMismatch),
        }
        let password = self.password.as_deref().and_then(|raw| new_password(&mut errors, raw));
        match (email, name) {
            (Some(email), Some(name)) if errors.is_empty() => Ok(ValidAccount {
                email,
                name,
                role: self.role,
                organisation_id: self.organisation_id,
                password,
            }),
            _ => Err(errors),
        }
    }
}

/// Whether an admin's change of an account would lock them out: an admin
/// may not take away their own admin role nor disable themselves (another
/// admin can). `None`: allowed.
pub fn own_account_change(
    actor_id: i64,
    target_id: i64,
    new_role: Option<Role>,
    disable: bool,
) -> Option<Problem> {
    if actor_id != target_id {
        return None;
    }
    let demotes = new_role.is_some_and(|r| r != Role::Admin);
    (demotes || disable).then_some(Problem::OwnAccount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> AccountDraft {
        AccountDraft {
            email: " Olga.Petrova@Example.RU ".into(),
            name: " Ольга Петрова ".into(),
            role: Role::Client,
            organisation_id: Some(3),
            password: Some("correct horse battery".into()),
        }
    }

    fn problems(e: &FormErrors) -> Vec<(&str, Problem)> {
        e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect()
    }

    #[test]
    fn a_valid_client_is_normalised() {
        let a = draft().validate(true).unwrap();
        assert_eq!(a.email.as_str(), "olga.petrova@example.ru");
        assert_eq!(a.name, "Ольга Петрова");
        assert!(a.password.is_some());
    }

    #[test]
    fn clients_need_an_organisation_and_agents_have_none() {
        let no_org = AccountDraft { organisation_id: None, ..draft() };
        assert_eq!(problems(&no_org.validate(true).unwrap_err()), [("organisation_id", Problem::Required)]);
        assert_eq!(problems(&draft().validate(false).unwrap_err()), [("organisation_id", Problem::Unknown)]);
        let agent = AccountDraft { role: Role::Consultant, ..draft() };
        assert_eq!(
            problems(&agent.validate(true).unwrap_err()),
            [("organisation_id", Problem::OrganisationMismatch)]
        );
        assert!(AccountDraft { role: Role::Lead, organisation_id: None, ..draft() }.validate(false).is_ok());
    }

    #[test]
    fn bad_email_name_and_password_are_all_reported() {
        let bad = AccountDraft {
            email: "not an email".into(),
            name: "".into(),
            password: Some("short".into()),
            ..draft()
        };
        let e = bad.validate(true).unwrap_err();
        assert_eq!(
            problems(&e),
            [("email", Problem::Invalid), ("name", Problem::Required), ("password", Problem::TooShort)]
        );
        assert_eq!(e.of("password").unwrap().limit, Some(12));
        let empty = AccountDraft { email: " ".into(), password: Some(String::new()), ..draft() };
        assert_eq!(
            problems(&empty.validate(true).unwrap_err()),
            [("email", Problem::Required), ("password", Problem::Required)]
        );
    }

    #[test]
    fn an_update_without_password_is_valid() {
        let a = AccountDraft { password: None, ..draft() }.validate(true).unwrap();
        assert!(a.password.is_none());
    }

    #[test]
    fn admins_cannot_lock_themselves_out() {
        assert_eq!(own_account_change(1, 1, Some(Role::Lead), false), Some(Problem::OwnAccount));
        assert_eq!(own_account_change(1, 1, None, true), Some(Problem::OwnAccount));
        assert_eq!(own_account_change(1, 1, Some(Role::Admin), false), None);
        assert_eq!(own_account_change(1, 2, Some(Role::Client), true), None);
    }
}
