//! The admin area's rules (SPEC §1): what makes an organisation, contract,
//! account, department or reply template valid. The forms check these in
//! the browser and the server checks them again before anything is stored;
//! both answer with the same [`FormErrors`], which the UI words per language.

pub mod account;
pub mod contract_terms;
pub mod department;
pub mod form;
pub mod organisation;
pub mod policy_check;
pub mod template;

pub use account::{AccountDraft, ValidAccount};
pub use contract_terms::{ContractDraft, ContractPeriod, ValidContract};
pub use department::{Channel, ChannelDraft, DepartmentChannel, DepartmentDraft, ValidDepartment};
pub use form::{FieldError, FormErrors, Problem};
pub use organisation::{organisation_form, organisation_name, ValidOrganisation};
pub use policy_check::{check_policy, MAX_POLICY_NAME_CHARS};
pub use template::{render_template, TemplateDraft, TemplateValues, ValidTemplate, PLACEHOLDERS};
