//! Importing holidays from an iCalendar file (RFC 5545), the format every
//! calendar application exports. Only the dates matter: each VEVENT marks
//! the days it covers as holidays.
//!
//! What is read, and why:
//! - folded lines are unfolded (CRLF or LF followed by a space or tab);
//! - only VEVENTs count; VTIMEZONE, VTODO, VALARM… are skipped, even though
//!   some of them carry a DTSTART of their own;
//! - DTSTART is a date (`;VALUE=DATE:20250101`) or a date-time, of which the
//!   date *as written* is taken: a holiday is a calendar date, not an instant;
//! - an all-day event ends before its DTEND (exclusive) and so covers every
//!   date in between; without DTEND it lasts one day, or its DURATION;
//!   a timed event covers the dates from its start to its end, the end date
//!   excluded when the event ends exactly at midnight;
//! - `STATUS:CANCELLED` events are skipped; EXDATE removes occurrences and
//!   RDATE adds them;
//! - RRULE: only `FREQ=YEARLY` is expanded, with optional INTERVAL, COUNT or
//!   UNTIL (and BYMONTH/BYMONTHDAY when they repeat DTSTART's own month and
//!   day, as some exporters write). A recurring event contributes only its
//!   occurrences in 2020–2035, so an endless rule stops at 2035. Any other
//!   rule is refused with an error rather than silently misread.
//!
//! Limits keep an upload from exhausting the server: 1 MiB of text,
//! 10 000 distinct dates, and 100 000 event days counting repeats.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::BTreeSet;

/// The largest file accepted, in bytes.
pub const MAX_ICS_BYTES: usize = 1024 * 1024;
/// The most distinct dates one file may yield.
pub const MAX_DATES: usize = 10_000;
/// The most event days one file may expand to, repeats included, so that
/// thousands of overlapping events cannot keep the importer busy.
pub const MAX_EVENT_DAYS: usize = 100_000;
/// Recurring events yield occurrences in these years only.
pub const RECURRENCE_YEARS: std::ops::RangeInclusive<i32> = 2020..=2035;

/// Why a file could not be imported. Line numbers are 1-based and point at
/// the physical line where the offending (unfolded) line starts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcalError {
    #[error("the file is {bytes} bytes; calendars larger than 1 MiB are not imported")]
    TooLarge { bytes: usize },
    #[error("not an iCalendar file: there is no BEGIN:VCALENDAR")]
    NoCalendar,
    #[error("line {line}: expected NAME:VALUE")]
    MalformedLine { line: usize },
    #[error("line {line}: END:{found} has no matching BEGIN:{found}")]
    UnexpectedEnd { line: usize, found: String },
    #[error("line {line}: END:{found} does not close BEGIN:{open} from line {open_line}")]
    MismatchedEnd { line: usize, found: String, open: String, open_line: usize },
    #[error("BEGIN:{component} on line {line} is never closed by END:{component}")]
    Unterminated { component: String, line: usize },
    #[error("the event starting on line {line} has no DTSTART")]
    MissingStart { line: usize },
    #[error("line {line}: {property} appears twice in the same event")]
    DuplicateProperty { line: usize, property: String },
    #[error("line {line}: \"{value}\" is not a date (expected YYYYMMDD or YYYYMMDDTHHMMSS)")]
    BadDate { line: usize, value: String },
    #[error("line {line}: \"{value}\" is not a duration such as P1D, P2W or PT8H")]
    BadDuration { line: usize, value: String },
    #[error("line {line}: the event ends before it starts")]
    EndBeforeStart { line: usize },
    #[error("line {line}: unsupported RRULE: {reason}")]
    UnsupportedRrule { line: usize, reason: String },
    #[error("the calendar has more than {limit} dates")]
    TooManyDates { limit: usize },
    #[error("the calendar's events cover more than {limit} days in all, counting repeats")]
    TooManyEventDays { limit: usize },
}

/// Every date covered by the file's events, deduplicated and sorted.
pub fn holidays_from_ics(text: &str) -> Result<Vec<NaiveDate>, IcalError> {
    if text.len() > MAX_ICS_BYTES {
        return Err(IcalError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let mut dates = DateSet::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut saw_calendar = false;

    for (line, content) in unfold(text) {
        if content.trim().is_empty() {
            continue;
        }
        // Text outside any VCALENDAR (a mail header, a stray line) is not ours.
        if stack.is_empty() && !is_begin(&content, "VCALENDAR") {
            continue;
        }
        let prop = Property::parse(&content, line)?;
        if prop.is("BEGIN") {
            let component = prop.value.trim().to_ascii_uppercase();
            saw_calendar |= component == "VCALENDAR";
            let event = (component == "VEVENT").then(|| EventDraft::new(line));
            stack.push(Frame { component, line, event });
        } else if prop.is("END") {
            let found = prop.value.trim().to_ascii_uppercase();
            let frame = stack.pop().ok_or_else(|| IcalError::UnexpectedEnd { line, found: found.clone() })?;
            if frame.component != found {
                return Err(IcalError::MismatchedEnd {
                    line,
                    found,
                    open: frame.component,
                    open_line: frame.line,
                });
            }
            if let Some(event) = frame.event {
                event.add_dates_to(&mut dates)?;
            }
        } else if let Some(event) = stack.last_mut().and_then(|f| f.event.as_mut()) {
            event.read(&prop)?;
        }
    }

    // The innermost open component is the one the author forgot to close.
    if let Some(frame) = stack.pop() {
        return Err(IcalError::Unterminated { component: frame.component, line: frame.line });
    }
    if !saw_calendar {
        return Err(IcalError::NoCalendar);
    }
    Ok(dates.dates.into_iter().collect())
}

/// Joins folded lines, yielding each logical line with the number of the
/// physical line it starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, current))) => current.push_str(rest),
            _ => lines.push((index + 1, raw.to_string())),
        }
    }
    lines
}

fn is_begin(content: &str, component: &str) -> bool {
    content.split_once(':').is_some_and(|(name, value)| {
        name.trim().eq_ignore_ascii_case("BEGIN") && value.trim().eq_ignore_ascii_case(component)
    })
}

struct Frame {
    component: String,
    line: usize,
    event: Option<EventDraft>,
}

/// One content line: `NAME;PARAM=…:VALUE`. Parameters are skipped: the value's
/// shape alone tells a date from a date-time.
struct Property {
    name: String,
    value: String,
    line: usize,
}

impl Property {
    fn parse(content: &str, line: usize) -> Result<Property, IcalError> {
        let name_end = content.find([';', ':']).ok_or(IcalError::MalformedLine { line })?;
        let name = &content[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(IcalError::MalformedLine { line });
        }
        // The value starts at the first colon outside a quoted parameter
        // value (ALTREP="http://…" holds colons of its own).
        let mut in_quotes = false;
        let mut value_start = None;
        for (i, c) in content[name_end..].char_indices() {
            match c {
                '"' => in_quotes = !in_quotes,
                ':' if !in_quotes => {
                    value_start = Some(name_end + i + 1);
                    break;
                }
                _ => {}
            }
        }
        let value_start = value_start.ok_or(IcalError::MalformedLine { line })?;
        Ok(Property { name: name.to_ascii_uppercase(), value: content[value_start..].to_string(), line })
    }

    fn is(&self, name: &str) -> bool {
        self.name == name
    }

    fn stamp(&self) -> Result<Stamp, IcalError> {
        Stamp::parse(self.value.trim(), self.line)
    }

    /// A comma-separated list of dates or date-times (EXDATE, RDATE).
    fn dates(&self) -> Result<Vec<NaiveDate>, IcalError> {
        self.value.split(',').map(|v| Stamp::parse(v.trim(), self.line).map(|s| s.at.date())).collect()
    }
}

/// A DTSTART/DTEND value. All-day stamps sit at midnight.
#[derive(Clone, Copy)]
struct Stamp {
    at: NaiveDateTime,
    all_day: bool,
}

impl Stamp {
    fn parse(value: &str, line: usize) -> Result<Stamp, IcalError> {
        let bad = || IcalError::BadDate { line, value: value.to_string() };
        let (date_part, time_part) = match value.split_once(['T', 't']) {
            Some((d, t)) => (d, Some(t)),
            None => (value, None),
        };
        let date = parse_digits_date(date_part).ok_or_else(bad)?;
        match time_part {
            None => Ok(Stamp { at: date.and_time(NaiveTime::MIN), all_day: true }),
            Some(t) => {
                let t = t.strip_suffix(['Z', 'z']).unwrap_or(t);
                let time = parse_digits_time(t).ok_or_else(bad)?;
                Ok(Stamp { at: date.and_time(time), all_day: false })
            }
        }
    }
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_digits_date(s: &str) -> Option<NaiveDate> {
    if !all_digits(s, 8) {
        return None;
    }
    let year = s[..4].parse().ok()?;
    let month = s[4..6].parse().ok()?;
    let day = s[6..].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn parse_digits_time(s: &str) -> Option<NaiveTime> {
    if !all_digits(s, 6) {
        return None;
    }
    let hour = s[..2].parse().ok()?;
    let minute = s[2..4].parse().ok()?;
    // RFC 5545 allows a leap second (60); the date is all we keep anyway.
    let second = s[4..].parse::<u32>().ok()?.min(59);
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `[+]P…`: weeks, or days and an optional time part.
fn parse_duration(value: &str, line: usize) -> Result<Duration, IcalError> {
    let bad = || IcalError::BadDuration { line, value: value.to_string() };
    let body = value.trim();
    let body = body.strip_prefix('+').unwrap_or(body);
    let body = body.strip_prefix('P').ok_or_else(bad)?;
    let mut seconds: i64 = 0;
    let mut in_time = false;
    let mut digits = String::new();
    let mut parts = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'T' if !in_time && digits.is_empty() => in_time = true,
            _ => {
                let n: i64 = digits.parse().map_err(|_| bad())?;
                digits.clear();
                let unit = match (in_time, c) {
                    (false, 'W') => 7 * 86_400,
                    (false, 'D') => 86_400,
                    (true, 'H') => 3_600,
                    (true, 'M') => 60,
                    (true, 'S') => 1,
                    _ => return Err(bad()),
                };
                seconds = n.checked_mul(unit).and_then(|s| s.checked_add(seconds)).ok_or_else(bad)?;
                parts += 1;
            }
        }
    }
    if parts == 0 || !digits.is_empty() {
        return Err(bad());
    }
    Duration::try_seconds(seconds).ok_or_else(bad)
}

/// A yearly rule, the only kind a holiday calendar needs.
struct YearlyRule {
    interval: u32,
    count: Option<u32>,
    until: Option<NaiveDate>,
}

impl YearlyRule {
    fn parse(value: &str, start: NaiveDate, line: usize) -> Result<YearlyRule, IcalError> {
        let unsupported = |reason: String| IcalError::UnsupportedRrule { line, reason };
        let mut freq = None;
        let mut rule = YearlyRule { interval: 1, count: None, until: None };
        for part in value.trim().split(';').filter(|p| !p.is_empty()) {
            let (key, val) =
                part.split_once('=').ok_or_else(|| unsupported(format!("\"{part}\" is not KEY=VALUE")))?;
            let key = key.to_ascii_uppercase();
            let number = || {
                val.parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| unsupported(format!("{key}={val} is not a positive number")))
            };
            match key.as_str() {
                "FREQ" => freq = Some(val.to_ascii_uppercase()),
                "INTERVAL" => rule.interval = number()?,
                "COUNT" => rule.count = Some(number()?),
                "UNTIL" => rule.until = Some(Stamp::parse(val, line)?.at.date()),
                // The week start changes nothing for a yearly date.
                "WKST" => {}
                "BYMONTH" if number()? == start.month() => {}
                "BYMONTHDAY" if number()? == start.day() => {}
                _ => {
                    return Err(unsupported(format!(
                        "{key} is not supported; only FREQ=YEARLY with INTERVAL, COUNT or UNTIL"
                    )))
                }
            }
        }
        match freq.as_deref() {
            Some("YEARLY") => {}
            Some(other) => {
                return Err(unsupported(format!("FREQ={other} is not supported; only FREQ=YEARLY")))
            }
            None => return Err(unsupported("FREQ is missing".to_string())),
        }
        if rule.count.is_some() && rule.until.is_some() {
            return Err(unsupported("COUNT and UNTIL cannot both be set".to_string()));
        }
        Ok(rule)
    }

    /// Occurrence start dates within [`RECURRENCE_YEARS`]. Years without the
    /// date (29 February) are skipped and not counted, as RFC 5545 requires.
    fn occurrences(&self, start: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut counted = 0;
        // i64: a huge INTERVAL must not wrap the year around.
        let mut year = i64::from(start.year());
        while year <= i64::from(*RECURRENCE_YEARS.end()) {
            if self.count.is_some_and(|c| counted >= c) {
                break;
            }
            // In range: at most the last recurrence year.
            let this_year = year as i32;
            if let Some(date) = start.with_year(this_year) {
                if self.until.is_some_and(|u| date > u) {
                    break;
                }
                counted += 1;
                if RECURRENCE_YEARS.contains(&this_year) {
                    out.push(date);
                }
            }
            year += i64::from(self.interval);
        }
        out
    }
}

/// The properties of one VEVENT, collected until its END.
struct EventDraft {
    line: usize,
    start: Option<(Stamp, usize)>,
    end: Option<(Stamp, usize)>,
    duration: Option<(Duration, usize)>,
    rrule: Option<(String, usize)>,
    rdates: Vec<NaiveDate>,
    // A set: a hostile file may list tens of thousands of exceptions.
    exdates: BTreeSet<NaiveDate>,
    cancelled: bool,
}

impl EventDraft {
    fn new(line: usize) -> EventDraft {
        EventDraft {
            line,
            start: None,
            end: None,
            duration: None,
            rrule: None,
            rdates: Vec::new(),
            exdates: BTreeSet::new(),
            cancelled: false,
        }
    }

    fn read(&mut self, prop: &Property) -> Result<(), IcalError> {
        let once = |taken: bool| {
            if taken {
                Err(IcalError::DuplicateProperty { line: prop.line, property: prop.name.clone() })
            } else {
                Ok(())
            }
        };
        match prop.name.as_str() {
            "DTSTART" => {
                once(self.start.is_some())?;
                self.start = Some((prop.stamp()?, prop.line));
            }
            "DTEND" => {
                once(self.end.is_some())?;
                self.end = Some((prop.stamp()?, prop.line));
            }
            "DURATION" => {
                once(self.duration.is_some())?;
                self.duration = Some((parse_duration(&prop.value, prop.line)?, prop.line));
            }
            "RRULE" => {
                once(self.rrule.is_some())?;
                self.rrule = Some((prop.value.clone(), prop.line));
            }
            "RDATE" => self.rdates.extend(prop.dates()?),
            "EXDATE" => self.exdates.extend(prop.dates()?),
            "STATUS" => self.cancelled = prop.value.trim().eq_ignore_ascii_case("CANCELLED"),
            _ => {}
        }
        Ok(())
    }

    fn add_dates_to(self, dates: &mut DateSet) -> Result<(), IcalError> {
        let (start, _) = self.start.ok_or(IcalError::MissingStart { line: self.line })?;
        // Checked even for cancelled events: a broken file is reported whole.
        let span_days = self.span_days(start)?;
        let mut starts: Vec<NaiveDate> = match &self.rrule {
            Some((rule, line)) => {
                YearlyRule::parse(rule, start.at.date(), *line)?.occurrences(start.at.date())
            }
            None => vec![start.at.date()],
        };
        if self.cancelled {
            return Ok(());
        }
        starts.extend(&self.rdates);
        for first in starts.into_iter().filter(|d| !self.exdates.contains(d)) {
            for offset in 0..=span_days {
                let date = first
                    .checked_add_signed(Duration::days(offset))
                    .ok_or(IcalError::TooManyDates { limit: MAX_DATES })?;
                dates.insert(date)?;
            }
        }
        Ok(())
    }

    /// How many days after its start date the event's last date falls.
    fn span_days(&self, start: Stamp) -> Result<i64, IcalError> {
        let (end, line) = match (self.end, self.duration) {
            // DTEND wins if an exporter wrote both.
            (Some((end, line)), _) => (end.at, line),
            (None, Some((duration, line))) => (
                start
                    .at
                    .checked_add_signed(duration)
                    .ok_or(IcalError::BadDuration { line, value: duration.to_string() })?,
                line,
            ),
            (None, None) if start.all_day => (
                start
                    .at
                    .checked_add_signed(Duration::days(1))
                    .ok_or(IcalError::TooManyDates { limit: MAX_DATES })?,
                self.line,
            ),
            (None, None) => (start.at, self.line),
        };
        if end < start.at {
            return Err(IcalError::EndBeforeStart { line });
        }
        // An end at midnight is exclusive: the event is over as that day begins.
        let last = if end > start.at && end.time() == NaiveTime::MIN {
            end.date() - Duration::days(1)
        } else {
            end.date()
        };
        Ok((last - start.at.date()).num_days())
    }
}

/// The collected dates, refusing to grow past [`MAX_DATES`] distinct dates
/// or [`MAX_EVENT_DAYS`] insertions.
#[derive(Default)]
struct DateSet {
    dates: BTreeSet<NaiveDate>,
    inserted: usize,
}

impl DateSet {
    fn insert(&mut self, date: NaiveDate) -> Result<(), IcalError> {
        self.inserted += 1;
        if self.inserted > MAX_EVENT_DAYS {
            return Err(IcalError::TooManyEventDays { limit: MAX_EVENT_DAYS });
        }
        self.dates.insert(date);
        if self.dates.len() > MAX_DATES {
            return Err(IcalError::TooManyDates { limit: MAX_DATES });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Wraps VEVENT bodies in a calendar, with CRLF line ends as RFC 5545 wants.
    fn calendar(events: &[&str]) -> String {
        let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for body in events {
            out.push_str("BEGIN:VEVENT\r\n");
            for line in body.lines() {
                out.push_str(line.trim());
                out.push_str("\r\n");
            }
            out.push_str("END:VEVENT\r\n");
        }
        out.push_str("END:VCALENDAR\r\n");
        out
    }

    fn all_day(y: i32, m: u32, d: u32, days: i64) -> String {
        let start = date(y, m, d);
        let end = start + Duration::days(days);
        format!("DTSTART;VALUE=DATE:{}\nDTEND;VALUE=DATE:{}", start.format("%Y%m%d"), end.format("%Y%m%d"))
    }

    const GOOGLE_EXPORT: &str = "BEGIN:VCALENDAR\r\n\
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
VERSION:2.0\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
X-WR-CALNAME:Праздники РФ\r\n\
X-WR-TIMEZONE:Europe/Moscow\r\n\
X-WR-CALDESC:Праздники и памятные даты в России\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:Europe/Moscow\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0300\r\n\
TZOFFSETTO:+0300\r\n\
TZNAME:MSK\r\n\
DTSTART:19700101T000000\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n\
BEGIN:VEVENT\r\n\
DTSTART;VALUE=DATE:20250101\r\n\
DTEND;VALUE=DATE:20250109\r\n\
DTSTAMP:20241120T101500Z\r\n\
UID:20250101_ru_newyear@google.com\r\n\
CLASS:PUBLIC\r\n\
CREATED:20240101T000000Z\r\n\
DESCRIPTION:Нерабочие праздничные дни (ст. 112 Трудового кодекса Российско\r\n\
\x20й Федерации)\\, включая Рождество Христово 7 января\r\n\
LAST-MODIFIED:20240101T000000Z\r\n\
SEQUENCE:0\r\n\
STATUS:CONFIRMED\r\n\
SUMMARY:Новогодние каникулы\r\n\
TRANSP:TRANSPARENT\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTSTART;VALUE=DATE:20250223\r\n\
DTEND;VALUE=DATE:20250224\r\n\
UID:20250223_ru@google.com\r\n\
SUMMARY:День защитника Отечества\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTSTART;VALUE=DATE:20250508\r\n\
DTEND;VALUE=DATE:20250509\r\n\
UID:20250508_ru@google.com\r\n\
SUMMARY:Выходной (перенесён с 23 февраля)\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTSTART;VALUE=DATE:20250509\r\n\
UID:20250509_ru@google.com\r\n\
SUMMARY:День Победы\r\n\
BEGIN:VALARM\r\n\
ACTION:DISPLAY\r\n\
TRIGGER:-P1D\r\n\
DESCRIPTION:Reminder\r\n\
END:VALARM\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTSTART;VALUE=DATE:20251104\r\n\
DTEND;VALUE=DATE:20251105\r\n\
UID:20251104_ru@google.com\r\n\
SUMMARY:День народного единства\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

    #[test]
    fn reads_a_google_calendar_export() {
        let dates = holidays_from_ics(GOOGLE_EXPORT).unwrap();
        let mut expected: Vec<_> = (1..=8).map(|d| date(2025, 1, d)).collect();
        expected.extend([date(2025, 2, 23), date(2025, 5, 8), date(2025, 5, 9), date(2025, 11, 4)]);
        assert_eq!(dates, expected);
    }

    #[test]
    fn accepts_bare_lf_and_a_byte_order_mark() {
        let text = format!("\u{feff}{}", GOOGLE_EXPORT.replace("\r\n", "\n"));
        assert_eq!(holidays_from_ics(&text).unwrap().len(), 12);
    }

    #[test]
    fn unfolds_lines_split_anywhere_even_inside_the_name() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTST\r\n ART;VALUE=D\r\n\tATE:2025\r\n 0612\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(holidays_from_ics(text).unwrap(), vec![date(2025, 6, 12)]);
    }

    #[test]
    fn multi_day_all_day_event_covers_every_date_before_dtend() {
        let text = calendar(&[&all_day(2025, 12, 30, 4)]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]
        );
    }

    #[test]
    fn all_day_event_with_duration() {
        let text = calendar(&["DTSTART;VALUE=DATE:20260501\nDURATION:P3D"]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)]
        );
        let text = calendar(&["DTSTART;VALUE=DATE:20260501\nDURATION:P1W"]);
        assert_eq!(holidays_from_ics(&text).unwrap().len(), 7);
    }

    #[test]
    fn dtend_equal_to_dtstart_is_one_day() {
        let text = calendar(&["DTSTART;VALUE=DATE:20260612\nDTEND;VALUE=DATE:20260612"]);
        assert_eq!(holidays_from_ics(&text).unwrap(), vec![date(2026, 6, 12)]);
    }

    #[test]
    fn timed_events_give_their_dates_as_written() {
        let text = calendar(&[
            // A quoted parameter value may contain a colon.
            "DTSTART;TZID=\"Europe/Moscow\";X-NOTE=\"a:b\":20250308T090000\nDTEND;TZID=Europe/Moscow:20250308T180000",
            "DTSTART:20250612T210000Z",
            // Ending exactly at midnight does not touch the next day.
            "DTSTART:20251104T000000\nDTEND:20251105T000000",
            // Overnight: both dates.
            "DTSTART:20251231T200000\nDTEND:20260101T020000",
            "DTSTART:20270101T100000\nDURATION:PT8H",
        ]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![
                date(2025, 3, 8),
                date(2025, 6, 12),
                date(2025, 11, 4),
                date(2025, 12, 31),
                date(2026, 1, 1),
                date(2027, 1, 1),
            ]
        );
    }

    #[test]
    fn duplicates_are_merged_and_output_sorted() {
        let text = calendar(&[&all_day(2026, 1, 1, 1), &all_day(2025, 1, 1, 2), &all_day(2026, 1, 1, 1)]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![date(2025, 1, 1), date(2025, 1, 2), date(2026, 1, 1)]
        );
    }

    #[test]
    fn skips_other_components_and_cancelled_events() {
        let text = "BEGIN:VCALENDAR\r\n\
BEGIN:VTODO\r\nDTSTART:20250101T090000\r\nEND:VTODO\r\n\
BEGIN:VJOURNAL\r\nDTSTART;VALUE=DATE:20250102\r\nEND:VJOURNAL\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250103\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250104\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        assert_eq!(holidays_from_ics(text).unwrap(), vec![date(2025, 1, 4)]);
    }

    #[test]
    fn an_empty_calendar_gives_no_dates() {
        assert_eq!(holidays_from_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap(), vec![]);
    }

    #[test]
    fn text_around_the_calendar_is_ignored() {
        let text = format!("Subject: holidays\r\n\r\n{}\r\n-- \r\n", calendar(&[&all_day(2025, 6, 12, 1)]));
        assert_eq!(holidays_from_ics(&text).unwrap(), vec![date(2025, 6, 12)]);
    }

    #[test]
    fn yearly_rule_with_count() {
        let text = calendar(&["DTSTART;VALUE=DATE:20251104\nRRULE:FREQ=YEARLY;COUNT=3"]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![date(2025, 11, 4), date(2026, 11, 4), date(2027, 11, 4)]
        );
    }

    #[test]
    fn yearly_rule_with_until_and_multi_day_occurrences() {
        let text = calendar(&[
            "DTSTART;VALUE=DATE:20250501\nDTEND;VALUE=DATE:20250503\nRRULE:FREQ=YEARLY;UNTIL=20270501T000000Z",
        ]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![
                date(2025, 5, 1),
                date(2025, 5, 2),
                date(2026, 5, 1),
                date(2026, 5, 2),
                date(2027, 5, 1),
                date(2027, 5, 2)
            ]
        );
    }

    #[test]
    fn yearly_rule_is_clipped_to_2020_through_2035() {
        // Outlook style: endless, with BYMONTH/BYMONTHDAY repeating DTSTART.
        let text =
            calendar(&["DTSTART;VALUE=DATE:19990612\nRRULE:FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12;WKST=MO"]);
        let dates = holidays_from_ics(&text).unwrap();
        let expected: Vec<_> = (2020..=2035).map(|y| date(y, 6, 12)).collect();
        assert_eq!(dates, expected);
    }

    #[test]
    fn yearly_rule_interval_exdate_and_rdate() {
        let text = calendar(&[
            "DTSTART;VALUE=DATE:20250101\nRRULE:FREQ=YEARLY;INTERVAL=2;COUNT=3\nEXDATE;VALUE=DATE:20270101\nRDATE;VALUE=DATE:20260105,20260106",
        ]);
        assert_eq!(
            holidays_from_ics(&text).unwrap(),
            vec![date(2025, 1, 1), date(2026, 1, 5), date(2026, 1, 6), date(2029, 1, 1)]
        );
    }

    #[test]
    fn yearly_rule_skips_missing_leap_days_without_counting_them() {
        let text = calendar(&["DTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY;COUNT=2"]);
        assert_eq!(holidays_from_ics(&text).unwrap(), vec![date(2024, 2, 29), date(2028, 2, 29)]);
    }

    #[test]
    fn other_rules_are_refused_with_the_reason() {
        let cases = [
            ("RRULE:FREQ=MONTHLY;COUNT=2", "FREQ=MONTHLY is not supported"),
            ("RRULE:FREQ=YEARLY;BYDAY=1MO", "BYDAY is not supported"),
            ("RRULE:FREQ=YEARLY;BYMONTH=5", "BYMONTH is not supported"),
            ("RRULE:COUNT=2", "FREQ is missing"),
            ("RRULE:FREQ=YEARLY;COUNT=2;UNTIL=20300101", "COUNT and UNTIL"),
            ("RRULE:FREQ=YEARLY;COUNT=0", "COUNT=0 is not a positive number"),
        ];
        for (rule, reason) in cases {
            let text = calendar(&[&format!("DTSTART;VALUE=DATE:20250101\n{rule}")]);
            let err = holidays_from_ics(&text).unwrap_err();
            assert!(matches!(err, IcalError::UnsupportedRrule { line: 6, .. }), "{rule}: {err:?}");
            let message = err.to_string();
            assert!(message.starts_with("line 6: unsupported RRULE"), "{message}");
            assert!(message.contains(reason), "{message}");
        }
    }

    #[test]
    fn refuses_a_file_without_a_calendar() {
        assert_eq!(holidays_from_ics(""), Err(IcalError::NoCalendar));
        assert_eq!(
            holidays_from_ics("BEGIN:VEVENT\r\nDTSTART:20250101\r\nEND:VEVENT\r\n"),
            Err(IcalError::NoCalendar)
        );
        assert_eq!(IcalError::NoCalendar.to_string(), "not an iCalendar file: there is no BEGIN:VCALENDAR");
    }

    #[test]
    fn event_without_dtstart_names_its_line() {
        let text = calendar(&[&all_day(2025, 1, 1, 1), "SUMMARY:Праздник\nDTEND;VALUE=DATE:20250102"]);
        let err = holidays_from_ics(&text).unwrap_err();
        assert_eq!(err, IcalError::MissingStart { line: 8 });
        assert_eq!(err.to_string(), "the event starting on line 8 has no DTSTART");
    }

    #[test]
    fn malformed_dates_name_the_line_and_value() {
        for (value, line) in [
            ("DTSTART;VALUE=DATE:2025-01-01", 5),
            ("DTSTART;VALUE=DATE:20251301", 5),
            ("DTSTART:20250101T250000", 5),
            ("DTSTART;VALUE=DATE:20250101\nEXDATE:2025010", 6),
        ] {
            let err = holidays_from_ics(&calendar(&[value])).unwrap_err();
            assert!(matches!(err, IcalError::BadDate { line: l, .. } if l == line), "{value}: {err:?}");
        }
        let err = holidays_from_ics(&calendar(&["DTSTART;VALUE=DATE:2025-01-01"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 5: \"2025-01-01\" is not a date (expected YYYYMMDD or YYYYMMDDTHHMMSS)"
        );
    }

    #[test]
    fn bad_durations_and_reversed_events_are_refused() {
        let err = holidays_from_ics(&calendar(&["DTSTART;VALUE=DATE:20250101\nDURATION:1D"])).unwrap_err();
        assert_eq!(err, IcalError::BadDuration { line: 6, value: "1D".into() });
        let err = holidays_from_ics(&calendar(&["DTSTART;VALUE=DATE:20250101\nDURATION:-P1D"])).unwrap_err();
        assert!(matches!(err, IcalError::BadDuration { line: 6, .. }));
        let err = holidays_from_ics(&calendar(&["DTSTART;VALUE=DATE:20250105\nDTEND;VALUE=DATE:20250101"]))
            .unwrap_err();
        assert_eq!(err, IcalError::EndBeforeStart { line: 6 });
    }

    #[test]
    fn a_second_dtstart_is_refused() {
        let err = holidays_from_ics(&calendar(&["DTSTART;VALUE=DATE:20250101\nDTSTART;VALUE=DATE:20250102"]))
            .unwrap_err();
        assert_eq!(err.to_string(), "line 6: DTSTART appears twice in the same event");
    }

    #[test]
    fn unterminated_components_are_refused() {
        let err = holidays_from_ics("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\n").unwrap_err();
        assert_eq!(err.to_string(), "BEGIN:VEVENT on line 2 is never closed by END:VEVENT");
        let err = holidays_from_ics("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").unwrap_err();
        assert_eq!(err, IcalError::Unterminated { component: "VCALENDAR".into(), line: 1 });
        let err =
            holidays_from_ics("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\nEND:VCALENDAR\r\n")
                .unwrap_err();
        assert_eq!(err.to_string(), "line 4: END:VCALENDAR does not close BEGIN:VEVENT from line 2");
    }

    #[test]
    fn malformed_lines_inside_the_calendar_are_refused() {
        let err = holidays_from_ics("BEGIN:VCALENDAR\r\nthis is not ical\r\nEND:VCALENDAR\r\n").unwrap_err();
        assert_eq!(err, IcalError::MalformedLine { line: 2 });
        assert_eq!(err.to_string(), "line 2: expected NAME:VALUE");
    }

    #[test]
    fn files_over_one_mebibyte_are_refused_before_parsing() {
        let mut text = calendar(&[]);
        text.push_str(&" ".repeat(MAX_ICS_BYTES));
        assert!(matches!(holidays_from_ics(&text), Err(IcalError::TooLarge { .. })));
    }

    #[test]
    fn more_than_ten_thousand_dates_are_refused() {
        // 10 000 days exactly is fine; one more is not.
        let ok = calendar(&[&all_day(2000, 1, 1, 10_000)]);
        assert_eq!(holidays_from_ics(&ok).unwrap().len(), 10_000);
        let too_many = calendar(&[&all_day(2000, 1, 1, 10_001)]);
        assert_eq!(holidays_from_ics(&too_many), Err(IcalError::TooManyDates { limit: MAX_DATES }));
        // Overlapping events stop once they add up to too many days.
        let long = all_day(2020, 1, 1, 9_000);
        let overlapping: Vec<&str> = std::iter::repeat_n(long.as_str(), 12).collect();
        assert_eq!(
            holidays_from_ics(&calendar(&overlapping)),
            Err(IcalError::TooManyEventDays { limit: MAX_EVENT_DAYS })
        );
        // A span far beyond the limit stops early instead of allocating it all.
        let huge = calendar(&["DTSTART;VALUE=DATE:00010101\nDTEND;VALUE=DATE:99991231"]);
        assert_eq!(holidays_from_ics(&huge), Err(IcalError::TooManyDates { limit: MAX_DATES }));
    }

    /// Folds a line every `width` bytes (on char boundaries), as exporters do.
    fn fold(line: &str, width: usize, eol: &str) -> String {
        let mut out = String::new();
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > width {
                out.push_str(eol);
                out.push(' ');
                used = 1;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out
    }

    proptest! {
        #[test]
        fn any_set_of_dates_survives_export_folding_and_line_ends(
            days in proptest::collection::vec(0i64..15_000, 0..40),
            width in 2usize..80,
            crlf in any::<bool>(),
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let base = date(2000, 1, 1);
            let expected: BTreeSet<NaiveDate> = days.iter().map(|d| base + Duration::days(*d)).collect();
            let mut text = String::new();
            for line in ["BEGIN:VCALENDAR", "X-WR-CALNAME:Производственный календарь"] {
                text.push_str(&fold(line, width, eol));
                text.push_str(eol);
            }
            for d in &days {
                let day = base + Duration::days(*d);
                for line in [
                    "BEGIN:VEVENT".to_string(),
                    format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
                    format!("SUMMARY:Выходной день {}", day),
                    "END:VEVENT".to_string(),
                ] {
                    text.push_str(&fold(&line, width, eol));
                    text.push_str(eol);
                }
            }
            text.push_str("END:VCALENDAR");
            text.push_str(eol);
            let got = holidays_from_ics(&text).unwrap();
            prop_assert_eq!(got, expected.into_iter().collect::<Vec<_>>());
        }

        #[test]
        fn never_panics_on_arbitrary_text(text in "(BEGIN:VCALENDAR\r\n)?[ -~\r\n\t]{0,400}") {
            let _ = holidays_from_ics(&text);
        }
    }
}
