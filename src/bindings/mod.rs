//! The JavaScript surface (the only `#[wasm_bindgen]` exports): mount functions, the
//! custom elements, and the pure pace functions.
//!
//! Loading the module touches no DOM; `defineElements()` registers the custom elements.

mod mount;
mod pace;
mod pace_timeline;
mod progress;
mod report;

pub use mount::WidgetHandle;
pub use pace::{compress_dates_js, plan_pace_js};
pub use pace_timeline::mount_pace_timeline;
pub use progress::mount_progress;
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

/// Registers `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (idempotent).
/// Returns the names it defined on this call.
#[wasm_bindgen(js_name = defineElements)]
pub fn define_elements() -> js_sys::Array {
    if DEFINED.with(|d| d.replace(true)) {
        return js_sys::Array::new();
    }
    let mounts = js_sys::Object::new();
    let progress = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> Result<WidgetHandle, JsValue>>::new(
        progress::mount_progress,
    );
    // Registered once per page for the page's lifetime, so handing the closure to JS is
    // intended (and bounded): it is not a per-mount leak.
    let _ = js_sys::Reflect::set(&mounts, &"lms-progress".into(), &progress.into_js_value());
    let pace = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> Result<WidgetHandle, JsValue>>::new(
        pace_timeline::mount_pace_timeline,
    );
    let _ = js_sys::Reflect::set(&mounts, &"lms-pace-timeline".into(), &pace.into_js_value());
    let report = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> Result<WidgetHandle, JsValue>>::new(
        report::mount_report_card,
    );
    let _ = js_sys::Reflect::set(&mounts, &"lms-report-card".into(), &report.into_js_value());
    register_elements(&mounts)
}
