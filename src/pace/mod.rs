//! Canvas's course-pace engine in pure Rust: the calendar (skipped weekdays, blackout
//! ranges), chained due dates, hard-end-date compression exactly as Canvas's server computes
//! it (`canvas-api.md` §3.4–3.5), the time to complete, and blackout rows merged into the
//! modules as Canvas's page shows them. It backs `planPace`/`compressDates` in JavaScript,
//! the timeline widget and the simulator's `compress_dates`.
//!
//! ## Usage
//! ```
//! use lms_widgets::pace::{compress_dates, format_date, plan_pace, PaceRequest};
//! let req: PaceRequest = serde_json::from_str(r#"{
//!   "course_pace": { "start_date": "2026-09-01", "end_date": "2026-09-04", "exclude_weekends": true,
//!     "course_pace_module_items_attributes": [
//!       { "id": 1, "duration": 2, "module_item_id": 11 },
//!       { "id": 2, "duration": 5, "module_item_id": "12" } ] },
//!   "blackout_dates": [] }"#).unwrap();
//! // 7 weekdays of work squeezed into Tue 1 – Fri 4 September.
//! let dates = compress_dates(&req).unwrap();
//! assert_eq!(dates[1], ("12".to_string(), lms_widgets::pace::parse_date("2026-09-04").unwrap()));
//! let plan = plan_pace(&req).unwrap();
//! assert!(plan.compressed);
//! assert_eq!(plan.projected_end_date.map(format_date).as_deref(), Some("2026-09-10"));
//! ```
//!
//! ## Canvas notes
//! - Items are taken in the order given; Canvas's page sends them in module order.
//! - `selected_days_to_skip`, when not empty, wins over `exclude_weekends` (Saturday and
//!   Sunday); an absent `exclude_weekends` is `true`, Canvas's column default.
//! - Blackout dates are inclusive at both ends; one that ends before it starts covers no day.

mod calendar;
mod compress;
mod date;
mod json;
mod merge;

pub use crate::error::PaceError;
pub use crate::model::{BlackoutInput, ItemInput, PaceInput, PaceRequest};
pub use calendar::Calendar;
pub use compress::{compress, round_durations, shift_durations_down, Compressed};
pub use date::{calendar_day_ms, format_date, parse_date};
pub use json::{compress_dates_json, plan_pace_json};
pub use merge::{merge_blackouts, pace_duration, PaceDuration, Row};

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A calendar day.
pub type Date = time::Date;

/// Due dates chained from `start`; see [`Calendar::due_dates`].
pub fn due_dates(cal: &Calendar, start: Date, durations: &[u32]) -> Result<Vec<Date>, PaceError> {
    cal.due_dates(start, durations)
}

/// The calendar of a request: its skipped weekdays and blackout ranges.
pub fn calendar(p: &PaceInput, blackouts: &[BlackoutInput]) -> Result<Calendar, PaceError> {
    let ranges = blackouts
        .iter()
        .map(|b| Ok((parse_date(&b.start_date)?, parse_date(&b.end_date)?)))
        .collect::<Result<Vec<_>, PaceError>>()?;
    Calendar::from_settings(p.exclude_weekends, &p.selected_days_to_skip, &ranges)
}

/// What [`plan_pace`] computes. Serialises (e.g. to JavaScript) as `planPace`'s result:
/// `{ due_dates: {id: "YYYY-MM-DD"}, durations: {id: n}, compressed, projected_end_date,
/// plan_end_date }`, keyed by module item id.
#[derive(Clone, Debug, PartialEq)]
pub struct PacePlan {
    /// `(module_item_id, due date)` for every item, in the given order, after compression.
    pub due_dates: Vec<(String, Date)>,
    /// `(module_item_id, duration)` for every item, after compression.
    pub durations: Vec<(String, u32)>,
    /// Whether the uncompressed plan ends after the end date, so it had to be squeezed.
    pub compressed: bool,
    /// Canvas's projected end: the last item's uncompressed due date, or the start date
    /// when there are no items. Always set (an `Option` for the JSON's `null`).
    pub projected_end_date: Option<Date>,
    /// The last item's due date in this plan; `None` without items.
    pub plan_end_date: Option<Date>,
    /// The start, rolled forward to an enabled day.
    pub start_date: Date,
    /// The end date rolled back to an enabled day, if there is one.
    pub end_date: Option<Date>,
    /// Time to complete, as Canvas's header shows it ([`pace_duration`]).
    pub time_to_complete: PaceDuration,
}

/// The days of a request: start, end (checked against each other), calendar, durations.
struct Parsed {
    raw_start: Date,
    raw_end: Option<Date>,
    cal: Calendar,
    durations: Vec<u32>,
}

fn parse(req: &PaceRequest) -> Result<Parsed, PaceError> {
    let durations = req.course_pace.course_pace_module_items_attributes.iter().map(|i| i.duration).collect();
    parse_with(&req.course_pace, &req.blackout_dates, durations)
}

/// [`parse`] with the durations given apart (the items of `p` are not read).
fn parse_with(p: &PaceInput, blackouts: &[BlackoutInput], durations: Vec<u32>) -> Result<Parsed, PaceError> {
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(parse_date).transpose();
    let raw_start = text(&p.start_date)?.ok_or(PaceError::NoStartDate)?;
    let raw_end = text(&p.end_date)?;
    if raw_end.is_some_and(|e| e < raw_start) {
        return Err(PaceError::EndBeforeStart);
    }
    let cal = calendar(p, blackouts)?;
    Ok(Parsed { raw_start, raw_end, cal, durations })
}

/// Plans a pace: due dates chained from the start, compressed to the end date as Canvas's
/// server does when the projected end reaches it, with the projected and planned ends.
///
/// Errors: an end before the start ([`PaceError::EndBeforeStart`], Canvas's message), no
/// start, a date that is not `YYYY-MM-DD`, an unknown weekday, every weekday skipped, or a
/// plan running past the year 9999.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{plan_pace, PaceRequest};
/// let req: PaceRequest = serde_json::from_str(r#"{"course_pace": {"start_date": "2026-09-05",
///   "course_pace_module_items_attributes": [{"duration": 0, "module_item_id": 1},
///                                           {"duration": 1, "module_item_id": 2}]}}"#).unwrap();
/// let plan = plan_pace(&req).unwrap();
/// // Saturday rolls forward to Monday 7th; the zero-duration item is due that day.
/// let due: Vec<String> = plan.due_dates.iter().map(|(_, d)| d.to_string()).collect();
/// assert_eq!(due, ["2026-09-07", "2026-09-08"]);
/// assert!(!plan.compressed);
/// ```
pub fn plan_pace(req: &PaceRequest) -> Result<PacePlan, PaceError> {
    let p = planned(req)?;
    let items = &req.course_pace.course_pace_module_items_attributes;
    let ids = || items.iter().map(|i| i.module_item_id.as_str().to_owned());
    Ok(PacePlan {
        plan_end_date: p.due.last().copied(),
        due_dates: ids().zip(p.due).collect(),
        durations: ids().zip(p.durations).collect(),
        compressed: p.compressed,
        projected_end_date: Some(p.projected),
        start_date: p.start,
        end_date: p.end,
        time_to_complete: p.time_to_complete,
    })
}

/// A plan before ids are attached.
struct Planned {
    cal: Calendar,
    start: Date,
    end: Option<Date>,
    due: Vec<Date>,
    durations: Vec<u32>,
    compressed: bool,
    projected: Date,
    time_to_complete: PaceDuration,
}

/// The dates of a plan, without ids: what the pace timeline redraws on every edit.
#[derive(Clone, Debug)]
pub struct DuePlan {
    /// The calendar it was planned on (enabled days, blackouts), e.g. to shade an axis.
    pub calendar: Calendar,
    /// The start, rolled forward to an enabled day.
    pub start: Date,
    /// Each item's due date, in item order.
    pub due: Vec<Date>,
    /// Whether durations were compressed to meet the end date.
    pub compressed: bool,
    /// The end before compression.
    pub projected_end: Date,
}

/// [`plan_pace`] with the durations given apart from the request: `input`'s dates and
/// settings (its `course_pace_module_items_attributes` are not read), `durations` in item
/// order. The same dates as [`plan_pace`], but no id is copied and no map is built, which
/// is what a redraw of 5,000 items on each keystroke needs. The same errors.
pub fn plan_due_dates(
    input: &PaceInput,
    blackouts: &[BlackoutInput],
    durations: Vec<u32>,
) -> Result<DuePlan, PaceError> {
    let p = planned_from(parse_with(input, blackouts, durations)?)?;
    Ok(DuePlan { calendar: p.cal, start: p.start, due: p.due, compressed: p.compressed, projected_end: p.projected })
}

fn planned(req: &PaceRequest) -> Result<Planned, PaceError> {
    planned_from(parse(req)?)
}

fn planned_from(parsed: Parsed) -> Result<Planned, PaceError> {
    let Parsed { raw_start, raw_end, cal, durations } = parsed;
    let start = cal.first_enabled_day(raw_start)?;
    let plain = cal.due_dates(start, &durations)?;
    let c = compress::compress_planned(&cal, start, raw_end, &durations, &plain)?;
    let projected = plain.last().copied().unwrap_or(raw_start);
    let due = if c.durations == durations { plain } else { cal.due_dates(start, &c.durations)? };
    let end = match raw_end {
        Some(e) if !cal.day_is_enabled(e) => Some(cal.previous_enabled_day(e)?),
        e => e,
    };
    Ok(Planned {
        start,
        end,
        due,
        durations: c.durations,
        compressed: c.compressed,
        projected,
        time_to_complete: pace_duration(raw_start, projected, raw_end),
        cal,
    })
}

/// What Canvas's `compress_dates` returns: `(module_item_id, "YYYY-MM-DD")`, compressed when
/// the projected end reaches the end date, else the plain due dates. Like the JSON object
/// Canvas renders, an id given twice appears once, where it first appeared, with its last
/// date.
pub fn compress_dates(req: &PaceRequest) -> Result<Vec<(String, Date)>, PaceError> {
    let due = planned(req)?.due;
    let items = &req.course_pace.course_pace_module_items_attributes;
    Ok(dedup(items.iter().map(|i| i.module_item_id.as_str().to_owned()).zip(due).collect()))
}

/// `compress_dates` as Canvas's controller runs it when it knows the modules: compresses the
/// items in the submitted order, then re-chains the due dates with those durations in module
/// order, `order` listing the request's item indexes by module position, then item position.
/// The result is in that order.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{compress_dates_in_module_order, PaceRequest};
/// let req: PaceRequest = serde_json::from_str(r#"{"course_pace": {"start_date": "2026-09-01",
///   "course_pace_module_items_attributes": [{"duration": 3, "module_item_id": 1},
///                                           {"duration": 1, "module_item_id": 2}]}}"#).unwrap();
/// let dates = compress_dates_in_module_order(&req, &[1, 0]).unwrap();
/// assert_eq!(dates[0].0, "2");
/// assert_eq!(dates[1].1.to_string(), "2026-09-07"); // 1 + 3 weekdays after Tue 1st
/// ```
pub fn compress_dates_in_module_order(req: &PaceRequest, order: &[usize]) -> Result<Vec<(String, Date)>, PaceError> {
    let items = &req.course_pace.course_pace_module_items_attributes;
    let mut seen = vec![false; items.len()];
    if order.len() != items.len() || order.iter().any(|&i| i >= items.len() || std::mem::replace(&mut seen[i], true)) {
        return Err(PaceError::BadOrder);
    }
    let p = planned(req)?;
    let durations: Vec<u32> = order.iter().map(|&i| p.durations[i]).collect();
    let due = p.cal.due_dates(p.start, &durations)?;
    Ok(dedup(order.iter().map(|&i| items[i].module_item_id.as_str().to_owned()).zip(due).collect()))
}

/// Keeps each id once, where it first appeared, with its last value (a Ruby hash's order).
fn dedup<T>(pairs: Vec<(String, T)>) -> Vec<(String, T)> {
    let last = last_of_each(pairs.iter().map(|p| p.0.as_str()));
    if last.iter().enumerate().all(|(i, l)| *l == Some(i)) {
        return pairs;
    }
    let (mut ids, mut values): (Vec<Option<String>>, Vec<Option<T>>) =
        pairs.into_iter().map(|(id, v)| (Some(id), Some(v))).unzip();
    last.iter().enumerate().filter_map(|(i, l)| Some((ids[i].take()?, values[(*l)?].take()?))).collect()
}

/// For each position: `Some(index of the id's last occurrence)` where the id first appears,
/// `None` at its later occurrences (the order of a Ruby hash, or of a JS object's keys).
fn last_of_each<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Vec<Option<usize>> {
    use std::collections::hash_map::{Entry, HashMap};
    let n = ids.len();
    let mut first: HashMap<&str, usize, Fnv> = HashMap::with_capacity_and_hasher(n, Fnv::default());
    let mut last: Vec<Option<usize>> = Vec::with_capacity(n);
    for (i, id) in ids.enumerate() {
        match first.entry(id) {
            Entry::Occupied(e) => {
                last[*e.get()] = Some(i);
                last.push(None);
            }
            Entry::Vacant(e) => {
                e.insert(i);
                last.push(Some(i));
            }
        }
    }
    last
}

/// FNV-1a: ids are short, trusted-enough keys, and SipHash (the default) costs more than the
/// rest of the JSON writing put together in wasm.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl std::hash::BuildHasher for Fnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0)
    }
}

/// `{"id": value, …}` in the given order.
struct Keyed<'a, T>(&'a [(String, T)], fn(&T) -> DateOrInt);

enum DateOrInt {
    Date(String),
    Int(u32),
}

impl Serialize for DateOrInt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DateOrInt::Date(d) => s.serialize_str(d),
            DateOrInt::Int(n) => s.serialize_u32(*n),
        }
    }
}

impl<T> Serialize for Keyed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, &(self.1)(v))?;
        }
        m.end()
    }
}

/// Serialises `(module_item_id, date)` pairs as Canvas's `compress_dates` JSON object.
pub struct DueDates<'a>(pub &'a [(String, Date)]);

impl Serialize for DueDates<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Keyed(self.0, |d| DateOrInt::Date(format_date(*d))).serialize(s)
    }
}

impl Serialize for PacePlan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("due_dates", &DueDates(&self.due_dates))?;
        m.serialize_entry("durations", &Keyed(&self.durations, |n| DateOrInt::Int(*n)))?;
        m.serialize_entry("compressed", &self.compressed)?;
        m.serialize_entry("projected_end_date", &self.projected_end_date.map(format_date))?;
        m.serialize_entry("plan_end_date", &self.plan_end_date.map(format_date))?;
        m.end()
    }
}
