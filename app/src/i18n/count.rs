//! Counted nouns: "1 обращение", "2 обращения", "5 обращений".

use super::locale::Locale;
use super::plural::Forms;

/// A noun the UI puts after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Noun {
    /// Russian "обращение" and Ukrainian "звернення", the words of the seed
    /// regulations; "тикет" is jargon our clients do not use.
    Ticket,
    Comment,
    Character,
    /// A calendar day (the automatic archive after release).
    Day,
    /// Escalation deadlines to second-line departments are in working days.
    WorkingDay,
    Hour,
    Minute,
    Second,
    /// Holidays an iCal import added to a calendar.
    Holiday,
    /// Dates found in an iCal file.
    Date,
}

impl Noun {
    pub const ALL: [Noun; 10] = [
        Noun::Ticket,
        Noun::Comment,
        Noun::Character,
        Noun::Day,
        Noun::WorkingDay,
        Noun::Hour,
        Noun::Minute,
        Noun::Second,
        Noun::Holiday,
        Noun::Date,
    ];

    fn forms(self, locale: Locale) -> Forms<'static> {
        use Locale::{En, Ru, Uk};
        match (self, locale) {
            (Noun::Ticket, En) => Forms::english("ticket", "tickets"),
            (Noun::Ticket, Ru) => Forms::slavic("обращение", "обращения", "обращений"),
            // "звернення" is alike in the nominative singular and plural; only
            // the genitive plural differs: "5 звернень".
            (Noun::Ticket, Uk) => Forms::slavic("звернення", "звернення", "звернень"),
            (Noun::Comment, En) => Forms::english("comment", "comments"),
            (Noun::Comment, Ru) => Forms::slavic("комментарий", "комментария", "комментариев"),
            (Noun::Comment, Uk) => Forms::slavic("коментар", "коментарі", "коментарів"),
            (Noun::Character, En) => Forms::english("character", "characters"),
            (Noun::Character, Ru) => Forms::slavic("символ", "символа", "символов"),
            (Noun::Character, Uk) => Forms::slavic("символ", "символи", "символів"),
            (Noun::Day, En) => Forms::english("day", "days"),
            (Noun::Day, Ru) => Forms::slavic("день", "дня", "дней"),
            (Noun::Day, Uk) => Forms::slavic("день", "дні", "днів"),
            (Noun::WorkingDay, En) => Forms::english("working day", "working days"),
            (Noun::WorkingDay, Ru) => Forms::slavic("рабочий день", "рабочих дня", "рабочих дней"),
            (Noun::WorkingDay, Uk) => Forms::slavic("робочий день", "робочі дні", "робочих днів"),
            (Noun::Hour, En) => Forms::english("hour", "hours"),
            (Noun::Hour, Ru) => Forms::slavic("час", "часа", "часов"),
            (Noun::Hour, Uk) => Forms::slavic("година", "години", "годин"),
            (Noun::Holiday, En) => Forms::english("holiday", "holidays"),
            (Noun::Holiday, Ru) => Forms::slavic("праздник", "праздника", "праздников"),
            (Noun::Holiday, Uk) => Forms::slavic("свято", "свята", "свят"),
            (Noun::Date, En) => Forms::english("date", "dates"),
            (Noun::Date, Ru) => Forms::slavic("дата", "даты", "дат"),
            (Noun::Date, Uk) => Forms::slavic("дата", "дати", "дат"),
            (Noun::Minute, En) => Forms::english("minute", "minutes"),
            (Noun::Minute, Ru) => Forms::slavic("минута", "минуты", "минут"),
            (Noun::Minute, Uk) => Forms::slavic("хвилина", "хвилини", "хвилин"),
            (Noun::Second, En) => Forms::english("second", "seconds"),
            (Noun::Second, Ru) => Forms::slavic("секунда", "секунды", "секунд"),
            (Noun::Second, Uk) => Forms::slavic("секунда", "секунди", "секунд"),
        }
    }
}

/// The word alone, for markup that styles the number apart (`<b>5</b> обращений`).
pub fn noun_form(locale: Locale, n: u64, noun: Noun) -> &'static str {
    noun.forms(locale).pick(locale, n)
}

/// The number and the word: "5 tickets", "5 обращений", "5 звернень".
pub fn count_label(locale: Locale, n: u64, noun: Noun) -> String {
    format!("{n} {}", noun_form(locale, n, noun))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn labels(locale: Locale, noun: Noun, counts: &[u64]) -> Vec<String> {
        counts.iter().map(|&n| count_label(locale, n, noun)).collect()
    }

    #[test]
    fn tickets_in_every_locale() {
        let counts = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112];
        assert_eq!(
            labels(Locale::Ru, Noun::Ticket, &counts),
            [
                "0 обращений",
                "1 обращение",
                "2 обращения",
                "4 обращения",
                "5 обращений",
                "11 обращений",
                "12 обращений",
                "14 обращений",
                "21 обращение",
                "22 обращения",
                "25 обращений",
                "101 обращение",
                "111 обращений",
                "112 обращений",
            ]
        );
        assert_eq!(
            labels(Locale::Uk, Noun::Ticket, &counts),
            [
                "0 звернень",
                "1 звернення",
                "2 звернення",
                "4 звернення",
                "5 звернень",
                "11 звернень",
                "12 звернень",
                "14 звернень",
                "21 звернення",
                "22 звернення",
                "25 звернень",
                "101 звернення",
                "111 звернень",
                "112 звернень",
            ]
        );
        assert_eq!(
            labels(Locale::En, Noun::Ticket, &[0, 1, 2, 21]),
            ["0 tickets", "1 ticket", "2 tickets", "21 tickets"]
        );
    }

    #[test]
    fn hours_and_minutes() {
        let counts = [1, 2, 5, 21, 11];
        assert_eq!(
            labels(Locale::Ru, Noun::Hour, &counts),
            ["1 час", "2 часа", "5 часов", "21 час", "11 часов"]
        );
        assert_eq!(
            labels(Locale::Uk, Noun::Hour, &counts),
            ["1 година", "2 години", "5 годин", "21 година", "11 годин"]
        );
        assert_eq!(labels(Locale::Ru, Noun::Minute, &[1, 2, 5]), ["1 минута", "2 минуты", "5 минут"]);
        assert_eq!(labels(Locale::Uk, Noun::Minute, &[1, 2, 5]), ["1 хвилина", "2 хвилини", "5 хвилин"]);
        assert_eq!(labels(Locale::En, Noun::Hour, &[1, 2]), ["1 hour", "2 hours"]);
    }

    #[test]
    fn working_days_decline_the_adjective_too() {
        assert_eq!(
            labels(Locale::Ru, Noun::WorkingDay, &[1, 3, 5]),
            ["1 рабочий день", "3 рабочих дня", "5 рабочих дней"]
        );
        assert_eq!(
            labels(Locale::Uk, Noun::WorkingDay, &[1, 3, 5]),
            ["1 робочий день", "3 робочі дні", "5 робочих днів"]
        );
    }

    #[test]
    fn noun_form_is_the_word_alone() {
        assert_eq!(noun_form(Locale::Ru, 5, Noun::Comment), "комментариев");
        assert_eq!(noun_form(Locale::Uk, 2, Noun::Comment), "коментарі");
    }

    proptest! {
        #[test]
        fn a_label_is_the_number_then_a_nonempty_word(n in any::<u64>()) {
            for locale in Locale::ALL {
                for noun in Noun::ALL {
                    let label = count_label(locale, n, noun);
                    let word = label.strip_prefix(&format!("{n} "));
                    prop_assert!(word.is_some_and(|w| !w.is_empty()));
                }
            }
        }
    }
}
