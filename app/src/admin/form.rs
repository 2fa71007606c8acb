//! What every admin form shares: field errors worded per language, the
//! inputs that show them, and reading a failed save.

use crate::domain::admin::{FieldError, FormErrors, Problem};
use crate::error::AppError;
use crate::i18n::{
    at_least_chars, at_most_chars, from_one_to, overlaps_contract, unknown_placeholder, Locale, Msg,
};
use crate::locale::use_locale;
use leptos::prelude::*;

/// The sentence for one field problem.
pub fn problem_text(locale: Locale, e: &FieldError) -> String {
    let limit = e.limit.unwrap_or_default().max(0);
    let detail = e.detail.clone().unwrap_or_default();
    match e.problem {
        Problem::Required => Msg::ProblemRequired.text(locale).to_string(),
        Problem::TooLong => at_most_chars(locale, limit as u64),
        Problem::TooShort => at_least_chars(locale, limit as u64),
        // Policy and calendar JSON: the parser's own words say where.
        Problem::Invalid if !detail.is_empty() => format!("{} {detail}", Msg::ProblemInvalid.text(locale)),
        Problem::Invalid => Msg::ProblemInvalid.text(locale).to_string(),
        Problem::Taken => Msg::ProblemTaken.text(locale).to_string(),
        Problem::Unknown => Msg::ProblemUnknown.text(locale).to_string(),
        Problem::NotAfterStart => Msg::ProblemNotAfterStart.text(locale).to_string(),
        Problem::Overlaps => overlaps_contract(locale, &detail),
        // From a policy edit: the level the contracts use, by its code (the
        // contract form shows the level in its own selects).
        Problem::LevelNotInPolicy if e.field == "spec" && !detail.is_empty() => {
            format!("{} ({detail})", Msg::ProblemLevelNotInPolicy.text(locale))
        }
        Problem::LevelNotInPolicy => Msg::ProblemLevelNotInPolicy.text(locale).to_string(),
        Problem::OrganisationMismatch => Msg::ProblemOrganisationMismatch.text(locale).to_string(),
        // A day outside the supported years: the detail names the range.
        Problem::OutOfRange if !detail.is_empty() => format!("{} {detail}", Msg::ProblemInvalid.text(locale)),
        Problem::OutOfRange => from_one_to(locale, limit),
        Problem::UnknownPlaceholder => unknown_placeholder(locale, &detail),
        Problem::OwnAccount => Msg::ProblemOwnAccount.text(locale).to_string(),
        Problem::PublicMailDomain => Msg::ProblemPublicMailDomain.text(locale).to_string(),
    }
}

/// The errors of one form: per field, or one message for the whole form
/// (a refusal or a server fault, worded by its variant).
#[derive(Clone, Copy)]
pub struct Feedback {
    pub errors: RwSignal<FormErrors>,
    pub failure: RwSignal<Option<String>>,
}

impl Feedback {
    pub fn new() -> Feedback {
        Feedback { errors: RwSignal::new(FormErrors::default()), failure: RwSignal::new(None) }
    }

    pub fn clear(self) {
        self.errors.set(FormErrors::default());
        self.failure.set(None);
    }

    /// A form the browser found wrong before sending.
    pub fn invalid(self, errors: FormErrors) {
        self.failure.set(None);
        self.errors.set(errors);
    }

    /// A save the server refused.
    pub fn refused(self, error: &AppError) {
        match error.form_errors() {
            Some(errors) => self.invalid(errors),
            None => {
                self.errors.set(FormErrors::default());
                self.failure.set(Some(crate::labels::app_error_text(use_locale().0.get_untracked(), error)));
            }
        }
    }
}

/// "Saved." after a save, until the next one: the page's live region.
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<String>>);

pub fn use_notice() -> Notice {
    expect_context::<Notice>()
}

/// The message under a field, wired to it by `aria-describedby`.
#[component]
pub fn FieldMessage(id: String, field: &'static str, feedback: Feedback) -> impl IntoView {
    let locale = use_locale();
    let text = move || feedback.errors.with(|e| e.of(field).map(|x| problem_text(locale.get(), x)));
    view! { <p class="field-error" id=id>{text}</p> }
}

fn field_class(feedback: Feedback, field: &'static str) -> impl Fn() -> &'static str + Send + Sync {
    move || if feedback.errors.with(|e| e.of(field).is_some()) { "field field-invalid" } else { "field" }
}

/// A labelled text input (`kind`: `text`, `email`, `date`, `number`,
/// `password`) or, with `rows`, a textarea.
#[component]
pub fn TextField(
    form: &'static str,
    field: &'static str,
    label: Msg,
    value: RwSignal<String>,
    feedback: Feedback,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    /// Shown but not typed in (a key that cannot change once stored).
    #[prop(optional, into)]
    readonly: Signal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let id = format!("{form}-{field}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() { format!("{error_id} {hint_id}") } else { error_id.clone() };
    let invalid = move || feedback.errors.with(|e| e.of(field).is_some()).to_string();
    let input = match rows {
        Some(rows) => view! {
            <textarea
                id=id.clone()
                name=field
                rows=rows
                required=required
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                name=field
                type=kind.unwrap_or("text")
                required=required
                readonly=move || readonly.get()
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class=field_class(feedback, field)>
            <label for=id.clone()>{locale.text(label)}</label>
            {input}
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{locale.text(h)}</p> })}
            <FieldMessage id=error_id field feedback/>
        </div>
    }
}

/// A labelled select of `(value, label)` options; `value` holds the chosen
/// option's value (`""` for the empty first option, when there is one).
#[component]
pub fn SelectField(
    form: &'static str,
    field: &'static str,
    label: Msg,
    value: RwSignal<String>,
    feedback: Feedback,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] empty: Option<Msg>,
) -> impl IntoView {
    let locale = use_locale();
    let id = format!("{form}-{field}");
    let error_id = format!("{id}-error");
    let invalid = move || feedback.errors.with(|e| e.of(field).is_some()).to_string();
    view! {
        <div class=field_class(feedback, field)>
            <label for=id.clone()>{locale.text(label)}</label>
            <select
                id=id.clone()
                name=field
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {empty.map(|m| view! { <option value="">{locale.text(m)}</option> })}
                {option_list(value, options)}
            </select>
            <FieldMessage id=error_id field feedback/>
        </div>
    }
}

/// A select's `(value, label)` options, the chosen one marked for the
/// server-rendered page (`prop:value` takes over once hydrated).
pub fn option_list(value: RwSignal<String>, options: Signal<Vec<(String, String)>>) -> impl IntoView {
    move || {
        options
            .get()
            .into_iter()
            .map(|(v, text)| {
                let selected = value.get_untracked() == v;
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view()
    }
}

/// The form's own failure (not a field's) and the save button.
#[component]
pub fn FormActions(
    feedback: Feedback,
    pending: Signal<bool>,
    editing: Signal<bool>,
    on_new: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="form-error" role="alert">{move || feedback.failure.get()}</p>
        <div class="admin-form-actions">
            <button type="submit" class="primary" disabled=move || pending.get()>
                {move || if pending.get() { Msg::Saving.text(locale.get()) } else { Msg::Save.text(locale.get()) }}
            </button>
            <Show when=move || editing.get()>
                <button type="button" on:click=move |_| on_new.run(())>{locale.text(Msg::Cancel)}</button>
            </Show>
        </div>
    }
}

/// A form's heading: "Edit" while a listed record is being changed, else
/// `new_label` ("Add new", "New sprint").
#[component]
pub fn FormHeading(#[prop(into)] editing: Signal<bool>, new_label: Msg) -> impl IntoView {
    let locale = use_locale();
    view! { <h2>{move || if editing.get() { Msg::EditRecord } else { new_label }.text(locale.get())}</h2> }
}

/// A table row's "Edit" button; screen readers hear which record.
#[component]
pub fn EditButton(name: String, on_edit: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <button type="button" class="link-button" on:click=move |_| on_edit.run(())>
            {locale.text(Msg::EditRecord)}
            <span class="visually-hidden">" " {name}</span>
        </button>
    }
}

/// Parses an optional id from a select's value.
pub fn chosen_id(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

/// Wires a save's answer to the form: on success the notice says so and
/// the data reloads (which redraws the section with a fresh form); on
/// failure the form shows why and keeps what was typed.
pub fn after_save<I, T>(action: Action<I, Result<T, AppError>>, feedback: Feedback, reload: Callback<()>)
where
    I: Send + Sync + 'static,
    T: Send + Sync + Clone + 'static,
{
    let notice = use_notice();
    let locale = use_locale();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            feedback.clear();
            notice.0.set(Some(Msg::SavedOk.text(locale.0.get_untracked()).to_string()));
            reload.run(());
        }
        Some(Err(e)) => {
            notice.0.set(None);
            feedback.refused(&e);
        }
        None => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(problem: Problem, limit: Option<i64>, detail: Option<&str>) -> FieldError {
        FieldError { field: "f".into(), problem, limit, detail: detail.map(str::to_string) }
    }

    #[test]
    fn every_problem_reads_differently_in_each_language() {
        for problem in Problem::ALL {
            let e = error(problem, Some(12), Some("x"));
            let texts: Vec<String> = Locale::ALL.into_iter().map(|l| problem_text(l, &e)).collect();
            assert!(texts.iter().all(|t| !t.trim().is_empty()), "{problem:?}");
            assert_ne!(texts[0], texts[1], "{problem:?}");
            assert_ne!(texts[0], texts[2], "{problem:?}");
        }
    }

    #[test]
    fn limits_and_details_are_worded_with_their_numbers() {
        assert_eq!(
            problem_text(Locale::En, &error(Problem::TooShort, Some(12), None)),
            "At least 12 characters."
        );
        assert_eq!(
            problem_text(Locale::Ru, &error(Problem::TooShort, Some(12), None)),
            "Не меньше 12 символов."
        );
        assert_eq!(
            problem_text(Locale::Uk, &error(Problem::TooLong, Some(200), None)),
            "Не більше 200 символів."
        );
        assert_eq!(problem_text(Locale::Ru, &error(Problem::OutOfRange, Some(60), None)), "От 1 до 60.");
        assert_eq!(
            problem_text(Locale::Uk, &error(Problem::UnknownPlaceholder, None, Some("clinet"))),
            "Невідома підстановка {clinet}."
        );
        assert_eq!(
            problem_text(Locale::En, &error(Problem::Overlaps, None, Some("2026-01-01 – …"))),
            "Overlaps another contract of this organisation (2026-01-01 – …)."
        );
    }
}
