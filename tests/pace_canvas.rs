//! Canvas's own examples, reproduced: the Ruby specs of the hard-end-date compressor and of
//! the `compress_dates` endpoint, and the Jest tests of the page's date helpers and of
//! `mergeAssignmentsAndBlackoutDates`. Each test names its source file and example.
//!
//! Canvas's specs set things up through models; the inputs below are what those models
//! amount to: a course pace's `exclude_weekends` defaults to true (its column default), and
//! the compressor's start is the course's start date.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::model::Id;
use lms_widgets::pace::{
    compress, compress_dates, compress_dates_in_module_order, format_date, merge_blackouts, pace_duration, parse_date,
    round_durations, shift_durations_down, BlackoutInput, Calendar, Date, ItemInput, PaceDuration, PaceError,
    PaceInput, PaceRequest, Row,
};

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn weekdays(blackouts: &[(&str, &str)]) -> Calendar {
    let b: Vec<_> = blackouts.iter().map(|(a, z)| (d(a), d(z))).collect();
    Calendar::from_settings(true, &[] as &[&str], &b).unwrap()
}

fn compressed(blackouts: &[(&str, &str)], start: &str, end: &str, durations: &[u32]) -> Vec<u32> {
    compress(&weekdays(blackouts), d(start), Some(d(end)), durations).unwrap().durations
}

// ------------------------------------------------ spec/lib/course_pace_hard_end_date_compressor_spec.rb
// Course starts 2021-09-01, pace end_date 2021-09-10; items of 10, 0 and 6 days.

#[test]
fn compressor_compresses_the_plan_items_by_the_required_percentage() {
    // "compresses the plan items by the required percentage to reach the hard end date"
    assert_eq!(compressed(&[], "2021-09-01", "2021-09-10", &[10, 0, 6]), [5, 0, 2]);
}

#[test]
fn compressor_does_nothing_within_the_end_date() {
    // "does nothing if the duration of the course pace is within the end date"
    let c = compress(&weekdays(&[]), d("2021-09-01"), Some(d("2022-09-10")), &[10, 0, 6]).unwrap();
    assert_eq!((c.durations, c.compressed), (vec![10, 0, 6], false));
}

#[test]
fn compressor_compresses_to_end_on_the_hard_end_date() {
    // "compresses to end on the hard end date"
    assert_eq!(compressed(&[], "2021-12-27", "2021-12-31", &[2, 4, 6]), [1, 1, 2]);
}

#[test]
fn compressor_respects_course_and_account_blackout_dates() {
    // "respects course blackout dates" and "respects account blackout dates" (a calendar
    // event flagged blackout_date is the same range to the engine).
    assert_eq!(compressed(&[("2021-09-01", "2021-09-01")], "2021-09-01", "2021-09-10", &[10, 0, 6]), [4, 0, 2]);
}

#[test]
fn compressor_treats_a_weekend_end_date_as_the_previous_friday() {
    // "considers the end date the previous Friday if it falls on the weekend" (and the
    // implicit course/term end examples, whose end is 2021-12-31 itself).
    assert_eq!(compressed(&[], "2021-12-27", "2022-01-02", &[2, 4, 6]), [1, 1, 2]);
    assert_eq!(compressed(&[], "2021-12-27", "2021-12-31", &[2, 4, 6]), [1, 1, 2]);
}

#[test]
fn compressor_paces_assignments_appropriately_if_there_are_too_many() {
    // "paces assignments appropriately if there are too many": 20 one-day items into 8 days.
    let want = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(compressed(&[], "2021-09-01", "2021-09-10", &[1; 20]), want);
}

#[test]
fn round_durations_examples() {
    // ".round_durations": "rounds up if doing so would not cause an overallocation",
    // "rounds down if rounding up would cause an overallocation", "rounds down",
    // "does calculates the groups based off their remainders".
    assert_eq!(round_durations(&[7.8], 78), [8]);
    assert_eq!(round_durations(&[7.8; 10], 78), [8, 8, 8, 8, 8, 8, 8, 8, 7, 7]);
    assert_eq!(round_durations(&[2.5], 2), [2]);
    assert_eq!(round_durations(&[0.2, 0.2, 0.1, 0.2, 0.2, 0.5, 0.5, 0.5, 0.5, 0.5], 3), [1, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
}

#[test]
fn shift_durations_down_examples() {
    // ".shift_durations_down": "decreases last item duration by the number of days over",
    // "decreases last and subsequent item durations", "decreases all durations to 0".
    for (mut ds, over, want) in [([5, 5, 5], 3, [5, 5, 2]), ([1, 1, 1], 2, [1, 0, 0]), ([1, 1, 1], 5, [0, 0, 0])] {
        shift_durations_down(&mut ds, over);
        assert_eq!(ds, want);
    }
}

// ------------------------------------------------ spec/controllers/course_paces_controller_spec.rb, POST #compress_dates
// Course starts 2021-09-30 with a blackout on 2021-10-03; the valid params send two items of
// 1 and 10 days.

fn body(start: &str, end: Option<&str>, durations: &[u32], blackouts: &[(&str, &str)]) -> PaceRequest {
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
                    id: Some(Id::new((i + 1).to_string())),
                    duration: *n,
                    module_item_id: Id::new((101 + i).to_string()),
                })
                .collect(),
        },
        blackout_dates: std::iter::once(&("2021-10-03", "2021-10-03"))
            .chain(blackouts)
            .map(|(a, z)| BlackoutInput { start_date: a.to_string(), end_date: z.to_string() })
            .collect(),
    }
}

fn values(dates: Vec<(String, Date)>) -> Vec<String> {
    dates.into_iter().map(|(_, d)| format_date(d)).collect()
}

#[test]
fn compress_dates_returns_a_compressed_list_of_dates() {
    // "returns a compressed list of dates": end_date = pace start + 5 days.
    assert_eq!(
        values(compress_dates(&body("2021-09-30", Some("2021-10-05"), &[1, 10], &[])).unwrap()),
        ["2021-09-30", "2021-10-05"]
    );
}

#[test]
fn compress_dates_supports_changing_durations_and_start_dates() {
    // "supports changing durations and start dates"
    assert_eq!(
        values(compress_dates(&body("2021-11-01", Some("2021-11-05"), &[1, 10], &[])).unwrap()),
        ["2021-11-01", "2021-11-05"]
    );
}

#[test]
fn compress_dates_squishes_proportionally_and_ends_on_the_end_date() {
    // "squishes proportionally and ends on the end date"
    let r = body("2021-12-27", Some("2021-12-31"), &[2, 4, 6], &[]);
    assert_eq!(values(compress_dates(&r).unwrap()), ["2021-12-28", "2021-12-29", "2021-12-31"]);
}

#[test]
fn compress_dates_rolls_over_years_properly() {
    // "rolls over years properly": four items submitted as A1, A2, A3, A4 (7, 6, 5, 5 days),
    // compressed in that order, but A4 sits in module 1 after A1, so Canvas re-chains and
    // answers in module order A1, A4, A2, A3.
    let r = body("2021-12-13", Some("2022-01-12"), &[7, 6, 5, 5], &[]);
    let dates = compress_dates_in_module_order(&r, &[0, 3, 1, 2]).unwrap();
    assert_eq!(dates.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["101", "104", "102", "103"]);
    assert_eq!(values(dates), ["2021-12-22", "2021-12-28", "2022-01-05", "2022-01-12"]);
    // Had the items been in module order already, the same compression chains differently.
    assert_eq!(values(compress_dates(&r).unwrap()), ["2021-12-22", "2021-12-30", "2022-01-06", "2022-01-12"]);
}

#[test]
fn compress_dates_returns_an_error_if_the_start_date_is_after_the_end_date() {
    // "returns an error if the start date is after the end date"
    let e = compress_dates(&body("2022-01-27", Some("2022-01-20"), &[1, 10], &[])).unwrap_err();
    assert_eq!(
        (e.clone(), e.to_string().as_str()),
        (PaceError::EndBeforeStart, "End date cannot be before start date")
    );
}

#[test]
fn compress_dates_returns_uncompressed_items_if_the_end_date_is_not_set() {
    // "returns uncompressed items if the end date is not set"
    assert_eq!(values(compress_dates(&body("2022-01-27", None, &[1, 10], &[])).unwrap()), ["2022-01-28", "2022-02-11"]);
}

#[test]
fn compress_dates_returns_the_dates_in_the_correct_order() {
    // "returns the dates in the correct order": five one-day items, keys in the order sent.
    let r = body("2021-11-01", Some("2021-11-06"), &[1; 5], &[]);
    let keys: Vec<String> = compress_dates(&r).unwrap().into_iter().map(|x| x.0).collect();
    assert_eq!(keys, ["101", "102", "103", "104", "105"]);
}

#[test]
fn compress_dates_prefers_incoming_blackout_dates_over_the_course_ones() {
    // "prefers incoming blackout dates over what is already on the course": Thu 30 Sep and
    // Fri 1 Oct blacked out; "skip the weekend, then due dates are mon and tues".
    let r = body("2021-09-30", Some("2021-10-05"), &[1, 10], &[("2021-09-30", "2021-10-01")]);
    assert_eq!(values(compress_dates(&r).unwrap()), ["2021-10-04", "2021-10-05"]);
}

// ------------------------------------------------ ui/features/course_paces/react/utils/__tests__/date_helpers.test.ts
// (and date_helpers1.test.ts, the same cases). Each case runs with the skip-selected-days flag
// off (exclude_weekends) and on (selected_days_to_skip), with the same expectations.

fn both_ways(exclude_weekends: bool, blackouts: &[(&str, &str)]) -> [Calendar; 2] {
    let b: Vec<_> = blackouts.iter().map(|(a, z)| (d(a), d(z))).collect();
    let days: &[&str] = if exclude_weekends { &["sat", "sun"] } else { &[] };
    [
        Calendar::from_settings(exclude_weekends, &[] as &[&str], &b).unwrap(),
        Calendar::from_settings(exclude_weekends, days, &b).unwrap(),
    ]
}

#[test]
fn add_days_examples() {
    // describe('addDays'): description, start, days to add, weekends skipped, blackouts, expected.
    type Case<'a> = (&'a str, &'a str, u32, bool, &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 7] = [
        ("add days to the given start_date - No days skipped", "2022-05-02", 4, false, &[], "2022-05-06"),
        ("weekend days selected to be skipped", "2022-04-29", 4, true, &[], "2022-05-05"),
        (
            "weekend days selected to be skipped when they fall on the start_date date",
            "2022-04-30",
            4,
            true,
            &[],
            "2022-05-06",
        ),
        ("skips blackout dates", "2022-05-02", 4, false, &[("2022-05-03", "2022-05-04")], "2022-05-08"),
        (
            "weekend days selected to be skipped and blackout dates",
            "2022-05-02",
            4,
            true,
            &[("2022-05-03", "2022-05-04")],
            "2022-05-10",
        ),
        ("skips single-day blackout dates", "2022-05-02", 4, false, &[("2022-05-03", "2022-05-03")], "2022-05-07"),
        (
            "skips blackout dates that cover the start_date",
            "2022-05-02",
            4,
            false,
            &[("2022-04-30", "2022-05-04")],
            "2022-05-09",
        ),
    ];
    for (what, start, n, weekends, blackouts, want) in cases {
        for cal in both_ways(weekends, blackouts) {
            assert_eq!(format_date(cal.add_days(d(start), n).unwrap()), want, "{what}");
        }
    }
    // date_helpers1.test.ts, 'with explicit timezone parameter': "handles weekend exclusion
    // correctly with timezone" (Fri 6 May + 2 weekdays).
    assert_eq!(weekdays(&[]).add_days(d("2022-05-06"), 2).unwrap(), d("2022-05-10"));
}

#[test]
fn days_between_examples() {
    // describe('daysBetween')
    type Case<'a> = (&'a str, &'a str, &'a str, bool, &'a [(&'a str, &'a str)], bool, i64);
    let cases: [Case; 5] = [
        ("counts unskipped days, inclusive", "2022-05-16", "2022-05-20", false, &[], true, 5),
        ("counts unskipped days, exclusive", "2022-05-16", "2022-05-20", false, &[], false, 4),
        ("skips weekends", "2022-05-13", "2022-05-20", true, &[], true, 6),
        ("skips blackout dates", "2022-05-02", "2022-05-06", true, &[("2022-05-03", "2022-05-04")], true, 3),
        (
            "skips blackout dates and weekends",
            "2022-05-05",
            "2022-05-13",
            true,
            &[("2022-05-06", "2022-05-10")],
            true,
            4,
        ),
    ];
    for (what, a, b, weekends, blackouts, inclusive, want) in cases {
        for cal in both_ways(weekends, blackouts) {
            assert_eq!(cal.days_between(d(a), d(b), inclusive), want, "{what}");
        }
    }
}

#[test]
fn raw_days_between_inclusive_examples() {
    // describe('rawDaysBetweenInclusive'): "counts days", "handles start == end" — the
    // calendar-day count behind getPaceDuration.
    assert_eq!(pace_duration(d("2022-05-16"), d("2022-05-20"), None), PaceDuration { weeks: 0, days: 5 });
    assert_eq!(pace_duration(d("2022-05-16"), d("2022-05-16"), None), PaceDuration { weeks: 0, days: 1 });
}

// ------------------------------------------------ ui/features/course_paces/react/reducers/__tests__/course_paces.test.ts
// describe('mergeAssignmentsAndBlackoutDates'); the pace starts 2022-04-01.

fn merged(end: Option<&str>, sizes: &[usize], due: &[&str], blackouts: &[(&str, &str)]) -> Vec<Vec<Row>> {
    let due: Vec<Option<Date>> = due.iter().map(|s| Some(d(s))).collect();
    let b: Vec<_> = blackouts.iter().map(|(a, z)| (d(a), d(z))).collect();
    merge_blackouts(Some(d("2022-04-01")), end.map(d), sizes, &due, &b)
}

use Row::{Blackout as B, Item as I};

#[test]
fn merge_discards_blackout_dates_before_the_pace_start() {
    assert_eq!(merged(None, &[1], &["2022-05-01"], &[("2022-01-01", "2022-01-01")]), [vec![I(0)]]);
}

#[test]
fn merge_discards_blackout_dates_after_pace_end() {
    assert_eq!(merged(Some("2022-05-31"), &[1], &["2022-05-01"], &[("2022-06-01", "2022-06-01")]), [vec![I(0)]]);
}

#[test]
fn merge_discards_blackout_dates_after_the_last_due_date_if_pace_has_no_end_date() {
    let rows = merged(None, &[1], &["2022-05-01"], &[("2022-04-15", "2022-04-15"), ("2022-06-01", "2022-06-01")]);
    assert_eq!(rows, [vec![B(0), I(0)]]);
}

#[test]
fn merge_inserts_blackout_dates_into_the_module() {
    let rows = merged(Some("2022-05-31"), &[2], &["2022-04-15", "2022-05-01"], &[("2022-04-20", "2022-04-22")]);
    assert_eq!(rows, [vec![I(0), B(0), I(1)]]);
}

const FOUR: [&str; 4] = ["2022-04-15", "2022-04-25", "2022-05-01", "2022-05-05"];

#[test]
fn merge_puts_blackout_dates_between_modules_into_the_latter_one() {
    let rows = merged(Some("2022-05-31"), &[2, 2], &FOUR, &[("2022-04-26", "2022-04-27")]);
    assert_eq!(rows, [vec![I(0), I(1)], vec![B(0), I(2), I(3)]]);
}

#[test]
fn merge_adds_any_blackout_dates_after_the_last_assignment_to_the_last_module() {
    let rows = merged(Some("2022-05-31"), &[2, 2], &FOUR, &[("2022-05-26", "2022-05-27")]);
    assert_eq!(rows, [vec![I(0), I(1)], vec![I(2), I(3), B(0)]]);
}

#[test]
fn merge_works_if_there_are_no_blackout_dates_in_the_2nd_module() {
    let rows = merged(Some("2022-05-31"), &[2, 2], &FOUR, &[("2022-04-17", "2022-04-17")]);
    assert_eq!(rows, [vec![I(0), B(0), I(1)], vec![I(2), I(3)]]);
}

#[test]
fn merge_orders_a_modules_blackouts_by_their_first_day_and_skips_empty_modules() {
    // Not a Canvas example: the same rules with several blackouts, given out of order, and an
    // empty module in the middle (it takes none; the next module does).
    let rows = merged(
        Some("2022-05-31"),
        &[1, 0, 2],
        &["2022-04-15", "2022-05-01", "2022-05-05"],
        &[
            ("2022-04-10", "2022-04-10"),
            ("2022-04-05", "2022-04-06"),
            ("2022-04-20", "2022-04-20"),
            ("2022-05-02", "2022-05-02"),
        ],
    );
    assert_eq!(rows, [vec![B(1), B(0), I(0)], vec![], vec![B(2), I(1), B(3), I(2)]]);
}
