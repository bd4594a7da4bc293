//! `<PaceTimeline>`: view, edit, compress and publish a Canvas course pace.

use super::axis::AxisView;
use super::store::{clear_draft, load_draft, save_draft};
use crate::components::intl;
use crate::components::progress_bar::ProgressBar;
use crate::model::Snapshot;
use crate::net::Client;
use crate::poll::driver::PollEvent;
use crate::timeline::{parse_duration, plan_view, publish_body, Change, Draft, PaceEnvelope, PlanView, Settings};
use crate::Error;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// Receives the widget's events (`lms-pace-loaded`, `lms-pace-published`, `lms-error`) with
/// a JSON detail.
pub type PaceEventSink = Rc<dyn Fn(&'static str, JsValue)>;

/// What was loaded from Canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The pace as published.
    pub envelope: PaceEnvelope,
    /// The course's blackout dates.
    pub blackouts: Vec<crate::timeline::BlackoutDate>,
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Failed(Error),
    Ready(Arc<Loaded>),
}

const WEEKDAYS: [(&str, &str); 7] =
    [("mon", "Mon"), ("tue", "Tue"), ("wed", "Wed"), ("thu", "Thu"), ("fri", "Fri"), ("sat", "Sat"), ("sun", "Sun")];

/// A course pace: header stats, settings, modules with per-item durations and projected
/// due dates (blackout rows in place), a time axis, and, when `editable`, unpublished-change
/// tracking, Discard and Publish (following the publish Progress with the progress bar).
///
/// ## Canvas notes
/// Due dates are computed in the browser with the same engine as Canvas's
/// `compress_dates` (no round-trip); edits survive a reload (kept in `localStorage` per
/// course and pace, offered back); a failed or throttled publish keeps them.
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
    /// HTTP client. Defaults to same-origin session auth.
    #[prop(optional)]
    client: Option<Client>,
    /// Locale for dates. Defaults to `<html lang>`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// Receives the widget's events. Defaults to none.
    #[prop(optional)]
    on_event: Option<PaceEventSink>,
) -> impl IntoView {
    let client = client.unwrap_or_default();
    let editable = Signal::derive(move || editable.get().unwrap_or(false));
    let locale: Signal<Option<String>> =
        Memo::new(move |_| intl::valid_locale(locale.get().or_else(intl::page_locale))).into();
    let phase = RwSignal::new_local(Phase::Loading);
    let draft = RwSignal::new(Draft::default());
    let offer = RwSignal::new(None::<Draft>);
    let publishing = RwSignal::new(None::<String>);
    let publish_error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let input_errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let storage_key = Signal::derive(move || format!("lmsw:pace:{}:{}", course_id.get(), pace_id.get()));
    // Non-Send callbacks live in local storage; closures capture only the Copy handle.
    let sink = StoredValue::new_local(on_event);
    let emit = move |name: &'static str, detail: JsValue| {
        sink.with_value(|f| {
            if let Some(f) = f {
                f(name, detail)
            }
        })
    };

    let load = {
        let client = client.clone();
        move || {
            let (course, pace) = (course_id.get_untracked(), pace_id.get_untracked());
            let client = client.clone();
            phase.set(Phase::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                match super::store::fetch_pace(&client, &course, &pace).await {
                    Ok(loaded) => {
                        let pace_json = &loaded.envelope.course_pace;
                        let published = pace_json.settings();
                        if let Some(mut saved) = load_draft(&storage_key.get_untracked()) {
                            saved.reconcile(
                                |id| pace_json.items().find(|i| i.key() == id).map(|i| i.duration),
                                &published,
                            );
                            if !saved.is_empty() {
                                offer.set(Some(saved));
                            }
                        }
                        emit("lms-pace-loaded", JsValue::NULL);
                        phase.set(Phase::Ready(Arc::new(loaded)));
                    }
                    Err(e) => {
                        emit("lms-error", super::store::error_detail(&e));
                        phase.set(Phase::Failed(e));
                    }
                }
            });
        }
    };
    let load_now = load.clone();
    Effect::new(move |_| {
        course_id.track();
        pace_id.track();
        load_now();
    });

    let loaded = Memo::new(move |_| match phase.get() {
        Phase::Ready(l) => Some(l),
        _ => None,
    });
    let plan = Memo::new(move |_| {
        let l = loaded.get()?;
        let today = crate::pace::parse_date(&today_ymd()).ok();
        Some(draft.with(|d| plan_view(&l.envelope.course_pace, d, &l.blackouts, today)))
    });
    let changes = Memo::new(move |_| {
        let l = loaded.get()?;
        let pace = &l.envelope.course_pace;
        let order: Vec<(String, u32)> = pace.items().map(|i| (i.key(), i.duration)).collect();
        Some(draft.with(|d| d.changes(&pace.settings(), &order)))
    });

    // Every edit is saved at once, so a reload or a crash loses nothing.
    let persist = move || {
        let key = storage_key.get_untracked();
        draft.with_untracked(|d| if d.is_empty() { clear_draft(&key) } else { save_draft(&key, d) });
    };
    let set_duration = move |key: String, published: u32, text: String| match parse_duration(&text) {
        Ok(v) => {
            input_errors.update(|e| {
                e.remove(&key);
            });
            draft.update(|d| {
                d.set_duration(&key, published, v);
                d.saved_at = js_sys::Date::now();
            });
            persist();
        }
        Err(msg) => input_errors.update(|e| {
            e.insert(key, msg);
        }),
    };
    let set_settings = move |f: Box<dyn Fn(&mut Settings)>| {
        let Some(l) = loaded.get_untracked() else { return };
        let published = l.envelope.course_pace.settings();
        draft.update(|d| {
            let mut s = d.settings_or(&published).clone();
            f(&mut s);
            d.set_settings(&published, s);
            d.saved_at = js_sys::Date::now();
        });
        persist();
    };
    let discard = move |_| {
        draft.set(Draft::default());
        input_errors.set(Default::default());
        clear_draft(&storage_key.get_untracked());
    };
    let publish = {
        let client = client.clone();
        move |_| {
            if sending.get_untracked() || publishing.get_untracked().is_some() {
                return; // a double click publishes once
            }
            let Some(l) = loaded.get_untracked() else { return };
            if !input_errors.with_untracked(|e| e.is_empty()) {
                publish_error.set(Some("Fix the highlighted durations first.".into()));
                return;
            }
            let body = draft.with_untracked(|d| publish_body(&l.envelope.course_pace, d));
            let (course, pace) = (course_id.get_untracked(), pace_id.get_untracked());
            let client = client.clone();
            sending.set(true);
            publish_error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match super::store::put_pace(&client, &course, &pace, &body).await {
                    Ok(env) => match env
                        .progress
                        .and_then(|p| p.url.clone().or_else(|| Some(format!("/api/v1/progress/{}", p.id))))
                    {
                        Some(url) => publishing.set(Some(url)),
                        None => publishing.set(Some(String::new())),
                    },
                    // Nothing is lost: the draft stays, in memory and in localStorage.
                    Err(e) => publish_error.set(Some(format!("Publishing failed: {e} Your changes are kept."))),
                }
                sending.set(false);
            });
        }
    };
    let on_publish_event: crate::components::progress_bar::ProgressEventSink = {
        let load = load.clone();
        Rc::new(move |name: &'static str, ev: &PollEvent| {
            if let PollEvent::Update { snapshot, .. } = ev {
                finish_publish(name, snapshot, &load, &emit, draft, publishing, publish_error, storage_key);
            }
        })
    };
    let on_publish_event = StoredValue::new_local(on_publish_event);

    view! {
        <div class="lmsw-pace" part="root" aria-busy=move || matches!(phase.get(), Phase::Loading).to_string()>
            {move || match phase.get() {
                Phase::Loading => view! { <p class="lmsw-pace__loading" role="status">"Loading the course pace…"</p> }.into_any(),
                Phase::Failed(e) => {
                    let load = load.clone();
                    view! {
                        <div class="lmsw-pace__error" role="alert">
                            <p>{format!("Could not load the course pace. {e}")}</p>
                            <button type="button" class="lmsw-button" on:click=move |_| load()>"Try again"</button>
                        </div>
                    }
                        .into_any()
                }
                Phase::Ready(_) => ().into_any(),
            }}
            <Show when=move || offer.get().is_some()>
                <div class="lmsw-pace__offer" role="region" aria-label="Unsaved changes found">
                    <p>
                        {move || {
                            let n = offer.with(|o| o.as_ref().map(|d| d.durations.len() + usize::from(d.settings.is_some())).unwrap_or(0));
                            format!("You have {n} unsaved change{} from an earlier visit.", if n == 1 { "" } else { "s" })
                        }}
                    </p>
                    <button type="button" class="lmsw-button lmsw-button--primary" on:click=move |_| {
                        if let Some(d) = offer.get_untracked() { draft.set(d); }
                        offer.set(None);
                        persist();
                    }>"Restore them"</button>
                    <button type="button" class="lmsw-button" on:click=move |_| {
                        offer.set(None);
                        clear_draft(&storage_key.get_untracked());
                    }>"Discard them"</button>
                </div>
            </Show>
            {move || {
                let l = loaded.get()?;
                let plan = plan.get()?;
                Some(match plan {
                    Err(msg) => view! { <p class="lmsw-pace__error" role="alert">{msg}</p> }.into_any(),
                    Ok(p) => header_stats(&l, &p, locale.get()).into_any(),
                })
            }}
            {move || {
                let l = loaded.get()?;
                let published = l.envelope.course_pace.settings();
                let current = draft.with(|d| d.settings_or(&published).clone());
                let disabled = !editable.get();
                let skip_days = current.selected_days_to_skip.clone();
                Some(view! {
                    <fieldset class="lmsw-pace__settings" part="settings" disabled=disabled>
                        <legend>"Settings"</legend>
                        <label>
                            <input type="checkbox" prop:checked=current.exclude_weekends on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set_settings(Box::new(move |s| s.exclude_weekends = on));
                            }/>
                            " Skip weekends"
                        </label>
                        <span class="lmsw-pace__days" role="group" aria-label="Skip selected days">
                            "Skip: "
                            {WEEKDAYS.iter().map(|(code, name)| {
                                let checked = skip_days.iter().any(|d| d == code);
                                let code = *code;
                                view! {
                                    <label class="lmsw-pace__day">
                                        <input type="checkbox" prop:checked=checked on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            set_settings(Box::new(move |s| {
                                                s.selected_days_to_skip.retain(|d| d != code);
                                                if on { s.selected_days_to_skip.push(code.to_owned()); }
                                                s.selected_days_to_skip.sort_by_key(|d| WEEKDAYS.iter().position(|(c, _)| c == d));
                                            }));
                                        }/>
                                        {*name}
                                    </label>
                                }
                            }).collect_view()}
                        </span>
                        <label>
                            "End date "
                            <input type="date" prop:value=current.end_date.clone().unwrap_or_default() on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set_settings(Box::new(move |s| s.end_date = (!v.is_empty()).then(|| v.clone())));
                            }/>
                        </label>
                    </fieldset>
                })
            }}
            <Show when=move || editable.get() && loaded.get().is_some()>
                <div class="lmsw-pace__changes" part="changes">
                    {move || {
                        let list = changes.get().unwrap_or_default();
                        let n = list.len();
                        view! {
                            <details>
                                <summary>{format!("{n} unpublished change{}", if n == 1 { "" } else { "s" })}</summary>
                                <ul>{list.into_iter().map(|c| view! { <li>{describe(&c, loaded.get_untracked().as_deref())}</li> }).collect_view()}</ul>
                            </details>
                        }
                    }}
                    <button type="button" class="lmsw-button" disabled=move || changes.get().is_none_or(|c| c.is_empty()) || publishing.get().is_some() on:click=discard>"Discard"</button>
                    <button type="button" class="lmsw-button lmsw-button--primary" part="button publish"
                        disabled=move || changes.get().is_none_or(|c| c.is_empty()) || sending.get() || publishing.get().is_some()
                        on:click=publish.clone()>
                        {move || if sending.get() { "Publishing…" } else { "Publish" }}
                    </button>
                    {move || publish_error.get().map(|m| view! { <p class="lmsw-pace__error" role="alert">{m}</p> })}
                    {move || publishing.get().filter(|u| !u.is_empty()).map(|url| view! {
                        <ProgressBar url=url label="Publishing the pace" on_event=on_publish_event.get_value() />
                    })}
                </div>
            </Show>
            {move || {
                let l = loaded.get()?;
                let Some(Ok(p)) = plan.get() else { return None };
                Some(view! { <AxisView loaded=l.clone() plan=p.clone() /> })
            }}
            {move || {
                let l = loaded.get()?;
                Some(super::table::modules_table(l, plan, draft, input_errors, editable, locale, set_duration))
            }}
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_publish(
    name: &'static str,
    snapshot: &Snapshot,
    load: &impl Fn(),
    emit: &impl Fn(&'static str, JsValue),
    draft: RwSignal<Draft>,
    publishing: RwSignal<Option<String>>,
    publish_error: RwSignal<Option<String>>,
    storage_key: Signal<String>,
) {
    match name {
        "lms-complete" => {
            draft.set(Draft::default());
            clear_draft(&storage_key.get_untracked());
            publishing.set(None);
            emit("lms-pace-published", JsValue::NULL);
            load();
        }
        "lms-failed" | "lms-canceled" => {
            publishing.set(None);
            let why = snapshot.message.clone().unwrap_or_else(|| snapshot.state.label());
            publish_error.set(Some(format!("Publishing did not finish ({why}). Your changes are kept.")));
        }
        _ => {}
    }
}

fn header_stats(l: &Loaded, p: &PlanView, locale: Option<String>) -> impl IntoView + use<> {
    let pace = &l.envelope.course_pace;
    let loc = locale.as_deref();
    let start = pace.start_date.as_deref().map(|d| intl::calendar_date(d, loc)).unwrap_or_else(|| "—".into());
    let start_caption = match pace.start_date_context.as_deref() {
        Some("user") => "Student enrollment date",
        Some("section") => "Determined by section start date",
        Some("course") | Some("term") => "Determined by course start date",
        _ => "Today's date",
    };
    let hypothetical = pace.end_date_context.as_deref().is_none_or(|c| c == "hypothetical") || pace.end_date.is_none();
    let end_date = if hypothetical { p.plan_end.clone() } else { p.end_date.clone() };
    let end = end_date.as_deref().map(|d| intl::calendar_date(d, loc)).unwrap_or_else(|| "—".into());
    let end_caption = match pace.end_date_context.as_deref() {
        Some("hard") => "Required end date",
        Some("section") => "Determined by section end date",
        Some("course") | Some("term") => "Determined by course end date",
        _ => "Determined by course pace",
    };
    let count = pace.items().count();
    let compressed_note = p.compressed.then(|| {
        format!(
            "Dates were compressed to fit the end date: at the items' durations the pace would end {}, after the required {}.",
            p.projected_end.as_deref().map(|d| intl::calendar_date(d, loc)).unwrap_or_default(),
            end
        )
    });
    view! {
        <dl class="lmsw-pace__stats" part="stats">
            <div><dt>"Start date"</dt><dd>{start}</dd><dd class="lmsw-pace__caption">{start_caption}</dd></div>
            <div><dt>"End date"</dt><dd>{end}</dd><dd class="lmsw-pace__caption">{end_caption}</dd></div>
            <div><dt>"Assignments"</dt><dd>{count}</dd></div>
            <div><dt>"Time to complete"</dt><dd>{format!("{} weeks, {} days", p.weeks, p.days)}</dd><dd class="lmsw-pace__caption">"Dates shown in course time zone"</dd></div>
        </dl>
        {compressed_note.map(|n| view! { <p class="lmsw-pace__note" part="note" role="note">{n}</p> })}
    }
}

fn describe(c: &Change, l: Option<&Loaded>) -> String {
    match c {
        Change::Duration(id, from, to) => {
            let title = l
                .and_then(|l| {
                    l.envelope.course_pace.items().find(|i| &i.key() == id).map(|i| i.assignment_title.clone())
                })
                .unwrap_or_else(|| format!("Item {id}"));
            format!("{title}: {from} → {to} days")
        }
        Change::ExcludeWeekends(true) => "Skip weekends turned on".into(),
        Change::ExcludeWeekends(false) => "Skip weekends turned off".into(),
        Change::SkippedDays(d) if d.is_empty() => "No weekdays skipped".into(),
        Change::SkippedDays(d) => format!("Skipped days: {}", d.join(", ")),
        Change::EndDate(Some(d)) => format!("End date set to {d}"),
        Change::EndDate(None) => "End date removed".into(),
    }
}

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today_ymd() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}
