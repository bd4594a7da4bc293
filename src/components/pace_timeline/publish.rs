//! The unpublished changes, Discard and Publish, the conflict question, and the publish
//! Progress.

use crate::components::progress_bar::ProgressBar;
use crate::hooks::UsePaceTimelineReturn;
use crate::net::Client;
use crate::timeline::{
    changes_summary, conflict_lines, conflict_question, describe, Conflict, PublishPhase, Resolution,
};
use leptos::prelude::*;

/// The bar under the settings while the pace is editable.
#[component]
pub fn PublishBar(
    /// The timeline's state and actions.
    t: UsePaceTimelineReturn,
    /// The widget's client: the progress bar follows the publish through it.
    client: Client,
) -> impl IntoView {
    let title = move |key: &str| t.loaded.with_untracked(|l| l.as_ref().map(|l| l.title(key))).unwrap_or_default();
    let no_changes = move || t.changes.with(|c| c.as_ref().is_none_or(Vec::is_empty));
    let busy = move || t.publish.with(PublishPhase::is_busy);
    let label = move || match t.publish.get() {
        PublishPhase::Checking => "Checking for other changes…",
        PublishPhase::Sending | PublishPhase::Following(_) => "Publishing…",
        _ => "Publish",
    };
    view! {
        <div class="lmsw-pace__changes" part="changes">
            {move || {
                let list = t.changes.get().unwrap_or_default();
                view! {
                    <details>
                        <summary>{changes_summary(list.len())}</summary>
                        <ul>{list.iter().map(|c| view! { <li>{describe(c, title)}</li> }).collect_view()}</ul>
                    </details>
                }
            }}
            <button type="button" class="lmsw-button" disabled=move || no_changes() || busy()
                on:click=move |_| t.discard.run(())>"Discard"</button>
            <button type="button" class="lmsw-button lmsw-button--primary" part="button publish"
                disabled=move || no_changes() || busy() on:click=move |_| t.publish_now.run(())>{label}</button>
            {move || t.publish_error.get().map(|m| view! { <p class="lmsw-pace__error" role="alert">{m}</p> })}
            {move || match t.publish.get() {
                PublishPhase::Conflict(c) => view! { <ConflictDialog conflict=c t=t /> }.into_any(),
                PublishPhase::Following(url) => {
                    view! { <ProgressBar url=url label="Publishing the pace" client=client.clone() /> }.into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}

/// Another teacher published since this page loaded the pace: what they changed, and the
/// three ways on.
#[component]
fn ConflictDialog(conflict: Conflict, t: UsePaceTimelineReturn) -> impl IntoView {
    let title = move |key: &str| t.loaded.with_untracked(|l| l.as_ref().map(|l| l.title(key))).unwrap_or_default();
    let lines = conflict_lines(&conflict, title);
    let question = conflict_question(conflict.overlaps());
    let node = NodeRef::<leptos::html::Div>::new();
    // The question takes the focus, so a keyboard or screen-reader user lands on it.
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    let choose = move |r: Resolution| move |_| t.resolve.run(r);
    view! {
        <div class="lmsw-pace__conflict" part="conflict" role="alertdialog" tabindex="-1" node_ref=node
            aria-label="Someone else published this pace">
            <h3>"Someone else published this pace"</h3>
            <p>"Another teacher published changes after you opened this pace. Nothing of yours has been sent yet. They changed:"</p>
            <ul>
                {lines.into_iter().map(|(text, clash)| view! { <li class:lmsw-pace__clash=clash>{text}</li> }).collect_view()}
            </ul>
            <p>{question}</p>
            <div class="lmsw-pace__choices">
                <button type="button" class="lmsw-button lmsw-button--primary" on:click=choose(Resolution::KeepMine)>
                    "Publish mine over theirs"
                </button>
                <button type="button" class="lmsw-button" on:click=choose(Resolution::TakeTheirs)>
                    "Keep theirs, review mine"
                </button>
                <button type="button" class="lmsw-button" on:click=choose(Resolution::Reload)>
                    "Discard mine and reload"
                </button>
            </div>
        </div>
    }
}
