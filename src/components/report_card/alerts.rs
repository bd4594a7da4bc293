//! The card's download link and its `role=alert` paragraphs: a refused link, why a report
//! ended without a file, a fault (with when it retries), and a bad id list.

use crate::components::intl;
use crate::hooks::{Download, UseCourseReportReturn};
use crate::model::{download_caption, ended_alert, retry_message};
use leptos::prelude::*;

/// The link once a report is complete, then every alert that applies, in that order.
#[component]
pub(super) fn ReportAlerts(
    r: UseCourseReportReturn,
    params_error: Signal<Option<String>>,
    locale: Signal<Option<String>>,
) -> impl IntoView {
    let fault = move || {
        let m = r.message.get()?;
        Some(retry_message(&m, r.retry_in.get(), |ms| intl::relative_ms(ms, locale.get().as_deref())))
    };
    view! {
        {move || r.download.get().map(|d| match d {
            Ok(d) => download_view(d, locale.get()).into_any(),
            Err(e) => alert(e.to_string()).into_any(),
        })}
        {move || r.report.with(|rep| ended_alert(&r.phase.get(), rep.as_ref())).map(alert)}
        {move || fault().map(alert)}
        {move || params_error.get().map(alert)}
    }
}

fn alert(text: String) -> impl IntoView {
    view! { <p class="lmsw-report__error" part="error" role="alert">{text}</p> }
}

fn download_view(d: Download, locale: Option<String>) -> impl IntoView {
    let size = d.size.map(|s| intl::file_size(s, locale.as_deref()));
    view! {
        <p class="lmsw-report__file" part="file">
            <a class="lmsw-button lmsw-button--primary lmsw-report__download" part="download" href=d.href download="">
                {download_caption(d.file_name.as_deref())}
            </a>
            {size.map(|s| view! { <span class="lmsw-report__size" part="size">{s}</span> })}
        </p>
    }
}
