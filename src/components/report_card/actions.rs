//! The card's one button, as [`crate::model::report_action`] decides it.

use crate::hooks::UseCourseReportReturn;
use crate::model::{can_create_report, report_action, ReportAction};
use leptos::prelude::*;

/// "Create report", "Create new report", "Try again" or "Check again".
#[component]
pub(super) fn ReportActions(r: UseCourseReportReturn, parameters_ok: Signal<bool>) -> impl IntoView {
    let (phase, create, retry) = (r.phase, r.create, r.retry);
    let can_create = move || can_create_report(&phase.get(), parameters_ok.get());
    // A memo, so polling does not re-create (and unfocus) the button on every answer.
    let action = Memo::new(move |_| {
        let status = r.report.with(|r| r.as_ref().map(|r| r.status.clone()));
        report_action(&phase.get(), status.as_ref())
    });
    view! {
        <div class="lmsw-report__actions">
            {move || match action.get() {
                ReportAction::None => None,
                ReportAction::Retry(text) => Some(view! {
                    <button type="button" class="lmsw-button" part="button retry" on:click=move |_| { retry.try_run(()); }>
                        {text}
                    </button>
                }.into_any()),
                ReportAction::Create(text) => Some(view! {
                    <button
                        type="button"
                        class="lmsw-button lmsw-button--primary"
                        part="button create"
                        disabled=move || !can_create()
                        on:click=move |_| { create.try_run(()); }
                    >
                        {text}
                    </button>
                }.into_any()),
            }}
        </div>
    }
}
