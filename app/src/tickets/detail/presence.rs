//! "Also on this ticket now": for agents, the other people who have the
//! ticket open, so two agents do not answer the same client at once.

use crate::api::ticket_page::Viewer;
#[cfg(feature = "hydrate")]
use crate::functions::ticket_page::ticket_presence;
use crate::i18n::Msg;
use crate::labels;
use crate::locale::use_locale;
use leptos::prelude::*;

/// How often an open ticket page says it is open (the server counts it
/// open for 45 s after).
#[cfg(feature = "hydrate")]
const EVERY: std::time::Duration = std::time::Duration::from_secs(15);

#[component]
pub fn Presence(ticket_id: i64) -> impl IntoView {
    let locale = use_locale();
    let viewers = RwSignal::new(Vec::<Viewer>::new());
    // In the browser only: the server renders nobody, and so does the
    // first hydrated render.
    #[cfg(feature = "hydrate")]
    {
        let check = move || {
            leptos::task::spawn_local(async move {
                if let Ok(list) = ticket_presence(ticket_id).await {
                    viewers.try_set(list);
                }
            });
        };
        Effect::new(move |_| check());
        if let Ok(handle) = set_interval_with_handle(check, EVERY) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ticket_id;
    move || {
        let list = viewers.get();
        (!list.is_empty()).then(|| {
            let names = move || {
                let l = locale.get();
                list.iter()
                    .map(|v| format!("{} ({})", v.name, labels::role(v.role).text(l)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            view! {
                <p class="presence" role="status">
                    <span class="presence-dot" aria-hidden="true"></span>
                    {locale.text(Msg::AlsoOnThisTicket)}
                    " "
                    <span class="presence-names">{names}</span>
                </p>
            }
        })
    }
}
