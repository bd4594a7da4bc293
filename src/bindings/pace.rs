//! `planPace(request)` and `compressDates(request)`: the pace engine for JavaScript. Pure:
//! they touch no DOM, so they work in Node after `initSync`.

use crate::pace::{format_date, PaceRequest};
use wasm_bindgen::prelude::*;

fn request(v: JsValue) -> Result<PaceRequest, JsError> {
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::new(&format!("Invalid compress_dates request: {e}")))
}

/// Appends `"key":` with `key` JSON-escaped.
fn key(out: &mut String, k: &str) {
    out.push('"');
    for c in k.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\":");
}

/// `{"id":"YYYY-MM-DD",…}`: results are built as one JSON text and parsed once by the
/// browser, which is far cheaper than one boundary crossing per key.
fn dates_json(out: &mut String, dates: &[(String, crate::pace::Date)]) {
    out.push('{');
    for (i, (id, d)) in dates.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        key(out, id);
        out.push('"');
        out.push_str(&format_date(*d));
        out.push('"');
    }
    out.push('}');
}

fn parse(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("internal error: could not build the result"))
}

fn date_or_null(d: Option<crate::pace::Date>) -> String {
    d.map(|d| format!("\"{}\"", format_date(d))).unwrap_or_else(|| "null".into())
}

/// Plans a pace from Canvas's `compress_dates` request body: `{ due_dates: {id: date},
/// durations: {id: days}, compressed, projected_end_date, plan_end_date }`, keyed by
/// `module_item_id`. Throws an `Error` with Canvas's message on bad input.
#[wasm_bindgen(js_name = planPace)]
pub fn plan_pace_js(request_body: JsValue) -> Result<JsValue, JsError> {
    let plan = crate::pace::plan_pace(&request(request_body)?).map_err(|e| JsError::new(&e.to_string()))?;
    let mut out = String::with_capacity(plan.due_dates.len() * 40 + 128);
    out.push_str("{\"due_dates\":");
    dates_json(&mut out, &plan.due_dates);
    out.push_str(",\"durations\":{");
    for (i, (id, n)) in plan.durations.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        key(&mut out, id);
        out.push_str(&n.to_string());
    }
    out.push_str(&format!(
        "}},\"compressed\":{},\"projected_end_date\":{},\"plan_end_date\":{}}}",
        plan.compressed,
        date_or_null(plan.projected_end_date),
        date_or_null(plan.plan_end_date)
    ));
    parse(&out)
}

/// Exactly what Canvas's `POST …/course_pacing/compress_dates` returns:
/// `{ "<module_item_id>": "YYYY-MM-DD" }`. Throws "End date cannot be before start date"
/// like Canvas's 422.
#[wasm_bindgen(js_name = compressDates)]
pub fn compress_dates_js(request_body: JsValue) -> Result<JsValue, JsError> {
    let dates = crate::pace::compress_dates(&request(request_body)?).map_err(|e| JsError::new(&e.to_string()))?;
    let mut out = String::with_capacity(dates.len() * 24 + 2);
    dates_json(&mut out, &dates);
    parse(&out)
}
