//! The report's times, relative ("2 minutes ago") and absolute in the user's time zone,
//! refreshed by a clock that stops with the card.

use crate::components::intl;
use crate::model::{report_times, CourseReport};
use crate::poll::timer::Timer;
use leptos::prelude::*;

/// One line per time Canvas gave (see [`crate::model::report_times`]) that the browser can
/// read; the relative wording refreshes every 15 seconds.
#[component]
pub(super) fn ReportTimes(
    report: Signal<Option<CourseReport>>,
    locale: Signal<Option<String>>,
    zone: Signal<Option<String>>,
) -> impl IntoView {
    let now = RwSignal::new(js_sys::Date::now());
    let ticker = StoredValue::new_local(Timer::every(15_000, move || now.set(js_sys::Date::now())));
    on_cleanup(move || {
        ticker.try_update_value(|t| *t = None);
    });
    move || report.with(|rep| rep.as_ref().map(|rep| lines(rep, locale.get(), zone.get(), now.get())))
}

fn lines(rep: &CourseReport, locale: Option<String>, zone: Option<String>, now: f64) -> impl IntoView {
    let (loc, tz) = (locale.as_deref(), zone.as_deref());
    report_times(rep)
        .into_iter()
        .filter_map(|(what, iso)| {
            let ms = js_sys::Date::parse(iso);
            ms.is_finite().then(|| (what, iso.to_owned(), ms))
        })
        .map(|(what, iso, ms)| {
            let rel = intl::relative_ms((ms - now).min(0.0), loc);
            let abs = intl::absolute_time(ms, loc, tz);
            view! {
                <p class="lmsw-report__time" part="time">
                    {what}" "<time datetime=iso title=abs.clone()>{rel}</time>" ("{abs}")"
                </p>
            }
        })
        .collect_view()
}
