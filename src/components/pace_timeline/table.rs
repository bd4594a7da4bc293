//! The modules table: one row per item (duration input, projected due date), blackout rows
//! in place. Built once per load; edits only touch the text and inputs that change.

use crate::components::intl;
use crate::hooks::UsePaceTimelineReturn;
use crate::timeline::{Draft, LinkTarget, Loaded, PlanView, Row};
use crate::Error;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What the rows read: one signal per item for each thing that changes with an edit, each
/// written by one effect. No source signal gets a subscriber per row: reactive_graph drops
/// a subscriber in O(subscribers), so 5,000 rows each re-subscribing to the plan made one
/// edit cost half a second.
struct ItemSignals {
    due: Vec<RwSignal<String>>,
    value: Vec<RwSignal<u32>>,
    error: Vec<RwSignal<Option<String>>>,
}

/// Every item's due date as the plan has it (`None` without a plan).
fn plan_dues(p: &Option<Result<PlanView, Error>>, n: usize) -> Vec<Option<String>> {
    match p {
        Some(Ok(p)) => (0..n).map(|i| p.due.get(i).cloned().flatten()).collect(),
        _ => vec![None; n],
    }
}

fn due_text(d: &Option<String>, locale: &Option<String>) -> String {
    d.as_deref().map(|d| intl::calendar_date(d, locale.as_deref())).unwrap_or_else(|| "—".into())
}

/// Creates the per-item signals and the three effects that keep them.
fn item_signals(
    keys: Arc<Vec<(String, u32)>>,
    plan: Signal<Option<Result<PlanView, Error>>>,
    draft: Signal<Draft>,
    errors: Signal<BTreeMap<String, String>>,
    locale: Signal<Option<String>>,
) -> ItemSignals {
    let n = keys.len();
    let first = plan.with_untracked(|p| plan_dues(p, n));
    let loc = locale.get_untracked();
    let s = ItemSignals {
        due: first.iter().map(|d| RwSignal::new(due_text(d, &loc))).collect(),
        value: draft.with_untracked(|d| keys.iter().map(|(k, p)| RwSignal::new(d.duration(k, *p))).collect()),
        error: errors.with_untracked(|e| keys.iter().map(|(k, _)| RwSignal::new(e.get(k).cloned())).collect()),
    };
    // Dates: format only those that moved (or all, when the locale changes).
    let due = s.due.clone();
    let mut start = Some((first, loc));
    Effect::new(move |prev: Option<(Vec<Option<String>>, Option<String>)>| {
        let (mut shown, shown_loc) = prev.or_else(|| start.take()).unwrap_or_default();
        shown.resize(n, None);
        let loc = locale.get();
        let now = plan.with(|p| plan_dues(p, n));
        for (i, d) in now.into_iter().enumerate() {
            if d != shown[i] || loc != shown_loc {
                due[i].set(due_text(&d, &loc));
                shown[i] = d;
            }
        }
        (shown, loc)
    });
    let (value, k) = (s.value.clone(), keys.clone());
    Effect::new(move |_| {
        draft.with(|d| {
            for ((key, published), sig) in k.iter().zip(&value) {
                let v = d.duration(key, *published);
                if sig.get_untracked() != v {
                    sig.set(v);
                }
            }
        })
    });
    let error = s.error.clone();
    Effect::new(move |_| {
        errors.with(|e| {
            for ((key, _), sig) in keys.iter().zip(&error) {
                let v = e.get(key);
                if sig.with_untracked(|x| x.as_ref() != v) {
                    sig.set(v.cloned());
                }
            }
        })
    });
    s
}

/// Paces with at least this many items render off-screen modules lazily.
const LAZY_FROM: usize = 300;

/// Renders every module of the loaded pace.
pub fn modules_table(
    l: Arc<Loaded>,
    t: UsePaceTimelineReturn,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
    link_target: LinkTarget,
) -> impl IntoView {
    let (plan, set_duration) = (t.plan, t.set_duration);
    let pace = &l.envelope.course_pace;
    let items: Vec<&crate::timeline::PaceItem> = pace.items().collect();
    let keys = Arc::new(items.iter().map(|i| (i.key(), i.duration)).collect::<Vec<_>>());
    let sig = item_signals(keys, plan, t.draft, t.input_errors, locale);
    // From this many items on, off-screen modules skip layout (`content-visibility: auto`).
    let lazy = items.len() >= LAZY_FROM;
    // The row layout from the plan (blackout rows in place), fixed for this load.
    let rows =
        plan.with_untracked(|p| p.as_ref().and_then(|r| r.as_ref().ok()).map(|p| p.rows.clone())).unwrap_or_default();
    let mut index = 0usize;
    let modules = pace
        .modules
        .iter()
        .enumerate()
        .map(|(m, module)| {
            let first = index;
            index += module.items.len();
            let module_rows = rows.get(m).cloned().unwrap_or_else(|| (0..module.items.len()).map(|i| Row::Item(first + i)).collect());
            let body = module_rows
                .into_iter()
                .map(|row| match row {
                    Row::Blackout(b) => {
                        let bd = l.blackouts.get(b).cloned();
                        let text = bd
                            .map(|bd| {
                                let loc = locale.get_untracked();
                                let (s, e) = (intl::calendar_date(&bd.start_date, loc.as_deref()), intl::calendar_date(&bd.end_date, loc.as_deref()));
                                let title = if bd.event_title.is_empty() { "Blackout date".to_owned() } else { bd.event_title };
                                if s == e { format!("{title}: {s}") } else { format!("{title}: {s} – {e}") }
                            })
                            .unwrap_or_default();
                        view! { <tr class="lmsw-pace__blackout"><td colspan="3">{text}</td></tr> }.into_any()
                    }
                    Row::Item(i) => match (items.get(i), sig.due.get(i), sig.value.get(i), sig.error.get(i)) {
                        (Some(item), Some(&due), Some(&value), Some(&error)) => {
                            let link = l.links.get(i).cloned().flatten().map(|href| (href, link_target));
                            item_row(item, link, due, value, error, editable, set_duration).into_any()
                        }
                        _ => ().into_any(),
                    },
                })
                .collect_view();
            // Rows are ~40px (title over type and points); the heading and header ~64px.
            let estimate = format!("auto {}px", 64 + 40 * module.items.len());
            view! {
                <section
                    class="lmsw-pace__module"
                    class:lmsw-pace__module--lazy=lazy
                    style:contain-intrinsic-size=lazy.then_some(estimate)
                    part="module"
                >
                    <h3>{module.name.clone()}</h3>
                    <table class="lmsw-pace__table">
                        <thead><tr><th scope="col">"Item"</th><th scope="col">"Days"</th><th scope="col">"Due"</th></tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view();
    view! { <div class="lmsw-pace__modules">{modules}</div> }
}

fn item_row(
    item: &crate::timeline::PaceItem,
    link: Option<(String, LinkTarget)>,
    due: RwSignal<String>,
    value: RwSignal<u32>,
    error: RwSignal<Option<String>>,
    editable: Signal<bool>,
    set_duration: Callback<(String, u32, String)>,
) -> impl IntoView {
    let key = item.key();
    let published = item.duration;
    let changed = move || value.get() != published;
    let meta = {
        let mut parts = Vec::new();
        if let Some(t) = &item.module_item_type {
            parts.push(type_label(t).to_owned());
        }
        if let Some(p) = item.points_possible {
            let p = if p.fract() == 0.0 { format!("{}", p as i64) } else { format!("{p}") };
            parts.push(format!("{p} {}", if p == "1" { "pt" } else { "pts" }));
        }
        if item.published == Some(false) {
            parts.push("Unpublished".into());
        }
        parts.join(" · ")
    };
    let title = item.assignment_title.clone();
    let input_id = format!("lmsw-d-{key}");
    let err_id = format!("lmsw-e-{key}");
    let label = format!("Duration in days for {title}");
    let key_for_input = key.clone();
    view! {
        <tr class="lmsw-pace__item" class:lmsw-pace__item--changed=changed>
            <td>
                {match link {
                    Some((href, to)) => view! { <a href=href target=to.target() rel=to.rel()>{title.clone()}</a> }.into_any(),
                    None => view! { <span>{title.clone()}</span> }.into_any(),
                }}
                <span class="lmsw-pace__meta">{meta}</span>
            </td>
            <td class="lmsw-pace__days-cell">
                {move || if editable.get() {
                    let key = key_for_input.clone();
                    let (err_id, input_id, label) = (err_id.clone(), input_id.clone(), label.clone());
                    view! {
                        <input
                            id=input_id
                            class="lmsw-pace__duration"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            size="4"
                            aria-label=label
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby=move || error.get().map(|_| err_id.clone())
                            prop:value=move || value.get().to_string()
                            on:input=move |ev| set_duration.run((key.clone(), published, event_target_value(&ev)))
                            on:keydown=move_focus
                        />
                        {move || changed().then(|| view! { <span class="lmsw-pace__flag" title="Unsaved change">"•"<span class="lmsw-sr-only">"Unsaved change"</span></span> })}
                        {
                            let err_id = format!("lmsw-e-{}", key_for_input);
                            move || error.get().map(|m| view! { <span id=err_id.clone() class="lmsw-pace__input-error" role="alert">{m}</span> })
                        }
                    }.into_any()
                } else {
                    view! { <span>{move || value.get()}</span> }.into_any()
                }}
            </td>
            <td class="lmsw-pace__due">{move || due.get()}</td>
        </tr>
    }
    .into_any()
}

/// ArrowUp / ArrowDown move between duration inputs (the inputs are text, so arrows are free).
fn move_focus(ev: web_sys::KeyboardEvent) {
    let step: i32 = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(root) = input.closest(".lmsw-pace").ok().flatten() else { return };
    let Ok(list) = root.query_selector_all("input.lmsw-pace__duration") else { return };
    let n = list.length() as i32;
    let here = (0..n).find(|k| list.get(*k as u32).is_some_and(|e| e.is_same_node(Some(&input))));
    if let Some(h) = here {
        let next = h + step;
        if (0..n).contains(&next) {
            if let Some(el) = list.get(next as u32).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                ev.prevent_default();
                let _ = el.focus();
            }
        }
    }
}

fn type_label(t: &str) -> &str {
    match t {
        "Assignment" => "Assignment",
        "Quizzes::Quiz" | "Quiz" => "Quiz",
        "DiscussionTopic" => "Discussion",
        "WikiPage" => "Page",
        "Attachment" => "File",
        "ExternalTool" | "ContextExternalTool" => "External tool",
        other => other,
    }
}
