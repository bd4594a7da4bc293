//! Native timing of the pace engine on a 5,000-item, 200-blackout, multi-year plan:
//! `cargo run --release --example pace_bench`. Prints the median of 41 runs.

use lms_widgets::model::Id;
use lms_widgets::pace::{format_date, parse_date, plan_pace, BlackoutInput, ItemInput, PaceInput, PaceRequest};
use std::time::Instant;

fn main() {
    let start = parse_date("2026-01-05").expect("valid");
    let blackout_dates = (0..200i64)
        .map(|k| BlackoutInput {
            start_date: format_date(start + time::Duration::days(k * 11)),
            end_date: format_date(start + time::Duration::days(k * 11 + k % 3)),
        })
        .collect();
    let items = (0..5000u32)
        .map(|i| ItemInput {
            id: Some(Id::new(i.to_string())),
            duration: i % 3,
            module_item_id: Id::new((100_000 + i).to_string()),
        })
        .collect();
    let req = PaceRequest {
        course_pace: PaceInput {
            start_date: Some("2026-01-05".into()),
            end_date: Some("2040-06-30".into()),
            exclude_weekends: true,
            selected_days_to_skip: vec![],
            course_pace_module_items_attributes: items,
        },
        blackout_dates,
    };
    let mut times: Vec<f64> = (0..41)
        .map(|_| {
            let t = Instant::now();
            let plan = plan_pace(&req).expect("plans");
            std::hint::black_box(plan);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("plan_pace, 5,000 items, 200 blackouts: median {:.3} ms over 41 runs (native, release)", times[20]);
}
