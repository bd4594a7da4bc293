//! The `compress_dates` request body (also `planPace`'s) and its lenient reading.
//!
//! Request bodies come from people's code and from other Canvas versions, so they are read
//! leniently and checked field by field: ids may be numbers or strings, durations numbers or
//! numeric strings, and anything unusable is a [`PaceError`] naming the field, never a panic.

use crate::error::PaceError;
use crate::model::Id;
use core::fmt;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The body of Canvas's `POST /api/v1/courses/:course_id/course_pacing/compress_dates`,
/// which `planPace` and `compressDates` take too.
///
/// ## Usage
/// ```
/// use lms_widgets::model::PaceRequest;
/// let r: PaceRequest = serde_json::from_str(r#"{"course_pace": {"start_date": "2026-09-01",
///   "course_pace_module_items_attributes": [{"id": 1, "duration": "2", "module_item_id": 11}]}}"#).unwrap();
/// assert!(r.course_pace.exclude_weekends); // Canvas's column default when the key is absent
/// assert_eq!(r.course_pace.course_pace_module_items_attributes[0].duration, 2);
///
/// let bad = serde_json::from_str::<PaceRequest>(r#"{"course_pace": {"start_date": "2026-09-01",
///   "course_pace_module_items_attributes": [{"duration": -1, "module_item_id": 11}]}}"#);
/// assert!(bad.unwrap_err().to_string().starts_with("Item 1: the duration -1 is not a whole number of days"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRequest")]
pub struct PaceRequest {
    /// The pace's dates, skipped days and items, in module order.
    pub course_pace: PaceInput,
    /// Blackout ranges. Canvas adds these to the course's own; pass them all.
    pub blackout_dates: Vec<BlackoutInput>,
}

/// `course_pace` in a [`PaceRequest`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PaceInput {
    /// The start date (`YYYY-MM-DD`); an empty string counts as none.
    pub start_date: Option<String>,
    /// The end date, if any; an empty string counts as none.
    pub end_date: Option<String>,
    /// Skip Saturdays and Sundays (unless `selected_days_to_skip` is given). Read from JSON,
    /// an absent key means `true` (Canvas's column default) and `null` means `false`; strings
    /// follow Rails (`"false"`, `"0"`, `"off"` … are false).
    pub exclude_weekends: bool,
    /// Weekdays to skip (`"mon"` … `"sun"`). When not empty it wins over `exclude_weekends`,
    /// as in Canvas with `course_paces_skip_selected_days`.
    pub selected_days_to_skip: Vec<String>,
    /// The items, in the order they are due. A missing or `null` duration is 0.
    pub course_pace_module_items_attributes: Vec<ItemInput>,
}

/// One item of a [`PaceInput`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ItemInput {
    /// The pace item's id (unused by the engine).
    pub id: Option<Id>,
    /// Enabled days after the previous item's due date (the first item: after the start).
    pub duration: u32,
    /// The module item id: the key of every result.
    pub module_item_id: Id,
}

/// A blackout range of a [`PaceRequest`] (Canvas's other fields, such as `event_title`, are
/// ignored).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BlackoutInput {
    /// First day (`YYYY-MM-DD`).
    pub start_date: String,
    /// Last day, inclusive.
    pub end_date: String,
}

impl PaceRequest {
    /// Checks a request read field by field (the JS bindings' fast path).
    #[cfg(all(target_arch = "wasm32", feature = "pace-js"))]
    pub(crate) fn from_raw(raw: RawRequest) -> Result<PaceRequest, PaceError> {
        PaceRequest::try_from(raw)
    }

    /// Reads a request from any serde `Deserializer` (a JS value, JSON text…), keeping the
    /// engine's own [`PaceError`] for each bad field, and [`PaceError::BadRequest`] when the
    /// value is not shaped like a request at all.
    pub fn from_deserializer<'de, D: Deserializer<'de>>(d: D) -> Result<PaceRequest, PaceError> {
        let raw = RawRequest::deserialize(d).map_err(|e| PaceError::BadRequest(e.to_string()))?;
        PaceRequest::try_from(raw)
    }
}

// ------------------------------------------------------------------- lenient reading

/// Any JSON scalar, kept as it came (lists and objects are only noted).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Scalar {
    #[default]
    Absent,
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Composite,
}

/// A number as text for a person. In the browser, as JavaScript writes it
/// (`Number#toString`, the notation a caller used): Rust's float formatting is the largest
/// part of the `planPace` build that a message alone needed. Natively, as Rust writes it (the
/// same text for the values a message meets, such as `1.5`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn number_text(f: f64) -> String {
    js_sys::Number::from(f).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// See the browser's [`number_text`].
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn number_text(f: f64) -> String {
    f.to_string()
}

impl Scalar {
    /// The value for a message.
    pub(super) fn shown(&self) -> String {
        match self {
            Scalar::Absent | Scalar::Null => "null".into(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::UInt(n) => n.to_string(),
            Scalar::Float(f) if f.is_nan() => "NaN".into(),
            Scalar::Float(f) if f.is_infinite() => (if *f > 0.0 { "Infinity" } else { "-Infinity" }).into(),
            Scalar::Float(f) => number_text(*f),
            Scalar::Str(s) => format!("{s:?}"),
            Scalar::Composite => "a list or an object".into(),
        }
    }

    pub(super) fn duration(&self) -> Option<u32> {
        match self {
            Scalar::Absent | Scalar::Null => Some(0),
            Scalar::Int(n) => u32::try_from(*n).ok(),
            Scalar::UInt(n) => u32::try_from(*n).ok(),
            Scalar::Float(f) if f.is_finite() && f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
                Some(*f as u32)
            }
            Scalar::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn into_id(self) -> Option<Id> {
        match self {
            Scalar::Int(n) if n < 0 => Some(Id::new(n.to_string())),
            Scalar::Int(n) => Some(Id::new(decimal(n as u64))),
            Scalar::UInt(n) => Some(Id::new(decimal(n))),
            Scalar::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                Some(Id::new((f as i64).to_string()))
            }
            Scalar::Str(s) if s.trim().len() == s.len() && !s.is_empty() => Some(Id::new(s)),
            Scalar::Str(s) if !s.trim().is_empty() => Some(Id::new(s.trim())),
            _ => None,
        }
    }

    /// A date field: `None` when absent, null or empty; the text otherwise.
    fn date(&self) -> Result<Option<String>, PaceError> {
        match self {
            Scalar::Absent | Scalar::Null => Ok(None),
            Scalar::Str(s) if s.trim().is_empty() => Ok(None),
            Scalar::Str(s) => Ok(Some(s.clone())),
            other => Err(PaceError::BadDate(other.shown())),
        }
    }

    /// A boolean as Rails casts it; `absent` when the key is missing.
    fn flag(&self, absent: bool) -> bool {
        match self {
            Scalar::Absent => absent,
            Scalar::Null => false,
            Scalar::Bool(b) => *b,
            Scalar::Int(n) => *n != 0,
            Scalar::UInt(n) => *n != 0,
            Scalar::Float(f) => *f != 0.0,
            Scalar::Str(s) => !matches!(s.trim(), "" | "0" | "f" | "F" | "false" | "FALSE" | "off" | "OFF"),
            Scalar::Composite => true,
        }
    }
}

/// `n` in decimal, without the formatting machinery (every numeric id goes through here).
fn decimal(n: u64) -> String {
    let mut out = String::with_capacity(20);
    push_decimal(&mut out, n);
    out
}

/// Appends the decimal digits of `n` (no `core::fmt`, which costs kilobytes of wasm).
pub(crate) fn push_decimal(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if let Ok(digits) = std::str::from_utf8(&buf[i..]) {
        out.push_str(digits); // always ASCII digits
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::UInt(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Composite)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Composite)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
pub(crate) struct RawRequest {
    #[serde(default)]
    pub(crate) course_pace: Option<RawPace>,
    #[serde(default)]
    pub(crate) blackout_dates: Option<Vec<RawBlackout>>,
}

#[derive(Deserialize)]
pub(crate) struct RawPace {
    #[serde(default)]
    pub(crate) start_date: Scalar,
    #[serde(default)]
    pub(crate) end_date: Scalar,
    #[serde(default)]
    pub(crate) exclude_weekends: Scalar,
    #[serde(default)]
    pub(crate) selected_days_to_skip: Option<Vec<Scalar>>,
    #[serde(default)]
    pub(crate) course_pace_module_items_attributes: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
pub(crate) struct RawItem {
    #[serde(default)]
    pub(crate) id: Scalar,
    #[serde(default)]
    pub(crate) duration: Scalar,
    #[serde(default)]
    pub(crate) module_item_id: Scalar,
}

#[derive(Deserialize)]
pub(crate) struct RawBlackout {
    #[serde(default)]
    pub(crate) start_date: Scalar,
    #[serde(default)]
    pub(crate) end_date: Scalar,
}

impl TryFrom<RawRequest> for PaceRequest {
    type Error = PaceError;

    fn try_from(raw: RawRequest) -> Result<Self, PaceError> {
        let p = raw.course_pace.ok_or(PaceError::NoCoursePace)?;
        let items = p
            .course_pace_module_items_attributes
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(item, i)| {
                let duration =
                    i.duration.duration().ok_or_else(|| PaceError::BadDuration { item, value: i.duration.shown() })?;
                let module_item_id = i.module_item_id.into_id().ok_or(PaceError::NoModuleItemId { item })?;
                Ok(ItemInput { id: i.id.into_id(), duration, module_item_id })
            })
            .collect::<Result<_, PaceError>>()?;
        let skip = p
            .selected_days_to_skip
            .unwrap_or_default()
            .into_iter()
            .map(|d| match d {
                Scalar::Str(s) => Ok(s),
                other => Err(PaceError::BadWeekday(other.shown())),
            })
            .collect::<Result<_, PaceError>>()?;
        let blackouts = raw
            .blackout_dates
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(index, b)| {
                let day = |v: &Scalar, field| v.date()?.ok_or(PaceError::NoBlackoutDate { index, field });
                Ok(BlackoutInput {
                    start_date: day(&b.start_date, "start_date")?,
                    end_date: day(&b.end_date, "end_date")?,
                })
            })
            .collect::<Result<_, PaceError>>()?;
        Ok(PaceRequest {
            course_pace: PaceInput {
                start_date: p.start_date.date()?,
                end_date: p.end_date.date()?,
                exclude_weekends: p.exclude_weekends.flag(true),
                selected_days_to_skip: skip,
                course_pace_module_items_attributes: items,
            },
            blackout_dates: blackouts,
        })
    }
}
