//! `planPace(request)` and `compressDates(request)`: the pace engine for JavaScript. They
//! touch no DOM, so they work in Node after `initSync`, and they never panic: every bad
//! input is a thrown `Error` with the engine's sentence (Canvas's own where it has one).

use super::js::{copy_list, is_array};
use crate::model::{RawBlackout, RawItem, RawPace, RawRequest, Scalar};
use crate::pace::{self, PaceError, PaceRequest};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

fn fail(e: PaceError) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads Canvas's `compress_dates` body from any JS value: ids and durations may be numbers
/// or strings; `NaN`, negative or fractional durations are refused by item.
///
/// The value is read into the same lenient shape serde reads JSON into ([`RawRequest`]), so
/// the checks are the ones every other way in shares. The item and blackout lists cross the
/// JS boundary as columns (`pace_columns` below: one call, typed arrays and one joined string)
/// instead of a call per field: a field-by-field read took 6–8 ms for 5,000 items.
fn request(body: JsValue) -> Result<PaceRequest, JsError> {
    read_request(&body).and_then(PaceRequest::from_raw).map_err(fail)
}

#[wasm_bindgen(inline_js = r#"
// Reads keys of every element of a list in one pass. Per value a tag: 0 absent, 1 null,
// 2 false, 3 true, 4 number (in nums), 5 string (its index in strs, in nums), 6 a list or an
// object; for an element that is not an object the first tag is 7 (null/undefined) or 8.
// Strings come back joined with NUL unless one contains NUL (then as an array).
export function pace_columns(list, keys) {
  const n = list.length, k = keys.length;
  const tags = new Uint8Array(n * k), nums = new Float64Array(n * k), strs = [];
  let nul = false;
  for (let i = 0; i < n; i++) {
    const o = list[i];
    if (o === null || o === undefined) { tags[i * k] = 7; continue; }
    if (typeof o !== 'object' || Array.isArray(o)) { tags[i * k] = 8; continue; }
    for (let j = 0; j < k; j++) {
      const v = o[keys[j]], at = i * k + j;
      switch (typeof v) {
        case 'undefined': break;
        case 'boolean': tags[at] = v ? 3 : 2; break;
        case 'number': tags[at] = 4; nums[at] = v; break;
        case 'string': tags[at] = 5; nums[at] = strs.length; strs.push(v); nul ||= v.includes('\0'); break;
        default: tags[at] = v === null ? 1 : 6;
      }
    }
  }
  return [tags, nums, nul ? strs : strs.join('\0')];
}
"#)]
extern "C" {
    /// Throws only if a property getter of the caller's object throws.
    #[wasm_bindgen(catch)]
    fn pace_columns(list: &Array, keys: &Array) -> Result<Array, JsValue>;
}

fn read_request(body: &JsValue) -> Result<RawRequest, PaceError> {
    if !body.is_object() {
        return Err(PaceError::NoCoursePace);
    }
    let course_pace = match object(get(body, "course_pace")?, "course_pace")? {
        None => None,
        Some(p) => Some(RawPace {
            start_date: scalar(get(&p, "start_date")?),
            end_date: scalar(get(&p, "end_date")?),
            exclude_weekends: scalar(get(&p, "exclude_weekends")?),
            selected_days_to_skip: match list(get(&p, "selected_days_to_skip")?, "selected_days_to_skip")? {
                // A copy first: reading a Proxy's elements may throw.
                Some(a) => Some(
                    copy_list(&a)
                        .ok_or_else(|| shape("reading selected_days_to_skip threw an exception"))?
                        .iter()
                        .map(scalar)
                        .collect(),
                ),
                None => None,
            },
            course_pace_module_items_attributes: match list(
                get(&p, "course_pace_module_items_attributes")?,
                "course_pace_module_items_attributes",
            )? {
                Some(a) => Some(
                    rows(&a, &["id", "duration", "module_item_id"], "item")?
                        .map(|[id, duration, module_item_id]| RawItem { id, duration, module_item_id })
                        .collect(),
                ),
                None => None,
            },
        }),
    };
    let blackout_dates = match list(get(body, "blackout_dates")?, "blackout_dates")? {
        Some(a) => Some(
            rows(&a, &["start_date", "end_date"], "blackout date")?
                .map(|[start_date, end_date]| RawBlackout { start_date, end_date })
                .collect(),
        ),
        None => None,
    };
    Ok(RawRequest { course_pace, blackout_dates })
}

/// The `K` keys of every element of `list`, as scalars, read by [`pace_columns`].
fn rows<const K: usize>(
    list: &Array,
    keys: &[&str; K],
    what: &str,
) -> Result<impl Iterator<Item = [Scalar; K]>, PaceError> {
    let names = Array::new();
    for k in keys {
        names.push(&JsValue::from_str(k));
    }
    let out = pace_columns(list, &names).map_err(|_| shape(&format!("reading the {what}s threw an exception")))?;
    let tags = js_sys::Uint8Array::from(out.get(0)).to_vec();
    let nums = js_sys::Float64Array::from(out.get(1)).to_vec();
    let joined = out.get(2);
    let strs: Vec<String> = match joined.as_string() {
        Some(s) if tags.contains(&5) => s.split('\0').map(str::to_owned).collect(),
        Some(_) => Vec::new(),
        None => Array::from(&joined).iter().map(|v| v.as_string().unwrap_or_default()).collect(),
    };
    let mut strs: Vec<Option<String>> = strs.into_iter().map(Some).collect();
    let mut rows = Vec::with_capacity(tags.len() / K.max(1));
    for (i, (tags, nums)) in tags.chunks_exact(K).zip(nums.chunks_exact(K)).enumerate() {
        match tags[0] {
            7 => return Err(shape(&format!("{what} {} is null", i + 1))),
            8 => return Err(shape(&format!("{what} {} must be an object", i + 1))),
            _ => {}
        }
        let mut row: [Scalar; K] = core::array::from_fn(|_| Scalar::Absent);
        for (j, slot) in row.iter_mut().enumerate() {
            *slot = match tags[j] {
                1 => Scalar::Null,
                2 => Scalar::Bool(false),
                3 => Scalar::Bool(true),
                4 => number(nums[j]),
                5 => Scalar::Str(strs.get_mut(nums[j] as usize).and_then(Option::take).unwrap_or_default()),
                6 => Scalar::Composite,
                _ => Scalar::Absent,
            };
        }
        rows.push(row);
    }
    Ok(rows.into_iter())
}

fn shape(what: &str) -> PaceError {
    PaceError::BadRequest(what.to_owned())
}

/// `v[key]` (`undefined` when `v` has no such property); a getter or Proxy trap that throws
/// is refused by the key's name rather than read as absent.
fn get(v: &JsValue, key: &str) -> Result<JsValue, PaceError> {
    Reflect::get(v, &JsValue::from_str(key)).map_err(|_| shape(&format!("reading {key} threw an exception")))
}

/// `Array.isArray(v)`, which throws for a revoked Proxy: refused by name, not thrown through
/// the wasm.
fn is_list(v: &JsValue, what: &str) -> Result<bool, PaceError> {
    is_array(v).ok_or_else(|| shape(&format!("{what} cannot be read (a revoked Proxy)")))
}

/// An object, `None` for null/undefined, else a [`PaceError::BadRequest`].
fn object(v: JsValue, what: &str) -> Result<Option<JsValue>, PaceError> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else if v.is_object() && !is_list(&v, what)? {
        Ok(Some(v))
    } else {
        Err(shape(&format!("{what} must be an object")))
    }
}

/// A list, `None` for null/undefined, else a [`PaceError::BadRequest`].
fn list(v: JsValue, what: &str) -> Result<Option<Array>, PaceError> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else if is_list(&v, what)? {
        Ok(Some(v.unchecked_into()))
    } else {
        Err(shape(&format!("{what} must be a list")))
    }
}

/// A number as JSON would carry it: safe integers as integers.
fn number(f: f64) -> Scalar {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        Scalar::Int(f as i64)
    } else {
        Scalar::Float(f)
    }
}

/// A JS value as the JSON scalar it would be.
fn scalar(v: JsValue) -> Scalar {
    if v.is_undefined() {
        Scalar::Absent
    } else if v.is_null() {
        Scalar::Null
    } else if let Some(b) = v.as_bool() {
        Scalar::Bool(b)
    } else if let Some(f) = v.as_f64() {
        number(f)
    } else if let Some(s) = v.as_string() {
        Scalar::Str(s)
    } else {
        Scalar::Composite
    }
}

/// The result as a plain object: written as one JSON text and parsed once by the engine,
/// several times faster for a 5,000-item pace than building it key by key.
fn parse(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("the pace engine could not build its result"))
}

/// Plans a pace from Canvas's `compress_dates` request body and returns
/// `{ due_dates: {id: "YYYY-MM-DD"}, durations: {id: days}, compressed, projected_end_date,
/// plan_end_date }`, keyed by `module_item_id`, durations after compression. Throws an
/// `Error` on bad input, e.g. "End date cannot be before start date" (Canvas's 422).
#[wasm_bindgen(js_name = planPace)]
pub fn plan_pace_js(request_body: JsValue) -> Result<JsValue, JsError> {
    parse(&pace::plan_pace_json(&request(request_body)?).map_err(fail)?)
}

/// Exactly what Canvas's `POST …/course_pacing/compress_dates` returns:
/// `{ "<module_item_id>": "YYYY-MM-DD" }`, compressed to the end date when the projected end
/// reaches it, else the plain due dates. Throws "End date cannot be before start date" like
/// Canvas's 422.
#[wasm_bindgen(js_name = compressDates)]
pub fn compress_dates_js(request_body: JsValue) -> Result<JsValue, JsError> {
    parse(&pace::compress_dates_json(&request(request_body)?).map_err(fail)?)
}
