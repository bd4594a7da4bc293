//! The JavaScript surface (the only `#[wasm_bindgen]` exports): mount functions, the
//! custom elements, and the pure pace functions.
//!
//! Loading the module touches no DOM; `defineElements()` registers the custom elements.

mod js;
mod mount;
#[cfg(feature = "pace-js")]
mod pace;
#[cfg(feature = "pace-timeline")]
mod pace_timeline;
#[cfg(feature = "progress-bar")]
mod progress;
#[cfg(feature = "report-card")]
mod report;

pub use mount::WidgetHandle;
#[cfg(feature = "pace-js")]
pub use pace::{compress_dates_js, plan_pace_js};
#[cfg(feature = "pace-timeline")]
pub use pace_timeline::mount_pace_timeline;
#[cfg(feature = "progress-bar")]
pub use progress::mount_progress;
#[cfg(feature = "report-card")]
pub use report::mount_report_card;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/elements.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerElements)]
    fn register_elements(mounts: &js_sys::Object) -> js_sys::Array;
}

thread_local! {
    static DEFINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Registers `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those the
/// build has; idempotent).
/// Returns the names it defined on this call.
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
