//! The SLA engine (SPEC §4): business calendars, working-time arithmetic,
//! pauses, the reaction and resolution clocks, the browser countdown and
//! the policies from the seeds.
//!
//! Pure and deterministic: no I/O, and no reading of the system clock —
//! `now` is always a parameter. The same code runs on the server and, for
//! countdowns, in the browser (WASM), where it counts over a precomputed
//! [`WorkingTimeline`] instead of the tz database.

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
pub use calendar_spec::{CalendarError, CalendarSpec, IntervalSpec, WeeklySpec, WEEKDAY_KEYS};
pub use clock::{at_risk_secs, ClockKind, ClockReading, ClockStatus, Release, SlaClock, SlaState};
pub use countdown::{Countdown, CountdownView};
pub use counting::{
    advance, count, counted_intervals, first_counting_instant, AlwaysOn, AlwaysOnCursor, Block,
    IntervalCursor, WorkingIntervals, SEARCH_HORIZON,
};
pub use explain::{explain, Explanation};
pub use pause::{Pause, PauseError, PauseLedger};
pub use policy::{
    presets, ClientCategory, LevelTargets, SlaLevel, SlaPolicy, SupportLevel, TargetRule, Targets,
    DEFAULT_AT_RISK_FRACTION,
};
pub use timeline::{TimelineCursor, WorkingTimeline};
pub use working_hours::{format_time, parse_time, LocalInterval, END_OF_DAY};
