//! `pace::calendar_day_ms`: the instant a calendar day is formatted at (issue 12 §1, small
//! traps: two-digit years were displayed as 19xx by JavaScript's `Date.UTC`).
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::pace::calendar_day_ms;

const DAY: f64 = 86_400_000.0;
/// 0001-01-01T00:00:00Z, the proleptic Gregorian calendar's first day (.NET's and Java's
/// well-known offset of 62,135,596,800 s).
const YEAR_ONE: f64 = -62_135_596_800_000.0;

#[test]
fn years_below_100_are_those_years_not_19xx() {
    // 0025-03-01: years 1..=24 hold 24 * 365 + 6 leap days, then 31 + 28 days of 25.
    assert_eq!(calendar_day_ms("0025-03-01"), Some(YEAR_ONE + (24.0 * 365.0 + 6.0 + 59.0) * DAY));
    // What `Date.UTC(25, 2, 1)` gives: 1925-03-01.
    assert_ne!(calendar_day_ms("0025-03-01"), Some(-1_414_713_600_000.0));
    assert_eq!(calendar_day_ms("0001-01-01"), Some(YEAR_ONE));
    assert_eq!(calendar_day_ms("0099-12-31T23:00:00-05:00"), Some(YEAR_ONE + (99.0 * 365.0 + 24.0 - 1.0) * DAY));
}

#[test]
fn ordinary_days_and_the_epoch() {
    assert_eq!(calendar_day_ms("1970-01-01"), Some(0.0));
    assert_eq!(calendar_day_ms("2026-03-01"), Some(20_513.0 * DAY));
    assert_eq!(calendar_day_ms("2024-02-29"), Some(19_782.0 * DAY));
    assert_eq!(calendar_day_ms("1969-12-31"), Some(-DAY));
}

#[test]
fn text_that_is_not_a_real_day_has_no_instant() {
    for s in ["", "2026-02-30", "2026-13-01", "26-03-01", "03/01/2026", "2026-03-01junk", "９９９９-01-01"] {
        assert_eq!(calendar_day_ms(s), None, "{s:?}");
    }
}
