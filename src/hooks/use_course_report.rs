//! `use_course_report`: find, create and follow a Canvas course report reactively.

use super::latest_request::LatestRequest;
pub use crate::model::ended_message;
use crate::model::{
    create_body, fault_message, interpret_last, last_fault_means_no_report, vet_download_url, CourseReport, Format,
    LastBody, ReportOp, ReportParameters, ReportPhase, ReportStatus, ReportTarget, Snapshot,
};
use crate::net::Client;
use crate::poll::driver::{subscribe, PollEvent, Subscription};
use crate::poll::PollOptions;
use crate::{DownloadLinkError, Error};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A finished report's file, ready to link to.
#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    /// An absolute `http:`/`https:` URL.
    pub href: String,
    /// The file's name, when Canvas gave one.
    pub file_name: Option<String>,
    /// Size in bytes, when Canvas gave one.
    pub size: Option<f64>,
}

/// What the hook tells its caller (the card turns these into DOM events).
#[derive(Clone, Debug)]
pub enum ReportEvent {
    /// A report was created, or an unfinished last report is being resumed.
    Started {
        /// The report, parsed from `raw`.
        report: CourseReport,
        /// Canvas's report JSON as received (the event's `detail.report`).
        raw: JsValue,
        /// `true` when it was found running on mount rather than created here.
        resumed: bool,
    },
    /// A fresh answer for a report that is not finished.
    Progress {
        /// The report, parsed from `raw`.
        report: CourseReport,
        /// Canvas's report JSON as received (the event's `detail.report`).
        raw: JsValue,
    },
    /// The report completed.
    Complete {
        /// The report, parsed from `raw`.
        report: CourseReport,
        /// Canvas's report JSON as received (the event's `detail.report`).
        raw: JsValue,
        /// Its file, or why no link is offered.
        download: Result<Download, Error>,
    },
    /// The report ended without a file (error, aborted, deleted).
    Ended {
        /// The report, parsed from `raw`.
        report: CourseReport,
        /// Canvas's report JSON as received (the event's `detail.report`).
        raw: JsValue,
        /// Why it ended, worded by [`ended_message`].
        message: String,
    },
    /// An option (course id, report type, id lists) cannot be used.
    Invalid {
        /// What is wrong, naming the option.
        error: Error,
    },
    /// A request failed.
    Fault {
        /// Which request failed ("Try again" repeats it).
        op: ReportOp,
        /// The fault itself (its `kind` goes into the event).
        error: Error,
        /// The fault as a sentence for this card, worded by [`crate::model::fault_message`].
        message: String,
        /// Milliseconds until polling retries by itself; `None` when it stopped.
        retry_in: Option<u64>,
    },
}

/// Receives every [`ReportEvent`].
pub type ReportListener = Rc<dyn Fn(&ReportEvent)>;

/// Options for [`use_course_report_with_options`].
#[derive(Clone, Default)]
pub struct UseCourseReportOptions {
    /// The HTTP client (base URL, auth). Defaults to same-origin session auth.
    pub client: Client,
    /// Polling intervals and backoff. Defaults to `PollOptions::default()`.
    pub poll: PollOptions,
    /// Called with every event, e.g. to dispatch DOM events. Defaults to none.
    pub on_event: Option<ReportListener>,
}

/// What [`use_course_report`] returns.
#[derive(Clone, Copy)]
pub struct UseCourseReportReturn {
    /// Checking, idle, creating, following, finished, or stopped on a fault.
    pub phase: Signal<ReportPhase>,
    /// The report shown (the last one found, or the one created).
    pub report: Signal<Option<CourseReport>>,
    /// The report as the progress bar shows it.
    pub snapshot: Signal<Option<Snapshot>>,
    /// The latest fault or option error; cleared by the next good answer.
    pub error: Signal<Option<Error>>,
    /// `error` as a plain sentence for this card.
    pub message: Signal<Option<String>>,
    /// Milliseconds until polling retries by itself; `None` when it is not retrying.
    pub retry_in: Signal<Option<u64>>,
    /// The report has not moved for a long time (polling goes on).
    pub stalled: Signal<bool>,
    /// A complete report's file, or why no link is offered.
    pub download: Signal<Option<Result<Download, Error>>>,
    /// Creates a report with the current parameters (ignored while one runs).
    pub create: Callback<()>,
    /// Repeats the request that failed, or checks a finished report again.
    pub retry: Callback<()>,
}

/// Finds, creates and follows a report with default options. See
/// [`use_course_report_with_options`].
pub fn use_course_report(
    target: Signal<Result<ReportTarget, Error>>,
    parameters: Signal<Result<ReportParameters, Error>>,
) -> UseCourseReportReturn {
    use_course_report_with_options(target, parameters, UseCourseReportOptions::default())
}

#[derive(Clone, Copy)]
struct State {
    phase: RwSignal<ReportPhase>,
    report: RwSignal<Option<CourseReport>>,
    snapshot: RwSignal<Option<Snapshot>>,
    error: RwSignal<Option<Error>>,
    message: RwSignal<Option<String>>,
    retry_in: RwSignal<Option<u64>>,
    stalled: RwSignal<bool>,
    download: RwSignal<Option<Result<Download, Error>>>,
    /// Renewed whenever the target changes or a request starts: stale answers are dropped.
    request: LatestRequest,
    target: StoredValue<Option<ReportTarget>>,
    sub: StoredValue<Option<Subscription>, LocalStorage>,
}

/// Looks for the user's last report of `target` on mount (resuming it if it still runs),
/// creates one on demand with `parameters`, and follows it through the shared poller until
/// it completes, fails, or is aborted/deleted.
///
/// ## Canvas notes
/// "Last report" answers 500 when there is none (Canvas renders twice); that, `{}`, and a
/// body without `id` all mean "no report yet". Reports have no cancel: leaving only stops
/// polling. Only the report's creator may read it.
pub fn use_course_report_with_options(
    target: Signal<Result<ReportTarget, Error>>,
    parameters: Signal<Result<ReportParameters, Error>>,
    options: UseCourseReportOptions,
) -> UseCourseReportReturn {
    let UseCourseReportOptions { client, poll, on_event } = options;
    let st = State {
        phase: RwSignal::new(ReportPhase::Checking),
        report: RwSignal::new(None),
        snapshot: RwSignal::new(None),
        error: RwSignal::new(None),
        message: RwSignal::new(None),
        retry_in: RwSignal::new(None),
        stalled: RwSignal::new(false),
        download: RwSignal::new(None),
        request: LatestRequest::new(),
        target: StoredValue::new(None),
        sub: StoredValue::new_local(None),
    };
    let ctx = Rc::new(Ctx { st, client, poll, on_event });
    // Callbacks must be Send + Sync handles: they reach the context through the arena.
    let ctx_store = StoredValue::new_local(ctx.clone());
    let params_ctx = ctx.clone();

    let target = Memo::new(move |_| target.get());
    // A render effect runs its first time now (an `Effect` would wait until the view is built
    // and mounted): the last report is asked for before the caller builds its view. Later
    // runs follow the target, as an `Effect`'s would.
    let follow = RenderEffect::new(move |_| {
        let t = target.get();
        ctx.reset();
        match t {
            Ok(t) => {
                st.target.set_value(Some(t));
                ctx.check();
            }
            Err(e) => {
                st.target.set_value(None);
                st.phase.set(ReportPhase::Invalid);
                st.message.set(Some(e.to_string()));
                st.error.set(Some(e.clone()));
                ctx.emit(ReportEvent::Invalid { error: e });
            }
        }
    });
    // Bad id lists do not stop the card (the last report still shows); they block creating.
    let params_error = Memo::new(move |_| parameters.get().err());
    Effect::new(move |_| {
        if let Some(error) = params_error.get() {
            params_ctx.emit(ReportEvent::Invalid { error });
        }
    });
    on_cleanup(move || {
        drop(follow);
        st.request.abort();
        st.sub.try_update_value(|s| *s = None);
    });

    let (create, retry) = action_callbacks(ctx_store, parameters);

    UseCourseReportReturn {
        phase: st.phase.into(),
        report: st.report.into(),
        snapshot: st.snapshot.into(),
        error: st.error.into(),
        message: st.message.into(),
        retry_in: st.retry_in.into(),
        stalled: st.stalled.into(),
        download: st.download.into(),
        create,
        retry,
    }
}

/// `create` and `retry`. Callbacks must be `Send + Sync` handles: they reach the context
/// through the arena, and do nothing once the card is gone.
fn action_callbacks(
    ctx_store: StoredValue<Rc<Ctx>, LocalStorage>,
    parameters: Signal<Result<ReportParameters, Error>>,
) -> (Callback<()>, Callback<()>) {
    let create = Callback::new(move |()| {
        if let (Some(ctx), Some(Ok(p))) = (ctx_store.try_get_value(), parameters.try_get_untracked()) {
            ctx.create(p);
        }
    });
    let retry = Callback::new(move |()| {
        let Some(ctx) = ctx_store.try_get_value() else { return };
        let Some(phase) = ctx.st.phase.try_get_untracked() else { return };
        match phase {
            ReportPhase::Fault(ReportOp::Check) => ctx.check(),
            ReportPhase::Fault(ReportOp::Create) => {
                if let Some(Ok(p)) = parameters.try_get_untracked() {
                    ctx.create(p);
                }
            }
            ReportPhase::Fault(ReportOp::Follow) | ReportPhase::Finished => ctx.restart_follow(),
            _ => {}
        }
    });
    (create, retry)
}

struct Ctx {
    st: State,
    client: Client,
    poll: PollOptions,
    on_event: Option<ReportListener>,
}

impl Ctx {
    fn emit(&self, ev: ReportEvent) {
        if let Some(f) = &self.on_event {
            f(&ev);
        }
    }

    fn report_type(&self) -> String {
        self.st.target.try_with_value(|t| t.as_ref().map(|t| t.report_type.clone())).flatten().unwrap_or_default()
    }

    /// Forgets everything: aborts the request in flight, stops following, clears the view.
    fn reset(&self) {
        let st = self.st;
        st.request.cancel();
        st.sub.try_update_value(|s| *s = None);
        st.report.set(None);
        st.snapshot.set(None);
        st.error.set(None);
        st.message.set(None);
        st.retry_in.set(None);
        st.stalled.set(false);
        st.download.set(None);
    }

    fn fault(&self, op: ReportOp, error: Error, retry_in: Option<u64>) {
        let st = self.st;
        let message = fault_message(op, &error, &self.report_type());
        st.message.set(Some(message.clone()));
        st.error.set(Some(error.clone()));
        st.retry_in.set(retry_in);
        if retry_in.is_none() {
            st.phase.set(ReportPhase::Fault(op));
        }
        self.emit(ReportEvent::Fault { op, error, message, retry_in });
    }

    /// `GET …/reports/:type`: the user's last report, if any.
    fn check(self: &Rc<Self>) {
        let st = self.st;
        let Some(url) = st.target.try_with_value(|t| t.as_ref().map(ReportTarget::last_url)).flatten() else {
            return;
        };
        let Some((generation, signal)) = self.st.request.begin() else { return };
        st.phase.set(ReportPhase::Checking);
        st.error.set(None);
        st.message.set(None);
        let me = self.clone();
        let answer = me.client.get_json(&url, Some(&signal));
        wasm_bindgen_futures::spawn_local(async move {
            let result = answer.await;
            if !me.st.request.is_current(generation, &signal) {
                return;
            }
            match result {
                Ok(resp) => {
                    let body = resp.parse_object::<LastBody>().ok();
                    match interpret_last(200, body.as_ref()) {
                        Some(report) => me.show(report, resp.json, true),
                        None => me.st.phase.set(ReportPhase::Idle),
                    }
                }
                Err(e) if last_fault_means_no_report(&e) => me.st.phase.set(ReportPhase::Idle),
                Err(e) => me.fault(ReportOp::Check, e, None),
            }
        });
    }

    /// `POST …/reports/:type` with both id arrays. Ignored while anything runs, so a double
    /// click sends one request.
    fn create(self: &Rc<Self>, parameters: ReportParameters) {
        let st = self.st;
        if st.phase.try_get_untracked().is_none_or(|p| p.is_busy() || p == ReportPhase::Invalid) {
            return;
        }
        let Some(url) = st.target.try_with_value(|t| t.as_ref().map(ReportTarget::create_url)).flatten() else {
            return;
        };
        let body = match serde_wasm_bindgen::to_value(&create_body(&parameters)) {
            Ok(b) => b,
            Err(e) => return self.fault(ReportOp::Create, Error::BadResponse(e.to_string()), None),
        };
        st.phase.set(ReportPhase::Creating);
        self.reset();
        let Some((generation, signal)) = self.st.request.begin() else { return };
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = me.client.post_json(&url, &body, Some(&signal)).await;
            if !me.st.request.is_current(generation, &signal) {
                return;
            }
            match result.and_then(|r| Ok((r.parse_object::<CourseReport>()?, r.json))) {
                Ok((report, _)) if report.id.as_str().is_empty() => {
                    me.fault(ReportOp::Create, Error::BadResponse("Canvas's answer has no report id".into()), None)
                }
                Ok((report, raw)) => me.show(report, raw, false),
                Err(e) => me.fault(ReportOp::Create, e, None),
            }
        });
    }

    /// Shows a report new to this card (created here, or `resumed` from "last") and follows
    /// it unless it has finished.
    fn show(self: &Rc<Self>, report: CourseReport, raw: JsValue, resumed: bool) {
        let st = self.st;
        st.snapshot.set(Some(Snapshot::from_report(&report)));
        st.report.set(Some(report.clone()));
        let terminal = report.status.is_terminal();
        // A report that finished before the page loaded is history: shown, not announced.
        if !(resumed && terminal) {
            self.emit(ReportEvent::Started { report: report.clone(), raw: raw.clone(), resumed });
        }
        if terminal {
            self.finish(report, raw, !resumed);
        } else {
            st.phase.set(ReportPhase::Following);
            self.follow(&report);
        }
    }

    fn finish(&self, report: CourseReport, raw: JsValue, announce: bool) {
        let st = self.st;
        st.phase.set(ReportPhase::Finished);
        st.retry_in.set(None);
        if report.status == ReportStatus::Complete {
            let download = download_of(&report, &self.client);
            st.download.set(Some(download.clone()));
            if announce {
                self.emit(ReportEvent::Complete { report, raw, download });
            }
        } else {
            st.download.set(None);
            if announce {
                let message = ended_message(&report);
                self.emit(ReportEvent::Ended { report, raw, message });
            }
        }
    }

    /// Follows report `id` through the shared poller (`Format::CourseReport`).
    fn follow(self: &Rc<Self>, report: &CourseReport) {
        let st = self.st;
        let Some(url) = st.target.try_with_value(|t| t.as_ref().map(|t| t.show_url(&report.id))).flatten() else {
            return;
        };
        st.sub.try_update_value(|s| *s = None);
        let Some(generation) = st.request.generation() else { return };
        let weak = Rc::downgrade(self);
        let listener = move |ev: &PollEvent| {
            let Some(me) = weak.upgrade() else { return };
            if !me.st.request.is_generation(generation) {
                return;
            }
            me.on_poll(ev);
        };
        let sub = subscribe(&url, Format::CourseReport, &self.client, &self.poll, listener);
        st.sub.try_set_value(Some(sub));
    }

    fn on_poll(&self, ev: &PollEvent) {
        let st = self.st;
        match ev {
            PollEvent::Update { snapshot, raw, stalled, .. } => {
                // The driver parsed this already; a second parse cannot fail in practice.
                let Ok(report) = serde_wasm_bindgen::from_value::<CourseReport>(raw.clone()) else { return };
                st.snapshot.set(Some(snapshot.clone()));
                st.report.set(Some(report.clone()));
                st.error.set(None);
                st.message.set(None);
                st.retry_in.set(None);
                st.stalled.set(*stalled);
                if snapshot.is_terminal() {
                    // Shared pollers replay their last answer: announce a finish only once.
                    let seen = st.phase.try_get_untracked() == Some(ReportPhase::Finished);
                    self.finish(report, raw.clone(), !seen);
                } else {
                    st.phase.set(ReportPhase::Following);
                    self.emit(ReportEvent::Progress { report, raw: raw.clone() });
                }
            }
            PollEvent::Fault { error, retry_in } => self.fault(ReportOp::Follow, error.clone(), *retry_in),
        }
    }

    /// "Try again" after following stopped, or "check again" on a finished report.
    fn restart_follow(self: &Rc<Self>) {
        let st = self.st;
        let poller = st.sub.try_with_value(|s| s.as_ref().map(|s| s.poller().clone())).flatten();
        match poller {
            Some(p) => {
                st.error.set(None);
                st.message.set(None);
                st.phase.set(ReportPhase::Following);
                p.restart();
            }
            None => {
                if let Some(r) = st.report.try_get_untracked().flatten() {
                    st.phase.set(ReportPhase::Following);
                    self.follow(&r);
                }
            }
        }
    }
}

/// The link for a complete report: `file_url`/`attachment.url`, resolved as requests are
/// (under the base URL's prefix, else against the page), accepted only as `http:`/`https:`.
fn download_of(r: &CourseReport, client: &Client) -> Result<Download, Error> {
    let raw = r.download_url().ok_or(DownloadLinkError::Missing)?;
    let cleaned = vet_download_url(raw)?;
    // Resolved as the client's requests are (a relative link lands under a proxy's prefix),
    // and re-checked: http(s) only, no embedded user name or password.
    let href = client.locate(&cleaned).map_err(|_| DownloadLinkError::Invalid)?;
    let url = web_sys::Url::new(&href).map_err(|_| DownloadLinkError::Invalid)?;
    let file_name = r.file_name().map(str::to_owned).or_else(|| {
        let path = url.pathname();
        let last = path.rsplit('/').next().filter(|s| !s.is_empty() && *s != "download")?;
        js_sys::decode_uri_component(last).ok()?.as_string()
    });
    Ok(Download { href: url.href(), file_name, size: r.file_size() })
}
