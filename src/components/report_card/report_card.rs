//! `<ReportCard>`: start a Canvas course report and follow it to its download link. A view
//! over [`use_course_report_with_options`]; what it shows (button, status line, classes,
//! alerts) is decided by pure functions beside the report model ([`crate::model::report_action`]
//! and its neighbours), tested natively.

use super::actions::ReportActions;
use super::alerts::ReportAlerts;
use super::events::{listener, ReportEventSink};
use super::options::{report_target, resolve_time_zone};
use super::times::ReportTimes;
use crate::components::progress_bar::ProgressMeter;
use crate::components::widget_locale;
use crate::hooks::{use_course_report_with_options, UseCourseReportOptions};
use crate::model::{
    card_class, default_label, progress_class, report_status, state_modifier, ReportParameters, ReportPhase,
};
use crate::net::Client;
use crate::poll::PollOptions;
use leptos::prelude::*;

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
    let parameters = Signal::derive(move || {
        ReportParameters::parse(&section_ids.get().unwrap_or_default(), &enrollment_ids.get().unwrap_or_default())
    });
    let label = Signal::derive(move || {
        let given = label.get().filter(|l| !l.trim().is_empty());
        given.unwrap_or_else(|| default_label(&report_type.get().unwrap_or_default()))
    });
    let zone = Memo::new(move |_| resolve_time_zone(time_zone.get()));
    let announcement = RwSignal::new(String::new());
    let options = UseCourseReportOptions {
        client: client.unwrap_or_default(),
        poll: poll.unwrap_or_default(),
        on_event: Some(listener(on_event, announcement)),
    };
    let r = use_course_report_with_options(report_target(course_id, report_type), parameters, options);
    let locale = widget_locale(locale);

    let (phase, report, snap) = (r.phase, r.report, r.snapshot);
    let status = move || report.with(|r| r.as_ref().map(|r| r.status.clone()));
    let percent = Signal::derive(move || snap.get().and_then(|s| s.percent));
    let value_text = Signal::derive(move || snap.get().map(|s| s.value_text()).unwrap_or_else(|| "Starting".into()));
    let meter_label = Signal::derive(move || format!("{} progress", label.get()));
    let bar_class =
        move || progress_class(&snap.with(|s| s.as_ref().map_or("queued".into(), |s| state_modifier(&s.state))));
    let params_error = Signal::derive(move || parameters.get().err().map(|e| e.to_string()));

    view! {
        <section
            class=move || card_class(&phase.get(), status().as_ref())
            part="root"
            aria-label=label
            aria-busy=move || phase.get().is_busy().to_string()
        >
            <p class="lmsw-report__title" part="title">{label}</p>
            {move || zone.get().1.map(|e| view! { <p class="lmsw-report__hint" part="hint">{e.to_string()}</p> })}
            <Show when=move || report.with(Option::is_some)>
                <div class=bar_class>
                    <ProgressMeter label=meter_label percent=percent value_text=value_text locale=locale />
                </div>
            </Show>
            {move || report_status(&phase.get(), status().as_ref()).map(|s| view! { <p class="lmsw-report__status" part="status">{s}</p> })}
            <Show when=move || r.stalled.get() && phase.get() == ReportPhase::Following>
                <p class="lmsw-report__hint" part="hint">"No progress for a while: the report may be stuck. Still checking."</p>
            </Show>
            <ReportTimes report=report locale=locale zone=Signal::derive(move || zone.get().0) />
            <ReportAlerts r=r params_error=params_error locale=locale />
            <ReportActions r=r parameters_ok=Signal::derive(move || parameters.with(Result::is_ok)) />
            <div class="lmsw-sr-only" role="status" aria-live="polite" aria-atomic="true">{move || announcement.get()}</div>
        </section>
    }
}
