//! `use_progress_poll`: follow a Canvas or Cloudreve progress URL reactively.

use crate::model::{canvas_cancel_url, CanvasProgress, Format, ProgressState, Snapshot};
use crate::net::Client;
use crate::poll::driver::{subscribe, PollEvent, Subscription};
use crate::poll::PollOptions;
use crate::Error;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Options for [`use_progress_poll_with_options`].
#[derive(Clone)]
pub struct UseProgressPollOptions {
    /// The API format. Defaults to `Format::Auto`.
    pub format: Signal<Format>,
    /// The HTTP client (base URL, auth). Defaults to same-origin session auth.
    pub client: Client,
    /// Polling intervals and backoff. Defaults to `PollOptions::default()`.
    pub poll: PollOptions,
    /// Called with every poll event, e.g. to dispatch DOM events. Defaults to none.
    pub on_event: Option<PollListener>,
}

/// A callback for every poll event.
pub type PollListener = Rc<dyn Fn(&PollEvent)>;

impl Default for UseProgressPollOptions {
    fn default() -> Self {
        UseProgressPollOptions {
            format: Signal::stored(Format::Auto),
            client: Client::default(),
            poll: PollOptions::default(),
            on_event: None,
        }
    }
}

/// What [`use_progress_poll`] returns.
#[derive(Clone, Copy)]
pub struct UseProgressPollReturn {
    /// The latest view of the job (`None` until the first answer).
    pub snapshot: Signal<Option<Snapshot>>,
    /// The latest fault, cleared by the next good answer.
    pub error: Signal<Option<Error>>,
    /// Milliseconds until the next retry while recovering; `None` when polling stopped.
    pub retry_in: Signal<Option<u64>>,
    /// The job has not moved for a long time (polling goes on).
    pub stalled: Signal<bool>,
    /// Estimated milliseconds left.
    pub eta_ms: Signal<Option<u64>>,
    /// A cancel request is under way.
    pub canceling: Signal<bool>,
    /// Why the last cancel failed, if it did.
    pub cancel_error: Signal<Option<String>>,
    /// Starts polling again after it stopped on a fault.
    pub retry: Callback<()>,
    /// Cancels the job (Canvas: `POST …/cancel` with the given message).
    pub cancel: Callback<String>,
}

/// Follows `url` with default options. See [`use_progress_poll_with_options`].
pub fn use_progress_poll(url: Signal<String>) -> UseProgressPollReturn {
    use_progress_poll_with_options(url, UseProgressPollOptions::default())
}

/// Follows `url` (re-subscribing when it changes) through the shared poller.
///
/// ## Canvas notes
/// Canvas's cancel endpoint sets the Progress to `failed` with the message; a job this
/// widget canceled is shown as canceled. Only the user who started a job may cancel it
/// (401 otherwise), and jobs without a user (course reports, pace publishing) never can.
pub fn use_progress_poll_with_options(url: Signal<String>, options: UseProgressPollOptions) -> UseProgressPollReturn {
    let UseProgressPollOptions { format, client, poll, on_event } = options;
    let snapshot = RwSignal::new(None::<Snapshot>);
    let error = RwSignal::new(None::<Error>);
    let retry_in = RwSignal::new(None::<u64>);
    let stalled = RwSignal::new(false);
    let eta_ms = RwSignal::new(None::<u64>);
    let canceling = RwSignal::new(false);
    let cancel_error = RwSignal::new(None::<String>);
    let sub = StoredValue::new_local(None::<Subscription>);

    let client_for_follow = client.clone();
    // A render effect runs its first time now, where an `Effect` would wait until the view
    // is built and mounted: the first request leaves before the caller builds its view, and
    // on a real Canvas its latency hides that work instead of following it. Later runs
    // follow changes of `url` and `format`, as an `Effect`'s would.
    let follow = RenderEffect::new(move |_| {
        let (url, format) = (url.get(), format.get());
        // Drop the old subscription first (aborts its request if it was the last one).
        sub.update_value(|s| *s = None);
        snapshot.set(None);
        error.set(None);
        cancel_error.set(None);
        if url.trim().is_empty() {
            error.set(Some(Error::InvalidOption { name: "url", reason: "no progress URL was given".into() }));
            return;
        }
        if let Err(e) = client_for_follow.resolve(&url) {
            error.set(Some(e));
            return;
        }
        let on_event = on_event.clone();
        let s = subscribe(&url, format, &client_for_follow, &poll, move |ev| {
            match ev {
                PollEvent::Update { snapshot: snap, stalled: st, eta_ms: eta, .. } => {
                    snapshot.set(Some(snap.clone()));
                    error.set(None);
                    retry_in.set(None);
                    stalled.set(*st);
                    eta_ms.set(*eta);
                }
                PollEvent::Fault { error: e, retry_in: r } => {
                    error.set(Some(e.clone()));
                    retry_in.set(*r);
                }
            }
            if let Some(f) = &on_event {
                f(ev);
            }
        });
        sub.set_value(Some(s));
    });
    on_cleanup(move || {
        drop(follow);
        sub.update_value(|s| *s = None);
    });

    // Callbacks and the cancel's answer can outlive the widget (a click queued behind an
    // unmount, an answer arriving after it): every read is a `try_` one, so a disposed
    // widget is a no-op, never a panic (with `panic = "abort"`, one panic stops every
    // widget on the page).
    let retry = Callback::new(move |()| {
        let poller = sub.try_with_value(|s| s.as_ref().map(|s| s.poller().clone())).flatten();
        if let Some(p) = poller {
            p.restart();
        }
    });

    let cancel = cancel_callback(sub, canceling, cancel_error);

    UseProgressPollReturn {
        snapshot: snapshot.into(),
        error: error.into(),
        retry_in: retry_in.into(),
        stalled: stalled.into(),
        eta_ms: eta_ms.into(),
        canceling: canceling.into(),
        cancel_error: cancel_error.into(),
        retry,
        cancel,
    }
}

/// The `cancel` callback: `POST …/cancel` for the followed Canvas Progress, the answer
/// published to the shared poller, a refusal kept in `cancel_error`.
fn cancel_callback(
    sub: StoredValue<Option<Subscription>, LocalStorage>,
    canceling: RwSignal<bool>,
    cancel_error: RwSignal<Option<String>>,
) -> Callback<String> {
    Callback::new(move |message: String| {
        let Some(poller) = sub.try_with_value(|s| s.as_ref().map(|s| s.poller().clone())).flatten() else {
            return;
        };
        let Some(cancel_url) = canvas_cancel_url(poller.url()) else {
            cancel_error.try_set(Some("This job cannot be canceled from here.".into()));
            return;
        };
        if canceling.try_get_untracked() != Some(false) {
            return;
        }
        canceling.try_set(true);
        cancel_error.try_set(None);
        let client = poller.client().clone();
        // Not aborted on unmount: the person asked for the job to stop, and leaving the page
        // section should not take that back. Its answer is published to the shared poller
        // (whoever still watches it), and this widget's signals are only touched if it lives.
        wasm_bindgen_futures::spawn_local(async move {
            let body = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&body, &"message".into(), &JsValue::from_str(&message));
            let result = client.post_json(&cancel_url, &body, None).await;
            let outcome = result.and_then(|r| Ok((r.parse_object::<CanvasProgress>()?, r.json)));
            match outcome {
                Ok((progress, raw)) => {
                    let mut snap = Snapshot::from_canvas(&progress);
                    // Canvas records a cancel as `failed` + message; we know better.
                    if snap.state == ProgressState::Failed {
                        snap.state = ProgressState::Canceled;
                    }
                    poller.publish(snap, raw);
                }
                Err(Error::Unauthorized { .. }) => {
                    cancel_error.try_set(Some("Only the person who started this job can cancel it.".into()));
                }
                Err(e) => {
                    cancel_error.try_set(Some(format!("Could not cancel: {e}")));
                }
            }
            canceling.try_set(false);
        });
    })
}
