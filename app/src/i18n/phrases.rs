//! UI sentences that take arguments. Each is a function, not a template, so
//! that word order, quotes and declension stay each language's business.

use super::count::{count_label, Noun};
use super::duration::rounded_duration;
use super::locale::Locale;

/// The screen-reader announcement after a card moves. Russian and Ukrainian
/// name the column as a quoted title after "колонку", which spares declining
/// names like "Готово".
pub fn moved_to(locale: Locale, key: &str, column: &str) -> String {
    match locale {
        Locale::En => format!("Moved {key} to {column}"),
        Locale::Ru => format!("{key} перемещено в колонку «{column}»"),
        Locale::Uk => format!("{key} переміщено в колонку «{column}»"),
    }
}

/// A move someone else made, announced for the card the viewer is on:
/// "Anna moved SUP-12 to Done".
pub fn moved_by(locale: Locale, actor: &str, key: &str, column: &str) -> String {
    match locale {
        Locale::En => format!("{actor} moved {key} to {column}"),
        Locale::Ru => format!("{actor}: {key} перемещено в колонку «{column}»"),
        Locale::Uk => format!("{actor}: {key} переміщено в колонку «{column}»"),
    }
}

/// The archive pager: "Page 2 of 5", "Страница 2 из 5", "Сторінка 2 з 5".
pub fn page_of(locale: Locale, page: usize, pages: usize) -> String {
    match locale {
        Locale::En => format!("Page {page} of {pages}"),
        Locale::Ru => format!("Страница {page} из {pages}"),
        Locale::Uk => format!("Сторінка {page} з {pages}"),
    }
}

/// Validation of the create form: "Title is too long (max 200 characters)".
/// "максимум" keeps the count in the nominative, so the usual forms apply.
pub fn title_too_long(locale: Locale, max: u64) -> String {
    let limit = count_label(locale, max, Noun::Character);
    match locale {
        Locale::En => format!("Title is too long (max {limit})"),
        Locale::Ru => format!("Тема слишком длинная (максимум {limit})"),
        Locale::Uk => format!("Тема задовга (максимум {limit})"),
    }
}

/// A comment over the limit: "The comment is too long (max 20,000 characters)."
pub fn comment_too_long(locale: Locale, max: u64) -> String {
    let limit = count_label(locale, max, Noun::Character);
    match locale {
        Locale::En => format!("The comment is too long (max {limit})."),
        Locale::Ru => format!("Комментарий слишком длинный (максимум {limit})."),
        Locale::Uk => format!("Коментар задовгий (максимум {limit})."),
    }
}

/// Working time left on a running clock, rounded to what matters:
/// "2 h 05 min left", "осталось 45 мин 09 с".
pub fn time_left(locale: Locale, secs: i64) -> String {
    let time = rounded_duration(locale, secs);
    match locale {
        Locale::En => format!("{time} left"),
        Locale::Ru => format!("осталось {time}"),
        Locale::Uk => format!("залишилося {time}"),
    }
}

/// Working time past a breached deadline: "overdue by 2 h 05 min".
pub fn overdue_by(locale: Locale, secs: i64) -> String {
    let time = rounded_duration(locale, secs);
    match locale {
        Locale::En => format!("overdue by {time}"),
        Locale::Ru => format!("просрочено на {time}"),
        Locale::Uk => format!("прострочено на {time}"),
    }
}

/// The deadline itself, as the card shows it: "due today 16:30 MSK",
/// "срок пн 8 дек., 14:00"; `when` comes from `dates::day_and_time`.
pub fn due_on(locale: Locale, when: &str) -> String {
    match locale {
        Locale::En => format!("due {when}"),
        Locale::Ru => format!("срок {when}"),
        Locale::Uk => format!("термін {when}"),
    }
}

/// When a clock that stands still outside working hours starts again; `when`
/// comes from `dates::weekday_time` or `dates::wall_time`.
pub fn resumes_at(locale: Locale, when: &str) -> String {
    match locale {
        Locale::En => format!("resumes {when}"),
        Locale::Ru => format!("возобновится {when}"),
        Locale::Uk => format!("відновиться {when}"),
    }
}

/// A deadline on a card; `when` comes from `dates::wall_time`.
pub fn due_at(locale: Locale, when: &str) -> String {
    match locale {
        Locale::En => format!("due {when}"),
        Locale::Ru => format!("до {when}"),
        Locale::Uk => format!("до {when}"),
    }
}

/// An admin form field over its limit: "At most 200 characters."
pub fn at_most_chars(locale: Locale, max: u64) -> String {
    let limit = count_label(locale, max, Noun::Character);
    match locale {
        Locale::En => format!("At most {limit}."),
        Locale::Ru => format!("Не больше {limit}."),
        Locale::Uk => format!("Не більше {limit}."),
    }
}

/// A password under its minimum: "At least 12 characters." ("не меньше"
/// takes the genitive, which the count's own form gives after 12.)
pub fn at_least_chars(locale: Locale, min: u64) -> String {
    let limit = count_label(locale, min, Noun::Character);
    match locale {
        Locale::En => format!("At least {limit}."),
        Locale::Ru => format!("Не меньше {limit}."),
        Locale::Uk => format!("Не менше {limit}."),
    }
}

/// A number outside `1..=max`: "From 1 to 60."
pub fn from_one_to(locale: Locale, max: i64) -> String {
    match locale {
        Locale::En => format!("From 1 to {max}."),
        Locale::Ru => format!("От 1 до {max}."),
        Locale::Uk => format!("Від 1 до {max}."),
    }
}

/// A reply template naming a placeholder nobody fills: "Unknown placeholder {clinet}."
pub fn unknown_placeholder(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Unknown placeholder {{{name}}}."),
        Locale::Ru => format!("Неизвестная подстановка {{{name}}}."),
        Locale::Uk => format!("Невідома підстановка {{{name}}}."),
    }
}

/// A contract period that overlaps another: "Overlaps the contract 2026-01-01 – 2026-12-31."
pub fn overlaps_contract(locale: Locale, period: &str) -> String {
    match locale {
        Locale::En => format!("Overlaps another contract of this organisation ({period})."),
        Locale::Ru => format!("Пересекается с другим договором этой организации ({period})."),
        Locale::Uk => format!("Перетинається з іншим договором цієї організації ({period})."),
    }
}

/// The admin's warning about a calendar in use with nothing entered for a
/// year: "«Mon–Fri 09:00–18:00 Moscow» has no holidays entered for 2027 …".
pub fn calendar_year_missing(locale: Locale, name: &str, year: i32) -> String {
    match locale {
        Locale::En => format!(
            "The calendar «{name}» is in use and has no holidays entered for {year}: its public holidays would count as working days."
        ),
        Locale::Ru => format!(
            "Календарь «{name}» используется, но праздники на {year} год в нём не внесены: праздничные дни будут считаться рабочими."
        ),
        Locale::Uk => format!(
            "Календар «{name}» використовується, але свята на {year} рік у ньому не внесені: святкові дні рахуватимуться робочими."
        ),
    }
}

/// The result of an iCal import: "3 holidays added (11 dates in the file)."
pub fn holidays_imported(locale: Locale, added: u64, in_file: u64) -> String {
    let added = count_label(locale, added, Noun::Holiday);
    let dates = count_label(locale, in_file, Noun::Date);
    match locale {
        Locale::En => format!("Added {added} ({dates} in the file)."),
        Locale::Ru => format!("Добавлено: {added} (в файле {dates})."),
        Locale::Uk => format!("Додано: {added} (у файлі {dates})."),
    }
}

/// A file's size: "20 MB", "1.5 MB", "340 KB", "12 B" ("1,5 МБ" in
/// Russian and Ukrainian). Units are binary (1 MB = 1,048,576 bytes), the
/// way the attachment limit is set.
pub fn file_size(locale: Locale, bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    let (unit, value) = match bytes {
        b if b >= GB => (["GB", "ГБ", "ГБ"], b as f64 / GB as f64),
        b if b >= MB => (["MB", "МБ", "МБ"], b as f64 / MB as f64),
        b if b >= KB => (["KB", "КБ", "КБ"], b as f64 / KB as f64),
        b => (["B", "Б", "Б"], b as f64),
    };
    let unit = match locale {
        Locale::En => unit[0],
        Locale::Ru => unit[1],
        Locale::Uk => unit[2],
    };
    // One decimal below 10 of a unit, none above: "1.5 MB", "340 KB".
    let number = if value >= 10.0 || value.fract() < 0.05 {
        format!("{}", value.round() as u64)
    } else {
        format!("{value:.1}")
    };
    let number = if locale == Locale::En { number } else { number.replace('.', ",") };
    format!("{number} {unit}")
}

/// A file over the attachment limit: "“video.mp4” is larger than 20 MB."
pub fn file_too_large(locale: Locale, name: &str, limit: u64) -> String {
    let limit = file_size(locale, limit);
    match locale {
        Locale::En => format!("“{name}” is larger than the {limit} limit."),
        Locale::Ru => format!("«{name}» больше допустимых {limit}."),
        Locale::Uk => format!("«{name}» більший за допустимі {limit}."),
    }
}

/// A file that was not attached, and why: "“a.svg” was not attached: …".
pub fn upload_failed(locale: Locale, name: &str, reason: &str) -> String {
    match locale {
        Locale::En => format!("“{name}” was not attached: {reason}"),
        Locale::Ru => format!("«{name}» не прикреплён: {reason}"),
        Locale::Uk => format!("«{name}» не прикріплено: {reason}"),
    }
}

/// The label of the button that takes a file off a form.
pub fn remove_file(locale: Locale, name: &str) -> String {
    match locale {
        Locale::En => format!("Remove “{name}”"),
        Locale::Ru => format!("Убрать «{name}»"),
        Locale::Uk => format!("Прибрати «{name}»"),
    }
}

/// The attachment limit under the picker: "Up to 20 MB per file."
pub fn max_file_size(locale: Locale, size: &str) -> String {
    match locale {
        Locale::En => format!("Up to {size} per file."),
        Locale::Ru => format!("До {size} на файл."),
        Locale::Uk => format!("До {size} на файл."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_in_each_language() {
        assert_eq!(file_size(Locale::En, 20 * 1024 * 1024), "20 MB");
        assert_eq!(file_size(Locale::Ru, 1536 * 1024), "1,5 МБ");
        assert_eq!(file_size(Locale::Uk, 340 * 1024 + 100), "340 КБ");
        assert_eq!(file_size(Locale::En, 12), "12 B");
        assert_eq!(file_size(Locale::Ru, 3 * 1024 * 1024 * 1024), "3 ГБ");
        assert_eq!(file_too_large(Locale::En, "a.mp4", 20 << 20), "“a.mp4” is larger than the 20 MB limit.");
        assert_eq!(file_too_large(Locale::Ru, "a.mp4", 20 << 20), "«a.mp4» больше допустимых 20 МБ.");
    }

    #[test]
    fn move_announcement() {
        assert_eq!(moved_to(Locale::En, "SUP-1042", "In progress"), "Moved SUP-1042 to In progress");
        assert_eq!(moved_to(Locale::Ru, "SUP-1042", "Готово"), "SUP-1042 перемещено в колонку «Готово»");
        assert_eq!(moved_to(Locale::Uk, "SUP-1042", "В роботі"), "SUP-1042 переміщено в колонку «В роботі»");
    }

    #[test]
    fn title_limit_declines_the_count() {
        assert_eq!(title_too_long(Locale::En, 200), "Title is too long (max 200 characters)");
        assert_eq!(title_too_long(Locale::Ru, 200), "Тема слишком длинная (максимум 200 символов)");
        assert_eq!(title_too_long(Locale::Ru, 121), "Тема слишком длинная (максимум 121 символ)");
        assert_eq!(title_too_long(Locale::Uk, 122), "Тема задовга (максимум 122 символи)");
    }

    #[test]
    fn clock_sentences() {
        let secs = 2 * 3600 + 5 * 60 + 9;
        assert_eq!(time_left(Locale::En, secs), "2 h 05 min left");
        assert_eq!(time_left(Locale::Ru, secs), "осталось 2 ч 05 мин");
        assert_eq!(time_left(Locale::Uk, secs), "залишилося 2 год 05 хв");
        assert_eq!(overdue_by(Locale::En, -secs), "overdue by 2 h 05 min");
        assert_eq!(overdue_by(Locale::Uk, secs), "прострочено на 2 год 05 хв");
        assert_eq!(resumes_at(Locale::En, "Mon 09:00 MSK"), "resumes Mon 09:00 MSK");
        assert_eq!(resumes_at(Locale::Ru, "пн 09:00 MSK"), "возобновится пн 09:00 MSK");
        assert_eq!(due_at(Locale::Uk, "пн 23 лист. 09:00 MSK"), "до пн 23 лист. 09:00 MSK");
    }
}
