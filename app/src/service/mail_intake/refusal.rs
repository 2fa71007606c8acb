//! The language of the polite refusal an unknown sender gets when the desk
//! takes mail from its clients only (`--mail-unknown-senders refuse`); its
//! words are the outbox's (`mail::text`, `MailKind::Refusal`).

use crate::i18n::Locale;

/// The language to refuse in, guessed from what the sender wrote: Ukrainian
/// when its letters outnumber the Russian ones, Russian for other Cyrillic,
/// English otherwise.
pub fn guess_language(text: &str) -> Locale {
    let (mut cyrillic, mut ukrainian, mut russian) = (0usize, 0usize, 0usize);
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' => ukrainian += 1,
            'ы' | 'э' | 'ъ' | 'ё' => russian += 1,
            _ => {}
        }
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        }
    }
    if cyrillic == 0 {
        Locale::En
    } else if ukrainian > russian {
        Locale::Uk
    } else {
        Locale::Ru
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_letters() {
        assert_eq!(guess_language("Printer is down"), Locale::En);
        assert_eq!(guess_language("Кассы не печатают чеки, всё стоит"), Locale::Ru);
        assert_eq!(guess_language("Каси не друкують чеки, усе стоїть"), Locale::Uk);
        assert_eq!(guess_language("ПРИНТЕР ЄДИНИЙ"), Locale::Uk, "upper case counts");
        assert_eq!(guess_language(""), Locale::En);
    }
}
