//! `<ProgressBar>`: a live bar for a Canvas or Cloudreve progress URL.

use super::ProgressMeter;
use crate::components::intl;
use crate::hooks::{use_progress_poll_with_options, UseProgressPollOptions};
use crate::model::{canvas_cancel_url, Format, ProgressState, Snapshot};
use crate::net::Client;
use crate::poll::driver::PollEvent;
use crate::poll::{Announcer, PollOptions};
use leptos::prelude::*;
use std::rc::Rc;

/// Receives the widget's events: a name (`lms-progress`, `lms-complete`, `lms-failed`,
/// `lms-canceled`, `lms-error`) and the poll event behind it.
pub type ProgressEventSink = Rc<dyn Fn(&'static str, &PollEvent)>;

/// The DOM event name for a poll event.
pub fn event_name(ev: &PollEvent) -> &'static str {
    match ev {
        PollEvent::Update { snapshot, .. } => match snapshot.state {
            ProgressState::Completed => "lms-complete",
            ProgressState::Failed => "lms-failed",
            ProgressState::Canceled => "lms-canceled",
            _ => "lms-progress",
        },
        PollEvent::Fault { .. } => "lms-error",
    }
}

/// A live progress bar for a Canvas Progress (`/api/v1/progress/:id`, or the LTI variant)
/// or a Cloudreve v4 task (`/api/v4/workflow/progress/:id`).
///
/// Native `<progress>` with an accessible name and `aria-valuetext`; indeterminate (no
/// `value`) while Canvas reports `completion: null`; a polite live region throttled to
/// every 5 s or 10 %, the final state announced at once; a confirmed, keyboard-usable
/// cancel; a "stalled" hint when the job stops moving.
///
/// ## Canvas notes
/// Polling stops on `completed`, `failed` or `canceled` (Canvas's own helpers miss
/// `canceled` and poll forever), keeps going on unknown states, and stops with a message
/// on 401/404. Cloudreve has no job state: polling stops once every reported amount is
/// complete, or on `code != 0`.
#[component]
pub fn ProgressBar(
    /// The progress URL (absolute, or relative to the page / `client.base_url`).
    #[prop(into)]
    url: Signal<String>,
    /// The accessible name and visible label. Defaults to `"Progress"`.
    #[prop(into, optional)]
    label: MaybeProp<String>,
    /// The API format. Defaults to `Format::Auto`.
    #[prop(into, optional)]
    format: MaybeProp<Format>,
    /// Offer a cancel button (Canvas jobs that have an owner). Defaults to `false`.
    #[prop(into, optional)]
    cancelable: MaybeProp<bool>,
    /// HTTP client: base URL and auth. Defaults to same-origin session auth.
    #[prop(optional)]
    client: Option<Client>,
    /// Polling tuning. Defaults to `PollOptions::default()`.
    #[prop(optional)]
    poll: Option<PollOptions>,
    /// Locale for numbers and times. Defaults to `<html lang>`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// Receives the widget's events. Defaults to none.
    #[prop(optional)]
    on_event: Option<ProgressEventSink>,
) -> impl IntoView {
    let label =
        Signal::derive(move || label.get().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| "Progress".into()));
    let format_sig = Signal::derive(move || format.get().unwrap_or_default());
    let locale: Signal<Option<String>> =
        Memo::new(move |_| intl::valid_locale(locale.get().or_else(intl::page_locale))).into();
    let announcement = RwSignal::new(String::new());
    let announcer = StoredValue::new_local(Announcer::default());
    let sink = on_event.clone();
    let hook_on_event: Rc<dyn Fn(&PollEvent)> = Rc::new(move |ev: &PollEvent| {
        if let PollEvent::Update { snapshot, .. } = ev {
            let now = js_sys::Date::now() as u64;
            let speak = announcer.try_update_value(|a| {
                a.should_announce(now, snapshot.percent, snapshot.state.as_str(), snapshot.is_terminal())
            });
            if speak == Some(true) {
                let text = match &snapshot.message {
                    Some(m) if snapshot.is_terminal() => format!("{}. {m}", snapshot.value_text()),
                    _ => snapshot.value_text(),
                };
                announcement.set(text);
            }
        }
        if let Some(f) = &sink {
            f(event_name(ev), ev);
        }
    });
    let poll = use_progress_poll_with_options(
        url,
        UseProgressPollOptions {
            format: format_sig,
            client: client.unwrap_or_default(),
            poll: poll.unwrap_or_default(),
            on_event: Some(hook_on_event),
        },
    );
    let snap = poll.snapshot;
    let percent = Signal::derive(move || snap.get().and_then(|s| s.percent));
    let state_class = move || match (snap.get(), poll.error.get()) {
        (_, Some(_)) if poll.retry_in.get().is_none() => "error".to_owned(),
        (Some(s), _) => match s.state {
            ProgressState::Unknown(_) => "unknown".to_owned(),
            st => st.as_str().replace('_', "-"),
        },
        (None, _) => "loading".to_owned(),
    };
    let value_text = move || snap.get().map(|s| s.value_text()).unwrap_or_else(|| "Loading".into());
    let status_text = move || match snap.get() {
        None => "Loading…".to_owned(),
        Some(s) => status_line(&s, poll.eta_ms.get(), locale.get().as_deref()),
    };
    let confirming = RwSignal::new(false);
    let can_cancel = move || {
        cancelable.get().unwrap_or(false)
            && canvas_cancel_url(&url.get()).is_some()
            && snap.get().is_some_and(|s| !s.is_terminal() && s.user_id.is_some())
    };
    let cancel_with_message = poll.cancel;
    let do_cancel = move |_| {
        confirming.set(false);
        cancel_with_message.try_run("Canceled by the user".to_owned());
    };
    let retry = poll.retry;

    view! {
        <div class=move || format!("lmsw-progress lmsw-progress--{}", state_class()) part="root">
            <ProgressMeter label=label percent=percent value_text=Signal::derive(value_text) locale=locale />
            <p class="lmsw-progress__status" part="status">{status_text}</p>
            {move || {
                snap.get()
                    .map(|s| {
                        let loc = locale.get();
                        let mut lines = Vec::new();
                        if let Some(m) = &s.main {
                            lines.push(format!("{}: {}", m.label, intl::amount(m, loc.as_deref())));
                        }
                        for m in &s.secondary {
                            lines.push(format!("{}: {}", m.label, intl::amount(m, loc.as_deref())));
                        }
                        lines
                            .into_iter()
                            .map(|l| view! { <p class="lmsw-progress__detail" part="detail">{l}</p> })
                            .collect_view()
                    })
            }}
            <Show when=move || poll.stalled.get() && !snap.get().is_some_and(|s| s.is_terminal())>
                <p class="lmsw-progress__hint" part="hint">
                    "No progress for a while: the job may be stuck. Still checking."
                </p>
            </Show>
            {move || {
                poll.error
                    .get()
                    .map(|e| {
                        let retrying = poll.retry_in.get();
                        let text = match retrying {
                            Some(ms) => {
                                format!("{e} Retrying {}.", intl::relative_ms(ms as f64, locale.get().as_deref()))
                            }
                            None => e.to_string(),
                        };
                        view! {
                            <div class="lmsw-progress__error" part="error" role="alert">
                                <span>{text}</span>
                                <Show when=move || retrying.is_none()>
                                    <button type="button" class="lmsw-button" part="button retry" on:click=move |_| { retry.try_run(()); }>
                                        "Try again"
                                    </button>
                                </Show>
                            </div>
                        }
                    })
            }}
            <Show when=can_cancel>
                <div class="lmsw-progress__actions">
                    <Show
                        when=move || confirming.get()
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    class="lmsw-button"
                                    part="button cancel"
                                    disabled=move || poll.canceling.get()
                                    on:click=move |_| confirming.set(true)
                                >
                                    {move || if poll.canceling.get() { "Canceling…" } else { "Cancel" }}
                                </button>
                            }
                        }
                    >
                        <span class="lmsw-progress__confirm" role="group" aria-label="Confirm cancel">
                            <span>"Cancel this job?"</span>
                            <button type="button" class="lmsw-button lmsw-button--danger" part="button confirm" on:click=do_cancel>
                                "Yes, cancel"
                            </button>
                            <button type="button" class="lmsw-button" part="button keep" on:click=move |_| confirming.set(false)>
                                "Keep running"
                            </button>
                        </span>
                    </Show>
                </div>
            </Show>
            {move || poll.cancel_error.get().map(|m| view! { <p class="lmsw-progress__error" part="error" role="alert">{m}</p> })}
            <div class="lmsw-sr-only" role="status" aria-live="polite" aria-atomic="true">{move || announcement.get()}</div>
        </div>
    }
}

/// "Running · 17 courses processed · about in 2 minutes".
fn status_line(s: &Snapshot, eta_ms: Option<u64>, locale: Option<&str>) -> String {
    let mut parts = vec![s.state.label()];
    if s.state == ProgressState::Queued && s.main.is_none() && s.message.as_deref() == Some("Waiting for progress") {
        parts = vec!["Waiting for progress".to_owned()];
    } else if let Some(m) = &s.message {
        parts.push(m.clone());
    }
    if !s.is_terminal() {
        if let Some(eta) = eta_ms.filter(|e| *e >= 1000) {
            parts.push(format!("done {}", intl::relative_ms(eta as f64, locale)));
        }
    }
    parts.join(" · ")
}
