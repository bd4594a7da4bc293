//! Browser tests for `<lms-pace-timeline>`: every state (loading, error, read-only,
//! editable, compressed, blackout rows), with a scripted `window.fetch`.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use lms_widgets::bindings::mount_pace_timeline;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const routes = new Map();
export function pace_fake(path, status, body) {
  routes.set(path, { status, body });
  if (window.__paceFake) return;
  window.__paceFake = true;
  const real = window.fetch;
  window.fetch = async (req) => {
    const url = typeof req === 'string' ? req : req.url;
    const r = routes.get(new URL(url, location.href).pathname);
    if (!r) return real(req);
    if (r.status === 0) return new Promise(() => {}); // never answers: stays loading
    return new Response(r.body, { status: r.status, headers: { 'Content-Type': 'application/json' } });
  };
}
"#)]
extern "C" {
    fn pace_fake(path: &str, status: u16, body: &str);
}

fn pace_json(course: u32, end: &str, durations: &[u32]) -> String {
    let items: Vec<String> = durations
        .iter()
        .enumerate()
        .map(|(i, d)| format!(r#"{{"id":{i},"duration":{d},"module_item_id":{},"assignment_title":"Item {i}","points_possible":10,"module_item_type":"Assignment","published":true}}"#, 100 + i))
        .collect();
    format!(
        r#"{{"course_pace":{{"id":1,"course_id":{course},"exclude_weekends":true,"start_date":"2026-09-01","start_date_context":"course","end_date":"{end}","end_date_context":"hard","modules":[{{"id":1,"name":"Module A","position":1,"items":[{}]}}]}},"progress":null}}"#,
        items.join(",")
    )
}

fn setup(course: u32, status: u16, pace: &str, blackouts: &str) {
    pace_fake(&format!("/api/v1/courses/{course}/course_pacing/1"), status, pace);
    pace_fake(&format!("/api/v1/courses/{course}/blackout_dates"), 200, blackouts);
}

fn mount(course: u32, editable: bool) -> (web_sys::HtmlElement, lms_widgets::bindings::WidgetHandle) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"courseId".into(), &course.to_string().into()).unwrap();
    js_sys::Reflect::set(&o, &"paceId".into(), &"1".into()).unwrap();
    js_sys::Reflect::set(&o, &"editable".into(), &editable.into()).unwrap();
    let h = mount_pace_timeline(el.clone(), o.into()).unwrap();
    (el, h)
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.shadow_root().unwrap().text_content().unwrap_or_default()
}

fn count(el: &web_sys::HtmlElement, sel: &str) -> u32 {
    el.shadow_root().unwrap().query_selector_all(sel).unwrap().length()
}

#[wasm_bindgen_test]
async fn loading_state_is_announced_and_busy() {
    setup(11, 0, "", "[]");
    let (el, mut h) = mount(11, false);
    TimeoutFuture::new(50).await;
    assert!(text(&el).contains("Loading the course pace"));
    let root = el.shadow_root().unwrap().query_selector(".lmsw-pace").unwrap().unwrap();
    assert_eq!(root.get_attribute("aria-busy").as_deref(), Some("true"));
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_load_error_is_shown_with_try_again() {
    setup(12, 404, r#"{"errors":[{"message":"The specified resource does not exist."}]}"#, "[]");
    let (el, mut h) = mount(12, false);
    TimeoutFuture::new(100).await;
    assert!(text(&el).contains("Could not load the course pace"), "{}", text(&el));
    assert_eq!(count(&el, "[role=alert] button"), 1);
    h.unmount();
}

#[wasm_bindgen_test]
async fn read_only_pace_has_no_inputs_or_publish() {
    setup(13, 200, &pace_json(13, "2026-12-31", &[1, 2, 3]), r#"{"blackout_dates":[]}"#);
    let (el, mut h) = mount(13, false);
    TimeoutFuture::new(100).await;
    assert_eq!(count(&el, "tr.lmsw-pace__item"), 3);
    assert_eq!(count(&el, "input.lmsw-pace__duration"), 0);
    assert!(!text(&el).contains("Publish"));
    assert!(text(&el).contains("Wed, Sep 2, 2026"), "{}", text(&el));
    h.unmount();
}

#[wasm_bindgen_test]
async fn editable_pace_has_labelled_inputs_and_controls() {
    setup(14, 200, &pace_json(14, "2026-12-31", &[1, 2]), "[]");
    let (el, mut h) = mount(14, true);
    TimeoutFuture::new(100).await;
    let input = el.shadow_root().unwrap().query_selector("input.lmsw-pace__duration").unwrap().unwrap();
    assert_eq!(input.get_attribute("aria-label").as_deref(), Some("Duration in days for Item 0"));
    assert!(text(&el).contains("0 unpublished changes"));
    assert!(text(&el).contains("Publish"));
    h.unmount();
}

#[wasm_bindgen_test]
async fn compressed_pace_says_so_and_blackouts_become_rows() {
    setup(
        15,
        200,
        &pace_json(15, "2026-09-04", &[2, 5]),
        r#"{"blackout_dates":[{"id":1,"start_date":"2026-09-03","end_date":"2026-09-03","event_title":"Holiday"}]}"#,
    );
    let (el, mut h) = mount(15, false);
    TimeoutFuture::new(100).await;
    assert!(text(&el).contains("compressed to fit the end date"), "{}", text(&el));
    assert_eq!(count(&el, "tr.lmsw-pace__blackout"), 1);
    assert!(text(&el).contains("Holiday"));
    assert_eq!(count(&el, "rect.lmsw-axis__bar"), 2);
    assert!(count(&el, "rect.lmsw-axis__blackout") >= 1);
    h.unmount();
    assert_eq!(el.shadow_root().unwrap().child_element_count(), 0, "unmount removes the view");
}
