//! The time axis: weeks across, skipped days and blackouts shaded, one bar per item, a today
//! marker and the end-date line. Scrolls both ways; rows follow the module order.
//!
//! Mounted once per load. An edit re-lays the axis ([`layout`], a memo) and redraws the bars:
//! every bar is one `<path>` ([`bars_path`]), not one element per item, so
//! moving 5,000 due dates rebuilds no elements and sets one attribute. Hovering a row names
//! its item in the drawing's one `<title>`.

use crate::timeline::{bars_path, layout, Axis, Loaded, PlanView, Shade, ShadedRun};
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
    // Everything but the bars: the figure is rebuilt only when this changes (the settings, or
    // a plan that now ends in another week), not on an edit that only moves due dates.
    let frame = Memo::new(move |_| axis.with(|a| a.as_ref().map(Frame::of)));
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
    move || {
        frame.with(|f| {
            let f = f.as_ref()?;
            let (width, height) = (f.days * DAY, HEAD + f.rows * ROW + 4);
            Some(view! {
                <figure class="lmsw-pace__axis" part="axis">
                    <figcaption>
                        "Timeline: one bar per item from its start to its due date. "
                        <span class="lmsw-axis__key lmsw-axis__key--skip">"skipped day"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--blackout">"blackout"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--today">"today"</span>
                        <span class="lmsw-axis__key lmsw-axis__key--end">"end date"</span>
                    </figcaption>
                    <div class="lmsw-pace__axis-scroll" tabindex="0" role="group" aria-label="Timeline (scrollable)">
                        <svg width=width.to_string() height=height.to_string() viewBox=format!("0 0 {width} {height}") aria-hidden="true" on:mousemove=on_move.clone()>
                            <title></title>
                            {shading(&f.shaded, &f.weeks, f.rows * ROW, height)}
                            <path class="lmsw-axis__bar" d=move || axis.with(|a| a.as_ref().map(|a| bars_path(&a.bars, DAY, ROW, HEAD)).unwrap_or_default())></path>
                            {markers(f.today, f.end, height)}
                        </svg>
                    </div>
                </figure>
            })
        })
    }
}

/// What the axis draws besides the bars.
#[derive(Clone, PartialEq)]
struct Frame {
    days: u32,
    rows: u32,
    shaded: Vec<ShadedRun>,
    weeks: Vec<(u32, time::Date)>,
    today: Option<u32>,
    end: Option<u32>,
}

impl Frame {
    fn of(a: &Axis) -> Frame {
        Frame {
            days: a.days,
            rows: a.bars.len() as u32,
            shaded: a.shaded.clone(),
            weeks: a.weeks.clone(),
            today: a.today,
            end: a.end,
        }
    }
}

/// Skipped days, blackouts, week lines and their labels.
fn shading(shaded: &[ShadedRun], weeks: &[(u32, time::Date)], rows: u32, height: u32) -> impl IntoView {
    let shaded = shaded
        .iter()
        .map(|r| {
            let class = match r.kind {
                Shade::Skipped => "lmsw-axis__skip",
                Shade::Blackout => "lmsw-axis__blackout",
            };
            view! { <rect class=class x=(r.start * DAY).to_string() y=HEAD.to_string() width=(r.len * DAY).to_string() height=rows.to_string()></rect> }
        })
        .collect_view();
    let weeks = weeks
        .iter()
        .map(|(i, d)| {
            let x = i * DAY;
            view! {
                <line class="lmsw-axis__week" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()></line>
                <text class="lmsw-axis__label" x=(x + 3).to_string() y="14">{format!("{}/{}", u8::from(d.month()), d.day())}</text>
            }
        })
        .collect_view();
    (shaded, weeks)
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
