//! One clock for the whole page. It starts at the server's snapshot instant,
//! so the server-rendered HTML and the first hydrated render show the same
//! countdowns, and then — in the browser only — ticks once a second, corrected
//! by the offset between the browser's clock and the server's (browser clocks
//! are not trusted, SPEC §4).

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// Starts the page clock at `server_now` and returns it as a signal. On the
/// server it never moves; in the browser one timer drives every countdown.
pub fn page_clock(server_now: DateTime<Utc>) -> Signal<DateTime<Utc>> {
    let now = RwSignal::new(server_now);
    #[cfg(feature = "hydrate")]
    ticking::start(now, server_now);
    now.into()
}

#[cfg(feature = "hydrate")]
mod ticking {
    use super::*;
    use crate::functions::time::server_time;
    use chrono::TimeZone;
    use gloo_timers::callback::Interval;
    use send_wrapper::SendWrapper;
    use std::cell::Cell;
    use std::rc::Rc;

    fn browser_ms() -> i64 {
        js_sys::Date::now() as i64
    }

    pub fn start(now: RwSignal<DateTime<Utc>>, server_now: DateTime<Utc>) {
        // First guess of the offset: the snapshot is at most one page load
        // old. A round trip to the server refines it right after.
        let offset = Rc::new(Cell::new(server_now.timestamp_millis() - browser_ms()));
        {
            let offset = offset.clone();
            let offset = SendWrapper::new(offset);
            leptos::task::spawn_local(async move {
                let sent = browser_ms();
                if let Ok(server) = server_time().await {
                    let received = browser_ms();
                    // The server read its clock about half-way through the trip.
                    let midpoint = sent + (received - sent) / 2;
                    offset.set(server.timestamp_millis() - midpoint);
                }
            });
        }
        let tick = move || {
            let corrected = browser_ms() + offset.get();
            if let Some(t) = Utc.timestamp_millis_opt(corrected - corrected.rem_euclid(1000)).single() {
                if now.get_untracked() != t {
                    now.set(t);
                }
            }
        };
        // A quarter-second period keeps the display within 250 ms of the
        // true second boundary while updating the signal once per second.
        let interval = Interval::new(250, tick);
        let interval = SendWrapper::new(interval);
        on_cleanup(move || drop(interval));
    }
}
