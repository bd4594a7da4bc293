//! Canvas ids: integers, or strings when the request asks for `canvas-string-ids`; and the
//! one rule for ids people give (options, attributes) and for the page's course.

use crate::Error;
use core::fmt;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A Canvas id, kept as the decimal string Canvas would send with
/// `Accept: application/json+canvas-string-ids`, whichever form it arrived in.
///
/// ## Usage
/// ```
/// # use lms_widgets::model::Id;
/// let a: Id = serde_json::from_str("42").unwrap();
/// let b: Id = serde_json::from_str("\"42\"").unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a.as_str(), "42");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

impl Id {
    /// Wraps an id string.
    pub fn new(s: impl Into<String>) -> Self {
        Id(s.into())
    }
    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = Id;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (a whole number or a string)")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
        Ok(Id(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
        Ok(Id(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
        // JSON.parse gives JS numbers: accept the integral ones exactly.
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            Ok(Id(format!("{}", v as i64)))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
        let t = v.trim();
        if t.is_empty() {
            return Err(E::invalid_value(de::Unexpected::Str(v), &self));
        }
        Ok(Id(t.to_owned()))
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        d.deserialize_any(IdVisitor)
    }
}

/// Parses one Canvas id: digits (`123`) or the shard form (`1~234`), surrounding space
/// ignored. `name` is the option reported in the error.
pub fn parse_id(s: &str, name: &'static str) -> Result<Id, Error> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::InvalidOption { name, reason: "it is required and was empty".into() });
    }
    if is_canvas_id(t) {
        Ok(Id::new(t))
    } else {
        Err(Error::InvalidOption { name, reason: format!("{t:?} is not a Canvas id (a whole number)") })
    }
}

fn is_canvas_id(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit());
    let nonzero = |p: &str| p.bytes().any(|b| b != b'0');
    match t.split_once('~') {
        None => digits(t) && nonzero(t),
        Some((shard, local)) => digits(shard) && digits(local) && nonzero(local),
    }
}

/// Parses a comma- and/or space-separated list of Canvas ids (`"12, 13 14"`). Empty input
/// is an empty list; any entry that is not an id is an error naming it, never dropped.
pub fn parse_id_list(s: &str, name: &'static str) -> Result<Vec<Id>, Error> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
        .enumerate()
        .map(|(i, e)| {
            if is_canvas_id(e) {
                Ok(Id::new(e))
            } else {
                Err(Error::InvalidOption {
                    name,
                    reason: format!("entry {} ({e:?}) is not a Canvas id; separate ids with commas or spaces", i + 1),
                })
            }
        })
        .collect()
}

/// The course id from an explicit option, else Canvas's `ENV.context_asset_string`
/// (`"course_123"`), else a `/courses/123…` page path. A given option is never replaced
/// by a fallback: a bad one is an error.
pub fn resolve_course_id(option: Option<&str>, context_asset: Option<&str>, path: Option<&str>) -> Result<Id, Error> {
    if let Some(o) = option.filter(|o| !o.trim().is_empty()) {
        return parse_id(o, "course-id");
    }
    let from_env = context_asset.and_then(|a| a.trim().strip_prefix("course_")).filter(|c| is_canvas_id(c));
    let from_path = path.and_then(|p| {
        let rest = p.strip_prefix("/courses/")?;
        let id = rest.split(['/', '?', '#']).next()?;
        is_canvas_id(id).then_some(id)
    });
    match from_env.or(from_path) {
        Some(id) => Ok(Id::new(id)),
        None => Err(Error::InvalidOption {
            name: "course-id",
            reason: match context_asset.filter(|a| !a.trim().is_empty()) {
                Some(a) => {
                    format!("none was given, and this page's Canvas context is {a:?}, not a course")
                }
                None => "none was given, and this is not a Canvas course page".into(),
            },
        }),
    }
}
