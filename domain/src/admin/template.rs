//! Reply templates (SPEC §7): a canned reply in each UI language, with
//! placeholders the ticket page fills in. A template with a placeholder we
//! do not know is refused when saved, not discovered in a client's inbox.

use super::form::{required_text, FormErrors, Problem};

pub const MAX_TEMPLATE_NAME_CHARS: usize = 100;
pub const MAX_TEMPLATE_BODY_CHARS: usize = 5000;

/// The placeholders a template may use, `{name}` in the text.
pub const PLACEHOLDERS: [&str; 5] = ["ticket", "title", "client", "agent", "deadline"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDraft {
    pub name: String,
    pub body_en: String,
    pub body_ru: String,
    pub body_uk: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTemplate {
    pub name: String,
    pub body_en: String,
    pub body_ru: String,
    pub body_uk: String,
}

/// The placeholders of `body` in order; `Err` names the first unknown one,
/// or is `Err(None)` for a brace that opens a placeholder and never closes.
fn placeholders(body: &str) -> Result<Vec<&str>, Option<String>> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(None)?;
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(Some(name.to_string()));
        }
        found.push(name);
        rest = &after[close + 1..];
    }
    Ok(found)
}

impl TemplateDraft {
    pub fn validate(&self) -> Result<ValidTemplate, FormErrors> {
        let mut errors = FormErrors::default();
        let name = required_text(&mut errors, "name", &self.name, MAX_TEMPLATE_NAME_CHARS);
        let mut body = |field: &str, raw: &str| {
            let text = required_text(&mut errors, field, raw, MAX_TEMPLATE_BODY_CHARS)?;
            match placeholders(&text) {
                Ok(_) => Some(text),
                Err(Some(unknown)) => {
                    errors.push_detail(field, Problem::UnknownPlaceholder, unknown);
                    None
                }
                Err(None) => {
                    errors.push(field, Problem::Invalid);
                    None
                }
            }
        };
        let (en, ru, uk) =
            (body("body_en", &self.body_en), body("body_ru", &self.body_ru), body("body_uk", &self.body_uk));
        match (name, en, ru, uk) {
            (Some(name), Some(body_en), Some(body_ru), Some(body_uk)) => {
                Ok(ValidTemplate { name, body_en, body_ru, body_uk })
            }
            _ => Err(errors),
        }
    }
}

/// What the placeholders stand for on one ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateValues {
    pub ticket: String,
    pub title: String,
    pub client: String,
    pub agent: String,
    pub deadline: String,
}

/// The template's text with its placeholders filled in. A stored template
/// was validated, so an unknown placeholder (from older data) stays as typed.
pub fn render_template(body: &str, values: &TemplateValues) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let value = match &after[..close] {
            "ticket" => Some(&values.ticket),
            "title" => Some(&values.title),
            "client" => Some(&values.client),
            "agent" => Some(&values.agent),
            "deadline" => Some(&values.deadline),
            _ => None,
        };
        match value {
            Some(v) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> TemplateDraft {
        TemplateDraft {
            name: "Need logs".into(),
            body_en: "Hello {client}, please send the logs for {ticket}.".into(),
            body_ru: "Здравствуйте, {client}! Пришлите, пожалуйста, логи по {ticket}.".into(),
            body_uk: "Вітаємо, {client}! Надішліть, будь ласка, логи щодо {ticket}.".into(),
        }
    }

    #[test]
    fn known_placeholders_are_accepted_and_filled() {
        let t = draft().validate().unwrap();
        let values =
            TemplateValues { ticket: "SUP-1042".into(), client: "Ольга".into(), ..Default::default() };
        assert_eq!(
            render_template(&t.body_ru, &values),
            "Здравствуйте, Ольга! Пришлите, пожалуйста, логи по SUP-1042."
        );
        assert_eq!(
            render_template(
                "{agent} · {deadline} · {title}",
                &TemplateValues {
                    agent: "Иван".into(),
                    deadline: "Mon 09:00".into(),
                    title: "{client}".into(),
                    ..Default::default()
                }
            ),
            // A value is not read for placeholders again.
            "Иван · Mon 09:00 · {client}"
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_refused_per_language() {
        let bad = TemplateDraft {
            body_ru: "Здравствуйте, {clinet}!".into(),
            body_uk: "Вітаємо, {client".into(),
            ..draft()
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(e.errors.len(), 2);
        assert_eq!(e.of("body_ru").unwrap().problem, Problem::UnknownPlaceholder);
        assert_eq!(e.of("body_ru").unwrap().detail.as_deref(), Some("clinet"));
        assert_eq!(e.of("body_uk").unwrap().problem, Problem::Invalid);
    }

    #[test]
    fn every_language_is_required() {
        let e = TemplateDraft { body_en: " ".into(), name: "".into(), ..draft() }.validate().unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["name", "body_en"]);
    }

    #[test]
    fn rendering_keeps_unknown_and_unclosed_text() {
        let v = TemplateValues { ticket: "SUP-1".into(), ..Default::default() };
        assert_eq!(render_template("{x} {ticket} {open", &v), "{x} SUP-1 {open");
    }
}
