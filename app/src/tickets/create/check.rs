//! The create form's checks before anything is sent — the domain's own
//! (`TicketDraft::validate`, `check_contact_time`), plus the choices an
//! operator must make — and the words for every problem code, which serve
//! the server's answers too.

use super::local_time::parse_datetime_local;
pub use crate::domain::ticket::OnBehalf;
use crate::domain::ticket::{
    check_on_behalf, Channel, FieldError, FieldErrors, FieldProblem, OnBehalfChoice, OnBehalfFound,
    TicketDraft, TicketField, MAX_TITLE_CHARS,
};
use crate::functions::create_ticket::CreateFormData;
use crate::i18n::{count_label, title_too_long, Locale, Msg, Noun};
use chrono::{DateTime, NaiveDateTime, Utc};

/// What is in the form's fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormValues {
    pub draft: TicketDraft,
    pub organisation: Option<i64>,
    pub requester: Option<i64>,
    pub channel: Option<Channel>,
    /// The `datetime-local` value, in the browser's zone.
    pub contact_time: String,
}

/// Checks the form as the server will; `Ok(None)` for a client's ticket.
/// `to_utc` turns the typed wall-clock time into an instant.
pub fn check_form(
    values: &FormValues,
    data: &CreateFormData,
    now: DateTime<Utc>,
    to_utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Result<Option<OnBehalf>, FieldErrors> {
    let mut errors = match values.draft.validate() {
        Ok(_) => FieldErrors::default(),
        Err(e) => e,
    };
    if !data.on_behalf {
        return if errors.is_empty() { Ok(None) } else { Err(errors) };
    }
    let organisation = values.organisation.and_then(|id| data.organisations.iter().find(|o| o.id == id));
    let found = OnBehalfFound {
        contact_from: organisation.map(|o| o.contact_from),
        requester_belongs: organisation
            .is_some_and(|o| values.requester.is_some_and(|id| o.requesters.iter().any(|r| r.id == id))),
    };
    let choice = OnBehalfChoice {
        organisation: values.organisation,
        requester: values.requester,
        channel: values.channel,
        received_at: parse_datetime_local(&values.contact_time)
            .and_then(|local| to_utc(local).ok_or(FieldProblem::Invalid)),
    };
    match check_on_behalf(choice, found, now, &mut errors) {
        Some(origin) if errors.is_empty() => Ok(Some(origin)),
        _ => Err(errors),
    }
}

/// The words for a problem, in the reader's language.
pub fn problem_text(locale: Locale, error: FieldError) -> String {
    use FieldProblem::*;
    use TicketField::*;
    let msg = match (error.field, error.code) {
        (Title, Required) => Msg::TitleRequired,
        (Title, TooLong) => return title_too_long(locale, MAX_TITLE_CHARS as u64),
        (field, TooLong) => {
            let max = field.max_chars().unwrap_or_default() as u64;
            return format!(
                "{} {}",
                Msg::TooLongAtMost.text(locale),
                count_label(locale, max, Noun::Character)
            );
        }
        (Organisation, Required) => Msg::ChooseOrganisation,
        (Requester, Required) => Msg::ChooseRequester,
        (ReceivedAt, Required | Invalid) => Msg::ContactTimeInvalid,
        (ReceivedAt, InFuture) => Msg::ContactTimeInFuture,
        (ReceivedAt, BeforeContract) => Msg::ContactTimeBeforeContract,
        (_, Required) => Msg::FieldRequired,
        (_, Unknown | Invalid | InFuture | BeforeContract) => Msg::ChoiceUnavailable,
    };
    msg.text(locale).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::create_ticket::{OrganisationOption, RequesterOption};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
    }

    fn operator_data() -> CreateFormData {
        CreateFormData {
            server_now: now(),
            on_behalf: true,
            organisations: vec![OrganisationOption {
                id: 7,
                name: "ООО «Техномаркет Ритейл»".into(),
                contact_from: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
                requesters: vec![RequesterOption { id: 70, name: "Ирина Соколова".into() }],
            }],
            max_attachment_bytes: crate::domain::attachment::DEFAULT_MAX_BYTES,
        }
    }

    /// Times typed as if the browser were at UTC+03:00.
    fn moscow(local: NaiveDateTime) -> Option<DateTime<Utc>> {
        Some(Utc.from_utc_datetime(&(local - chrono::Duration::hours(3))))
    }

    fn values(contact_time: &str) -> FormValues {
        FormValues {
            draft: TicketDraft {
                title: "Кассы не печатают чеки".into(), ..TicketDraft::default()
            },
            organisation: Some(7),
            requester: Some(70),
            channel: Some(Channel::Phone),
            contact_time: contact_time.into(),
        }
    }

    #[test]
    fn a_client_only_fills_in_the_texts() {
        let data = CreateFormData {
            server_now: now(),
            on_behalf: false,
            organisations: vec![],
            max_attachment_bytes: crate::domain::attachment::DEFAULT_MAX_BYTES,
        };
        let ok = FormValues {
            draft: TicketDraft { title: "x".into(), ..TicketDraft::default() },
            ..FormValues::default()
        };
        assert_eq!(check_form(&ok, &data, now(), moscow), Ok(None));
        let errors = check_form(&FormValues::default(), &data, now(), moscow).unwrap_err();
        assert_eq!(errors.errors, vec![FieldError::new(TicketField::Title, FieldProblem::Required)]);
    }

    #[test]
    fn an_operator_sends_the_contact_time_in_utc() {
        let checked = check_form(&values("2026-11-20T10:30"), &operator_data(), now(), moscow).unwrap();
        assert_eq!(
            checked,
            Some(OnBehalf {
                organisation_id: 7,
                requester_id: 70,
                channel: Channel::Phone,
                received_at: Utc.with_ymd_and_hms(2026, 11, 20, 7, 30, 0).unwrap(),
            })
        );
    }

    #[test]
    fn an_operator_must_choose_everything() {
        let empty = FormValues::default();
        let errors = check_form(&empty, &operator_data(), now(), moscow).unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                (TicketField::Title, FieldProblem::Required),
                (TicketField::Organisation, FieldProblem::Required),
                (TicketField::Requester, FieldProblem::Required),
                (TicketField::Channel, FieldProblem::Required),
                (TicketField::ReceivedAt, FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn contact_times_in_the_future_or_before_the_contract_are_refused() {
        let data = operator_data();
        // 15:02 Moscow is 12:02 UTC: two minutes ahead of the server.
        let future = check_form(&values("2026-11-20T15:02"), &data, now(), moscow).unwrap_err();
        assert_eq!(future.of(TicketField::ReceivedAt), Some(FieldProblem::InFuture));
        let early = check_form(&values("2025-12-31T23:00"), &data, now(), moscow).unwrap_err();
        assert_eq!(early.of(TicketField::ReceivedAt), Some(FieldProblem::BeforeContract));
        let garbled = check_form(&values("yesterday"), &data, now(), moscow).unwrap_err();
        assert_eq!(garbled.of(TicketField::ReceivedAt), Some(FieldProblem::Invalid));
    }

    #[test]
    fn a_requester_of_another_organisation_is_refused() {
        let mut v = values("2026-11-20T10:30");
        v.requester = Some(71);
        let errors = check_form(&v, &operator_data(), now(), moscow).unwrap_err();
        assert_eq!(errors.of(TicketField::Requester), Some(FieldProblem::Unknown));
    }

    #[test]
    fn problems_read_in_every_language() {
        let e = |field, code| FieldError::new(field, code);
        assert_eq!(
            problem_text(Locale::En, e(TicketField::Title, FieldProblem::Required)),
            "Title is required"
        );
        assert_eq!(
            problem_text(Locale::Ru, e(TicketField::Title, FieldProblem::TooLong)),
            "Тема слишком длинная (максимум 200 символов)"
        );
        assert_eq!(
            problem_text(Locale::Uk, e(TicketField::ProductVersion, FieldProblem::TooLong)),
            "Задовго, максимум 100 символів"
        );
        assert_eq!(
            problem_text(Locale::Ru, e(TicketField::ReceivedAt, FieldProblem::BeforeContract)),
            "Время обращения раньше начала действия договора"
        );
        assert_eq!(
            problem_text(Locale::En, e(TicketField::Requester, FieldProblem::Unknown)),
            "This choice is no longer available"
        );
    }
}
