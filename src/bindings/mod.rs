//! The JavaScript surface (the only `#[wasm_bindgen]` exports): mount functions, the
//! custom elements, and the pure pace functions.
//!
//! Loading the module touches no DOM; `defineElements()` registers the custom elements.

mod js;
// A build without a widget (`pace-js` alone) has no elements to define or mount.
#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
mod mount;
#[cfg(feature = "pace-js")]
mod pace;
#[cfg(feature = "pace-timeline")]
mod pace_timeline;
#[cfg(feature = "progress-bar")]
mod progress;
#[cfg(feature = "report-card")]
mod report;

#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
pub use mount::WidgetHandle;
#[cfg(feature = "pace-js")]
pub use pace::{compress_dates_js, plan_pace_js};
#[cfg(feature = "pace-timeline")]
pub use pace_timeline::mount_pace_timeline;
#[cfg(feature = "progress-bar")]
pub use progress::mount_progress;
#[cfg(feature = "report-card")]
pub use report::mount_report_card;

#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
#[wasm_bindgen(module = "/js/elements.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerElements)]
    fn register_elements(mounts: &js_sys::Object) -> js_sys::Array;
}

#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
thread_local! {
    static DEFINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Registers `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those the
/// build has; idempotent).
/// Returns the names it defined on this call.
#[cfg(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline"))]
#[wasm_bindgen(js_name = defineElements)]
pub fn define_elements() -> js_sys::Array {
    if DEFINED.with(|d| d.replace(true)) {
        return js_sys::Array::new();
    }
    let mounts = js_sys::Object::new();
    type Mount = dyn Fn(web_sys::HtmlElement, JsValue) -> Result<WidgetHandle, JsValue>;
    // Registered once per page for the page's lifetime, so handing each closure to JS is
    // intended (and bounded): it is not a per-mount leak.
    #[allow(unused)]
    let add = |name: &str, mount: Closure<Mount>| {
        let _ = js_sys::Reflect::set(&mounts, &name.into(), &mount.into_js_value());
    };
    #[cfg(feature = "progress-bar")]
    add("lms-progress", Closure::<Mount>::new(progress::mount_progress));
    #[cfg(feature = "pace-timeline")]
    add("lms-pace-timeline", Closure::<Mount>::new(pace_timeline::mount_pace_timeline));
    #[cfg(feature = "report-card")]
    add("lms-report-card", Closure::<Mount>::new(report::mount_report_card));
    register_elements(&mounts)
}
