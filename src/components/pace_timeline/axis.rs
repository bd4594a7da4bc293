//! The time axis: weeks across, skipped days and blackouts shaded, one bar per item, a today
//! marker and the end-date line. Scrolls both ways; rows follow the module order.
//!
//! Mounted once per load. An edit re-lays the axis ([`layout`], a memo) and redraws it: the
//! bars, the skipped days, the blackouts and the week lines are one `<path>` each
//! ([`bars_path`], [`runs_path`], [`weeks_path`]), not one element per shape, so moving 5,000
//! due dates, and the plan's end by weeks, rebuilds no elements and sets a few attributes;
//! only the week labels are elements, kept in step by hand. Hovering a row names its item in the
//! drawing's one `<title>`.

use crate::timeline::{bars_path, layout, runs_path, weeks_path, Axis, Loaded, PlanView, Shade};
use crate::Error;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const DAY: u32 = 12;
const ROW: u32 = 10;
const HEAD: u32 = 22;

/// The SVG time axis of the current plan (nothing while there is no plan with a start).
#[component]
pub fn AxisView(
    /// The loaded pace.
    loaded: Arc<Loaded>,
    /// The current plan.
    plan: Signal<Option<Result<PlanView, Error>>>,
) -> impl IntoView {
    let axis = Memo::new(move |_| {
        plan.with(|p| match p {
            Some(Ok(p)) => {
                p.start.map(|start| layout(start, &p.due_dates, p.end_date_parsed, p.today, 1500, |d| p.shade(d)))
            }
            _ => None,
        })
    });
    let titles: Arc<Vec<String>> =
        Arc::new(loaded.envelope.course_pace.items().map(|i| i.assignment_title.clone()).collect());
    // Hovering a row names its item: the drawing's one `<title>` (its first child) is set
    // here directly, no signal or view of its own.
    let on_move = move |ev: web_sys::MouseEvent| {
        let Some(svg) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let y = f64::from(ev.client_y()) - svg.get_bounding_client_rect().top() - f64::from(HEAD);
        let name = if y >= 0.0 { titles.get((y / f64::from(ROW)) as usize).map(String::as_str) } else { None };
        if let Some(title) = svg.first_element_child() {
            let name = name.unwrap_or_default();
            if title.text_content().as_deref() != Some(name) {
                title.set_text_content(Some(name));
            }
        }
    };
    // The figure is built once per load (while there is an axis); an edit re-runs only the
    // attribute closures below, and tachys sets an attribute only when its string changed:
    // an edit that moves the plan's end by weeks changes a few attributes and adds or drops
    // the last few week labels (week k of a plan is always the same date).
    let shown = Memo::new(move |_| axis.with(Option::is_some));
    // The week labels are kept by hand in their `<g>` (see `sync_week_labels`).
    let labels = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |drawn: Option<Option<time::Date>>| {
        let g = labels.get()?;
        axis.with(|a| {
            let a = a.as_ref()?;
            sync_week_labels(&g, &a.weeks, drawn.flatten() != Some(a.origin));
            Some(a.origin)
        })
    });
    let draw = move |f: fn(&Axis) -> String| move || axis.with(|a| a.as_ref().map(f).unwrap_or_default());
    move || {
        shown.get().then(|| {
            view! {
                <figure class="lmsw-pace__axis" part="axis">
                    <figcaption>
                        "Timeline: one bar per item from its start to its due date. "
                        <span class="lmsw-axis__key lmsw-axis__key--skip">"skipped day"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--blackout">"blackout"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--today">"today"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--end">"end date"</span>
                    </figcaption>
                    <div class="lmsw-pace__axis-scroll" tabindex="0" role="group" aria-label="Timeline (scrollable)">
                        <svg
                            width=draw(|a| (a.days * DAY).to_string())
                            height=draw(|a| height(a).to_string())
                            viewBox=draw(|a| format!("0 0 {} {}", a.days * DAY, height(a)))
                            aria-hidden="true"
                            on:mousemove=on_move.clone()
                        >
                            <title></title>
                            <path class="lmsw-axis__skip" d=draw(|a| runs_path(&a.shaded, Shade::Skipped, DAY, HEAD, rows_px(a)))></path>
                            <path class="lmsw-axis__blackout" d=draw(|a| runs_path(&a.shaded, Shade::Blackout, DAY, HEAD, rows_px(a)))></path>
                            <path class="lmsw-axis__week" d=draw(|a| weeks_path(&a.weeks, DAY, height(a)))></path>
                            <g node_ref=labels></g>
                            <path class="lmsw-axis__bar" d=draw(|a| bars_path(&a.bars, DAY, ROW, HEAD))></path>
                            {move || axis.with(|a| a.as_ref().map(|a| markers(a.today, a.end, height(a))))}
                        </svg>
                    </div>
                </figure>
            }
        })
    }
}

/// Keeps one `<text>` label per week start in `g`, in order: an edit that moves the plan's
/// end by weeks adds or removes the last few, and the others are rewritten only when the
/// axis starts elsewhere (`rewrite`). By hand, not a view: a keyed list cost 3 KB of wasm,
/// and a list the view rebuilds recreated every label on every keystroke in the dist build.
fn sync_week_labels(g: &web_sys::Element, weeks: &[(u32, time::Date)], rewrite: bool) {
    let Some(doc) = g.owner_document() else { return };
    let mut next = g.first_element_child();
    for (i, d) in weeks {
        let label = match next.take() {
            Some(el) => {
                next = el.next_element_sibling();
                if !rewrite {
                    continue;
                }
                el
            }
            None => {
                let Ok(el) = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "text") else { return };
                let _ = el.set_attribute("class", "lmsw-axis__label");
                let _ = el.set_attribute("y", "14");
                let _ = g.append_child(&el);
                el
            }
        };
        let _ = label.set_attribute("x", &(i * DAY + 3).to_string());
        label.set_text_content(Some(&format!("{}/{}", u8::from(d.month()), d.day())));
    }
    while let Some(extra) = next {
        next = extra.next_element_sibling();
        extra.remove();
    }
}

/// The drawing's height: the week labels, a row per item, and a little air.
fn height(a: &Axis) -> u32 {
    HEAD + rows_px(a) + 4
}

/// The height of the item rows.
fn rows_px(a: &Axis) -> u32 {
    a.bars.len() as u32 * ROW
}

/// The today marker and the end-date line.
fn markers(today: Option<u32>, end: Option<u32>, height: u32) -> impl IntoView {
    let today = today.map(|t| {
        let x = t * DAY + DAY / 2;
        view! { <line class="lmsw-axis__today" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"Today"</title></line> }
    });
    let end = end.map(|e| {
        let x = (e + 1) * DAY;
        view! { <line class="lmsw-axis__end" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"End date"</title></line> }
    });
    (today, end)
}
