//! The bar's fault: what went wrong, when polling retries, and "Try again" once it stopped.

use crate::components::intl;
use crate::hooks::UseProgressPollReturn;
use crate::model::retry_message;
use leptos::prelude::*;

/// The latest fault as a `role=alert` block, with "Try again" when polling stopped.
#[component]
pub(super) fn ProgressFault(poll: UseProgressPollReturn, locale: Signal<Option<String>>) -> impl IntoView {
    let retry = poll.retry;
    move || {
        let e = poll.error.get()?;
        let retrying = poll.retry_in.get();
        let text = retry_message(&e.to_string(), retrying, |ms| intl::relative_ms(ms, locale.get().as_deref()));
        Some(view! {
            <div class="lmsw-progress__error" part="error" role="alert">
                <span>{text}</span>
                <Show when=move || retrying.is_none()>
                    <button type="button" class="lmsw-button" part="button retry" on:click=move |_| { retry.try_run(()); }>
                        "Try again"
                    </button>
                </Show>
            </div>
        })
    }
}
