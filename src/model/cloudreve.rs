//! Cloudreve v4 task progress (`GET /api/v4/workflow/progress/:id`).

use super::lenient::{object_or_none, Lenient};
use core::fmt;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// One progress entry: `{total, current, identifier?}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CloudreveAmount {
    /// Total bytes or items.
    #[serde(default)]
    pub total: f64,
    /// Bytes or items done.
    #[serde(default)]
    pub current: f64,
    /// Differentiates files processed in parallel, when given.
    #[serde(default)]
    pub identifier: Option<String>,
}

/// The envelope `{code, msg, data}`. `data` maps a progress type (`upload`,
/// `upload_count`, `upload_single_<n>`, `imported`, `indexed`, …) to an amount; Cloudreve
/// sends an empty or non-object `data` when it has no progress information yet.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CloudreveResponse {
    /// `0` is success.
    #[serde(default)]
    pub code: i64,
    /// Human-readable error message.
    #[serde(default)]
    pub msg: String,
    /// The progress entries in the order the server sent them.
    #[serde(default, deserialize_with = "entries")]
    pub data: Vec<(String, CloudreveAmount)>,
}

/// `data`: its entries in order when it is an object, else none.
fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, CloudreveAmount)>, D::Error> {
    Ok(object_or_none::<_, Entries>(d)?.map(|e| e.0).unwrap_or_default())
}

/// The entries of `data` in the order sent; one that is not `{total, current}` is skipped,
/// not fatal.
struct Entries(Vec<(String, CloudreveAmount)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of progress entries")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    if let Lenient(Some(Amount(Some(a)))) = m.next_value()? {
                        out.push((k, a));
                    }
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// An entry's amount when it has numeric `total` and `current`, else nothing.
struct Amount(Option<CloudreveAmount>);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a progress entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Amount, A::Error> {
                let mut a = CloudreveAmount::default();
                let (mut has_total, mut has_current) = (false, false);
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "total" => {
                            if let Some(v) = m.next_value::<Option<Num>>()?.and_then(|n| n.0) {
                                a.total = v;
                                has_total = true;
                            }
                        }
                        "current" => {
                            if let Some(v) = m.next_value::<Option<Num>>()?.and_then(|n| n.0) {
                                a.current = v;
                                has_current = true;
                            }
                        }
                        "identifier" => a.identifier = m.next_value::<Option<NumOrStr>>()?.map(|s| s.0),
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Amount((has_total && has_current).then_some(a)))
            }
        }
        d.deserialize_map(V)
    }
}

/// A finite, non-negative number (numeric strings accepted), else nothing.
struct Num(Option<f64>);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let NumOrStr(s) = NumOrStr::deserialize(d)?;
        Ok(Num(s.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)))
    }
}

/// A string, or a number/bool rendered as one.
struct NumOrStr(String);

impl<'de> Deserialize<'de> for NumOrStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NumOrStr;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NumOrStr, E> {
                Ok(NumOrStr(v.to_owned()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumOrStr, E> {
                Ok(NumOrStr(if v.is_finite() { format!("{v}") } else { String::new() }))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumOrStr, E> {
                Ok(NumOrStr(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumOrStr, E> {
                Ok(NumOrStr(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<NumOrStr, E> {
                Ok(NumOrStr(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}
