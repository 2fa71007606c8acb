//! `/admin` and `/admin/<section>`: the tabs and the section shown.

use super::form::Notice;
use crate::functions::admin::{load_admin_data, AdminData};
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Organisations,
    Contracts,
    Calendars,
    Policies,
    Departments,
    Accounts,
    Templates,
    MailIn,
    Outbox,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Organisations,
        Section::Contracts,
        Section::Calendars,
        Section::Policies,
        Section::Departments,
        Section::Accounts,
        Section::Templates,
        Section::MailIn,
        Section::Outbox,
    ];

    /// The URL segment: `/admin/contracts`.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Organisations => "organisations",
            Section::Contracts => "contracts",
            Section::Calendars => "calendars",
            Section::Policies => "policies",
            Section::Departments => "departments",
            Section::Accounts => "users",
            Section::Templates => "templates",
            Section::MailIn => "mail-in",
            Section::Outbox => "outbox",
        }
    }

    pub fn title(self) -> Msg {
        match self {
            Section::Organisations => Msg::AdminOrganisations,
            Section::Contracts => Msg::AdminContracts,
            Section::Calendars => Msg::AdminCalendars,
            Section::Policies => Msg::AdminPolicies,
            Section::Departments => Msg::AdminDepartments,
            Section::Accounts => Msg::AdminAccounts,
            Section::Templates => Msg::AdminTemplates,
            Section::MailIn => Msg::AdminMailIn,
            Section::Outbox => Msg::AdminOutbox,
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let section = Memo::new(move |_| {
        params.read().get("section").and_then(|s| Section::from_slug(&s)).unwrap_or(Section::Organisations)
    });
    let data = Resource::new(|| (), |_| load_admin_data());
    let reload = Callback::new(move |_| data.refetch());
    let notice = Notice(RwSignal::new(None));
    provide_context(notice);
    // A message about one section means nothing on the next.
    Effect::new(move |_| {
        section.track();
        notice.0.set(None);
    });
    let tabs = Section::ALL
        .into_iter()
        .map(|s| {
            let href = format!("/admin/{}", s.slug());
            let current = move || (section.get() == s).then_some("page");
            view! { <a href=href aria-current=current>{locale.text(s.title())}</a> }
        })
        .collect_view();
    view! {
        <section class="admin-page" aria-labelledby="admin-title">
            <div class="page-head">
                <h1 id="admin-title">{locale.text(Msg::AdminTitle)}</h1>
                <p class="muted">{locale.text(Msg::AdminHome)}</p>
            </div>
            <nav class="admin-tabs" aria-label=locale.text(Msg::AdminSections)>{tabs}</nav>
            <p class="admin-notice" role="status" aria-live="polite">{move || notice.0.get()}</p>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
                // The section is read outside the async block, so a tab
                // switch redraws without waiting for (or refetching) the data.
                {move || {
                    let section = section.get();
                    Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <SectionView section data=d reload/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::AdminLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn SectionView(section: Section, data: AdminData, reload: Callback<()>) -> impl IntoView {
    let gaps = view! { <super::calendar_notes::CalendarGaps gaps=data.calendar_gaps.clone()/> };
    let section = match section {
        Section::Organisations => view! { <super::organisations::Organisations data reload/> }.into_any(),
        Section::Contracts => view! { <super::contracts::Contracts data reload/> }.into_any(),
        Section::Calendars => view! { <super::calendars::Calendars data reload/> }.into_any(),
        Section::Policies => view! { <super::policies::Policies data reload/> }.into_any(),
        Section::Departments => view! { <super::departments::Departments data reload/> }.into_any(),
        Section::Accounts => view! { <super::accounts::Accounts data reload/> }.into_any(),
        Section::Templates => view! { <super::templates::Templates data reload/> }.into_any(),
        // Mail in loads its own list too: mail arrives while the page is open.
        Section::MailIn => view! { <super::mail_in::MailIn/> }.into_any(),
        // The outbox loads its own list: it changes while the page is open.
        Section::Outbox => {
            let _ = (data, reload);
            view! { <super::outbox::Outbox/> }.into_any()
        }
    };
    view! { {gaps} {section} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_read_back() {
        for s in Section::ALL {
            assert_eq!(Section::from_slug(s.slug()), Some(s));
        }
        assert_eq!(Section::from_slug("../etc"), None);
    }
}
