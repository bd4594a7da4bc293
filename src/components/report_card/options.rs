//! The card's options that fall back on the Canvas page: the course (from `ENV` or the
//! path) and the time zone (from `ENV`).

use crate::components::intl;
use crate::model::ReportTarget;
use crate::net::page::{canvas_env, page_course_id};
use crate::Error;
use leptos::prelude::*;

/// The report to work on: the course option, else the page's course; and the report type.
pub(super) fn report_target(
    course_id: MaybeProp<String>,
    report_type: MaybeProp<String>,
) -> Signal<Result<ReportTarget, Error>> {
    Signal::derive(move || {
        let course = page_course_id(course_id.get().as_deref())?;
        ReportTarget::new(course.as_str(), &report_type.get().unwrap_or_default())
    })
}

/// The time zone to show times in, and a notice when a given one is unknown: the option,
/// else Canvas's `ENV.TIMEZONE`, else `None` (the browser's).
pub(super) fn resolve_time_zone(option: Option<String>) -> (Option<String>, Option<Error>) {
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
