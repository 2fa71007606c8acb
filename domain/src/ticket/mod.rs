//! Tickets: their vocabulary (status, priority, category…) and the lifecycle.

mod actor;
mod comment;
mod edit;
mod effects;
mod key;
mod kind;
mod lifecycle;
mod new_ticket;
mod order;
mod wip;

pub use actor::{Actor, Permission, Role};
pub use comment::{CommentBody, CommentBodyError, MAX_COMMENT_CHARS};
pub use edit::{
    check_edit, edit_rights, is_assignable, with_message, Edit, EditError, EditRights, EditTarget,
    WaitRequest, MAX_ESTIMATE_HOURS,
};
pub use effects::{
    change_wait, comment_effects, move_events, release_change, CommentEffects, CommentKind, ReleaseChange,
    WaitChange,
};
pub use key::{parse_ticket_key, ticket_key, TICKET_KEY_PREFIX};
pub use kind::{Category, Channel, LevelMark, Priority, Status, UnknownValue, WaitingReason};
pub use lifecycle::{
    allowed_moves, auto_archive_at, can_wait, check_move, transition, Command, TransitionError,
    AUTO_ARCHIVE_AFTER_DAYS, MAX_REJECTION_REASON_CHARS,
};
pub use new_ticket::{
    check_contact_time, check_on_behalf, parse_contact_time, FieldError, FieldErrors, FieldProblem, OnBehalf,
    OnBehalfChoice, OnBehalfFound, TicketDraft, TicketField, TicketTexts, TicketTitle, CLOCK_SKEW_SECS,
    MAX_DESCRIPTION_CHARS, MAX_PRODUCT_VERSION_CHARS, MAX_STEPS_CHARS, MAX_TITLE_CHARS,
};
pub use order::{breach_order, card_order};
pub use wip::{over_limit, WipError, WipLimits};
