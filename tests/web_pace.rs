//! Browser tests for `<lms-pace-timeline>`: every state (loading, error, read-only,
//! editable, compressed, blackout rows), with the scripted `window.fetch` of `common`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lms_widgets::bindings::mount_pace_timeline;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function on_event_remove(el, name) {
  el.__events = el.__events || [];
  el.addEventListener(name, () => { el.__events.push(name); el.remove(); });
}
export function on_event_record(el, name) {
  el.__events = el.__events || [];
  el.addEventListener(name, () => el.__events.push(name));
}
export function events_of(el) { return (el.__events || []).join(','); }
export function clear_env() { delete window.ENV; }
export function break_storage(on) {
  if (on) {
    window.__realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  } else if (window.__realSetItem) {
    Storage.prototype.setItem = window.__realSetItem;
  }
}
"#)]
extern "C" {
    fn on_event_remove(el: &web_sys::Element, name: &str);
    fn on_event_record(el: &web_sys::Element, name: &str);
    fn events_of(el: &web_sys::Element) -> String;
    fn clear_env();
    fn break_storage(on: bool);
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
    fake_set(&format!("/api/v1/courses/{course}/course_pacing/1"), status, pace);
    fake_set(&format!("/api/v1/courses/{course}/blackout_dates"), 200, blackouts);
}

fn mount(course: u32, editable: bool) -> (web_sys::HtmlElement, lms_widgets::bindings::WidgetHandle) {
    mount_opts(course, editable, &[])
}

/// A timeline for pace 1 of `course` on a fresh host, with these extra string options.
fn mount_opts(
    course: u32,
    editable: bool,
    extra: &[(&str, &str)],
) -> (web_sys::HtmlElement, lms_widgets::bindings::WidgetHandle) {
    let el = host();
    let mut pairs =
        vec![("courseId", course.to_string().into()), ("paceId", "1".into()), ("editable", editable.into())];
    pairs.extend(extra.iter().map(|(k, v)| (*k, JsValue::from(*v))));
    let h = mount_pace_timeline(el.clone(), js_object(&pairs)).unwrap();
    (el, h)
}

fn count(el: &web_sys::HtmlElement, sel: &str) -> u32 {
    query_all(el, sel).len() as u32
}

#[wasm_bindgen_test]
async fn loading_state_is_announced_and_busy() {
    setup(11, 0, "", "[]");
    let (el, mut h) = mount(11, false);
    wait_until("the loading message", || shadow_text(&el).contains("Loading the course pace")).await;
    let root = el.shadow_root().unwrap().query_selector(".lmsw-pace").unwrap().unwrap();
    assert_eq!(root.get_attribute("aria-busy").as_deref(), Some("true"));
    h.unmount();
}

/// Both requests leave while `mountPaceTimeline` runs, and neither waits for the other's
/// answer: loading takes the slower one's time, not the sum of both.
#[wasm_bindgen_test]
async fn the_pace_and_its_blackouts_are_requested_at_mount_and_at_once() {
    setup(71, 200, &pace_json(71, "2026-12-31", &[1, 2]), "[]");
    let pace = "/api/v1/courses/71/course_pacing/1";
    fake_hold(pace, false);
    let (el, mut h) = mount(71, false);
    assert_eq!(fake_calls(&format!("GET {pace}")), 1, "the pace is requested before mount returns");
    assert_eq!(fake_calls("GET /api/v1/courses/71/blackout_dates"), 1, "and the blackouts with it");
    wait_until("the held pace request", || fake_is_held(pace)).await;
    assert!(!shadow_text(&el).contains("Item 0"), "nothing shown before the pace's answer");
    fake_release(pace, None, None);
    wait_until("the two items", || count(&el, "tr.lmsw-pace__item") == 2).await;
    h.unmount();
}

/// Unmounting while both loading requests are out aborts both quietly: the blackouts
/// request, whose answer nobody awaits once the pace's has failed, is no unhandled
/// rejection on the page.
#[wasm_bindgen_test]
async fn unmounting_while_loading_aborts_both_requests_without_an_unhandled_rejection() {
    setup(72, 200, &pace_json(72, "2026-12-31", &[1]), "[]");
    let (pace, blackouts) = ("/api/v1/courses/72/course_pacing/1", "/api/v1/courses/72/blackout_dates");
    fake_hold(pace, true);
    fake_hold(blackouts, true);
    let (_el, mut h) = mount(72, false);
    wait_until("both requests held", || fake_is_held(pace) && fake_is_held(blackouts)).await;
    h.unmount();
    wait_until("both requests aborted", || fake_aborted(pace) && fake_aborted(blackouts)).await;
    next_task().await;
    next_task().await;
    assert_eq!(page_errors(), "", "no unhandled rejection on the page");
}

#[wasm_bindgen_test]
async fn a_load_error_is_shown_with_try_again() {
    setup(12, 404, r#"{"errors":[{"message":"The specified resource does not exist."}]}"#, "[]");
    let (el, mut h) = mount(12, false);
    wait_until("the load error", || shadow_text(&el).contains("Could not load the course pace")).await;
    assert_eq!(count(&el, "[role=alert] button"), 1);
    h.unmount();
}

#[wasm_bindgen_test]
async fn read_only_pace_has_no_inputs_or_publish() {
    setup(13, 200, &pace_json(13, "2026-12-31", &[1, 2, 3]), r#"{"blackout_dates":[]}"#);
    let (el, mut h) = mount(13, false);
    wait_until("the three items", || count(&el, "tr.lmsw-pace__item") == 3).await;
    assert_eq!(count(&el, "input.lmsw-pace__duration"), 0);
    assert!(!shadow_text(&el).contains("Publish"));
    assert!(shadow_text(&el).contains("Wed, Sep 2, 2026"), "{}", shadow_text(&el));
    h.unmount();
}

#[wasm_bindgen_test]
async fn editable_pace_has_labelled_inputs_and_controls() {
    setup(14, 200, &pace_json(14, "2026-12-31", &[1, 2]), "[]");
    let (el, mut h) = mount(14, true);
    wait_until("the inputs", || count(&el, "input.lmsw-pace__duration") == 2).await;
    let input = el.shadow_root().unwrap().query_selector("input.lmsw-pace__duration").unwrap().unwrap();
    assert_eq!(input.get_attribute("aria-label").as_deref(), Some("Duration in days for Item 0"));
    assert!(shadow_text(&el).contains("0 unpublished changes"));
    assert!(shadow_text(&el).contains("Publish"));
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
    wait_until("the pace renders", || count(&el, "tr.lmsw-pace__item") == 2).await;
    assert!(shadow_text(&el).contains("compressed to fit the end date"), "{}", shadow_text(&el));
    assert_eq!(count(&el, "tr.lmsw-pace__blackout"), 1);
    assert!(shadow_text(&el).contains("Holiday"));
    // Every bar is one rectangle of the axis's one bar path.
    assert_eq!(count(&el, "path.lmsw-axis__bar"), 1);
    let d = query(&el, "path.lmsw-axis__bar").and_then(|p| p.get_attribute("d")).unwrap_or_default();
    assert_eq!(d.matches('M').count(), 2, "{d}");
    // The blackout is shaded: one rectangle of the blackout path, one element in all.
    assert_eq!(count(&el, "path.lmsw-axis__blackout"), 1);
    let d = query(&el, "path.lmsw-axis__blackout").and_then(|p| p.get_attribute("d")).unwrap_or_default();
    assert_eq!(d.matches('M').count(), 1, "{d}");
    h.unmount();
    assert_eq!(el.shadow_root().unwrap().child_element_count(), 0, "unmount removes the view");
}

/// The week lines (one `M` each in the week path) and the week labels, as `(lines, labels)`.
fn weeks_drawn(el: &web_sys::HtmlElement) -> (usize, Vec<String>) {
    let d = query(el, "path.lmsw-axis__week").and_then(|p| p.get_attribute("d")).unwrap_or_default();
    let list = root(el).query_selector_all("text.lmsw-axis__label").unwrap();
    let labels = (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.text_content()).collect();
    (d.matches('M').count(), labels)
}

#[wasm_bindgen_test]
async fn the_axis_labels_every_week_as_edits_move_the_end() {
    // 2026-09-01 is a Tuesday: the axis starts Monday 8/31. A 40-day item moves the end by
    // eight weeks, and back: the last labels come and go, the first ones stay.
    setup(16, 200, &pace_json(16, "", &[1, 1]), "[]"); // no end date: the plan sets the axis
    let (el, mut h) = mount(16, true);
    wait_until("the axis labels", || !weeks_drawn(&el).1.is_empty()).await;
    let (lines, short) = weeks_drawn(&el);
    assert_eq!(short.len(), lines, "{short:?}");
    assert_eq!(short[..2], ["8/31".to_owned(), "9/7".to_owned()]);
    type_duration(&el, 0, "40");
    wait_until("more weeks", || weeks_drawn(&el).1.len() > short.len()).await;
    let (lines, long) = weeks_drawn(&el);
    assert_eq!(long.len(), lines, "{long:?}");
    assert_eq!(long[..short.len()], short[..], "the first labels are kept");
    assert_eq!(long.last().map(String::as_str), Some("11/2"), "{long:?}");
    type_duration(&el, 0, "1");
    wait_until("fewer weeks", || weeks_drawn(&el).1.len() == short.len()).await;
    assert_eq!(weeks_drawn(&el), (short.len(), short));
    h.unmount();
}

// ------------------------------------------------------------------ issue 12 §1 regressions

/// A pace whose items have these durations, links and `updated_at`.
fn pace_with(course: u32, durations: &[u32], links: &[Option<&str>], updated_at: &str) -> String {
    let items: Vec<serde_json::Value> = durations
        .iter()
        .enumerate()
        .map(|(i, d)| {
            serde_json::json!({"id": i, "duration": d, "module_item_id": 100 + i, "assignment_title": format!("Item {i}"),
                "assignment_link": links.get(i).copied().flatten(), "module_item_type": "Assignment", "published": true})
        })
        .collect();
    serde_json::json!({"course_pace": {"id": 1, "course_id": course, "exclude_weekends": true, "start_date": "2026-09-01",
        "start_date_context": "course", "end_date": "2026-12-31", "end_date_context": "hard", "updated_at": updated_at,
        "modules": [{"id": 1, "name": "Module A", "position": 1, "items": items}]}, "progress": null})
    .to_string()
}

fn progress_json(id: u32, state: &str, url: &str) -> String {
    serde_json::json!({"id": id.to_string(), "workflow_state": state, "completion": null, "url": url}).to_string()
}

fn envelope_with_progress(pace: &str, progress: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(pace).unwrap();
    v["progress"] = serde_json::from_str(progress).unwrap();
    v.to_string()
}

fn root(el: &web_sys::HtmlElement) -> web_sys::ShadowRoot {
    el.shadow_root().unwrap()
}

fn inputs(el: &web_sys::HtmlElement) -> Vec<web_sys::HtmlInputElement> {
    let list = root(el).query_selector_all("input.lmsw-pace__duration").unwrap();
    (0..list.length()).filter_map(|i| list.get(i)).map(|n| n.unchecked_into()).collect()
}

/// Types `value` into the n-th duration input.
fn type_duration(el: &web_sys::HtmlElement, n: usize, value: &str) {
    let input = &inputs(el)[n];
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Clicks the button saying `text` once it exists and is enabled (the view updates after
/// the edit that enables it).
async fn click(el: &web_sys::HtmlElement, text: &str) {
    let find = || {
        let list = root(el).query_selector_all("button").unwrap();
        (0..list.length())
            .filter_map(|i| list.get(i))
            .map(|n| n.unchecked_into::<web_sys::HtmlButtonElement>())
            .find(|b| b.text_content().unwrap_or_default().trim() == text && !b.disabled())
    };
    wait_until(&format!("an enabled {text:?} button"), || find().is_some()).await;
    find().unwrap().click();
}

fn mount_with(course: u32, extra: &[(&str, &str)]) -> (web_sys::HtmlElement, lms_widgets::bindings::WidgetHandle) {
    mount_opts(course, true, extra)
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn key_for(user: &str, course: u32) -> String {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    format!("lmsw:pace:v2:{origin}:{user}:{course}:1")
}

/// Another widget mounted afterwards loads and renders: nothing on the page was broken.
async fn another_widget_still_works(course: u32) {
    setup(course, 200, &pace_json(course, "2026-12-31", &[1, 2]), "[]");
    let (el, mut h) = mount(course, false);
    wait_until("a later widget renders its items", || count(&el, "tr.lmsw-pace__item") == 2).await;
    h.unmount();
    assert_eq!(page_errors(), "", "no uncaught error on the page");
}

#[wasm_bindgen_test]
async fn item_links_are_only_http_or_relative_and_open_in_place() {
    // Issue 12 §1 "script through a server link".
    let links = [
        Some("javascript:alert(1)"),
        Some("JAVASCRIPT:alert(1)"),
        Some("\tjavascript:alert(1)"),
        Some("java\nscript:alert(1)"),
        Some("data:text/html,<script>alert(1)</script>"),
        Some("vbscript:msgbox(1)"),
        Some("//elsewhere.example/x"),
        Some("/courses/1/modules/items/107"),
        Some("items/108"),
        Some("https://canvas.example.edu/courses/1/modules/items/109"),
        None,
    ];
    let durations = vec![1; links.len()];
    setup(40, 200, &pace_with(40, &durations, &links, "2026-08-20T12:00:00Z"), "[]");
    let (el, mut h) = mount(40, false);
    wait_until("the items render", || count(&el, "tr.lmsw-pace__item") == links.len() as u32).await;
    let anchors = root(&el).query_selector_all("tr.lmsw-pace__item a").unwrap();
    let hrefs: Vec<String> = (0..anchors.length())
        .map(|i| anchors.get(i).unwrap().unchecked_into::<web_sys::Element>())
        .map(|a| {
            assert_eq!(a.get_attribute("target"), None, "no target=_top unless the host asks");
            a.get_attribute("href").unwrap()
        })
        .collect();
    assert_eq!(hrefs.len(), 4, "{hrefs:?}");
    assert!(hrefs.iter().all(|h| h.starts_with("http://") || h.starts_with("https://")), "{hrefs:?}");
    assert!(hrefs[0].ends_with("//elsewhere.example/x"), "a protocol-relative link resolves to http(s): {hrefs:?}");
    assert!(hrefs[1].ends_with("/courses/1/modules/items/107"));
    assert!(shadow_text(&el).contains("Item 0"), "a refused link still shows its title as text");
    h.unmount();
}

#[wasm_bindgen_test]
async fn item_links_open_over_the_page_only_when_the_host_asks() {
    setup(41, 200, &pace_with(41, &[1], &[Some("/courses/1/modules/items/100")], "t"), "[]");
    let (el, mut h) = mount_with(41, &[("linkTarget", "_top")]);
    wait_until("the link renders", || count(&el, "tr.lmsw-pace__item a") == 1).await;
    assert_eq!(query(&el, "tr.lmsw-pace__item a").unwrap().get_attribute("target").as_deref(), Some("_top"));
    h.unmount();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    let o = js_sys::Object::new();
    for (k, v) in [("courseId", "41"), ("paceId", "1"), ("linkTarget", "frame-of-my-choosing")] {
        js_sys::Reflect::set(&o, &k.into(), &v.into()).unwrap();
    }
    let err = mount_pace_timeline(el, o.into()).err().expect("a bad linkTarget is refused");
    assert!(js_sys::Error::from(err).message().as_string().unwrap().contains("link-target"));
}

#[wasm_bindgen_test]
async fn unmounting_during_a_load_is_harmless_and_other_widgets_keep_working() {
    // Issue 12 §1 "panics after an await": the old code read disposed signals here.
    let path = "/api/v1/courses/42/course_pacing/1";
    setup(42, 200, &pace_json(42, "2026-12-31", &[1, 2]), "[]");
    fake_hold(path, true);
    let (el, mut h) = mount(42, true);
    wait_until("the pace request is sent", || !fake_requests("GET", path).is_empty()).await;
    h.unmount();
    wait_until("unmounting aborts the request", || fake_aborted(path)).await;
    fake_release(path, None, None);
    another_widget_still_works(43).await;
    assert_eq!(count(&el, "tr.lmsw-pace__item"), 0);
}

#[wasm_bindgen_test]
async fn an_answer_for_the_old_pace_id_is_ignored() {
    let old = "/api/v1/courses/44/course_pacing/1";
    setup(44, 200, &pace_json(44, "2026-12-31", &[1, 2, 3]), "[]");
    fake_set("/api/v1/courses/44/course_pacing/2", 200, &pace_json(44, "2026-12-31", &[5]));
    fake_hold(old, true);
    let (el, mut h) = mount(44, true);
    wait_until("the first request is sent", || !fake_requests("GET", old).is_empty()).await;
    h.set("pace-id", Some("2".into()));
    wait_until("the request for pace 1 is aborted", || fake_aborted(old)).await;
    wait_until("pace 2 renders", || count(&el, "tr.lmsw-pace__item") == 1).await;
    fake_release(old, None, None);
    assert!(inputs(&el).first().is_some_and(|i| i.value() == "5"), "pace 2 shows");
    h.unmount();
}

/// Serves pace `course` for a publish: the GET (also the pre-publish check), blackouts, a
/// PUT answered with Progress 9 (relative URL) and that Progress `completed`.
fn publish_routes(course: u32, progress_state: &str) {
    let pace = pace_with(course, &[1, 2], &[], "2026-08-20T12:00:00Z");
    setup(course, 200, &pace, "[]");
    let progress = progress_json(9, "queued", "/api/v1/progress/9");
    fake_set(&format!("PUT /api/v1/courses/{course}/course_pacing/1"), 200, &envelope_with_progress(&pace, &progress));
    fake_set("/api/v1/progress/9", 200, &progress_json(9, progress_state, "/api/v1/progress/9"));
}

#[wasm_bindgen_test]
async fn a_listener_that_removes_the_element_on_published_breaks_nothing() {
    lms_widgets::bindings::define_elements();
    publish_routes(45, "completed");
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("lms-pace-timeline").unwrap().unchecked_into();
    for (k, v) in [("course-id", "45"), ("pace-id", "1"), ("editable", "")] {
        el.set_attribute(k, v).unwrap();
    }
    on_event_remove(&el, "lms-pace-published");
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "4");
    click(&el, "Publish").await;
    wait_until("the page's listener removed the element", || !el.is_connected()).await;
    assert_eq!(events_of(&el), "lms-pace-published");
    another_widget_still_works(46).await;
}

#[wasm_bindgen_test]
async fn a_publish_answered_without_a_progress_ends_as_published() {
    let pace = pace_with(47, &[1, 2], &[], "t");
    setup(47, 200, &pace, "[]");
    fake_set("PUT /api/v1/courses/47/course_pacing/1", 200, &pace); // progress: null
    let (el, mut h) = mount(47, true);
    on_event_record(&el, "lms-pace-published");
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "4");
    click(&el, "Publish").await;
    wait_until("published", || events_of(&el) == "lms-pace-published").await;
    wait_until("editable again", || inputs(&el).len() == 2 && !inputs(&el)[0].matches(":disabled").unwrap()).await;
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_publish_whose_polling_gives_up_is_not_stuck_and_keeps_the_edits() {
    let pace = pace_with(48, &[1, 2], &[], "t");
    setup(48, 200, &pace, "[]");
    let progress = progress_json(8, "queued", "/api/v1/progress/8");
    fake_set("PUT /api/v1/courses/48/course_pacing/1", 200, &envelope_with_progress(&pace, &progress));
    fake_set("/api/v1/progress/8", 404, r#"{"errors":[{"message":"The specified resource does not exist."}]}"#);
    let (el, mut h) = mount(48, true);
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "4");
    click(&el, "Publish").await;
    wait_until("the failure is said", || shadow_text(&el).contains("Could not follow the publish")).await;
    assert!(shadow_text(&el).contains("Your changes are kept"));
    assert_eq!(inputs(&el)[0].value(), "4");
    assert!(!inputs(&el)[0].matches(":disabled").unwrap(), "editable again");
    h.unmount();
}

#[wasm_bindgen_test]
async fn the_publish_progress_goes_through_the_widgets_base_url() {
    // The Progress's own `url` names the Canvas host, unreachable from a tool's page; the
    // widget must follow it through its configured base (a proxy).
    let pace = pace_with(49, &[1, 2], &[], "t");
    setup(49, 200, &pace, "[]");
    let progress = progress_json(7, "queued", "https://canvas.invalid/api/v1/progress/7");
    fake_set("PUT /api/v1/courses/49/course_pacing/1", 200, &envelope_with_progress(&pace, &progress));
    fake_set("/api/v1/progress/7", 200, &progress_json(7, "completed", "https://canvas.invalid/api/v1/progress/7"));
    let base = web_sys::window().unwrap().location().origin().unwrap() + "/";
    let (el, mut h) = mount_with(49, &[("baseUrl", &base)]);
    on_event_record(&el, "lms-pace-published");
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "4");
    click(&el, "Publish").await;
    wait_until("published through the base", || events_of(&el) == "lms-pace-published").await;
    assert!(fake_requests("GET", "canvas.invalid").is_empty(), "the Canvas host itself is never asked");
    h.unmount();
}

#[wasm_bindgen_test]
async fn inputs_are_locked_while_publishing_and_an_edit_made_meanwhile_is_not_wiped() {
    let put = "PUT /api/v1/courses/50/course_pacing/1";
    publish_routes(50, "completed");
    fake_hold(put, true);
    let (el, mut h) = mount(50, true);
    on_event_record(&el, "lms-pace-published");
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "4");
    click(&el, "Publish").await;
    wait_until("the PUT is sent", || !fake_requests("PUT", "/course_pacing/1").is_empty()).await;
    wait_until("the inputs lock while the PUT is held", || inputs(&el).iter().all(|i| i.matches(":disabled").unwrap()))
        .await;
    type_duration(&el, 1, "9"); // a script or a stale event: ignored while locked
    fake_release(put, None, None);
    wait_until("published", || events_of(&el) == "lms-pace-published").await;
    wait_until("reloaded", || inputs(&el).len() == 2).await;
    assert_eq!(inputs(&el)[1].value(), "2", "nothing was typed into a locked input");
    h.unmount();
}

#[wasm_bindgen_test]
async fn publish_refuses_a_plan_with_every_day_skipped() {
    setup(51, 200, &pace_with(51, &[1, 2], &[], "t"), "[]");
    let (el, mut h) = mount(51, true);
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    let boxes = root(&el).query_selector_all(".lmsw-pace__day input").unwrap();
    for i in 0..boxes.length() {
        let b: web_sys::HtmlInputElement = boxes.get(i).unwrap().unchecked_into();
        if !b.checked() {
            b.click();
        }
    }
    wait_until("the plan error shows", || shadow_text(&el).contains("Every day of the week is skipped")).await;
    click(&el, "Publish").await;
    wait_until("publish is refused", || shadow_text(&el).contains("cannot be published")).await;
    assert!(fake_requests("PUT", "/courses/51/").is_empty(), "nothing was sent");
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_new_pace_id_starts_without_the_old_draft() {
    setup(52, 200, &pace_json(52, "2026-12-31", &[1, 2]), "[]");
    fake_set("/api/v1/courses/52/course_pacing/2", 200, &pace_json(52, "2026-12-31", &[3, 3]));
    let (el, mut h) = mount(52, true);
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "7");
    wait_until("one change", || shadow_text(&el).contains("1 unpublished change")).await;
    h.set("pace-id", Some("2".into()));
    wait_until("pace 2 renders", || inputs(&el).first().is_some_and(|i| i.value() == "3")).await;
    assert!(shadow_text(&el).contains("0 unpublished changes"), "{}", shadow_text(&el));
    let stored = storage().get_item(&key_for("-", 52)).unwrap().unwrap_or_default();
    assert!(stored.contains("\"0\":7"), "pace 1's draft stays stored under its own key: {stored}");
    storage().remove_item(&key_for("-", 52)).unwrap();
    h.unmount();
}

#[wasm_bindgen_test]
async fn an_edit_before_answering_restore_keeps_the_stored_draft() {
    setup(53, 200, &pace_json(53, "2026-12-31", &[1, 2]), "[]");
    let key = key_for("-", 53);
    storage().set_item(&key, r#"{"durations":{"0":7},"saved_at":1}"#).unwrap();
    let (el, mut h) = mount(53, true);
    wait_until("the offer shows", || shadow_text(&el).contains("1 unsaved change from an earlier visit")).await;
    type_duration(&el, 1, "5");
    let stored = storage().get_item(&key).unwrap().unwrap();
    assert!(stored.contains("\"0\":7"), "the stored draft is intact: {stored}");
    click(&el, "Restore them").await;
    wait_until("both edits", || shadow_text(&el).contains("2 unpublished changes")).await;
    let stored = storage().get_item(&key).unwrap().unwrap();
    assert!(stored.contains("\"0\":7") && stored.contains("\"1\":5"), "{stored}");
    storage().remove_item(&key).unwrap();
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_corrupt_stored_draft_is_removed_and_said() {
    setup(54, 200, &pace_json(54, "2026-12-31", &[1, 2]), "[]");
    let key = key_for("-", 54);
    storage().set_item(&key, r#"{"durations":{"0":99999999}}"#).unwrap();
    let (el, mut h) = mount(54, true);
    wait_until("the notice shows", || shadow_text(&el).contains("could not be read")).await;
    assert!(shadow_text(&el).contains("at most 3650"), "{}", shadow_text(&el));
    assert_eq!(storage().get_item(&key).unwrap(), None, "the bad entry is gone");
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_full_storage_is_said_instead_of_claiming_the_changes_are_kept() {
    setup(55, 200, &pace_json(55, "2026-12-31", &[1, 2]), "[]");
    let (el, mut h) = mount(55, true);
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    break_storage(true);
    type_duration(&el, 0, "6");
    wait_until("the notice shows", || shadow_text(&el).contains("could not keep your unpublished changes")).await;
    break_storage(false);
    type_duration(&el, 0, "7");
    wait_until("the notice goes once saving works", || !shadow_text(&el).contains("could not keep")).await;
    storage().remove_item(&key_for("-", 55)).unwrap();
    h.unmount();
}

#[wasm_bindgen_test]
async fn drafts_are_kept_per_canvas_user() {
    set_env_user("42");
    setup(56, 200, &pace_json(56, "2026-12-31", &[1, 2]), "[]");
    let (el, mut h) = mount(56, true);
    wait_until("the inputs render", || inputs(&el).len() == 2).await;
    type_duration(&el, 0, "6");
    clear_env();
    assert!(storage().get_item(&key_for("42", 56)).unwrap().is_some(), "keyed by ENV.current_user_id");
    assert!(storage().get_item(&key_for("-", 56)).unwrap().is_none());
    storage().remove_item(&key_for("42", 56)).unwrap();
    h.unmount();
}

#[wasm_bindgen_test]
async fn another_teachers_publish_is_shown_and_keep_mine_sends_only_my_change() {
    // Issue 12 §1 "lost updates between teachers".
    let mine = pace_with(57, &[1, 2, 3], &[], "2026-08-20T12:00:00Z");
    let theirs = pace_with(57, &[6, 2, 3], &[], "2026-08-21T08:00:00Z");
    setup(57, 200, &mine, "[]");
    let (el, mut h) = mount(57, true);
    wait_until("the inputs render", || inputs(&el).len() == 3).await;
    fake_set("/api/v1/courses/57/course_pacing/1", 200, &theirs); // someone else published
    fake_set("PUT /api/v1/courses/57/course_pacing/1", 200, &theirs);
    type_duration(&el, 1, "5");
    click(&el, "Publish").await;
    wait_until("the conflict is shown", || query(&el, "[role=alertdialog]").is_some()).await;
    let dialog = query(&el, "[role=alertdialog]").unwrap().text_content().unwrap();
    assert!(dialog.contains("Item 0: 1 → 6 days"), "{dialog}");
    assert!(fake_requests("PUT", "/courses/57/").is_empty(), "nothing is sent before the teacher chooses");
    click(&el, "Publish mine over theirs").await;
    wait_until("the PUT is sent", || !fake_requests("PUT", "/courses/57/").is_empty()).await;
    let put = fake_requests("PUT", "/courses/57/");
    assert!(
        put.contains(r#""course_pace_module_items_attributes":[{"id":"1","duration":5,"module_item_id":"101"}]"#),
        "{put}"
    );
    assert!(!put.contains("exclude_weekends"), "unchanged settings are not sent: {put}");
    h.unmount();
}
