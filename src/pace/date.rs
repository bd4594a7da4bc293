//! `YYYY-MM-DD` in and out, by hand: `time`'s parsing and formatting features would cost
//! about 24 KB gzipped in the wasm build.

use super::{Date, PaceError};

/// Parses a calendar day written `YYYY-MM-DD`, as Canvas sends dates. A time after it
/// (`2026-09-01T00:00:00-06:00`, or after a space) is ignored, as Ruby's `Date.parse`
/// ignores it in `compress_dates`: the day is the one written, whatever the offset.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{format_date, parse_date};
/// let d = parse_date("2024-02-29T23:59:59-07:00").unwrap();
/// assert_eq!(format_date(d), "2024-02-29");
/// assert!(parse_date("2023-02-29").is_err()); // not a leap year
/// assert!(parse_date("09/01/2026").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<Date, PaceError> {
    let bad = || PaceError::BadDate(s.to_owned());
    let t = s.trim().as_bytes();
    if t.len() < 10 || (t.len() > 10 && t[10] != b'T' && t[10] != b' ') {
        return Err(bad());
    }
    let digits = |r: core::ops::Range<usize>| -> Result<u32, PaceError> {
        t[r].iter()
            .try_fold(0u32, |n, &c| if c.is_ascii_digit() { Ok(n * 10 + u32::from(c - b'0')) } else { Err(bad()) })
    };
    if t[4] != b'-' || t[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let month = u8::try_from(m).ok().and_then(|m| time::Month::try_from(m).ok()).ok_or_else(bad)?;
    let day = u8::try_from(d).map_err(|_| bad())?;
    // y < 10,000 by construction, so it fits an i32.
    Date::from_calendar_date(y as i32, month, day).map_err(|_| bad())
}

/// Writes a day as `YYYY-MM-DD`.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{format_date, parse_date};
/// assert_eq!(format_date(parse_date("0999-01-09").unwrap()), "0999-01-09");
/// ```
pub fn format_date(d: Date) -> String {
    let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
    if y < 0 {
        return format!("-{:04}-{m:02}-{day:02}", -i64::from(y));
    }
    // By hand: this runs for every due date of every plan, and `format!` is slow in wasm.
    let y = y as u32; // 0..=9999
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), '-']);
    s.extend([digit(u32::from(m) / 10), digit(u32::from(m)), '-', digit(u32::from(day) / 10), digit(u32::from(day))]);
    s
}

/// Milliseconds since 1970-01-01 at UTC midnight of the day `YYYY-MM-DD` (a time after it
/// is ignored), or `None` if it is not a real day.
///
/// Computed here rather than with JavaScript's `Date.UTC(y, m, d)`, which reads years
/// 0–99 as 1900–1999: a pace dated `0025-03-01` would show as 1925.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::calendar_day_ms;
/// assert_eq!(calendar_day_ms("1970-01-02"), Some(86_400_000.0));
/// assert_eq!(calendar_day_ms("0001-01-01"), Some(-62_135_596_800_000.0));
/// assert_eq!(calendar_day_ms("2026-02-30"), None);
/// ```
pub fn calendar_day_ms(ymd: &str) -> Option<f64> {
    const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;
    let day = parse_date(ymd).ok()?;
    Some(f64::from(day.to_julian_day() - UNIX_EPOCH_JULIAN_DAY) * 86_400_000.0)
}
