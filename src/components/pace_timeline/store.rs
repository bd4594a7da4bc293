//! Loading and publishing a pace, and keeping the draft in `localStorage`.

use super::pace_timeline::Loaded;
use crate::net::Client;
use crate::timeline::{BlackoutList, Draft, PaceEnvelope, PublishBody};
use crate::Error;
use wasm_bindgen::JsValue;

fn base(course: &str) -> Result<String, Error> {
    let c = course.trim();
    if c.is_empty() || !c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'~' || b == b':' || b == b'_') {
        return Err(Error::InvalidOption { name: "course-id", reason: format!("{course:?} is not a Canvas id") });
    }
    Ok(format!("/api/v1/courses/{c}"))
}

fn pace_path(course: &str, pace: &str) -> Result<String, Error> {
    let p = pace.trim();
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::InvalidOption { name: "pace-id", reason: format!("{pace:?} is not a Canvas id") });
    }
    Ok(format!("{}/course_pacing/{p}", base(course)?))
}

/// `GET …/course_pacing/:id` and `GET …/blackout_dates`.
pub async fn fetch_pace(client: &Client, course: &str, pace: &str) -> Result<Loaded, Error> {
    let envelope: PaceEnvelope = client.get_json(&pace_path(course, pace)?, None).await?.parse()?;
    let blackouts =
        client.get_json(&format!("{}/blackout_dates", base(course)?), None).await?.parse::<BlackoutList>()?.into_vec();
    Ok(Loaded { envelope, blackouts })
}

/// `PUT …/course_pacing/:id` with Canvas's body; answers `{course_pace, progress}`.
pub async fn put_pace(client: &Client, course: &str, pace: &str, body: &PublishBody) -> Result<PaceEnvelope, Error> {
    let js = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::BadResponse(e.to_string()))?;
    client.put_json(&pace_path(course, pace)?, &js, None).await?.parse()
}

use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, if any (a corrupt entry is ignored, not fatal).
pub fn load_draft(key: &str) -> Option<Draft> {
    let text = storage()?.get_item(key).ok().flatten()?;
    let v = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(v).ok()
}

/// Saves the draft (quietly does nothing where storage is unavailable, e.g. blocked).
pub fn save_draft(key: &str, d: &Draft) {
    let Some(s) = storage() else { return };
    let Ok(v) = d.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else { return };
    if let Some(text) = js_sys::JSON::stringify(&v).ok().and_then(|t| t.as_string()) {
        let _ = s.set_item(key, &text);
    }
}

/// Forgets the draft.
pub fn clear_draft(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// `{ error: { kind, message } }`.
pub fn error_detail(e: &Error) -> JsValue {
    let o = js_sys::Object::new();
    let err = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &e.kind().into());
    let _ = js_sys::Reflect::set(&err, &"message".into(), &e.to_string().into());
    let _ = js_sys::Reflect::set(&o, &"error".into(), &err);
    o.into()
}
