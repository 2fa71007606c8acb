use crate::admin::AdminPage;
use crate::archive::ArchivePage;
use crate::board::BoardPage;
use crate::domain::ticket::Role;
use crate::i18n::{Locale, Msg};
use crate::locale::{initial_locale, provide_locale, switch_locale, use_locale};
use crate::session::{LoginPage, RequireSignIn, UserMenu};
use crate::sprints::SprintsPage;
use crate::tickets::create::CreateTicketPage;
use crate::tickets::detail::TicketPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered by the server. `lang` carries
/// the chosen language to the browser for hydration.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=initial_locale().code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = provide_locale();
    crate::live::LiveFeed::provide();
    view! {
        <Stylesheet id="leptos" href="/pkg/slaboard.css"/>
        <Title text="SLA Board"/>
        <Router>
            <header class="topbar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◷"</span>
                    <span class="brand-name">"SLA Board"</span>
                </a>
                <TopNav/>
                <crate::live::LiveStatus/>
                <LanguageSwitch/>
                <UserMenu/>
            </header>
            <main>
                <Routes fallback=move || view! { <p class="notice">{locale.text(Msg::PageNotFound)}</p> }>
                    // Async: the board HTML arrives complete, countdowns included.
                    <Route
                        path=path!("")
                        view=|| view! { <RequireSignIn admins_to_admin_area=true><BoardPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("login") view=LoginPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("admin")
                        view=|| view! { <RequireSignIn><AdminPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("admin/:section")
                        view=|| view! { <RequireSignIn><AdminPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("sprints")
                        view=|| view! { <RequireSignIn><SprintsPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("sprints/:id/plan")
                        view=|| view! { <RequireSignIn><crate::sprints::SprintPlanPageView/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("archive")
                        view=|| view! { <RequireSignIn><ArchivePage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("reports")
                        view=|| view! { <RequireSignIn><crate::reports::ReportsPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("settings")
                        view=|| view! { <RequireSignIn><crate::settings::SettingsPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    // "new" before ":key", so it is not read as a ticket key.
                    <Route
                        path=path!("tickets/new")
                        view=|| view! { <RequireSignIn><CreateTicketPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("tickets/:key")
                        view=|| view! { <RequireSignIn><TicketPage/></RequireSignIn> }
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// The main navigation: the board and the archive for the people who work
/// tickets, the admin area for admins (who have no board, SPEC §1).
#[component]
fn TopNav() -> impl IntoView {
    let user = Resource::new(|| (), |_| crate::functions::auth::me());
    // Leads always; a client when the admin allows it (both resources made
    // here, not inside the Suspend: hydration must meet them in order).
    let reports = Resource::new(|| (), |_| crate::functions::reports::reports_available());
    let locale = use_locale();
    view! {
        <nav class="topnav" aria-label=move || Msg::NavMain.text(locale.get())>
            <Suspense>
                {move || Suspend::new(async move {
                    let role = user.await.ok().map(|u| u.role);
                    let reports = reports
                        .await
                        .unwrap_or(false)
                        .then(|| view! { <NavLink href="/reports" label=Msg::NavReports/> });
                    match role {
                        Some(Role::Admin) => view! { <NavLink href="/admin" label=Msg::NavAdmin/> }.into_any(),
                        Some(Role::Client) => view! {
                            <NavLink href="/" label=Msg::NavBoard/>
                            <NavLink href="/archive" label=Msg::NavArchive/>
                            {reports}
                        }
                            .into_any(),
                        // Sprint planning is the support team's, not the clients'.
                        Some(_) => view! {
                            <NavLink href="/" label=Msg::NavBoard/>
                            <NavLink href="/sprints" label=Msg::NavSprints/>
                            <NavLink href="/archive" label=Msg::NavArchive/>
                            {reports}
                        }
                            .into_any(),
                        None => ().into_any(),
                    }
                })}
            </Suspense>
        </nav>
    }
}

#[component]
fn NavLink(href: &'static str, label: Msg) -> impl IntoView {
    let locale = use_locale();
    let location = leptos_router::hooks::use_location();
    let current = move || {
        let path = location.pathname.get();
        (path == href || (href != "/" && path.starts_with(&format!("{href}/")))).then_some("page")
    };
    view! {
        <a href=href aria-current=current>
            {locale.text(label)}
        </a>
    }
}

/// The language menu: every language named in itself.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{locale.text(Msg::Language)}</span>
            <select
                id="language"
                aria-label=locale.text(Msg::Language)
                on:change=move |ev| {
                    if let Ok(l) = event_target_value(&ev).parse::<Locale>() {
                        switch_locale(locale, l);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() selected=move || locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
