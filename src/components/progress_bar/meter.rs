//! `<ProgressMeter>`: the bar's label, visible percent and native `<progress>`, shared by
//! the progress bar and the report card so both look and sound the same.

use crate::components::intl;
use leptos::prelude::*;

/// The label row and native `<progress>` of a progress bar, without polling.
///
/// The `<progress>` carries the accessible name (`aria-label`) and `aria-valuetext`; it has
/// no `value` (indeterminate) while `percent` is `None`. The visible percent is
/// `aria-hidden`, since the bar already speaks it. Render it inside an element with the
/// `lmsw-progress` class (and a `lmsw-progress--<state>` modifier) for the colours.
#[component]
pub fn ProgressMeter(
    /// The accessible name and visible label.
    #[prop(into)]
    label: Signal<String>,
    /// 0..=100, or `None` while indeterminate. Defaults to `None`.
    #[prop(into, optional)]
    percent: Signal<Option<f64>>,
    /// `aria-valuetext` ("45 percent, running"). Defaults to `""`.
    #[prop(into, optional)]
    value_text: Signal<String>,
    /// Locale for the visible percent. Defaults to the browser's.
    #[prop(into, optional)]
    locale: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="lmsw-progress__header">
            <span class="lmsw-progress__label" part="label">{label}</span>
            <span class="lmsw-progress__percent" part="percent" aria-hidden="true">
                {move || percent.get().map(|p| intl::percent(p, locale.get().as_deref()))}
            </span>
        </div>
        <progress
            class="lmsw-progress__bar"
            part="bar"
            max="100"
            value=move || percent.get().map(crate::model::one_decimal)
            aria-label=label
            aria-valuetext=value_text
        ></progress>
    }
}
