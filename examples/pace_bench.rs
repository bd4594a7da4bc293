//! Native timing of the pace engine on a 5,000-item, 200-blackout, multi-year plan:
//! `cargo run --release --example pace_bench`. Prints medians of 41 runs: the whole
//! `plan_pace` first (the line BENCHMARKS.md quotes), then where its time goes.

use lms_widgets::model::Id;
use lms_widgets::pace::{
    calendar, format_date, parse_date, plan_pace, plan_pace_json, BlackoutInput, ItemInput, PaceInput, PaceRequest,
};
use std::hint::black_box;
use std::time::Instant;

/// The simulator's large course: 5,000 items of 0–2 days, a blackout every 11 days.
fn large(end: Option<&str>) -> PaceRequest {
    let start = parse_date("2026-01-05").unwrap();
    let day = |n: i64| format_date(start + time::Duration::days(n));
    PaceRequest {
        course_pace: PaceInput {
            start_date: Some(day(0)),
            end_date: end.map(Into::into),
            exclude_weekends: true,
            selected_days_to_skip: vec![],
            course_pace_module_items_attributes: (0..5000u32)
                .map(|i| ItemInput {
                    id: Some(Id::new(i.to_string())),
                    duration: i % 3,
                    module_item_id: Id::new((100_000 + i).to_string()),
                })
                .collect(),
        },
        blackout_dates: (0..200i64)
            .map(|k| BlackoutInput { start_date: day(k * 11), end_date: day(k * 11 + k % 3) })
            .collect(),
    }
}

/// Median of 41 runs, in milliseconds.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut ts: Vec<f64> = (0..41)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    ts[20]
}

fn main() {
    let plain = large(None);
    let squeezed = large(Some("2028-06-30"));
    let (Ok(p), Ok(c)) = (plan_pace(&plain), plan_pace(&squeezed)) else {
        eprintln!("the benchmark's plans do not plan");
        std::process::exit(1);
    };
    if p.compressed || !c.compressed {
        eprintln!("the benchmark's two cases are not what they claim to be");
        std::process::exit(1);
    }
    let Ok(cal) = calendar(&plain.course_pace, &plain.blackout_dates) else {
        eprintln!("the benchmark's calendar does not build");
        std::process::exit(1);
    };
    let durations: Vec<u32> =
        plain.course_pace.course_pace_module_items_attributes.iter().map(|i| i.duration).collect();
    let start = p.start_date;
    println!(
        "plan_pace, 5,000 items, 200 blackouts: median {:.3} ms over 41 runs (native, {})",
        median_ms(|| drop(black_box(plan_pace(black_box(&plain))))),
        if cfg!(debug_assertions) { "debug build: run with --release" } else { "release" }
    );
    println!(
        "- calendar (weekdays + merged blackout ranges): {:.3} ms",
        median_ms(|| drop(black_box(calendar(&plain.course_pace, &plain.blackout_dates))))
    );
    println!("- 5,000 chained due dates: {:.3} ms", median_ms(|| drop(black_box(cal.due_dates(start, &durations)))));
    println!(
        "- plan_pace, compressed to {}: {:.3} ms",
        fmt(c.plan_end_date),
        median_ms(|| drop(black_box(plan_pace(black_box(&squeezed)))))
    );
    println!(
        "- plan_pace_json, compressed (what planPace runs): {:.3} ms",
        median_ms(|| drop(black_box(plan_pace_json(black_box(&squeezed)))))
    );
}

fn fmt(d: Option<lms_widgets::pace::Date>) -> String {
    d.map(format_date).unwrap_or_default()
}
