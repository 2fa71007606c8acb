//! The outbox (issue 13): every mail the desk planned, its state, attempts
//! and last error; failed mails can be sent again. Without an SMTP server
//! the mails wait here, and the page says so.

use super::form::Notice;
use crate::domain::notify::MailKind;
use crate::functions::mail::{load_outbox, retry_mail, OutboxItem, OutboxView};
use crate::i18n::{date_time, Locale, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// The filter buttons: a state, or all (`None`).
const FILTERS: [(Option<&str>, Msg); 4] = [
    (None, Msg::OutboxAll),
    (Some("pending"), Msg::OutboxPending),
    (Some("sent"), Msg::OutboxSent),
    (Some("failed"), Msg::OutboxFailed),
];

fn state_label(status: &str) -> Msg {
    match status {
        "sent" => Msg::OutboxSent,
        "failed" => Msg::OutboxFailed,
        _ => Msg::OutboxPending,
    }
}

/// "1 Dec 2026, 14:05 UTC".
fn utc(locale: Locale, secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| format!("{} UTC", date_time(locale, t.naive_utc())))
        .unwrap_or_default()
}

#[component]
pub fn Outbox() -> impl IntoView {
    let locale = use_locale();
    let status = RwSignal::new(None::<&'static str>);
    let view_data = Resource::new(move || status.get(), |s| load_outbox(s.map(str::to_string)));
    let notice = use_context::<Notice>();
    let retry = Action::new(move |id: &i64| {
        let id = *id;
        async move { retry_mail(id).await }
    });
    Effect::new(move |_| {
        if let Some(result) = retry.value().get() {
            if let Some(n) = notice {
                n.0.set(Some(match result {
                    Ok(()) => Msg::OutboxRetried.text(locale.get()).to_string(),
                    Err(e) => crate::labels::app_error_text(locale.get(), &e),
                }));
            }
            view_data.refetch();
        }
    });
    let filters = move |v: &OutboxView| {
        let counts = [None, Some(v.pending), Some(v.sent), Some(v.failed)];
        FILTERS
            .into_iter()
            .zip(counts)
            .map(|((code, msg), count)| {
                let label = move || match count {
                    Some(n) => format!("{} ({n})", msg.text(locale.get())),
                    None => msg.text(locale.get()).to_string(),
                };
                view! {
                    <button
                        type="button"
                        class="link-button"
                        aria-pressed=move || (status.get() == code).to_string()
                        on:click=move |_| status.set(code)
                    >
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    let row = move |m: OutboxItem| {
        let kind = MailKind::from_code(&m.kind);
        let kind_text = move || match kind {
            Some(k) => crate::labels::mail_kind(k).text(locale.get()).to_string(),
            None => m.kind.clone(),
        };
        let ticket =
            m.ticket.clone().map(|key| view! { <a href=format!("/tickets/{key}")>{key.clone()}</a> });
        let failed = m.status == "failed";
        let state = state_label(&m.status);
        let next = m.next_attempt_at.filter(|_| m.attempts > 0);
        let error = m.last_error.clone();
        let id = m.id;
        view! {
            <tr>
                <td class="nowrap">{move || utc(locale.get(), m.created_at)}</td>
                <td>{kind_text}</td>
                <td class="nowrap">{ticket}</td>
                <td class="break">{m.to.clone()}</td>
                <td class="break">
                    <details>
                        <summary>{m.subject.clone()}</summary>
                        <pre class="mail-body">{m.body.clone()}</pre>
                    </details>
                </td>
                <td>
                    <span class=format!("chip mail-{}", m.status)>{move || state.text(locale.get())}</span>
                    {next.map(|at| view! {
                        <div class="muted small">
                            {move || format!("{}: {}", Msg::OutboxNextAttempt.text(locale.get()), utc(locale.get(), at))}
                        </div>
                    })}
                    {error.map(|e| view! { <div class="error-text small break">{e}</div> })}
                </td>
                <td class="num">{m.attempts}</td>
                <td>
                    {failed.then(|| view! {
                        <button type="button" class="link-button" disabled=move || retry.pending().get()
                            on:click=move |_| { retry.dispatch(id); }>
                            {move || Msg::OutboxRetry.text(locale.get())}
                        </button>
                    })}
                </td>
            </tr>
        }
    };
    view! {
        <Transition fallback=move || view! { <p class="notice">{locale.text(Msg::AdminLoading)}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(e) => view! {
                        <p class="error" role="alert">{move || crate::labels::app_error_text(locale.get(), &e)}</p>
                    }.into_any(),
                    Ok(v) => {
                        let empty = v.mails.is_empty();
                        let no_smtp = !v.smtp;
                        let rows = v.mails.clone().into_iter().map(row).collect_view();
                        view! {
                            {no_smtp.then(|| view! { <p class="notice notice-busy" role="note">{locale.text(Msg::OutboxNoSmtp)}</p> })}
                            <div class="outbox-filters" role="group" aria-label=locale.text(Msg::OutboxFilter)>{filters(&v)}</div>
                            <div class="admin-table-wrap">
                                <table class="admin-table outbox-table">
                                    <caption>{locale.text(Msg::AdminOutbox)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{locale.text(Msg::OutboxWhen)}</th>
                                            <th scope="col">{locale.text(Msg::OutboxKind)}</th>
                                            <th scope="col">{locale.text(Msg::Tickets)}</th>
                                            <th scope="col">{locale.text(Msg::OutboxTo)}</th>
                                            <th scope="col">{locale.text(Msg::OutboxSubject)}</th>
                                            <th scope="col">{locale.text(Msg::OutboxState)}</th>
                                            <th scope="col" class="num">{locale.text(Msg::OutboxAttempts)}</th>
                                            <th scope="col"><span class="visually-hidden">{locale.text(Msg::Actions)}</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                {empty.then(|| view! { <p class="notice">{locale.text(Msg::OutboxEmpty)}</p> })}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
