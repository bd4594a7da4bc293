//! "Cancel", confirmed before it is sent: "Cancel this job?" with "Yes, cancel" and
//! "Keep running", all plain buttons reachable by keyboard.

use crate::hooks::UseProgressPollReturn;
use leptos::prelude::*;

/// The cancel button and its confirmation; sends the cancel with "Canceled by the user".
#[component]
pub(super) fn CancelControl(poll: UseProgressPollReturn) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let cancel = poll.cancel;
    let do_cancel = move |_| {
        confirming.set(false);
        cancel.try_run("Canceled by the user".to_owned());
    };
    view! {
        <div class="lmsw-progress__actions">
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="lmsw-button"
                            part="button cancel"
                            disabled=move || poll.canceling.get()
                            on:click=move |_| confirming.set(true)
                        >
                            {move || if poll.canceling.get() { "Canceling…" } else { "Cancel" }}
                        </button>
                    }
                }
            >
                <span class="lmsw-progress__confirm" role="group" aria-label="Confirm cancel">
                    <span>"Cancel this job?"</span>
                    <button type="button" class="lmsw-button lmsw-button--danger" part="button confirm" on:click=do_cancel>
                        "Yes, cancel"
                    </button>
                    <button type="button" class="lmsw-button" part="button keep" on:click=move |_| confirming.set(false)>
                        "Keep running"
                    </button>
                </span>
            </Show>
        </div>
    }
}
