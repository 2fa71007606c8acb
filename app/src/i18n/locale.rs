//! The languages the UI speaks, and choosing one from what the browser asks for.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A UI language. The serde form is the ISO 639-1 code, as in `<html lang>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// The fallback when the browser asks for nothing we have.
    #[default]
    En,
    Ru,
    /// "ua" is the country code, but people and some clients use it for the language.
    #[serde(alias = "ua")]
    Uk,
}

/// A language tag that is none of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown locale \"{0}\"")]
pub struct UnknownLocale(pub String);

impl Locale {
    /// In the order the language switcher lists them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Ru, Locale::Uk];

    /// The ISO 639-1 code: for `<html lang>`, cookies and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
            Locale::Uk => "uk",
        }
    }

    /// The language's name in itself, so a user who cannot read the current
    /// UI language still finds their own in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ru => "Русский",
            Locale::Uk => "Українська",
        }
    }

    /// Picks the best of our locales for an HTTP `Accept-Language` header
    /// (`"uk-UA,uk;q=0.9,ru;q=0.8"`): the highest q-value among the tags we
    /// speak, the earlier tag on a tie. Entries with `q=0` or a malformed
    /// q-value are skipped; nothing usable gives English.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(u16, Locale)> = None;
        for entry in accept_language.split(',') {
            let mut parts = entry.split(';');
            let Some(locale) = parts.next().and_then(Locale::from_tag) else {
                continue;
            };
            let quality = parts
                .find_map(|param| {
                    let param = param.trim();
                    param.strip_prefix("q=").or_else(|| param.strip_prefix("Q="))
                })
                .map_or(Some(1000), parse_quality);
            let Some(quality) = quality.filter(|&q| q > 0) else {
                continue;
            };
            if best.is_none_or(|(best_quality, _)| quality > best_quality) {
                best = Some((quality, locale));
            }
        }
        best.map_or(Locale::En, |(_, locale)| locale)
    }

    /// The locale of a language tag's primary subtag (`"ru-RU"`, `"uk_UA"`,
    /// `"EN"`), or `None` for a language we do not speak.
    fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "ru" => Some(Locale::Ru),
            "uk" | "ua" => Some(Locale::Uk),
            _ => None,
        }
    }
}

/// A q-value in thousandths, so ties compare exactly; `None` if malformed.
fn parse_quality(raw: &str) -> Option<u16> {
    let q: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0).contains(&q).then(|| (q * 1000.0).round() as u16)
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Accepts a code or a full tag in any case (`"uk"`, `"uk-UA"`, `"UA"`), as
/// stored in a cookie, a query string or a user's profile.
impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::from_tag(s).ok_or_else(|| UnknownLocale(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_and_names() {
        let codes: Vec<_> = Locale::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["en", "ru", "uk"]);
        assert_eq!(Locale::En.native_name(), "English");
        assert_eq!(Locale::Ru.native_name(), "Русский");
        assert_eq!(Locale::Uk.native_name(), "Українська");
        assert_eq!(Locale::Uk.to_string(), "uk");
        assert_eq!(Locale::default(), Locale::En);
    }

    #[test]
    fn parses_codes_tags_and_the_ua_mistake() {
        for locale in Locale::ALL {
            assert_eq!(locale.code().parse::<Locale>(), Ok(locale));
        }
        assert_eq!("RU".parse::<Locale>(), Ok(Locale::Ru));
        assert_eq!("uk-UA".parse::<Locale>(), Ok(Locale::Uk));
        assert_eq!("ua".parse::<Locale>(), Ok(Locale::Uk));
        assert_eq!("en_GB".parse::<Locale>(), Ok(Locale::En));
        assert_eq!("de".parse::<Locale>(), Err(UnknownLocale("de".to_string())));
        assert!("".parse::<Locale>().is_err());
    }

    #[test]
    fn serde_uses_lowercase_codes() {
        assert_eq!(serde_json::to_string(&Locale::Uk).unwrap(), "\"uk\"");
        assert_eq!(serde_json::from_str::<Locale>("\"ru\"").unwrap(), Locale::Ru);
        assert_eq!(serde_json::from_str::<Locale>("\"ua\"").unwrap(), Locale::Uk);
        assert!(serde_json::from_str::<Locale>("\"de\"").is_err());
    }

    #[test]
    fn negotiates_accept_language() {
        let cases = [
            ("uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.7", Locale::Uk),
            ("be,ru;q=0.5", Locale::Ru),
            ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", Locale::Ru),
            ("en-US,en;q=0.9", Locale::En),
            ("ua", Locale::Uk),
            ("de-DE,de;q=0.9", Locale::En),
            ("", Locale::En),
            ("*", Locale::En),
            // A later tag with a higher q wins over an earlier one.
            ("en;q=0.3, uk;q=0.8", Locale::Uk),
            // Equal q: the first listed wins.
            ("ru;q=0.5,uk;q=0.5", Locale::Ru),
            // q=0 means "not this one".
            ("uk;q=0,ru;q=0.1", Locale::Ru),
            // A malformed q-value does not poison the rest of the header.
            ("uk;q=abc,ru;q=0.2", Locale::Ru),
            ("uk;q=1.5,en;q=0.2", Locale::En),
            (" fr-CH , fr;q=0.9 , RU ; Q=0.8 ", Locale::Ru),
        ];
        for (header, expected) in cases {
            assert_eq!(Locale::negotiate(header), expected, "header {header:?}");
        }
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(header in ".*") {
            let _ = Locale::negotiate(&header);
        }

        #[test]
        fn a_single_known_tag_is_chosen(
            locale in prop::sample::select(Locale::ALL.to_vec()),
            region in "[A-Z]{2}",
        ) {
            let header = format!("de;q=0.1,{}-{region}", locale.code());
            prop_assert_eq!(Locale::negotiate(&header), locale);
        }
    }
}
