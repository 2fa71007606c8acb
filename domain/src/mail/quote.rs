//! Folding away the history a reply quotes: everything from the reply
//! marker on ("On … wrote:", "-----Original Message-----", an Outlook
//! header block, and their Russian and Ukrainian forms) and every quoted
//! `>` line. What the client wrote this time is what the comment holds;
//! the history is already on the ticket.

/// Verbs that end an attribution line ("Anna wrote:"), lower case.
const ATTRIBUTION_ENDS: [&str; 12] = [
    "wrote:",
    "writes:",
    "пишет:",
    "написал:",
    "написала:",
    "написал(а):",
    "пише:",
    "написав:",
    "написала:",
    "написав(ла):",
    "написав(-ла):",
    "schrieb:",
];

/// What stands between dashes in a client's "original message" separator.
const ORIGINAL_MESSAGE: [&str; 4] =
    ["original message", "исходное сообщение", "оригінальне повідомлення", "початкове повідомлення"];

/// The first line of an Outlook header block, and the lines that follow it.
const HEADER_FROM: [&str; 3] = ["from:", "от:", "від:"];
const HEADER_NEXT: [&str; 9] =
    ["sent:", "date:", "to:", "отправлено:", "дата:", "кому:", "надіслано:", "відправлено:", "subject:"];

/// `text` without its quoted history, trimmed; empty when the mail held
/// nothing else.
pub fn fold_quoted(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let cut = (0..lines.len()).find(|&i| is_marker(&lines, i)).map_or(lines.len(), |i| {
        // An attribution wrapped over two lines starts on the line before.
        let wrapped = i > 0 && starts_attribution(lines[i - 1]) && !starts_attribution(lines[i]);
        if wrapped && ends_attribution(lines[i]) {
            i - 1
        } else {
            i
        }
    });
    let mut kept = String::new();
    let mut blank_run = 0;
    for line in lines[..cut].iter().filter(|l| !is_quoted(l)) {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        kept.push_str(line.trim_end());
        kept.push('\n');
    }
    kept.trim().to_string()
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn lower(line: &str) -> String {
    line.trim().to_lowercase()
}

fn starts_attribution(line: &str) -> bool {
    let l = lower(line);
    l.starts_with("on ") || l.starts_with("am ")
}

fn ends_attribution(line: &str) -> bool {
    let l = lower(line);
    ATTRIBUTION_ENDS.iter().any(|end| l.ends_with(end))
}

/// Whether the quoted history starts at line `i`.
fn is_marker(lines: &[&str], i: usize) -> bool {
    let line = lower(lines[i]);
    if line.is_empty() {
        return false;
    }
    if ends_attribution(lines[i]) {
        return true;
    }
    // Gmail's Russian attribution has no verb: "пн, 1 дек. 2026 г. в 10:00, Анна <a@b>:"
    // — taken only when quoted lines follow, as they always do there.
    let next_quoted = lines[i + 1..].iter().find(|l| !l.trim().is_empty()).is_some_and(|l| is_quoted(l));
    if line.ends_with(">:") && line.contains('@') && next_quoted {
        return true;
    }
    if line.starts_with("---") && line.ends_with("---") {
        let inner = line.trim_matches('-').trim();
        if ORIGINAL_MESSAGE.contains(&inner) {
            return true;
        }
    }
    // Outlook: an optional line of underscores, then From:/Sent:/To:.
    let header_start = if line.len() >= 20 && line.chars().all(|c| c == '_') { i + 1 } else { i };
    let Some(first) = lines.get(header_start).map(|l| lower(l)) else {
        return false;
    };
    HEADER_FROM.iter().any(|h| first.starts_with(h))
        && lines[header_start + 1..]
            .iter()
            .take(4)
            .any(|l| HEADER_NEXT.iter().any(|h| lower(l).starts_with(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_attribution_and_quote_go() {
        let mail = "Thanks, it works now.\r\n\r\nOn Mon, 1 Dec 2026 at 10:00, Support <support@desk.example> wrote:\r\n> Please restart the till.\r\n> Kind regards";
        assert_eq!(fold_quoted(mail), "Thanks, it works now.");
    }

    #[test]
    fn a_wrapped_attribution_goes_from_its_first_line() {
        let mail = "Done.\n\nOn Mon, Dec 1, 2026 at 10:00 AM Support Desk of Technomarket <\nsupport@desk.example> wrote:\n> old";
        assert_eq!(fold_quoted(mail), "Done.");
    }

    #[test]
    fn russian_and_ukrainian_attributions_go() {
        for marker in [
            "01.12.2026 10:00, Служба поддержки пишет:",
            "1 декабря 2026 г. Анна написал(а):",
            "пн, 1 груд. 2026 р. о 10:00 Підтримка <support@desk.example> пише:",
            "Підтримка написав(ла):",
        ] {
            let mail = format!("Спасибо, работает.\n\n{marker}\n> Перезапустите кассу.");
            assert_eq!(fold_quoted(&mail), "Спасибо, работает.", "{marker}");
        }
        let gmail_ru = "Готово.\n\nпн, 1 дек. 2026 г. в 10:00, Поддержка <support@desk.example>:\n\n> Перезапустите кассу.";
        assert_eq!(fold_quoted(gmail_ru), "Готово.");
    }

    #[test]
    fn original_message_separators_and_outlook_headers_go() {
        for separator in [
            "-----Original Message-----",
            "-----Исходное сообщение-----",
            "----- Оригінальне повідомлення -----",
        ] {
            let mail = format!("New details below.\n{separator}\nFrom: Support\nSubject: [SUP-1001]");
            assert_eq!(fold_quoted(&mail), "New details below.", "{separator}");
        }
        let outlook = "See attached.\n\n________________________________\nОт: Поддержка <support@desk.example>\nОтправлено: 1 декабря 2026 г. 10:00\nКому: Анна\nТема: [SUP-1001]\n\nТекст";
        assert_eq!(fold_quoted(outlook), "See attached.");
        let bare = "Ok.\nFrom: Support <support@desk.example>\nSent: Monday\nTo: Anna\n\nold text";
        assert_eq!(fold_quoted(bare), "Ok.");
    }

    #[test]
    fn inline_quotes_go_the_answers_stay() {
        let mail = "> Which version?\n5.2.1\n\n> Since when?\nSince Monday.";
        assert_eq!(fold_quoted(mail), "5.2.1\n\nSince Monday.");
    }

    #[test]
    fn text_that_merely_mentions_things_stays() {
        let mail =
            "From: the cashier's report, see below.\nThe printer on the second floor.\nWe wrote: nothing yet";
        assert_eq!(fold_quoted(mail), mail, "no Sent:/To: lines follow, 'wrote:' ends no line");
        let addr = "Please write to <it@technomarket.example>:\nthey know the server.";
        assert_eq!(fold_quoted(addr), addr, "an address and a colon without a quote after it");
    }

    #[test]
    fn a_mail_of_quotes_only_folds_to_nothing() {
        assert_eq!(fold_quoted("On Monday Anna wrote:\n> hi"), "");
        assert_eq!(fold_quoted("> hi\n>> older"), "");
        assert_eq!(fold_quoted(""), "");
    }

    #[test]
    fn blank_runs_collapse_and_line_ends_are_trimmed() {
        assert_eq!(fold_quoted("a  \n\n\n\nb\n"), "a\n\nb");
    }
}
