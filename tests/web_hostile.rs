//! Hostile input in the browser (issue 12 §2): every payload of `tests/fixtures/hostile.json`
//! goes through every text and URL a server or the page supplies to the three widgets:
//! Progress messages and states, report names, statuses, error messages and download links,
//! pace module names, item titles, blackout names and item links, element attributes, and
//! JS options (labels, ids, locales, getters that throw, Proxies that throw on every trap).
//!
//! Each payload is shown as the same text, or refused with a sentence; a link becomes an
//! `http:`/`https:` address or no link. Nothing runs: a payload that executed would set
//! `window.__lmswHostile`, and no `<script>`, `<img>`, `<iframe>` or event-handler attribute
//! may appear in a widget. Nothing panics: each test ends by mounting a fresh widget that
//! must still work, and the page must have seen no uncaught error.
//! Run with `wasm-pack test --headless --chrome --test web_hostile`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use lms_widgets::bindings::{
    compress_dates_js, define_elements, mount_pace_timeline, mount_progress, mount_report_card,
};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JSON: &str = "application/json";

#[wasm_bindgen(inline_js = r#"
export function hostile_flag() { return window.__lmswHostile === undefined ? null : String(window.__lmswHostile); }
export function prototype_polluted() { return ({}).polluted !== undefined || Object.prototype.polluted !== undefined; }
export function dangerous_nodes(el) {
  const sel = 'script,iframe,object,embed,img,link,[onerror],[onload],[onmouseover],[onclick],[srcdoc],[style*="javascript"]';
  const roots = [el, el.shadowRoot].filter(Boolean);
  return roots.map((r) => [...r.querySelectorAll(sel)].map((n) => n.outerHTML.slice(0, 80)).join(' | ')).join(' | ').replace(/^( \| )+|( \| )+$/g, '');
}
export function link_protocols(el) {
  const roots = [el, el.shadowRoot].filter(Boolean);
  return roots.flatMap((r) => [...r.querySelectorAll('[href]')]).map((a) => new URL(a.getAttribute('href'), document.baseURI).protocol).join(',');
}
export function link_count(el) {
  return [el, el.shadowRoot].filter(Boolean).flatMap((r) => [...r.querySelectorAll('[href]')]).length;
}
export function throwing_getters(keys) {
  const o = {};
  for (const k of keys) Object.defineProperty(o, k, { enumerable: true, get() { throw new Error('the getter of ' + k + ' threw'); } });
  return o;
}
export function throwing_proxy() {
  const traps = ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty',
    'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'];
  const handler = {};
  for (const t of traps) handler[t] = () => { throw new Error('the proxy trap ' + t + ' threw'); };
  return new Proxy({}, handler);
}
export function revoked_proxy() { const { proxy, revoke } = Proxy.revocable([], {}); revoke(); return proxy; }
export function throwing_list() { return new Proxy([], { get() { throw new Error('the list threw'); } }); }
export function error_message(e) { return e && e.message !== undefined ? String(e.message) : String(e); }
export function make_element(tag, attrs) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  return el;
}
"#)]
extern "C" {
    fn hostile_flag() -> Option<String>;
    fn prototype_polluted() -> bool;
    fn dangerous_nodes(el: &web_sys::HtmlElement) -> String;
    fn link_protocols(el: &web_sys::HtmlElement) -> String;
    fn link_count(el: &web_sys::HtmlElement) -> u32;
    fn throwing_getters(keys: js_sys::Array) -> JsValue;
    fn throwing_proxy() -> JsValue;
    fn revoked_proxy() -> JsValue;
    fn throwing_list() -> JsValue;
    fn error_message(e: &JsValue) -> String;
    fn make_element(tag: &str, attrs: &JsValue) -> web_sys::HtmlElement;
}

/// One payload: its name, the JSON string literal that carries it in a body (lone
/// surrogates only exist as `\uXXXX` escapes), and the text it must show as, when that can
/// be checked (not for empty, blank or lone-surrogate payloads).
struct Payload {
    name: String,
    literal: String,
    text: Option<String>,
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/hostile.json")).unwrap()
}

fn payloads(list: &str) -> Vec<Payload> {
    fixture()[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = p["name"].as_str().unwrap().to_owned();
            if let Some(units) = p["utf16"].as_array() {
                let literal = units.iter().map(|u| format!("\\u{:04x}", u.as_u64().unwrap())).collect::<String>();
                return Payload { name, literal: format!("\"{literal}\""), text: None };
            }
            let s = match p["repeat"].as_object() {
                Some(r) => r["unit"].as_str().unwrap().repeat(r["times"].as_u64().unwrap() as usize),
                None => p["value"].as_str().unwrap().to_owned(),
            };
            let literal = serde_json::to_string(&s).unwrap();
            Payload { name, literal, text: (!s.trim().is_empty()).then_some(s) }
        })
        .collect()
}

/// The payload with the white space the widgets may trim or collapse removed, for a
/// containment check on `textContent`.
fn core(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').to_owned()
}

/// At most `n` bytes of `s`, cut on a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Nothing ran, nothing was injected, nothing escaped into `Object.prototype`.
fn assert_inert(el: &web_sys::HtmlElement, what: &str) {
    assert_eq!(hostile_flag(), None, "{what}: a payload ran");
    assert!(!prototype_polluted(), "{what}: Object.prototype was polluted");
    assert_eq!(dangerous_nodes(el), "", "{what}: markup from a payload became elements");
    let protocols = link_protocols(el);
    assert!(
        protocols.split(',').filter(|p| !p.is_empty()).all(|p| p == "http:" || p == "https:"),
        "{what}: a link that is not http(s): {protocols}"
    );
}

fn progress_text(el: &web_sys::HtmlElement) -> String {
    query(el, ".lmsw-progress").and_then(|e| e.text_content()).unwrap_or_default()
}

fn report_text(el: &web_sys::HtmlElement) -> String {
    query(el, ".lmsw-report").and_then(|e| e.text_content()).unwrap_or_default()
}

/// A fresh progress bar on a fresh job renders: nothing on the page was broken (a panic
/// would have poisoned the module).
async fn still_works(id: u32) {
    let key = format!("GET /api/v1/progress/{id}");
    fake_route(&key, 200, &format!(r#"{{"id":{id},"workflow_state":"completed","completion":100}}"#), JSON);
    let el = host();
    let mut h = mount_progress(el.clone(), js_object(&[("url", format!("/api/v1/progress/{id}").into())])).unwrap();
    wait_until("a later progress bar completes", || progress_text(&el).contains("Completed")).await;
    h.unmount();
    assert_eq!(page_errors(), "", "no uncaught error on the page");
    assert_eq!(hostile_flag(), None);
}

#[wasm_bindgen_test]
fn the_fixture_has_at_least_thirty_payloads() {
    let n =
        ["text", "links", "values", "bodies"].iter().map(|l| fixture()[*l].as_array().unwrap().len()).sum::<usize>();
    assert!(n >= 30, "{n} payloads");
}

#[wasm_bindgen_test]
async fn progress_messages_and_states_are_text() {
    fake_install();
    let texts = payloads("text");
    let mut mounted = Vec::new();
    for (i, p) in texts.iter().enumerate() {
        // The message of a failed job, and an unknown workflow_state, both shown.
        for (k, body) in [
            (0usize, format!(r#"{{"id":1,"workflow_state":"failed","completion":10,"message":{}}}"#, p.literal)),
            (1, format!(r#"{{"id":1,"workflow_state":{},"completion":"50","message":null}}"#, p.literal)),
        ] {
            let id = 71_000 + 2 * i as u32 + k as u32;
            fake_route(&format!("GET /api/v1/progress/{id}"), 200, &body, JSON);
            let el = host();
            let h = mount_progress(el.clone(), js_object(&[("url", format!("/api/v1/progress/{id}").into())])).unwrap();
            mounted.push((el, h, p, k));
        }
    }
    for (el, _, p, k) in &mounted {
        let what = format!("progress {} ({})", p.name, ["message", "state"][*k]);
        wait_until(&format!("{what} renders"), || !progress_text(el).trim().is_empty()).await;
        // A state is shown by its own label where the bar has one; an unknown one need not
        // be echoed, so only the message is checked as text.
        if let Some(t) = p.text.as_ref().filter(|_| *k == 0) {
            // The state is shown capitalised with _ as spaces; compare without those changes.
            // Canvas's message starts the sentence, so its first letter is capitalised.
            let normalise = |s: &str| if *k == 2 { s.to_lowercase() } else { s.to_owned() };
            let want = normalise(prefix(&core(t), 200));
            wait_until(&format!("{what} shows the payload as text"), || {
                normalise(&squash(&progress_text(el))).contains(&want)
            })
            .await;
        }
        assert_inert(el, &what);
    }
    for (_, mut h, _, _) in mounted {
        h.unmount();
    }
    still_works(71_999).await;
}

#[wasm_bindgen_test]
async fn odd_values_and_bodies_are_shown_as_faults_or_states_never_run() {
    fake_install();
    let mut mounted = Vec::new();
    let fx = fixture();
    let mut bodies: Vec<(String, String)> = Vec::new();
    for v in fx["values"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let value = v["value"].to_string();
        bodies.push((
            format!("completion {name}"),
            format!(r#"{{"id":1,"workflow_state":"running","completion":{value}}}"#),
        ));
        bodies.push((format!("id {name}"), format!(r#"{{"id":{value},"workflow_state":"running","completion":5}}"#)));
        bodies.push((format!("state {name}"), format!(r#"{{"id":1,"workflow_state":{value}}}"#)));
    }
    for b in fx["bodies"].as_array().unwrap() {
        let name = b["name"].as_str().unwrap().to_owned();
        let body = match b["repeat_body"].as_object() {
            Some(r) => {
                let n = r["times"].as_u64().unwrap() as usize;
                format!("{}{}", r["open"].as_str().unwrap().repeat(n), r["close"].as_str().unwrap().repeat(n))
            }
            None => b["value"].as_str().unwrap().to_owned(),
        };
        bodies.push((name, body));
    }
    for (i, (name, body)) in bodies.iter().enumerate() {
        let id = 72_000 + i as u32;
        fake_route(&format!("GET /api/v1/progress/{id}"), 200, body, JSON);
        let el = host();
        let h = mount_progress(el.clone(), js_object(&[("url", format!("/api/v1/progress/{id}").into())])).unwrap();
        mounted.push((el, h, name));
    }
    for (el, _, name) in &mounted {
        // A state, a percentage or a sentence: something a person can read.
        wait_until(&format!("{name} renders"), || progress_text(el).trim().len() > 3).await;
        assert_inert(el, name);
    }
    for (_, mut h, _) in mounted {
        h.unmount();
    }
    still_works(72_999).await;
}

#[wasm_bindgen_test]
async fn report_names_statuses_errors_and_links_are_text_or_refused() {
    fake_install();
    let texts = payloads("text");
    let links = payloads("links");
    let mut mounted = Vec::new();
    for (i, p) in texts.iter().enumerate() {
        let course = 73_000 + 3 * i as u32;
        let base = format!("/api/v1/courses/{course}/reports/course_pace_docx");
        // A complete report whose file has a hostile name.
        fake_route(
            &format!("GET {base}"),
            200,
            &format!(
                r#"{{"id":"5","status":"complete","progress":100,"file_url":"/files/5/download","attachment":{{"id":"9","display_name":{},"url":"/files/5/download"}}}}"#,
                p.literal
            ),
            JSON,
        );
        // A running report whose status is the payload.
        let base2 = format!("/api/v1/courses/{}/reports/course_pace_docx", course + 1);
        fake_route(&format!("GET {base2}"), 200, &format!(r#"{{"id":"6","status":{},"progress":5}}"#, p.literal), JSON);
        fake_route(
            &format!("GET {base2}/6"),
            200,
            &format!(r#"{{"id":"6","status":{},"progress":6}}"#, p.literal),
            JSON,
        );
        // Canvas refusing with the payload as its message.
        let base3 = format!("/api/v1/courses/{}/reports/course_pace_docx", course + 2);
        fake_route(&format!("GET {base3}"), 422, &format!(r#"{{"errors":[{{"message":{}}}]}}"#, p.literal), JSON);
        for (k, c) in [(0, course), (1, course + 1), (2, course + 2)] {
            let el = host();
            let h = mount_report_card(el.clone(), js_object(&[("courseId", c.to_string().into())])).unwrap();
            mounted.push((el, h, p.name.clone(), p.text.clone(), k));
        }
    }
    for (i, p) in links.iter().enumerate() {
        let course = 74_000 + i as u32;
        fake_route(
            &format!("GET /api/v1/courses/{course}/reports/course_pace_docx"),
            200,
            &format!(
                r#"{{"id":"5","status":"complete","progress":100,"file_url":{0},"attachment":{{"id":"9","display_name":"x.docx","url":{0}}}}}"#,
                p.literal
            ),
            JSON,
        );
        let el = host();
        let h = mount_report_card(el.clone(), js_object(&[("courseId", course.to_string().into())])).unwrap();
        mounted.push((el, h, format!("link {}", p.name), None, 3));
    }
    for (el, _, name, text, k) in &mounted {
        let what = format!("report {name} ({})", ["file name", "status", "error", "link"][*k]);
        wait_until(&format!("{what} renders"), || report_text(el).trim().len() > 3).await;
        // An unknown status need not be echoed (the card says it is still running): only the
        // file name and Canvas's message are checked as text.
        if let Some(t) = text.as_ref().filter(|_| *k != 1) {
            let want = core(t);
            let want = prefix(&want, 200);
            // Canvas's message starts the sentence, so its first letter is capitalised.
            let normalise = |s: &str| if *k == 2 { s.to_lowercase() } else { s.to_owned() };
            wait_until(&format!("{what} shows the payload as text"), || {
                normalise(&squash(&report_text(el))).contains(&normalise(want))
            })
            .await;
        }
        // A link: assert_inert below checks that every href the card shows is http(s).
        assert_inert(el, &what);
    }
    for (_, mut h, ..) in mounted {
        h.unmount();
    }
    still_works(74_999).await;
}

#[wasm_bindgen_test]
async fn pace_names_titles_blackouts_and_links_are_text_or_dropped() {
    fake_install();
    let texts = payloads("text");
    let links = payloads("links");
    let course = 75_000;
    // One module per text payload (named by it), one item each (titled by it, linked by
    // the link payloads in turn), one blackout per payload (titled by it).
    let modules: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let link = &links[i % links.len()].literal;
            format!(
                r#"{{"id":{i},"name":{0},"position":{i},"items":[{{"id":{i},"duration":1,"module_item_id":{1},"assignment_title":{0},"assignment_link":{link},"module_item_type":"Assignment","published":true}}]}}"#,
                p.literal,
                500 + i
            )
        })
        .collect();
    let extra: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"{{"id":{0},"duration":1,"module_item_id":{1},"assignment_title":"Link {i}","assignment_link":{2}}}"#,
                900 + i,
                900 + i,
                p.literal
            )
        })
        .collect();
    let pace = format!(
        r#"{{"course_pace":{{"id":1,"course_id":{course},"exclude_weekends":true,"start_date":"2026-09-01","end_date":"2027-12-31","end_date_context":"hard","modules":[{},{{"id":999,"name":"Links","position":999,"items":[{}]}}]}},"progress":null}}"#,
        modules.join(","),
        extra.join(",")
    );
    let blackouts: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"{{"id":{i},"start_date":"2026-10-{:02}","end_date":"2026-10-{:02}","event_title":{}}}"#,
                1 + i % 28,
                1 + i % 28,
                p.literal
            )
        })
        .collect();
    fake_set(&format!("/api/v1/courses/{course}/course_pacing/1"), 200, &pace);
    fake_set(
        &format!("/api/v1/courses/{course}/blackout_dates"),
        200,
        &format!(r#"{{"blackout_dates":[{}]}}"#, blackouts.join(",")),
    );
    let el = host();
    let mut h = mount_pace_timeline(
        el.clone(),
        js_object(&[("courseId", course.to_string().into()), ("paceId", "1".into()), ("editable", true.into())]),
    )
    .unwrap();
    let items = texts.len() + links.len();
    wait_until("every item renders", || query_all(&el, "tr.lmsw-pace__item").len() == items).await;
    let shown = squash(&shadow_text(&el));
    for p in &texts {
        if let Some(t) = &p.text {
            let want = core(t);
            assert!(shown.contains(prefix(&want, 200)), "pace: {} is not shown as text", p.name);
        }
    }
    assert_inert(&el, "pace");
    // Only the http(s) or relative links became links (resolved to http(s) by assert_inert).
    assert!(link_count(&el) <= items as u32);
    h.unmount();

    // The same payloads as dates are refused with a sentence naming the value.
    for (i, p) in texts.iter().take(8).enumerate() {
        let c = 75_100 + i as u32;
        let bad = pace.replace(r#""start_date":"2026-09-01""#, &format!(r#""start_date":{}"#, p.literal));
        fake_set(&format!("/api/v1/courses/{c}/course_pacing/1"), 200, &bad);
        fake_set(&format!("/api/v1/courses/{c}/blackout_dates"), 200, "[]");
        let el = host();
        let mut h =
            mount_pace_timeline(el.clone(), js_object(&[("courseId", c.to_string().into()), ("paceId", "1".into())]))
                .unwrap();
        wait_until(&format!("pace with start date {} settles", p.name), || {
            let t = shadow_text(&el);
            t.contains("is not a date") || t.contains("no start date") || query_all(&el, "[role=alert]").len() > 0
        })
        .await;
        assert_inert(&el, &format!("pace start date {}", p.name));
        h.unmount();
    }
    still_works(75_999).await;
}

#[wasm_bindgen_test]
async fn options_that_throw_or_carry_payloads_are_refused_or_shown_as_text() {
    fake_install();
    let keys = |ks: &[&str]| ks.iter().map(|k| JsValue::from_str(k)).collect::<js_sys::Array>();
    let every = keys(&[
        "url",
        "format",
        "label",
        "cancelable",
        "locale",
        "baseUrl",
        "base-url",
        "token",
        "headers",
        "shadow",
        "courseId",
        "course-id",
        "reportType",
        "sectionIds",
        "enrollmentIds",
        "timeZone",
        "paceId",
        "editable",
        "linkTarget",
    ]);
    // Getters that throw, and a Proxy that throws on every trap: each mount either refuses
    // with an Error (a sentence) or mounts a widget that says what is wrong; none panics.
    for (name, options) in [("throwing getters", throwing_getters(every)), ("throwing proxy", throwing_proxy())] {
        type Mount = fn(web_sys::HtmlElement, JsValue) -> Result<lms_widgets::bindings::WidgetHandle, JsValue>;
        let mounts: [(&str, Mount); 3] =
            [("progress", mount_progress), ("report", mount_report_card), ("pace", mount_pace_timeline)];
        for (widget, mount) in mounts {
            let el = host();
            match mount(el.clone(), options.clone()) {
                Err(e) => assert!(error_message(&e).len() > 10, "{widget} with {name}: {}", error_message(&e)),
                Ok(mut h) => {
                    wait_until(&format!("{widget} with {name} says something"), || shadow_text(&el).trim().len() > 3)
                        .await;
                    assert_inert(&el, &format!("{widget} with {name}"));
                    h.unmount();
                }
            }
        }
        let err = compress_dates_js(options.clone()).err().map(|e| error_message(&JsValue::from(e)));
        assert!(err.is_some_and(|m| m.len() > 10), "compressDates with {name}");
    }
    // Payloads as labels and ids: labels are text, ids are refused naming the option.
    let texts = payloads("text");
    let mut mounted = Vec::new();
    for (i, p) in texts.iter().filter(|p| p.text.is_some()).enumerate() {
        let t = p.text.clone().unwrap();
        let id = 76_000 + i as u32;
        fake_route(
            &format!("GET /api/v1/progress/{id}"),
            200,
            &format!(r#"{{"id":{id},"workflow_state":"running","completion":40}}"#),
            JSON,
        );
        let el = host();
        let h = mount_progress(
            el.clone(),
            js_object(&[
                ("url", format!("/api/v1/progress/{id}").into()),
                ("label", t.clone().into()),
                ("locale", t.clone().into()),
            ]),
        )
        .unwrap();
        mounted.push((el, h, p.name.clone(), t.clone()));
        let el = host();
        match mount_report_card(el.clone(), js_object(&[("courseId", t.clone().into()), ("label", t.clone().into())])) {
            Err(e) => assert!(error_message(&e).contains("course-id"), "{}: {}", p.name, error_message(&e)),
            Ok(mut h) => {
                wait_until(&format!("report card with course id {} says why", p.name), || {
                    report_text(&el).contains("course-id")
                })
                .await;
                assert_inert(&el, &p.name);
                h.unmount();
            }
        }
    }
    for (el, _, name, t) in &mounted {
        let want = core(t);
        let want = prefix(&want, 200);
        wait_until(&format!("label {name} shows as text"), || squash(&progress_text(el)).contains(want)).await;
        assert_inert(el, &format!("label {name}"));
    }
    for (_, mut h, ..) in mounted {
        h.unmount();
    }
    still_works(76_999).await;
}

#[wasm_bindgen_test]
async fn an_option_whose_getter_throws_is_refused_by_name_not_read_as_absent() {
    // Before: a throwing `token` getter read as "no token", so the widget polled with the
    // page's session; a throwing `courseId` fell back to the page's course.
    fake_install();
    type Mount = fn(web_sys::HtmlElement, JsValue) -> Result<lms_widgets::bindings::WidgetHandle, JsValue>;
    let cases: [(&str, Mount, &[(&str, &str)], &str); 6] = [
        ("progress", mount_progress, &[("url", "/api/v1/progress/78001")], "token"),
        ("progress", mount_progress, &[("url", "/api/v1/progress/78002")], "headers"),
        ("progress", mount_progress, &[], "url"),
        ("report", mount_report_card, &[], "courseId"),
        ("report", mount_report_card, &[("courseId", "78003")], "token"),
        ("pace", mount_pace_timeline, &[("courseId", "78004"), ("paceId", "1")], "baseUrl"),
    ];
    for (widget, mount, given, key) in cases {
        let options = throwing_getters([JsValue::from_str(key)].into_iter().collect());
        for (k, v) in given {
            js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
        }
        let el = host();
        let message = match mount(el, options) {
            Err(e) => error_message(&e),
            Ok(mut h) => {
                h.unmount();
                String::from("mounted")
            }
        };
        assert_eq!(
            message,
            format!("Invalid `{key}`: reading it threw (the getter of {key} threw)."),
            "{widget} with a throwing {key}"
        );
    }
    assert_eq!(fake_calls("GET /api/v1/progress/78001"), 0, "no request went out with the session instead");
    still_works(78_999).await;
}

#[wasm_bindgen_test]
async fn a_nested_option_that_throws_is_refused_and_the_module_keeps_working() {
    // Before: `headers` as a throwing Proxy reached `Object.entries`, and a revoked Proxy or a
    // throwing list as `sectionIds` reached `Array.isArray`/`Array.from`, each without a
    // catch: the TypeError ran through the wasm (skipping Rust's clean-up) to the caller.
    fake_install();
    let options = js_object(&[("url", "/api/v1/progress/78101".into())]);
    js_sys::Reflect::set(&options, &JsValue::from_str("headers"), &throwing_proxy()).unwrap();
    let message = match mount_progress(host(), options) {
        Err(e) => error_message(&e),
        Ok(mut h) => {
            h.unmount();
            String::from("mounted")
        }
    };
    assert_eq!(message, "Invalid `headers`: reading it threw an exception.");
    for (what, list) in [("a revoked Proxy", revoked_proxy()), ("a throwing list", throwing_list())] {
        let options = js_object(&[("courseId", "78102".into())]);
        js_sys::Reflect::set(&options, &JsValue::from_str("sectionIds"), &list).unwrap();
        let el = host();
        let mut h = mount_report_card(el.clone(), options).unwrap_or_else(|e| panic!("{what}: {}", error_message(&e)));
        wait_until(what, || report_text(&el).contains("section-ids")).await;
        h.unmount();
    }
    still_works(78_998).await;
}

#[wasm_bindgen_test]
async fn element_attributes_carry_payloads_as_text() {
    fake_install();
    define_elements();
    let texts = payloads("text");
    let links = payloads("links");
    let mut els = Vec::new();
    for (i, p) in texts.iter().filter(|p| p.text.is_some()).enumerate() {
        let t = p.text.clone().unwrap();
        let id = 77_000 + i as u32;
        fake_route(
            &format!("GET /api/v1/progress/{id}"),
            200,
            &format!(r#"{{"id":{id},"workflow_state":"running","completion":40}}"#),
            JSON,
        );
        let attrs = js_object(&[
            ("url", format!("/api/v1/progress/{id}").into()),
            ("label", t.clone().into()),
            ("format", "auto".into()),
        ]);
        els.push((make_element("lms-progress", &attrs), p.name.clone(), Some(t.clone())));
        let attrs =
            js_object(&[("course-id", t.clone().into()), ("report-type", t.clone().into()), ("section-ids", t.into())]);
        els.push((make_element("lms-report-card", &attrs), format!("report attributes {}", p.name), None));
    }
    for (i, p) in links.iter().filter(|p| p.text.is_some()).enumerate() {
        let attrs = js_object(&[("url", p.text.clone().unwrap().into()), ("base-url", p.text.clone().unwrap().into())]);
        els.push((make_element("lms-progress", &attrs), format!("url attribute {} #{i}", p.name), None));
    }
    for (el, name, text) in &els {
        wait_until(&format!("{name} renders"), || shadow_text(el).trim().len() > 3).await;
        if let Some(t) = text {
            let want = core(t);
            let want = prefix(&want, 200);
            wait_until(&format!("{name} shows its label as text"), || squash(&shadow_text(el)).contains(want)).await;
        }
        assert_inert(el, name);
    }
    for (el, ..) in els {
        el.remove();
    }
    still_works(77_999).await;
}
