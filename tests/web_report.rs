//! Browser tests for the course-report card: "last report" quirks, creating (one request
//! per double click, both id arrays), following to a download link, every fault as a plain
//! sentence, options, time zones, events, and cleanup. Run with
//! `wasm-pack test --headless --chrome -- --test web_report`. `window.fetch` is the scripted
//! fake of `common`, so no server is needed; each test uses its own course id so routes never collide.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lms_widgets::bindings::{define_elements, mount_report_card, WidgetHandle};
use lms_widgets::poll::driver::active_pollers;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JSON: &str = "application/json";

fn opts(pairs: &[(&str, &str)]) -> JsValue {
    js_object(&pairs.iter().map(|(k, v)| (*k, JsValue::from(*v))).collect::<Vec<_>>())
}

fn mount(course: &str, extra: &[(&str, &str)]) -> (web_sys::HtmlElement, WidgetHandle) {
    let el = host();
    let mut pairs = vec![("courseId", course), ("locale", "en-US")];
    pairs.extend_from_slice(extra);
    let h = mount_report_card(el.clone(), opts(&pairs)).expect("mounts");
    (el, h)
}

fn last_key(course: &str) -> String {
    format!("GET /api/v1/courses/{course}/reports/course_pace_docx")
}

fn create_key(course: &str) -> String {
    format!("POST /api/v1/courses/{course}/reports/course_pace_docx")
}

fn show_key(course: &str, id: &str) -> String {
    format!("GET /api/v1/courses/{course}/reports/course_pace_docx/{id}")
}

/// A report as `lib/api/v1/course_report.rb` renders it; `extra` adds or overrides fields.
fn report(id: &str, course: &str, status: &str, progress: u32, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","report_type":"course_pace_docx","course_id":"{course}","status":"{status}","progress":{progress},"parameters":{{"enrollment_ids":[],"section_ids":[]}},"created_at":"2026-03-01T10:00:00Z","started_at":null,"ended_at":null,"file_url":null{extra}}}"#
    )
}

fn complete(id: &str, course: &str, file_url: &str) -> String {
    report(
        id,
        course,
        "complete",
        100,
        &format!(
            r#","file_url":"{file_url}","ended_at":"2026-03-01T10:00:09Z","attachment":{{"id":"9{id}","display_name":"course_pace.docx","filename":"course_pace.docx","size":48213,"content-type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","url":"{file_url}"}}"#
        ),
    )
}

fn root(el: &web_sys::HtmlElement) -> web_sys::DocumentFragment {
    el.shadow_root().expect("an open shadow root").unchecked_into()
}

fn text(el: &web_sys::HtmlElement) -> String {
    query(el, ".lmsw-report").and_then(|e| e.text_content()).unwrap_or_default()
}

fn alerts(el: &web_sys::HtmlElement) -> Vec<String> {
    let list = root(el).query_selector_all("[role=alert]").unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.text_content()).collect()
}

fn button(el: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    query(el, ".lmsw-report__actions button").expect("an action button").unchecked_into()
}

/// Whether the card offers an enabled action button.
fn ready(el: &web_sys::HtmlElement) -> bool {
    query(el, ".lmsw-report__actions button")
        .is_some_and(|b| !b.unchecked_into::<web_sys::HtmlButtonElement>().disabled())
}

/// Proves that time has passed in the poller's own terms, without a wall-clock sleep: another
/// card following a running report asks for it `ticks` more times, a poll interval apart. A
/// card still polling would have asked again in that time too.
async fn another_card_polls(ticks: u32) {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(9400);
    let c = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_string();
    fake_route(&last_key(&c), 200, &report("1", &c, "running", 10, ""), JSON);
    fake_route(&show_key(&c, "1"), 200, &report("1", &c, "running", 20, ""), JSON);
    let (_el, mut h) = mount(&c, &[]);
    wait_until(&format!("{ticks} poll ticks of another card"), || fake_calls(&show_key(&c, "1")) > ticks).await;
    h.unmount();
}

/// Records the `detail` of every event of the given names fired on `el`.
struct Events {
    seen: Rc<RefCell<Vec<(String, JsValue)>>>,
    _listeners: Vec<Closure<dyn Fn(web_sys::CustomEvent)>>,
}

impl Events {
    fn on(el: &web_sys::HtmlElement) -> Events {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let names = ["lms-report-started", "lms-report-progress", "lms-report-complete", "lms-error"];
        let listeners = names
            .iter()
            .map(|name| {
                let s = seen.clone();
                let cb = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    s.borrow_mut().push((e.type_(), e.detail()));
                });
                el.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref()).unwrap();
                cb
            })
            .collect();
        Events { seen, _listeners: listeners }
    }

    fn named(&self, name: &str) -> Vec<JsValue> {
        self.seen.borrow().iter().filter(|(n, _)| n == name).map(|(_, d)| d.clone()).collect()
    }
}

/// The last report is asked for while `mountReportCard` runs, not in a task after it.
#[wasm_bindgen_test]
async fn the_last_report_is_requested_during_mount() {
    fake_install();
    fake_route(&last_key("251"), 200, "{}", JSON);
    let (el, mut h) = mount("251", &[]);
    assert_eq!(fake_calls(&last_key("251")), 1, "requested before mountReportCard returned");
    wait_until("the idle card", || text(&el).contains("No report yet.")).await;
    assert_eq!(fake_calls(&last_key("251")), 1, "and only once");
    h.unmount();
}

#[wasm_bindgen_test]
async fn no_report_yet_in_every_form_canvas_sends_shows_the_create_button() {
    fake_install();
    let cases = [
        ("201", 500, r#"{"errors":[{"message":"An error occurred."}]}"#),
        ("202", 200, "{}"),
        ("203", 200, r#"{"status":"complete","file_url":null}"#),
        ("204", 404, r#"{"errors":[{"message":"The specified resource does not exist."}]}"#),
    ];
    for (course, status, body) in cases {
        fake_route(&last_key(course), status, body, JSON);
        let (el, mut h) = mount(course, &[]);
        wait_until("the idle card", || text(&el).contains("No report yet.")).await;
        let t = text(&el);
        assert!(t.contains("No report yet."), "{status} {body}: {t}");
        assert!(alerts(&el).is_empty(), "{status} {body}: no error is shown: {:?}", alerts(&el));
        let b = button(&el);
        assert_eq!(b.text_content().as_deref(), Some("Create report"));
        assert!(!b.disabled(), "{status} {body}");
        assert_eq!(fake_calls(&last_key(course)), 1, "one last-report request");
        h.unmount();
    }
}

#[wasm_bindgen_test]
async fn create_sends_both_arrays_follows_progress_and_ends_at_a_safe_download_link() {
    fake_install();
    let c = "301";
    fake_route(&last_key(c), 500, "{}", JSON);
    fake_route(&create_key(c), 200, &report("51", c, "created", 0, ""), JSON);
    fake_route(
        &show_key(c, "51"),
        200,
        &report("51", c, "running", 40, r#","started_at":"2026-03-01T10:00:01Z""#),
        JSON,
    );
    fake_route(&show_key(c, "51"), 200, &complete("51", c, "/files/51/download?verifier=abc"), JSON);
    let (el, mut h) = mount(c, &[("sectionIds", "3, 4"), ("enrollmentIds", "7")]);
    let events = Events::on(&el);
    wait_until("an enabled action button", || ready(&el)).await;
    button(&el).click();
    wait_until("the report runs at 40%", || {
        query(&el, "progress").and_then(|b| b.get_attribute("value")).as_deref() == Some("40.0")
    })
    .await;
    assert_eq!(
        fake_last_body(&create_key(c)).as_deref(),
        Some(r#"{"parameters":{"enrollment_ids":["7"],"section_ids":["3","4"]}}"#),
        "the body Canvas's UI sends, both arrays present"
    );
    let bar = query(&el, "progress").expect("a native progress element while running");
    assert_eq!(bar.get_attribute("value").as_deref(), Some("40.0"));
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("40 percent, running"));
    assert_eq!(bar.get_attribute("aria-label").as_deref(), Some("Course pace report progress"));
    assert!(button(&el).disabled(), "no second report while one runs");
    assert!(query(&el, "[role=status][aria-live=polite]").is_some(), "a polite live region");
    let started = events.named("lms-report-started");
    assert_eq!(started.len(), 1);
    assert_eq!(js_get(&started[0], "report.id").as_string().as_deref(), Some("51"));
    assert_eq!(js_get(&started[0], "resumed").as_bool(), Some(false));

    wait_until("the download link", || query(&el, "a.lmsw-report__download").is_some()).await;
    let link = query(&el, "a.lmsw-report__download").expect("a download link once complete");
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(link.get_attribute("href"), Some(format!("{origin}/files/51/download?verifier=abc")), "resolved");
    assert_eq!(link.text_content().as_deref(), Some("Download course_pace.docx"));
    let size = query(&el, ".lmsw-report__size").expect("the file size").text_content().unwrap();
    assert_eq!(size, "48.2 kB");
    let t = text(&el);
    assert!(t.contains("Status: Complete") && t.contains("Finished"), "{t}");
    let b = button(&el);
    assert_eq!(b.text_content().as_deref(), Some("Create new report"));
    assert!(!b.disabled());
    let done = events.named("lms-report-complete");
    assert_eq!(done.len(), 1, "complete fires once");
    assert_eq!(js_get(&done[0], "fileUrl").as_string(), Some(format!("{origin}/files/51/download?verifier=abc")));
    assert_eq!(js_get(&done[0], "fileName").as_string().as_deref(), Some("course_pace.docx"));
    assert_eq!(js_get(&done[0], "size").as_f64(), Some(48213.0));
    assert_eq!(js_get(&done[0], "report.attachment.size").as_f64(), Some(48213.0), "the report JSON rides along");
    assert!(!events.named("lms-report-progress").is_empty());
    h.unmount();
    assert_eq!(active_pollers(), 0, "no poller (timer, request) survives unmount");
}

#[wasm_bindgen_test]
async fn a_double_click_sends_one_create_request() {
    fake_install();
    let c = "302";
    fake_route(&last_key(c), 500, "{}", JSON);
    fake_route(&create_key(c), 200, &report("52", c, "created", 0, ""), JSON);
    fake_route(&show_key(c, "52"), 200, &report("52", c, "running", 10, ""), JSON);
    let (el, mut h) = mount(c, &[]);
    wait_until("an enabled action button", || ready(&el)).await;
    let b = button(&el);
    b.click();
    b.click();
    wait_until("the report is followed", || fake_calls(&show_key(c, "52")) >= 1).await;
    button(&el).click();
    // The card's next poll proves the click was handled (a create would go out at once).
    let polls = fake_calls(&show_key(c, "52"));
    wait_until("the card's next poll", || fake_calls(&show_key(c, "52")) > polls).await;
    assert_eq!(fake_calls(&create_key(c)), 1);
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_running_last_report_is_resumed_on_mount() {
    fake_install();
    let c = "303";
    fake_route(&last_key(c), 200, &report("61", c, "running", 30, ""), JSON);
    fake_route(&show_key(c, "61"), 200, &report("61", c, "running", 60, ""), JSON);
    fake_route(&show_key(c, "61"), 200, &complete("61", c, "https://files.example.edu/61.docx"), JSON);
    let el = host();
    let events = Events::on(&el);
    let mut h = mount_report_card(el.clone(), opts(&[("courseId", c), ("locale", "en-US")])).unwrap();
    wait_until("the resumed report is followed", || {
        !events.named("lms-report-started").is_empty() && fake_calls(&show_key(c, "61")) >= 1
    })
    .await;
    let started = events.named("lms-report-started");
    assert_eq!(started.len(), 1);
    assert_eq!(js_get(&started[0], "resumed").as_bool(), Some(true));
    assert!(fake_calls(&show_key(c, "61")) >= 1, "following the resumed report");
    assert!(button(&el).disabled());
    wait_until("the download link", || query(&el, "a.lmsw-report__download").is_some()).await;
    let link = query(&el, "a.lmsw-report__download").expect("a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://files.example.edu/61.docx"));
    assert_eq!(events.named("lms-report-complete").len(), 1);
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_finished_last_report_is_shown_quietly() {
    fake_install();
    let c = "304";
    fake_route(&last_key(c), 200, &complete("62", c, "https://files.example.edu/62.docx"), JSON);
    let el = host();
    let events = Events::on(&el);
    let mut h = mount_report_card(el.clone(), opts(&[("courseId", c)])).unwrap();
    wait_until("the download link", || query(&el, "a.lmsw-report__download").is_some()).await;
    assert!(query(&el, "a.lmsw-report__download").is_some());
    assert!(events.named("lms-report-complete").is_empty(), "history is not announced as news");
    assert!(events.named("lms-report-started").is_empty());
    assert_eq!(fake_calls(&show_key(c, "62")), 0, "nothing to follow");
    h.unmount();
}

#[wasm_bindgen_test]
async fn unsafe_download_links_are_refused_with_a_visible_message() {
    fake_install();
    for (c, url) in [("305", "javascript:alert(1)"), ("306", "java\\tscript:alert(1)"), ("307", "data:text/html,hi")] {
        fake_route(&last_key(c), 200, &complete("63", c, url), JSON);
        let (el, mut h) = mount(c, &[]);
        wait_until("the refusal", || alerts(&el).iter().any(|m| m.contains("not a web address"))).await;
        assert!(query(&el, "a").is_none(), "{url}: no link");
        let a = alerts(&el);
        assert!(a.iter().any(|m| m.contains("not a web address")), "{url}: {a:?}");
        h.unmount();
    }
}

#[wasm_bindgen_test]
async fn an_invalid_report_type_gets_a_plain_sentence() {
    fake_install();
    let c = "308";
    fake_route(&format!("GET /api/v1/courses/{c}/reports/grade_export"), 500, "{}", JSON);
    fake_route(
        &format!("POST /api/v1/courses/{c}/reports/grade_export"),
        400,
        r#"{"error":"invalid report type grade_export"}"#,
        JSON,
    );
    let (el, mut h) = mount(c, &[("reportType", "grade_export")]);
    let events = Events::on(&el);
    wait_until("an enabled action button", || ready(&el)).await;
    assert!(text(&el).contains("Grade export"), "the default title names the type");
    button(&el).click();
    wait_until("an alert", || !alerts(&el).is_empty()).await;
    let a = alerts(&el);
    assert!(
        a.iter().any(|m| m == "Canvas has no course report called “grade_export”. Check the report type."),
        "{a:?}"
    );
    assert_eq!(button(&el).text_content().as_deref(), Some("Try again"));
    let errs = events.named("lms-error");
    assert_eq!(js_get(errs.last().unwrap(), "error.kind").as_string().as_deref(), Some("rejected"));
    assert_eq!(js_get(errs.last().unwrap(), "op").as_string().as_deref(), Some("create"));
    h.unmount();
}

#[wasm_bindgen_test]
async fn permission_faults_get_plain_sentences() {
    fake_install();
    let not_allowed =
        r#"{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#;
    // Creating without read_reports.
    let c = "309";
    fake_route(&last_key(c), 500, "{}", JSON);
    fake_route(&create_key(c), 401, not_allowed, JSON);
    let (el, mut h) = mount(c, &[]);
    wait_until("an enabled action button", || ready(&el)).await;
    button(&el).click();
    wait_until("an alert", || !alerts(&el).is_empty()).await;
    let a = alerts(&el);
    assert!(a.iter().any(|m| m == "You do not have permission to create reports in this course."), "{a:?}");
    h.unmount();
    // Following a report someone else created.
    let c = "310";
    fake_route(&last_key(c), 200, &report("71", c, "running", 20, ""), JSON);
    fake_route(&show_key(c, "71"), 401, not_allowed, JSON);
    let (el, mut h) = mount(c, &[]);
    wait_until("an alert", || !alerts(&el).is_empty()).await;
    let a = alerts(&el);
    assert!(a.iter().any(|m| m == "Only the person who created this report can see it."), "{a:?}");
    assert_eq!(button(&el).text_content().as_deref(), Some("Check again"));
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_failed_report_shows_why_and_try_again_creates_another() {
    fake_install();
    let c = "311";
    fake_route(&last_key(c), 500, "{}", JSON);
    fake_route(&create_key(c), 200, &report("81", c, "created", 0, ""), JSON);
    fake_route(&show_key(c, "81"), 200, &report("81", c, "error", 40, r#","ended_at":"2026-03-01T10:00:05Z""#), JSON);
    let (el, mut h) = mount(c, &[]);
    let events = Events::on(&el);
    wait_until("an enabled action button", || ready(&el)).await;
    button(&el).click();
    wait_until("the failure", || alerts(&el).iter().any(|m| m.contains("could not generate"))).await;
    let a = alerts(&el);
    assert!(a.iter().any(|m| m == "Canvas could not generate this report."), "{a:?}");
    assert!(text(&el).contains("Failed"), "{}", text(&el));
    let errs = events.named("lms-error");
    assert_eq!(js_get(errs.last().unwrap(), "error.kind").as_string().as_deref(), Some("report_error"));
    assert_eq!(js_get(errs.last().unwrap(), "report.id").as_string().as_deref(), Some("81"));
    let b = button(&el);
    assert_eq!(b.text_content().as_deref(), Some("Try again"));
    b.click();
    wait_until("a second create request", || fake_calls(&create_key(c)) == 2).await;
    assert_eq!(fake_calls(&create_key(c)), 2, "Try again creates a new report");
    h.unmount();
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_shown_and_followed() {
    fake_install();
    let c = "312";
    fake_route(&last_key(c), 200, &report("91", c, "exploded", 15, ""), JSON);
    fake_route(&show_key(c, "91"), 200, &report("91", c, "exploded", 15, ""), JSON);
    let (el, mut h) = mount(c, &[]);
    wait_until("the unknown status", || text(&el).contains("Status: Exploded")).await;
    assert!(text(&el).contains("Status: Exploded"), "{}", text(&el));
    let bar = query(&el, "progress").unwrap();
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("15 percent, exploded"));
    assert!(alerts(&el).is_empty());
    h.unmount();
}

#[wasm_bindgen_test]
async fn aborted_and_deleted_reports_end_following() {
    fake_install();
    for (c, status, sentence) in [
        ("313", "aborted", "This report was stopped before it finished."),
        ("314", "deleted", "This report was deleted."),
    ] {
        fake_route(&last_key(c), 200, &report("95", c, "running", 50, ""), JSON);
        fake_route(&show_key(c, "95"), 200, &report("95", c, status, 50, ""), JSON);
        let (el, mut h) = mount(c, &[]);
        wait_until("the terminal sentence", || alerts(&el).iter().any(|m| m == sentence)).await;
        let a = alerts(&el);
        assert!(a.iter().any(|m| m == sentence), "{status}: {a:?}");
        let calls = fake_calls(&show_key(c, "95"));
        another_card_polls(2).await;
        assert_eq!(fake_calls(&show_key(c, "95")), calls, "{status} is terminal: no more polling");
        assert_eq!(button(&el).text_content().as_deref(), Some("Create new report"));
        h.unmount();
    }
}

#[wasm_bindgen_test]
async fn a_missing_course_id_is_a_clear_message_and_sends_nothing() {
    fake_install();
    let el = host();
    let events = Events::on(&el);
    let mut h = mount_report_card(el.clone(), opts(&[])).unwrap();
    wait_until("an alert", || !alerts(&el).is_empty()).await;
    let a = alerts(&el);
    assert!(a.iter().any(|m| m.starts_with("Invalid `course-id`: none was given")), "{a:?}");
    assert!(query(&el, ".lmsw-report__actions button").is_none(), "nothing to click");
    assert_eq!(js_get(&events.named("lms-error")[0], "error.kind").as_string().as_deref(), Some("invalid_option"));
    h.unmount();
    let (el, mut h) = mount("course_12", &[]);
    wait_until("the id fault", || alerts(&el).iter().any(|m| m.contains("course_12"))).await;
    assert!(alerts(&el).iter().any(|m| m.contains("\"course_12\" is not a Canvas id")), "{:?}", alerts(&el));
    h.unmount();
}

#[wasm_bindgen_test]
async fn a_bad_id_list_entry_is_named_and_blocks_creating() {
    fake_install();
    let c = "315";
    fake_route(&last_key(c), 500, "{}", JSON);
    let (el, mut h) = mount(c, &[("sectionIds", "3, x")]);
    wait_until("the idle card with its id fault", || text(&el).contains("No report yet.") && !alerts(&el).is_empty())
        .await;
    let a = alerts(&el);
    assert!(a.iter().any(|m| m.contains("`section-ids`") && m.contains("entry 2 (\"x\")")), "{a:?}");
    assert!(button(&el).disabled());
    assert_eq!(fake_calls(&last_key(c)), 1, "the last report is still looked up");
    h.set("section-ids", Some("3 4".into()));
    wait_until("the fault to clear", || alerts(&el).is_empty()).await;
    assert!(alerts(&el).is_empty(), "fixed by an attribute change: {:?}", alerts(&el));
    assert!(!button(&el).disabled());
    h.unmount();
}

#[wasm_bindgen_test]
async fn id_lists_may_be_arrays_in_js_options() {
    fake_install();
    let c = "316";
    fake_route(&last_key(c), 500, "{}", JSON);
    fake_route(&create_key(c), 200, &report("96", c, "created", 0, ""), JSON);
    let el = host();
    let o = opts(&[("courseId", c)]);
    let arr = js_sys::Array::of2(&JsValue::from_f64(5.0), &"6".into());
    js_sys::Reflect::set(&o, &"enrollmentIds".into(), &arr).unwrap();
    let mut h = mount_report_card(el.clone(), o).unwrap();
    wait_until("an enabled action button", || ready(&el)).await;
    button(&el).click();
    wait_until("the create request", || fake_calls(&create_key(c)) == 1).await;
    assert_eq!(
        fake_last_body(&create_key(c)).as_deref(),
        Some(r#"{"parameters":{"enrollment_ids":["5","6"],"section_ids":[]}}"#)
    );
    h.unmount();
}

#[wasm_bindgen_test]
async fn the_course_and_time_zone_come_from_canvas_env_when_not_given() {
    fake_install();
    set_env(Some(r#"{"context_asset_string":"course_317","TIMEZONE":"Asia/Tokyo"}"#.into()));
    let c = "317";
    let created = iso_minutes_ago(3.0);
    fake_route(&last_key(c), 200, &report("97", c, "running", 5, &format!(r#","created_at":"{created}""#)), JSON);
    fake_route(&show_key(c, "97"), 200, &report("97", c, "running", 5, &format!(r#","created_at":"{created}""#)), JSON);
    let el = host();
    let mut h = mount_report_card(el.clone(), opts(&[("locale", "en-US")])).unwrap();
    wait_until("the relative time", || text(&el).contains("Created 3 minutes ago")).await;
    set_env(None);
    assert_eq!(fake_calls(&last_key(c)), 1, "course id from ENV.context_asset_string");
    let t = text(&el);
    assert!(t.contains("Created 3 minutes ago"), "relative wording: {t}");
    assert!(t.contains("GMT+9"), "shown in ENV.TIMEZONE: {t}");
    let time = query(&el, "time").unwrap();
    assert_eq!(time.get_attribute("datetime"), Some(created));
    h.unmount();
}

#[wasm_bindgen_test]
async fn the_time_zone_option_wins_and_a_bad_one_is_a_notice() {
    fake_install();
    let c = "318";
    let created = iso_minutes_ago(120.0);
    fake_route(
        &last_key(c),
        200,
        &complete("98", c, "https://f.example.edu/98").replace("2026-03-01T10:00:00Z", &created),
        JSON,
    );
    let (el, mut h) = mount(c, &[("timeZone", "America/Sao_Paulo")]);
    wait_until("the relative time", || text(&el).contains("Created 2 hours ago")).await;
    let t = text(&el);
    assert!(t.contains("Created 2 hours ago") && t.contains("GMT-3"), "{t}");
    h.set("time-zone", Some("Mars/Olympus_Mons".into()));
    wait_until("the time-zone notice", || text(&el).contains("is not a time zone")).await;
    let t = text(&el);
    assert!(t.contains("\"Mars/Olympus_Mons\" is not a time zone this browser knows"), "{t}");
    assert!(t.contains("Created 2 hours ago"), "times are still shown: {t}");
    h.unmount();
}

#[wasm_bindgen_test]
async fn the_custom_element_mounts_from_attributes_and_cleans_up_on_removal() {
    fake_install();
    let c = "319";
    fake_route(&last_key(c), 200, &report("99", c, "running", 10, ""), JSON);
    fake_route(&show_key(c, "99"), 200, &report("99", c, "running", 20, ""), JSON);
    define_elements();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("lms-report-card").unwrap().unchecked_into();
    el.set_attribute("course-id", c).unwrap();
    el.set_attribute("section-ids", "1,2").unwrap();
    el.set_attribute("label", "Pace document").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("the labelled card follows its report", || {
        text(&el).contains("Pace document") && query(&el, "progress").is_some()
    })
    .await;
    assert!(text(&el).contains("Pace document"));
    assert_eq!(query(&el, "progress").unwrap().get_attribute("aria-label").as_deref(), Some("Pace document progress"));
    assert!(active_pollers() >= 1);
    el.set_attribute("enrollment-ids", "9 nine").unwrap();
    wait_until("the id fault", || alerts(&el).iter().any(|m| m.contains("nine"))).await;
    assert!(alerts(&el).iter().any(|m| m.contains("entry 2 (\"nine\")")), "{:?}", alerts(&el));
    el.remove();
    assert_eq!(active_pollers(), 0, "removing the element stops polling");
    let calls = fake_calls_containing(&format!("/courses/{c}/"));
    // Two poll ticks of another card: a card still polling would have asked again by then.
    another_card_polls(2).await;
    assert_eq!(fake_calls_containing(&format!("/courses/{c}/")), calls, "no request after removal");
}

// Issue 12 §1, small traps: an imperatively mounted card stops when its host leaves.
#[wasm_bindgen_test]
async fn an_imperative_card_whose_host_leaves_the_page_stops_following() {
    fake_install();
    fake_route(&last_key("9301"), 200, &report("61", "9301", "running", 10, ""), JSON);
    fake_route(&show_key("9301", "61"), 200, &report("61", "9301", "running", 20, ""), JSON);
    let before = active_pollers();
    let (el, h) = mount("9301", &[]);
    wait_until("it follows the running report", || fake_calls(&show_key("9301", "61")) >= 1).await;
    assert_eq!(active_pollers(), before + 1);
    el.remove();
    wait_until("the card is unmounted", || !h.mounted()).await;
    assert_eq!(active_pollers(), before, "no poller left for the removed host");
}

// Issue 12 §1, "Panics after an await": answers that arrive after the card is gone.
#[wasm_bindgen_test]
async fn answers_arriving_after_unmount_are_ignored_and_the_next_card_works() {
    fake_install();
    // 1. The "last report" check, answered after unmount.
    fake_hold(&last_key("9302"), false);
    let (_el, mut h) = mount("9302", &[]);
    wait_until("the check is in flight", || fake_is_held(&last_key("9302"))).await;
    h.unmount();
    fake_release(&last_key("9302"), Some(200), Some(report("62", "9302", "running", 10, "")));
    // 2. A create, answered after unmount.
    fake_route(&last_key("9303"), 200, "{}", JSON);
    fake_hold(&create_key("9303"), false);
    let (el, mut h) = mount("9303", &[]);
    wait_until("the create button", || text(&el).contains("No report yet")).await;
    button(&el).click();
    wait_until("the create is in flight", || fake_is_held(&create_key("9303"))).await;
    h.unmount();
    fake_release(&create_key("9303"), Some(200), Some(report("63", "9303", "running", 0, "")));
    // 3. A listener that unmounts the card from inside its own event.
    fake_route(&last_key("9304"), 200, &complete("64", "9304", "https://files.example.com/r.docx"), JSON);
    fake_route(&create_key("9304"), 200, &report("65", "9304", "running", 0, ""), JSON);
    let (el, h) = mount("9304", &[]);
    let handle = Rc::new(RefCell::new(Some(h)));
    let hh = handle.clone();
    let unmount_on_start = Closure::<dyn Fn()>::new(move || {
        if let Some(mut h) = hh.borrow_mut().take() {
            h.unmount();
        }
    });
    el.add_event_listener_with_callback("lms-report-started", unmount_on_start.as_ref().unchecked_ref()).unwrap();
    wait_until("the finished report is shown", || text(&el).contains("Download")).await;
    button(&el).click();
    wait_until("the listener unmounted the card", || handle.borrow().is_none()).await;
    // The page still works: a new card checks, creates and follows.
    fake_route(&last_key("9305"), 200, "{}", JSON);
    fake_route(&create_key("9305"), 200, &report("66", "9305", "running", 0, ""), JSON);
    fake_route(&show_key("9305", "66"), 200, &report("66", "9305", "running", 40, ""), JSON);
    let (el, mut h) = mount("9305", &[]);
    wait_until("the new card is idle", || text(&el).contains("No report yet")).await;
    button(&el).click();
    wait_until("the new card follows its report", || fake_calls(&show_key("9305", "66")) >= 1).await;
    wait_until("and shows it", || text(&el).contains("40")).await;
    h.unmount();
}
