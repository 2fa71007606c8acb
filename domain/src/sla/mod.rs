//! The SLA engine (SPEC §4): business calendars, working-time arithmetic,
//! pauses, the reaction and resolution clocks, the browser countdown and
//! the policies from the seeds.
//!
//! Pure and deterministic: no I/O, and no reading of the system clock —
//! `now` is always a parameter. The same code runs on the server and, for
//! countdowns, in the browser (WASM), where it counts over a precomputed
//! [`WorkingTimeline`] instead of the tz database.
//!
//! Decisions worth knowing:
//! - Instants count in whole seconds; spans are half-open `[from, to)`.
//! - A budget used up exactly at the end of a working interval is due at
//!   that end (09:00 + 9 h on a 09:00–18:00 day is due 18:00).
//! - Local interval bounds map to UTC date by date: a skipped wall time maps
//!   to the clock change, a repeated one to its first occurrence.
//! - N working days: see [`budget_secs`]. The deadline is the same wall time
//!   on the N-th following working day, counted from the first working
//!   instant; pauses then extend it like any other budget.
//! - While a pause is open, [`deadline`] is [`SlaError::OpenPause`] (unless
//!   the budget ran out before the pause), and the clock reads
//!   [`SlaState::Paused`] with the remaining time frozen and `due: None`.
//! - Searches stop two years ahead ([`SlaError::TooFar`]); nothing hangs.

mod arithmetic;
mod budget;
mod calendar;
mod calendar_cursor;
mod calendar_spec;
mod clock;
mod countdown;
mod counting;
mod explain;
pub mod holidays;
pub mod ical;
mod level;
mod pause;
mod policy;
#[cfg(test)]
mod proptests;
mod timeline;
mod working_hours;
mod zone;

pub use arithmetic::{budget_secs, deadline, next_working_instant, working_time_between, SlaError};
pub use budget::Budget;
pub use calendar::{BusinessCalendar, CalendarPreset};
pub use calendar_cursor::CalendarCursor;
pub use calendar_spec::{parse_day, CalendarError, CalendarSpec, IntervalSpec, WeeklySpec, WEEKDAY_KEYS};
pub use clock::{
    at_risk_secs, AgreedDeadline, ClockKind, ClockPhase, ClockReading, ClockStatus, Milestone, Release,
    SlaClock, SlaState,
};
pub use countdown::{Countdown, CountdownView};
pub use counting::{
    advance, count, counted_intervals, first_counting_instant, AlwaysOn, AlwaysOnCursor, Block,
    IntervalCursor, WorkingIntervals, SEARCH_HORIZON,
};
pub use explain::{explain, Explanation};
pub use level::{check_level_mark, ticket_level, ticket_targets, LevelMarkError, TicketLevel};
pub use pause::{Pause, PauseError, PauseLedger};
pub use policy::{
    presets, smart_systems, ClientCategory, DevelopmentRule, LevelTargets, PausingWaits, SlaLevel, SlaPolicy,
    SupportLevel, TargetRule, Targets, DEFAULT_AT_RISK_FRACTION,
};
pub use timeline::{TimelineCursor, WorkingTimeline};
pub use working_hours::{format_time, parse_time, LocalInterval, END_OF_DAY};
