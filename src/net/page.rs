//! What the Canvas page says about itself: strings of `window.ENV` and the page's path. The
//! course a widget works on comes from them by the one rule of
//! [`crate::model::resolve_course_id`].

use crate::model::{resolve_course_id, Id};
use crate::Error;
use wasm_bindgen::JsValue;

/// A string from Canvas's global `window.ENV` (`context_asset_string`, `TIMEZONE`, …).
pub(crate) fn canvas_env(key: &str) -> Option<String> {
    let window: JsValue = web_sys::window()?.into();
    let env = js_sys::Reflect::get(&window, &"ENV".into()).ok().filter(JsValue::is_object)?;
    js_sys::Reflect::get(&env, &key.into()).ok()?.as_string()
}

/// The course: `option` when given, else `ENV.context_asset_string` (`course_123`), else a
/// `/courses/123…` page path (see [`resolve_course_id`]).
pub(crate) fn page_course_id(option: Option<&str>) -> Result<Id, Error> {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok());
    resolve_course_id(option, canvas_env("context_asset_string").as_deref(), path.as_deref())
}
