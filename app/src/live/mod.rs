//! The live board: what the server streams at `GET /api/events` and how a
//! page follows it. The stream is server-sent events; each message of kind
//! [`kind::TICKET`] carries one [`LiveEvent`] as JSON, its SSE `id` being
//! the event's sequence number in the log, so a reconnecting browser sends
//! `Last-Event-ID` and gets exactly what it missed.

#[cfg(feature = "hydrate")]
mod browser;
mod feed;
mod status;

pub use feed::{use_live, LiveFeed, LiveState};
pub use status::LiveStatus;

use crate::domain::event::TicketEvent;
use serde::{Deserialize, Serialize};

/// One event of the log as a subscriber receives it: only events of
/// tickets the subscriber may see, of a visibility they may read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub seq: i64,
    pub ticket_id: i64,
    /// Unix seconds.
    pub at: i64,
    /// Who made the change; `None` for the system.
    pub actor: Option<String>,
    /// Whether the subscriber made it (from this page or another).
    #[serde(default)]
    pub mine: bool,
    pub event: TicketEvent,
}

/// The SSE event names of the stream.
pub mod kind {
    /// A [`super::LiveEvent`].
    pub const TICKET: &str = "ticket";
    /// Sent first: the stream is live from its `id` on.
    pub const READY: &str = "ready";
    /// The heartbeat, every 15 seconds; its `id` is how far the stream has
    /// read (events the subscriber may not see included), so a quiet
    /// subscriber resumes from near the head.
    pub const PING: &str = "ping";
    /// Too much was missed to replay (a long disconnect, a subscriber that
    /// fell behind): reload the snapshot; the stream goes on from its `id`.
    pub const RESYNC: &str = "resync";
    /// The session ended (signed out elsewhere, password changed, account
    /// disabled): the stream closes and does not come back.
    pub const SIGNED_OUT: &str = "signed_out";
}

/// The query parameter a new `EventSource` names its starting point with
/// (a browser sends `Last-Event-ID` only when it reconnects by itself).
pub const AFTER_PARAM: &str = "after";

/// The stream's path.
pub const PATH: &str = "/api/events";
