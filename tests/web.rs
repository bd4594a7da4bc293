//! Browser tests: components mount, render each state with the right ARIA, fire events,
//! share pollers, and clean up on unmount. Run with `wasm-pack test --headless --chrome`.
//! `window.fetch` is replaced by a scripted fake, so no server is needed.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use lms_widgets::bindings::{define_elements, mount_progress};
use lms_widgets::poll::driver::{active_pollers, page_listeners};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const routes = new Map();
const calls = [];
const held = new Map();
export function fake_install() {
  if (window.__lmsFake) return;
  window.__lmsFake = true;
  window.fetch = async (req) => {
    const url = typeof req === 'string' ? req : req.url;
    const method = typeof req === 'string' ? 'GET' : req.method;
    const path = new URL(url, location.href).pathname;
    const key = method + ' ' + path;
    const headers = typeof req === 'string' ? {} : Object.fromEntries(req.headers.entries());
    calls.push({ key, url, headers, redirect: typeof req === 'string' ? 'follow' : req.redirect });
    const signal = typeof req === 'string' ? null : req.signal;
    const hold = held.get(key);
    if (hold && !hold.promise) {
      // Held open until the test releases it; rejects like a real fetch when aborted.
      hold.promise = new Promise((resolve, reject) => {
        hold.resolve = resolve;
        if (signal) signal.addEventListener('abort', () => { hold.aborted = true; reject(new DOMException('aborted', 'AbortError')); });
      });
      return hold.promise;
    }
    const list = routes.get(key);
    if (!list || list.length === 0) return new Response('{"errors":[{"message":"The specified resource does not exist."}]}', { status: 404, headers: { 'Content-Type': 'application/json' } });
    const r = list.length > 1 ? list.shift() : list[0];
    if (r.redirect) {
      // What fetch gives for `redirect: 'manual'`: an opaque redirect (status 0, no body).
      return new (class extends Response { get type() { return 'opaqueredirect'; } get status() { return 0; } })(null);
    }
    return new Response(r.body, { status: r.status, headers: r.headers || { 'Content-Type': 'application/json' } });
  };
}
export function fake_route(key, status, body, content_type) {
  const list = routes.get(key) || [];
  list.push({ status, body, headers: { 'Content-Type': content_type } });
  routes.set(key, list);
}
export function fake_redirect(key) { routes.set(key, [{ redirect: true }]); }
export function fake_calls(key) { return calls.filter((c) => c.key === key).length; }
export function fake_last(key) {
  const mine = calls.filter((c) => c.key === key);
  return mine.length ? mine[mine.length - 1] : null;
}
export function fake_calls_to(origin) { return calls.filter((c) => new URL(c.url).origin === origin).length; }
export function fake_hold(key) { held.set(key, {}); }
export function fake_is_held(key) { const h = held.get(key); return !!(h && h.promise); }
export function fake_release(key, status, body) {
  const h = held.get(key);
  held.delete(key);
  if (h && h.resolve) h.resolve(new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
  return !!(h && h.aborted);
}
export function set_cookie(c) { document.cookie = c; }
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
export function page_origin() { return location.origin; }
"#)]
extern "C" {
    fn fake_install();
    fn fake_route(key: &str, status: u16, body: &str, content_type: &str);
    fn fake_redirect(key: &str);
    fn fake_calls(key: &str) -> u32;
    fn fake_last(key: &str) -> JsValue;
    fn fake_calls_to(origin: &str) -> u32;
    fn fake_hold(key: &str);
    fn fake_is_held(key: &str) -> bool;
    fn fake_release(key: &str, status: u16, body: &str) -> bool;
    fn set_cookie(c: &str);
    fn count_page_listeners() -> u32;
    fn page_origin() -> String;
}

/// A header the fake fetch saw on the last call to `key` (`None` if absent).
fn sent_header(key: &str, name: &str) -> Option<String> {
    let call = fake_last(key);
    let headers = js_sys::Reflect::get(&call, &"headers".into()).ok()?;
    js_sys::Reflect::get(&headers, &name.to_ascii_lowercase().into()).ok()?.as_string()
}

fn sent_redirect_mode(key: &str) -> Option<String> {
    js_sys::Reflect::get(&fake_last(key), &"redirect".into()).ok()?.as_string()
}

/// Waits until `cond` holds, checking after every timer turn; fails after `max_ms`.
async fn wait_until(what: &str, max_ms: u32, mut cond: impl FnMut() -> bool) {
    let mut waited = 0;
    while !cond() {
        assert!(waited < max_ms, "timed out waiting for: {what}");
        TimeoutFuture::new(10).await;
        waited += 10;
    }
}

fn text_of(el: &web_sys::HtmlElement) -> String {
    query(el, ".lmsw-progress").and_then(|e| e.text_content()).unwrap_or_default()
}

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("section").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn canvas(id: u32, state: &str, completion: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","user_id":"1","context_type":"Course","workflow_state":"{state}","completion":{completion},"updated_at":"2026-01-01T00:00:00Z","url":"/api/v1/progress/{id}"{extra}}}"#
    )
}

fn query(el: &web_sys::HtmlElement, sel: &str) -> Option<web_sys::Element> {
    let root: web_sys::Node = el.shadow_root().map(Into::into).unwrap_or_else(|| el.clone().into());
    root.unchecked_ref::<web_sys::DocumentFragment>()
        .query_selector(sel)
        .ok()
        .flatten()
        .or_else(|| el.query_selector(sel).ok().flatten())
}

async fn settle() {
    TimeoutFuture::new(60).await;
}

#[wasm_bindgen_test]
async fn determinate_progress_has_value_and_valuetext() {
    fake_install();
    fake_route("GET /api/v1/progress/101", 200, &canvas(101, "running", "45.0", ""), "application/json");
    let el = host();
    let mut h =
        mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/101".into()), ("label", "Copying".into())]))
            .unwrap();
    settle().await;
    let bar = query(&el, "progress").expect("a native progress element");
    assert_eq!(bar.get_attribute("value").as_deref(), Some("45.0"));
    assert_eq!(bar.get_attribute("aria-valuetext").as_deref(), Some("45 percent, running"));
    assert_eq!(bar.get_attribute("aria-label").as_deref(), Some("Copying"));
    assert!(el.shadow_root().is_some(), "renders inside an open shadow root by default");
    h.unmount();
}

#[wasm_bindgen_test]
async fn null_completion_is_indeterminate_without_value() {
    fake_install();
    fake_route("GET /api/v1/progress/102", 200, &canvas(102, "queued", "null", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/102".into())])).unwrap();
    settle().await;
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
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/103".into())])).unwrap();
    settle().await;
    let detail = seen.borrow().clone().expect("lms-complete fired");
    let results = js_sys::Reflect::get(&detail, &"results".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&results, &"id".into()).unwrap().as_string().as_deref(), Some("77"));
    let root = query(&el, ".lmsw-progress").unwrap();
    assert!(root.class_name().contains("lmsw-progress--completed"));
    TimeoutFuture::new(700).await;
    assert_eq!(fake_calls("GET /api/v1/progress/103"), 1, "no polling after a terminal state");
    h.unmount();
}

#[wasm_bindgen_test]
async fn not_found_stops_with_a_message_and_a_retry_button() {
    fake_install();
    let el = host();
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/404404".into())])).unwrap();
    settle().await;
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
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/104".into())])).unwrap();
    settle().await;
    let alert = query(&el, "[role=alert]").expect("the throttling is shown");
    assert!(alert.text_content().unwrap().contains("rate-limiting"));
    assert!(query(&el, "button").is_none(), "no Try again while retrying by itself");
    h.unmount();
}

#[wasm_bindgen_test]
async fn fifty_widgets_on_one_url_share_one_request_and_unmount_cleans_up() {
    fake_install();
    fake_route("GET /api/v1/progress/105", 200, &canvas(105, "running", "5", ""), "application/json");
    let mut handles = Vec::new();
    for _ in 0..50 {
        handles.push(mount_progress(host(), opts(&[("url", "/api/v1/progress/105".into())])).unwrap());
    }
    settle().await;
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
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v4/workflow/progress/abc".into())])).unwrap();
    settle().await;
    let text = query(&el, ".lmsw-progress").unwrap().text_content().unwrap();
    assert!(text.contains("12.4 MB of 40 MB"), "{text}");
    assert!(text.contains("3 of 10 files"), "{text}");
    h.unmount();
}

#[wasm_bindgen_test]
fn invalid_format_option_throws_a_clear_error() {
    let err = mount_progress(host(), opts(&[("url", "/x".into()), ("format", "xml".into())])).err().unwrap();
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
    settle().await;
    let cancel: web_sys::HtmlElement = query(&el, "button").expect("a cancel button").unchecked_into();
    assert_eq!(cancel.text_content().as_deref(), Some("Cancel"));
    cancel.click();
    settle().await;
    assert_eq!(fake_calls("POST /api/v1/progress/106/cancel"), 0, "nothing is sent before confirming");
    let confirm: web_sys::HtmlElement =
        query(&el, "button.lmsw-button--danger").expect("a confirm button").unchecked_into();
    confirm.click();
    settle().await;
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
    let h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/131".into())])).unwrap();
    let copy = h.clone(); // Rust-side copy of the id; JS sees one handle
    drop(h); // what garbage collection of the JS handle does
    settle().await;
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
    let mut h =
        mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/132".into()), ("locale", "not a locale!".into())]))
            .unwrap();
    settle().await;
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
    js_sys::Reflect::set(&el, &"lmsOptions".into(), &opts(&[("token", "s3cret".into())])).unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("the refusal is shown", 2000, || text_of(&el).contains("evil.example")).await;
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
    let headers = opts(&[("X-Tool-Key", "k1".into())]);
    let base = format!("{}/canvas-proxy/", page_origin());
    let mut h = mount_progress(
        el.clone(),
        opts(&[
            ("url", "/api/v1/progress/202".into()),
            ("baseUrl", base.as_str().into()),
            ("token", "s3cret".into()),
            ("headers", headers),
        ]),
    )
    .unwrap();
    let key = "GET /canvas-proxy/api/v1/progress/202";
    wait_until("the proxied request", 2000, || fake_calls(key) == 1).await;
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
    let headers = opts(&[("X-Tool-Key", "k1".into())]);
    let mut h = mount_progress(
        el.clone(),
        opts(&[("url", "https://elsewhere.example/api/v1/progress/203".into()), ("headers", headers)]),
    )
    .unwrap();
    wait_until("the refusal is shown", 2000, || text_of(&el).contains("custom headers")).await;
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
        let mut h =
            mount_progress(el.clone(), opts(&[("url", url.as_str().into()), ("cancelable", true.into())])).unwrap();
        wait_until("the cancel button", 2000, || query(&el, "button").is_some()).await;
        query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        wait_until("the confirm button", 2000, || query(&el, "button.lmsw-button--danger").is_some()).await;
        query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        let key = format!("POST /api/v1/progress/{id}/cancel");
        wait_until("the cancel request", 2000, || fake_calls(&key) == 1).await;
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
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/206".into()), ("token", "s3cret".into())]))
        .unwrap();
    wait_until("the redirect fault", 2000, || text_of(&el).contains("redirect")).await;
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
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/301".into())])).unwrap();
    wait_until("the fault", 5000, || text_of(&el).contains("Too deep")).await;
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
            mount_progress(el, opts(&[("url", "/api/v1/progress/302".into()), ("token", token.into())])).unwrap(),
        );
        wait_until("this widget's own request", 2000, || {
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
    fake_hold(cancel);
    let before = active_pollers();
    let opts_303 = || opts(&[("url", "/api/v1/progress/303".into()), ("cancelable", true.into())]);
    let el = host();
    let mut a = mount_progress(el.clone(), opts_303()).unwrap();
    wait_until("the cancel button", 2000, || query(&el, "button").is_some()).await;
    query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the confirm button", 2000, || query(&el, "button.lmsw-button--danger").is_some()).await;
    query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the cancel request is in flight", 2000, || fake_is_held(cancel)).await;
    a.unmount();
    let polls = fake_calls(get);
    // The same URL again: the old poller is stopped, and still held by the cancel.
    let el_b = host();
    let mut b = mount_progress(el_b.clone(), opts_303()).unwrap();
    wait_until("the new widget polls", 2000, || fake_calls(get) > polls).await;
    wait_until("the new widget shows the job", 2000, || text_of(&el_b).contains("Running")).await;
    // The cancel answers after its widget is gone: no panic, the new widget is unaffected.
    fake_release(cancel, 200, &canvas(303, "failed", "30", r#","message":"Canceled by the user""#));
    TimeoutFuture::new(0).await;
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
        handles.push(mount_progress(host(), opts(&[("url", "/api/v1/progress/304".into())])).unwrap());
    }
    let mut other = mount_progress(host(), opts(&[("url", "/api/v1/progress/305".into())])).unwrap();
    wait_until("both pollers run", 2000, || active_pollers() == 2).await;
    assert_eq!(count_page_listeners(), 2, "one visibilitychange and one online listener, however many pollers");
    for h in handles.iter_mut() {
        h.unmount();
    }
    assert_eq!(count_page_listeners(), 2, "a poller is still running");
    other.unmount();
    assert_eq!(count_page_listeners(), 0, "both removed with the last poller");
    assert_eq!(page_listeners(), 0);
    // And installed again for the next one.
    let mut again = mount_progress(host(), opts(&[("url", "/api/v1/progress/304".into())])).unwrap();
    wait_until("the poller runs", 2000, || active_pollers() == 1).await;
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
    let h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/306".into())])).unwrap();
    let unrelated = host();
    TimeoutFuture::new(0).await; // mutation observers have run
    assert!(h.mounted(), "never attached yet, so not gone");
    doc.body().unwrap().append_child(&el).unwrap();
    wait_until("it shows the job", 2000, || text_of(&el).contains("Running")).await;
    // Moving it (out and back in one task) keeps it.
    unrelated.append_child(&el).unwrap();
    TimeoutFuture::new(0).await;
    assert!(h.mounted(), "moved, not removed");
    el.remove();
    wait_until("the widget is unmounted", 2000, || !h.mounted()).await;
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
    fake_hold(get);
    let el = host();
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/401".into())])).unwrap();
    wait_until("the poll is in flight", 2000, || fake_is_held(get)).await;
    h.unmount();
    assert!(fake_release(get, 200, &canvas(401, "running", "10", "")), "unmount aborted the request");
    // 2. A cancel in flight at unmount (not aborted: the person asked for it) answers later.
    fake_route("GET /api/v1/progress/402", 200, &canvas(402, "running", "20", ""), "application/json");
    let cancel = "POST /api/v1/progress/402/cancel";
    fake_hold(cancel);
    let el = host();
    let mut h =
        mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/402".into()), ("cancelable", true.into())]))
            .unwrap();
    wait_until("the cancel button", 2000, || query(&el, "button").is_some()).await;
    query(&el, "button").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the confirm button", 2000, || query(&el, "button.lmsw-button--danger").is_some()).await;
    query(&el, "button.lmsw-button--danger").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    wait_until("the cancel is in flight", 2000, || fake_is_held(cancel)).await;
    h.unmount();
    fake_release(cancel, 200, &canvas(402, "failed", "20", r#","message":"Canceled by the user""#));
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
    *handle.borrow_mut() = Some(mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/403".into())])).unwrap());
    wait_until("the listener unmounted it", 2000, || handle.borrow().is_none()).await;
    assert_eq!(active_pollers(), before, "nothing left polling");
    // The page still works.
    fake_route("GET /api/v1/progress/404", 200, &canvas(404, "running", "40.0", ""), "application/json");
    let el = host();
    let mut h = mount_progress(el.clone(), opts(&[("url", "/api/v1/progress/404".into())])).unwrap();
    wait_until("the next widget shows its job", 2000, || {
        query(&el, "progress").and_then(|b| b.get_attribute("value")).as_deref() == Some("40.0")
    })
    .await;
    h.unmount();
}
