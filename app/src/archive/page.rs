//! The Archive page: `/archive?q=касса&page=2`. The search and the page are
//! in the URL, so a result can be shared and the Back button works.

use crate::api::archive::ArchiveListing;
use crate::board::filter::encode;
use crate::functions::archive::get_archive;
use crate::i18n::{count_label, date, page_of, Msg, Noun};
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The link to page `page` of the search `q`.
fn page_href(q: &str, page: usize) -> String {
    match (q.trim().is_empty(), page) {
        (true, 1) => "/archive".to_string(),
        (true, _) => format!("/archive?page={page}"),
        (false, 1) => format!("/archive?q={}", encode(q.trim())),
        (false, _) => format!("/archive?q={}&page={page}", encode(q.trim())),
    }
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse().ok()).unwrap_or(1usize);
    let listing = Resource::new(move || (q(), page()), |(q, page)| get_archive(q, page));
    view! {
        <section class="archive-page" aria-labelledby="archive-title">
            <div class="page-head">
                <h1 id="archive-title">{locale.text(Msg::NavArchive)}</h1>
                // A plain GET form: it works before the page hydrates, and
                // the result's URL is the shareable one.
                <form class="archive-search" method="get" action="/archive" role="search">
                    <label for="archive-q" class="visually-hidden">{locale.text(Msg::SearchPlaceholder)}</label>
                    <input
                        id="archive-q"
                        type="search"
                        name="q"
                        maxlength="200"
                        value=q
                        placeholder=locale.text(Msg::SearchPlaceholder)
                    />
                    <button type="submit">{locale.text(Msg::Search)}</button>
                </form>
            </div>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::LoadingArchive)}</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(l) => view! { <ArchiveTable listing=l q=q()/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::ArchiveLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[component]
fn ArchiveTable(listing: ArchiveListing, q: String) -> impl IntoView {
    let locale = use_locale();
    let ArchiveListing { tickets, page, pages, total } = listing;
    if tickets.is_empty() {
        return view! { <p class="notice">{locale.text(Msg::ArchiveEmpty)}</p> }.into_any();
    }
    let rows = tickets
        .into_iter()
        .map(|t| {
            let href = format!("/tickets/{}", t.key);
            let rejected = t.rejected.then(|| {
                view! { <span class="chip chip-rejected">{locale.text(Msg::Rejected)}</span> }
            });
            let closed = t.closed_at;
            view! {
                <tr>
                    <td class="archive-key"><a href=href>{t.key.clone()}</a></td>
                    <td>{t.title.clone()} " " {rejected}</td>
                    <td>{t.organisation.clone()}</td>
                    <td>{locale.text(labels::category(t.category))}</td>
                    <td>
                        <span class=format!("chip chip-priority priority-{}", t.priority.code())>
                            {locale.text(labels::priority(t.priority))}
                        </span>
                    </td>
                    // The day in UTC; the ticket page has the exact time in
                    // the calendar's zone.
                    <td>
                        <time datetime=closed.to_rfc3339()>
                            {move || date(locale.get(), closed.date_naive())}
                        </time>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let previous = (page > 1).then(|| {
        let href = page_href(&q, page - 1);
        view! { <a rel="prev" href=href>{locale.text(Msg::PreviousPage)}</a> }
    });
    let next = (page < pages).then(|| {
        let href = page_href(&q, page + 1);
        view! { <a rel="next" href=href>{locale.text(Msg::NextPage)}</a> }
    });
    view! {
        <div class="archive-table-wrap">
            <table class="archive-table">
                <caption>{move || count_label(locale.get(), total as u64, Noun::Ticket)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"ID"</th>
                        <th scope="col">{locale.text(Msg::Title)}</th>
                        <th scope="col">{locale.text(Msg::Organisation)}</th>
                        <th scope="col">{locale.text(Msg::Category)}</th>
                        <th scope="col">{locale.text(Msg::Priority)}</th>
                        <th scope="col">{locale.text(Msg::Closed)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=locale.text(Msg::Pages)>
            {previous}
            <span aria-current="page">{move || page_of(locale.get(), page, pages)}</span>
            {next}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_search() {
        assert_eq!(page_href("", 1), "/archive");
        assert_eq!(page_href("  ", 3), "/archive?page=3");
        assert_eq!(page_href("касса", 1), "/archive?q=%D0%BA%D0%B0%D1%81%D1%81%D0%B0");
        assert_eq!(page_href("SUP 10", 2), "/archive?q=SUP%2010&page=2");
    }
}
