//! The ticket lifecycle: which column a card may move to, and who may move
//! it (SPEC §3). The board's drag and drop, its keyboard moves and menu, and
//! the server all go through [`transition`]; the server checks again.
//!
//! The SPEC §3 table, plus one move it implies elsewhere:
//!
//! | from | to | command | who |
//! |---|---|---|---|
//! | Backlog | Sprint | `TakeIntoSprint` | lead |
//! | Sprint | Backlog | `TakeOutOfSprint` | lead |
//! | Backlog, Sprint | In progress | `StartWork` | operator and above |
//! | In progress | Backlog | `ReturnToBacklog` | operator and above |
//! | In progress | Done | `Finish` | consultant and above |
//! | Done; In progress for consultations | Release | `Release` | operator and above |
//! | Release | Archive | `Accept` | client |
//! | Release | Archive | `AutoArchive` | the system, 10 days after release |
//! | Release | Sprint, In progress | `Reopen` | client, operator and above |
//! | Backlog | Archive | `Reject` (reason required) | operator and above |
//!
//! In progress → Backlog is not in the §3 table, but §1 lets operators move
//! "backlog ↔ in progress", and without it a ticket found to need a developer
//! could never reach the sprint, which only the backlog feeds. The SLA clock
//! keeps running: returning a ticket is not waiting.
//!
//! Sprint → Backlog is not in the table either: it is the lead taking a
//! planned ticket out of its sprint (issue 16: a ticket in the Sprint column
//! belongs to a sprint, so unplanning it returns it to the Backlog).
//!
//! Who may do what is asked of [`Role::can`], never decided here.

use super::{Actor, Category, Permission, Role, Status};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Days after release when an unanswered release is archived (seed 003 §3.6).
pub const AUTO_ARCHIVE_AFTER_DAYS: i64 = 10;

/// When a ticket released at `released_at` is archived if the client has
/// neither accepted nor reopened it: 10 calendar days, not working days.
pub fn auto_archive_at(released_at: DateTime<Utc>) -> DateTime<Utc> {
    released_at + Duration::days(AUTO_ARCHIVE_AFTER_DAYS)
}

/// A request to move a ticket. JSON: `{"command":"reopen","to":"sprint"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    TakeIntoSprint,
    TakeOutOfSprint,
    StartWork,
    ReturnToBacklog,
    Finish,
    Release,
    Accept,
    AutoArchive,
    Reopen { to: Status },
    Reject { reason: String },
}

/// Who may issue a command.
enum Issuer {
    Holder(Permission),
    System,
}

impl Command {
    /// The command a drag (or keyboard move) from `from` to `to` asks for.
    /// A drop on Archive is an acceptance from Release and a rejection from
    /// Backlog; the rejection comes with an empty reason for the UI to ask.
    pub fn for_move(from: Status, to: Status) -> Option<Command> {
        use Status::*;
        let command = match (from, to) {
            (Backlog, Sprint) => Command::TakeIntoSprint,
            (Sprint, Backlog) => Command::TakeOutOfSprint,
            (Backlog | Sprint, InProgress) => Command::StartWork,
            (InProgress, Backlog) => Command::ReturnToBacklog,
            (InProgress, Done) => Command::Finish,
            (Done | InProgress, Release) => Command::Release,
            (Release, Archive) => Command::Accept,
            (Release, Sprint | InProgress) => Command::Reopen { to },
            (Backlog, Archive) => Command::Reject { reason: String::new() },
            _ => return None,
        };
        Some(command)
    }

    /// Whether the move from `from` to `to` is a rejection, which needs a
    /// reason the client will read: the UI asks for it before sending.
    pub fn needs_reason(from: Status, to: Status) -> bool {
        matches!(Command::for_move(from, to), Some(Command::Reject { .. }))
    }

    /// The stable code used in the API and the ticket history.
    pub fn code(&self) -> &'static str {
        match self {
            Command::TakeIntoSprint => "take_into_sprint",
            Command::TakeOutOfSprint => "take_out_of_sprint",
            Command::StartWork => "start_work",
            Command::ReturnToBacklog => "return_to_backlog",
            Command::Finish => "finish",
            Command::Release => "release",
            Command::Accept => "accept",
            Command::AutoArchive => "auto_archive",
            Command::Reopen { .. } => "reopen",
            Command::Reject { .. } => "reject",
        }
    }

    /// The status the ticket ends in.
    pub fn target(&self) -> Status {
        match self {
            Command::TakeIntoSprint => Status::Sprint,
            Command::StartWork => Status::InProgress,
            Command::ReturnToBacklog | Command::TakeOutOfSprint => Status::Backlog,
            Command::Finish => Status::Done,
            Command::Release => Status::Release,
            Command::Accept | Command::AutoArchive | Command::Reject { .. } => Status::Archive,
            Command::Reopen { to } => *to,
        }
    }

    /// The statuses the command applies to, and who may issue it.
    fn rule(&self) -> (&'static [Status], Issuer) {
        use Issuer::*;
        use Status::*;
        match self {
            Command::TakeIntoSprint => (&[Backlog], Holder(Permission::ManageSprints)),
            Command::TakeOutOfSprint => (&[Sprint], Holder(Permission::ManageSprints)),
            Command::StartWork => (&[Backlog, Sprint], Holder(Permission::StartWork)),
            Command::ReturnToBacklog => (&[InProgress], Holder(Permission::StartWork)),
            Command::Finish => (&[InProgress], Holder(Permission::FinishWork)),
            Command::Release => (&[Done, InProgress], Holder(Permission::Release)),
            Command::Accept => (&[Release], Holder(Permission::AcceptRelease)),
            Command::AutoArchive => (&[Release], System),
            Command::Reopen { .. } => (&[Release], Holder(Permission::Reopen)),
            Command::Reject { .. } => (&[Backlog], Holder(Permission::Reject)),
        }
    }

    /// Plain words for error messages.
    fn action(&self) -> &'static str {
        match self {
            Command::TakeIntoSprint => "taking a ticket into the sprint",
            Command::TakeOutOfSprint => "taking a ticket out of its sprint",
            Command::StartWork => "starting work",
            Command::ReturnToBacklog => "returning a ticket to the backlog",
            Command::Finish => "finishing work",
            Command::Release => "releasing",
            Command::Accept => "accepting a release",
            Command::AutoArchive => "automatic archiving",
            Command::Reopen { .. } => "reopening",
            Command::Reject { .. } => "rejecting",
        }
    }
}

/// The longest rejection reason, in characters: the client reads it, and it
/// is stored with the ticket and its history.
pub const MAX_REJECTION_REASON_CHARS: usize = 2000;

/// Why a move was refused, in words the board can show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a ticket cannot move from {} to {}", status_label(*.from), status_label(*.to))]
    NoSuchMove { from: Status, to: Status },
    #[error("{} is not possible for a ticket in {}", .command.action(), status_label(*.from))]
    NotFromStatus { command: Command, from: Status },
    #[error("a released ticket can be reopened into sprint or in progress, not {}", status_label(*.to))]
    InvalidReopenTarget { to: Status },
    #[error(
        "only consultations go straight from in progress to release; {} tickets go to done first",
        category_label(*.category)
    )]
    NotAConsultation { category: Category },
    #[error("{} is not allowed for {}", .command.action(), role_plural(*.role))]
    RoleNotAllowed { role: Role, command: Command },
    #[error("automatic archiving is done by the system only, {AUTO_ARCHIVE_AFTER_DAYS} days after release")]
    SystemOnly,
    #[error("{} is done by a person, not by the system", .command.action())]
    NotForSystem { command: Command },
    #[error("rejecting a ticket needs a reason to show the client")]
    ReasonRequired,
}

impl TransitionError {
    /// A stable name of the refusal, for programs and for wording it in the
    /// reader's language (the `Display` text is English, for API users).
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::NoSuchMove { .. } => "no_such_move",
            TransitionError::NotFromStatus { .. } => "not_from_status",
            TransitionError::InvalidReopenTarget { .. } => "invalid_reopen_target",
            TransitionError::NotAConsultation { .. } => "not_a_consultation",
            TransitionError::RoleNotAllowed { .. } => "role_not_allowed",
            TransitionError::SystemOnly => "system_only",
            TransitionError::NotForSystem { .. } => "not_for_system",
            TransitionError::ReasonRequired => "reason_required",
        }
    }

    /// Every code [`TransitionError::code`] gives.
    pub const CODES: [&'static str; 8] = [
        "no_such_move",
        "not_from_status",
        "invalid_reopen_target",
        "not_a_consultation",
        "role_not_allowed",
        "system_only",
        "not_for_system",
        "reason_required",
    ];
}

/// Applies `command` to a ticket in `status`, or says why not.
pub fn transition(
    status: Status,
    command: &Command,
    actor: Actor,
    category: Category,
) -> Result<Status, TransitionError> {
    let to = check(status, command, actor, category)?;
    if let Command::Reject { reason } = command {
        if reason.trim().is_empty() {
            return Err(TransitionError::ReasonRequired);
        }
    }
    Ok(to)
}

/// Checks a drag from `from` to `to`, everything but the rejection reason,
/// which the UI asks for once the drop is known to be allowed. Returns the
/// command to send.
pub fn check_move(
    from: Status,
    to: Status,
    actor: Actor,
    category: Category,
) -> Result<Command, TransitionError> {
    let command = Command::for_move(from, to).ok_or(TransitionError::NoSuchMove { from, to })?;
    check(from, &command, actor, category)?;
    Ok(command)
}

/// The columns a card may be dropped on: drop targets and the card's menu.
pub fn allowed_moves(from: Status, actor: Actor, category: Category) -> Vec<Status> {
    Status::ALL.iter().copied().filter(|to| check_move(from, *to, actor, category).is_ok()).collect()
}

/// Whether a card in `status` may be put waiting for the client (info,
/// approval, payment). Every column before Release may: work can stop for
/// the client anywhere up to delivery, including a finished ticket held in
/// Done until an invoice is paid. In Release the resolution clock has
/// already stopped and the client is the one checking, so there is nothing
/// to pause; Archive is closed.
pub fn can_wait(status: Status) -> bool {
    matches!(status, Status::Backlog | Status::Sprint | Status::InProgress | Status::Done)
}

/// The transition rules without the reason check. Order matters for the
/// message: first whether the move exists at all, then who may make it.
fn check(
    status: Status,
    command: &Command,
    actor: Actor,
    category: Category,
) -> Result<Status, TransitionError> {
    let (sources, issuer) = command.rule();
    if !sources.contains(&status) {
        return Err(TransitionError::NotFromStatus { command: command.clone(), from: status });
    }
    if let Command::Reopen { to } = command {
        if !matches!(to, Status::Sprint | Status::InProgress) {
            return Err(TransitionError::InvalidReopenTarget { to: *to });
        }
    }
    if matches!(command, Command::Release)
        && status == Status::InProgress
        && category != Category::Consultation
    {
        return Err(TransitionError::NotAConsultation { category });
    }
    match (issuer, actor) {
        (Issuer::System, Actor::System) => {}
        (Issuer::System, Actor::User(_)) => return Err(TransitionError::SystemOnly),
        (Issuer::Holder(_), Actor::System) => {
            return Err(TransitionError::NotForSystem { command: command.clone() })
        }
        (Issuer::Holder(permission), Actor::User(role)) => {
            if !role.can(permission) {
                return Err(TransitionError::RoleNotAllowed { role, command: command.clone() });
            }
        }
    }
    Ok(command.target())
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Backlog => "backlog",
        Status::Sprint => "sprint",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::Release => "release",
        Status::Archive => "archive",
    }
}

fn category_label(category: Category) -> &'static str {
    match category {
        Category::Incident => "incident",
        Category::ChangeRequest => "change request",
        Category::Consultation => "consultation",
        Category::DocumentationRequest => "documentation request",
    }
}

fn role_plural(role: Role) -> &'static str {
    match role {
        Role::Client => "clients",
        Role::Operator => "operators",
        Role::Consultant => "consultants",
        Role::Lead => "leads",
        Role::Admin => "admins",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use Role::*;
    use Status::*;

    #[test]
    fn every_refusal_has_its_own_listed_code() {
        let all = [
            TransitionError::NoSuchMove { from: Backlog, to: Release },
            TransitionError::NotFromStatus { command: Command::Accept, from: Backlog },
            TransitionError::InvalidReopenTarget { to: Done },
            TransitionError::NotAConsultation { category: Category::Incident },
            TransitionError::RoleNotAllowed { role: Client, command: Command::Accept },
            TransitionError::SystemOnly,
            TransitionError::NotForSystem { command: Command::Accept },
            TransitionError::ReasonRequired,
        ];
        let codes: std::collections::HashSet<&str> = all.iter().map(TransitionError::code).collect();
        assert_eq!(codes.len(), all.len(), "codes are distinct");
        assert_eq!(codes, TransitionError::CODES.into_iter().collect(), "CODES lists exactly these");
    }

    /// SPEC §3 row by row (plus the documented In progress → Backlog),
    /// written independently of the code above: (from, to, who,
    /// consultations only). Acceptance and auto-archiving share
    /// Release → Archive; a drag is the client's acceptance.
    const TABLE: &[(Status, Status, &[Role], bool)] = &[
        (Backlog, Sprint, &[Lead], false),
        (Sprint, Backlog, &[Lead], false),
        (Backlog, InProgress, &[Operator, Consultant, Lead], false),
        (Sprint, InProgress, &[Operator, Consultant, Lead], false),
        (InProgress, Backlog, &[Operator, Consultant, Lead], false),
        (InProgress, Done, &[Consultant, Lead], false),
        (Done, Release, &[Operator, Consultant, Lead], false),
        (InProgress, Release, &[Operator, Consultant, Lead], true),
        (Release, Archive, &[Client], false),
        (Release, Sprint, &[Client, Operator, Consultant, Lead], false),
        (Release, InProgress, &[Client, Operator, Consultant, Lead], false),
        (Backlog, Archive, &[Operator, Consultant, Lead], false),
    ];

    fn actors() -> Vec<Actor> {
        let mut all: Vec<Actor> = Role::ALL.iter().map(|r| Actor::User(*r)).collect();
        all.push(Actor::System);
        all
    }

    fn with_reason(command: Command) -> Command {
        match command {
            Command::Reject { .. } => Command::Reject { reason: "duplicate of SUP-1041".into() },
            other => other,
        }
    }

    #[test]
    fn every_move_for_every_actor_and_category_follows_the_table() {
        let mut allowed = 0;
        for from in Status::ALL {
            for to in Status::ALL {
                for actor in actors() {
                    for category in Category::ALL {
                        let row = TABLE.iter().find(|r| r.0 == *from && r.1 == *to);
                        let got = Command::for_move(*from, *to)
                            .ok_or(TransitionError::NoSuchMove { from: *from, to: *to })
                            .and_then(|c| transition(*from, &with_reason(c), actor, *category));
                        let case = format!("{from} → {to} by {actor} ({category})");
                        match row {
                            None => assert_eq!(
                                got,
                                Err(TransitionError::NoSuchMove { from: *from, to: *to }),
                                "{case}"
                            ),
                            Some((_, _, _, true)) if *category != Category::Consultation => {
                                assert_eq!(
                                    got,
                                    Err(TransitionError::NotAConsultation { category: *category }),
                                    "{case}"
                                )
                            }
                            Some((_, _, who, _)) => match actor {
                                Actor::System => assert!(
                                    matches!(got, Err(TransitionError::NotForSystem { .. })),
                                    "{case}: {got:?}"
                                ),
                                Actor::User(role) if who.contains(&role) => {
                                    assert_eq!(got, Ok(*to), "{case}");
                                    allowed += 1;
                                }
                                Actor::User(role) => assert!(
                                    matches!(
                                        &got,
                                        Err(TransitionError::RoleNotAllowed { role: r, .. }) if *r == role
                                    ),
                                    "{case}: {got:?}"
                                ),
                            },
                        }
                    }
                }
            }
        }
        // 11 rows open to any category, one to consultations only.
        let per_category: usize = TABLE.iter().filter(|r| !r.3).map(|r| r.2.len()).sum();
        let consultation_only: usize = TABLE.iter().filter(|r| r.3).map(|r| r.2.len()).sum();
        assert_eq!(allowed, per_category * Category::ALL.len() + consultation_only);
    }

    #[test]
    fn every_command_from_every_status_agrees_with_the_drag_mapping() {
        let commands = [
            Command::TakeIntoSprint,
            Command::TakeOutOfSprint,
            Command::StartWork,
            Command::ReturnToBacklog,
            Command::Finish,
            Command::Release,
            Command::Accept,
            Command::Reopen { to: Sprint },
            Command::Reopen { to: InProgress },
            Command::Reject { reason: "spam".into() },
        ];
        for from in Status::ALL {
            for command in &commands {
                for actor in actors() {
                    for category in Category::ALL {
                        let direct = transition(*from, command, actor, *category);
                        let to = command.target();
                        if let Ok(result) = &direct {
                            assert_eq!(*result, to);
                            assert_eq!(
                                Command::for_move(*from, to).map(|c| c.code()),
                                Some(command.code()),
                                "{from} → {to}"
                            );
                        }
                        let legal_source = TABLE.iter().any(|r| r.0 == *from && r.1 == to);
                        if !legal_source {
                            assert!(
                                matches!(direct, Err(TransitionError::NotFromStatus { .. })),
                                "{} from {from}: {direct:?}",
                                command.code()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn auto_archive_is_the_systems_alone_and_only_from_release() {
        for from in Status::ALL {
            for actor in actors() {
                let got = transition(*from, &Command::AutoArchive, actor, Category::Incident);
                let expected = match (from, actor) {
                    (Release, Actor::System) => Ok(Archive),
                    (Release, Actor::User(_)) => Err(TransitionError::SystemOnly),
                    _ => Err(TransitionError::NotFromStatus { command: Command::AutoArchive, from: *from }),
                };
                assert_eq!(got, expected, "{from} by {actor}");
            }
        }
    }

    #[test]
    fn auto_archive_time_is_ten_calendar_days() {
        let released = Utc.with_ymd_and_hms(2025, 12, 26, 15, 30, 0).unwrap();
        assert_eq!(auto_archive_at(released), Utc.with_ymd_and_hms(2026, 1, 5, 15, 30, 0).unwrap());
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        for reason in ["", "   ", "\n\t"] {
            let command = Command::Reject { reason: reason.into() };
            assert_eq!(
                transition(Backlog, &command, Operator.into(), Category::Incident),
                Err(TransitionError::ReasonRequired)
            );
        }
        let command = Command::Reject { reason: "The form was filled in wrongly (seed 003 §3.3)".into() };
        assert_eq!(transition(Backlog, &command, Operator.into(), Category::Incident), Ok(Archive));
        assert_eq!(
            TransitionError::ReasonRequired.to_string(),
            "rejecting a ticket needs a reason to show the client"
        );
    }

    #[test]
    fn a_client_rejecting_hears_about_the_role_not_the_reason() {
        let command = Command::Reject { reason: String::new() };
        assert!(matches!(
            transition(Backlog, &command, Client.into(), Category::Incident),
            Err(TransitionError::RoleNotAllowed { role: Client, .. })
        ));
    }

    #[test]
    fn reopen_only_into_sprint_or_in_progress() {
        for to in [Backlog, Done, Release, Archive] {
            assert_eq!(
                transition(Release, &Command::Reopen { to }, Client.into(), Category::Incident),
                Err(TransitionError::InvalidReopenTarget { to })
            );
        }
    }

    #[test]
    fn archive_is_final() {
        for to in Status::ALL {
            assert!(allowed_moves(Archive, Lead.into(), Category::Incident).is_empty());
            assert!(check_move(Archive, *to, Lead.into(), Category::Incident).is_err());
        }
    }

    #[test]
    fn admins_move_nothing() {
        for from in Status::ALL {
            for category in Category::ALL {
                assert!(allowed_moves(*from, Admin.into(), *category).is_empty());
            }
        }
    }

    #[test]
    fn allowed_moves_for_the_card_menu() {
        let incident = Category::Incident;
        assert_eq!(allowed_moves(Backlog, Operator.into(), incident), vec![InProgress, Archive]);
        assert_eq!(allowed_moves(Backlog, Lead.into(), incident), vec![Sprint, InProgress, Archive]);
        assert_eq!(allowed_moves(InProgress, Operator.into(), incident), vec![Backlog]);
        assert_eq!(allowed_moves(Sprint, Lead.into(), incident), vec![Backlog, InProgress]);
        assert_eq!(allowed_moves(Sprint, Operator.into(), incident), vec![InProgress]);
        assert_eq!(
            allowed_moves(InProgress, Operator.into(), Category::Consultation),
            vec![Backlog, Release]
        );
        assert_eq!(allowed_moves(InProgress, Consultant.into(), incident), vec![Backlog, Done]);
        assert_eq!(allowed_moves(Release, Client.into(), incident), vec![Sprint, InProgress, Archive]);
        assert_eq!(allowed_moves(Release, Operator.into(), incident), vec![Sprint, InProgress]);
        assert!(allowed_moves(Backlog, Client.into(), incident).is_empty());
        assert!(allowed_moves(Release, Actor::System, incident).is_empty());
    }

    #[test]
    fn check_move_hands_back_the_command_to_send() {
        assert_eq!(
            check_move(Release, Sprint, Client.into(), Category::Incident),
            Ok(Command::Reopen { to: Sprint })
        );
        // The reason is asked for after the drop.
        assert_eq!(
            check_move(Backlog, Archive, Operator.into(), Category::Incident),
            Ok(Command::Reject { reason: String::new() })
        );
        assert_eq!(
            check_move(Done, InProgress, Lead.into(), Category::Incident),
            Err(TransitionError::NoSuchMove { from: Done, to: InProgress })
        );
        assert_eq!(Command::for_move(Sprint, Sprint), None);
    }

    #[test]
    fn messages_are_plain_words() {
        let cases = [
            (
                check_move(Done, Backlog, Lead.into(), Category::Incident).unwrap_err(),
                "a ticket cannot move from done to backlog",
            ),
            (
                transition(Done, &Command::Finish, Lead.into(), Category::Incident).unwrap_err(),
                "finishing work is not possible for a ticket in done",
            ),
            (
                transition(InProgress, &Command::Finish, Operator.into(), Category::Incident)
                    .unwrap_err(),
                "finishing work is not allowed for operators",
            ),
            (
                transition(InProgress, &Command::Release, Lead.into(), Category::ChangeRequest)
                    .unwrap_err(),
                "only consultations go straight from in progress to release; change request tickets go to done first",
            ),
            (
                transition(Release, &Command::Reopen { to: Done }, Client.into(), Category::Incident)
                    .unwrap_err(),
                "a released ticket can be reopened into sprint or in progress, not done",
            ),
            (
                transition(Release, &Command::AutoArchive, Client.into(), Category::Incident)
                    .unwrap_err(),
                "automatic archiving is done by the system only, 10 days after release",
            ),
            (
                transition(Release, &Command::Accept, Actor::System, Category::Incident)
                    .unwrap_err(),
                "accepting a release is done by a person, not by the system",
            ),
            (
                transition(Backlog, &Command::TakeIntoSprint, Consultant.into(), Category::Incident)
                    .unwrap_err(),
                "taking a ticket into the sprint is not allowed for consultants",
            ),
        ];
        for (err, message) in cases {
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn waiting_is_possible_in_every_column_before_release() {
        let waiting: Vec<Status> = Status::ALL.iter().copied().filter(|s| can_wait(*s)).collect();
        assert_eq!(waiting, vec![Backlog, Sprint, InProgress, Done]);
    }

    #[test]
    fn command_json_shape() {
        assert_eq!(
            serde_json::to_string(&Command::Reopen { to: InProgress }).unwrap(),
            r#"{"command":"reopen","to":"in_progress"}"#
        );
        assert_eq!(serde_json::to_string(&Command::StartWork).unwrap(), r#"{"command":"start_work"}"#);
        let c: Command = serde_json::from_str(r#"{"command":"reject","reason":"spam"}"#).unwrap();
        assert_eq!(c, Command::Reject { reason: "spam".into() });
        for command in [
            Command::TakeIntoSprint,
            Command::TakeOutOfSprint,
            Command::ReturnToBacklog,
            Command::Finish,
            Command::Release,
            Command::Accept,
            Command::AutoArchive,
        ] {
            let json = serde_json::to_value(&command).unwrap();
            assert_eq!(json["command"], command.code());
        }
    }

    #[test]
    fn only_a_rejection_needs_a_reason() {
        use Status::*;
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(
                    Command::needs_reason(*from, *to),
                    (*from, *to) == (Backlog, Archive),
                    "{from} → {to}"
                );
            }
        }
    }
}
