//! Working time as people read it: "2 h 05 min" on a badge, "2 часа 5 минут"
//! in a sentence.
//!
//! Durations never roll over into days: SLA budgets are counted in working
//! hours (a working day is 8 or 9 of them, depending on the calendar), so
//! "30 h" is what the contract says, where "1 day 6 h" would mislead.
//! The badge rounds to what matters (issue 17): seconds only in the last
//! hour, minutes in the last day, whole hours beyond — "24 h 00 min 00 s"
//! on a deadline a week away said nothing anyone needed.
//! The sign is dropped: the caller says "left" or "overdue" (see `phrases`).

use super::count::{count_label, Noun};
use super::locale::Locale;

/// Whole hours, minutes and seconds of `secs`, sign dropped.
fn split(secs: i64) -> (u64, u64, u64) {
    let secs = secs.unsigned_abs();
    (secs / 3600, secs / 60 % 60, secs % 60)
}

/// Short unit symbols; a badge has no room for declined words, and these
/// symbols do not decline.
fn unit_symbols(locale: Locale) -> [&'static str; 3] {
    match locale {
        Locale::En => ["h", "min", "s"],
        Locale::Ru => ["ч", "мин", "с"],
        Locale::Uk => ["год", "хв", "с"],
    }
}

/// Compact working time for the SLA badge: "2 h 05 min 09 s",
/// "45 min 07 s", "7 s"; ru "2 ч 05 мин 09 с", uk "2 год 05 хв 09 с". The
/// smaller units are zero-padded so a ticking countdown does not change
/// width.
pub fn working_duration(locale: Locale, secs: i64) -> String {
    let (hours, minutes, seconds) = split(secs);
    let [h, min, s] = unit_symbols(locale);
    match (hours, minutes) {
        (0, 0) => format!("{seconds} {s}"),
        (0, minutes) => format!("{minutes} {min} {seconds:02} {s}"),
        (hours, minutes) => format!("{hours} {h} {minutes:02} {min} {seconds:02} {s}"),
    }
}

/// Working time rounded to what matters for the badge: "45 min 07 s" in the
/// last hour (it ticks), "5 h 05 min" in the last day, "36 h" beyond (whole
/// hours, rounded down: never more time than there is).
pub fn rounded_duration(locale: Locale, secs: i64) -> String {
    let (hours, minutes, _) = split(secs);
    let [h, min, _] = unit_symbols(locale);
    match hours {
        0 => working_duration(locale, secs),
        1..=23 => format!("{hours} {h} {minutes:02} {min}"),
        _ => format!("{hours} {h}"),
    }
}

/// Working time in words with declined nouns, for sentences, tooltips and
/// screen readers: "2 hours 5 minutes", ru "21 час 2 минуты", uk "5 годин
/// 1 хвилина", "45 minutes 7 seconds".
pub fn working_duration_long(locale: Locale, secs: i64) -> String {
    let (hours, minutes, seconds) = split(secs);
    let parts = if hours > 0 {
        [(hours, Noun::Hour), (minutes, Noun::Minute)]
    } else if minutes > 0 {
        [(minutes, Noun::Minute), (seconds, Noun::Second)]
    } else {
        return count_label(locale, seconds, Noun::Second);
    };
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|&(n, noun)| count_label(locale, n, noun))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const H: i64 = 3600;
    const M: i64 = 60;

    #[test]
    fn compact_english() {
        let cases = [
            (2 * H + 5 * M, "2 h 05 min 00 s"),
            (H, "1 h 00 min 00 s"),
            (H + 59, "1 h 00 min 59 s"),
            (45 * M + 7, "45 min 07 s"),
            (45 * M, "45 min 00 s"),
            (7, "7 s"),
            (0, "0 s"),
            (336 * H + 30 * M + 9, "336 h 30 min 09 s"),
        ];
        for (secs, expected) in cases {
            assert_eq!(working_duration(Locale::En, secs), expected);
        }
    }

    #[test]
    fn compact_russian_and_ukrainian() {
        assert_eq!(working_duration(Locale::Ru, 2 * H + 5 * M + 9), "2 ч 05 мин 09 с");
        assert_eq!(working_duration(Locale::Ru, 45 * M + 7), "45 мин 07 с");
        assert_eq!(working_duration(Locale::Uk, 2 * H + 5 * M), "2 год 05 хв 00 с");
        assert_eq!(working_duration(Locale::Uk, 21 * H), "21 год 00 хв 00 с");
        assert_eq!(working_duration(Locale::Uk, 59), "59 с");
    }

    #[test]
    fn rounded_to_what_matters() {
        let cases = [
            (59 * M + 59, "59 min 59 s"),
            (7, "7 s"),
            (H, "1 h 00 min"),
            (5 * H + 5 * M + 59, "5 h 05 min"),
            (23 * H + 59 * M + 59, "23 h 59 min"),
            (24 * H, "24 h"),
            (167 * H + 59 * M, "167 h"),
        ];
        for (secs, expected) in cases {
            assert_eq!(rounded_duration(Locale::En, secs), expected);
            assert_eq!(rounded_duration(Locale::En, -secs), expected, "the sign is dropped");
        }
        assert_eq!(rounded_duration(Locale::Ru, 5 * H + 5 * M), "5 ч 05 мин");
        assert_eq!(rounded_duration(Locale::Uk, 30 * H + 5 * M), "30 год");
    }

    #[test]
    fn the_sign_is_dropped() {
        assert_eq!(working_duration(Locale::En, -(2 * H + 5 * M)), "2 h 05 min 00 s");
        assert_eq!(working_duration_long(Locale::Ru, -5 * M), "5 минут");
        assert_eq!(working_duration(Locale::En, i64::MIN), "2562047788015215 h 30 min 08 s");
    }

    #[test]
    fn long_forms_decline() {
        let ru = [
            (H, "1 час"),
            (2 * H, "2 часа"),
            (5 * H, "5 часов"),
            (21 * H, "21 час"),
            (11 * H, "11 часов"),
            (M, "1 минута"),
            (2 * M, "2 минуты"),
            (5 * M, "5 минут"),
            (21 * H + 2 * M + 30, "21 час 2 минуты"),
            (3 * M + 1, "3 минуты 1 секунда"),
            (0, "0 секунд"),
        ];
        for (secs, expected) in ru {
            assert_eq!(working_duration_long(Locale::Ru, secs), expected);
        }
        let uk = [
            (H, "1 година"),
            (2 * H, "2 години"),
            (5 * H, "5 годин"),
            (M, "1 хвилина"),
            (2 * M, "2 хвилини"),
            (5 * M, "5 хвилин"),
            (5 * H + M, "5 годин 1 хвилина"),
            (12 * M + 22, "12 хвилин 22 секунди"),
        ];
        for (secs, expected) in uk {
            assert_eq!(working_duration_long(Locale::Uk, secs), expected);
        }
        let en = [
            (H, "1 hour"),
            (2 * H, "2 hours"),
            (2 * H + 5 * M, "2 hours 5 minutes"),
            (45 * M + 7, "45 minutes 7 seconds"),
            (1, "1 second"),
        ];
        for (secs, expected) in en {
            assert_eq!(working_duration_long(Locale::En, secs), expected);
        }
    }

    proptest! {
        #[test]
        fn compact_form_reads_back_to_the_exact_time(secs in 0i64..10_000_000) {
            let text = working_duration(Locale::En, secs);
            let mut total = 0;
            let words: Vec<&str> = text.split(' ').collect();
            for pair in words.chunks(2) {
                let n: i64 = pair[0].parse().unwrap();
                total += n * match pair[1] { "h" => H, "min" => M, _ => 1 };
            }
            prop_assert_eq!(total, secs);
        }
    }
}

/// Calendar time since a ticket came in, for a card without a countdown
/// (a best-effort level): "3 d 04 h", "5 h 07 min"; ru "3 д 04 ч", uk
/// "3 д 04 год". Unlike SLA budgets this is plain elapsed time, so days
/// are whole 24-hour days.
pub fn age(locale: Locale, secs: i64) -> String {
    let secs = secs.max(0);
    let (days, hours, minutes) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60);
    let [h, min, _] = unit_symbols(locale);
    let d = match locale {
        Locale::En => "d",
        Locale::Ru | Locale::Uk => "д",
    };
    if days > 0 {
        format!("{days} {d} {hours:02} {h}")
    } else {
        format!("{hours} {h} {minutes:02} {min}")
    }
}

#[cfg(test)]
mod age_tests {
    use super::*;

    #[test]
    fn age_is_days_and_hours_or_hours_and_minutes() {
        assert_eq!(age(Locale::En, 3 * 86_400 + 4 * 3600 + 59), "3 d 04 h");
        assert_eq!(age(Locale::Ru, 5 * 3600 + 7 * 60), "5 ч 07 мин");
        assert_eq!(age(Locale::Uk, 86_400), "1 д 00 год");
        assert_eq!(age(Locale::En, -10), "0 h 00 min", "a clock skew never reads negative");
    }
}
