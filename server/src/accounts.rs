//! Accounts from the command line: the `user` subcommands and the first
//! administrator created at start.

use crate::config::{Config, PasswordSource, UserCommand};
use app::auth::{password, CredentialError, Email, NewPassword};
use app::domain::admin::account::{AccountDraft, MAX_USER_NAME_CHARS};
use app::domain::admin::form::Problem;
use app::domain::ticket::Role;
use app::store::{users, Store, StoreError};
use std::io::{BufRead, IsTerminal};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AccountError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error("the name must not be empty")]
    EmptyName,
    #[error("the name must have at most {0} characters")]
    NameTooLong(usize),
    #[error("a client belongs to an organisation: give its name with --organisation")]
    ClientWithoutOrganisation,
    #[error("only clients belong to an organisation: leave out --organisation for a {0}")]
    AgentWithOrganisation(Role),
    #[error("there is no organisation named \"{0}\"")]
    NoSuchOrganisation(String),
    #[error("an account with the email {0} exists already")]
    EmailTaken(Email),
    #[error("there is no account with the email {0}")]
    NoSuchAccount(Email),
    #[error("set both SLABOARD_ADMIN_EMAIL and SLABOARD_ADMIN_PASSWORD (or neither)")]
    AdminHalfConfigured,
    #[error("the password could not be hashed: {0}")]
    Hashing(#[from] tokio::task::JoinError),
    #[error("the password could not be read: {0}")]
    Prompt(std::io::Error),
    #[error("the two passwords differ")]
    Mismatch,
}

/// A new account as typed on the command line.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub organisation: Option<&'a str>,
    pub password: &'a str,
}

/// Validates and creates an account; answers its id. The rules are the
/// admin form's (`AccountDraft::validate`); only the wording is the
/// command line's, naming its flags.
pub async fn add(store: &Store, account: NewAccount<'_>) -> Result<i64, AccountError> {
    let organisation = account.organisation.map(str::trim);
    let found = match organisation {
        Some(name) => Some(users::organisation_id(store, name).await?),
        None => None,
    };
    let draft = AccountDraft {
        email: account.email.to_string(),
        name: account.name.to_string(),
        role: account.role,
        // An unknown name still names an organisation: the form's check
        // then says "unknown" for a client, "none allowed" for an agent.
        organisation_id: found.map(|id| id.unwrap_or(0)),
        password: Some(account.password.to_string()),
    };
    let known = found.is_none_or(|id| id.is_some());
    let valid = draft.validate(known).map_err(|errors| {
        let Some(first) = errors.errors.first() else { return AccountError::EmptyName };
        match (first.field.as_str(), first.problem) {
            ("email", _) => {
                AccountError::Credential(CredentialError::NotAnEmail(account.email.trim().to_string()))
            }
            ("name", Problem::TooLong) => AccountError::NameTooLong(MAX_USER_NAME_CHARS),
            ("name", _) => AccountError::EmptyName,
            ("organisation_id", Problem::Required) => AccountError::ClientWithoutOrganisation,
            ("organisation_id", Problem::Unknown) => {
                AccountError::NoSuchOrganisation(organisation.unwrap_or_default().to_string())
            }
            ("organisation_id", _) => AccountError::AgentWithOrganisation(account.role),
            (_, Problem::TooLong) => AccountError::Credential(CredentialError::PasswordTooLong),
            _ => AccountError::Credential(CredentialError::PasswordTooShort),
        }
    })?;
    let password = valid.password.ok_or(AccountError::Credential(CredentialError::PasswordTooShort))?;
    let hash = password::hash(&password).await?;
    let new = users::NewUser {
        email: valid.email.as_str(),
        name: &valid.name,
        role: valid.role,
        organisation_id: valid.organisation_id,
        password_hash: &hash,
    };
    users::insert(store, &new).await?.ok_or(AccountError::EmailTaken(valid.email))
}

/// Sets a new password.
pub async fn reset_password(store: &Store, email: &str, new_password: &str) -> Result<(), AccountError> {
    let email = Email::parse(email)?;
    let hash = password::hash(&NewPassword::parse(new_password)?).await?;
    if users::set_password_hash(store, email.as_str(), &hash).await? {
        Ok(())
    } else {
        Err(AccountError::NoSuchAccount(email))
    }
}

/// Runs a `user` subcommand and answers what to print.
pub async fn run(store: &Store, command: UserCommand) -> Result<String, AccountError> {
    match command {
        UserCommand::Add { email, name, role, organisation, password } => {
            let password = read_password(&password)?;
            let account = NewAccount {
                email: &email,
                name: &name,
                role,
                organisation: organisation.as_deref(),
                password: &password,
            };
            let id = add(store, account).await?;
            Ok(format!("created {role} {} (id {id})", normal(&email)))
        }
        UserCommand::ResetPassword { email, password } => {
            let password = read_password(&password)?;
            reset_password(store, &email, &password).await?;
            Ok(format!("new password set for {}; its sessions have ended", normal(&email)))
        }
        UserCommand::Disable { email } => {
            let email = Email::parse(&email)?;
            if !users::disable(store, email.as_str(), chrono::Utc::now().timestamp()).await? {
                return Err(AccountError::NoSuchAccount(email));
            }
            Ok(format!("disabled {email}; it can no longer sign in and its sessions have stopped working"))
        }
        UserCommand::Enable { email } => {
            let email = Email::parse(&email)?;
            if !users::enable(store, email.as_str()).await? {
                return Err(AccountError::NoSuchAccount(email));
            }
            Ok(format!("enabled {email}"))
        }
    }
}

fn normal(email: &str) -> String {
    app::auth::normal_email(email)
}

/// The password from the flag or variable, else asked on the terminal
/// (twice), else the first line of standard input (for scripts).
fn read_password(source: &PasswordSource) -> Result<String, AccountError> {
    if let Some(secret) = &source.password {
        return Ok(secret.0.clone());
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New password (at least 12 characters): ")
            .map_err(AccountError::Prompt)?;
        let again = rpassword::prompt_password("Repeat it: ").map_err(AccountError::Prompt)?;
        if first != again {
            return Err(AccountError::Mismatch);
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(AccountError::Prompt)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// What start-up found about administrators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminSetup {
    /// An administrator who can sign in exists.
    Present,
    /// None existed; this one was created from the configuration.
    Created(String),
    /// None exists and none was configured.
    Missing,
}

/// How to get a first administrator, printed when there is none.
pub const NO_ADMIN_HELP: &str = "No administrator account exists yet. Create one with
    slaboard user add --email you@example.com --name \"Your Name\" --role admin
(with the same --database-url or --data-dir as the server), or start the server once with
SLABOARD_ADMIN_EMAIL and SLABOARD_ADMIN_PASSWORD (at least 12 characters) set.";

/// Creates the configured administrator when no administrator exists.
pub async fn ensure_admin(store: &Store, config: &Config) -> Result<AdminSetup, AccountError> {
    if users::has_active_admin(store).await? {
        return Ok(AdminSetup::Present);
    }
    let (email, password) = match (&config.admin_email, &config.admin_password) {
        (None, None) => return Ok(AdminSetup::Missing),
        (Some(email), Some(password)) => (email, password),
        _ => return Err(AccountError::AdminHalfConfigured),
    };
    let account = NewAccount {
        email,
        name: "Administrator",
        role: Role::Admin,
        organisation: None,
        password: &password.0,
    };
    match add(store, account).await {
        Ok(_) => Ok(AdminSetup::Created(normal(email))),
        // Another replica starting at the same moment may have won the race.
        Err(AccountError::EmailTaken(_)) if users::has_active_admin(store).await? => Ok(AdminSetup::Present),
        Err(e) => Err(e),
    }
}
