//! The modules table: one row per item (duration input, projected due date), blackout rows
//! in place. Built once per load; edits only touch the text and inputs that change.

use super::pace_timeline::Loaded;
use crate::components::intl;
use crate::timeline::{Draft, PlanView, Row};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Renders every module of the loaded pace.
pub fn modules_table(
    l: Arc<Loaded>,
    plan: Memo<Option<Result<PlanView, String>>>,
    draft: RwSignal<Draft>,
    errors: RwSignal<BTreeMap<String, String>>,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
    set_duration: impl Fn(String, u32, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let pace = &l.envelope.course_pace;
    // Item index (in module order) of each item, and the row layout from the plan.
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
                    Row::Item(i) => item_row(&l, i, plan, draft, errors, editable, locale, set_duration).into_any(),
                })
                .collect_view();
            view! {
                <section class="lmsw-pace__module" part="module">
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

#[allow(clippy::too_many_arguments)]
fn item_row(
    l: &Loaded,
    i: usize,
    plan: Memo<Option<Result<PlanView, String>>>,
    draft: RwSignal<Draft>,
    errors: RwSignal<BTreeMap<String, String>>,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
    set_duration: impl Fn(String, u32, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Some(item) = l.envelope.course_pace.items().nth(i).cloned() else {
        return ().into_any();
    };
    let key = item.key();
    let published = item.duration;
    let k1 = key.clone();
    let value = Memo::new(move |_| draft.with(|d| d.duration(&k1, published)));
    let k2 = key.clone();
    let error = Memo::new(move |_| errors.with(|e| e.get(&k2).cloned()));
    let due = Memo::new(move |_| {
        plan.with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).and_then(|p| p.due.get(i).cloned().flatten()))
    });
    let due_text =
        move || due.get().map(|d| intl::calendar_date(&d, locale.get().as_deref())).unwrap_or_else(|| "—".into());
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
                {match item.assignment_link.clone() {
                    Some(href) => view! { <a href=href target="_top">{title.clone()}</a> }.into_any(),
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
                            on:input=move |ev| set_duration(key.clone(), published, event_target_value(&ev))
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
            <td class="lmsw-pace__due">{due_text}</td>
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
