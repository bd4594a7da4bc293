//! Reading values a caller handed us where a plain js-sys call would let a JS exception run
//! through the wasm: `Array.isArray` on a revoked Proxy, `Array.from` or `Object.entries` on
//! a Proxy or an object whose traps or getters throw. An exception unwinding through wasm
//! frames skips Rust's clean-up (a borrow, the reactive owner) and can break every widget
//! after it; these catch it and answer `None` (it threw), for the caller to name the option
//! or field.

use js_sys::Array;
use wasm_bindgen::prelude::*;

// The globals themselves, with `catch` (no snippet file for the browser to fetch).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_js(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn copy_list_js(v: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn entries_js(v: &JsValue) -> Result<Array, JsValue>;
}

/// `Array.isArray(v)`; `None` if it threw (a revoked Proxy).
#[cfg(any(feature = "pace-js", feature = "report-card"))]
pub(crate) fn is_array(v: &JsValue) -> Option<bool> {
    is_array_js(v).ok()
}

/// A plain copy of the list `v` (`Array.from`); `None` if reading it threw.
#[cfg(any(feature = "pace-js", feature = "report-card"))]
pub(crate) fn copy_list(v: &JsValue) -> Option<Array> {
    copy_list_js(v).ok()
}

/// `Object.entries(v)` as `[key, value]` pairs; `None` if reading it threw.
#[cfg_attr(not(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline")), allow(dead_code))]
pub(crate) fn entries(v: &JsValue) -> Option<Array> {
    entries_js(v).ok()
}
