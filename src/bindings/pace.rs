//! `planPace(request)` and `compressDates(request)`: the pace engine for JavaScript. Pure:
//! they touch no DOM, so they work in Node after `initSync`.

use crate::pace::{format_date, PaceRequest};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

fn request(v: JsValue) -> Result<PaceRequest, JsError> {
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::new(&format!("Invalid compress_dates request: {e}")))
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn date_or_null(d: Option<crate::pace::Date>) -> JsValue {
    d.map(|d| JsValue::from_str(&format_date(d))).unwrap_or(JsValue::NULL)
}

/// Plans a pace from Canvas's `compress_dates` request body: `{ due_dates: {id: date},
/// durations: {id: days}, compressed, projected_end_date, plan_end_date }`, keyed by
/// `module_item_id`. Throws an `Error` with Canvas's message on bad input.
#[wasm_bindgen(js_name = planPace)]
pub fn plan_pace_js(request_body: JsValue) -> Result<JsValue, JsError> {
    let plan = crate::pace::plan_pace(&request(request_body)?).map_err(|e| JsError::new(&e.to_string()))?;
    let (due, durations, out) = (Object::new(), Object::new(), Object::new());
    for (id, d) in &plan.due_dates {
        set(&due, id, &JsValue::from_str(&format_date(*d)));
    }
    for (id, n) in &plan.durations {
        set(&durations, id, &JsValue::from_f64(f64::from(*n)));
    }
    set(&out, "due_dates", &due);
    set(&out, "durations", &durations);
    set(&out, "compressed", &JsValue::from_bool(plan.compressed));
    set(&out, "projected_end_date", &date_or_null(plan.projected_end_date));
    set(&out, "plan_end_date", &date_or_null(plan.plan_end_date));
    Ok(out.into())
}

/// Exactly what Canvas's `POST …/course_pacing/compress_dates` returns:
/// `{ "<module_item_id>": "YYYY-MM-DD" }`. Throws "End date cannot be before start date"
/// like Canvas's 422.
#[wasm_bindgen(js_name = compressDates)]
pub fn compress_dates_js(request_body: JsValue) -> Result<JsValue, JsError> {
    let dates = crate::pace::compress_dates(&request(request_body)?).map_err(|e| JsError::new(&e.to_string()))?;
    let out = Object::new();
    for (id, d) in &dates {
        set(&out, id, &JsValue::from_str(&format_date(*d)));
    }
    Ok(out.into())
}
