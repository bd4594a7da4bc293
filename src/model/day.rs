//! A calendar day as the instant the browser formats it.

/// Milliseconds since 1970-01-01 at UTC midnight of the day `YYYY-MM-DD` (a time after it
/// is ignored), or `None` if it is not a real day.
///
/// Computed here rather than with JavaScript's `Date.UTC(y, m, d)`, which reads years
/// 0–99 as 1900–1999: a pace dated `0025-03-01` would show as 1925.
///
/// ## Usage
/// ```
/// use lms_widgets::model::calendar_day_ms;
/// assert_eq!(calendar_day_ms("1970-01-02"), Some(86_400_000.0));
/// assert_eq!(calendar_day_ms("0001-01-01"), Some(-62_135_596_800_000.0));
/// assert_eq!(calendar_day_ms("2026-02-30"), None);
/// ```
pub fn calendar_day_ms(ymd: &str) -> Option<f64> {
    const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;
    let day = crate::pace::parse_date(ymd).ok()?;
    Some(f64::from(day.to_julian_day() - UNIX_EPOCH_JULIAN_DAY) * 86_400_000.0)
}
