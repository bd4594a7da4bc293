//! Cloudreve v4 task progress (`GET /api/v4/workflow/progress/:id`).

use core::fmt;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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

fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, CloudreveAmount)>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<(String, CloudreveAmount)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of progress entries")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(k) = m.next_key::<String>()? {
                // An entry that is not `{total, current}` is skipped, not fatal.
                if let Some(Lenient(Some(a))) = m.next_value::<Option<Lenient>>()? {
                    out.push((k, a));
                }
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
            while s.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_option(V)
}

/// An amount if the value is an object with numeric `total`/`current`, else nothing.
struct Lenient(Option<CloudreveAmount>);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lenient;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a progress entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Lenient, A::Error> {
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
                Ok(Lenient((has_total && has_current).then_some(a)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Lenient, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
        }
        d.deserialize_any(V)
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
