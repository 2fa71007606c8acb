//! Moving cards: drag and drop, the keyboard and the card's menu all end in
//! the same `move_ticket` server function; the outcome is announced in an
//! `aria-live` region and the card is refetched from the server's truth,
//! so a refused or stale move leaves the card where it really is.

use crate::domain::ticket::{allowed_moves, Actor, Category, Command, Role, Status};
use crate::error::AppError;
use crate::functions::tickets::move_ticket;
use crate::i18n::{moved_to, Locale, Msg};
use crate::labels;
use crate::locale::UiLocale;
use leptos::prelude::*;

/// A card as far as moving it is concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct MovableCard {
    pub id: i64,
    pub key: String,
    pub status: Status,
    pub category: Category,
    pub version: i64,
}

/// What the last move did, for the live region.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveNotice {
    Moved(String),
    Refused(String),
}

/// Shared by every card and column of the board page; it outlives board
/// reloads so the last announcement stays.
#[derive(Clone, Copy)]
pub struct MoveController {
    pub notice: RwSignal<Option<MoveNotice>>,
    /// The card being dragged, if any.
    pub dragging: RwSignal<Option<MovableCard>>,
    action: Action<(MovableCard, Status, Option<String>), Result<(), AppError>>,
}

impl MoveController {
    /// `reload` refetches the moved card after every move, refused ones
    /// included, so it shows where the server really has it.
    pub fn new(locale: UiLocale, reload: impl Fn(i64) + Send + Sync + Copy + 'static) -> Self {
        let notice = RwSignal::new(None);
        let action = Action::new(move |(card, to, reason): &(MovableCard, Status, Option<String>)| {
            let (card, to, reason) = (card.clone(), *to, reason.clone());
            async move {
                let mut result = move_ticket(card.id, to, card.version, reason).await.map(|_| ());
                // Into the Sprint column with no sprint running and several
                // open: the lead says which (issue 16).
                if let Err(e) = &result {
                    if e.code() == Some("sprint_choice_needed") {
                        if let Some(sprint) = choose_sprint(locale).await {
                            result = crate::functions::sprint_plan::plan_ticket(
                                card.id,
                                card.version,
                                Some(sprint),
                            )
                            .await
                            .map(|_| ());
                        }
                    }
                }
                let l = locale.get();
                let outcome = match result {
                    Ok(_) => {
                        notice.set(Some(MoveNotice::Moved(moved_to(
                            l,
                            &card.key,
                            labels::status(to).text(l),
                        ))));
                        Ok(())
                    }
                    Err(e) => {
                        notice.set(Some(MoveNotice::Refused(format!(
                            "{}: {}",
                            card.key,
                            refusal_text(l, &e)
                        ))));
                        Err(e)
                    }
                };
                reload(card.id);
                outcome
            }
        });
        MoveController { notice, dragging: RwSignal::new(None), action }
    }

    /// The columns a viewer with `role` may move `card` to.
    pub fn targets(card: &MovableCard, role: Role) -> Vec<Status> {
        allowed_moves(card.status, Actor::User(role), card.category)
    }

    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// Asks the server to move `card` to `to`. A rejection (Backlog →
    /// Archive) needs a reason, asked for first.
    pub fn request(&self, card: MovableCard, to: Status, locale: UiLocale) {
        if card.status == to {
            return;
        }
        let reason = if Command::needs_reason(card.status, to) {
            match ask_reason(locale) {
                Some(r) => Some(r),
                None => return,
            }
        } else {
            None
        };
        self.action.dispatch((card, to, reason));
    }
}

/// What the board says about a refused move, in the viewer's language: a
/// conflict, or the refusal's reason worded by its code.
fn refusal_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Stale => Msg::MoveConflict.text(locale).to_string(),
        other => labels::app_error_text(locale, other),
    }
}

/// Asks which open sprint to plan into: a numbered list in a prompt, like
/// the rejection's reason. `None` when cancelled or nothing is open.
async fn choose_sprint(locale: UiLocale) -> Option<i64> {
    let page = crate::functions::sprints::list_sprints().await.ok()?;
    let mut open: Vec<_> =
        page.sprints.into_iter().filter(|s| !s.closed && s.phase.takes_tickets()).collect();
    open.sort_by(|a, b| a.starts_on.cmp(&b.starts_on));
    let question = format!(
        "{}\n{}",
        Msg::ChooseSprintPrompt.text(locale.0.get_untracked()),
        open.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, s.name)).collect::<Vec<_>>().join("\n")
    );
    let answer = ask(&question)?;
    let n: usize = answer.trim().parse().ok()?;
    open.get(n.checked_sub(1)?).map(|s| s.id)
}

#[cfg(feature = "hydrate")]
fn ask(question: &str) -> Option<String> {
    web_sys::window()?.prompt_with_message(question).ok().flatten()
}

#[cfg(not(feature = "hydrate"))]
fn ask(_question: &str) -> Option<String> {
    None
}

#[cfg(feature = "hydrate")]
fn ask_reason(locale: UiLocale) -> Option<String> {
    let prompt = crate::i18n::Msg::RejectReasonPrompt.text(locale.get());
    web_sys::window()?.prompt_with_message(prompt).ok().flatten().filter(|r| !r.trim().is_empty())
}

#[cfg(not(feature = "hydrate"))]
fn ask_reason(_locale: UiLocale) -> Option<String> {
    None
}

/// The live region announcing move outcomes to screen readers and eyes.
#[component]
pub fn MoveAnnouncer(controller: MoveController) -> impl IntoView {
    let locale = crate::locale::use_locale();
    view! {
        <div class="move-notice" aria-live="polite" role="status">
            {move || match controller.notice.get() {
                _ if controller.pending() => {
                    view! { <p class="notice-busy">{crate::i18n::Msg::Moving.text(locale.get())}</p> }.into_any()
                }
                Some(MoveNotice::Moved(text)) => view! { <p class="notice-ok">{text}</p> }.into_any(),
                Some(MoveNotice::Refused(text)) => view! { <p class="notice-error">{text}</p> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_moves_are_worded_by_code_not_by_the_servers_english() {
        use crate::error::Reason;
        let refused =
            AppError::Refused(Reason::new("role_not_allowed", "finishing work is not allowed for operators"));
        let ru = refusal_text(Locale::Ru, &refused);
        assert_eq!(ru, "Вашей роли такое перемещение не разрешено");
        assert!(!ru.contains("finishing"));
        assert_eq!(refusal_text(Locale::Uk, &AppError::Stale), Msg::MoveConflict.text(Locale::Uk));
    }
}
