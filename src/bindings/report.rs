//! `mountReportCard(el, options)` and the `<lms-report-card>` element's options.

use super::mount::{client_from, dispatch, obj, opt_bool, opt_string, options_object, prepare_container, WidgetHandle};
use crate::components::report_card::{ReportCard, ReportEventSink, CSS};
use crate::components::{progress_bar, BASE_CSS};
use crate::error::error_event_detail;
use crate::hooks::ReportEvent;
use crate::model::{CourseReport, ReportOp};
use crate::Error;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Mounts a course-report card into `el`.
///
/// Options (attribute names in brackets): `courseId` [`course-id`] (default: Canvas's
/// `ENV.context_asset_string`, then a `/courses/:id` path), `reportType` [`report-type`]
/// (default `"course_pace_docx"`), `sectionIds` [`section-ids`] and `enrollmentIds`
/// [`enrollment-ids`] (comma/space-separated ids, or arrays), `label`, `locale`, `timeZone`
/// [`time-zone`] (default `ENV.TIMEZONE`, then the browser's), `baseUrl` (a path prefix,
/// and the only origin a token and headers go to) [`base-url`: a prefix only, never where
/// credentials go], `token` (a bearer token; never an attribute), `headers`, `shadow`
/// (default `true`). The card lives until `handle.unmount()`, or until `el`, having been
/// in the document, leaves it. A bad id or time zone is shown in the card (and
/// fired as `lms-error`), not thrown, so a later attribute change can fix it.
///
/// Events (bubbling, composed; `detail.report` is Canvas's report JSON):
/// `lms-report-started` `{report, status, resumed}`, `lms-report-progress`
/// `{report, status, progress}`, `lms-report-complete` `{report, status, fileUrl,
/// fileName, size, linkError}`, and `lms-error` `{error: {kind, message}, op?, retryIn?,
/// report?}` for faults, bad options, and reports that end in error/aborted/deleted.
#[wasm_bindgen(js_name = mountReportCard)]
pub fn mount_report_card(el: HtmlElement, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let options = options_object(
        options,
        &[
            "courseId",
            "course-id",
            "reportType",
            "report-type",
            "sectionIds",
            "section-ids",
            "enrollmentIds",
            "enrollment-ids",
            "label",
            "timeZone",
            "time-zone",
        ],
    )?;
    let course_id = opt_string(&options, &["courseId", "course-id"]);
    let report_type = opt_string(&options, &["reportType", "report-type"]);
    let section_ids = opt_id_list(&options, &["sectionIds", "section-ids"]);
    let enrollment_ids = opt_id_list(&options, &["enrollmentIds", "enrollment-ids"]);
    let label = opt_string(&options, &["label"]);
    let locale = opt_string(&options, &["locale"]);
    let time_zone = opt_string(&options, &["timeZone", "time-zone"]);
    let shadow = opt_bool(&options, &["shadow"])?.unwrap_or(true);
    let client = client_from(&options)?;

    let container = prepare_container(&el, shadow, "report", &[BASE_CSS, progress_bar::CSS, CSS])?;
    let host: web_sys::EventTarget = el.clone().into();
    let sink: ReportEventSink = Rc::new(move |name, ev| dispatch(&host, name, &event_detail(ev)));

    let values = [course_id, report_type, section_ids, enrollment_ids, label, locale, time_zone];
    type Signals = [RwSignal<Option<String>>; 7];
    let signals: Rc<RefCell<Option<Signals>>> = Rc::new(RefCell::new(None));
    let out = signals.clone();
    let mounted = leptos::mount::mount_to(container.clone(), move || {
        let s = values.map(RwSignal::new);
        *out.borrow_mut() = Some(s);
        view! {
            <ReportCard
                course_id=s[0]
                report_type=s[1]
                section_ids=s[2]
                enrollment_ids=s[3]
                label=s[4]
                locale=s[5]
                time_zone=s[6]
                client=client
                on_event=sink
            />
        }
    });
    let setter = move |name: &str, value: Option<String>| -> Result<(), Error> {
        let Some(s) = *signals.borrow() else { return Ok(()) };
        let i = match name {
            "course-id" => 0,
            "report-type" => 1,
            "section-ids" => 2,
            "enrollment-ids" => 3,
            "label" => 4,
            "locale" => 5,
            "time-zone" => 6,
            _ => return Ok(()),
        };
        s[i].set(value);
        Ok(())
    };
    Ok(WidgetHandle::new(el, container, Box::new(mounted), Box::new(setter)))
}

/// An id list option: a string, a number, or an array of them (joined with commas, so a bad
/// entry is still reported by the card, never dropped).
fn opt_id_list(options: &JsValue, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let v = js_sys::Reflect::get(options, &JsValue::from_str(k)).ok()?;
        // A list that cannot be read (a revoked Proxy, a throwing trap) is the one bad entry
        // "?", which the card reports like any other.
        match super::js::is_array(&v) {
            Some(false) => return opt_string(options, &[k]),
            None => return Some("?".into()),
            Some(true) => {}
        }
        let Some(list) = super::js::copy_list(&v) else { return Some("?".into()) };
        let parts: Vec<String> = list
            .iter()
            .map(|e| match (e.as_string(), e.as_f64()) {
                (Some(s), _) => s,
                (None, Some(n)) => format!("{n}"),
                _ => js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "?".into()),
            })
            .collect();
        Some(parts.join(","))
    })
}

fn report_fields(report: &CourseReport, raw: &JsValue) -> Vec<(&'static str, JsValue)> {
    vec![("report", raw.clone()), ("status", report.status.as_str().into())]
}

/// The JSON `detail` of a report event.
fn event_detail(ev: &ReportEvent) -> JsValue {
    let opt_str = |s: Option<&str>| s.map(JsValue::from_str).unwrap_or(JsValue::NULL);
    let opt_num = |n: Option<f64>| n.map(JsValue::from_f64).unwrap_or(JsValue::NULL);
    match ev {
        ReportEvent::Started { report, raw, resumed } => {
            let mut f = report_fields(report, raw);
            f.push(("resumed", (*resumed).into()));
            obj(&f)
        }
        ReportEvent::Progress { report, raw } => {
            let mut f = report_fields(report, raw);
            f.push(("progress", opt_num(report.percent())));
            obj(&f)
        }
        ReportEvent::Complete { report, raw, download } => {
            let mut f = report_fields(report, raw);
            let ok = download.as_ref().ok();
            f.push(("fileUrl", opt_str(ok.map(|d| d.href.as_str()))));
            f.push(("fileName", opt_str(ok.and_then(|d| d.file_name.as_deref()))));
            f.push(("size", opt_num(ok.and_then(|d| d.size))));
            f.push(("linkError", opt_str(download.as_ref().err().map(Error::to_string).as_deref())));
            obj(&f)
        }
        ReportEvent::Ended { report, raw, message } => {
            error_event_detail(&format!("report_{}", report.status.as_str()), message, &report_fields(report, raw))
        }
        ReportEvent::Fault { op, error: e, message, retry_in } => {
            let op = match op {
                ReportOp::Check => "check",
                ReportOp::Create => "create",
                ReportOp::Follow => "follow",
            };
            error_event_detail(
                e.kind(),
                message,
                &[("op", op.into()), ("retryIn", opt_num(retry_in.map(|v| v as f64)))],
            )
        }
        ReportEvent::Invalid { error: e } => e.event_detail(),
    }
}
