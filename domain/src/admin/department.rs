//! Second-line departments (SPEC §6, seed 000 §7–8): where an escalated
//! ticket goes, by which channels, and how many working days they have.
//! A department has one or more channels (seed 000 §8 gives legal and
//! finance both Mattermost and email); each is checked at its row, so the
//! admin form shows a problem next to the channel it is about.

use super::form::{required_text, FormErrors, Problem};
use crate::credentials::Email;
use serde::{Deserialize, Serialize};

pub const MAX_DEPARTMENT_NAME_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 200;
/// The longest deadline a department may have, in working days.
pub const MAX_DEADLINE_DAYS: i64 = 60;
/// How many channels one department may have.
pub const MAX_CHANNELS: usize = 10;

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

/// One channel as the form sends it: an email address, or a Mattermost
/// incoming webhook URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelDraft {
    pub kind: DepartmentChannel,
    #[serde(default)]
    pub address: String,
}

/// A checked channel: an email address in lower case, or a webhook URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub kind: DepartmentChannel,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentDraft {
    pub name: String,
    pub deadline_days: i64,
    pub channels: Vec<ChannelDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDepartment {
    pub name: String,
    pub deadline_days: i64,
    pub channels: Vec<Channel>,
}

/// A Mattermost incoming webhook: an `http(s)://host/…` URL without spaces.
/// Messages are posted to it, so a channel name (`~legal`) is not enough.
pub fn is_webhook_url(address: &str) -> bool {
    let rest = address.strip_prefix("https://").or_else(|| address.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split('/').next().unwrap_or("");
        !host.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// The form field of channel row `i`'s address: `channels.0.address`.
pub fn channel_field(i: usize) -> String {
    format!("channels.{i}.address")
}

impl DepartmentDraft {
    pub fn validate(&self) -> Result<ValidDepartment, FormErrors> {
        let mut errors = FormErrors::default();
        let name = required_text(&mut errors, "name", &self.name, MAX_DEPARTMENT_NAME_CHARS);
        if !(1..=MAX_DEADLINE_DAYS).contains(&self.deadline_days) {
            errors.push_limit("deadline_days", Problem::OutOfRange, MAX_DEADLINE_DAYS as usize);
        }
        if self.channels.is_empty() {
            errors.push("channels", Problem::Required);
        } else if self.channels.len() > MAX_CHANNELS {
            errors.push_limit("channels", Problem::OutOfRange, MAX_CHANNELS);
        }
        let mut channels: Vec<Channel> = Vec::new();
        for (i, draft) in self.channels.iter().enumerate().take(MAX_CHANNELS) {
            let field = channel_field(i);
            let Some(address) = required_text(&mut errors, &field, &draft.address, MAX_ADDRESS_CHARS) else {
                continue;
            };
            let address = match draft.kind {
                DepartmentChannel::Email => Email::parse(&address).is_ok().then(|| address.to_lowercase()),
                DepartmentChannel::Mattermost => is_webhook_url(&address).then_some(address),
            };
            let Some(address) = address else {
                errors.push(&field, Problem::Invalid);
                continue;
            };
            let channel = Channel { kind: draft.kind, address };
            if channels.contains(&channel) {
                errors.push(&field, Problem::Taken);
                continue;
            }
            channels.push(channel);
        }
        match name {
            Some(name) if errors.is_empty() => {
                Ok(ValidDepartment { name, deadline_days: self.deadline_days, channels })
            }
            _ => Err(errors),
        }
    }
}

/// The second-line departments of seed 000 §7 with their deadlines in
/// working days: written once on a fresh install, without channels (an
/// admin enters where each department reads).
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

    fn email(address: &str) -> ChannelDraft {
        ChannelDraft { kind: DepartmentChannel::Email, address: address.into() }
    }

    fn hook(address: &str) -> ChannelDraft {
        ChannelDraft { kind: DepartmentChannel::Mattermost, address: address.into() }
    }

    fn draft() -> DepartmentDraft {
        DepartmentDraft {
            name: "Юридический отдел".into(),
            deadline_days: 3,
            channels: vec![email(" Legal@Example.RU ")],
        }
    }

    fn problems(e: &FormErrors) -> Vec<(&str, Problem)> {
        e.errors.iter().map(|x| (x.field.as_str(), x.problem)).collect()
    }

    #[test]
    fn email_channels_need_an_address_and_are_kept_in_lower_case() {
        assert_eq!(draft().validate().unwrap().channels[0].address, "legal@example.ru");
        let bad = DepartmentDraft { channels: vec![email("legal")], ..draft() };
        assert_eq!(problems(&bad.validate().unwrap_err()), [("channels.0.address", Problem::Invalid)]);
    }

    #[test]
    fn mattermost_takes_an_incoming_webhook_url() {
        for ok in ["https://chat.example.ru/hooks/abc", "http://127.0.0.1:8065/hooks/x"] {
            let d = DepartmentDraft { channels: vec![hook(ok)], ..draft() };
            assert!(d.validate().is_ok(), "{ok}");
        }
        for bad in ["~legal", "legal", "https://", "https:///hooks", "https://chat.example.ru/a b", "ftp://x"]
        {
            let d = DepartmentDraft { channels: vec![hook(bad)], ..draft() };
            assert_eq!(
                problems(&d.validate().unwrap_err()),
                [("channels.0.address", Problem::Invalid)],
                "{bad}"
            );
        }
    }

    #[test]
    fn legal_reads_mattermost_and_email_and_each_row_is_checked_at_its_place() {
        let both = DepartmentDraft {
            channels: vec![hook("https://chat.example.ru/hooks/legal"), email("legal@example.ru")],
            ..draft()
        };
        let valid = both.validate().unwrap();
        assert_eq!(
            valid.channels.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [DepartmentChannel::Mattermost, DepartmentChannel::Email]
        );
        let bad = DepartmentDraft {
            channels: vec![
                email("legal@example.ru"),
                hook("legal@example.ru"),
                email(" "),
                email("LEGAL@example.ru"),
            ],
            ..draft()
        };
        assert_eq!(
            problems(&bad.validate().unwrap_err()),
            [
                ("channels.1.address", Problem::Invalid),
                ("channels.2.address", Problem::Required),
                ("channels.3.address", Problem::Taken),
            ]
        );
    }

    #[test]
    fn a_department_needs_one_to_ten_channels() {
        let none = DepartmentDraft { channels: vec![], ..draft() };
        assert_eq!(problems(&none.validate().unwrap_err()), [("channels", Problem::Required)]);
        let many = DepartmentDraft {
            channels: (0..11).map(|i| email(&format!("d{i}@example.ru"))).collect(),
            ..draft()
        };
        assert_eq!(problems(&many.validate().unwrap_err()), [("channels", Problem::OutOfRange)]);
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
