//! The filter bar above the board. Every change rewrites the URL, which is
//! the one source of the filter.

use super::filter::{BoardFilter, SlaFilter};
use crate::domain::ticket::{Category, Priority, Role};
use crate::i18n::Msg;
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The filter in the current URL.
pub fn use_board_filter() -> Memo<BoardFilter> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| BoardFilter::from_query(|k| q.get_str(k))))
}

#[component]
pub fn FilterBar(
    filter: Memo<BoardFilter>,
    /// The choices: whoever is on the board now (it changes live).
    organisations: Memo<Vec<String>>,
    assignees: Memo<Vec<String>>,
    /// Clients get no organisation, assignee or sprint filter (one
    /// organisation, no sprints) and no agents' quick filters.
    role: Role,
) -> impl IntoView {
    let locale = use_locale();
    let navigate = use_navigate();
    let agent = role.is_agent();
    let staff = role != Role::Client;
    // On a phone the selects fold behind one button (CSS shows them
    // always on a wide screen).
    let open = RwSignal::new(false);
    // A plain clonable closure (no stored value): a thread-local store
    // would be dropped on another server thread when the page is done.
    let set = move |change: Box<dyn Fn(&mut BoardFilter)>| {
        let mut f = filter.get_untracked();
        change(&mut f);
        let q = f.to_query();
        let url = if q.is_empty() { "/".to_string() } else { format!("/?{q}") };
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let none = move || view! { <option value="">"—"</option> };
    let select_value = |v: Option<String>| v.unwrap_or_default();
    view! {
        <form class="filter-bar" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="filter-search">
                <span class="visually-hidden">{locale.text(Msg::SearchPlaceholder)}</span>
                <input
                    type="search"
                    id="filter-q"
                    placeholder=locale.text(Msg::SearchPlaceholder)
                    prop:value=move || filter.get().text
                    on:input={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.text = v.clone()));
                    }
                }
                />
            </label>
            {agent.then(|| {
                let toggle = |id: &'static str, msg: Msg, on: fn(&BoardFilter) -> bool, flip: fn(&mut BoardFilter)| {
                    let set = set.clone();
                    view! {
                        <button
                            type="button"
                            id=id
                            class="quick-filter"
                            aria-pressed=move || on(&filter.get()).to_string()
                            on:click=move |_| set(Box::new(flip))
                        >
                            {locale.text(msg)}
                        </button>
                    }
                };
                view! {
                    <div class="quick-filters" role="group" aria-label=move || Msg::QuickFilters.text(locale.get())>
                        {toggle("quick-mine", Msg::FilterMine, |f| f.mine, |f| f.mine = !f.mine)}
                        {toggle("quick-unassigned", Msg::FilterUnassigned, |f| f.unassigned, |f| f.unassigned = !f.unassigned)}
                        {toggle(
                            "quick-at-risk",
                            Msg::SlaAtRisk,
                            |f| f.sla == Some(SlaFilter::AtRisk),
                            |f| f.sla = if f.sla == Some(SlaFilter::AtRisk) { None } else { Some(SlaFilter::AtRisk) },
                        )}
                        {toggle("sort-breach", Msg::SortByBreach, |f| f.by_breach, |f| f.by_breach = !f.by_breach)}
                    </div>
                }
            })}
            <button
                type="button"
                class="filters-toggle"
                aria-controls="filter-more"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {locale.text(Msg::MoreFilters)}
            </button>
            <div id="filter-more" class=move || if open.get() { "filter-more open" } else { "filter-more" }>
            <label>
                <span>{locale.text(Msg::SlaState)}</span>
                <select
                    id="filter-sla"
                    prop:value=move || select_value(filter.get().sla.map(|s| s.code().to_string()))
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.sla = SlaFilter::ALL.into_iter().find(|s| s.code() == v)));
                    }
                }
                >
                    {none}
                    {SlaFilter::ALL
                        .into_iter()
                        .map(|s| {
                            let msg = match s {
                                SlaFilter::AtRisk => Msg::SlaAtRisk,
                                SlaFilter::Breached => Msg::SlaBreached,
                                SlaFilter::Paused => Msg::SlaPaused,
                            };
                            view! { <option value=s.code()>{locale.text(msg)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{locale.text(Msg::Priority)}</span>
                <select
                    id="filter-priority"
                    prop:value=move || select_value(filter.get().priority.map(|p| p.code().to_string()))
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.priority = v.parse::<Priority>().ok()));
                    }
                }
                >
                    {none}
                    {Priority::ALL
                        .iter()
                        .map(|p| view! { <option value=p.code()>{locale.text(labels::priority(*p))}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{locale.text(Msg::Category)}</span>
                <select
                    id="filter-category"
                    prop:value=move || select_value(filter.get().category.map(|c| c.code().to_string()))
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.category = v.parse::<Category>().ok()));
                    }
                }
                >
                    {none}
                    {Category::ALL
                        .iter()
                        .map(|c| view! { <option value=c.code()>{locale.text(labels::category(*c))}</option> })
                        .collect_view()}
                </select>
            </label>
            {staff.then(|| { let set = set.clone(); view! {
            <label>
                <span>{locale.text(Msg::Organisation)}</span>
                <select
                    id="filter-org"
                    prop:value=move || select_value(filter.get().organisation)
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.organisation = Some(v.clone()).filter(|v| !v.is_empty())));
                    }
                }
                >
                    {none}
                    // Keyed: an option that stays keeps its DOM, so the
                    // chosen one stays chosen while others come and go.
                    <For each=move || organisations.get() key=|o| o.clone() let:o>
                        <option value=o.clone()>{o.clone()}</option>
                    </For>
                </select>
            </label>
            <label>
                <span>{locale.text(Msg::Assignee)}</span>
                <select
                    id="filter-assignee"
                    prop:value=move || select_value(filter.get().assignee)
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| f.assignee = Some(v.clone()).filter(|v| !v.is_empty())));
                    }
                }
                >
                    {none}
                    <For each=move || assignees.get() key=|a| a.clone() let:a>
                        <option value=a.clone()>{a.clone()}</option>
                    </For>
                </select>
            </label>
            }})}
            <label class="filter-waiting">
                <input
                    type="checkbox"
                    id="filter-waiting"
                    prop:checked=move || filter.get().waiting
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let on = event_target_checked(&ev);
                        set(Box::new(move |f| f.waiting = on));
                    }
                }
                />
                <span>{locale.text(Msg::Waiting)}</span>
            </label>
            {staff.then(|| { let set = set.clone(); view! {
            <label class="filter-sprint">
                <input
                    type="checkbox"
                    id="filter-sprint"
                    prop:checked=move || filter.get().active_sprint
                    on:change={
                        let set = set.clone();
                        move |ev| {
                        let on = event_target_checked(&ev);
                        set(Box::new(move |f| f.active_sprint = on));
                    }
                }
                />
                <span>{locale.text(Msg::FilterActiveSprint)}</span>
            </label>
            }})}
            </div>
            <Show when=move || !filter.get().is_empty()>
                <a class="filter-clear" href="/">{locale.text(Msg::ClearFilters)}</a>
            </Show>
        </form>
    }
    .into_any()
}
