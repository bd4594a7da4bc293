//! The time axis: weeks across, skipped days and blackouts shaded, one bar per item, a today
//! marker and the end-date line. Scrolls both ways; rows follow the module order.
//!
//! Mounted once per load. An edit re-lays the axis ([`layout`], a memo) and redraws it: the
//! bars, the skipped days, the blackouts and the week lines are one `<path>` each
//! ([`bars_path`], [`runs_path`], [`weeks_path`]), not one element per shape, so moving 5,000
//! due dates, and the plan's end by weeks, rebuilds no elements and sets a few attributes;
//! only the week labels are elements, in a keyed list. Hovering a row names its item in the
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
    // Each part of the drawing follows its own memo: an edit that moves the plan's end by
    // weeks changes a few attribute strings and adds or drops a few week labels; the figure
    // itself is built once per load.
    let shown = Memo::new(move |_| axis.with(Option::is_some));
    let size = Memo::new(move |_| axis.with(|a| a.as_ref().map_or((0, 0), |a| (a.days * DAY, height(a)))));
    let path =
        move |draw: fn(&Axis) -> String| Memo::new(move |_| axis.with(|a| a.as_ref().map(draw).unwrap_or_default()));
    let skipped = path(|a| runs_path(&a.shaded, Shade::Skipped, DAY, HEAD, rows_px(a)));
    let blackouts = path(|a| runs_path(&a.shaded, Shade::Blackout, DAY, HEAD, rows_px(a)));
    let week_lines = path(|a| weeks_path(&a.weeks, DAY, height(a)));
    let bars = path(|a| bars_path(&a.bars, DAY, ROW, HEAD));
    let weeks = Memo::new(move |_| axis.with(|a| a.as_ref().map(|a| a.weeks.clone()).unwrap_or_default()));
    let marks = Memo::new(move |_| axis.with(|a| a.as_ref().map(|a| (a.today, a.end, height(a)))));
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
                            width=move || size.get().0.to_string()
                            height=move || size.get().1.to_string()
                            viewBox=move || size.with(|(w, h)| format!("0 0 {w} {h}"))
                            aria-hidden="true"
                            on:mousemove=on_move.clone()
                        >
                            <title></title>
                            <path class="lmsw-axis__skip" d=move || skipped.get()></path>
                            <path class="lmsw-axis__blackout" d=move || blackouts.get()></path>
                            <path class="lmsw-axis__week" d=move || week_lines.get()></path>
                            <For each=move || weeks.get() key=|w| *w let:w>
                                <text class="lmsw-axis__label" x=(w.0 * DAY + 3).to_string() y="14">
                                    {format!("{}/{}", u8::from(w.1.month()), w.1.day())}
                                </text>
                            </For>
                            <path class="lmsw-axis__bar" d=move || bars.get()></path>
                            {move || marks.get().map(|(today, end, h)| markers(today, end, h))}
                        </svg>
                    </div>
                </figure>
            }
        })
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
