//! `<ReportCard>`: start a Canvas course report and follow it to its download link.

use crate::components::intl;
use crate::components::progress_bar::ProgressMeter;
use crate::hooks::{use_course_report_with_options, Download, ReportEvent, ReportListener, UseCourseReportOptions};
use crate::model::{
    default_label, resolve_course_id, CourseReport, ProgressState, ReportOp, ReportParameters, ReportPhase,
    ReportStatus, ReportTarget,
};
use crate::net::Client;
use crate::poll::{Announcer, PollOptions};
use crate::Error;
use js_sys::Reflect;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Receives the card's events: a DOM event name (`lms-report-started`,
/// `lms-report-progress`, `lms-report-complete`, `lms-error`) and the event behind it.
pub type ReportEventSink = Rc<dyn Fn(&'static str, &ReportEvent)>;

/// The DOM event name for a report event.
pub fn report_event_name(ev: &ReportEvent) -> &'static str {
    match ev {
        ReportEvent::Started { .. } => "lms-report-started",
        ReportEvent::Progress { .. } => "lms-report-progress",
        ReportEvent::Complete { .. } => "lms-report-complete",
        ReportEvent::Ended { .. } | ReportEvent::Fault { .. } | ReportEvent::Invalid { .. } => "lms-error",
    }
}

/// A card that creates a Canvas course report and follows it to its download link.
///
/// On mount it looks for the user's last report of this type and resumes following it if
/// it still runs. "Create report" is disabled while a report runs (a double click sends one
/// request). Progress uses the progress bar's look and ARIA (native `<progress>`,
/// accessible name, `aria-valuetext`, a polite live region); times are shown in the user's
/// time zone with relative wording, through `Intl`.
///
/// ## Canvas notes
/// Canvas offers one course report type, `course_pace_docx`; others get a 400 that the card
/// words plainly. Only the report's creator may read it. Reports cannot be canceled.
#[component]
pub fn ReportCard(
    /// The course id. Defaults to Canvas's `ENV.context_asset_string` (`course_123`), then a
    /// `/courses/123` page path.
    #[prop(into, optional)]
    course_id: MaybeProp<String>,
    /// The report type. Defaults to `"course_pace_docx"`.
    #[prop(into, optional)]
    report_type: MaybeProp<String>,
    /// Section ids to report on, separated by commas or spaces. Defaults to `""` (none).
    #[prop(into, optional)]
    section_ids: MaybeProp<String>,
    /// Enrollment ids to report on, separated by commas or spaces. Defaults to `""` (none).
    #[prop(into, optional)]
    enrollment_ids: MaybeProp<String>,
    /// The card's title and accessible name. Defaults to `"Course pace report"`.
    #[prop(into, optional)]
    label: MaybeProp<String>,
    /// Locale for numbers and times. Defaults to `<html lang>`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// IANA time zone for times. Defaults to Canvas's `ENV.TIMEZONE`, then the browser's.
    #[prop(into, optional)]
    time_zone: MaybeProp<String>,
    /// HTTP client: base URL and auth. Defaults to same-origin session auth.
    #[prop(optional)]
    client: Option<Client>,
    /// Polling tuning. Defaults to `PollOptions::default()`.
    #[prop(optional)]
    poll: Option<PollOptions>,
    /// Receives the card's events. Defaults to none.
    #[prop(optional)]
    on_event: Option<ReportEventSink>,
) -> impl IntoView {
    let target: Signal<Result<ReportTarget, Error>> = Signal::derive(move || {
        let course = resolve_course_id(
            course_id.get().as_deref(),
            canvas_env("context_asset_string").as_deref(),
            page_path().as_deref(),
        )?;
        ReportTarget::new(course.as_str(), &report_type.get().unwrap_or_default())
    });
    let parameters = Signal::derive(move || {
        ReportParameters::parse(&section_ids.get().unwrap_or_default(), &enrollment_ids.get().unwrap_or_default())
    });
    let label = Signal::derive(move || {
        label
            .get()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| default_label(&report_type.get().unwrap_or_default()))
    });
    let locale: Signal<Option<String>> =
        Memo::new(move |_| intl::valid_locale(locale.get().or_else(intl::page_locale))).into();
    let zone = Memo::new(move |_| resolve_time_zone(time_zone.get()));
    let now = RwSignal::new(js_sys::Date::now());
    let ticker = StoredValue::new_local(Interval::new(15_000, move || now.set(js_sys::Date::now())));
    on_cleanup(move || {
        ticker.try_update_value(|t| *t = None);
    });

    let announcement = RwSignal::new(String::new());
    let announcer = StoredValue::new_local(Announcer::default());
    let sink = on_event.clone();
    let hook_on_event: ReportListener = Rc::new(move |ev: &ReportEvent| {
        if let Some(text) = announce_text(ev, announcer) {
            announcement.set(text);
        }
        if let Some(f) = &sink {
            f(report_event_name(ev), ev);
        }
    });
    let r = use_course_report_with_options(
        target,
        parameters,
        UseCourseReportOptions {
            client: client.unwrap_or_default(),
            poll: poll.unwrap_or_default(),
            on_event: Some(hook_on_event),
        },
    );

    let phase = r.phase;
    let report = r.report;
    let snap = r.snapshot;
    let percent = Signal::derive(move || snap.get().and_then(|s| s.percent));
    let value_text = Signal::derive(move || snap.get().map(|s| s.value_text()).unwrap_or_else(|| "Starting".into()));
    let meter_label = Signal::derive(move || format!("{} progress", label.get()));
    let bar_class = move || {
        let state = match snap.get().map(|s| s.state) {
            Some(ProgressState::Unknown(_)) => "unknown".to_owned(),
            Some(st) => st.as_str().replace('_', "-"),
            None => "queued".to_owned(),
        };
        format!("lmsw-progress lmsw-progress--{state}")
    };
    let status = move || report.get().map(|r| r.status);
    let card_class = move || {
        let mut c = format!("lmsw-report lmsw-report--{}", phase.get().as_str());
        if let Some(s) = status() {
            let s = match s {
                ReportStatus::Unknown(_) => "unknown".to_owned(),
                s => s.as_str().to_owned(),
            };
            c.push_str(&format!(" lmsw-report--{s}"));
        }
        c
    };
    let status_line = move || match phase.get() {
        ReportPhase::Checking => Some("Checking for your last report…".to_owned()),
        ReportPhase::Idle => Some("No report yet.".to_owned()),
        ReportPhase::Creating => Some("Starting the report…".to_owned()),
        ReportPhase::Invalid => None,
        _ => status().map(|s| format!("Status: {}", s.label())),
    };
    let params_error = move || parameters.get().err().map(|e| e.to_string());
    let can_create = move || !phase.get().is_busy() && phase.get() != ReportPhase::Invalid && parameters.get().is_ok();
    let failed_report =
        move || phase.get() == ReportPhase::Finished && status().is_some_and(|s| s != ReportStatus::Complete);
    let create = r.create;
    let retry = r.retry;
    // A memo, so polling does not re-create (and unfocus) the button on every answer.
    let action = Memo::new(move |_| match phase.get() {
        ReportPhase::Invalid => Action::None,
        ReportPhase::Fault(ReportOp::Follow) => Action::Retry("Check again"),
        ReportPhase::Fault(_) => Action::Retry("Try again"),
        ReportPhase::Finished if status() == Some(ReportStatus::Error) => Action::Create("Try again"),
        ReportPhase::Finished => Action::Create("Create new report"),
        _ => Action::Create("Create report"),
    });

    view! {
        <section class=card_class part="root" aria-label=label aria-busy=move || phase.get().is_busy().to_string()>
            <p class="lmsw-report__title" part="title">{label}</p>
            {move || zone.get().1.map(|e| view! { <p class="lmsw-report__hint" part="hint">{e.to_string()}</p> })}
            <Show when=move || report.get().is_some()>
                <div class=bar_class>
                    <ProgressMeter label=meter_label percent=percent value_text=value_text locale=locale />
                </div>
            </Show>
            {move || status_line().map(|s| view! { <p class="lmsw-report__status" part="status">{s}</p> })}
            <Show when=move || r.stalled.get() && phase.get() == ReportPhase::Following>
                <p class="lmsw-report__hint" part="hint">"No progress for a while: the report may be stuck. Still checking."</p>
            </Show>
            {move || {
                report
                    .get()
                    .map(|rep| {
                        let loc = locale.get();
                        let tz = zone.get().0;
                        let now = now.get();
                        times(&rep)
                            .into_iter()
                            .map(|(what, iso, ms)| {
                                let rel = intl::relative_ms((ms - now).min(0.0), loc.as_deref());
                                let abs = intl::absolute_time(ms, loc.as_deref(), tz.as_deref());
                                view! {
                                    <p class="lmsw-report__time" part="time">
                                        {what}" "<time datetime=iso title=abs.clone()>{rel}</time>" ("{abs}")"
                                    </p>
                                }
                            })
                            .collect_view()
                    })
            }}
            {move || {
                r.download
                    .get()
                    .map(|d| match d {
                        Ok(d) => download_view(d, locale.get()).into_any(),
                        Err(m) => view! { <p class="lmsw-report__error" part="error" role="alert">{m}</p> }.into_any(),
                    })
            }}
            <Show when=failed_report>
                {move || {
                    report.get().map(|rep| {
                        view! { <p class="lmsw-report__error" part="error" role="alert">{crate::hooks::ended_message(&rep)}</p> }
                    })
                }}
            </Show>
            {move || {
                let retrying = r.retry_in.get();
                r.message
                    .get()
                    .map(|m| {
                        let text = match retrying {
                            Some(ms) => format!("{m} Retrying {}.", intl::relative_ms(ms as f64, locale.get().as_deref())),
                            None => m,
                        };
                        view! { <p class="lmsw-report__error" part="error" role="alert">{text}</p> }
                    })
            }}
            {move || params_error().map(|m| view! { <p class="lmsw-report__error" part="error" role="alert">{m}</p> })}
            <div class="lmsw-report__actions">
                {move || match action.get() {
                    Action::None => None,
                    Action::Retry(text) => Some(view! {
                        <button type="button" class="lmsw-button" part="button retry" on:click=move |_| { retry.try_run(()); }>
                            {text}
                        </button>
                    }.into_any()),
                    Action::Create(text) => Some(view! {
                        <button type="button" class="lmsw-button lmsw-button--primary" part="button create" disabled=move || !can_create() on:click=move |_| { create.try_run(()); }>
                            {text}
                        </button>
                    }.into_any()),
                }}
            </div>
            <div class="lmsw-sr-only" role="status" aria-live="polite" aria-atomic="true">{move || announcement.get()}</div>
        </section>
    }
}

/// The card's one button.
#[derive(Clone, Copy, PartialEq)]
enum Action {
    None,
    /// Repeat the failed request.
    Retry(&'static str),
    /// Create a report.
    Create(&'static str),
}

/// What the live region says for an event, throttled for progress like the progress bar.
fn announce_text(ev: &ReportEvent, announcer: StoredValue<Announcer, LocalStorage>) -> Option<String> {
    match ev {
        ReportEvent::Started { resumed: true, .. } => Some("Following your report that is still running.".into()),
        ReportEvent::Started { .. } => Some("Report started.".into()),
        ReportEvent::Progress { report, .. } => {
            let snap = crate::model::Snapshot::from_report(report);
            let now = js_sys::Date::now() as u64;
            let speak =
                announcer.try_update_value(|a| a.should_announce(now, snap.percent, snap.state.as_str(), false));
            (speak == Some(true)).then(|| snap.value_text())
        }
        ReportEvent::Complete { download: Ok(d), .. } => Some(match &d.file_name {
            Some(n) => format!("Report complete. {n} is ready to download."),
            None => "Report complete. The file is ready to download.".into(),
        }),
        // The card's role=alert paragraph says why there is no link, or why it ended.
        ReportEvent::Complete { download: Err(_), .. } => Some("Report complete.".into()),
        ReportEvent::Ended { .. } | ReportEvent::Fault { .. } | ReportEvent::Invalid { .. } => None,
    }
}

fn download_view(d: Download, locale: Option<String>) -> impl IntoView {
    let name = d.file_name.clone().unwrap_or_else(|| "the report".into());
    let size = d.size.map(|s| intl::file_size(s, locale.as_deref()));
    view! {
        <p class="lmsw-report__file" part="file">
            <a class="lmsw-button lmsw-button--primary lmsw-report__download" part="download" href=d.href download="">
                {format!("Download {name}")}
            </a>
            {size.map(|s| view! { <span class="lmsw-report__size" part="size">{s}</span> })}
        </p>
    }
}

/// The report's times that Canvas gave: (label, ISO text, epoch ms).
fn times(r: &CourseReport) -> Vec<(&'static str, String, f64)> {
    let ended = match r.status {
        ReportStatus::Complete => "Finished",
        ReportStatus::Error => "Failed",
        ReportStatus::Aborted => "Stopped",
        _ => "Ended",
    };
    [("Created", &r.created_at), ("Started", &r.started_at), (ended, &r.ended_at)]
        .into_iter()
        .filter_map(|(what, iso)| {
            let iso = iso.as_deref()?.trim();
            let ms = js_sys::Date::parse(iso);
            ms.is_finite().then(|| (what, iso.to_owned(), ms))
        })
        .collect()
}

/// The time zone to show times in, and a notice when a given one is unknown: the option,
/// else Canvas's `ENV.TIMEZONE`, else `None` (the browser's).
fn resolve_time_zone(option: Option<String>) -> (Option<String>, Option<Error>) {
    let valid = intl::time_zone_known;
    let env = canvas_env("TIMEZONE").filter(|z| !z.trim().is_empty() && valid(z));
    match option.map(|z| z.trim().to_owned()).filter(|z| !z.is_empty()) {
        Some(z) if valid(&z) => (Some(z), None),
        Some(z) => {
            let fallback = env.clone().unwrap_or_else(|| "this browser's time zone".into());
            let reason = format!("{z:?} is not a time zone this browser knows; times are shown in {fallback}");
            (env, Some(Error::InvalidOption { name: "time-zone", reason }))
        }
        None => (env, None),
    }
}

/// A string from Canvas's global `window.ENV`.
fn canvas_env(key: &str) -> Option<String> {
    let window: JsValue = web_sys::window()?.into();
    let env = Reflect::get(&window, &"ENV".into()).ok().filter(JsValue::is_object)?;
    Reflect::get(&env, &key.into()).ok()?.as_string()
}

fn page_path() -> Option<String> {
    web_sys::window()?.location().pathname().ok()
}

/// A `setInterval` cleared when dropped (the card's clock for relative times).
struct Interval {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Interval {
    fn new(ms: i32, f: impl FnMut() + 'static) -> Option<Interval> {
        let closure = Closure::<dyn FnMut()>::new(f);
        let id = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
            .ok()?;
        Some(Interval { id, _closure: closure })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.id);
        }
    }
}
