//! The polite refusal an unknown sender gets when the desk takes mail from
//! its clients only (`--mail-unknown-senders refuse`).

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

/// The refusal's subject and body in `locale`; `subject` is the sender's.
pub fn refusal(locale: Locale, subject: &str) -> (String, String) {
    let subject = subject.trim();
    match locale {
        Locale::En => (
            format!("Re: {}", if subject.is_empty() { "your message" } else { subject }),
            "Hello,\n\n\
             thank you for writing to us. This support desk takes requests from the \
             addresses of our clients only, and we could not find yours, so your message \
             was not registered.\n\n\
             If you are one of our clients, please write from the address we know you by, \
             or ask your organisation's contact person to have your address added.\n\n\
             This message was sent automatically; please do not answer it.\n"
                .to_string(),
        ),
        Locale::Ru => (
            format!("Re: {}", if subject.is_empty() { "ваше письмо" } else { subject }),
            "Здравствуйте!\n\n\
             Спасибо за обращение. Служба поддержки принимает обращения только с адресов \
             наших клиентов; ваш адрес нам не известен, поэтому письмо не было \
             зарегистрировано.\n\n\
             Если вы наш клиент, напишите, пожалуйста, с адреса, который у нас записан, \
             или попросите контактное лицо вашей организации добавить ваш адрес.\n\n\
             Это письмо отправлено автоматически, отвечать на него не нужно.\n"
                .to_string(),
        ),
        Locale::Uk => (
            format!("Re: {}", if subject.is_empty() { "ваш лист" } else { subject }),
            "Доброго дня!\n\n\
             Дякуємо за звернення. Служба підтримки приймає звернення лише з адрес наших \
             клієнтів; вашої адреси ми не знаємо, тому лист не було зареєстровано.\n\n\
             Якщо ви наш клієнт, напишіть, будь ласка, з адреси, яку ми знаємо, або \
             попросіть контактну особу вашої організації додати вашу адресу.\n\n\
             Цей лист надіслано автоматично, відповідати на нього не потрібно.\n"
                .to_string(),
        ),
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

    #[test]
    fn every_language_has_a_polite_refusal_quoting_the_subject() {
        for locale in Locale::ALL {
            let (subject, body) = refusal(locale, " Till 3 ");
            assert_eq!(subject, "Re: Till 3");
            assert!(body.len() > 100, "{locale:?}");
            let (blank, _) = refusal(locale, "");
            assert!(blank.len() > "Re: ".len(), "{locale:?}: {blank}");
        }
        assert!(refusal(Locale::Uk, "x").1.contains("Дякуємо"));
        assert!(refusal(Locale::Ru, "x").1.contains("Спасибо"));
    }
}
