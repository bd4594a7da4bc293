//! Browser tests: components mount, render each state with the right ARIA, fire events,
//! share pollers, and clean up on unmount. Run with `wasm-pack test --headless --chrome`.
//! `window.fetch` is replaced by the scripted fake of `common`, so no server is needed.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lms_widgets::bindings::{define_elements, mount_progress};
use lms_widgets::poll::driver::{active_pollers, page_listeners};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
// Counts the page-level listeners really registered (by type and function).
const pageListeners = new Set();
export function count_page_listeners() {
  if (!window.__lmsListenerCount) {
    window.__lmsListenerCount = true;
    for (const target of [window, document]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      target.addEventListener = (type, fn, o) => { if (type === 'visibilitychange' || type === 'online') pageListeners.add(type + '|' + fnId(fn)); return add(type, fn, o); };
      target.removeEventListener = (type, fn, o) => { pageListeners.delete(type + '|' + fnId(fn)); return remove(type, fn, o); };
    }
  }
  return pageListeners.size;
}
const ids = new WeakMap();
let nextId = 1;
function fnId(fn) { if (!ids.has(fn)) ids.set(fn, nextId++); return ids.get(fn); }
"#)]
extern "C" {
    fn count_page_listeners() -> u32;
}

fn text_of(el: &web_sys::HtmlElement) -> String {
    query(el, ".lmsw-progress").and_then(|e| e.text_content()).unwrap_or_default()
}

fn progress_value(el: &web_sys::HtmlElement) -> Option<String> {
    query(el, "progress").and_then(|b| b.get_attribute("value"))
}

/// Proves that time has passed in the pollers' own terms, without a wall-clock sleep: a
/// widget on a running job makes `ticks` further requests, each a poll interval after the
/// last. A widget that were still polling would have polled in that time too.
async fn another_widget_polls(ticks: u32) {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(9000);
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let key = format!("GET /api/v1/progress/{id}");
    fake_route(&key, 200, &canvas(id, "running", "10", ""), "application/json");
    let mut h = mount_progress(host(), js_object(&[("url", format!("/api/v1/progress/{id}").into())])).unwrap();
    wait_until(&format!("{ticks} poll ticks of another widget"), || fake_calls(&key) > ticks).await;
    h.unmount();
}

fn canvas(id: u32, state: &str, completion: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","user_id":"1","context_type":"Course","workflow_state":"{state}","completion":{completion},"updated_at":"2026-01-01T00:00:00Z","url":"/api/v1/progress/{id}"{extra}}}"#
    )
}

#[wasm_bindgen_test]
async fn determinate_progress_has_value_and_valuetext() {
    fake_install();
    fake_route("GET /api/v1/progress/101", 200, &canvas(101, "running", "45.0", ""), "application/json");
    let el = host();
    let mut h =
        mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/101".into()), ("label", "Copying".into())]))
            .unwrap();
    wait_until("the bar shows 45%", || progress_value(&el).as_deref() == Some("45.0")).await;
    let bar = query(&el, "progress").expect("a native progress element");
    assert_eq!(bar.get_attribute("value").as_deref(), Some("45.0"));
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("45 percent, running"));
    assert_eq!(bar.get_attribute("aria-label").as_deref(), Some("Copying"));
    assert!(el.shadow_root().is_some(), "renders inside an open shadow root by default");
    h.unmount();
}

/// The request leaves while `mountProgress` runs, not in a task after it: the widget's view
/// and the rest of the page's start-up happen while it is on the wire.
#[wasm_bindgen_test]
async fn the_first_request_leaves_during_mount() {
    fake_install();
    let key = "GET /api/v1/progress/171";
    fake_route(key, 200, &canvas(171, "running", "45.0", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/171".into())])).unwrap();
    assert_eq!(fake_calls(key), 1, "requested before mountProgress returned");
    wait_until("the bar shows 45%", || progress_value(&el).as_deref() == Some("45.0")).await;
    assert_eq!(fake_calls(key), 1, "and not asked again for the first answer");
    h.unmount();
}

#[wasm_bindgen_test]
async fn null_completion_is_indeterminate_without_value() {
    fake_install();
    fake_route("GET /api/v1/progress/102", 200, &canvas(102, "queued", "null", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/102".into())])).unwrap();
    wait_until("the queued state", || {
        query(&el, "progress").and_then(|b| b.get_attribute("aria-valuetext")).as_deref() == Some("Queued")
    })
    .await;
    let bar = query(&el, "progress").unwrap();
    assert_eq!(bar.get_attribute("value"), None, "no value while indeterminate");
    assert_eq!(bar.get_attribute("aria-valuenow"), None);
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("Queued"));
    assert_eq!(bar.get_attribute("aria-label").as_deref(), Some("Progress"), "a default accessible name");
    h.unmount();
}

#[wasm_bindgen_test]
async fn completed_job_fires_complete_with_results_and_stops() {
    fake_install();
    fake_route(
        "GET /api/v1/progress/103",
        200,
        &canvas(103, "completed", "100.0", r#","results":{"id":"77"}"#),
        "application/json",
    );
    let el = host();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(None::<JsValue>));
    let s2 = seen.clone();
    let cb = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        *s2.borrow_mut() = Some(e.detail());
    });
    el.add_event_listener_with_callback("lms-complete", cb.as_ref().unchecked_ref()).unwrap();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/103".into())])).unwrap();
    wait_until("lms-complete", || seen.borrow().is_some()).await;
    let detail = seen.borrow().clone().expect("lms-complete fired");
    let results = js_sys::Reflect::get(&detail, &"results".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&results, &"id".into()).unwrap().as_string().as_deref(), Some("77"));
    let root = query(&el, ".lmsw-progress").unwrap();
    assert!(root.class_name().contains("lmsw-progress--completed"));
    another_widget_polls(2).await;
    assert_eq!(fake_calls("GET /api/v1/progress/103"), 1, "no polling after a terminal state");
    h.unmount();
}

#[wasm_bindgen_test]
async fn not_found_stops_with_a_message_and_a_retry_button() {
    fake_install();
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/404404".into())])).unwrap();
    wait_until("the not-found alert", || query(&el, "[role=alert]").is_some()).await;
    let alert = query(&el, "[role=alert]").expect("an alert");
    assert!(alert.text_content().unwrap().contains("Not found"), "{:?}", alert.text_content());
    let button = query(&el, "button").expect("a Try again button");
    assert_eq!(button.text_content().as_deref(), Some("Try again"));
    h.unmount();
}

#[wasm_bindgen_test]
async fn canvas_throttling_is_retried_not_fatal() {
    fake_install();
    fake_route("GET /api/v1/progress/104", 403, "403 Forbidden (Rate Limit Exceeded)\n", "text/plain; charset=utf-8");
    fake_route("GET /api/v1/progress/104", 200, &canvas(104, "running", "10", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/104".into())])).unwrap();
    wait_until("the throttling alert", || text_of(&el).contains("rate-limiting")).await;
    let alert = query(&el, "[role=alert]").expect("the throttling is shown");
    assert!(alert.text_content().unwrap().contains("rate-limiting"));
    assert!(query(&el, "button").is_none(), "no Try again while retrying by itself");
    h.unmount();
}

#[wasm_bindgen_test]
async fn fifty_widgets_on_one_url_share_one_request_and_unmount_cleans_up() {
    fake_install();
    fake_route("GET /api/v1/progress/105", 200, &canvas(105, "running", "5", ""), "application/json");
    let hosts: Vec<_> = (0..50).map(|_| host()).collect();
    let mut handles: Vec<_> = hosts
        .iter()
        .map(|el| mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/105".into())])).unwrap())
        .collect();
    wait_until("all 50 bars show the job", || hosts.iter().all(|el| text_of(el).contains("Running"))).await;
    assert_eq!(fake_calls("GET /api/v1/progress/105"), 1);
    assert!(active_pollers() >= 1);
    for h in handles.iter_mut() {
        h.unmount();
    }
    assert_eq!(active_pollers(), 0, "every poller (timers, requests) is gone after unmount");
}

#[wasm_bindgen_test]
async fn cloudreve_upload_shows_human_units() {
    fake_install();
    fake_route(
        "GET /api/v4/workflow/progress/abc",
        200,
        r#"{"code":0,"msg":"","data":{"upload_count":{"total":10,"current":3},"upload":{"total":40000000,"current":12400000}}}"#,
        "application/json",
    );
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v4/workflow/progress/abc".into())])).unwrap();
    wait_until("the upload numbers", || text_of(&el).contains("12.4 MB of 40 MB")).await;
    let text = query(&el, ".lmsw-progress").unwrap().text_content().unwrap();
    assert!(text.contains("12.4 MB of 40 MB"), "{text}");
    assert!(text.contains("3 of 10 files"), "{text}");
    h.unmount();
}

#[wasm_bindgen_test]
fn invalid_format_option_throws_a_clear_error() {
    let err = mount_progress(host(), js_object(&[("url", "/x".into()), ("format", "xml".into())])).err().unwrap();
    let msg = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(msg.contains("format") && msg.contains("xml"), "{msg}");
}

#[wasm_bindgen_test]
async fn custom_element_mounts_from_attributes_and_cancel_needs_confirmation() {
    fake_install();
    fake_route("GET /api/v1/progress/106", 200, &canvas(106, "running", "20", ""), "application/json");
    fake_route(
        "POST /api/v1/progress/106/cancel",
        200,
        &canvas(106, "failed", "20", r#","message":"Canceled by the user""#),
        "application/json",
    );
    define_elements();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("lms-progress").unwrap().unchecked_into();
    el.set_attribute("url", "/api/v1/progress/106").unwrap();
    el.set_attribute("cancelable", "").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("the cancel button", || query(&el, "button").is_some()).await;
    let cancel: web_sys::HtmlElement = query(&el, "button").expect("a cancel button").unchecked_into();
    assert_eq!(cancel.text_content().as_deref(), Some("Cancel"));
    cancel.click();
    // The confirmation showing proves the click was handled; only then can "nothing sent" hold.
    wait_until("the confirm button", || query(&el, "button.lmsw-button--danger").is_some()).await;
    assert_eq!(fake_calls("POST /api/v1/progress/106/cancel"), 0, "nothing is sent before confirming");
    let confirm: web_sys::HtmlElement =
        query(&el, "button.lmsw-button--danger").expect("a confirm button").unchecked_into();
    confirm.click();
    wait_until("the canceled state", || {
        query(&el, ".lmsw-progress").is_some_and(|r| r.class_name().contains("lmsw-progress--canceled"))
    })
    .await;
    assert_eq!(fake_calls("POST /api/v1/progress/106/cancel"), 1);
    let root = query(&el, ".lmsw-progress").unwrap();
    assert!(root.class_name().contains("lmsw-progress--canceled"), "{}", root.class_name());
    el.remove();
    assert_eq!(active_pollers(), 0);
}

#[wasm_bindgen_test]
async fn dropping_the_handle_keeps_the_widget_until_unmount() {
    fake_install();
    fake_route("GET /api/v1/progress/131", 200, &canvas(131, "running", "20.0", ""), "application/json");
    let el = host();
    let before = active_pollers();
    let h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/131".into())])).unwrap();
    let copy = h.clone(); // Rust-side copy of the id; JS sees one handle
    drop(h); // what garbage collection of the JS handle does
    wait_until("the bar shows the job", || progress_value(&el).as_deref() == Some("20.0")).await;
    assert!(copy.mounted(), "still mounted after the handle is gone");
    assert_eq!(active_pollers(), before + 1, "still polling");
    assert!(query(&el, "progress").is_some());
    let mut copy = copy;
    copy.unmount();
    assert!(!copy.mounted());
    assert_eq!(active_pollers(), before, "unmount stops the poller");
    assert!(query(&el, "progress").is_none(), "unmount removes the markup");
}

#[wasm_bindgen_test]
async fn a_locale_intl_rejects_falls_back_to_the_browsers() {
    fake_install();
    fake_route("GET /api/v1/progress/132", 200, &canvas(132, "running", "45.0", ""), "application/json");
    let el = host();
    // `new Intl.NumberFormat(["not a locale!"])` throws a RangeError.
    let mut h = mount_progress(
        el.clone(),
        js_object(&[("url", "/api/v1/progress/132".into()), ("locale", "not a locale!".into())]),
    )
    .unwrap();
    wait_until("the bar shows 45%", || progress_value(&el).as_deref() == Some("45.0")).await;
    let pct = query(&el, ".lmsw-progress__percent").expect("the percent label");
    assert_eq!(pct.text_content().unwrap_or_default().trim(), "45%");
    h.unmount();
}

// Issue 12 §1, "Credentials to the wrong place".

#[wasm_bindgen_test]
async fn the_base_url_attribute_cannot_receive_the_token() {
    fake_install();
    fake_route("GET /api/v1/progress/201", 200, &canvas(201, "running", "10", ""), "application/json");
    define_elements();
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("lms-progress").unwrap().unchecked_into();
    el.set_attribute("url", "/api/v1/progress/201").unwrap();
    el.set_attribute("base-url", "https://evil.example/").unwrap();
    js_sys::Reflect::set(&el, &"lmsOptions".into(), &js_object(&[("token", "s3cret".into())])).unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("the refusal is shown", || text_of(&el).contains("evil.example")).await;
    assert_eq!(
        fake_calls_to("https://evil.example"),
        0,
        "nothing, let alone the token, goes to the attribute's origin"
    );
    let text = text_of(&el);
    assert!(text.contains("token") && text.contains("baseUrl"), "{text}");
    el.remove();
}

#[wasm_bindgen_test]
async fn the_token_and_headers_go_to_the_js_base_url_as_a_prefix() {
    fake_install();
    fake_route("GET /canvas-proxy/api/v1/progress/202", 200, &canvas(202, "running", "10", ""), "application/json");
    let el = host();
    let headers = js_object(&[("X-Tool-Key", "k1".into())]);
    let base = format!("{}/canvas-proxy/", page_origin());
    let mut h = mount_progress(
        el.clone(),
        js_object(&[
            ("url", "/api/v1/progress/202".into()),
            ("baseUrl", base.as_str().into()),
            ("token", "s3cret".into()),
            ("headers", headers),
        ]),
    )
    .unwrap();
    let key = "GET /canvas-proxy/api/v1/progress/202";
    wait_until("the proxied request", || fake_calls(key) == 1).await;
    assert_eq!(fake_calls("GET /api/v1/progress/202"), 0, "the base URL's path is kept");
    assert_eq!(sent_header(key, "Authorization").as_deref(), Some("Bearer s3cret"));
    assert_eq!(sent_header(key, "X-Tool-Key").as_deref(), Some("k1"));
    assert_eq!(sent_redirect_mode(key).as_deref(), Some("manual"), "credentials never follow a redirect");
    h.unmount();
}

#[wasm_bindgen_test]
async fn custom_headers_never_go_to_another_origin() {
    fake_install();
    let el = host();
    let headers = js_object(&[("X-Tool-Key", "k1".into())]);
    let mut h = mount_progress(
        el.clone(),
        js_object(&[("url", "https://elsewhere.example/api/v1/progress/203".into()), ("headers", headers)]),
    )
    .unwrap();
    wait_until("the refusal is shown", || text_of(&el).contains("custom headers")).await;
    assert_eq!(fake_calls_to("https://elsewhere.example"), 0);
    h.unmount();
}

#[wasm_bindgen_test]
async fn the_csrf_header_goes_only_to_the_page_s_origin() {
    fake_install();
    set_cookie("_csrf_token=tok%2Ben");
    for (id, url) in
        [(204, "/api/v1/progress/204".to_owned()), (205, "https://other.example/api/v1/progress/205".into())]
    {
        fake_route(&format!("GET /api/v1/progress/{id}"), 200, &canvas(id, "running", "20", ""), "application/json");
        fake_route(
            &format!("POST /api/v1/progress/{id}/cancel"),
            200,
            &canvas(id, "failed", "20", r#","message":"Canceled by the user""#),
            "application/json",
        );
        let el = host();
        let mut h = mount_progress(el.clone(), js_object(&[("url", url.as_str().into()), ("cancelable", true.into())]))
            .unwrap();
        wait_until("the cancel button", || query(&el, "button").is_some()).await;
        query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        wait_until("the confirm button", || query(&el, "button.lmsw-button--danger").is_some()).await;
        query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        let key = format!("POST /api/v1/progress/{id}/cancel");
        wait_until("the cancel request", || fake_calls(&key) == 1).await;
        if id == 204 {
            assert_eq!(sent_header(&key, "X-CSRF-Token").as_deref(), Some("tok+en"), "same origin: Canvas needs it");
            assert_eq!(sent_redirect_mode(&key).as_deref(), Some("manual"));
        } else {
            assert_eq!(sent_header(&key, "X-CSRF-Token"), None, "another origin never gets the CSRF token");
            assert_eq!(sent_header(&key, "X-Requested-With"), None);
            assert_eq!(sent_redirect_mode(&key).as_deref(), Some("follow"), "nothing secret to carry");
        }
        h.unmount();
    }
    set_cookie("_csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT");
}

#[wasm_bindgen_test]
async fn a_redirect_answer_to_a_credentialed_request_is_a_clear_fault() {
    fake_install();
    fake_redirect("GET /api/v1/progress/206");
    let el = host();
    let mut h =
        mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/206".into()), ("token", "s3cret".into())]))
            .unwrap();
    wait_until("the redirect fault", || text_of(&el).contains("redirect")).await;
    assert!(text_of(&el).contains("baseUrl"), "{}", text_of(&el));
    assert!(query(&el, "button").is_some(), "a fault that stops, with Try again");
    h.unmount();
}

// Issue 12 §1, small traps.

#[wasm_bindgen_test]
async fn a_100_000_deep_error_body_is_a_plain_fault_not_a_stack_overflow() {
    fake_install();
    let depth = 100_000;
    let body = format!(r#"{{"errors":{}"deep"{},"message":"Too deep"}}"#, "[".repeat(depth), "]".repeat(depth));
    fake_route("GET /api/v1/progress/301", 422, &body, "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/301".into())])).unwrap();
    wait_until("the fault", || text_of(&el).contains("Too deep")).await;
    h.unmount();
}

#[wasm_bindgen_test]
async fn widgets_with_different_tokens_never_share_a_poller() {
    // The shared poller is keyed by the client's value: `Debug` hides the token, so a key
    // built from it would hand one user's answers (and requests) to another token.
    fake_install();
    fake_route("GET /api/v1/progress/302", 200, &canvas(302, "running", "10", ""), "application/json");
    let key = "GET /api/v1/progress/302";
    let mut handles = Vec::new();
    for token in ["alpha", "beta"] {
        let el = host();
        handles.push(
            mount_progress(el, js_object(&[("url", "/api/v1/progress/302".into()), ("token", token.into())])).unwrap(),
        );
        wait_until("this widget's own request", || {
            sent_header(key, "Authorization").is_some_and(|a| a.ends_with(token))
        })
        .await;
    }
    assert_eq!(fake_calls(key), 2, "one request per token");
    for h in handles.iter_mut() {
        h.unmount();
    }
}

#[wasm_bindgen_test]
async fn a_widget_remounted_while_a_cancel_is_in_flight_gets_a_live_poller() {
    fake_install();
    fake_route("GET /api/v1/progress/303", 200, &canvas(303, "running", "30", ""), "application/json");
    let get = "GET /api/v1/progress/303";
    let cancel = "POST /api/v1/progress/303/cancel";
    fake_hold(cancel, true);
    let before = active_pollers();
    let opts_303 = || js_object(&[("url", "/api/v1/progress/303".into()), ("cancelable", true.into())]);
    let el = host();
    let mut a = mount_progress(el.clone(), opts_303()).unwrap();
    wait_until("the cancel button", || query(&el, "button").is_some()).await;
    query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the confirm button", || query(&el, "button.lmsw-button--danger").is_some()).await;
    query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the cancel request is in flight", || fake_is_held(cancel)).await;
    a.unmount();
    let polls = fake_calls(get);
    // The same URL again: the old poller is stopped, and still held by the cancel.
    let el_b = host();
    let mut b = mount_progress(el_b.clone(), opts_303()).unwrap();
    wait_until("the new widget polls", || fake_calls(get) > polls).await;
    wait_until("the new widget shows the job", || text_of(&el_b).contains("Running")).await;
    // The cancel answers after its widget is gone: no panic, the new widget is unaffected.
    fake_release(cancel, Some(200), Some(canvas(303, "failed", "30", r#","message":"Canceled by the user""#)));
    // Proof that the late answer has been handled, in the widgets' own time: it resolves at
    // once, and the new widget polls again only a poll interval later.
    let polls = fake_calls(get);
    wait_until("the new widget's next poll", || fake_calls(get) > polls).await;
    assert!(text_of(&el_b).contains("Running"), "{}", text_of(&el_b));
    b.unmount();
    assert_eq!(active_pollers(), before);
}

#[wasm_bindgen_test]
async fn page_listeners_are_removed_when_the_last_poller_stops() {
    fake_install();
    fake_route("GET /api/v1/progress/304", 200, &canvas(304, "running", "30", ""), "application/json");
    count_page_listeners(); // starts counting what is added and removed from now on
    assert_eq!(active_pollers(), 0, "no widget left by earlier tests");
    assert_eq!(page_listeners(), 0, "no poller, so no page listener");
    let mut handles = Vec::new();
    for _ in 0..3 {
        handles.push(mount_progress(host(), js_object(&[("url", "/api/v1/progress/304".into())])).unwrap());
    }
    let mut other = mount_progress(host(), js_object(&[("url", "/api/v1/progress/305".into())])).unwrap();
    wait_until("both pollers run", || active_pollers() == 2).await;
    assert_eq!(count_page_listeners(), 2, "one visibilitychange and one online listener, however many pollers");
    for h in handles.iter_mut() {
        h.unmount();
    }
    assert_eq!(count_page_listeners(), 2, "a poller is still running");
    other.unmount();
    assert_eq!(count_page_listeners(), 0, "both removed with the last poller");
    assert_eq!(page_listeners(), 0);
    // And installed again for the next one.
    let mut again = mount_progress(host(), js_object(&[("url", "/api/v1/progress/304".into())])).unwrap();
    wait_until("the poller runs", || active_pollers() == 1).await;
    assert_eq!(count_page_listeners(), 2);
    again.unmount();
    assert_eq!(count_page_listeners(), 0);
}

#[wasm_bindgen_test]
async fn an_imperative_widget_whose_host_leaves_the_page_stops() {
    fake_install();
    fake_route("GET /api/v1/progress/306", 200, &canvas(306, "running", "30", ""), "application/json");
    let before = active_pollers();
    let doc = web_sys::window().unwrap().document().unwrap();
    // Mounted before it is attached: unrelated changes to the page do not count as leaving.
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    let h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/306".into())])).unwrap();
    let unrelated = host();
    next_task().await; // mutation observers have run
    assert!(h.mounted(), "never attached yet, so not gone");
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("it shows the job", || text_of(&el).contains("Running")).await;
    // Moving it (out and back in one task) keeps it.
    unrelated.append_child(&el).unwrap();
    next_task().await;
    assert!(h.mounted(), "moved, not removed");
    el.remove();
    wait_until("the widget is unmounted", || !h.mounted()).await;
    assert_eq!(active_pollers(), before, "no poller (no timer, no request) is left for the removed host");
    assert!(query(&el, "progress").is_none(), "its markup is gone");
}

#[wasm_bindgen_test]
fn two_digit_years_are_displayed_as_written_not_as_19xx() {
    use lms_widgets::components::intl::{absolute_time, calendar_date};
    let shown = calendar_date("0025-03-01", Some("en-US"));
    assert!(!shown.contains("1925"), "{shown}");
    assert_eq!(shown, "Sat, Mar 1, 25");
    assert_eq!(calendar_date("2026-03-01", Some("en-US")), "Sun, Mar 1, 2026");
    assert_eq!(calendar_date("2026-02-30", Some("en-US")), "2026-02-30", "not a day: shown as given");
    // The report card's times go through `Date.parse`, which reads ISO years as written.
    let ms = js_sys::Date::parse("0025-03-01T10:00:00Z");
    let shown = absolute_time(ms, Some("en-US"), Some("UTC"));
    assert!(shown.contains(", 25,") && !shown.contains("1925"), "{shown}");
}

// Issue 12 §1, "Panics after an await": answers and events after the widget is gone.
#[wasm_bindgen_test]
async fn answers_arriving_after_unmount_are_ignored_and_the_next_widget_works() {
    fake_install();
    let before = active_pollers();
    // 1. A poll in flight at unmount is aborted; its late answer changes nothing.
    let get = "GET /api/v1/progress/401";
    fake_hold(get, true);
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/401".into())])).unwrap();
    wait_until("the poll is in flight", || fake_is_held(get)).await;
    h.unmount();
    assert!(fake_release(get, Some(200), Some(canvas(401, "running", "10", ""))), "unmount aborted the request");
    // 2. A cancel in flight at unmount (not aborted: the person asked for it) answers later.
    fake_route("GET /api/v1/progress/402", 200, &canvas(402, "running", "20", ""), "application/json");
    let cancel = "POST /api/v1/progress/402/cancel";
    fake_hold(cancel, true);
    let el = host();
    let mut h =
        mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/402".into()), ("cancelable", true.into())]))
            .unwrap();
    wait_until("the cancel button", || query(&el, "button").is_some()).await;
    query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the confirm button", || query(&el, "button.lmsw-button--danger").is_some()).await;
    query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the cancel is in flight", || fake_is_held(cancel)).await;
    h.unmount();
    fake_release(cancel, Some(200), Some(canvas(402, "failed", "20", r#","message":"Canceled by the user""#)));
    // 3. A page listener that removes the widget from inside its own event.
    fake_route("GET /api/v1/progress/403", 200, &canvas(403, "running", "30", ""), "application/json");
    let el = host();
    let handle = std::rc::Rc::new(std::cell::RefCell::new(None::<lms_widgets::bindings::WidgetHandle>));
    let hh = handle.clone();
    let remove_on_progress = Closure::<dyn Fn()>::new(move || {
        if let Some(mut h) = hh.borrow_mut().take() {
            h.unmount();
        }
    });
    el.add_event_listener_with_callback("lms-progress", remove_on_progress.as_ref().unchecked_ref()).unwrap();
    *handle.borrow_mut() =
        Some(mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/403".into())])).unwrap());
    wait_until("the listener unmounted it", || handle.borrow().is_none()).await;
    assert_eq!(active_pollers(), before, "nothing left polling");
    // The page still works.
    fake_route("GET /api/v1/progress/404", 200, &canvas(404, "running", "40.0", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", "/api/v1/progress/404".into())])).unwrap();
    wait_until("the next widget shows its job", || {
        query(&el, "progress").and_then(|b| b.get_attribute("value")).as_deref() == Some("40.0")
    })
    .await;
    h.unmount();
}
