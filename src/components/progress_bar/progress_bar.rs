//! `<ProgressBar>`: a live bar for a Canvas or Cloudreve progress URL. A view over
//! [`use_progress_poll_with_options`]; what it shows (class, status and detail lines, fault
//! text, whether to offer Cancel) is decided by pure functions beside the progress model
//! ([`crate::model::progress_status`] and its neighbours), tested natively.

use super::cancel::CancelControl;
use super::events::{listener, ProgressEventSink};
use super::fault::ProgressFault;
use super::ProgressMeter;
use crate::components::{intl, widget_locale};
use crate::hooks::{use_progress_poll_with_options, UseProgressPollOptions};
use crate::model::{
    bar_modifier, canvas_cancel_url, detail_lines, offers_cancel, progress_class, progress_status, Format, Measure,
};
use crate::net::Client;
use crate::poll::PollOptions;
use leptos::prelude::*;

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
    let announcement = RwSignal::new(String::new());
    let options = UseProgressPollOptions {
        format: Signal::derive(move || format.get().unwrap_or_default()),
        client: client.unwrap_or_default(),
        poll: poll.unwrap_or_default(),
        on_event: Some(listener(on_event, announcement)),
    };
    let poll = use_progress_poll_with_options(url, options);
    let locale = widget_locale(locale);
    let snap = poll.snapshot;
    let percent = Signal::derive(move || snap.get().and_then(|s| s.percent));
    let value_text = Signal::derive(move || snap.get().map(|s| s.value_text()).unwrap_or_else(|| "Loading".into()));
    let class = move || {
        let fault = poll.error.with(Option::is_some);
        progress_class(&snap.with(|s| bar_modifier(s.as_ref(), fault, poll.retry_in.get().is_some())))
    };
    let relative = move |ms| intl::relative_ms(ms, locale.get().as_deref());
    let status_text = move || match snap.get() {
        None => "Loading…".to_owned(),
        Some(s) => progress_status(&s, poll.eta_ms.get(), relative),
    };
    let details = move || {
        let amount = |m: &Measure| intl::amount(m, locale.get().as_deref());
        let lines = snap.with(|s| s.as_ref().map(|s| detail_lines(s, amount)).unwrap_or_default());
        lines.into_iter().map(|l| view! { <p class="lmsw-progress__detail" part="detail">{l}</p> }).collect_view()
    };
    let can_cancel = Signal::derive(move || {
        let canvas = canvas_cancel_url(&url.get()).is_some();
        snap.with(|s| offers_cancel(cancelable.get().unwrap_or(false), canvas, s.as_ref()))
    });

    view! {
        <div class=class part="root">
            <ProgressMeter label=label percent=percent value_text=value_text locale=locale />
            <p class="lmsw-progress__status" part="status">{status_text}</p>
            {details}
            <Show when=move || poll.stalled.get() && !snap.get().is_some_and(|s| s.is_terminal())>
                <p class="lmsw-progress__hint" part="hint">
                    "No progress for a while: the job may be stuck. Still checking."
                </p>
            </Show>
            <ProgressFault poll=poll locale=locale />
            <Show when=move || can_cancel.get()>
                <CancelControl poll=poll />
            </Show>
            {move || poll.cancel_error.get().map(|m| view! { <p class="lmsw-progress__error" part="error" role="alert">{m}</p> })}
            <div class="lmsw-sr-only" role="status" aria-live="polite" aria-atomic="true">{move || announcement.get()}</div>
        </div>
    }
}
