//! The UI's languages: Russian, Ukrainian and English, in plain Rust.
//!
//! We keep this instead of `leptos_i18n` to spare its compile cost. It imports
//! no Leptos and reads no clock, so the server (emails, `Accept-Language`), the
//! components and the tests all call the same functions, natively and in WASM.
//!
//! - [`Locale`]: the three languages and header negotiation.
//! - [`Msg`]: every fixed UI string; `Msg::X.text(locale)`.
//! - [`plural()`], [`count_label`]: numbers with correctly declined nouns.
//! - [`phrases`]: sentences that take arguments (`moved_to`, `title_too_long`…).
//! - [`working_duration`], [`wall_time`], [`date_time`]…: times and dates.

pub mod count;
pub mod dates;
pub mod duration;
pub mod locale;
pub mod messages;
pub mod phrases;
pub mod plural;

pub use count::{count_label, noun_form, Noun};
pub use dates::{
    date, date_time, day_and_time, month_genitive, month_name, month_short, month_year, wall_time,
    weekday_short, weekday_time,
};
pub use duration::{age, rounded_duration, working_duration, working_duration_long};
pub use locale::{Locale, UnknownLocale};
pub use messages::Msg;
pub use phrases::{
    at_least_chars, at_most_chars, calendar_year_missing, comment_too_long, due_at, due_on, file_size,
    file_too_large, from_one_to, holidays_imported, max_file_size, moved_by, moved_to, overdue_by,
    overlaps_contract, page_of, remove_file, resumes_at, time_left, title_too_long, unknown_placeholder,
    upload_failed,
};
pub use plural::{plural, Forms, PluralCategory};
