//! CLDR plural categories for whole numbers, which is all the UI counts.

use super::locale::Locale;

/// Which word form a number takes. Russian and Ukrainian use `One`, `Few`
/// and `Many` for whole numbers; English uses `One` and `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

/// The CLDR category of a whole number `n` in `locale`.
///
/// Russian and Ukrainian share the rule: 1, 21, 101 take `One`; 2–4, 22–24
/// take `Few`; everything else, including the teens 11–14, takes `Many`.
pub fn plural(locale: Locale, n: u64) -> PluralCategory {
    match locale {
        Locale::En if n == 1 => PluralCategory::One,
        Locale::En => PluralCategory::Other,
        Locale::Ru | Locale::Uk => {
            let (last, last_two) = (n % 10, n % 100);
            if last == 1 && last_two != 11 {
                PluralCategory::One
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                PluralCategory::Few
            } else {
                PluralCategory::Many
            }
        }
    }
}

/// The forms of one word, so that a count picks the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forms<'a> {
    pub one: &'a str,
    pub few: &'a str,
    pub many: &'a str,
    pub other: &'a str,
}

impl<'a> Forms<'a> {
    /// Russian or Ukrainian forms: "1 час", "2 часа", "5 часов". `Other` is
    /// only reached by fractions, which take the `few` form ("1,5 часа").
    pub const fn slavic(one: &'a str, few: &'a str, many: &'a str) -> Self {
        Forms { one, few, many, other: few }
    }

    /// English singular and plural.
    pub const fn english(one: &'a str, other: &'a str) -> Self {
        Forms { one, few: other, many: other, other }
    }

    /// The form for `n` in `locale`.
    pub fn pick(&self, locale: Locale, n: u64) -> &'a str {
        match plural(locale, n) {
            PluralCategory::One => self.one,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => self.other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PluralCategory::{Few, Many, One, Other};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn russian_and_ukrainian_categories() {
        let expected = [
            (0, Many),
            (1, One),
            (2, Few),
            (3, Few),
            (4, Few),
            (5, Many),
            (10, Many),
            (11, Many),
            (12, Many),
            (13, Many),
            (14, Many),
            (15, Many),
            (20, Many),
            (21, One),
            (22, Few),
            (24, Few),
            (25, Many),
            (100, Many),
            (101, One),
            (102, Few),
            (111, Many),
            (112, Many),
            (114, Many),
            (121, One),
            (1001, One),
            (1011, Many),
        ];
        for locale in [Locale::Ru, Locale::Uk] {
            for (n, category) in expected {
                assert_eq!(plural(locale, n), category, "{locale} {n}");
            }
        }
    }

    #[test]
    fn english_categories() {
        for n in [0, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112] {
            assert_eq!(plural(Locale::En, n), Other, "{n}");
        }
        assert_eq!(plural(Locale::En, 1), One);
    }

    #[test]
    fn forms_pick_by_category() {
        let hours = Forms::slavic("час", "часа", "часов");
        assert_eq!(hours.pick(Locale::Ru, 1), "час");
        assert_eq!(hours.pick(Locale::Ru, 2), "часа");
        assert_eq!(hours.pick(Locale::Ru, 5), "часов");
        assert_eq!(hours.pick(Locale::Ru, 21), "час");
        assert_eq!(hours.pick(Locale::Ru, 11), "часов");
        let english = Forms::english("hour", "hours");
        assert_eq!(english.pick(Locale::En, 1), "hour");
        assert_eq!(english.pick(Locale::En, 0), "hours");
        assert_eq!(english.pick(Locale::En, 21), "hours");
    }

    proptest! {
        #[test]
        fn slavic_rule_depends_only_on_the_last_two_digits(n in any::<u64>()) {
            prop_assert_eq!(plural(Locale::Ru, n), plural(Locale::Ru, n % 100));
            prop_assert_eq!(plural(Locale::Ru, n), plural(Locale::Uk, n));
            prop_assert_ne!(plural(Locale::Ru, n), Other);
        }
    }
}
