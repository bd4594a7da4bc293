//! `<PaceTimeline>`: view, edit, compress and publish a Canvas course pace. A view over
//! [`use_pace_timeline_with_options`], which owns loading, the draft and publishing.

use super::axis::AxisView;
use super::header::header_view;
use super::publish::PublishBar;
use super::settings::settings_form;
use crate::components::widget_locale;
use crate::hooks::{use_pace_timeline_with_options, PaceEventSink, PaceLoad, UsePaceTimelineOptions};
use crate::net::Client;
use crate::timeline::{header_stats, offer_summary, LinkTarget, PublishPhase};
use leptos::prelude::*;

/// A course pace: header stats, settings, modules with per-item durations and projected
/// due dates (blackout rows in place), a time axis, and, when `editable`, unpublished-change
/// tracking, Discard and Publish (following the publish Progress with the progress bar).
///
/// ## Canvas notes
/// Due dates are computed in the browser with the same engine as Canvas's
/// `compress_dates` (no round-trip); edits survive a reload (kept in `localStorage` per
/// Canvas host, user, course and pace, offered back); a failed or throttled publish keeps
/// them; a publish first checks whether another teacher published meanwhile and asks.
#[component]
pub fn PaceTimeline(
    /// The course id.
    #[prop(into)]
    course_id: Signal<String>,
    /// The pace id.
    #[prop(into)]
    pace_id: Signal<String>,
    /// Allow editing and publishing. Defaults to `false` (read-only, e.g. for students).
    #[prop(into, optional)]
    editable: MaybeProp<bool>,
    /// HTTP client, also used to follow the publish. Defaults to same-origin session auth.
    #[prop(optional)]
    client: Option<Client>,
    /// Locale for dates. Defaults to `<html lang>`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// Where item links open. Defaults to `LinkTarget::SameFrame` (no `target`): a widget in
    /// an LTI frame navigates the whole Canvas page only when the host asks for `Top`.
    #[prop(optional)]
    link_target: LinkTarget,
    /// Receives the widget's events. Defaults to none.
    #[prop(optional)]
    on_event: Option<PaceEventSink>,
) -> impl IntoView {
    let client = client.unwrap_or_default();
    let editable = Signal::derive(move || editable.get().unwrap_or(false));
    let options = UsePaceTimelineOptions { client: client.clone(), on_event, ..Default::default() };
    let t = use_pace_timeline_with_options(course_id, pace_id, options);
    let locale = widget_locale(locale);
    let busy = Signal::derive(move || t.publish.with(PublishPhase::is_busy));
    // The header reads the plan in place (a copy would be 5,000 due dates per keystroke); the
    // settings form follows a memo, so a duration edit, which changes the plan but not the
    // settings, leaves the form alone (the dist build would otherwise recreate it).
    let header = move || {
        t.loaded.with(|l| {
            let l = l.as_ref()?;
            t.plan.with(|p| {
                Some(match p.as_ref()? {
                    Err(e) => Err(e.to_string()),
                    Ok(p) => Ok(header_stats(&l.envelope.course_pace, p)),
                })
            })
        })
    };
    let settings = Memo::new(move |_| {
        let published = t.loaded.with(|l| l.as_ref().map(|l| l.envelope.course_pace.settings()))?;
        Some(t.draft.with(|d| d.settings_or(&published).clone()))
    });

    view! {
        <div class="lmsw-pace" part="root" aria-busy=move || matches!(t.load.get(), PaceLoad::Loading).to_string()>
            {move || match t.load.get() {
                PaceLoad::Loading => {
                    view! { <p class="lmsw-pace__loading" role="status">"Loading the course pace…"</p> }.into_any()
                }
                PaceLoad::Failed(e) => view! {
                    <div class="lmsw-pace__error" role="alert">
                        <p>{format!("Could not load the course pace. {e}")}</p>
                        <button type="button" class="lmsw-button" on:click=move |_| t.reload.run(())>"Try again"</button>
                    </div>
                }
                .into_any(),
                PaceLoad::Ready(_) => ().into_any(),
            }}
            {move || t.offer.with(|o| o.as_ref().map(|d| offer_summary(d.len()))).map(|text| view! {
                <div class="lmsw-pace__offer" role="region" aria-label="Unsaved changes found">
                    <p>{text}</p>
                    <button type="button" class="lmsw-button lmsw-button--primary" on:click=move |_| t.answer_offer.run(true)>
                        "Restore them"
                    </button>
                    <button type="button" class="lmsw-button" on:click=move |_| t.answer_offer.run(false)>"Discard them"</button>
                </div>
            })}
            {move || t.storage_notice.get().map(|n| view! { <p class="lmsw-pace__notice" role="alert">{n.message()}</p> })}
            {move || header().map(|h| match h {
                Err(e) => view! { <p class="lmsw-pace__error" role="alert">{e}</p> }.into_any(),
                Ok(h) => header_view(h, locale.get()).into_any(),
            })}
            {move || settings.get().map(|current| settings_form(current, !editable.get() || busy.get(), t.edit_settings))}
            <Show when=move || editable.get() && t.loaded.with(Option::is_some)>
                <PublishBar t=t client=client.clone() />
            </Show>
            {move || t.loaded.get().map(|l| view! { <AxisView loaded=l plan=t.plan /> })}
            <fieldset class="lmsw-pace__lock" disabled=busy>
                {move || {
                    let l = t.loaded.get()?;
                    Some(super::table::modules_table(l, t, editable, locale, link_target))
                }}
            </fieldset>
        </div>
    }
}
