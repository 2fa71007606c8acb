//! Domain vocabulary to UI messages: one match per enum, so every screen
//! names a status, priority or state the same way in every language.

use crate::domain::sla::{ClientCategory, ClockKind, SlaLevel, SlaState, SupportLevel};
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

/// How the UI words an API error: by variant and code, never by the
/// server's English `message`.
pub fn app_error(e: &crate::error::AppError) -> Msg {
    use crate::error::AppError;
    match e {
        AppError::NotSignedIn => Msg::SignInRequired,
        AppError::WrongCredentials => Msg::ErrorWrongCredentials,
        AppError::Forbidden(Some(reason)) => refusal(&reason.code),
        AppError::Forbidden(None) => Msg::AccessDenied,
        AppError::NotFound => Msg::NotFound,
        AppError::Stale => Msg::MoveConflict,
        AppError::Invalid(_) => Msg::ErrorInvalid,
        AppError::Refused(reason) => refusal(&reason.code),
        AppError::TooManyAttempts => Msg::ErrorTooManyAttempts,
        AppError::Busy => Msg::ErrorBusy,
        AppError::TooLarge => Msg::ErrorTooLarge,
        AppError::FileTooLarge(_) => Msg::ErrorFileTooLarge,
        AppError::BadRequest(_) => Msg::ErrorBadRequest,
        AppError::Internal => Msg::ErrorInternal,
    }
}

/// A refusal by its stable code (`TransitionError::code`, `EditError::code`
/// and the use cases' own); a code this build does not know yet still reads
/// as a refusal in the viewer's language.
pub fn refusal(code: &str) -> Msg {
    match code {
        "no_such_move" => Msg::RefusedNoSuchMove,
        "not_from_status" => Msg::RefusedNotFromStatus,
        "invalid_reopen_target" => Msg::RefusedInvalidReopenTarget,
        "not_a_consultation" => Msg::RefusedNotAConsultation,
        "role_not_allowed" => Msg::RefusedRoleNotAllowed,
        "system_only" => Msg::RefusedSystemOnly,
        "not_for_system" => Msg::RefusedNotForSystem,
        "reason_required" => Msg::RefusedReasonRequired,
        "field_not_permitted" => Msg::RefusedFieldNotPermitted,
        "ticket_closed" => Msg::RefusedTicketClosed,
        "escalation_closed" => Msg::RefusedEscalationClosed,
        "client_must_agree" => Msg::RefusedClientMustAgree,
        "resolution_stopped" => Msg::RefusedResolutionStopped,
        "no_resolution_target" => Msg::RefusedNoResolutionTarget,
        "resolution_breached" => Msg::RefusedResolutionBreached,
        "deadline_not_later" => Msg::RefusedDeadlineNotLater,
        "deadline_passed" => Msg::RefusedDeadlinePassed,
        "deadline_too_far" => Msg::RefusedDeadlineTooFar,
        "extension_pending" => Msg::RefusedExtensionPending,
        "extension_closed" => Msg::RefusedExtensionClosed,
        "unknown_extension" => Msg::RefusedUnknownExtension,
        "unknown_department" => Msg::RefusedUnknownDepartment,
        "cannot_wait_in" => Msg::RefusedCannotWaitIn,
        "client_may_not_end_wait" => Msg::RefusedClientMayNotEndWait,
        "not_an_agent" => Msg::RefusedNotAnAgent,
        "estimate_out_of_range" => Msg::RefusedEstimateOutOfRange,
        "unchanged" => Msg::RefusedUnchanged,
        "no_contract" => Msg::RefusedNoContract,
        "wait_needs_message" => Msg::RefusedWaitNeedsMessage,
        "message_only_with_wait" => Msg::RefusedMessageOnlyWithWait,
        "sprint_not_open" => Msg::RefusedSprintNotOpen,
        "not_plannable" => Msg::RefusedNotPlannable,
        "sprint_work_finished" => Msg::RefusedSprintWorkFinished,
        "not_planned" => Msg::RefusedNotPlanned,
        "already_planned" => Msg::RefusedAlreadyPlanned,
        "no_open_sprint" => Msg::RefusedNoOpenSprint,
        "sprint_choice_needed" => Msg::RefusedSprintChoiceNeeded,
        "sprint_closed" => Msg::RefusedSprintClosed,
        "no_sprint_for_reopen" => Msg::RefusedNoSprintForReopen,
        "close_undecided" => Msg::RefusedCloseUndecided,
        "close_not_unfinished" => Msg::RefusedCloseNotUnfinished,
        "close_twice" => Msg::RefusedCloseTwice,
        "no_next_sprint" => Msg::RefusedNoNextSprint,
        "not_in_sorting_queue" => Msg::RefusedNotInSortingQueue,
        "not_client" => Msg::RefusedNotClient,
        "not_accepted" => Msg::RefusedNotAccepted,
        "already_rated" => Msg::RefusedAlreadyRated,
        "invalid_month" => Msg::RefusedInvalidMonth,
        "file_empty" => Msg::RefusedFileEmpty,
        "file_svg" => Msg::RefusedFileSvg,
        "file_html" => Msg::RefusedFileHtml,
        "file_xml" => Msg::RefusedFileXml,
        "file_type" => Msg::RefusedFileType,
        "file_damaged" => Msg::RefusedFileDamaged,
        "too_many_uploads" => Msg::RefusedTooManyUploads,
        "too_many_files" => Msg::RefusedTooManyFiles,
        "attachment_unavailable" => Msg::RefusedAttachmentUnavailable,
        _ => Msg::RefusedOther,
    }
}

/// [`app_error`] in `locale`.
/// A refused comment body in the user's words.
pub fn comment_body_error(locale: crate::i18n::Locale, e: crate::domain::ticket::CommentBodyError) -> String {
    use crate::domain::ticket::{CommentBodyError, MAX_COMMENT_CHARS};
    match e {
        CommentBodyError::Empty => Msg::CommentEmpty.text(locale).to_string(),
        CommentBodyError::TooLong => crate::i18n::comment_too_long(locale, MAX_COMMENT_CHARS as u64),
        CommentBodyError::Invalid => Msg::CommentUnstorable.text(locale).to_string(),
    }
}

/// The problem an `invalid` answer names for a comment's `body` field (the
/// inverse of `AppError::from(CommentBodyError)`), so the form can word it.
pub fn comment_problem(error: &crate::error::AppError) -> Option<crate::domain::ticket::CommentBodyError> {
    use crate::domain::ticket::CommentBodyError;
    match error.field_issues().iter().find(|i| i.field == "body")?.code.as_str() {
        "required" => Some(CommentBodyError::Empty),
        "too_long" => Some(CommentBodyError::TooLong),
        "invalid" => Some(CommentBodyError::Invalid),
        _ => None,
    }
}

pub fn app_error_text(locale: crate::i18n::Locale, e: &crate::error::AppError) -> String {
    app_error(e).text(locale).to_string()
}

/// Client categories with their stored codes and names.
pub const CLIENT_CATEGORIES: [(ClientCategory, &str, Msg); 2] = [
    (ClientCategory::Commercial, "commercial", Msg::CategoryCommercial),
    (ClientCategory::Partner, "partner", Msg::CategoryPartner),
];
/// Support levels with their stored codes and names.
pub const SUPPORT_LEVELS: [(SupportLevel, &str, Msg); 3] = [
    (SupportLevel::Standard, "standard", Msg::LevelStandard),
    (SupportLevel::Operative, "operative", Msg::LevelOperative),
    (SupportLevel::Emergency, "emergency", Msg::LevelEmergency),
];

/// "Commercial · Operative", or the name of a level outside the grid.
pub fn sla_level(locale: crate::i18n::Locale, level: SlaLevel) -> String {
    match level.parts() {
        Some((c, l)) => {
            let c = CLIENT_CATEGORIES.iter().find(|x| x.0 == c).map(|x| x.2.text(locale)).unwrap_or_default();
            let l = SUPPORT_LEVELS.iter().find(|x| x.0 == l).map(|x| x.2.text(locale)).unwrap_or_default();
            format!("{c} · {l}")
        }
        None if level == SlaLevel::Development => Msg::LevelDevelopment.text(locale).to_string(),
        None => Msg::LevelGeneralConsultation.text(locale).to_string(),
    }
}

/// A ticket's level with why it has it: "Commercial · Operative (emergency
/// confirmed)".
pub fn ticket_level(locale: crate::i18n::Locale, level: crate::domain::sla::TicketLevel) -> String {
    let name = sla_level(locale, level.level);
    match level_mark(level.mark) {
        Some(mark) => format!("{name} ({})", mark.text(locale)),
        None => name,
    }
}

/// The mark an agent set, if any.
pub fn level_mark(mark: crate::domain::ticket::LevelMark) -> Option<Msg> {
    use crate::domain::ticket::LevelMark;
    match mark {
        LevelMark::Contract => None,
        LevelMark::Emergency => Some(Msg::MarkEmergency),
        LevelMark::Development => Some(Msg::MarkDevelopment),
    }
}

pub fn mail_kind(k: crate::domain::notify::MailKind) -> Msg {
    use crate::domain::notify::MailKind;
    match k {
        MailKind::Acknowledgement => Msg::MailAcknowledgement,
        MailKind::Reply => Msg::MailReply,
        MailKind::ClientReplied => Msg::MailClientReplied,
        MailKind::InfoRequested => Msg::MailInfoRequested,
        MailKind::ApprovalRequested => Msg::MailApprovalRequested,
        MailKind::PaymentRequested => Msg::MailPaymentRequested,
        MailKind::Released => Msg::MailReleased,
        MailKind::Rejected => Msg::MailRejected,
        MailKind::SlaAtRisk => Msg::MailSlaAtRisk,
        MailKind::SlaBreached => Msg::MailSlaBreached,
        MailKind::Refusal => Msg::MailRefusal,
        MailKind::Escalation => Msg::MailEscalation,
        MailKind::EscalationOverdue => Msg::MailEscalationOverdue,
        MailKind::ExtensionProposed => Msg::MailExtensionProposed,
        MailKind::ExtensionAnswered => Msg::MailExtensionAnswered,
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;
    use crate::domain::ticket::{EditError, TransitionError};
    use crate::error::{AppError, Reason};
    use crate::i18n::Locale;

    #[test]
    fn every_domain_refusal_has_its_own_words() {
        let attachments = crate::domain::attachment::Refusal::ALL.map(|r| r.code());
        let uses = [
            "sprint_not_open",
            "not_in_sorting_queue",
            "too_many_uploads",
            "too_many_files",
            "attachment_unavailable",
        ];
        for code in TransitionError::CODES
            .iter()
            .chain(EditError::CODES.iter())
            .chain(uses.iter())
            .chain(attachments.iter())
            .chain(crate::domain::sprint_plan::PlanError::CODES.iter())
            .chain(crate::domain::sprint_plan::CloseError::CODES.iter())
        {
            assert_ne!(refusal(code), Msg::RefusedOther, "{code} has no wording");
        }
    }

    #[test]
    fn a_refused_move_reads_in_russian_without_the_servers_english() {
        let e =
            AppError::Refused(Reason::new("role_not_allowed", "finishing work is not allowed for operators"));
        let ru = app_error_text(Locale::Ru, &e);
        assert!(!ru.chars().any(|c| c.is_ascii_alphabetic()), "{ru}");
        assert_eq!(
            app_error_text(Locale::Ru, &AppError::Refused(Reason::new("new_code", "x"))),
            "Изменение отклонено"
        );
    }
}

#[cfg(test)]
mod comment_tests {
    use super::*;

    #[test]
    fn comment_body_errors_cross_the_wire_and_read_in_every_language() {
        use crate::domain::ticket::CommentBodyError;
        use crate::i18n::Locale;
        use leptos::server_fn::error::FromServerFnError;
        for e in [CommentBodyError::Empty, CommentBodyError::TooLong, CommentBodyError::Invalid] {
            let wire = crate::error::AppError::de(crate::error::AppError::from(e).ser());
            assert_eq!(comment_problem(&wire), Some(e));
            for locale in Locale::ALL {
                assert!(!comment_body_error(locale, e).is_empty());
            }
        }
        assert!(comment_body_error(Locale::Ru, CommentBodyError::TooLong).contains("символов"));
        assert_eq!(comment_problem(&crate::error::AppError::Internal), None);
    }
}

/// The first-response buckets of the reports
/// (`domain::report::RESPONSE_BUCKETS`), in working time.
pub fn response_buckets(locale: crate::i18n::Locale) -> [&'static str; 7] {
    [
        Msg::BucketUpTo15Min,
        Msg::Bucket15To30Min,
        Msg::Bucket30MinTo1H,
        Msg::Bucket1To2H,
        Msg::Bucket2To4H,
        Msg::Bucket4To8H,
        Msg::BucketOver8H,
    ]
    .map(|m| m.text(locale))
}
