//! An organisation is a name, unique among organisations (the database
//! decides uniqueness; this decides the shape).

use super::form::{required_text, FormErrors};

pub const MAX_ORGANISATION_NAME_CHARS: usize = 200;

/// The name as stored: trimmed, given, at most 200 characters.
pub fn organisation_name(raw: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::default();
    let name = required_text(&mut errors, "name", raw, MAX_ORGANISATION_NAME_CHARS);
    match name {
        Some(name) => Ok(name),
        None => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::admin::Problem;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(organisation_name("  ООО «Техномаркет» ").unwrap(), "ООО «Техномаркет»");
        assert_eq!(organisation_name(" ").unwrap_err().of("name").unwrap().problem, Problem::Required);
        let long = "x".repeat(MAX_ORGANISATION_NAME_CHARS + 1);
        assert_eq!(organisation_name(&long).unwrap_err().of("name").unwrap().problem, Problem::TooLong);
        // Markup is a name like any other: it is stored as typed and shown as text.
        assert_eq!(organisation_name("<b>Acme</b>").unwrap(), "<b>Acme</b>");
    }
}
