//! The browser's side of the stream: one `EventSource` per page, opened
//! when the first component follows it and kept across in-app navigation.
//!
//! It remembers the last sequence number read and the recent events, so a
//! component that mounts later (another page of the app) gets what
//! happened after its own snapshot, or a resync when that is no longer
//! known. When the browser gives up on the connection (a non-200 answer,
//! a proxy's 502) it reopens it with backoff from where it stopped.

use super::feed::LiveState;
use super::{kind, LiveEvent, AFTER_PARAM, PATH};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

/// A follower's callbacks: an event it may see, or "reload your snapshot".
pub type OnEvent = Arc<dyn Fn(&LiveEvent) + Send + Sync>;
pub type OnResync = Arc<dyn Fn() + Send + Sync>;

/// Events kept for components that mount after they arrived.
const RECENT: usize = 256;
const FIRST_BACKOFF_MS: u32 = 1_000;
const MAX_BACKOFF_MS: u32 = 30_000;

struct Follower {
    id: u64,
    on_event: OnEvent,
    on_resync: OnResync,
}

#[derive(Default)]
struct Connection {
    state: Option<RwSignal<LiveState>>,
    source: Option<EventSource>,
    /// The open source's listeners, kept alive while it is.
    handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
    on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// How far the stream has been read.
    last: i64,
    /// `recent` holds every event this page may see after this number.
    complete_from: i64,
    recent: VecDeque<LiveEvent>,
    followers: Vec<Follower>,
    next_id: u64,
    backoff_ms: u32,
    reconnect_pending: bool,
    signed_out: bool,
}

thread_local! {
    static CONNECTION: RefCell<Connection> = RefCell::new(Connection::default());
}

fn set_state(state: LiveState) {
    if let Some(signal) = CONNECTION.with_borrow(|c| c.state) {
        if signal.get_untracked() != state {
            signal.set(state);
        }
    }
}

pub fn follow(state: RwSignal<LiveState>, from: i64, on_event: OnEvent, on_resync: OnResync) -> u64 {
    let (id, replay, resync, open) = CONNECTION.with_borrow_mut(|c| {
        c.state = Some(state);
        let id = c.next_id;
        c.next_id += 1;
        let open = c.source.is_none() && !c.reconnect_pending && !c.signed_out;
        let (replay, resync): (Vec<LiveEvent>, bool) = if open {
            c.last = from;
            c.complete_from = from;
            c.recent.clear();
            (Vec::new(), false)
        } else if from >= c.last {
            (Vec::new(), false)
        } else if from >= c.complete_from {
            (c.recent.iter().filter(|e| e.seq > from).cloned().collect(), false)
        } else {
            (Vec::new(), true)
        };
        c.followers.push(Follower { id, on_event: on_event.clone(), on_resync: on_resync.clone() });
        (id, replay, resync, open)
    });
    for event in &replay {
        on_event(event);
    }
    if resync {
        on_resync();
    }
    if open {
        connect();
    }
    id
}

pub fn unfollow(id: u64) {
    CONNECTION.with_borrow_mut(|c| c.followers.retain(|f| f.id != id));
}

fn connect() {
    let url = CONNECTION.with_borrow(|c| format!("{PATH}?{AFTER_PARAM}={}", c.last));
    let source = match EventSource::new(&url) {
        Ok(source) => source,
        Err(_) => {
            schedule_reconnect();
            return;
        }
    };
    let mut handlers = Vec::new();
    for name in [kind::TICKET, kind::READY, kind::PING, kind::RESYNC, kind::SIGNED_OUT] {
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| on_message(name, &ev));
        let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        handlers.push(handler);
    }
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_error());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    CONNECTION.with_borrow_mut(|c| {
        if let Some(old) = c.source.take() {
            old.close();
        }
        c.source = Some(source);
        c.handlers = handlers;
        c.on_error = Some(on_error);
    });
}

fn on_message(name: &str, ev: &MessageEvent) {
    let id = ev.last_event_id().parse::<i64>().ok();
    match name {
        kind::TICKET => {
            let Some(event) = ev.data().as_string().and_then(|d| serde_json::from_str::<LiveEvent>(&d).ok())
            else {
                return;
            };
            let callbacks: Vec<OnEvent> = CONNECTION.with_borrow_mut(|c| {
                if event.seq <= c.last {
                    return Vec::new();
                }
                c.last = event.seq;
                c.recent.push_back(event.clone());
                while c.recent.len() > RECENT {
                    if let Some(gone) = c.recent.pop_front() {
                        c.complete_from = gone.seq;
                    }
                }
                c.followers.iter().map(|f| f.on_event.clone()).collect()
            });
            for callback in callbacks {
                callback(&event);
            }
        }
        kind::READY | kind::PING => {
            CONNECTION.with_borrow_mut(|c| {
                if let Some(id) = id {
                    c.last = c.last.max(id);
                }
                c.backoff_ms = 0;
            });
            set_state(LiveState::Live);
        }
        kind::RESYNC => {
            let callbacks: Vec<OnResync> = CONNECTION.with_borrow_mut(|c| {
                if let Some(id) = id {
                    c.last = id;
                }
                c.recent.clear();
                c.complete_from = c.last;
                c.backoff_ms = 0;
                c.followers.iter().map(|f| f.on_resync.clone()).collect()
            });
            set_state(LiveState::Live);
            for callback in callbacks {
                callback();
            }
        }
        kind::SIGNED_OUT => {
            CONNECTION.with_borrow_mut(|c| {
                c.signed_out = true;
                if let Some(source) = &c.source {
                    source.close();
                }
            });
            set_state(LiveState::SignedOut);
        }
        _ => {}
    }
}

/// The browser reconnects by itself after a dropped connection (sending
/// `Last-Event-ID`); after an answer it cannot use it gives up, and then
/// this page tries again, waiting longer each time.
fn on_error() {
    let closed = CONNECTION
        .with_borrow(|c| c.source.as_ref().map(|s| s.ready_state() == EventSource::CLOSED).unwrap_or(true));
    if CONNECTION.with_borrow(|c| c.signed_out) {
        return;
    }
    set_state(LiveState::Reconnecting);
    if closed {
        schedule_reconnect();
    }
}

fn schedule_reconnect() {
    let wait = CONNECTION.with_borrow_mut(|c| {
        if c.reconnect_pending {
            return None;
        }
        c.reconnect_pending = true;
        if let Some(source) = &c.source {
            source.close();
        }
        c.backoff_ms =
            if c.backoff_ms == 0 { FIRST_BACKOFF_MS } else { (c.backoff_ms * 2).min(MAX_BACKOFF_MS) };
        Some(c.backoff_ms)
    });
    if let Some(ms) = wait {
        gloo_timers::callback::Timeout::new(ms, || {
            // The browser gives up on a 401 too: a session that ended while
            // the stream was down is told apart from a server that is away.
            leptos::task::spawn_local(async {
                let signed_out =
                    matches!(crate::functions::auth::me().await, Err(crate::error::AppError::NotSignedIn));
                CONNECTION.with_borrow_mut(|c| {
                    c.reconnect_pending = false;
                    c.signed_out |= signed_out;
                });
                if signed_out {
                    set_state(LiveState::SignedOut);
                } else {
                    connect();
                }
            });
        })
        .forget();
    }
}
