//! Canvas's course-pace engine, in pure Rust: the calendar (skipped weekdays, blackout
//! ranges), chained due dates, and hard-end-date compression exactly as Canvas's server
//! computes them (`canvas-api.md` §3.4–3.5). It backs `planPace`/`compressDates` in
//! JavaScript, the timeline widget, and the simulator's `compress_dates` endpoint.
//!
//! ## Usage
//! ```
//! use lms_widgets::pace::{compress_dates, format_date, PaceRequest};
//! let req: PaceRequest = serde_json::from_str(r#"{
//!   "course_pace": { "start_date": "2026-09-01", "end_date": "2026-09-04", "exclude_weekends": true,
//!     "course_pace_module_items_attributes": [
//!       { "id": 1, "duration": 2, "module_item_id": 11 },
//!       { "id": 2, "duration": 5, "module_item_id": 12 } ] },
//!   "blackout_dates": [] }"#).unwrap();
//! let dates = compress_dates(&req).unwrap();
//! // 7 days of work squeezed into Tue 1 – Fri 4 September.
//! assert_eq!(format_date(dates[1].1), "2026-09-04");
//! ```

mod calendar;
mod compress;

pub use calendar::Calendar;
pub use compress::{compress, due_dates, round_durations, shift_durations_down, Compressed};

use crate::model::Id;
use core::fmt;
use serde::de::{self, Deserializer};
use serde::Deserialize;

/// A calendar day.
pub type Date = time::Date;

/// What can be wrong with a pace request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaceError {
    /// A date that is not `YYYY-MM-DD`.
    BadDate(String),
    /// The request has no start date.
    NoStartDate,
    /// Canvas's own message for an end date before the start date.
    EndBeforeStart,
    /// A blackout range whose end is before its start.
    BadBlackout(String),
    /// Every weekday is skipped, so no day can hold a due date.
    NoEnabledDays,
    /// The plan runs past the calendar's range (year 9999).
    OutOfRange,
}

impl fmt::Display for PaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaceError::BadDate(s) => write!(f, "{s:?} is not a date (expected YYYY-MM-DD)"),
            PaceError::NoStartDate => f.write_str("The pace has no start date"),
            PaceError::EndBeforeStart => f.write_str("End date cannot be before start date"),
            PaceError::BadBlackout(s) => write!(f, "The blackout date {s} ends before it starts"),
            PaceError::NoEnabledDays => f.write_str("Every day of the week is skipped, so nothing can be due"),
            PaceError::OutOfRange => f.write_str("The pace runs past the year 9999"),
        }
    }
}

impl std::error::Error for PaceError {}

/// Parses `YYYY-MM-DD` (a time part after it, as Canvas sometimes sends, is ignored).
pub fn parse_date(s: &str) -> Result<Date, PaceError> {
    let bad = || PaceError::BadDate(s.to_owned());
    let t = s.trim();
    let d = t.get(..10).ok_or_else(bad)?;
    if t.len() > 10 && !t[10..].starts_with(['T', ' ']) {
        return Err(bad());
    }
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: core::ops::Range<usize>| -> Result<u32, PaceError> {
        let p = &d[r];
        if p.bytes().all(|c| c.is_ascii_digit()) {
            p.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (y, m, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let month = time::Month::try_from(u8::try_from(m).map_err(|_| bad())?).map_err(|_| bad())?;
    Date::from_calendar_date(y as i32, month, u8::try_from(day).map_err(|_| bad())?).map_err(|_| bad())
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The body of Canvas's `POST …/course_pacing/compress_dates` (and of `planPace`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceRequest {
    /// The pace.
    pub course_pace: PaceInput,
    /// Blackout ranges (other fields such as `event_title` are ignored).
    #[serde(default, deserialize_with = "null_empty")]
    pub blackout_dates: Vec<BlackoutInput>,
}

/// `course_pace` in a [`PaceRequest`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceInput {
    /// The start date.
    #[serde(default)]
    pub start_date: Option<String>,
    /// The (hard) end date, if any.
    #[serde(default)]
    pub end_date: Option<String>,
    /// Skip Saturdays and Sundays.
    #[serde(default, deserialize_with = "null_false")]
    pub exclude_weekends: bool,
    /// Weekdays to skip (`"mon"` … `"sun"`); combined with `exclude_weekends`.
    #[serde(default, deserialize_with = "null_empty")]
    pub selected_days_to_skip: Vec<String>,
    /// The items, in the order they are due.
    #[serde(default, deserialize_with = "null_empty")]
    pub course_pace_module_items_attributes: Vec<ItemInput>,
}

/// One item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ItemInput {
    /// The pace item id.
    #[serde(default)]
    pub id: Option<Id>,
    /// Days after the previous item (a whole number ≥ 0; numeric strings accepted).
    #[serde(deserialize_with = "whole_days")]
    pub duration: u32,
    /// The module item id: the key of the results.
    pub module_item_id: Id,
}

/// A blackout range.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct BlackoutInput {
    /// First day.
    pub start_date: String,
    /// Last day (inclusive).
    pub end_date: String,
}

/// What [`plan_pace`] computes.
#[derive(Clone, Debug, PartialEq)]
pub struct PacePlan {
    /// `(module_item_id, due date)` in the given order, after compression.
    pub due_dates: Vec<(String, Date)>,
    /// `(module_item_id, duration)` after compression.
    pub durations: Vec<(String, u32)>,
    /// Whether the durations had to be compressed to meet the end date.
    pub compressed: bool,
    /// The last item's uncompressed due date (the start when there are no items).
    pub projected_end_date: Option<Date>,
    /// The last item's due date in this plan.
    pub plan_end_date: Option<Date>,
    /// The start, rolled forward to an enabled day.
    pub start_date: Date,
    /// The end date rolled back to an enabled day, if any.
    pub end_date: Option<Date>,
}

/// Builds the calendar of a request.
pub fn calendar(p: &PaceInput, blackouts: &[BlackoutInput]) -> Result<Calendar, PaceError> {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut skip = [false; 7];
    if p.exclude_weekends {
        skip[5] = true;
        skip[6] = true;
    }
    for d in &p.selected_days_to_skip {
        let key = d.trim().to_ascii_lowercase();
        if let Some(i) = DAYS.iter().position(|x| key.starts_with(x)) {
            skip[i] = true;
        }
    }
    let ranges = blackouts
        .iter()
        .map(|b| {
            let (s, e) = (parse_date(&b.start_date)?, parse_date(&b.end_date)?);
            if e < s {
                return Err(PaceError::BadBlackout(format!("{} – {}", b.start_date, b.end_date)));
            }
            Ok((s, e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Calendar::new(skip, &ranges)
}

/// Plans a pace: due dates, compression to the end date, projected and planned ends.
pub fn plan_pace(req: &PaceRequest) -> Result<PacePlan, PaceError> {
    let p = &req.course_pace;
    let start = parse_date(p.start_date.as_deref().ok_or(PaceError::NoStartDate)?)?;
    let end = p.end_date.as_deref().filter(|s| !s.trim().is_empty()).map(parse_date).transpose()?;
    if end.is_some_and(|e| e < start) {
        return Err(PaceError::EndBeforeStart);
    }
    let cal = calendar(p, &req.blackout_dates)?;
    let items = &p.course_pace_module_items_attributes;
    let durations: Vec<u32> = items.iter().map(|i| i.duration).collect();
    let start = cal.first_enabled_day(start)?;
    let plain = due_dates(&cal, start, &durations)?;
    let c = compress(&cal, start, end, &durations)?;
    let due = if c.compressed { due_dates(&cal, start, &c.durations)? } else { plain.clone() };
    let ids = || items.iter().map(|i| i.module_item_id.as_str().to_owned());
    Ok(PacePlan {
        due_dates: ids().zip(due.iter().copied()).collect(),
        durations: ids().zip(c.durations.iter().copied()).collect(),
        compressed: c.compressed,
        projected_end_date: Some(plain.last().copied().unwrap_or(start)),
        plan_end_date: due.last().copied(),
        start_date: start,
        end_date: match end {
            Some(e) if cal.day_is_enabled(e) => Some(e),
            Some(e) => cal.previous_enabled_day(e).ok(),
            None => None,
        },
    })
}

/// What Canvas's `compress_dates` returns: `(module_item_id, date)` for every item,
/// compressed when the projected end reaches the end date, else the plain due dates.
pub fn compress_dates(req: &PaceRequest) -> Result<Vec<(String, Date)>, PaceError> {
    Ok(plan_pace(req)?.due_dates)
}

fn null_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

fn null_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn whole_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = u32;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number of days from 0 to 3650")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v)
                .ok()
                .filter(|v| *v <= 3650)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
            u64::try_from(v)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                .and_then(|v| self.visit_u64(v))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
            if v.is_finite() && v.fract() == 0.0 && (0.0..=3650.0).contains(&v) {
                Ok(v as u32)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
            v.trim()
                .parse::<u64>()
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
                .and_then(|n| self.visit_u64(n))
        }
    }
    d.deserialize_any(V)
}
