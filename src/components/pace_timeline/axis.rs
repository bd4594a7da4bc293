//! The time axis: weeks across, skipped days and blackouts shaded, one bar per item, a today
//! marker and the end-date line. Scrolls both ways; rows follow the module order.

use crate::timeline::Loaded;
use crate::timeline::{layout, PlanView, Shade};
use leptos::prelude::*;
use std::sync::Arc;

const DAY: u32 = 12;
const ROW: u32 = 10;
const HEAD: u32 = 22;

/// The SVG time axis.
#[component]
pub fn AxisView(
    /// The loaded pace.
    loaded: Arc<Loaded>,
    /// The current plan.
    plan: PlanView,
) -> impl IntoView {
    let Some(start) = plan.start else {
        return ().into_any();
    };
    let shade = |d: time::Date| plan.shade(d);
    let a = layout(start, &plan.due_dates, plan.end_date_parsed, plan.today, 1500, shade);
    let width = a.days * DAY;
    let rows = a.bars.len() as u32;
    let height = HEAD + rows * ROW + 4;
    let shaded = a
        .shaded
        .iter()
        .map(|r| {
            let class = match r.kind {
                Shade::Skipped => "lmsw-axis__skip",
                Shade::Blackout => "lmsw-axis__blackout",
            };
            view! { <rect class=class x=(r.start * DAY).to_string() y=HEAD.to_string() width=(r.len * DAY).to_string() height=(rows * ROW).to_string()></rect> }
        })
        .collect_view();
    let weeks = a
        .weeks
        .iter()
        .map(|(i, d)| {
            let x = i * DAY;
            view! {
                <line class="lmsw-axis__week" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()></line>
                <text class="lmsw-axis__label" x=(x + 3).to_string() y="14">{format!("{}/{}", u8::from(d.month()), d.day())}</text>
            }
        })
        .collect_view();
    let titles: Vec<String> = loaded.envelope.course_pace.items().map(|i| i.assignment_title.clone()).collect();
    let bars = a
        .bars
        .iter()
        .enumerate()
        .filter_map(|(k, b)| {
            let b = (*b)?;
            let y = HEAD + k as u32 * ROW + 2;
            let title = titles.get(k).cloned().unwrap_or_default();
            Some(view! {
                <rect class="lmsw-axis__bar" x=(b.start * DAY + 1).to_string() y=y.to_string() width=((b.end - b.start + 1) * DAY - 2).to_string() height=(ROW - 3).to_string() rx="2">
                    <title>{title}</title>
                </rect>
            })
        })
        .collect_view();
    let today = a.today.map(|t| {
        let x = t * DAY + DAY / 2;
        view! { <line class="lmsw-axis__today" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"Today"</title></line> }
    });
    let end = a.end.map(|e| {
        let x = (e + 1) * DAY;
        view! { <line class="lmsw-axis__end" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"End date"</title></line> }
    });
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
                <svg width=width.to_string() height=height.to_string() viewBox=format!("0 0 {width} {height}") aria-hidden="true">
                    {shaded}
                    {weeks}
                    {bars}
                    {today}
                    {end}
                </svg>
            </div>
        </figure>
    }
    .into_any()
}
