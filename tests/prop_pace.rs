//! Property tests of the pace engine on absurd input (issue 12 §2, "Property tests"): any day
//! from 0000-01-01 to 9999-12-31 (year < 100 and 29 February included), durations up to
//! `u32::MAX`, any set of skipped weekdays (all seven too), blackout ranges that overlap, run
//! backwards or span millennia, and whole requests as arbitrary JSON. Every run ends (the
//! engine's work is bounded by items + ranges, never by days), never panics, and either
//! refuses with one of the engine's own errors or gives a plan with these invariants: due
//! dates never go backwards, never fall on a skipped weekday or inside a blackout (checked
//! against the raw ranges, not the engine's calendar), never before the start, and, when
//! compressed, never after the end (or the start, when the end rolls back before it).
//!
//! `pace_engine.rs` checks the engine against a day-by-day port of Canvas over ordinary
//! plans; these tests are about the edges. Case counts are fixed (see `CASES`) so the run
//! stays well under a minute on a loaded two-core machine.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::Id;
use lms_widgets::pace::{
    calendar, compress, compress_dates, compress_dates_json, format_date, parse_date, plan_pace, plan_pace_json,
    round_durations, shift_durations_down, BlackoutInput, Calendar, Date, ItemInput, PaceError, PaceInput, PaceRequest,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Cases per property. Each case plans at most 40 items over at most 24 ranges.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() }
}

/// Julian days of 0000-01-01 and 9999-12-31, the days `YYYY-MM-DD` can write.
fn jd_bounds() -> (i32, i32) {
    (parse_date("0000-01-01").unwrap().to_julian_day(), parse_date("9999-12-31").unwrap().to_julian_day())
}

/// Any writable day, weighted towards the edges: years < 100, the last years before 10000,
/// leap days, and ordinary dates.
fn any_day() -> impl Strategy<Value = Date> {
    let (lo, hi) = jd_bounds();
    prop_oneof![
        3 => (lo..=hi).prop_map(|j| Date::from_julian_day(j).unwrap()),
        1 => (lo..lo + 36_600).prop_map(|j| Date::from_julian_day(j).unwrap()),
        1 => (hi - 3_000..=hi).prop_map(|j| Date::from_julian_day(j).unwrap()),
        1 => prop::sample::select(vec![
            "0000-02-29", "0004-02-29", "0096-02-29", "1900-02-28", "2000-02-29", "2024-02-29", "9996-02-29",
            "9999-12-31", "0000-01-01", "0001-01-01", "0099-12-31",
        ])
        .prop_map(|s| parse_date(s).unwrap()),
        3 => (0i64..4_000).prop_map(|n| parse_date("2020-01-01").unwrap() + time::Duration::days(n)),
    ]
}

fn any_duration() -> impl Strategy<Value = u32> {
    prop_oneof![6 => 0u32..15, 2 => 0u32..4_000, 1 => Just(u32::MAX), 1 => any::<u32>()]
}

/// A blackout near `anchor` (so it matters), anywhere, reversed, or millennia long.
fn any_blackout(anchor: Date) -> impl Strategy<Value = (Date, Date)> {
    let (lo, hi) = jd_bounds();
    let clamp = move |j: i64| Date::from_julian_day(j.clamp(i64::from(lo), i64::from(hi)) as i32).unwrap();
    let a = i64::from(anchor.to_julian_day());
    prop_oneof![
        4 => (-30i64..400, 0i64..40).prop_map(move |(o, len)| (clamp(a + o), clamp(a + o + len))),
        1 => (-30i64..400, 1i64..40).prop_map(move |(o, len)| (clamp(a + o + len), clamp(a + o))), // reversed
        1 => (any_day(), any_day()),
        1 => (-400i64..0, 0i64..3_000_000).prop_map(move |(o, len)| (clamp(a + o), clamp(a + o + len))), // huge
    ]
}

#[derive(Clone, Debug)]
struct Case {
    start: Date,
    end: Option<Date>,
    skip: [bool; 7],
    durations: Vec<u32>,
    blackouts: Vec<(Date, Date)>,
}

fn any_case() -> impl Strategy<Value = Case> {
    any_day().prop_flat_map(|start| {
        let end = prop_oneof![
            1 => Just(None),
            2 => (0i64..500).prop_map(move |n| Some(start.saturating_add(time::Duration::days(n)))),
            1 => any_day().prop_map(Some),
        ];
        let skip = prop_oneof![
            6 => any::<[bool; 7]>(),
            1 => Just([true; 7]),
            1 => (0usize..7).prop_map(|keep| core::array::from_fn(|i| i != keep)),
        ];
        (
            Just(start),
            end,
            skip,
            prop::collection::vec(any_duration(), 0..40),
            prop::collection::vec(any_blackout(start), 0..24),
        )
            .prop_map(|(start, end, skip, durations, blackouts)| Case {
                start,
                end,
                skip,
                durations,
                blackouts,
            })
    })
}

const CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn request(c: &Case) -> PaceRequest {
    PaceRequest {
        course_pace: PaceInput {
            start_date: Some(format_date(c.start)),
            end_date: c.end.map(format_date),
            // With no day selected, weekends are not skipped: the skip set is exactly `skip`.
            exclude_weekends: false,
            selected_days_to_skip: CODES.iter().zip(c.skip).filter(|(_, s)| *s).map(|(d, _)| d.to_string()).collect(),
            course_pace_module_items_attributes: c
                .durations
                .iter()
                .enumerate()
                .map(|(i, n)| ItemInput { id: None, duration: *n, module_item_id: Id::new(format!("m{i}")) })
                .collect(),
        },
        blackout_dates: c
            .blackouts
            .iter()
            .map(|(a, z)| BlackoutInput { start_date: format_date(*a), end_date: format_date(*z) })
            .collect(),
    }
}

/// Enabled by the definition, straight from the case (no [`Calendar`]).
fn enabled(c: &Case, d: Date) -> bool {
    !c.skip[d.weekday().number_days_from_monday() as usize] && !c.blackouts.iter().any(|(a, z)| *a <= d && d <= *z)
}

/// The errors absurd but well-formed input may get; anything else (or a panic) is a bug.
fn allowed(c: &Case, e: &PaceError) -> bool {
    match e {
        PaceError::NoEnabledDays => c.skip == [true; 7],
        PaceError::EndBeforeStart => c.end.is_some_and(|e| e < c.start),
        PaceError::OutOfRange => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn plans_of_absurd_calendars_end_and_keep_their_invariants(c in any_case()) {
        let r = request(&c);
        let plan = match plan_pace(&r) {
            Err(e) => {
                prop_assert!(allowed(&c, &e), "unexpected error {e:?} for {c:?}");
                prop_assert!(!e.to_string().is_empty());
                // The other entry points refuse the same request the same way.
                prop_assert_eq!(compress_dates(&r).unwrap_err(), e.clone());
                prop_assert_eq!(compress_dates_json(&r).unwrap_err(), e.clone());
                prop_assert_eq!(plan_pace_json(&r).unwrap_err(), e);
                return Ok(());
            }
            Ok(p) => p,
        };
        prop_assert!(c.skip != [true; 7]);
        let due: Vec<Date> = plan.due_dates.iter().map(|x| x.1).collect();
        prop_assert_eq!(due.len(), c.durations.len());
        prop_assert_eq!(plan.durations.len(), c.durations.len());
        prop_assert!(due.windows(2).all(|w| w[0] <= w[1]), "due dates go backwards: {:?}", due);
        for d in &due {
            prop_assert!(enabled(&c, *d), "{} is skipped or blacked out", d);
            prop_assert!(*d >= c.start, "{} is before the start {}", d, c.start);
        }
        prop_assert!(enabled(&c, plan.start_date) && plan.start_date >= c.start);
        if plan.compressed {
            let end = plan.end_date.expect("compressed without an end date");
            prop_assert!(enabled(&c, end) && Some(end) <= c.end);
            let bound = end.max(plan.start_date);
            prop_assert!(due.iter().all(|d| *d <= bound), "compressed past {}: {:?}", bound, due);
            prop_assert!(plan.durations.iter().zip(&c.durations).all(|((_, n), m)| n <= m), "compressing grew a duration");
        } else {
            prop_assert_eq!(plan.durations.iter().map(|x| x.1).collect::<Vec<_>>(), c.durations.clone());
        }
        // compress_dates and both JSON writers agree with the plan.
        let dates = compress_dates(&r).unwrap();
        prop_assert_eq!(dates.iter().map(|x| x.1).collect::<Vec<_>>(), due.clone());
        let json: Value = serde_json::from_str(&compress_dates_json(&r).unwrap()).unwrap();
        for (id, d) in &plan.due_dates {
            prop_assert_eq!(json[id].as_str().map(str::to_owned), Some(format_date(*d)));
        }
        let json: Value = serde_json::from_str(&plan_pace_json(&r).unwrap()).unwrap();
        prop_assert_eq!(json["compressed"].as_bool(), Some(plan.compressed));
        prop_assert_eq!(json["plan_end_date"].as_str().map(str::to_owned), due.last().map(|d| format_date(*d)));
    }

    #[test]
    fn calendar_questions_on_any_day_answer_or_refuse(
        skip in any::<[bool; 7]>(),
        ranges in prop::collection::vec((any_day(), any_day()), 0..24),
        a in any_day(),
        b in any_day(),
        n in any_duration(),
    ) {
        let cal = match Calendar::new(skip, &ranges) {
            Ok(cal) => cal,
            Err(e) => {
                prop_assert_eq!(e, PaceError::NoEnabledDays);
                prop_assert!(skip == [true; 7]);
                return Ok(());
            }
        };
        let c = Case { start: a, end: None, skip, durations: vec![], blackouts: ranges };
        prop_assert_eq!(cal.day_is_enabled(a), enabled(&c, a));
        match cal.first_enabled_day(a) {
            Ok(f) => prop_assert!(f >= a && enabled(&c, f)),
            Err(e) => prop_assert_eq!(e, PaceError::OutOfRange),
        }
        match cal.previous_enabled_day(a) {
            Ok(p) => prop_assert!(p < a && enabled(&c, p)),
            Err(e) => prop_assert_eq!(e, PaceError::OutOfRange),
        }
        match cal.add_days(a, n) {
            Ok(x) => {
                prop_assert!(x >= a && enabled(&c, x));
                // Exactly n enabled days lie after the rolled-forward start, up to x.
                let first = cal.first_enabled_day(a).unwrap();
                prop_assert_eq!(cal.days_between(first, x, true) - 1, i64::from(n));
            }
            Err(e) => prop_assert_eq!(e, PaceError::OutOfRange),
        }
        let (ab, ba) = (cal.days_between(a, b, true), cal.days_between(b, a, true));
        if a == b {
            prop_assert_eq!(ab, i64::from(enabled(&c, a)));
        } else {
            // Canvas's daysBetween: the reversed count covers the days strictly between.
            let (lo, hi) = (a.min(b), a.max(b));
            let inner = cal.days_between(lo, hi, true) - i64::from(enabled(&c, lo)) - i64::from(enabled(&c, hi));
            prop_assert_eq!(ab.min(ba), -inner);
            prop_assert!(ab.max(ba) >= 0);
        }
    }

    #[test]
    fn compress_and_rounding_take_any_numbers(
        xs in prop::collection::vec(prop_oneof![any::<f64>(), 0.0f64..20.0, Just(f64::NAN), Just(f64::INFINITY),
            Just(-1.0), Just(1e300)], 0..40),
        plan_length in any::<i64>(),
        mut ds in prop::collection::vec(any_duration(), 0..40),
        over in any::<i64>(),
    ) {
        let r = round_durations(&xs, plan_length);
        prop_assert_eq!(r.len(), xs.len());
        let before = ds.clone();
        shift_durations_down(&mut ds, over);
        prop_assert!(ds.iter().zip(&before).all(|(a, b)| a <= b));
        let taken: u64 = before.iter().zip(&ds).map(|(b, a)| u64::from(b - a)).sum();
        prop_assert_eq!(taken, u64::try_from(over.max(0)).unwrap().min(before.iter().map(|d| u64::from(*d)).sum()));
    }

    #[test]
    fn compress_alone_never_lengthens_a_plan(c in any_case()) {
        let Ok(cal) = Calendar::new(c.skip, &c.blackouts) else { return Ok(()) };
        match compress(&cal, c.start, c.end, &c.durations) {
            Ok(out) => {
                prop_assert_eq!(out.durations.len(), c.durations.len());
                if !out.compressed {
                    prop_assert_eq!(&out.durations, &c.durations);
                }
            }
            Err(e) => prop_assert_eq!(e, PaceError::OutOfRange),
        }
    }
}

// ------------------------------------------------------------------- requests as JSON

/// A JSON value of the shapes the pace reader meets, with its field names among the keys.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)), // NaN and infinities become null, as in JSON
        (-5i64..50).prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        any_day().prop_map(|d| Value::String(format_date(d))),
        prop::sample::select(vec![
            "",
            " ",
            "mon",
            "SUNDAY",
            "tu",
            "2",
            "-1",
            "1.5",
            "NaN",
            "Infinity",
            "1e400",
            "2024-02-30",
            "0000-00-00",
            "99999-01-01",
            "2026-09-01T00:00:00Z",
            "__proto__"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    let keys = prop::sample::select(vec![
        "course_pace",
        "blackout_dates",
        "start_date",
        "end_date",
        "exclude_weekends",
        "selected_days_to_skip",
        "course_pace_module_items_attributes",
        "id",
        "duration",
        "module_item_id",
        "__proto__",
        "constructor",
        "x",
    ]);
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone().prop_map(str::to_owned), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_json_request_is_read_or_refused_then_planned_or_refused(v in any_json()) {
        let text = v.to_string();
        let read = PaceRequest::from_deserializer(&mut serde_json::Deserializer::from_str(&text));
        let via_serde = serde_json::from_str::<PaceRequest>(&text);
        prop_assert_eq!(read.is_ok(), via_serde.is_ok());
        match read {
            Ok(r) => {
                if let Err(e) = plan_pace(&r) {
                    prop_assert!(!e.to_string().is_empty());
                }
                let _ = compress_dates_json(&r);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn arbitrary_text_is_never_a_panic(s in any::<String>(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = PaceRequest::from_deserializer(&mut serde_json::Deserializer::from_str(&s));
        let _ = PaceRequest::from_deserializer(&mut serde_json::Deserializer::from_slice(&bytes));
        let _ = parse_date(&s);
        if let Ok(d) = parse_date(&s) {
            // What parses writes back as the same day.
            prop_assert_eq!(parse_date(&format_date(d)), Ok(d));
        }
    }
}

/// A valid request of `n` items and `b` blackouts, as JSON.
fn valid(n: usize, b: usize) -> Value {
    json!({
        "course_pace": {
            "start_date": "2026-09-01", "end_date": "2026-12-18", "exclude_weekends": true,
            "course_pace_module_items_attributes":
                (0..n).map(|i| json!({"id": i, "duration": 2, "module_item_id": 100 + i})).collect::<Vec<_>>(),
        },
        "blackout_dates": (0..b).map(|_| json!({"start_date": "2026-10-05", "end_date": "2026-10-09"})).collect::<Vec<_>>(),
    })
}

fn read(v: &Value) -> Result<PaceRequest, PaceError> {
    PaceRequest::from_deserializer(&mut serde_json::Deserializer::from_str(&v.to_string()))
        .and_then(|r| plan_pace(&r).map(|_| r))
}

fn bad_duration() -> impl Strategy<Value = (Value, &'static str)> {
    prop::sample::select(vec![
        (json!(-1), "-1"),
        (json!(1.5), "1.5"),
        (json!("two"), "\"two\""),
        (json!("-3"), "\"-3\""),
        (json!(true), "true"),
        (json!([]), "a list or an object"),
        (json!({"__proto__": 1}), "a list or an object"),
        (json!(1e20), "100000000000000000000"),
        (json!(4_294_967_296u64), "4294967296"),
        (json!(i64::MIN), "-9223372036854775808"),
    ])
}

proptest! {
    #![proptest_config(config())]

    /// A bad field in item `k` of `n` is refused naming that item (counted from 1) and the
    /// value as it arrived, or the field's name.
    #[test]
    fn a_bad_item_field_is_named_with_its_item(n in 1usize..30, k in any::<prop::sample::Index>(),
        (bad, shown) in bad_duration(), id_kind in 0usize..5) {
        let k = k.index(n);
        let mut v = valid(n, 0);
        v["course_pace"]["course_pace_module_items_attributes"][k]["duration"] = bad;
        let e = read(&v).unwrap_err();
        prop_assert_eq!(&e, &PaceError::BadDuration { item: k, value: shown.into() });
        prop_assert!(e.to_string().starts_with(&format!("Item {}: the duration {shown} ", k + 1)), "{}", e);

        let mut v = valid(n, 0);
        let item = &mut v["course_pace"]["course_pace_module_items_attributes"][k];
        match id_kind {
            0 => { item.as_object_mut().unwrap().remove("module_item_id"); }
            1 => item["module_item_id"] = Value::Null,
            2 => item["module_item_id"] = json!("   "),
            3 => item["module_item_id"] = json!([1]),
            _ => item["module_item_id"] = json!(2.5),
        }
        let e = read(&v).unwrap_err();
        prop_assert_eq!(&e, &PaceError::NoModuleItemId { item: k });
        prop_assert_eq!(e.to_string(), format!("Item {} has no module_item_id", k + 1));
    }

    #[test]
    fn a_bad_blackout_or_date_is_named(b in 1usize..20, k in any::<prop::sample::Index>(), which in 0usize..2,
        value in prop_oneof![Just(Value::Null), Just(json!("")), Just(json!("  "))],
        bad_date in prop::sample::select(vec!["2026-02-30", "2026-13-01", "01/09/2026", "tomorrow", "2026-9-1",
            "\u{202e}2026-09-01", "2026-09-01\u{0}", "<script>window.__hostile=1</script>"])) {
        let k = k.index(b);
        let field = ["start_date", "end_date"][which];
        let mut v = valid(3, b);
        v["blackout_dates"][k][field] = value;
        let e = read(&v).unwrap_err();
        prop_assert_eq!(&e, &PaceError::NoBlackoutDate { index: k, field });
        prop_assert_eq!(e.to_string(), format!("Blackout date {} has no {field}", k + 1));

        for place in ["start", "end", "blackout"] {
            let mut v = valid(3, b);
            match place {
                "start" => v["course_pace"]["start_date"] = json!(bad_date),
                "end" => v["course_pace"]["end_date"] = json!(bad_date),
                _ => v["blackout_dates"][k][field] = json!(bad_date),
            }
            let e = read(&v).unwrap_err();
            prop_assert_eq!(&e, &PaceError::BadDate(bad_date.into()));
            prop_assert!(e.to_string().starts_with(&format!("{bad_date:?} is not a date")), "{}", e);
        }
    }

    #[test]
    fn a_bad_weekday_is_named(day in prop_oneof![
        any::<String>().prop_filter("not a weekday", |s| {
            let t = s.trim().to_ascii_lowercase();
            !(t.len() >= 3 && ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                .iter().any(|d| d.starts_with(&t)))
        }).prop_map(Value::String),
        Just(json!(5)), Just(json!(null)), Just(json!(true)), Just(json!({"constructor": "mon"})),
    ]) {
        let mut v = valid(2, 0);
        v["course_pace"]["selected_days_to_skip"] = json!(["mon", day.clone()]);
        let e = read(&v).unwrap_err();
        let PaceError::BadWeekday(shown) = &e else { panic!("{e:?}") };
        match &day {
            Value::String(s) => prop_assert_eq!(shown, &format!("{s:?}")),
            _ => prop_assert!(!shown.is_empty()),
        }
        prop_assert!(e.to_string().contains("is not a day of the week"));
    }
}

#[test]
fn rounding_huge_scaled_durations_does_not_overflow() {
    // Found by `compress_and_rounding_take_any_numbers`: 1e300 saturated to i64::MAX and the
    // sum of the rounded durations overflowed (a panic in debug builds, a wrong total in release).
    assert_eq!(round_durations(&[12.287483046346292, 1e300], 0), [12, u32::MAX]);
    assert_eq!(round_durations(&[1e300, 1e300, f64::MAX], i64::MAX), [u32::MAX; 3]);
}

#[test]
fn the_biggest_requests_finish_and_refuse_runaway_plans() {
    // 20,000 items of u32::MAX days: refused at the first item past the year 9999.
    let c = Case {
        start: parse_date("2026-09-01").unwrap(),
        end: None,
        skip: [false, false, false, false, false, true, true],
        durations: vec![u32::MAX; 20_000],
        blackouts: vec![],
    };
    assert_eq!(plan_pace(&request(&c)), Err(PaceError::OutOfRange));
    // 20,000 overlapping one-day-apart blackouts and 20,000 items: planned, within range.
    let start = parse_date("2000-01-03").unwrap();
    let c = Case {
        start,
        end: Some(parse_date("2100-01-01").unwrap()),
        skip: [false; 7],
        durations: vec![3; 20_000],
        blackouts: (0..20_000)
            .map(|i| (start + time::Duration::days(2 * i), start + time::Duration::days(2 * i + (i % 3))))
            .collect(),
    };
    let plan = plan_pace(&request(&c)).unwrap();
    // Checked against the raw ranges for every 100th item (all 20,000 would be the test's
    // own 400 million comparisons, not the engine's).
    assert!(plan.due_dates.iter().step_by(100).all(|(_, d)| enabled(&c, *d)));
    assert!(plan.due_dates.windows(2).all(|w| w[0].1 <= w[1].1));
    // One day of the week left, a blackout over all of 0000..9999 but the last week: the
    // first due date is that week's enabled day, or out of range.
    let c = Case {
        start: parse_date("0000-01-01").unwrap(),
        end: None,
        skip: [true, true, true, true, true, true, false],
        durations: vec![0, 1],
        blackouts: vec![(parse_date("0000-01-01").unwrap(), parse_date("9999-12-24").unwrap())],
    };
    assert_eq!(plan_pace(&request(&c)), Err(PaceError::OutOfRange));
    let cal = calendar(&request(&c).course_pace, &request(&c).blackout_dates).unwrap();
    assert_eq!(cal.first_enabled_day(c.start).map(format_date).as_deref(), Ok("9999-12-26"));
}
