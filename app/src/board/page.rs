use super::column::BoardColumnView;
use super::filter_bar::{use_board_filter, FilterBar};
use super::live::{apply, find};
use super::moves::{MoveAnnouncer, MoveController, MoveNotice};
use crate::api::board::{BoardColumn, BoardSnapshot, Card};
use crate::clock::page_clock;
use crate::domain::event::TicketEvent;
use crate::domain::ticket::{Permission, Role, Status};
use crate::functions::board::{get_board, get_board_card};
use crate::i18n::{moved_by, Msg};
use crate::labels;
use crate::live::{use_live, LiveEvent};
use crate::locale::use_locale;
use leptos::prelude::*;
use std::collections::HashMap;

/// How long a card changed by someone else stays highlighted.
const FLASH_MS: u32 = 2_000;

/// The cards changed by someone else a moment ago, highlighted briefly.
#[derive(Clone, Copy)]
pub struct RecentlyChanged(pub RwSignal<Vec<i64>>);

/// The shared board: five columns of cards with live SLA countdowns. It
/// follows the live stream: every change anyone makes to a ticket the
/// viewer may see refetches that one card.
#[component]
pub fn BoardPage() -> impl IntoView {
    let locale = use_locale();
    let board = Resource::new(|| (), |_| get_board());
    // Set by the board once it shows: refetches one card after a move.
    let refresh: RwSignal<Option<Callback<(i64, bool)>>> = RwSignal::new(None);
    // A move's answer may come after the page was left: then nothing is
    // there to refresh.
    let moves = MoveController::new(locale, move |id| match refresh.try_get_untracked() {
        Some(Some(refresh)) => {
            refresh.try_run((id, false));
        }
        Some(None) => board.refetch(),
        None => {}
    });
    let reload = Callback::new(move |()| board.refetch());
    view! {
        <section class="board-page">
            <div class="board-bar">
                <h1>{locale.text(Msg::NavBoard)}</h1>
                <Shortcuts/>
            </div>
            <MoveAnnouncer controller=moves/>
            <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::LoadingBoard)}</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(snapshot) => view! { <Board snapshot moves refresh reload/> }.into_any(),
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {move || format!("{}: {}", Msg::BoardLoadFailed.text(locale.get()), crate::labels::app_error_text(locale.get(), &e))}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Board(
    snapshot: BoardSnapshot,
    moves: MoveController,
    refresh: RwSignal<Option<Callback<(i64, bool)>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let now = page_clock(snapshot.server_now);
    let role = snapshot.viewer_role;
    let filter = use_board_filter();
    let locale = use_locale();
    let columns = RwSignal::new(snapshot.columns);
    // The filter's choices follow the board as it changes live.
    let choices = move |of: fn(&Card) -> Option<String>| {
        Memo::new(move |_| {
            let mut names: Vec<String> =
                columns.with(|cs| cs.iter().flat_map(|c| c.cards.iter()).filter_map(of).collect());
            names.sort();
            names.dedup();
            names
        })
    };
    let organisations = choices(|c| Some(c.organisation.clone()));
    let assignees = choices(|c| c.assignee.clone());
    let changed = RecentlyChanged(RwSignal::new(Vec::new()));
    provide_context(changed);
    let refetch = card_refetcher(columns, changed);
    // Replaced by the next board (after a resync) before this one goes.
    refresh.set(Some(refetch));
    let burst = StoredValue::new(BurstCounter::default());
    if let Some(live) = use_live() {
        live.follow(
            snapshot.live_from,
            move |event: &LiveEvent| {
                // Past a burst (the SLA watcher noting many milestones at
                // once), one snapshot is cheaper than a request per card.
                match burst.try_update_value(|b| b.count(now_ms())) {
                    Some(Burst::Reload) => return reload.run(()),
                    Some(Burst::Over) | None => return,
                    Some(Burst::Within) => {}
                }
                // The viewer's own changes (from this page or another tab)
                // are neither highlighted nor announced: they know.
                if !event.mine {
                    announce_move_of_focused_card(event, columns, moves, locale);
                }
                refetch.run((event.ticket_id, !event.mine));
            },
            move || reload.run(()),
        );
    }
    let me = StoredValue::new(snapshot.viewer_name.clone());
    // Only those who move cards between columns are told how to (clients
    // accept or refuse a release on its page, by its menu).
    let hint = role.is_agent().then(|| view! { <p class="hint board-hint">{locale.text(Msg::MoveHint)}</p> });
    let needs_you = (role == Role::Client).then(|| view! { <NeedsYou columns/> });
    let new_ticket = role.can(Permission::CreateTicket).then(|| {
        view! {
            <div class="board-actions">
                <a class="new-ticket-link" href="/tickets/new">{locale.text(Msg::NewTicket)}</a>
            </div>
        }
    });
    view! {
        {new_ticket}
        {needs_you}
        <FilterBar filter organisations assignees role/>
        {hint}
        <div class="board">
            {Status::BOARD
                .iter()
                .map(|&status| {
                    let column = Memo::new(move |_| {
                        columns.with(|cs| cs.iter().find(|c| c.status == status).cloned())
                            .unwrap_or(BoardColumn { status, cards: Vec::new(), wip_limit: None })
                    });
                    view! { <BoardColumnView column now role moves filter me/> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// The keyboard shortcuts: `?` (or the button) lists them, Escape closes
/// the list, `/` goes to the search field. Keys typed into a field are the
/// field's.
#[component]
fn Shortcuts() -> impl IntoView {
    let locale = use_locale();
    let open = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            use wasm_bindgen::JsCast;
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            match ev.key().as_str() {
                "Escape" if open.get_untracked() => open.set(false),
                _ if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() => {}
                "?" => {
                    ev.prevent_default();
                    open.set(true);
                }
                "/" => {
                    let search = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id("filter-q"))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(search) = search {
                        ev.prevent_default();
                        let _ = search.focus();
                    }
                }
                _ => {}
            }
        });
        let handle = send_wrapper::SendWrapper::new(handle);
        on_cleanup(move || handle.take().remove());
        // The dialog takes the focus when it opens, so Escape and Tab work in it.
        Effect::new(move |_| {
            if open.get() {
                request_animation_frame(|| {
                    use wasm_bindgen::JsCast;
                    if let Some(close) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id("shortcuts-close"))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = close.focus();
                    }
                });
            }
        });
    }
    let rows = [
        ("Tab", Msg::ShortcutNextCard),
        ("Shift+→ / Shift+←", Msg::ShortcutMoveCard),
        ("Enter", Msg::ShortcutOpenCard),
        ("/", Msg::ShortcutSearch),
        ("?", Msg::ShortcutHelp),
        ("Esc", Msg::ShortcutClose),
    ];
    view! {
        <button type="button" class="shortcuts-button" aria-haspopup="dialog" on:click=move |_| open.set(true)>
            <kbd>"?"</kbd>
            " "
            {locale.text(Msg::KeyboardShortcuts)}
        </button>
        <Show when=move || open.get()>
            <div class="shortcuts-backdrop" on:click=move |_| open.set(false)></div>
            <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
                <h2 id="shortcuts-title">{locale.text(Msg::KeyboardShortcuts)}</h2>
                <dl>
                    {rows
                        .iter()
                        .map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt> <dd>{locale.text(*what)}</dd> })
                        .collect_view()}
                </dl>
                <button type="button" id="shortcuts-close" on:click=move |_| open.set(false)>
                    {locale.text(Msg::Close)}
                </button>
            </div>
        </Show>
    }
}

/// What a client has to do, first (issue 17): the tickets waiting for their
/// answer, with what is asked, then the releases to check. The columns
/// with everything follow.
#[component]
fn NeedsYou(columns: RwSignal<Vec<BoardColumn>>) -> impl IntoView {
    let locale = use_locale();
    let items = Memo::new(move |_| {
        columns.with(|cs| {
            let all = || cs.iter().flat_map(|c| c.cards.iter());
            let waiting = all().filter(|c| c.waiting.is_some() && c.status != Status::Release);
            let releases = all().filter(|c| c.status == Status::Release);
            waiting.chain(releases).cloned().collect::<Vec<Card>>()
        })
    });
    view! {
        <section class="needs-you" aria-labelledby="needs-you">
            <h2 id="needs-you">{locale.text(Msg::NeedsYou)}</h2>
            <Show
                when=move || items.with(|i| !i.is_empty())
                fallback=move || view! { <p class="muted">{locale.text(Msg::NeedsYouEmpty)}</p> }
            >
                <ul class="needs-you-list">
                    <For each=move || items.get() key=|c| (c.id, c.version) let:card>
                        {
                            let why = if card.status == Status::Release {
                                Msg::ReleaseToCheck
                            } else {
                                Msg::WaitingForYou
                            };
                            let question = card.waiting_question.clone().filter(|_| card.waiting.is_some());
                            view! {
                                <li>
                                    <a href=format!("/tickets/{}", card.key)>
                                        <span class="card-key">{card.key.clone()}</span>
                                        " "
                                        {card.title.clone()}
                                    </a>
                                    <span class="needs-you-why">{locale.text(why)}</span>
                                    {question.map(|q| view! { <p class="card-asked">{q}</p> })}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
    .into_any()
}

/// Events in one second above which the board reloads its snapshot
/// instead of refetching each card.
const BURST: u32 = 30;

/// Counts events per second.
#[derive(Default)]
struct BurstCounter {
    window_start_ms: f64,
    count: u32,
}

/// What to do with an event.
#[derive(Debug, PartialEq)]
enum Burst {
    Within,
    /// The event that crossed the limit: reload once.
    Reload,
    /// Later events of the same burst: the reload covers them.
    Over,
}

impl BurstCounter {
    fn count(&mut self, now_ms: f64) -> Burst {
        if now_ms - self.window_start_ms >= 1_000.0 {
            *self = BurstCounter { window_start_ms: now_ms, count: 0 };
        }
        self.count += 1;
        match self.count {
            n if n <= BURST => Burst::Within,
            n if n == BURST + 1 => Burst::Reload,
            _ => Burst::Over,
        }
    }
}

#[cfg(feature = "hydrate")]
fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(feature = "hydrate"))]
fn now_ms() -> f64 {
    0.0
}

/// A card being refetched.
#[derive(Default)]
struct Refetch {
    /// Another event came while the request was out: the answer may be
    /// older than that change, so ask again before showing it.
    again: bool,
    /// Whether to highlight the card when it arrives.
    flash: bool,
}

/// Refetches one card, `(id, highlight)`, and puts it where it belongs (or
/// off the board). One request per card at a time: events that come while
/// it is out ask once more after it, so a burst of events costs two
/// requests and no older answer can overwrite a newer one. A failed
/// request is retried with backoff (the server may be restarting): a card
/// is never left silently stale.
fn card_refetcher(columns: RwSignal<Vec<BoardColumn>>, changed: RecentlyChanged) -> Callback<(i64, bool)> {
    let pending: StoredValue<HashMap<i64, Refetch>> = StoredValue::new(HashMap::new());
    Callback::new(move |(id, highlight): (i64, bool)| {
        let start = pending
            .try_update_value(|p| match p.get_mut(&id) {
                Some(out) => {
                    out.again = true;
                    out.flash |= highlight;
                    false
                }
                None => {
                    p.insert(id, Refetch { again: false, flash: highlight });
                    true
                }
            })
            .unwrap_or(false);
        if !start {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut wait_ms = 500;
            loop {
                let answer = get_board_card(id).await;
                // The board may have gone meanwhile (another page, a resync).
                let Some(again) =
                    pending.try_update_value(|p| p.get_mut(&id).map(|r| std::mem::take(&mut r.again)))
                else {
                    return;
                };
                let card = match answer {
                    Ok(card) if again != Some(true) => card,
                    Ok(_) => continue,
                    Err(_) => {
                        pause(wait_ms).await;
                        wait_ms = (wait_ms * 2).min(30_000);
                        continue;
                    }
                };
                let highlight =
                    pending.try_update_value(|p| p.remove(&id).is_some_and(|r| r.flash)).unwrap_or(false);
                let focused = focused_card() == Some(id);
                let moved = columns.try_update(|cs| apply(cs, id, card)).unwrap_or(false);
                if moved && highlight {
                    flash(changed, id);
                }
                if moved && focused {
                    refocus(id);
                }
                return;
            }
        });
    })
}

/// Waits `ms` milliseconds (in the browser; the server never refetches).
async fn pause(ms: u32) {
    #[cfg(feature = "hydrate")]
    gloo_timers::future::TimeoutFuture::new(ms).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = ms;
}

/// Highlights card `id` for a moment.
fn flash(changed: RecentlyChanged, id: i64) {
    changed.0.try_update(|ids| ids.push(id));
    set_timeout(
        move || {
            changed.0.try_update(|ids| {
                if let Some(i) = ids.iter().position(|x| *x == id) {
                    ids.remove(i);
                }
            });
        },
        std::time::Duration::from_millis(u64::from(FLASH_MS)),
    );
}

/// Tells a screen reader that the card it is on was moved by someone else.
fn announce_move_of_focused_card(
    event: &LiveEvent,
    columns: RwSignal<Vec<BoardColumn>>,
    moves: MoveController,
    locale: crate::locale::UiLocale,
) {
    let TicketEvent::Moved { to, .. } = event.event else { return };
    if focused_card() != Some(event.ticket_id) {
        return;
    }
    let Some(key) = columns.with_untracked(|cs| find(cs, event.ticket_id).map(|c: &Card| c.key.clone()))
    else {
        return;
    };
    let l = locale.0.get_untracked();
    let actor = event.actor.clone().unwrap_or_else(|| Msg::SystemActor.text(l).to_string());
    moves.notice.set(Some(MoveNotice::Moved(moved_by(l, &actor, &key, labels::status(to).text(l)))));
}

/// The ticket id of the card that has the keyboard focus (or holds it).
#[cfg(feature = "hydrate")]
fn focused_card() -> Option<i64> {
    let active = web_sys::window()?.document()?.active_element()?;
    let card = active.closest("article.card").ok()??;
    card.get_attribute("data-id")?.parse().ok()
}

#[cfg(not(feature = "hydrate"))]
fn focused_card() -> Option<i64> {
    None
}

/// Gives the focus back to card `id` once it is drawn again.
#[cfg(feature = "hydrate")]
fn refocus(id: i64) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("article.card[data-id=\"{id}\"]")).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(card) = found {
            let _ = card.focus();
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn refocus(_id: i64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_events_reloads_once_and_a_new_second_starts_afresh() {
        let mut b = BurstCounter::default();
        let first: Vec<Burst> = (0..BURST + 3).map(|i| b.count(10_000.0 + f64::from(i))).collect();
        assert!(first[..BURST as usize].iter().all(|x| *x == Burst::Within));
        assert_eq!(first[BURST as usize], Burst::Reload);
        assert_eq!(first[BURST as usize + 1..], [Burst::Over, Burst::Over]);
        assert_eq!(b.count(11_500.0), Burst::Within, "a new second");
    }
}
