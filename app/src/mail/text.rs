//! The words of every mail the desk sends, in Russian, Ukrainian and
//! English. Plain text: a mail client shows it as written, and nothing a
//! client typed can turn into markup in somebody's inbox.

use crate::domain::notify::MailKind;
use crate::i18n::Locale;

/// What a mail says about its ticket, already worded in the recipient's
/// language (dates in the calendar's zone, the level's name).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MailFacts {
    /// `SUP-1042`.
    pub key: String,
    pub title: String,
    /// The ticket page.
    pub link: String,
    pub recipient_name: String,
    /// The ticket's SLA level: "Commercial · Operative (emergency
    /// confirmed)"; `None` when its terms could not be read.
    pub level: Option<String>,
    /// Whether the organisation had a valid contract (without one the level
    /// is general consultation, and the mail says why).
    pub contract: bool,
    /// The reaction deadline in the calendar's zone.
    pub reaction_due: Option<String>,
    /// Who made the change.
    pub actor: Option<String>,
    /// A reply's text, or a rejection's reason.
    pub text: Option<String>,
    /// The SLA clock a milestone is about ("Reaction").
    pub clock: Option<String>,
    /// That milestone's deadline in the calendar's zone.
    pub due: Option<String>,
    /// The organisation, for the agents' mails.
    pub organisation: Option<String>,
    /// The second-line department an escalation asks.
    pub department: Option<String>,
    /// The deadline a proposed one would replace, in the calendar's zone.
    pub previous_due: Option<String>,
    /// A client's answer to a proposed deadline: agreed or declined.
    pub agreed: Option<bool>,
}

/// A rendered mail.
#[derive(Debug, Clone, PartialEq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// Picks the phrase of `locale` from `[en, ru, uk]`.
fn pick(locale: Locale, [en, ru, uk]: [&'static str; 3]) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Ru => ru,
        Locale::Uk => uk,
    }
}

/// The mail of `kind` about `f`, in `locale`. The subject always carries
/// `[SUP-n]`, which is how a reply finds its ticket even when the mail
/// client drops the threading headers.
pub fn render(kind: MailKind, locale: Locale, f: &MailFacts) -> MailText {
    let t = |p: [&'static str; 3]| pick(locale, p);
    let hello = match locale {
        Locale::En => format!("Hello {},", f.recipient_name),
        Locale::Ru => format!("Здравствуйте, {}!", f.recipient_name),
        Locale::Uk => format!("Добрий день, {}!", f.recipient_name),
    };
    let open = format!("{} {}", t(["Open the ticket:", "Открыть заявку:", "Відкрити заявку:"]), f.link);
    let reply_hint = t([
        "Reply to this mail to add a comment; keep [KEY] in the subject.",
        "Чтобы добавить комментарий, ответьте на это письмо, сохранив [KEY] в теме.",
        "Щоб додати коментар, дайте відповідь на цей лист, зберігши [KEY] у темі.",
    ])
    .replace("KEY", &f.key);
    let actor = f.actor.clone().unwrap_or_else(|| t(["Support", "Техподдержка", "Техпідтримка"]).to_string());
    let quoted = f.text.as_deref().map(quote).unwrap_or_default();
    let subject_tail = format!("[{}] {}", f.key, f.title);
    let (subject, lines): (String, Vec<String>) = match kind {
        MailKind::Acknowledgement => {
            let mut lines = vec![
                hello,
                String::new(),
                t([
                    "We have registered your request. Its number is KEY; please quote it in every message about it.",
                    "Ваше обращение зарегистрировано под номером KEY; пожалуйста, указывайте его во всех сообщениях по нему.",
                    "Ваше звернення зареєстровано під номером KEY; будь ласка, зазначайте його в усіх повідомленнях щодо нього.",
                ])
                .replace("KEY", &f.key),
                String::new(),
                format!("{} {}", t(["Subject:", "Тема:", "Тема:"]), f.title),
            ];
            lines.push(format!(
                "{} {}",
                t(["Service level:", "Уровень обслуживания:", "Рівень обслуговування:"]),
                match (&f.level, f.contract) {
                    (Some(level), true) => level.clone(),
                    (Some(level), false) => format!(
                        "{level} {}",
                        t(["(no valid contract)", "(нет действующего договора)", "(немає чинного договору)"])
                    ),
                    (None, _) => t(["not known yet", "пока не определён", "поки не визначено"]).to_string(),
                }
            ));
            if let Some(due) = &f.reaction_due {
                lines.push(format!("{} {due}", t(["We will react by:", "Срок реакции:", "Термін реакції:"])));
            }
            lines.extend([String::new(), open, reply_hint]);
            (
                format!("{} {subject_tail}", t(["Registered:", "Зарегистрировано:", "Зареєстровано:"])),
                lines,
            )
        }
        MailKind::Reply => (
            format!("Re: {subject_tail}"),
            vec![
                hello,
                String::new(),
                format!("{actor} {}", t(["replied:", "ответил(а):", "відповів(ла):"])),
                String::new(),
                quoted,
                String::new(),
                open,
                reply_hint,
            ],
        ),
        MailKind::ClientReplied => (
            format!("{} {subject_tail}", t(["Client replied:", "Ответ клиента:", "Відповідь клієнта:"])),
            vec![
                hello,
                String::new(),
                format!(
                    "{actor}{} {}",
                    f.organisation.as_deref().map(|o| format!(" ({o})")).unwrap_or_default(),
                    t(["wrote on the ticket:", "написал(а) в заявке:", "написав(ла) у заявці:"])
                ),
                String::new(),
                quoted,
                String::new(),
                open,
            ],
        ),
        MailKind::InfoRequested | MailKind::ApprovalRequested | MailKind::PaymentRequested => {
            let (head, ask) = match kind {
                MailKind::InfoRequested => (
                    t(["Information needed:", "Нужна информация:", "Потрібна інформація:"]),
                    t([
                        "To continue we need more information from you. Please answer on the ticket page or by replying to this mail. The SLA clock is paused until you answer.",
                        "Чтобы продолжить, нам нужна дополнительная информация от вас. Ответьте на странице заявки или ответом на это письмо. До вашего ответа срок SLA приостановлен.",
                        "Щоб продовжити, нам потрібна додаткова інформація від вас. Відповідайте на сторінці заявки або відповіддю на цей лист. До вашої відповіді термін SLA призупинено.",
                    ]),
                ),
                MailKind::ApprovalRequested => (
                    t(["Approval needed:", "Нужно согласование:", "Потрібне погодження:"]),
                    t([
                        "Before we act we need your approval. Please approve or decline on the ticket page or by replying to this mail. The SLA clock is paused until you answer.",
                        "Прежде чем действовать, нам нужно ваше согласование. Согласуйте или откажитесь на странице заявки или ответом на это письмо. До вашего ответа срок SLA приостановлен.",
                        "Перш ніж діяти, нам потрібне ваше погодження. Погодьте або відмовтеся на сторінці заявки або відповіддю на цей лист. До вашої відповіді термін SLA призупинено.",
                    ]),
                ),
                _ => (
                    t(["Payment needed:", "Ожидается оплата:", "Очікується оплата:"]),
                    t([
                        "The work on this ticket waits for payment. The SLA clock is paused until it is received.",
                        "Работа по заявке ожидает оплаты. До её поступления срок SLA приостановлен.",
                        "Робота за заявкою очікує на оплату. До її надходження термін SLA призупинено.",
                    ]),
                ),
            };
            (format!("{head} {subject_tail}"), vec![hello, String::new(), ask.to_string(), String::new(), open, reply_hint])
        }
        MailKind::Released => (
            format!("{} {subject_tail}", t(["Released, please check:", "Выпущено, проверьте:", "Випущено, перевірте:"])),
            vec![
                hello,
                String::new(),
                t([
                    "The fix for your request is released. Please check the result and, on the ticket page, accept it or reopen the ticket if it is not solved. Without an answer the ticket is archived in 10 days.",
                    "Исправление по вашему обращению выпущено. Проверьте результат и на странице заявки примите его или откройте заявку снова, если проблема не решена. Без ответа заявка уйдёт в архив через 10 дней.",
                    "Виправлення за вашим зверненням випущено. Перевірте результат і на сторінці заявки прийміть його або відкрийте заявку знову, якщо проблему не вирішено. Без відповіді заявка піде в архів через 10 днів.",
                ])
                .to_string(),
                String::new(),
                format!("{} {}#ticket-actions", t(["Accept or reopen:", "Принять или открыть снова:", "Прийняти або відкрити знову:"]), f.link),
            ],
        ),
        MailKind::Rejected => (
            format!("{} {subject_tail}", t(["Rejected:", "Отклонено:", "Відхилено:"])),
            vec![
                hello,
                String::new(),
                t(["Your request was rejected. The reason:", "Ваше обращение отклонено. Причина:", "Ваше звернення відхилено. Причина:"]).to_string(),
                String::new(),
                quoted,
                String::new(),
                open,
            ],
        ),
        MailKind::SlaAtRisk | MailKind::SlaBreached => {
            let (head, what) = if kind == MailKind::SlaAtRisk {
                (
                    t(["SLA at risk:", "SLA под угрозой:", "SLA під загрозою:"]),
                    t([
                        "the deadline of KEY is close.",
                        "срок по заявке KEY скоро истекает.",
                        "термін за заявкою KEY скоро спливає.",
                    ]),
                )
            } else {
                (
                    t(["SLA breached:", "SLA нарушен:", "SLA порушено:"]),
                    t([
                        "KEY has passed its deadline.",
                        "срок по заявке KEY истёк.",
                        "термін за заявкою KEY минув.",
                    ]),
                )
            };
            let clock = f.clock.clone().unwrap_or_default();
            let mut lines = vec![hello, String::new(), format!("{clock}: {}", what.replace("KEY", &f.key))];
            if let Some(due) = &f.due {
                lines.push(format!("{} {due}", t(["Deadline:", "Срок:", "Термін:"])));
            }
            if let Some(o) = &f.organisation {
                lines.push(format!("{} {o}", t(["Client:", "Клиент:", "Клієнт:"])));
            }
            lines.extend([String::new(), open]);
            (format!("{head} {subject_tail}"), lines)
        }
        MailKind::Escalation => {
            let department = f.department.clone().unwrap_or_default();
            let mut lines = vec![
                hello,
                String::new(),
                format!(
                    "{actor} {} {}:",
                    t(["asks your department about", "просит ваш отдел ответить по заявке", "просить ваш відділ відповісти щодо заявки"]),
                    f.key
                ),
                String::new(),
                quoted,
                String::new(),
            ];
            if let Some(due) = &f.due {
                lines.push(format!("{} {due}", t(["Please answer by:", "Срок ответа:", "Термін відповіді:"])));
            }
            if let Some(o) = &f.organisation {
                lines.push(format!("{} {o}", t(["Client:", "Клиент:", "Клієнт:"])));
            }
            lines.extend([String::new(), open]);
            (
                format!(
                    "{} {department}: {subject_tail}",
                    t(["Question to", "Вопрос в отдел", "Питання до відділу"])
                ),
                lines,
            )
        }
        MailKind::EscalationOverdue => {
            let department = f.department.clone().unwrap_or_default();
            let mut lines = vec![
                hello,
                String::new(),
                t([
                    "DEPT has not answered the question about KEY by its deadline.",
                    "Отдел «DEPT» не ответил на вопрос по заявке KEY в срок.",
                    "Відділ «DEPT» не відповів на питання щодо заявки KEY у строк.",
                ])
                .replace("DEPT", &department)
                .replace("KEY", &f.key),
            ];
            if let Some(due) = &f.due {
                lines.push(format!("{} {due}", t(["Deadline:", "Срок:", "Термін:"])));
            }
            lines.extend([String::new(), open]);
            (
                format!("{} {subject_tail}", t(["Second line overdue:", "Вторая линия просрочена:", "Друга лінія прострочена:"])),
                lines,
            )
        }
        MailKind::ExtensionProposed => {
            let mut lines = vec![
                hello,
                String::new(),
                t([
                    "ACTOR proposes to move the resolution deadline of KEY.",
                    "ACTOR предлагает перенести срок решения по заявке KEY.",
                    "ACTOR пропонує перенести термін вирішення заявки KEY.",
                ])
                .replace("ACTOR", &actor)
                .replace("KEY", &f.key),
                String::new(),
            ];
            if let Some(previous) = &f.previous_due {
                lines.push(format!("{} {previous}", t(["Current deadline:", "Текущий срок:", "Поточний термін:"])));
            }
            if let Some(due) = &f.due {
                lines.push(format!("{} {due}", t(["Proposed deadline:", "Предлагаемый срок:", "Запропонований термін:"])));
            }
            lines.extend([
                t(["Reason:", "Причина:", "Причина:"]).to_string(),
                quoted,
                String::new(),
                t([
                    "The deadline changes only if you agree. To agree, reply to this mail with one word: Agree. To keep the current deadline, reply: Disagree. Or answer on the ticket page:",
                    "Срок изменится, только если вы согласитесь. Чтобы согласиться, ответьте на это письмо одним словом: Согласен. Чтобы оставить прежний срок, ответьте: Не согласен. Или ответьте на странице заявки:",
                    "Термін зміниться, лише якщо ви погодитеся. Щоб погодитися, дайте відповідь на цей лист одним словом: Згоден. Щоб залишити попередній термін, відповідайте: Не згоден. Або дайте відповідь на сторінці заявки:",
                ])
                .to_string(),
                f.link.clone(),
            ]);
            (
                format!("{} {subject_tail}", t(["New deadline proposed:", "Предложен новый срок:", "Запропоновано новий термін:"])),
                lines,
            )
        }
        MailKind::ExtensionAnswered => {
            let agreed = f.agreed.unwrap_or(false);
            let what = if agreed {
                t([
                    "ACTOR agreed to the new resolution deadline of KEY.",
                    "ACTOR согласовал(а) новый срок решения по заявке KEY.",
                    "ACTOR погодив(ла) новий термін вирішення заявки KEY.",
                ])
            } else {
                t([
                    "ACTOR declined the new resolution deadline of KEY; the current one stands.",
                    "ACTOR отклонил(а) новый срок решения по заявке KEY; действует прежний.",
                    "ACTOR відхилив(ла) новий термін вирішення заявки KEY; діє попередній.",
                ])
            };
            let mut lines =
                vec![hello, String::new(), what.replace("ACTOR", &actor).replace("KEY", &f.key)];
            if let Some(due) = &f.due {
                let label = if agreed {
                    t(["Deadline now:", "Срок теперь:", "Термін тепер:"])
                } else {
                    t(["Proposed deadline:", "Предлагавшийся срок:", "Запропонований термін:"])
                };
                lines.push(format!("{label} {due}"));
            }
            if let Some(o) = &f.organisation {
                lines.push(format!("{} {o}", t(["Client:", "Клиент:", "Клієнт:"])));
            }
            lines.extend([String::new(), open]);
            let head = if agreed {
                t(["Deadline agreed:", "Срок согласован:", "Термін погоджено:"])
            } else {
                t(["Deadline declined:", "Срок отклонён:", "Термін відхилено:"])
            };
            (format!("{head} {subject_tail}"), lines)
        }
        MailKind::Refusal => (
            format!("{} {}", t(["Not registered:", "Не зарегистрировано:", "Не зареєстровано:"]), f.title),
            vec![
                hello,
                String::new(),
                t([
                    "We could not register your message: this address is not known to our support desk. If your organisation has a support contract with us, please write from the address registered with us or ask your administrator to add you.",
                    "Мы не смогли зарегистрировать ваше письмо: этот адрес не известен нашей службе поддержки. Если у вашей организации есть договор на поддержку, напишите с зарегистрированного у нас адреса или попросите вашего администратора добавить вас.",
                    "Ми не змогли зареєструвати ваш лист: ця адреса не відома нашій службі підтримки. Якщо ваша організація має договір на підтримку, напишіть із зареєстрованої в нас адреси або попросіть вашого адміністратора додати вас.",
                ])
                .to_string(),
            ],
        ),
    };
    let mut body = lines.join("\n");
    body.push_str("\n\n-- \n");
    body.push_str(t(["SLA Board support desk", "Служба поддержки SLA Board", "Служба підтримки SLA Board"]));
    body.push('\n');
    MailText { subject: one_line(&subject), body }
}

/// `text` quoted for a mail: each line indented, so the reader sees where
/// the person's words start and end.
fn quote(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// A subject is one line: a title cannot inject a header.
fn one_line(s: &str) -> String {
    let flat: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    flat.chars().take(900).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MailFacts {
        MailFacts {
            key: "SUP-1042".into(),
            title: "Не проводится документ".into(),
            link: "https://desk.example/tickets/SUP-1042".into(),
            recipient_name: "Анна".into(),
            level: Some("Коммерческий · Оперативный (экстренность подтверждена)".into()),
            contract: true,
            reaction_due: Some("2 дек. 2026, 11:00 MSK".into()),
            actor: Some("Ирина".into()),
            text: Some("Проверьте настройки.\nВторая строка".into()),
            clock: Some("Реакция".into()),
            due: Some("2 дек. 2026, 11:00 MSK".into()),
            organisation: Some("АгроСофт".into()),
            department: Some("Юридический отдел".into()),
            previous_due: Some("1 дек. 2026, 18:00 MSK".into()),
            agreed: Some(true),
        }
    }

    #[test]
    fn a_proposed_deadline_says_both_deadlines_the_reason_and_how_to_answer_by_mail() {
        let m = render(MailKind::ExtensionProposed, Locale::Ru, &facts());
        assert!(m.subject.starts_with("Предложен новый срок: [SUP-1042]"), "{}", m.subject);
        assert!(m.body.contains("Текущий срок: 1 дек. 2026, 18:00 MSK"), "{}", m.body);
        assert!(m.body.contains("Предлагаемый срок: 2 дек. 2026, 11:00 MSK"), "{}", m.body);
        assert!(m.body.contains("    Проверьте настройки."), "{}", m.body);
        // The words the mail asks for are the ones the intake reads.
        assert_eq!(crate::domain::extension::answer_in_mail("Согласен"), Some(true));
        assert_eq!(crate::domain::extension::answer_in_mail("Не согласен"), Some(false));
        assert!(m.body.contains("одним словом: Согласен") && m.body.contains("ответьте: Не согласен"));
        let en = render(MailKind::ExtensionProposed, Locale::En, &facts());
        assert!(en.body.contains("one word: Agree") && en.body.contains("reply: Disagree"), "{}", en.body);
        assert_eq!(crate::domain::extension::answer_in_mail("Disagree"), Some(false));
        let uk = render(MailKind::ExtensionProposed, Locale::Uk, &facts());
        assert!(uk.body.contains("одним словом: Згоден") && uk.body.contains("відповідайте: Не згоден"));
        assert_eq!(crate::domain::extension::answer_in_mail("Не згоден"), Some(false));
        let declined = MailFacts { agreed: Some(false), ..facts() };
        let m = render(MailKind::ExtensionAnswered, Locale::En, &declined);
        assert!(m.subject.starts_with("Deadline declined:"), "{}", m.subject);
        assert!(m.body.contains("the current one stands"), "{}", m.body);
    }

    #[test]
    fn every_kind_in_every_language_names_the_ticket_in_the_subject() {
        for kind in MailKind::ALL.into_iter().filter(|k| *k != MailKind::Refusal) {
            for locale in [Locale::En, Locale::Ru, Locale::Uk] {
                let m = render(kind, locale, &facts());
                assert!(m.subject.contains("[SUP-1042]"), "{kind:?} {locale:?}: {}", m.subject);
                assert!(m.body.contains("https://desk.example/tickets/SUP-1042"), "{kind:?} {locale:?}");
                let hello = pick(locale, ["Hello Анна,", "Здравствуйте, Анна!", "Добрий день, Анна!"]);
                assert!(m.body.starts_with(hello), "{}", m.body);
            }
        }
    }

    #[test]
    fn the_acknowledgement_carries_number_level_and_reaction_deadline() {
        let m = render(MailKind::Acknowledgement, Locale::Ru, &facts());
        assert_eq!(m.subject, "Зарегистрировано: [SUP-1042] Не проводится документ");
        assert!(m.body.contains("под номером SUP-1042"));
        assert!(m
            .body
            .contains("Уровень обслуживания: Коммерческий · Оперативный (экстренность подтверждена)"));
        assert!(m.body.contains("Срок реакции: 2 дек. 2026, 11:00 MSK"));
        let general = MailFacts {
            level: Some("General consultation".into()),
            contract: false,
            reaction_due: None,
            ..facts()
        };
        let m = render(MailKind::Acknowledgement, Locale::En, &general);
        assert!(m.body.contains("Service level: General consultation (no valid contract)"));
        assert!(!m.body.contains("react by"));
        let m = render(MailKind::Acknowledgement, Locale::Uk, &general);
        assert!(m.body.contains("Рівень обслуговування: General consultation (немає чинного договору)"));
        let unknown = MailFacts { level: None, ..facts() };
        let m = render(MailKind::Acknowledgement, Locale::Ru, &unknown);
        assert!(m.body.contains("Уровень обслуживания: пока не определён"));
    }

    #[test]
    fn a_reply_quotes_every_line_of_the_agents_text() {
        let m = render(MailKind::Reply, Locale::Uk, &facts());
        assert_eq!(m.subject, "Re: [SUP-1042] Не проводится документ");
        assert!(m.body.contains("Ирина відповів(ла):"));
        assert!(m.body.contains("    Проверьте настройки.\n    Вторая строка"));
    }

    #[test]
    fn a_title_with_line_breaks_cannot_add_a_header() {
        let evil = MailFacts { title: "x\r\nBcc: victim@example.com".into(), ..facts() };
        let m = render(MailKind::Reply, Locale::En, &evil);
        assert!(!m.subject.contains('\n') && !m.subject.contains('\r'), "{}", m.subject);
    }

    #[test]
    fn sla_mails_name_the_clock_and_the_deadline() {
        let m = render(MailKind::SlaBreached, Locale::Ru, &facts());
        assert_eq!(m.subject, "SLA нарушен: [SUP-1042] Не проводится документ");
        assert!(m.body.contains("Реакция: срок по заявке SUP-1042 истёк."), "{}", m.body);
        assert!(m.body.contains("Срок: 2 дек. 2026, 11:00 MSK"));
        assert!(m.body.contains("Клиент: АгроСофт"));
        let m = render(MailKind::SlaAtRisk, Locale::En, &facts());
        assert!(m.body.contains("Реакция: the deadline of SUP-1042 is close."), "{}", m.body);
    }

    #[test]
    fn the_release_mail_links_to_accepting_or_reopening() {
        let m = render(MailKind::Released, Locale::En, &facts());
        assert!(m.body.contains("Accept or reopen: https://desk.example/tickets/SUP-1042#ticket-actions"));
        assert!(m.body.contains("10 days"));
    }
}
