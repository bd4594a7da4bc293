//! The course-pace engine against Canvas's algorithms (canvas-api.md §3.4–3.5), worked
//! examples, error paths, and properties over random plans.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::Id;
use lms_widgets::pace::{
    calendar, compress_dates, format_date, parse_date, plan_pace, round_durations, shift_durations_down, BlackoutInput,
    Calendar, ItemInput, PaceError, PaceInput, PaceRequest,
};

fn d(s: &str) -> time::Date {
    parse_date(s).unwrap()
}

const WEEKENDS: [bool; 7] = [false, false, false, false, false, true, true];

fn cal(blackouts: &[(&str, &str)]) -> Calendar {
    let b: Vec<_> = blackouts.iter().map(|(a, z)| (d(a), d(z))).collect();
    Calendar::new(WEEKENDS, &b).unwrap()
}

fn req(start: &str, end: Option<&str>, durations: &[u32], blackouts: &[(&str, &str)]) -> PaceRequest {
    PaceRequest {
        course_pace: PaceInput {
            start_date: Some(start.into()),
            end_date: end.map(Into::into),
            exclude_weekends: true,
            selected_days_to_skip: vec![],
            course_pace_module_items_attributes: durations
                .iter()
                .enumerate()
                .map(|(i, n)| ItemInput {
                    id: Some(Id::new(i.to_string())),
                    duration: *n,
                    module_item_id: Id::new(format!("m{i}")),
                })
                .collect(),
        },
        blackout_dates: blackouts
            .iter()
            .map(|(a, z)| BlackoutInput { start_date: a.to_string(), end_date: z.to_string() })
            .collect(),
    }
}

fn dates(r: &PaceRequest) -> Vec<String> {
    compress_dates(r).unwrap().into_iter().map(|(_, d)| format_date(d)).collect()
}

#[test]
fn weekends_and_blackouts_are_disabled_inclusive_at_both_ends() {
    let c = cal(&[("2026-09-09", "2026-09-10")]); // Wed–Thu
    for (day, enabled) in [
        ("2026-09-05", false),
        ("2026-09-06", false),
        ("2026-09-08", true),
        ("2026-09-09", false),
        ("2026-09-10", false),
        ("2026-09-11", true),
    ] {
        assert_eq!(c.day_is_enabled(d(day)), enabled, "{day}");
    }
}

#[test]
fn add_days_rolls_a_disabled_start_forward_and_counts_enabled_days() {
    let c = cal(&[("2026-09-09", "2026-09-09")]);
    assert_eq!(c.add_days(d("2026-09-05"), 0).unwrap(), d("2026-09-07"), "Saturday + 0 = Monday");
    assert_eq!(c.add_days(d("2026-09-07"), 0).unwrap(), d("2026-09-07"), "0 is the same day");
    assert_eq!(c.add_days(d("2026-09-07"), 2).unwrap(), d("2026-09-10"), "Wednesday is a blackout");
    assert_eq!(c.add_days(d("2026-09-10"), 2).unwrap(), d("2026-09-14"), "over the weekend");
}

#[test]
fn days_between_is_inclusive_exclusive_or_negative() {
    let c = cal(&[]);
    assert_eq!(c.days_between(d("2026-09-07"), d("2026-09-11"), true), 5);
    assert_eq!(c.days_between(d("2026-09-07"), d("2026-09-11"), false), 4);
    assert_eq!(c.days_between(d("2026-09-07"), d("2026-09-14"), true), 6, "the weekend does not count");
    assert_eq!(c.days_between(d("2026-09-11"), d("2026-09-07"), true), -5);
    assert_eq!(c.days_between(d("2026-09-07"), d("2026-09-07"), false), 0);
}

#[test]
fn first_and_previous_enabled_days() {
    let c = cal(&[("2026-09-14", "2026-09-15")]);
    assert_eq!(c.first_enabled_day(d("2026-09-12")).unwrap(), d("2026-09-16"), "weekend then blackout");
    assert_eq!(c.previous_enabled_day(d("2026-09-16")).unwrap(), d("2026-09-11"), "strictly before");
    assert_eq!(c.previous_enabled_day(d("2026-09-08")).unwrap(), d("2026-09-07"));
}

#[test]
fn zero_duration_item_is_due_with_its_predecessor() {
    let r = req("2026-09-01", None, &[0, 2, 0, 1], &[]);
    assert_eq!(dates(&r), ["2026-09-01", "2026-09-03", "2026-09-03", "2026-09-04"]);
}

#[test]
fn start_on_a_weekend_rolls_forward() {
    assert_eq!(dates(&req("2026-09-05", None, &[0, 1], &[])), ["2026-09-07", "2026-09-08"]);
}

#[test]
fn plain_due_dates_when_the_end_date_is_not_reached() {
    let r = req("2026-09-01", Some("2026-09-30"), &[2, 3], &[]);
    assert_eq!(dates(&r), ["2026-09-03", "2026-09-08"]);
    assert!(!plan_pace(&r).unwrap().compressed);
}

#[test]
fn compression_fits_the_plan_into_the_end_date() {
    // Worked through canvas-api.md §3.5: actual 4, used 8, pct 0.5 → [1.0, 2.5] → rounded
    // [1, 2] + backward pass [1, 3] → due Fri 4 + 1 = Mon 7 > end → shift down 1 → [1, 2].
    let r = req("2026-09-01", Some("2026-09-04"), &[2, 5], &[]);
    let plan = plan_pace(&r).unwrap();
    assert!(plan.compressed);
    assert_eq!(plan.durations.iter().map(|x| x.1).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(dates(&r), ["2026-09-02", "2026-09-04"]);
    assert_eq!(plan.projected_end_date.map(format_date).as_deref(), Some("2026-09-10"));
}

#[test]
fn a_projected_end_exactly_on_the_end_date_still_compresses() {
    let r = req("2026-09-01", Some("2026-09-03"), &[2], &[]);
    assert!(plan_pace(&r).unwrap().compressed, "final == end compresses (Canvas: `final < end` returns unchanged)");
}

#[test]
fn a_disabled_end_date_is_rolled_back() {
    // End on Sunday 13th behaves like Friday 11th.
    let a = dates(&req("2026-09-01", Some("2026-09-13"), &[5, 5, 5], &[]));
    let b = dates(&req("2026-09-01", Some("2026-09-11"), &[5, 5, 5], &[]));
    assert_eq!(a, b);
    assert!(a.iter().all(|x| x.as_str() <= "2026-09-11"));
}

#[test]
fn round_durations_follows_the_breakpoint_runs_and_backward_pass() {
    let cases: &[(&[f64], i64, &[u32])] = &[
        (&[1.8, 2.2], 4, &[2, 2]),
        (&[1.5, 1.5], 4, &[2, 2]),
        (&[0.3, 0.3, 0.3], 1, &[1, 0, 0]),
        (&[0.5, 0.5, 2.0, 0.4], 3, &[1, 0, 2, 0]),
        (&[0.0, 0.0], 0, &[0, 0]),
        (&[2.9, 2.9], 5, &[3, 2]),
    ];
    for (xs, plan, want) in cases {
        assert_eq!(round_durations(xs, *plan), *want, "{xs:?} into {plan}");
    }
}

#[test]
fn shift_durations_down_takes_days_from_the_end() {
    let mut ds = [3, 1, 2];
    shift_durations_down(&mut ds, 3);
    assert_eq!(ds, [3, 0, 0]);
    let mut ds = [1, 1];
    shift_durations_down(&mut ds, 5);
    assert_eq!(ds, [0, 0]);
}

#[test]
fn errors_are_specific_sentences() {
    assert_eq!(
        compress_dates(&req("2026-09-10", Some("2026-09-01"), &[1], &[])).unwrap_err().to_string(),
        "End date cannot be before start date"
    );
    assert!(matches!(parse_date("2026-02-30"), Err(PaceError::BadDate(_))));
    assert!(matches!(parse_date("09/01/2026"), Err(PaceError::BadDate(_))));
    assert!(parse_date("2026-09-01T00:00:00Z").is_ok(), "a time part is ignored");
    assert!(matches!(
        compress_dates(&req("2026-09-01", None, &[1], &[("2026-09-05", "2026-09-01")])),
        Err(PaceError::BadBlackout(_))
    ));
    let mut all = req("2026-09-01", None, &[1], &[]);
    all.course_pace.selected_days_to_skip = ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec();
    assert_eq!(compress_dates(&all).unwrap_err(), PaceError::NoEnabledDays);
    let mut none = req("2026-09-01", None, &[], &[]);
    none.course_pace.start_date = None;
    assert_eq!(compress_dates(&none).unwrap_err(), PaceError::NoStartDate);
    assert!(matches!(compress_dates(&req("9999-12-01", None, &[3650, 3650], &[])), Err(PaceError::OutOfRange)));
}

#[test]
fn request_bodies_parse_like_canvas_sends_them() {
    let r: PaceRequest = serde_json::from_str(
        r#"{"course_pace":{"start_date":"2026-09-01","end_date":null,"exclude_weekends":false,"selected_days_to_skip":["fri","sat"],
            "course_pace_module_items_attributes":[{"id":"7","duration":"2","module_item_id":70},{"duration":1,"module_item_id":"71"}]},
            "blackout_dates":[{"start_date":"2026-09-02","end_date":"2026-09-02","event_title":"x","id":4}]}"#,
    )
    .unwrap();
    // Tue 1 +2 (Wed 2 is a blackout): Thu 3, Mon 7 (Fri/Sat skipped, Sun enabled!) → Sun 6.
    assert_eq!(dates(&r), ["2026-09-06", "2026-09-07"]);
    for bad in [
        r#"{"course_pace":{"start_date":"2026-09-01","course_pace_module_items_attributes":[{"duration":-1,"module_item_id":1}]}}"#,
        r#"{"course_pace":{"start_date":"2026-09-01","course_pace_module_items_attributes":[{"duration":1.5,"module_item_id":1}]}}"#,
        r#"{"course_pace":{"start_date":"2026-09-01","course_pace_module_items_attributes":[{"duration":1}]}}"#,
    ] {
        assert!(serde_json::from_str::<PaceRequest>(bad).is_err(), "{bad}");
    }
}

/// A small deterministic PRNG (xorshift) for the property tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn random_request(rng: &mut Rng) -> PaceRequest {
    let start = d("2026-01-05") + time::Duration::days(rng.next(300) as i64);
    let n = 1 + rng.next(60) as usize;
    let durations: Vec<u32> = (0..n).map(|_| rng.next(6) as u32).collect();
    let blackouts: Vec<(String, String)> = (0..rng.next(12))
        .map(|_| {
            let s = start + time::Duration::days(rng.next(200) as i64);
            (format_date(s), format_date(s + time::Duration::days(rng.next(6) as i64)))
        })
        .collect();
    let end = (rng.next(3) > 0).then(|| format_date(start + time::Duration::days(1 + rng.next(250) as i64)));
    let b: Vec<(&str, &str)> = blackouts.iter().map(|(a, z)| (a.as_str(), z.as_str())).collect();
    let mut r = req(&format_date(start), end.as_deref(), &durations, &b);
    r.course_pace.exclude_weekends = rng.next(4) > 0;
    r
}

#[test]
fn properties_hold_on_random_plans() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..400 {
        let r = random_request(&mut rng);
        let c = calendar(&r.course_pace, &r.blackout_dates).unwrap();
        let plan = plan_pace(&r).unwrap();
        let due: Vec<_> = plan.due_dates.iter().map(|x| x.1).collect();
        assert!(due.iter().all(|x| c.day_is_enabled(*x)), "case {case}: a due date on a disabled day");
        assert!(due.windows(2).all(|w| w[0] <= w[1]), "case {case}: due dates go backwards");
        if let (Some(end), true) = (plan.end_date, plan.compressed) {
            // Feasible when the end is after the start: then the plan must end by it.
            if end >= plan.start_date {
                assert!(*due.last().unwrap() <= end, "case {case}: compressed plan ends after {end}");
            }
        }
        // Idempotence: planning the compressed durations again changes nothing.
        let mut again = r.clone();
        for (item, (_, n)) in again.course_pace.course_pace_module_items_attributes.iter_mut().zip(&plan.durations) {
            item.duration = *n;
        }
        assert_eq!(compress_dates(&again).unwrap(), plan.due_dates, "case {case}: not idempotent");
    }
}
