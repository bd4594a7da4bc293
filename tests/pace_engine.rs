//! The pace engine's own behaviour: planning, compression edges, request parsing, every
//! error, the JSON it produces, and properties over random plans checked against a
//! day-by-day port of Canvas's algorithms. (Canvas's own spec examples: `pace_canvas.rs`.)
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::{CoursePaceResponse, Id};
use lms_widgets::pace::{
    calendar, compress, compress_dates, compress_dates_in_module_order, compress_dates_json, format_date, parse_date,
    plan_due_dates, plan_pace, plan_pace_json, round_durations, shift_durations_down, BlackoutInput, Calendar, Date,
    DueDates, ItemInput, PaceDuration, PaceError, PaceInput, PaceRequest,
};

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
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

fn json(s: &str) -> Result<PaceRequest, String> {
    serde_json::from_str::<PaceRequest>(s).map_err(|e| e.to_string())
}

// ------------------------------------------------------------------- planning

#[test]
fn plan_due_dates_gives_plan_paces_dates_from_durations_alone() {
    // The timeline replans from durations on every edit; the ids it no longer copies must
    // not change a date, compressed or not, with blackouts, nor an error.
    let cases = [
        req("2026-09-01", None, &[1, 2, 0, 5], &[("2026-09-03", "2026-09-04")]),
        req("2026-09-05", Some("2026-09-18"), &[3, 3, 3, 3, 3], &[("2026-09-10", "2026-09-10")]),
        req("2026-09-01", Some("2026-08-01"), &[1], &[]),
    ];
    for r in &cases {
        let durations = r.course_pace.course_pace_module_items_attributes.iter().map(|i| i.duration).collect();
        let without_items = PaceInput { course_pace_module_items_attributes: vec![], ..r.course_pace.clone() };
        match (plan_pace(r), plan_due_dates(&without_items, &r.blackout_dates, durations)) {
            (Ok(full), Ok(due)) => {
                assert_eq!(full.due_dates.iter().map(|(_, d)| *d).collect::<Vec<_>>(), due.due);
                assert_eq!((full.compressed, full.start_date), (due.compressed, due.start));
                assert_eq!(full.projected_end_date, Some(due.projected_end));
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            (a, b) => panic!("{a:?} / {b:?}"),
        }
    }
    assert!(plan_pace(&cases[1]).unwrap().compressed, "one case compresses");
}

#[test]
fn weekends_and_blackouts_are_disabled_inclusive_at_both_ends() {
    let blackouts = [(d("2026-09-09"), d("2026-09-10")), (d("2026-09-12"), d("2026-09-12"))];
    let c = Calendar::from_settings(true, &[] as &[&str], &blackouts).unwrap();
    for (day, enabled, blackout, weekend) in [
        ("2026-09-08", true, false, false),
        ("2026-09-09", false, true, false),
        ("2026-09-10", false, true, false),
        ("2026-09-11", true, false, false),
        ("2026-09-12", false, true, true),
        ("2026-09-13", false, false, true),
    ] {
        assert_eq!(
            (c.day_is_enabled(d(day)), c.in_blackout(d(day)), c.weekday_skipped(d(day))),
            (enabled, blackout, weekend),
            "{day}"
        );
    }
}

#[test]
fn zero_duration_item_is_due_with_its_predecessor() {
    let r = req("2026-09-01", None, &[0, 2, 0, 1], &[]);
    assert_eq!(dates(&r), ["2026-09-01", "2026-09-03", "2026-09-03", "2026-09-04"]);
}

#[test]
fn a_start_on_a_weekend_or_in_a_blackout_rolls_forward_before_counting() {
    assert_eq!(dates(&req("2026-09-05", None, &[0, 1], &[])), ["2026-09-07", "2026-09-08"]);
    assert_eq!(dates(&req("2026-09-05", None, &[0], &[("2026-09-07", "2026-09-08")])), ["2026-09-09"]);
}

#[test]
fn plain_due_dates_when_the_end_date_is_not_reached() {
    let r = req("2026-09-01", Some("2026-09-30"), &[2, 3], &[]);
    assert_eq!(dates(&r), ["2026-09-03", "2026-09-08"]);
    let plan = plan_pace(&r).unwrap();
    assert!(!plan.compressed);
    assert_eq!(plan.durations.iter().map(|x| x.1).collect::<Vec<_>>(), [2, 3]);
}

#[test]
fn compression_fits_the_plan_into_the_end_date() {
    // actual 4, used 8, pct 0.5 → [1.0, 2.5] → [1, 2], short by 1 → [1, 3] → due Mon 7 > Fri 4
    // → one day over → [1, 2].
    let r = req("2026-09-01", Some("2026-09-04"), &[2, 5], &[]);
    let plan = plan_pace(&r).unwrap();
    assert!(plan.compressed);
    assert_eq!(plan.durations, [("m0".to_string(), 1), ("m1".to_string(), 2)]);
    assert_eq!(dates(&r), ["2026-09-02", "2026-09-04"]);
    assert_eq!(plan.projected_end_date, Some(d("2026-09-10")), "the projection stays uncompressed");
    assert_eq!(plan.plan_end_date, Some(d("2026-09-04")));
}

#[test]
fn a_projected_end_exactly_on_the_end_date_keeps_every_date() {
    let r = req("2026-09-01", Some("2026-09-03"), &[2], &[]);
    let plan = plan_pace(&r).unwrap();
    assert!(!plan.compressed, "Canvas's page compresses only when the projection is after the end");
    assert_eq!(dates(&r), ["2026-09-03"]);
    // Canvas's server still runs the algorithm (`final < end` is false); it gives back the
    // same durations.
    let cal = calendar(&r.course_pace, &[]).unwrap();
    let c = compress(&cal, d("2026-09-01"), Some(d("2026-09-03")), &[2]).unwrap();
    assert_eq!((c.durations, c.compressed), (vec![2], false));
}

#[test]
fn a_disabled_end_date_is_rolled_back_to_the_previous_enabled_day() {
    let on_sunday = req("2026-09-01", Some("2026-09-13"), &[5, 5, 5], &[]);
    let on_friday = req("2026-09-01", Some("2026-09-11"), &[5, 5, 5], &[]);
    assert_eq!(dates(&on_sunday), dates(&on_friday));
    assert_eq!(plan_pace(&on_sunday).unwrap().end_date, Some(d("2026-09-11")));
    assert!(dates(&on_sunday).iter().all(|x| x.as_str() <= "2026-09-11"));
}

#[test]
fn an_end_before_the_rolled_start_squeezes_everything_onto_the_start() {
    // Sat 5 → Mon 7; Sun 6 → Fri 4: Canvas's Ruby counts 0 days available, so every duration
    // becomes 0 and every item is due on the (rolled) start.
    let r = req("2026-09-05", Some("2026-09-06"), &[3, 2], &[]);
    let plan = plan_pace(&r).unwrap();
    assert!(plan.compressed);
    assert_eq!(dates(&r), ["2026-09-07", "2026-09-07"]);
    assert_eq!(plan.durations.iter().map(|x| x.1).collect::<Vec<_>>(), [0, 0]);
}

#[test]
fn no_items_project_the_start_date_and_plan_nothing() {
    let plan = plan_pace(&req("2026-09-05", Some("2026-09-30"), &[], &[])).unwrap();
    assert_eq!(plan.projected_end_date, Some(d("2026-09-05")), "getProjectedEndDate: the raw start");
    assert_eq!(plan.plan_end_date, None);
    assert_eq!(plan.start_date, d("2026-09-07"));
    assert!(plan.due_dates.is_empty() && !plan.compressed);
    assert_eq!(plan.time_to_complete, PaceDuration { weeks: 0, days: 1 });
}

#[test]
fn time_to_complete_counts_calendar_days_up_to_the_earlier_end() {
    // Projected Thu 10 Sep, end Wed 30 Sep: 1–10 Sep is 10 days.
    let plan = plan_pace(&req("2026-09-01", Some("2026-09-30"), &[7], &[])).unwrap();
    assert_eq!(plan.time_to_complete, PaceDuration { weeks: 1, days: 3 });
    // Compressed: the end date (4 Sep) is earlier than the projection.
    let plan = plan_pace(&req("2026-09-01", Some("2026-09-04"), &[7], &[])).unwrap();
    assert_eq!(plan.time_to_complete, PaceDuration { weeks: 0, days: 4 });
}

#[test]
fn selected_days_to_skip_win_over_exclude_weekends_when_given() {
    let mut r = req("2026-09-04", None, &[1, 1], &[]); // Friday
    r.course_pace.selected_days_to_skip = vec!["fri".into(), "Saturday".into()];
    assert!(r.course_pace.exclude_weekends);
    // Fri 4 skipped → Sun 6 (Sunday is not skipped any more), Mon 7, Tue 8.
    assert_eq!(dates(&r), ["2026-09-07", "2026-09-08"]);
    r.course_pace.selected_days_to_skip = vec![];
    assert_eq!(dates(&r), ["2026-09-07", "2026-09-08"], "empty: exclude_weekends decides");
    r.course_pace.exclude_weekends = false;
    assert_eq!(dates(&r), ["2026-09-05", "2026-09-06"]);
}

#[test]
fn blackouts_may_overlap_touch_or_come_in_any_order() {
    let c = |b: &[(&str, &str)]| dates(&req("2026-09-07", None, &[1, 1, 1], b));
    let want = ["2026-09-14", "2026-09-15", "2026-09-16"];
    assert_eq!(c(&[("2026-09-08", "2026-09-10"), ("2026-09-10", "2026-09-11")]), want);
    assert_eq!(c(&[("2026-09-10", "2026-09-11"), ("2026-09-08", "2026-09-09")]), want);
    assert_eq!(c(&[("2026-09-08", "2026-09-11"), ("2026-09-09", "2026-09-09")]), want);
}

#[test]
fn a_blackout_that_ends_before_it_starts_covers_no_day() {
    // Canvas: `(start_date..end_date).to_a` is empty, and the page's `inBlackoutDate` never matches.
    assert_eq!(dates(&req("2026-09-07", None, &[1], &[("2026-09-09", "2026-09-08")])), ["2026-09-08"]);
}

#[test]
fn compress_dates_keeps_a_repeated_id_once_with_its_last_date() {
    let mut r = req("2026-09-01", None, &[1, 1, 1], &[]);
    r.course_pace.course_pace_module_items_attributes[2].module_item_id = Id::new("m0");
    let out = compress_dates(&r).unwrap();
    assert_eq!(out, [("m0".to_string(), d("2026-09-04")), ("m1".to_string(), d("2026-09-03"))]);
    assert_eq!(plan_pace(&r).unwrap().due_dates.len(), 3, "plan_pace keeps one entry per item");
}

#[test]
fn module_order_rechains_the_durations_compressed_in_submitted_order() {
    let r = req("2026-09-01", None, &[3, 1], &[]);
    let out = compress_dates_in_module_order(&r, &[1, 0]).unwrap();
    assert_eq!(out, [("m1".to_string(), d("2026-09-02")), ("m0".to_string(), d("2026-09-07"))]);
    for bad in [&[0][..], &[0, 0], &[0, 2], &[1, 0, 0]] {
        assert_eq!(compress_dates_in_module_order(&r, bad), Err(PaceError::BadOrder), "{bad:?}");
    }
}

#[test]
fn round_durations_breakpoint_runs_and_single_backward_pass() {
    let cases: &[(&[f64], i64, &[u32])] = &[
        (&[1.8, 2.2], 4, &[2, 2]),
        (&[1.5, 1.5], 4, &[2, 2]),
        (&[0.3, 0.3, 0.3], 1, &[1, 0, 0]),
        (&[0.5, 0.5, 2.0, 0.4], 3, &[1, 0, 2, 0]),
        (&[0.0, 0.0], 0, &[0, 0]),
        (&[2.9, 2.9], 5, &[3, 2]),
        // The run's first item becomes 1 but stays "rounded down", so the pass can raise it again.
        (&[0.4, 0.4], 3, &[2, 1]),
        // One pass only: still short afterwards, as in Canvas.
        (&[0.1], 3, &[1]),
        (&[f64::NAN, -2.0, f64::INFINITY], 0, &[0, 0, 0]),
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
    shift_durations_down(&mut ds, 0);
    assert_eq!(ds, [1, 1]);
}

#[test]
fn the_plan_serialises_as_plan_paces_json() {
    let plan = plan_pace(&req("2026-09-01", Some("2026-09-04"), &[2, 5], &[])).unwrap();
    assert_eq!(
        serde_json::to_string(&plan).unwrap(),
        r#"{"due_dates":{"m0":"2026-09-02","m1":"2026-09-04"},"durations":{"m0":1,"m1":2},"compressed":true,"projected_end_date":"2026-09-10","plan_end_date":"2026-09-04"}"#
    );
    let none = plan_pace(&req("2026-09-01", None, &[], &[])).unwrap();
    assert!(serde_json::to_string(&none)
        .unwrap()
        .ends_with(r#""projected_end_date":"2026-09-01","plan_end_date":null}"#));
}

#[test]
fn the_json_text_for_javascript_matches_the_serde_json() {
    let mut rng = Rng(0xA076_1D64_78BD_642F);
    for case in 0..100 {
        let mut r = random_request(&mut rng);
        let items = &mut r.course_pace.course_pace_module_items_attributes;
        if case % 3 == 0 && items.len() > 2 {
            items[2].module_item_id = items[0].module_item_id.clone(); // a repeated id
        }
        if case % 5 == 0 {
            if let Some(i) = items.first_mut() {
                i.module_item_id = Id::new("quote \" and \\ and \u{1}");
            }
        }
        let plan = plan_pace(&r).unwrap();
        let dates = compress_dates(&r).unwrap();
        // serde_json keeps repeated keys; JSON.parse keeps the last value at the first place,
        // which is what the text already does, so compare parsed values.
        let parsed = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
        assert_eq!(parsed(&plan_pace_json(&r).unwrap()), parsed(&serde_json::to_string(&plan).unwrap()), "case {case}");
        assert_eq!(
            parsed(&compress_dates_json(&r).unwrap()),
            parsed(&serde_json::to_string(&DueDates(&dates)).unwrap()),
            "case {case}"
        );
        let keys: Vec<String> = dates.iter().map(|x| x.0.clone()).collect();
        let text = compress_dates_json(&r).unwrap();
        let positions: Vec<usize> =
            keys.iter().map(|k| text.find(&serde_json::to_string(k).unwrap()).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "case {case}: keys out of order in {text}");
    }
    assert_eq!(compress_dates_json(&req("2026-09-01", None, &[], &[])).unwrap(), "{}");
    assert_eq!(plan_pace_json(&req("2026-09-01", Some("2026-08-01"), &[], &[])), Err(PaceError::EndBeforeStart));
}

// ------------------------------------------------------------------- parsing

#[test]
fn request_bodies_parse_like_canvas_sends_them() {
    let r = json(
        r#"{"course_pace":{"start_date":"2026-09-01T00:00:00-06:00","end_date":null,"exclude_weekends":false,
            "selected_days_to_skip":["fri","sat"],"hard_end_dates":true,
            "course_pace_module_items_attributes":[{"id":"7","duration":"2","module_item_id":70},
                                                   {"duration":1,"module_item_id":"71","root_account_id":1}]},
            "blackout_dates":[{"start_date":"2026-09-02","end_date":"2026-09-02","event_title":"x","id":4}]}"#,
    )
    .unwrap();
    let items = &r.course_pace.course_pace_module_items_attributes;
    assert_eq!(
        (items[0].id.as_ref().map(Id::as_str), items[0].duration, items[0].module_item_id.as_str()),
        (Some("7"), 2, "70")
    );
    assert_eq!((items[1].id.clone(), items[1].module_item_id.as_str()), (None, "71"));
    // Tue 1 +2 (Wed 2 blacked out): Thu 3, then Fri/Sat skipped but Sunday not: Sun 6; +1 Mon 7.
    assert_eq!(dates(&r), ["2026-09-06", "2026-09-07"]);
}

#[test]
fn exclude_weekends_defaults_to_canvas_column_default_and_casts_like_rails() {
    let flag = |v: &str| {
        let body = format!(r#"{{"course_pace":{{"start_date":"2026-09-01"{v}}}}}"#);
        json(&body).unwrap().course_pace.exclude_weekends
    };
    assert!(flag(""), "absent: true");
    assert!(!flag(r#","exclude_weekends":null"#));
    assert!(!flag(r#","exclude_weekends":"false""#));
    assert!(!flag(r#","exclude_weekends":"0""#));
    assert!(!flag(r#","exclude_weekends":0"#));
    assert!(flag(r#","exclude_weekends":"true""#));
    assert!(flag(r#","exclude_weekends":1"#));
}

#[test]
fn durations_accept_whole_numbers_in_any_json_form() {
    let one = |v: &str| {
        let body = format!(
            r#"{{"course_pace":{{"start_date":"2026-09-01","course_pace_module_items_attributes":[{{"module_item_id":1{v}}}]}}}}"#
        );
        json(&body).map(|r| r.course_pace.course_pace_module_items_attributes[0].duration)
    };
    assert_eq!(one(r#","duration":3"#), Ok(3));
    assert_eq!(one(r#","duration":3.0"#), Ok(3));
    assert_eq!(one(r#","duration":" 3 ""#), Ok(3));
    assert_eq!(one(r#","duration":null"#), Ok(0));
    assert_eq!(one(""), Ok(0), "a missing duration is Canvas's column default, 0");
    assert_eq!(one(r#","duration":4294967295"#), Ok(u32::MAX));
}

// ------------------------------------------------------------------- errors

#[test]
fn every_bad_duration_names_its_item_and_value() {
    for (v, shown) in [
        ("-1", "-1"),
        ("1.5", "1.5"),
        ("\"two\"", "\"two\""),
        ("true", "true"),
        ("{}", "a list or an object"),
        ("4294967296", "4294967296"),
    ] {
        let body = format!(
            r#"{{"course_pace":{{"start_date":"2026-09-01","course_pace_module_items_attributes":[{{"duration":1,"module_item_id":1}},{{"duration":{v},"module_item_id":2}}]}}}}"#
        );
        let err = json(&body).unwrap_err();
        let want = PaceError::BadDuration { item: 1, value: shown.into() }.to_string();
        assert!(err.starts_with(&want), "{v}: {err}");
        assert!(want.starts_with("Item 2: the duration ") && want.ends_with(" is not a whole number of days"));
    }
}

#[test]
fn an_item_without_a_module_item_id_is_refused() {
    for v in ["", r#","module_item_id":null"#, r#","module_item_id":"  ""#, r#","module_item_id":1.5"#] {
        let body = format!(
            r#"{{"course_pace":{{"start_date":"2026-09-01","course_pace_module_items_attributes":[{{"duration":1{v}}}]}}}}"#
        );
        assert!(json(&body).unwrap_err().starts_with("Item 1 has no module_item_id"), "{v}");
    }
}

#[test]
fn from_deserializer_keeps_the_engines_errors_and_names_bad_shapes() {
    let read = |s: &str| PaceRequest::from_deserializer(&mut serde_json::Deserializer::from_str(s));
    assert_eq!(
        read(
            r#"{"course_pace":{"start_date":"2026-09-01","course_pace_module_items_attributes":[{"duration":-3,"module_item_id":1}]}}"#
        ),
        Err(PaceError::BadDuration { item: 0, value: "-3".into() })
    );
    assert_eq!(read(r#"{}"#), Err(PaceError::NoCoursePace));
    let shape = read(r#"{"course_pace":{"course_pace_module_items_attributes":"all of them"}}"#).unwrap_err();
    assert!(matches!(shape, PaceError::BadRequest(_)), "{shape:?}");
    assert!(shape.to_string().starts_with("The request is not a compress_dates body: invalid type: string"), "{shape}");
    assert!(read(r#"{"course_pace":{"start_date":"2026-09-01"}}"#).is_ok());
}

#[test]
fn a_body_without_course_pace_is_refused() {
    assert!(json(r#"{"blackout_dates":[]}"#).unwrap_err().starts_with("The request has no course_pace"));
    assert!(json(r#"{"course_pace":null}"#).unwrap_err().starts_with(&PaceError::NoCoursePace.to_string()));
}

#[test]
fn blackouts_need_both_days() {
    let err = json(
        r#"{"course_pace":{"start_date":"2026-09-01"},"blackout_dates":[{"start_date":"2026-09-02","end_date":"2026-09-02"},{"start_date":"2026-09-09"}]}"#,
    );
    assert!(err.unwrap_err().starts_with("Blackout date 2 has no end_date"));
    let err = json(
        r#"{"course_pace":{"start_date":"2026-09-01"},"blackout_dates":[{"start_date":7,"end_date":"2026-09-02"}]}"#,
    );
    assert!(err.unwrap_err().starts_with(r#""7" is not a date"#));
}

#[test]
fn an_end_date_before_the_start_is_canvas_422_message() {
    let e = compress_dates(&req("2022-01-27", Some("2022-01-20"), &[1], &[])).unwrap_err();
    assert_eq!(e, PaceError::EndBeforeStart);
    assert_eq!(e.to_string(), "End date cannot be before start date");
    assert_eq!(plan_pace(&req("2022-01-27", Some("2022-01-20"), &[], &[])), Err(PaceError::EndBeforeStart));
}

#[test]
fn dates_must_be_calendar_days() {
    for bad in ["2026-02-30", "2026-13-01", "09/01/2026", "2026-9-1", "2026-09-01x", "", "２０２６-09-01", "2026-09-0é"]
    {
        assert_eq!(parse_date(bad), Err(PaceError::BadDate(bad.into())), "{bad}");
    }
    assert_eq!(parse_date(" 2026-09-01 12:00"), Ok(d("2026-09-01")));
    assert_eq!(format_date(d("0001-01-01")), "0001-01-01");
    let mut r = req("2026-09-01", Some("tomorrow"), &[1], &[]);
    assert_eq!(plan_pace(&r), Err(PaceError::BadDate("tomorrow".into())));
    r.course_pace.end_date = None;
    r.blackout_dates = vec![BlackoutInput { start_date: "2026-09-02".into(), end_date: "2026-09-32".into() }];
    assert_eq!(plan_pace(&r), Err(PaceError::BadDate("2026-09-32".into())));
    assert_eq!(PaceError::BadDate("x".into()).to_string(), r#""x" is not a date (expected YYYY-MM-DD)"#);
}

#[test]
fn a_missing_or_empty_start_date_is_refused() {
    let mut r = req("2026-09-01", None, &[1], &[]);
    r.course_pace.start_date = None;
    assert_eq!(plan_pace(&r), Err(PaceError::NoStartDate));
    r.course_pace.start_date = Some("  ".into());
    assert_eq!(compress_dates(&r), Err(PaceError::NoStartDate));
    assert_eq!(PaceError::NoStartDate.to_string(), "The pace has no start date");
}

#[test]
fn unknown_weekdays_and_skipping_every_day_are_refused() {
    let mut r = req("2026-09-01", None, &[1], &[]);
    r.course_pace.selected_days_to_skip = vec!["funday".into()];
    assert_eq!(plan_pace(&r), Err(PaceError::BadWeekday("\"funday\"".into())));
    r.course_pace.selected_days_to_skip = vec!["mo".into()];
    assert!(matches!(plan_pace(&r), Err(PaceError::BadWeekday(_))), "two letters are ambiguous");
    r.course_pace.selected_days_to_skip = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(String::from).to_vec();
    assert_eq!(plan_pace(&r), Err(PaceError::NoEnabledDays));
    assert!(json(r#"{"course_pace":{"start_date":"2026-09-01","selected_days_to_skip":[1]}}"#)
        .unwrap_err()
        .starts_with("1 is not a day of the week"));
}

#[test]
fn a_plan_past_the_year_9999_is_an_error_not_a_hang() {
    assert_eq!(compress_dates(&req("9999-12-01", None, &[3650, 3650], &[])), Err(PaceError::OutOfRange));
    assert_eq!(compress_dates(&req("2026-01-01", None, &[u32::MAX; 3], &[])), Err(PaceError::OutOfRange));
    assert_eq!(compress_dates(&req("2026-01-01", Some("2027-01-01"), &[u32::MAX], &[])), Err(PaceError::OutOfRange));
    let cal = Calendar::new([false; 7], &[]).unwrap();
    assert_eq!(cal.previous_enabled_day(Date::MIN), Err(PaceError::OutOfRange));
    assert_eq!(cal.first_enabled_day(Date::MAX), Ok(Date::MAX));
    let all_blacked_out = Calendar::new([false; 7], &[(d("9999-12-30"), Date::MAX)]).unwrap();
    assert_eq!(all_blacked_out.first_enabled_day(d("9999-12-30")), Err(PaceError::OutOfRange));
    assert_eq!(PaceError::OutOfRange.to_string(), "The pace runs past the year 9999");
}

// ------------------------------------------------------------------- Canvas pace JSON

#[test]
fn a_canvas_pace_becomes_its_compress_dates_body() {
    let r: CoursePaceResponse = serde_json::from_str(
        r#"{"course_pace":{"id":"3","course_id":1,"workflow_state":"active","exclude_weekends":true,"selected_days_to_skip":null,
            "hard_end_dates":null,"start_date":"2021-09-30","start_date_context":"course","end_date":"2021-10-05","end_date_context":"hard",
            "context_type":"Course","modules":[
              {"id":1,"name":"M1","position":1,"items":[{"id":11,"duration":0,"module_item_id":101,"assignment_title":"A1","position":1,"published":true}]},
              {"id":2,"name":"M2","position":2,"items":[{"id":12,"duration":2,"module_item_id":102,"position":1},{"id":13,"duration":"4","module_item_id":"103","position":2}]}]},
            "progress":null}"#,
    )
    .unwrap();
    let pace = &r.course_pace;
    assert_eq!((pace.hard_end_dates, pace.module_sizes()), (false, vec![1, 2]));
    let body = pace.to_request(&[]);
    assert_eq!(
        body.course_pace.course_pace_module_items_attributes.iter().map(|i| i.duration).collect::<Vec<_>>(),
        [0, 2, 4]
    );
    // Thu 30 Sep + 0, 2, 4 weekdays runs to Fri 8 Oct: compressed into Tue 5 Oct.
    assert_eq!(dates(&body), ["2021-09-30", "2021-10-01", "2021-10-05"]);
    let bad = serde_json::from_str::<CoursePaceResponse>(
        r#"{"course_pace":{"modules":[{"items":[{"duration":-2,"module_item_id":1}]}]}}"#,
    );
    assert!(bad.unwrap_err().to_string().starts_with("the duration -2 is not a whole number of days"));
}

// ------------------------------------------------------------------- properties

/// Canvas's algorithms day by day, as `date_helpers.ts` and `course_pace_hard_end_date_compressor.rb`
/// write them: the reference the engine's closed forms must agree with.
struct Naive {
    skip: [bool; 7],
    blackouts: Vec<(Date, Date)>,
}

impl Naive {
    fn disabled(&self, x: Date) -> bool {
        self.skip[x.weekday().number_days_from_monday() as usize]
            || self.blackouts.iter().any(|(a, b)| *a <= x && x <= *b)
    }
    fn first_enabled(&self, mut x: Date) -> Date {
        while self.disabled(x) {
            x = x.next_day().unwrap();
        }
        x
    }
    fn previous_enabled(&self, mut x: Date) -> Date {
        loop {
            x = x.previous_day().unwrap();
            if !self.disabled(x) {
                return x;
            }
        }
    }
    fn add_days(&self, start: Date, mut n: u32) -> Date {
        let mut x = self.first_enabled(start);
        while n > 0 {
            x = x.next_day().unwrap();
            if !self.disabled(x) {
                n -= 1;
            }
        }
        x
    }
    /// `daysBetween` of date_helpers.ts.
    fn days_between(&self, a: Date, b: Date, inclusive: bool) -> i64 {
        let end = if inclusive { b.next_day().unwrap() } else { b };
        let full = (end - a).whole_days();
        let (mut x, sign) = if full > 0 { (a, 1) } else { (end, -1) };
        let mut count = 0;
        for _ in 0..full.abs() {
            if !self.disabled(x) {
                count += sign;
            }
            x = x.next_day().unwrap();
        }
        count
    }
    fn ruby_days_between(&self, a: Date, b: Date, inclusive: bool) -> i64 {
        self.days_between(a, b, inclusive).max(0)
    }
    fn due(&self, start: Date, ds: &[u32]) -> Vec<Date> {
        let mut s = self.first_enabled(start);
        ds.iter()
            .map(|n| {
                s = self.add_days(s, *n);
                s
            })
            .collect()
    }
    /// The Ruby compressor, line by line.
    fn compress(&self, start: Date, end: Option<Date>, ds: &[u32]) -> Vec<u32> {
        let start = self.first_enabled(start);
        let Some(mut end) = end else { return ds.to_vec() };
        if self.disabled(end) {
            end = self.previous_enabled(end);
        }
        let due = self.due(start, ds);
        let Some(&last) = due.last() else { return ds.to_vec() };
        let actual = self.ruby_days_between(start, end, true);
        if last < end {
            return ds.to_vec();
        }
        let used = self.ruby_days_between(start, start.max(last), true);
        let pct = if used == 0 { 0.0 } else { actual as f64 / used as f64 };
        let xs: Vec<f64> = ds.iter().map(|d| f64::from(*d) * pct).collect();
        let mut rounded = round_durations(&xs, actual);
        let new_last = *self.due(start, &rounded).last().unwrap();
        if new_last > end {
            shift_durations_down(&mut rounded, self.ruby_days_between(end, new_last, false));
        }
        rounded
    }
}

/// xorshift: deterministic random plans without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn random_request(rng: &mut Rng) -> PaceRequest {
    let start = d("2026-01-05") + time::Duration::days(rng.next(400) as i64);
    let n = rng.next(40) as usize;
    let durations: Vec<u32> =
        (0..n).map(|_| if rng.next(10) == 0 { rng.next(40) as u32 } else { rng.next(6) as u32 }).collect();
    let blackouts: Vec<(String, String)> = (0..rng.next(10))
        .map(|_| {
            let s = start + time::Duration::days(rng.next(200) as i64 - 20);
            // Now and then a reversed range, which covers nothing.
            (format_date(s), format_date(s + time::Duration::days(rng.next(12) as i64 - 1)))
        })
        .collect();
    let end = (rng.next(4) > 0).then(|| format_date(start + time::Duration::days(rng.next(150) as i64)));
    let b: Vec<(&str, &str)> = blackouts.iter().map(|(a, z)| (a.as_str(), z.as_str())).collect();
    let mut r = req(&format_date(start), end.as_deref(), &durations, &b);
    r.course_pace.exclude_weekends = rng.next(4) > 0;
    if rng.next(4) == 0 {
        r.course_pace.selected_days_to_skip =
            DAYS.iter().filter(|_| rng.next(3) == 0).take(6).map(|s| s.to_string()).collect();
    }
    r
}

fn naive_of(r: &PaceRequest) -> Naive {
    let p = &r.course_pace;
    let mut skip = [false; 7];
    if p.selected_days_to_skip.is_empty() {
        skip[5] = p.exclude_weekends;
        skip[6] = p.exclude_weekends;
    }
    for s in &p.selected_days_to_skip {
        skip[DAYS.iter().position(|x| x == s).unwrap()] = true;
    }
    Naive { skip, blackouts: r.blackout_dates.iter().map(|b| (d(&b.start_date), d(&b.end_date))).collect() }
}

#[test]
fn the_calendar_agrees_with_canvas_day_by_day_algorithms() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for case in 0..300 {
        let r = random_request(&mut rng);
        let (cal, naive) = (calendar(&r.course_pace, &r.blackout_dates).unwrap(), naive_of(&r));
        let base = d(r.course_pace.start_date.as_deref().unwrap());
        for _ in 0..20 {
            let a = base + time::Duration::days(rng.next(240) as i64 - 30);
            let b = base + time::Duration::days(rng.next(240) as i64 - 30);
            let n = rng.next(30) as u32;
            assert_eq!(cal.day_is_enabled(a), !naive.disabled(a), "case {case}: {a}");
            assert_eq!(cal.first_enabled_day(a).unwrap(), naive.first_enabled(a), "case {case}: first from {a}");
            assert_eq!(cal.previous_enabled_day(a).unwrap(), naive.previous_enabled(a), "case {case}: before {a}");
            assert_eq!(cal.add_days(a, n).unwrap(), naive.add_days(a, n), "case {case}: {a} + {n}");
            for inclusive in [true, false] {
                assert_eq!(
                    cal.days_between(a, b, inclusive),
                    naive.days_between(a, b, inclusive),
                    "case {case}: {a}..{b} {inclusive}"
                );
            }
        }
    }
}

#[test]
fn plans_agree_with_canvas_compressor_run_day_by_day() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut squeezed = 0;
    for case in 0..400 {
        let r = random_request(&mut rng);
        let naive = naive_of(&r);
        let p = &r.course_pace;
        let start = d(p.start_date.as_deref().unwrap());
        let end = p.end_date.as_deref().map(d);
        let ds: Vec<u32> = p.course_pace_module_items_attributes.iter().map(|i| i.duration).collect();
        let plan = plan_pace(&r).unwrap();
        let want = naive.compress(start, end, &ds);
        assert_eq!(plan.durations.iter().map(|x| x.1).collect::<Vec<_>>(), want, "case {case}: durations");
        assert_eq!(
            plan.due_dates.iter().map(|x| x.1).collect::<Vec<_>>(),
            naive.due(start, &want),
            "case {case}: dates"
        );
        squeezed += usize::from(want != ds);
    }
    assert!(squeezed > 100, "only {squeezed} of 400 random plans were compressed");
}

#[test]
fn due_dates_are_enabled_ordered_within_a_feasible_end_and_stable_under_recompression() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for case in 0..400 {
        let r = random_request(&mut rng);
        let cal = calendar(&r.course_pace, &r.blackout_dates).unwrap();
        let plan = plan_pace(&r).unwrap();
        let due: Vec<Date> = plan.due_dates.iter().map(|x| x.1).collect();
        assert!(due.iter().all(|x| cal.day_is_enabled(*x)), "case {case}: a due date on a disabled day");
        assert!(due.windows(2).all(|w| w[0] <= w[1]), "case {case}: due dates go backwards");
        assert!(due.first().is_none_or(|f| *f >= plan.start_date), "case {case}: due before the start");
        if let Some(end) = plan.end_date.filter(|e| *e >= plan.start_date) {
            assert!(due.last().is_none_or(|l| *l <= end), "case {case}: ends after the feasible end {end}");
        }
        if !due.is_empty() {
            assert_eq!(
                plan.compressed,
                plan.projected_end_date.unwrap() > plan.end_date.unwrap_or(Date::MAX),
                "case {case}"
            );
        }
        // Compressing the compressed plan again changes nothing.
        let mut again = r.clone();
        for (item, (_, n)) in again.course_pace.course_pace_module_items_attributes.iter_mut().zip(&plan.durations) {
            item.duration = *n;
        }
        let again = plan_pace(&again).unwrap();
        assert_eq!(
            (&again.durations, &again.due_dates),
            (&plan.durations, &plan.due_dates),
            "case {case}: not idempotent"
        );
    }
}
