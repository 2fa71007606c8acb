//! An organisation is a name, unique among organisations, and optionally
//! the mail domain its people write from (the database decides uniqueness;
//! this decides the shape).

use super::form::{optional_text, required_text, FormErrors, Problem};

pub const MAX_ORGANISATION_NAME_CHARS: usize = 200;
/// The longest domain name DNS allows.
pub const MAX_MAIL_DOMAIN_CHARS: usize = 253;

/// Mail services anyone can open an address at: as an organisation's
/// domain they would let every stranger write in its name.
pub const PUBLIC_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "mail.com",
    "zoho.com",
    "yandex.ru",
    "yandex.ua",
    "yandex.com",
    "ya.ru",
    "mail.ru",
    "bk.ru",
    "list.ru",
    "inbox.ru",
    "internet.ru",
    "rambler.ru",
    "ukr.net",
    "i.ua",
    "meta.ua",
    "email.ua",
];

/// An organisation as the form sends it, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOrganisation {
    pub name: String,
    /// Lower case, without `@`; `None` when not set.
    pub mail_domain: Option<String>,
}

/// The name as stored: trimmed, given, at most 200 characters.
pub fn organisation_name(raw: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::default();
    let name = required_text(&mut errors, "name", raw, MAX_ORGANISATION_NAME_CHARS);
    match name {
        Some(name) => Ok(name),
        None => Err(errors),
    }
}

/// The organisation form: a name, and a mail domain that may be empty.
pub fn organisation_form(name: &str, mail_domain: &str) -> Result<ValidOrganisation, FormErrors> {
    let mut errors = FormErrors::default();
    let name = required_text(&mut errors, "name", name, MAX_ORGANISATION_NAME_CHARS);
    let domain = mail_domain_field(&mut errors, mail_domain);
    match (name, domain) {
        (Some(name), Some(mail_domain)) => Ok(ValidOrganisation { name, mail_domain }),
        _ => Err(errors),
    }
}

/// The mail domain: trimmed, lower case, a leading `@` dropped; labels of
/// letters, digits and inner hyphens, at least two of them; not a public
/// mail service. `Some(None)` when empty, `None` when invalid.
fn mail_domain_field(errors: &mut FormErrors, raw: &str) -> Option<Option<String>> {
    let text = optional_text(errors, "mail_domain", raw, MAX_MAIL_DOMAIN_CHARS + 1)?;
    let domain = text.strip_prefix('@').unwrap_or(&text).to_lowercase();
    if domain.is_empty() {
        return Some(None);
    }
    if domain.chars().count() > MAX_MAIL_DOMAIN_CHARS {
        errors.push_limit("mail_domain", Problem::TooLong, MAX_MAIL_DOMAIN_CHARS);
        return None;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        errors.push("mail_domain", Problem::Invalid);
        return None;
    }
    if PUBLIC_MAIL_DOMAINS.contains(&domain.as_str()) {
        errors.push("mail_domain", Problem::PublicMailDomain);
        return None;
    }
    Some(Some(domain))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::Problem;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(organisation_name("  ООО «Техномаркет» ").unwrap(), "ООО «Техномаркет»");
        assert_eq!(organisation_name(" ").unwrap_err().of("name").unwrap().problem, Problem::Required);
        let long = "x".repeat(MAX_ORGANISATION_NAME_CHARS + 1);
        assert_eq!(organisation_name(&long).unwrap_err().of("name").unwrap().problem, Problem::TooLong);
        // Markup is a name like any other: it is stored as typed and shown as text.
        assert_eq!(organisation_name("<b>Acme</b>").unwrap(), "<b>Acme</b>");
    }

    #[test]
    fn mail_domains_are_normalised_or_empty() {
        let org = organisation_form("Acme", "  @TechnoMarket.Example ").unwrap();
        assert_eq!(org.mail_domain.as_deref(), Some("technomarket.example"));
        assert_eq!(organisation_form("Acme", " ").unwrap().mail_domain, None);
        let cyrillic = organisation_form("Acme", "Почта.РФ").unwrap();
        assert_eq!(cyrillic.mail_domain.as_deref(), Some("почта.рф"));
        assert_eq!(
            organisation_form("Acme", "mx-1.agro.example").unwrap().mail_domain.as_deref(),
            Some("mx-1.agro.example")
        );
    }

    #[test]
    fn malformed_and_public_domains_are_refused() {
        let problem = |d: &str| organisation_form("Acme", d).unwrap_err().of("mail_domain").unwrap().problem;
        for bad in [
            "localhost",
            "a..b",
            "-a.example",
            "a-.example",
            "a b.example",
            "a@b.example",
            "a_b.example",
            ".",
        ] {
            assert_eq!(problem(bad), Problem::Invalid, "{bad}");
        }
        assert_eq!(problem(&format!("{}.example", "a".repeat(64))), Problem::Invalid, "a label over 63");
        assert_eq!(problem(&format!("{}.ex", "a.".repeat(130))), Problem::TooLong);
        for public in ["gmail.com", "Mail.Ru", "@ukr.net"] {
            assert_eq!(problem(public), Problem::PublicMailDomain, "{public}");
        }
        let both = organisation_form(" ", "x").unwrap_err();
        assert_eq!(both.errors.len(), 2, "every problem at once");
    }
}
