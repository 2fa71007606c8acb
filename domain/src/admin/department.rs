//! Second-line departments (SPEC §6, seed 000 §7): where an escalated
//! ticket goes, by which channel, and how many working days they have.

use super::form::{required_text, FormErrors, Problem};
use crate::credentials::Email;
use serde::{Deserialize, Serialize};

pub const MAX_DEPARTMENT_NAME_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 200;
/// The longest deadline a department may have, in working days.
pub const MAX_DEADLINE_DAYS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentChannel {
    Email,
    Mattermost,
}

impl DepartmentChannel {
    pub const ALL: [DepartmentChannel; 2] = [DepartmentChannel::Email, DepartmentChannel::Mattermost];

    pub fn code(self) -> &'static str {
        match self {
            DepartmentChannel::Email => "email",
            DepartmentChannel::Mattermost => "mattermost",
        }
    }

    pub fn parse(code: &str) -> Option<DepartmentChannel> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentDraft {
    pub name: String,
    pub channel: DepartmentChannel,
    /// An email address, or a Mattermost channel (`~legal`) or webhook URL.
    pub address: String,
    pub deadline_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDepartment {
    pub name: String,
    pub channel: DepartmentChannel,
    pub address: String,
    pub deadline_days: i64,
}

fn mattermost_address(address: &str) -> bool {
    let channel = address.strip_prefix('~').is_some_and(|name| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    let url = address.strip_prefix("https://").or_else(|| address.strip_prefix("http://"));
    let url = url.is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace));
    channel || url
}

impl DepartmentDraft {
    pub fn validate(&self) -> Result<ValidDepartment, FormErrors> {
        let mut errors = FormErrors::default();
        let name = required_text(&mut errors, "name", &self.name, MAX_DEPARTMENT_NAME_CHARS);
        let address = required_text(&mut errors, "address", &self.address, MAX_ADDRESS_CHARS).and_then(|a| {
            let fits = match self.channel {
                DepartmentChannel::Email => Email::parse(&a).is_ok(),
                DepartmentChannel::Mattermost => mattermost_address(&a),
            };
            if !fits {
                errors.push("address", Problem::Invalid);
            }
            fits.then_some(a)
        });
        if !(1..=MAX_DEADLINE_DAYS).contains(&self.deadline_days) {
            errors.push_limit("deadline_days", Problem::OutOfRange, MAX_DEADLINE_DAYS as usize);
        }
        match (name, address) {
            (Some(name), Some(address)) if errors.is_empty() => Ok(ValidDepartment {
                name,
                channel: self.channel,
                address: match self.channel {
                    DepartmentChannel::Email => address.to_lowercase(),
                    DepartmentChannel::Mattermost => address,
                },
                deadline_days: self.deadline_days,
            }),
            _ => Err(errors),
        }
    }
}

/// The second-line departments of seed 000 §7 with their deadlines in
/// working days, as the demo sets them up.
pub const SEED_DEPARTMENTS: [(&str, i64); 8] = [
    ("Юридический отдел", 3),
    ("Финансовый отдел", 5),
    ("Маркетинг", 3),
    ("Продукт и ИТ", 5),
    ("Системные ошибки", 1),
    ("Редактирование данных", 1),
    ("Совместные мероприятия", 3),
    ("Совместный PR", 3),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> DepartmentDraft {
        DepartmentDraft {
            name: "Юридический отдел".into(),
            channel: DepartmentChannel::Email,
            address: " Legal@Example.RU ".into(),
            deadline_days: 3,
        }
    }

    fn problems(e: &FormErrors) -> Vec<(&str, Problem)> {
        e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect()
    }

    #[test]
    fn email_departments_need_an_address() {
        assert_eq!(draft().validate().unwrap().address, "legal@example.ru");
        let bad = DepartmentDraft { address: "legal".into(), ..draft() };
        assert_eq!(problems(&bad.validate().unwrap_err()), [("address", Problem::Invalid)]);
    }

    #[test]
    fn mattermost_takes_a_channel_or_a_webhook() {
        for ok in ["~legal", "~product-it", "https://chat.example.ru/hooks/abc"] {
            let d = DepartmentDraft { channel: DepartmentChannel::Mattermost, address: ok.into(), ..draft() };
            assert!(d.validate().is_ok(), "{ok}");
        }
        for bad in ["legal", "~", "~no spaces", "ftp://x"] {
            let d =
                DepartmentDraft { channel: DepartmentChannel::Mattermost, address: bad.into(), ..draft() };
            assert_eq!(problems(&d.validate().unwrap_err()), [("address", Problem::Invalid)], "{bad}");
        }
    }

    #[test]
    fn deadlines_are_one_to_sixty_working_days() {
        for days in [0, -1, 61] {
            let d = DepartmentDraft { deadline_days: days, ..draft() };
            assert_eq!(problems(&d.validate().unwrap_err()), [("deadline_days", Problem::OutOfRange)]);
        }
        assert!(DepartmentDraft { deadline_days: 60, ..draft() }.validate().is_ok());
    }

    #[test]
    fn the_seed_departments_are_valid() {
        for (name, days) in SEED_DEPARTMENTS {
            assert!(DepartmentDraft { name: name.into(), deadline_days: days, ..draft() }.validate().is_ok());
        }
    }
}
