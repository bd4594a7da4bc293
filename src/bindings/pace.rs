//! `planPace(request)` and `compressDates(request)`: the pace engine for JavaScript. They
//! touch no DOM, so they work in Node after `initSync`, and they never panic: every bad
//! input is a thrown `Error` with the engine's sentence (Canvas's own where it has one).

use crate::pace::{self, PaceError, PaceRequest};
use wasm_bindgen::prelude::*;

fn fail(e: PaceError) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads Canvas's `compress_dates` body from any JS value: ids and durations may be numbers
/// or strings; `NaN`, negative or fractional durations are refused by item.
fn request(body: JsValue) -> Result<PaceRequest, JsError> {
    PaceRequest::from_deserializer(serde_wasm_bindgen::Deserializer::from(body)).map_err(fail)
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
