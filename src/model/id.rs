//! Canvas ids: integers, or strings when the request asks for `canvas-string-ids`.

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
