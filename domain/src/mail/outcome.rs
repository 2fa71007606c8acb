//! What became of a received mail, as the processed-mail table stores it
//! and the admin area lists it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a mail made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeOutcome {
    /// A new ticket.
    Ticket,
    /// A public comment on an existing ticket.
    Comment,
    /// Nothing: the reason says why.
    Ignored,
    /// Nothing but a polite refusal mail to an unknown sender.
    Refused,
}

/// Why a mail made nothing, or what else is worth knowing about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeReason {
    /// `Auto-Submitted` (other than `no`), `X-Autoreply`, `X-Autorespond`.
    AutoReply,
    /// `Precedence: bulk`, `junk` or `list`.
    Bulk,
    /// A mailing list's post (`List-Id`).
    MailingList,
    /// A delivery report: `multipart/report`, `mailer-daemon@`,
    /// `postmaster@`, or an empty `Return-Path`.
    Bounce,
    /// One of our own mails came back.
    OwnMail,
    /// Larger than the configured limit; not downloaded.
    TooLarge,
    /// No usable `From` address.
    NoSender,
    /// From an agent's or admin's address: staff answer on the board, and
    /// a forged staff address must not post as the desk.
    StaffAddress,
    /// From a disabled account.
    DisabledAccount,
    /// Nothing left to post once the quoted history was folded away.
    Empty,
    /// An unknown sender already got a refusal within the last day: a
    /// responder that flags nothing cannot start a loop.
    RefusalAlreadySent,
    /// Unknown sender (the ticket went to the sorting queue, or a refusal
    /// was sent).
    UnknownSender,
    /// A reply to a ticket the sender may not see: a ticket of their own
    /// was opened instead.
    ForeignThread,
}

impl IntakeReason {
    pub const ALL: [IntakeReason; 13] = [
        IntakeReason::AutoReply,
        IntakeReason::Bulk,
        IntakeReason::MailingList,
        IntakeReason::Bounce,
        IntakeReason::OwnMail,
        IntakeReason::TooLarge,
        IntakeReason::NoSender,
        IntakeReason::StaffAddress,
        IntakeReason::DisabledAccount,
        IntakeReason::Empty,
        IntakeReason::RefusalAlreadySent,
        IntakeReason::UnknownSender,
        IntakeReason::ForeignThread,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            IntakeReason::AutoReply => "auto_reply",
            IntakeReason::Bulk => "bulk",
            IntakeReason::MailingList => "mailing_list",
            IntakeReason::Bounce => "bounce",
            IntakeReason::OwnMail => "own_mail",
            IntakeReason::TooLarge => "too_large",
            IntakeReason::NoSender => "no_sender",
            IntakeReason::StaffAddress => "staff_address",
            IntakeReason::DisabledAccount => "disabled_account",
            IntakeReason::Empty => "empty",
            IntakeReason::RefusalAlreadySent => "refusal_already_sent",
            IntakeReason::UnknownSender => "unknown_sender",
            IntakeReason::ForeignThread => "foreign_thread",
        }
    }
}

impl IntakeOutcome {
    pub const ALL: [IntakeOutcome; 4] =
        [IntakeOutcome::Ticket, IntakeOutcome::Comment, IntakeOutcome::Ignored, IntakeOutcome::Refused];

    pub fn code(self) -> &'static str {
        match self {
            IntakeOutcome::Ticket => "ticket",
            IntakeOutcome::Comment => "comment",
            IntakeOutcome::Ignored => "ignored",
            IntakeOutcome::Refused => "refused",
        }
    }
}

/// A stored code that is none of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown mail code \"{0}\"")]
pub struct UnknownCode(pub String);

impl FromStr for IntakeReason {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IntakeReason::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl FromStr for IntakeOutcome {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IntakeOutcome::ALL.into_iter().find(|o| o.code() == s).ok_or_else(|| UnknownCode(s.to_string()))
    }
}

/// What to do with a mail from an address that is no account and whose
/// domain is no organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownSenders {
    /// A ticket in the sorting queue (the "Unsorted mail" organisation),
    /// for an operator to sort.
    #[default]
    Queue,
    /// A polite refusal mail, no ticket.
    Refuse,
}

impl FromStr for UnknownSenders {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "queue" => Ok(UnknownSenders::Queue),
            "refuse" => Ok(UnknownSenders::Refuse),
            other => Err(UnknownCode(other.to_string())),
        }
    }
}

impl fmt::Display for UnknownSenders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnknownSenders::Queue => "queue",
            UnknownSenders::Refuse => "refuse",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for r in IntakeReason::ALL {
            assert_eq!(r.code().parse::<IntakeReason>(), Ok(r));
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.code()));
        }
        for o in IntakeOutcome::ALL {
            assert_eq!(o.code().parse::<IntakeOutcome>(), Ok(o));
        }
        assert!("whatever".parse::<IntakeReason>().is_err());
        assert_eq!("refuse".parse::<UnknownSenders>(), Ok(UnknownSenders::Refuse));
        assert_eq!(UnknownSenders::Queue.to_string(), "queue");
        assert!("drop".parse::<UnknownSenders>().is_err());
    }
}
