//! The page's one connection to the live stream, shared by every component
//! that follows it. On the server (rendering) it never connects.

use super::LiveEvent;
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use std::sync::Arc;

/// How the page's connection stands, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    /// Not connected yet (and never, on the server): shows nothing.
    Idle,
    Live,
    /// The connection dropped; it comes back by itself.
    Reconnecting,
    /// The session ended: the stream will not come back.
    SignedOut,
}

/// The live stream of this page, provided once by the app.
#[derive(Clone, Copy)]
pub struct LiveFeed {
    pub state: RwSignal<LiveState>,
}

impl LiveFeed {
    /// Provides the page's feed; the connection opens when the first
    /// component follows it.
    pub fn provide() -> LiveFeed {
        let feed = LiveFeed { state: RwSignal::new(LiveState::Idle) };
        provide_context(feed);
        feed
    }

    /// Calls `on_event` for each event after `from` — the sequence number
    /// the caller's snapshot was read at — for as long as the calling
    /// component lives, and `on_resync` when the snapshot must be reloaded
    /// (too much was missed to replay). Nothing happens on the server.
    pub fn follow(
        &self,
        from: i64,
        on_event: impl Fn(&LiveEvent) + Send + Sync + 'static,
        on_resync: impl Fn() + Send + Sync + 'static,
    ) {
        #[cfg(feature = "hydrate")]
        {
            let id = super::browser::follow(self.state, from, Arc::new(on_event), Arc::new(on_resync));
            on_cleanup(move || super::browser::unfollow(id));
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (from, on_event, on_resync);
        }
    }
}

/// The page's feed, if the app provided one.
pub fn use_live() -> Option<LiveFeed> {
    use_context::<LiveFeed>()
}
