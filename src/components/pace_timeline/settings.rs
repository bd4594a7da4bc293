//! The pace-wide settings: skip weekends, skipped weekdays, end date.

use crate::timeline::{Settings, SettingsEdit, WEEKDAYS};
use leptos::prelude::*;

/// The settings form for the settings in force; every change goes to `edit`.
pub fn settings_form(current: Settings, disabled: bool, edit: Callback<SettingsEdit>) -> impl IntoView {
    let days = WEEKDAYS
        .iter()
        .map(|(code, name)| {
            let checked = current.selected_days_to_skip.iter().any(|d| d == code);
            let code = *code;
            view! {
                <label class="lmsw-pace__day">
                    <input type="checkbox" prop:checked=checked on:change=move |ev| {
                        edit.run(SettingsEdit::SkipDay(code.to_owned(), event_target_checked(&ev)))
                    }/>
                    {*name}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="lmsw-pace__settings" part="settings" disabled=disabled>
            <legend>"Settings"</legend>
            <label>
                <input type="checkbox" prop:checked=current.exclude_weekends on:change=move |ev| {
                    edit.run(SettingsEdit::ExcludeWeekends(event_target_checked(&ev)))
                }/>
                " Skip weekends"
            </label>
            <span class="lmsw-pace__days" role="group" aria-label="Skip selected days">"Skip: " {days}</span>
            <label>
                "End date "
                <input type="date" prop:value=current.end_date.unwrap_or_default() on:change=move |ev| {
                    edit.run(SettingsEdit::EndDate(event_target_value(&ev)))
                }/>
            </label>
        </fieldset>
    }
}
