//! The time axis: weeks across, skipped days and blackouts shaded, one bar per item, a today
//! marker and the end-date line. Scrolls both ways; rows follow the module order.

use super::pace_timeline::Loaded;
use crate::timeline::{layout, Axis, Bar, PlanView, Shade, ShadedRun};
use leptos::prelude::*;
use std::sync::Arc;

const DAY: u32 = 12;
const ROW: u32 = 10;
const HEAD: u32 = 22;

/// The axis frame: everything but the bars. It changes only when the plan's span does.
#[derive(Clone, PartialEq)]
struct Frame {
    days: u32,
    weeks: Vec<(u32, time::Date)>,
    shaded: Vec<ShadedRun>,
    today: Option<u32>,
    end: Option<u32>,
}

fn axis_of(p: &Option<Result<PlanView, String>>) -> Option<Axis> {
    let p = p.as_ref()?.as_ref().ok()?;
    let start = p.start?;
    Some(layout(start, &p.due_dates, p.end_date_parsed, p.today, 1500, |d| p.shade(d)))
}

/// The SVG time axis. Built once per load: an edit moves the bars through one signal per
/// bar (no element is rebuilt), and the frame (weeks, shading, markers) re-renders only when
/// the plan's span changes.
#[component]
pub fn AxisView(
    /// The loaded pace.
    loaded: Arc<Loaded>,
    /// The current plan.
    plan: Memo<Option<Result<PlanView, String>>>,
) -> impl IntoView {
    let axis = Memo::new(move |_| plan.with(axis_of));
    let frame = Memo::new(move |_| {
        axis.with(|a| {
            a.as_ref().map(|a| Frame {
                days: a.days,
                weeks: a.weeks.clone(),
                shaded: a.shaded.clone(),
                today: a.today,
                end: a.end,
            })
        })
    });
    let titles: Vec<String> = loaded.envelope.course_pace.items().map(|i| i.assignment_title.clone()).collect();
    let rows = titles.len() as u32;
    let height = HEAD + rows * ROW + 4;
    // One signal per bar, kept by one effect: each bar's attributes read only their own.
    let first: Vec<Option<Bar>> = axis.with_untracked(|a| a.as_ref().map(|a| a.bars.clone()).unwrap_or_default());
    let bars: Vec<RwSignal<Option<Bar>>> =
        (0..titles.len()).map(|k| RwSignal::new(first.get(k).copied().flatten())).collect();
    let sigs = bars.clone();
    Effect::new(move |_| {
        axis.with(|a| {
            for (k, sig) in sigs.iter().enumerate() {
                let b = a.as_ref().and_then(|a| a.bars.get(k).copied().flatten());
                if sig.get_untracked() != b {
                    sig.set(b);
                }
            }
        })
    });
    let bar_views = bars
        .into_iter()
        .zip(titles)
        .enumerate()
        .map(|(k, (bar, title))| {
            let y = HEAD + k as u32 * ROW + 2;
            let x = move || bar.get().map(|b| (b.start * DAY + 1).to_string()).unwrap_or_else(|| "0".into());
            let w =
                move || bar.get().map(|b| ((b.end - b.start + 1) * DAY - 2).to_string()).unwrap_or_else(|| "0".into());
            view! {
                <rect class="lmsw-axis__bar" x=x y=y.to_string() width=w height=(ROW - 3).to_string() rx="2">
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let background = move || {
        frame.get().map(|f| {
            let shaded = f
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
            let weeks = f
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
            view! { <g>{shaded}{weeks}</g> }
        })
    };
    let markers = move || {
        frame.get().map(|f| {
            let today = f.today.map(|t| {
                let x = t * DAY + DAY / 2;
                view! { <line class="lmsw-axis__today" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"Today"</title></line> }
            });
            let end = f.end.map(|e| {
                let x = (e + 1) * DAY;
                view! { <line class="lmsw-axis__end" x1=x.to_string() x2=x.to_string() y1="0" y2=height.to_string()><title>"End date"</title></line> }
            });
            view! { <g>{today}{end}</g> }
        })
    };
    let width = move || frame.with(|f| f.as_ref().map(|f| f.days * DAY).unwrap_or(0));
    view! {
        <figure class="lmsw-pace__axis" part="axis" hidden=move || frame.with(Option::is_none)>
            <figcaption>
                "Timeline: one bar per item from its start to its due date. "
                <span class="lmsw-axis__key lmsw-axis__key--skip">"skipped day"</span>
                <span class="lmsw-axis__key lmsw-axis__key--blackout">"blackout"</span>
                <span class="lmsw-axis__key lmsw-axis__key--today">"today"</span>
                <span class="lmsw-axis__key lmsw-axis__key--end">"end date"</span>
            </figcaption>
            <div class="lmsw-pace__axis-scroll" tabindex="0" role="group" aria-label="Timeline (scrollable)">
                <svg
                    width=move || width().to_string()
                    height=height.to_string()
                    viewBox=move || format!("0 0 {} {height}", width())
                    aria-hidden="true"
                >
                    {background}
                    <g>{bar_views}</g>
                    {markers}
                </svg>
            </div>
        </figure>
    }
}
