//! Domain vocabulary to UI messages: one match per enum, so every screen
//! names a status, priority or state the same way in every language.

use crate::domain::sla::{ClockKind, SlaState};
use crate::domain::ticket::{Category, Channel, Priority, Role, Status, WaitingReason};
use crate::i18n::Msg;

pub fn status(s: Status) -> Msg {
    match s {
        Status::Backlog => Msg::StatusBacklog,
        Status::Sprint => Msg::StatusSprint,
        Status::InProgress => Msg::StatusInProgress,
        Status::Done => Msg::StatusDone,
        Status::Release => Msg::StatusRelease,
        Status::Archive => Msg::StatusArchive,
    }
}

pub fn priority(p: Priority) -> Msg {
    match p {
        Priority::Critical => Msg::PriorityCritical,
        Priority::High => Msg::PriorityHigh,
        Priority::Normal => Msg::PriorityNormal,
        Priority::Low => Msg::PriorityLow,
    }
}

pub fn category(c: Category) -> Msg {
    match c {
        Category::Incident => Msg::CategoryIncident,
        Category::ChangeRequest => Msg::CategoryChangeRequest,
        Category::Consultation => Msg::CategoryConsultation,
        Category::DocumentationRequest => Msg::CategoryDocumentationRequest,
    }
}

pub fn channel(c: Channel) -> Msg {
    match c {
        Channel::Web => Msg::ChannelWeb,
        Channel::Email => Msg::ChannelEmail,
        Channel::Phone => Msg::ChannelPhone,
        Channel::Messenger => Msg::ChannelMessenger,
    }
}

pub fn waiting(w: WaitingReason) -> Msg {
    match w {
        WaitingReason::ClientInfo => Msg::WaitingClientInfo,
        WaitingReason::ClientApproval => Msg::WaitingClientApproval,
        WaitingReason::Payment => Msg::WaitingPayment,
    }
}

pub fn sla_state(s: &SlaState) -> Msg {
    match s {
        SlaState::OnTrack => Msg::SlaOnTrack,
        SlaState::AtRisk => Msg::SlaAtRisk,
        SlaState::Breached => Msg::SlaBreached,
        SlaState::Paused { .. } => Msg::SlaPaused,
        SlaState::Met => Msg::SlaMet,
    }
}

pub fn clock_kind(k: ClockKind) -> Msg {
    match k {
        ClockKind::Reaction => Msg::ClockReaction,
        ClockKind::Resolution => Msg::ClockResolution,
    }
}

pub fn role(r: Role) -> Msg {
    match r {
        Role::Client => Msg::RoleClient,
        Role::Operator => Msg::RoleOperator,
        Role::Consultant => Msg::RoleConsultant,
        Role::Lead => Msg::RoleLead,
        Role::Admin => Msg::RoleAdmin,
    }
}
