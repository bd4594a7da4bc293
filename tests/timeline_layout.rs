//! The pace timeline's axis layout.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::timeline::{layout, Bar, Shade, ShadedRun};
use time::{Date, Month, Weekday};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap()
}

fn weekends(date: Date) -> Option<Shade> {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday).then_some(Shade::Skipped)
}

#[test]
fn axis_starts_on_the_monday_before_the_plan_start_and_covers_whole_weeks() {
    // 2026-01-07 is a Wednesday.
    let a = layout(d(2026, 1, 7), &[Some(d(2026, 1, 9))], None, None, 4000, |_| None);
    assert_eq!(a.origin, d(2026, 1, 5));
    assert_eq!(a.days % 7, 0);
    assert!(a.days >= 7 + 5, "the last due day plus a week of air is shown");
    assert_eq!(a.weeks[0], (0, d(2026, 1, 5)));
    assert_eq!(a.weeks[1], (7, d(2026, 1, 12)));
}

#[test]
fn weekend_runs_are_merged() {
    let a = layout(d(2026, 1, 5), &[Some(d(2026, 1, 16))], None, None, 4000, weekends);
    assert_eq!(a.shaded[0], ShadedRun { start: 5, len: 2, kind: Shade::Skipped });
    assert_eq!(a.shaded[1], ShadedRun { start: 12, len: 2, kind: Shade::Skipped });
}

#[test]
fn bars_run_from_the_day_after_the_previous_due_date_through_their_own() {
    let dues = [Some(d(2026, 1, 6)), Some(d(2026, 1, 6)), Some(d(2026, 1, 9)), None];
    let a = layout(d(2026, 1, 5), &dues, None, None, 4000, |_| None);
    assert_eq!(a.bars[0], Some(Bar { start: 0, end: 1 }));
    assert_eq!(a.bars[1], Some(Bar { start: 1, end: 1 }), "a zero-day item is a one-day mark on its predecessor's day");
    assert_eq!(a.bars[2], Some(Bar { start: 2, end: 4 }));
    assert_eq!(a.bars[3], None);
}

#[test]
fn today_and_end_markers_only_when_on_the_axis() {
    let a = layout(d(2026, 1, 5), &[Some(d(2026, 1, 9))], Some(d(2026, 1, 20)), Some(d(2025, 12, 1)), 4000, |_| None);
    assert_eq!(a.today, None);
    assert_eq!(a.end, Some(15));
    assert!(a.days > 15, "the axis reaches the end date even past the last due date");
}

#[test]
fn a_runaway_plan_is_capped() {
    let a = layout(d(2026, 1, 5), &[Some(d(2040, 1, 1))], None, None, 700, |_| None);
    assert_eq!(a.days, 700);
    assert_eq!(a.bars[0], Some(Bar { start: 0, end: 699 }));
}
