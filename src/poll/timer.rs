//! [`Timer`]: the browser's `setTimeout`/`setInterval`, cleared when dropped (the RAII shape
//! of gloo-timers' `Timeout` and `Interval`), so a widget that goes away takes its timers
//! with it. The poll driver's next poll and the report card's clock both use it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A pending `setTimeout` or a running `setInterval`; dropping it clears it.
#[must_use = "a timer is cleared when dropped"]
pub(crate) struct Timer {
    id: i32,
    repeats: bool,
    _closure: Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `f` once after `ms` milliseconds (capped at `i32::MAX`). `None` without a window.
    pub(crate) fn once(ms: u64, f: impl FnOnce() + 'static) -> Option<Timer> {
        let mut f = Some(f);
        Self::start(ms, false, move || {
            if let Some(f) = f.take() {
                f();
            }
        })
    }

    /// Calls `f` every `ms` milliseconds (capped at `i32::MAX`). `None` without a window.
    #[cfg(feature = "report-card")]
    pub(crate) fn every(ms: u64, f: impl FnMut() + 'static) -> Option<Timer> {
        Self::start(ms, true, f)
    }

    fn start(ms: u64, repeats: bool, f: impl FnMut() + 'static) -> Option<Timer> {
        let closure = Closure::<dyn FnMut()>::new(f);
        let (window, callback) = (web_sys::window()?, closure.as_ref().unchecked_ref::<js_sys::Function>());
        let ms = ms.min(i32::MAX as u64) as i32;
        let id = if repeats {
            window.set_interval_with_callback_and_timeout_and_arguments_0(callback, ms)
        } else {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, ms)
        };
        Some(Timer { id: id.ok()?, repeats, _closure: closure })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            if self.repeats {
                w.clear_interval_with_handle(self.id);
            } else {
                w.clear_timeout_with_handle(self.id);
            }
        }
    }
}
