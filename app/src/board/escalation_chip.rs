//! The card's chips of open second-line escalations (agents only): the
//! department and its own deadline counted down from the page's one clock,
//! like the SLA badge.

use crate::api::board::EscalationChip;
use crate::i18n::{overdue_by, time_left, Locale, Msg};
use crate::locale::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// "Юридический отдел · осталось 2 д 3 ч", or overdue: the time until (or
/// since) `due` at `now`, in calendar time (the deadline itself already
/// counted the department's working days).
pub fn chip_text(locale: Locale, department: &str, due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (due - now).num_seconds();
    let when = if secs > 0 { time_left(locale, secs) } else { overdue_by(locale, -secs) };
    format!("{department} · {when}")
}

#[component]
pub fn EscalationChips(chips: Vec<EscalationChip>, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let locale = use_locale();
    (!chips.is_empty()).then(|| {
        let list = chips
            .into_iter()
            .map(|c| {
                let (department, due) = (c.department, c.due);
                let class = move || {
                    if now.get() >= due {
                        "chip escalation overdue"
                    } else {
                        "chip escalation"
                    }
                };
                let department = StoredValue::new(department);
                let text = move || department.with_value(|d| chip_text(locale.get(), d, due, now.get()));
                let label = move || format!("{}: {}", Msg::SecondLine.text(locale.get()), text());
                view! {
                    <li class=class data-escalation=c.id title=label aria-label=label>
                        <span aria-hidden="true">"↗ "</span>
                        {text}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="card-escalations plain-list">{list}</ul> }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chip_counts_down_then_says_overdue() {
        let due = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let before = due - chrono::Duration::hours(5);
        assert_eq!(
            chip_text(Locale::En, "Legal", due, before),
            format!("Legal · {}", time_left(Locale::En, 5 * 3600))
        );
        let after = due + chrono::Duration::minutes(30);
        assert_eq!(
            chip_text(Locale::Ru, "Маркетинг", due, after),
            format!("Маркетинг · {}", overdue_by(Locale::Ru, 1800))
        );
    }
}
