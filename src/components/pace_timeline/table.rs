//! The modules table: one table of module headings, blackout rows and item rows (duration
//! input, projected due date). Long paces render only the rows in the scroll box plus a margin
//! ([`table_window`]); two spacer rows stand in for the rest, `aria-rowcount`/`aria-rowindex`
//! give screen readers the whole table, and printing renders every row.

use crate::components::intl;
use crate::hooks::UsePaceTimelineReturn;
use crate::timeline::{table_window, Draft, LinkTarget, Loaded, PaceItem, PlanView, Row};
use crate::Error;
use leptos::html::Div;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// One row of the flattened table.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TableRow {
    /// A module heading, by module index.
    Module(usize),
    /// A blackout, by index into the loaded blackouts.
    Blackout(usize),
    /// An item, by its index in module order.
    Item(usize),
}

/// The table's rows for this load: each module's heading, then its rows as the plan lays
/// them out (blackouts in place), fixed for the load as before.
fn table_rows(l: &Loaded, plan: &Option<Result<PlanView, Error>>) -> Vec<TableRow> {
    let planned = plan.as_ref().and_then(|r| r.as_ref().ok()).map(|p| &p.rows);
    let mut out = Vec::new();
    let mut first = 0usize;
    for (m, module) in l.envelope.course_pace.modules.iter().enumerate() {
        out.push(TableRow::Module(m));
        match planned.and_then(|r| r.get(m)) {
            Some(rows) => out.extend(rows.iter().map(|r| match *r {
                Row::Blackout(b) => TableRow::Blackout(b),
                Row::Item(i) => TableRow::Item(i),
            })),
            None => out.extend((first..first + module.items.len()).map(TableRow::Item)),
        }
        first += module.items.len();
    }
    out
}

fn due_text(d: Option<&str>, locale: Option<&str>) -> String {
    d.map(|d| intl::calendar_date(d, locale)).unwrap_or_else(|| "—".into())
}

/// Row height before one has been measured, px (the CSS sets 3.25rem).
const ROW_PX_GUESS: f64 = 52.0;
/// Scroll-box height before it has been measured, px.
const VIEWPORT_PX_GUESS: f64 = 600.0;

/// Renders every module of the loaded pace (the rows on screen, for long paces).
pub fn modules_table(
    l: Arc<Loaded>,
    t: UsePaceTimelineReturn,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
    link_target: LinkTarget,
) -> impl IntoView {
    let rows = Arc::new(t.plan.with_untracked(|p| table_rows(&l, p)));
    // Item index -> (module, position in it), to reach an item without walking the pace.
    let at: Arc<Vec<(usize, usize)>> = Arc::new(
        l.envelope
            .course_pace
            .modules
            .iter()
            .enumerate()
            .flat_map(|(m, md)| (0..md.items.len()).map(move |k| (m, k)))
            .collect(),
    );
    let total = rows.len();
    let scroller = NodeRef::<Div>::new();
    // (scrollTop, clientHeight) of the scroll box, the height of one row, and printing.
    let viewport = RwSignal::new((0.0, VIEWPORT_PX_GUESS));
    let row_px = RwSignal::new(ROW_PX_GUESS);
    let printing = RwSignal::new(false);
    let window = Memo::new(move |_| {
        let (top, height) = viewport.get();
        table_window(top, height, row_px.get(), total, printing.get())
    });
    let measure = move || {
        let Some(el) = scroller.get_untracked() else { return };
        let now = (f64::from(el.scroll_top()), f64::from(el.client_height()));
        if viewport.get_untracked() != now {
            viewport.set(now);
        }
        let row = el.query_selector("tbody tr.lmsw-pace__item").ok().flatten();
        if let Some(tr) = row.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
            let h = f64::from(tr.offset_height());
            if h >= 1.0 && (h - row_px.get_untracked()).abs() > 0.01 {
                row_px.set(h);
            }
        }
    };
    // Measure once mounted (the node ref is set then), and again when the window resizes.
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener_untyped("resize", move |_| measure());
    // `@media print` lifts the scroll box; these put every row in it for the printout.
    let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
    on_cleanup(move || {
        resize.remove();
        before.remove();
        after.remove();
    });

    let row_view = row_renderer(l.clone(), rows.clone(), at.clone(), t, editable, locale, link_target);
    // Focus moved by Tab or the arrow keys scrolls its row into view; measuring on focusin as
    // well as on the scroll event (a frame later) renders the next rows before the next key.
    let on_scroll = move |_| measure();
    // The focused row is scrolled into view here, not left to the browser (which may scroll
    // after this event), so the window always has the margin rows around it.
    let on_focusin = move |ev: web_sys::FocusEvent| {
        if let Some(el) = scroller.get_untracked() {
            scroll_row_into_view(&el, &ev, row_px.get_untracked());
        }
        measure();
    };
    view! {
        <div
            class="lmsw-pace__modules"
            node_ref=scroller
            on:scroll=on_scroll
            on:focusin=on_focusin
            tabindex="0"
            role="region"
            aria-label="Modules and items (scrollable)"
            part="modules"
        >
            <table class="lmsw-pace__table" aria-rowcount=(total + 1).to_string()>
                <colgroup>
                    <col />
                    <col class="lmsw-pace__days-col" />
                    <col class="lmsw-pace__due-col" />
                </colgroup>
                <thead>
                    <tr aria-rowindex="1"><th scope="col">"Item"</th><th scope="col">"Days"</th><th scope="col">"Due"</th></tr>
                </thead>
                <tbody>
                    <tr class="lmsw-pace__spacer" aria-hidden="true">
                        <td colspan="3" style:height=move || format!("{}px", window.with(|w| w.before_px))></td>
                    </tr>
                    <For each=move || keep_focus(scroller, window.with(|w| w.rows.clone())) key=|r| *r children=row_view.clone() />
                    <tr class="lmsw-pace__spacer" aria-hidden="true">
                        <td colspan="3" style:height=move || format!("{}px", window.with(|w| w.after_px))></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// Passes `rows` through, and keeps the table's focus across the list update they cause.
///
/// When the window grows at the top (scrolling up, ArrowUp or Shift+Tab across its edge),
/// Leptos's keyed list moves the rows that were already there in the DOM (tachys's diff), and
/// a moved element loses focus: the next key then went nowhere. The element focused inside
/// the table just before the update (this runs before the list diffs) is focused again in a
/// microtask after it, if it is still in the table and no longer focused.
fn keep_focus(scroller: NodeRef<Div>, rows: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let Some(table) = scroller.get_untracked() else { return rows };
    let Some(focused) = focused_in(&table) else { return rows };
    let restore = Closure::once_into_js(move || {
        let still_here = focused.is_connected() && table.contains(Some(&focused));
        if still_here && focused_in(&table).is_none_or(|now| !now.is_same_node(Some(&focused))) {
            let _ = focused.focus();
        }
    });
    if let Some(w) = web_sys::window() {
        w.queue_microtask(restore.unchecked_ref());
    }
    rows
}

/// The element focused inside `el` (its shadow root's or document's active element).
fn focused_in(el: &web_sys::HtmlDivElement) -> Option<web_sys::HtmlElement> {
    let root = el.get_root_node();
    let active = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => el.owner_document()?.active_element(),
    }?;
    if active.is_same_node(Some(el)) || !el.contains(Some(&active)) {
        return None;
    }
    active.dyn_into().ok()
}

/// Renders row `r` of the flattened table (a module heading, a blackout or an item).
fn row_renderer(
    l: Arc<Loaded>,
    rows: Arc<Vec<TableRow>>,
    at: Arc<Vec<(usize, usize)>>,
    t: UsePaceTimelineReturn,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
    link_target: LinkTarget,
) -> impl Fn(usize) -> AnyView + Clone + 'static {
    move |r: usize| -> AnyView {
        let index = (r + 2).to_string(); // the header row is row 1
        match rows.get(r).copied() {
            Some(TableRow::Module(m)) => {
                let name = l.envelope.course_pace.modules.get(m).map(|m| m.name.clone()).unwrap_or_default();
                view! {
                    <tr class="lmsw-pace__module-row" aria-rowindex=index>
                        <th colspan="3" scope="colgroup"><h3>{name}</h3></th>
                    </tr>
                }
                .into_any()
            }
            Some(TableRow::Blackout(b)) => {
                let text = l.blackouts.get(b).map(|bd| blackout_text(bd, locale.get_untracked())).unwrap_or_default();
                view! { <tr class="lmsw-pace__blackout" aria-rowindex=index><td colspan="3">{text}</td></tr> }
                    .into_any()
            }
            Some(TableRow::Item(i)) => {
                let item = at.get(i).and_then(|&(m, k)| l.envelope.course_pace.modules.get(m)?.items.get(k));
                match item {
                    Some(item) => {
                        let link = item
                            .assignment_link
                            .clone()
                            .and_then(|raw| t.check_link.run(raw))
                            .map(|href| (href, link_target));
                        item_row(item, i, index, link, &t, editable, locale).into_any()
                    }
                    None => ().into_any(),
                }
            }
            None => ().into_any(),
        }
    }
}

/// Scrolls the scroll box so that the row holding the focused element is in view (body rows
/// start at `aria-rowindex` 2; the sticky header covers one row's height).
fn scroll_row_into_view(el: &web_sys::HtmlDivElement, ev: &web_sys::FocusEvent, px: f64) {
    let row = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("tr[aria-rowindex]").ok().flatten());
    let Some(index) = row.and_then(|r| r.get_attribute("aria-rowindex")).and_then(|i| i.parse::<f64>().ok()) else {
        return;
    };
    let (top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
    let (row_top, row_bottom) = ((index - 2.0) * px, (index - 1.0) * px + px);
    if row_top < top {
        el.set_scroll_top(row_top as i32);
    } else if row_bottom > top + height {
        el.set_scroll_top((row_bottom - height) as i32);
    }
}

fn blackout_text(bd: &crate::timeline::BlackoutDate, loc: Option<String>) -> String {
    let (s, e) =
        (intl::calendar_date(&bd.start_date, loc.as_deref()), intl::calendar_date(&bd.end_date, loc.as_deref()));
    let title = if bd.event_title.is_empty() { "Blackout date" } else { &bd.event_title };
    if s == e {
        format!("{title}: {s}")
    } else {
        format!("{title}: {s} – {e}")
    }
}

/// One item's row. Its due date, duration and error are memos over the plan, the draft and
/// the input errors: only the rows on screen exist, so only they recompute on an edit.
fn item_row(
    item: &PaceItem,
    i: usize,
    index: String,
    link: Option<(String, LinkTarget)>,
    t: &UsePaceTimelineReturn,
    editable: Signal<bool>,
    locale: Signal<Option<String>>,
) -> impl IntoView {
    let key = item.key();
    let published = item.duration;
    let (plan, draft, errors, set_duration) = (t.plan, t.draft, t.input_errors, t.set_duration);
    let due = Memo::new(move |_| plan.with(|p| plan_due(p, i)));
    let due = move || due.with(|d| locale.with(|loc| due_text(d.as_deref(), loc.as_deref())));
    let k = key.clone();
    let value = Memo::new(move |_| draft.with(|d: &Draft| d.duration(&k, published)));
    let k = key.clone();
    let error = Memo::new(move |_| errors.with(|e: &BTreeMap<String, String>| e.get(&k).cloned()));
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
        <tr class="lmsw-pace__item" class:lmsw-pace__item--changed=changed aria-rowindex=index>
            <td class="lmsw-pace__title-cell">
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
            <td class="lmsw-pace__due">{due}</td>
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

/// An item's due date as the plan has it (`None` without a plan).
fn plan_due(p: &Option<Result<PlanView, Error>>, i: usize) -> Option<String> {
    match p {
        Some(Ok(p)) => p.due(i),
        _ => None,
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
