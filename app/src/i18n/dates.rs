//! Dates and times in each language's own style, from tables rather than a
//! locale database, so the WASM bundle stays small.
//!
//! Callers convert instants to the wall time of the zone they want shown
//! (calendar or viewer) and pass its abbreviation; nothing here knows about
//! time zones or reads the clock. Times are 24-hour in every locale.

use super::locale::Locale;
use chrono::{Datelike, Month, NaiveDate, NaiveDateTime, Timelike, Weekday};

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_RU: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];
const WEEKDAYS_UK: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_RU: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];
const MONTHS_GENITIVE_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// CLDR's abbreviations after a day number; "мая" is short enough already.
const MONTHS_SHORT_RU: [&str; 12] =
    ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."];
const MONTHS_UK: [&str; 12] = [
    "Січень",
    "Лютий",
    "Березень",
    "Квітень",
    "Травень",
    "Червень",
    "Липень",
    "Серпень",
    "Вересень",
    "Жовтень",
    "Листопад",
    "Грудень",
];
const MONTHS_GENITIVE_UK: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];
const MONTHS_SHORT_UK: [&str; 12] =
    ["січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."];

fn month_index(month: Month) -> usize {
    month.number_from_month() as usize - 1
}

/// The same index for a date's month, without a fallible `Month` conversion.
fn month_index_of(date: &impl Datelike) -> usize {
    date.month0() as usize
}

/// A weekday as a column or calendar header: "Mon", "Пн", "Нд".
pub fn weekday_short(locale: Locale, weekday: Weekday) -> &'static str {
    let table = match locale {
        Locale::En => &WEEKDAYS_EN,
        Locale::Ru => &WEEKDAYS_RU,
        Locale::Uk => &WEEKDAYS_UK,
    };
    table[weekday.num_days_from_monday() as usize]
}

/// Inside a sentence Russian and Ukrainian write weekdays in lower case.
fn weekday_inline(locale: Locale, weekday: Weekday) -> String {
    let name = weekday_short(locale, weekday);
    match locale {
        Locale::En => name.to_string(),
        Locale::Ru | Locale::Uk => name.to_lowercase(),
    }
}

/// A month on its own, as a report title: "November", "Ноябрь", "Листопад".
pub fn month_name(locale: Locale, month: Month) -> &'static str {
    let table = match locale {
        Locale::En => &MONTHS_EN,
        Locale::Ru => &MONTHS_RU,
        Locale::Uk => &MONTHS_UK,
    };
    table[month_index(month)]
}

/// A month after a day number, in full: "23 ноября", "23 листопада".
pub fn month_genitive(locale: Locale, month: Month) -> &'static str {
    genitive_by_index(locale, month_index(month))
}

fn genitive_by_index(locale: Locale, index: usize) -> &'static str {
    let table = match locale {
        Locale::En => &MONTHS_EN,
        Locale::Ru => &MONTHS_GENITIVE_RU,
        Locale::Uk => &MONTHS_GENITIVE_UK,
    };
    table[index]
}

/// A month after a day number, abbreviated: "Nov", "нояб.", "лист.".
pub fn month_short(locale: Locale, month: Month) -> &'static str {
    short_by_index(locale, month_index(month))
}

fn short_by_index(locale: Locale, index: usize) -> &'static str {
    let table = match locale {
        Locale::En => &MONTHS_SHORT_EN,
        Locale::Ru => &MONTHS_SHORT_RU,
        Locale::Uk => &MONTHS_SHORT_UK,
    };
    table[index]
}

/// A month of a year, for monthly reports: "November 2026", "Ноябрь 2026".
pub fn month_year(locale: Locale, year: i32, month: Month) -> String {
    format!("{} {year}", month_name(locale, month))
}

/// A date: "23 Nov 2026", "23 нояб. 2026", "23 лист. 2026".
pub fn date(locale: Locale, date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), short_by_index(locale, month_index_of(&date)), date.year())
}

/// A full timestamp, as in a ticket's history: "23 Nov 2026, 09:00".
pub fn date_time(locale: Locale, local: NaiveDateTime) -> String {
    format!("{}, {}", date(locale, local.date()), clock(local))
}

/// A moment in the coming days with its zone, as a deadline on a card:
/// "Mon 23 Nov 09:00 MSK", ru "пн 23 нояб. 09:00 MSK". An empty
/// `zone_abbr` leaves the zone out.
pub fn wall_time(locale: Locale, local: NaiveDateTime, zone_abbr: &str) -> String {
    let text = format!(
        "{} {} {} {}",
        weekday_inline(locale, local.weekday()),
        local.day(),
        short_by_index(locale, month_index_of(&local)),
        clock(local)
    );
    with_zone(text, zone_abbr)
}

/// A deadline as its reader thinks of it, against their `today`: "today
/// 16:30", "tomorrow 09:00", "yesterday 18:00", else "Mon 8 Dec, 14:00"
/// (with the year when it is not this year's); ru "сегодня 16:30", "пн 8
/// дек., 14:00". An empty `zone_abbr` leaves the zone out.
pub fn day_and_time(locale: Locale, local: NaiveDateTime, today: NaiveDate, zone_abbr: &str) -> String {
    let day = local.date();
    let words = |en, ru, uk| match locale {
        Locale::En => en,
        Locale::Ru => ru,
        Locale::Uk => uk,
    };
    let days = (day - today).num_days();
    let text = match days {
        0 => format!("{} {}", words("today", "сегодня", "сьогодні"), clock(local)),
        1 => format!("{} {}", words("tomorrow", "завтра", "завтра"), clock(local)),
        -1 => format!("{} {}", words("yesterday", "вчера", "вчора"), clock(local)),
        _ => {
            let year = if day.year() == today.year() { String::new() } else { format!(" {}", day.year()) };
            format!(
                "{} {} {}{year}, {}",
                weekday_inline(locale, local.weekday()),
                local.day(),
                short_by_index(locale, month_index_of(&local)),
                clock(local)
            )
        }
    };
    with_zone(text, zone_abbr)
}

/// A moment within the week, as in "resumes Mon 09:00 MSK": "пн 09:00 MSK".
pub fn weekday_time(locale: Locale, local: NaiveDateTime, zone_abbr: &str) -> String {
    let text = format!("{} {}", weekday_inline(locale, local.weekday()), clock(local));
    with_zone(text, zone_abbr)
}

fn clock(local: NaiveDateTime) -> String {
    format!("{:02}:{:02}", local.hour(), local.minute())
}

fn with_zone(text: String, zone_abbr: &str) -> String {
    if zone_abbr.is_empty() {
        text
    } else {
        format!("{text} {zone_abbr}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_read_against_the_readers_today() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let cases = [
            (at(2026, 12, 2, 16, 30), "today 16:30 MSK", "сегодня 16:30 MSK", "сьогодні 16:30 MSK"),
            (at(2026, 12, 3, 9, 0), "tomorrow 09:00 MSK", "завтра 09:00 MSK", "завтра 09:00 MSK"),
            (at(2026, 12, 1, 18, 0), "yesterday 18:00 MSK", "вчера 18:00 MSK", "вчора 18:00 MSK"),
            (at(2026, 12, 7, 14, 0), "Mon 7 Dec, 14:00 MSK", "пн 7 дек., 14:00 MSK", "пн 7 груд., 14:00 MSK"),
            (
                at(2027, 1, 4, 9, 0),
                "Mon 4 Jan 2027, 09:00 MSK",
                "пн 4 янв. 2027, 09:00 MSK",
                "пн 4 січ. 2027, 09:00 MSK",
            ),
        ];
        for (t, en, ru, uk) in cases {
            assert_eq!(day_and_time(Locale::En, t, today, "MSK"), en);
            assert_eq!(day_and_time(Locale::Ru, t, today, "MSK"), ru);
            assert_eq!(day_and_time(Locale::Uk, t, today, "MSK"), uk);
        }
        assert_eq!(day_and_time(Locale::En, at(2026, 12, 2, 9, 5), today, ""), "today 09:05");
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|date| date.and_hms_opt(h, min, 0)).unwrap()
    }

    fn months() -> impl Iterator<Item = Month> {
        (1..=12u8).map(|n| Month::try_from(n).unwrap())
    }

    #[test]
    fn wall_time_in_every_locale() {
        // 23 November 2026 is a Monday.
        let monday = at(2026, 11, 23, 9, 0);
        assert_eq!(wall_time(Locale::En, monday, "MSK"), "Mon 23 Nov 09:00 MSK");
        assert_eq!(wall_time(Locale::Ru, monday, "MSK"), "пн 23 нояб. 09:00 MSK");
        assert_eq!(wall_time(Locale::Uk, monday, "MSK"), "пн 23 лист. 09:00 MSK");
        assert_eq!(wall_time(Locale::En, monday, ""), "Mon 23 Nov 09:00");
        let sunday = at(2026, 5, 3, 18, 5);
        assert_eq!(wall_time(Locale::Ru, sunday, "MSK"), "вс 3 мая 18:05 MSK");
        assert_eq!(wall_time(Locale::Uk, sunday, "EEST"), "нд 3 трав. 18:05 EEST");
    }

    #[test]
    fn weekday_time_for_resumption() {
        let monday = at(2026, 11, 23, 9, 0);
        assert_eq!(weekday_time(Locale::En, monday, "MSK"), "Mon 09:00 MSK");
        assert_eq!(weekday_time(Locale::Uk, monday, "MSK"), "пн 09:00 MSK");
    }

    #[test]
    fn date_time_for_history() {
        let moment = at(2026, 11, 23, 9, 0);
        assert_eq!(date_time(Locale::En, moment), "23 Nov 2026, 09:00");
        assert_eq!(date_time(Locale::Ru, moment), "23 нояб. 2026, 09:00");
        assert_eq!(date_time(Locale::Uk, moment), "23 лист. 2026, 09:00");
        assert_eq!(date(Locale::Ru, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), "1 янв. 2027");
    }

    #[test]
    fn weekdays() {
        let all = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        let names = |locale| all.map(|day| weekday_short(locale, day)).join(" ");
        assert_eq!(names(Locale::En), "Mon Tue Wed Thu Fri Sat Sun");
        assert_eq!(names(Locale::Ru), "Пн Вт Ср Чт Пт Сб Вс");
        assert_eq!(names(Locale::Uk), "Пн Вт Ср Чт Пт Сб Нд");
    }

    #[test]
    fn month_forms() {
        assert_eq!(month_name(Locale::Ru, Month::November), "Ноябрь");
        assert_eq!(month_genitive(Locale::Ru, Month::November), "ноября");
        assert_eq!(month_short(Locale::Ru, Month::November), "нояб.");
        assert_eq!(month_name(Locale::Uk, Month::November), "Листопад");
        assert_eq!(month_genitive(Locale::Uk, Month::November), "листопада");
        assert_eq!(month_short(Locale::Uk, Month::November), "лист.");
        assert_eq!(month_genitive(Locale::En, Month::November), "November");
        assert_eq!(month_short(Locale::En, Month::May), "May");
        assert_eq!(month_year(Locale::Uk, 2026, Month::March), "Березень 2026");
    }

    #[test]
    fn month_tables_are_complete_and_distinct() {
        for locale in Locale::ALL {
            for table in [month_name, month_genitive, month_short] {
                let names: Vec<_> = months().map(|m| table(locale, m)).collect();
                let mut unique = names.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), 12, "{locale}: {names:?}");
            }
        }
    }
}
