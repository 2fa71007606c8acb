use super::moves::{MovableCard, MoveController};
use super::sla_badge::SlaBadge;
use crate::api::board::Card;
use crate::domain::ticket::{Role, Status};
use crate::i18n::Msg;
use crate::labels;
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The nearest allowed column left (`step` = -1) or right (+1) of `from`
/// in board order.
fn neighbour(from: Status, targets: &[Status], step: i32) -> Option<Status> {
    let order = |s: Status| Status::BOARD.iter().position(|b| *b == s).map(|i| i as i32);
    let here = order(from)?;
    let mut candidates: Vec<(i32, Status)> = targets
        .iter()
        .filter_map(|t| order(*t).map(|i| (i, *t)))
        .filter(|(i, _)| (i - here) * step > 0)
        .collect();
    candidates.sort_by_key(|(i, _)| (i - here).abs());
    candidates.first().map(|(_, s)| *s)
}

/// Follows the card's link when Enter is pressed on the card itself.
#[cfg(feature = "hydrate")]
fn open_card(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let (Some(target), Some(card)) = (ev.target(), ev.current_target()) else { return };
    if target != card {
        return;
    }
    let link = card
        .dyn_into::<web_sys::Element>()
        .ok()
        .and_then(|c| c.query_selector(".card-title a").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        ev.prevent_default();
        link.click();
    }
}

#[cfg(not(feature = "hydrate"))]
fn open_card(_ev: &leptos::ev::KeyboardEvent) {}

#[component]
pub fn CardView(card: Card, now: Signal<DateTime<Utc>>, role: Role, moves: MoveController) -> impl IntoView {
    let locale = use_locale();
    let Card {
        id,
        key,
        title,
        organisation,
        priority,
        category,
        assignee,
        waiting,
        waiting_question,
        countdown,
        zone,
        round_the_clock,
        status,
        version,
        level,
        received_at,
        escalations,
        ..
    } = card;
    let movable = MovableCard { id, key: key.clone(), status, category, version };
    // Briefly highlighted when someone else just changed it.
    let changed = use_context::<super::page::RecentlyChanged>();
    let class = move || match changed {
        Some(c) if c.0.with(|ids| ids.contains(&id)) => "card card-changed",
        _ => "card",
    };
    let targets = MoveController::targets(&movable, role);
    let can_move = !targets.is_empty();
    let assignee = assignee.map(|a| view! { {a} }.into_any()).unwrap_or_else(|| {
        view! { <span class="unassigned">{locale.text(Msg::Unassigned)}</span> }.into_any()
    });
    let on_key = {
        let (movable, targets) = (movable.clone(), targets.clone());
        move |ev: leptos::ev::KeyboardEvent| {
            let step = match ev.key().as_str() {
                "ArrowRight" if ev.shift_key() => 1,
                "ArrowLeft" if ev.shift_key() => -1,
                // Enter on the card itself opens it (on its link or menu they do their own).
                "Enter" => return open_card(&ev),
                _ => return,
            };
            ev.prevent_default();
            if let Some(to) = neighbour(movable.status, &targets, step) {
                moves.request(movable.clone(), to, locale);
            } else {
                moves.notice.set(Some(super::moves::MoveNotice::Refused(format!(
                    "{}: {}",
                    movable.key,
                    Msg::MoveNotAllowed.text(locale.get())
                ))));
            }
        }
    };
    let on_drag = {
        let movable = movable.clone();
        move |ev: leptos::ev::DragEvent| {
            if let Some(dt) = ev.data_transfer() {
                let _ = dt.set_data("text/plain", &movable.key);
                dt.set_effect_allowed("move");
            }
            moves.dragging.set(Some(movable.clone()));
        }
    };
    let menu = can_move.then(|| {
        let movable = movable.clone();
        let menu_key = movable.key.clone();
        view! {
            <select
                class="move-menu"
                aria-label=move || format!("{} {}", Msg::MoveTo.text(locale.get()), menu_key)
                on:change={
                    let movable = movable.clone();
                    move |ev| {
                        if let Ok(to) = event_target_value(&ev).parse::<Status>() {
                            moves.request(movable.clone(), to, locale);
                        }
                    }
                }
            >
                <option value="" selected>{locale.text(Msg::MoveTo)}</option>
                {targets
                    .iter()
                    .map(|t| view! { <option value=t.code()>{locale.text(labels::status(*t))}</option> })
                    .collect_view()}
            </select>
        }
    });
    view! {
        <article
            class=class
            tabindex="0"
            draggable=if can_move { "true" } else { "false" }
            data-key=key.clone()
            data-id=id
            data-calendar=if round_the_clock { "always" } else { "business" }
            aria-label=format!("{key}: {title}")
            on:dragstart=on_drag
            on:dragend=move |_| moves.dragging.set(None)
            on:keydown=on_key
        >
            <div class="card-top">
                <span class="card-key">{key.clone()}</span>
                <span class=format!("chip priority-{}", priority.code())>
                    {locale.text(labels::priority(priority))}
                </span>
            </div>
            <h3 class="card-title">
                // Not draggable itself, so dragging the card never drags the link.
                <a href=format!("/tickets/{key}") draggable="false">{title.clone()}</a>
            </h3>
            <p class="card-org">{organisation}</p>
            <div class="card-meta">
                <span class="chip category">{locale.text(labels::category(category))}</span>
                <span class=format!("chip level level-{}", level.mark.code())>
                    {move || labels::ticket_level(locale.get(), level)}
                </span>
                {waiting
                    .map(|w| {
                        view! { <span class="chip waiting">{locale.text(labels::waiting(w))}</span> }
                    })}
            </div>
            <super::escalation_chip::EscalationChips chips=escalations now/>
            {waiting_question.filter(|_| waiting.is_some()).map(|question| {
                let heading = if role == Role::Client { Msg::AskedOfYou } else { Msg::AskedOfClient };
                view! {
                    <p class="card-asked">
                        <span class="card-asked-label">{locale.text(heading)}": "</span>
                        {question}
                    </p>
                }
            })}
            <footer class="card-foot">
                <span class="assignee">{assignee}</span>
                {match countdown {
                    Some(countdown) => view! { <SlaBadge countdown zone now owner=key.clone()/> }.into_any(),
                    // A level without targets (best effort) counts nothing
                    // down: the card says how long the ticket has been open.
                    None => {
                        view! {
                            <span class="card-age">
                                {move || {
                                    let l = locale.get();
                                    let secs = (now.get() - received_at).num_seconds();
                                    format!("{} {}", Msg::NoTargetAge.text(l), crate::i18n::age(l, secs))
                                }}
                            </span>
                        }
                            .into_any()
                    }
                }}
            </footer>
            {menu}
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbour_picks_the_nearest_allowed_column_in_the_direction() {
        use Status::*;
        assert_eq!(neighbour(Backlog, &[Sprint, InProgress], 1), Some(Sprint));
        assert_eq!(neighbour(Backlog, &[InProgress], 1), Some(InProgress));
        assert_eq!(neighbour(Backlog, &[Sprint], -1), None);
        assert_eq!(neighbour(Release, &[Sprint, InProgress, Archive], -1), Some(InProgress));
        // Archive is not a board column: keyboard moves stay on the board.
        assert_eq!(neighbour(Release, &[Archive], 1), None);
    }
}
