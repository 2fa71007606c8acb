//! The client's rating of an accepted release (issue 15, seed 000 §6):
//! the form while the cycle is unrated, and every rating given.

use super::page::refusal_text;
use super::sla_section::in_zone;
use crate::api::board::ZoneLabel;
use crate::api::ticket_page::RatingInfo;
use crate::domain::quality::{Score, MAX_RATING_COMMENT_CHARS};
use crate::functions::tickets::rate_ticket;
use crate::i18n::Msg;
use crate::locale::use_locale;
use leptos::prelude::*;

/// The words of each score, best last, as the radio buttons read them.
const SCORE_WORDS: [Msg; 5] =
    [Msg::RatingOne, Msg::RatingTwo, Msg::RatingThree, Msg::RatingFour, Msg::RatingFive];

/// Five stars, `score` of them filled, for sighted readers; the text next
/// to them says the same for everyone.
fn stars(score: u8) -> String {
    (1..=5).map(|i| if i <= score { '★' } else { '☆' }).collect()
}

#[component]
pub fn RatingSection(
    ticket_id: i64,
    version: i64,
    can_rate: bool,
    ratings: Vec<RatingInfo>,
    zone: ZoneLabel,
    reload: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    if !can_rate && ratings.is_empty() {
        return ().into_any();
    }
    let zone = StoredValue::new(zone);
    let given = ratings
        .into_iter()
        .map(|r| {
            let (at, score) = (r.at, r.score);
            let comment = r.comment.map(|c| view! { <q class="rating-comment">{c}</q> });
            view! {
                <li class="rating-given">
                    <span class="rating-stars" aria-hidden="true">{stars(score)}</span>
                    " "
                    <strong>{format!("{score} / 5")}</strong>
                    " · "
                    {r.by}
                    " · "
                    <time datetime=at.to_rfc3339()>
                        {move || zone.with_value(|z| in_zone(locale.get(), at, z))}
                    </time>
                    {comment.map(|c| view! { <br/> {c} })}
                </li>
            }
        })
        .collect_view();
    let form = can_rate.then(|| view! { <RatingForm ticket_id version reload/> });
    view! {
        <section class="ticket-section ticket-rating" aria-labelledby="ticket-rating">
            <h2 id="ticket-rating">{locale.text(Msg::RatingHeading)}</h2>
            <ul class="rating-list">{given}</ul>
            {form}
        </section>
    }
    .into_any()
}

#[component]
fn RatingForm(ticket_id: i64, version: i64, reload: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let score = RwSignal::new(None::<u8>);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let action = Action::new(move |(score, comment): &(Score, Option<String>)| {
        let (score, comment) = (*score, comment.clone());
        async move { rate_ticket(ticket_id, version, score, comment).await }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(refusal_text(&e, locale.0.get_untracked(), Msg::RatingRefused))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = score.get_untracked().and_then(Score::new) else {
            error.set(Some(Msg::RatingChooseScore.text(locale.0.get_untracked()).to_string()));
            return;
        };
        let text = comment.get_untracked();
        if text.trim().chars().count() > MAX_RATING_COMMENT_CHARS {
            error.set(Some(Msg::RatingCommentTooLong.text(locale.0.get_untracked()).to_string()));
            return;
        }
        error.set(None);
        let text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
        action.dispatch((chosen, text));
    };
    // Best first: the way people read a rating scale.
    let options = (1..=5u8)
        .rev()
        .map(|value| {
            let (id, for_id) = (format!("rating-{value}"), format!("rating-{value}"));
            let words = SCORE_WORDS[usize::from(value - 1)];
            view! {
                <label class="rating-option" for=for_id>
                    <input
                        type="radio"
                        name="rating-score"
                        id=id
                        value=value.to_string()
                        prop:checked=move || score.get() == Some(value)
                        on:change=move |_| score.set(Some(value))
                    />
                    <span class="rating-stars" aria-hidden="true">{stars(value)}</span>
                    <span>{move || format!("{value} — {}", words.text(locale.get()))}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="rating-form" on:submit=submit>
            <p>{locale.text(Msg::RatingPrompt)}</p>
            <fieldset class="rating-scale">
                <legend>{locale.text(Msg::RatingScore)}</legend>
                {options}
            </fieldset>
            <label for="rating-comment">{locale.text(Msg::RatingComment)}</label>
            <textarea
                id="rating-comment"
                rows="3"
                maxlength=MAX_RATING_COMMENT_CHARS.to_string()
                prop:value=move || comment.get()
                on:input=move |ev| comment.set(event_target_value(&ev))
            ></textarea>
            <button type="submit" disabled=move || action.pending().get()>
                {move || if action.pending().get() { Msg::RatingSending } else { Msg::RatingSend }.text(locale.get())}
            </button>
            <p class="form-error" role="alert" aria-live="assertive">
                {move || error.get()}
            </p>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_fill_from_the_left() {
        assert_eq!(stars(5), "★★★★★");
        assert_eq!(stars(2), "★★☆☆☆");
    }
}
