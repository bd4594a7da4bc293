//! [`Timer`]: the browser's `setTimeout`/`setInterval`, cleared when dropped (the RAII shape
//! of gloo-timers' `Timeout` and `Interval`), so a widget that goes away takes its timers
//! with it. The poll driver's next poll and the report card's clock both use it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The global timer functions, with the id kept as the JS value it is. web-sys's
// `Window::set_timeout…` returns it as an i32 (WebIDL `long`), which is right for a browser's
// own timers but truncates the ids of fake clocks (Playwright's, @sinonjs/fake-timers' and so
// Jest's number them from 1e12): `clearTimeout` then missed, the timer fired after its
// closure was freed, and wasm-bindgen threw "closure invoked recursively or after being
// dropped" into the host page's test suite. Globals, so they work in a worker too.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = setInterval, catch)]
    fn set_interval(callback: &js_sys::Function, ms: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = clearInterval)]
    fn clear_interval(id: &JsValue);
}

/// A pending `setTimeout` or a running `setInterval`; dropping it clears it.
#[must_use = "a timer is cleared when dropped"]
pub(crate) struct Timer {
    id: JsValue,
    repeats: bool,
    _closure: Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `f` once after `ms` milliseconds (capped at `i32::MAX`). `None` if the timer
    /// cannot be set.
    pub(crate) fn once(ms: u64, f: impl FnOnce() + 'static) -> Option<Timer> {
        let mut f = Some(f);
        Self::start(ms, false, move || {
            if let Some(f) = f.take() {
                f();
            }
        })
    }

    /// Calls `f` every `ms` milliseconds (capped at `i32::MAX`). `None` if the timer cannot
    /// be set.
    #[cfg(feature = "report-card")]
    pub(crate) fn every(ms: u64, f: impl FnMut() + 'static) -> Option<Timer> {
        Self::start(ms, true, f)
    }

    fn start(ms: u64, repeats: bool, f: impl FnMut() + 'static) -> Option<Timer> {
        let closure = Closure::<dyn FnMut()>::new(f);
        let callback = closure.as_ref().unchecked_ref::<js_sys::Function>();
        let ms = ms.min(i32::MAX as u64) as i32;
        let id = if repeats { set_interval(callback, ms) } else { set_timeout(callback, ms) };
        Some(Timer { id: id.ok()?, repeats, _closure: closure })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if self.repeats {
            clear_interval(&self.id);
        } else {
            clear_timeout(&self.id);
        }
    }
}
