//! What the browser tests (`tests/web*.rs`) share: a scripted `window.fetch`, DOM helpers, and
//! `wait_until`, which waits for a condition instead of for time. Include it with `mod common;`.
//!
//! The fake fetch answers `"METHOD /path"` (or just `"/path"`) from routes the test sets; a
//! route with several answers gives them in order and then keeps giving the last one. Anything
//! unrouted is Canvas's 404. Hosts named `*.invalid` are unreachable (the fetch rejects). Every
//! request is logged (method, URL, headers, redirect mode, body) for the test to inspect.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
const routes = new Map();
const once = new Map();
const held = new Map();
const calls = [];
const errors = [];
const aborted = [];
const notFound = '{"errors":[{"message":"The specified resource does not exist."}]}';
function install() {
  if (window.__lmsFake) return;
  window.__lmsFake = true;
  addEventListener('error', (e) => errors.push(String(e.message || e.error)));
  addEventListener('unhandledrejection', (e) => errors.push(String((e.reason && e.reason.message) || e.reason)));
  window.fetch = async (input, init) => {
    const req = new Request(input, init);
    const u = new URL(req.url, location.href);
    const key = `${req.method} ${u.pathname}`;
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : await req.clone().text();
    calls.push({ key, url: u.href, headers: Object.fromEntries(req.headers.entries()), redirect: req.redirect, body });
    if (u.hostname.endsWith('.invalid')) throw new TypeError('Failed to fetch');
    const hold = held.get(key) || held.get(u.pathname);
    if (hold) {
      // Held until the test releases it. By default it rejects like a real fetch when the
      // request is aborted; a hold made with `honourAbort = false` ignores the signal, as a
      // slow proxy or a fetch polyfill may, so its answer reaches the widget after an unmount.
      const answer = await new Promise((resolve, reject) => {
        hold.waiters.push(resolve);
        if (hold.honourAbort) req.signal.addEventListener('abort', () => {
          hold.aborted = true;
          aborted.push(u.pathname);
          reject(new DOMException('The request was aborted', 'AbortError'));
        });
      });
      if (answer) return answer;
    }
    const first = (once.get(key) || []).shift();
    const list = routes.get(key) || routes.get(u.pathname);
    if (!first && (!list || list.length === 0)) return new Response(notFound, { status: 404, headers: { 'Content-Type': 'application/json' } });
    const r = first || (list.length > 1 ? list.shift() : list[0]);
    if (r.never) return new Promise(() => {}); // never answers: the widget stays loading
    if (r.redirect) {
      // What fetch gives for `redirect: 'manual'`: an opaque redirect (status 0, no body).
      return new (class extends Response { get type() { return 'opaqueredirect'; } get status() { return 0; } })(null);
    }
    return new Response(r.body, { status: r.status, headers: { 'Content-Type': r.contentType } });
  };
}
export function fake_install() { install(); }
export function fake_route(key, status, body, contentType) {
  install();
  const list = routes.get(key) || [];
  list.push({ status, body, contentType });
  routes.set(key, list);
}
export function fake_set(key, status, body) {
  install();
  routes.set(key, [status === 0 ? { never: true } : { status, body, contentType: 'application/json' }]);
}
export function fake_once(key, status, body) {
  install();
  // Answers given first, each once, before the routes.
  if (!once.has(key)) once.set(key, []);
  once.get(key).push({ status, body, contentType: 'application/json' });
}
export function fake_redirect(key) { install(); routes.set(key, [{ redirect: true }]); }
export function fake_calls(key) { return calls.filter((c) => c.key === key).length; }
export function fake_last(key) {
  const mine = calls.filter((c) => c.key === key);
  return mine.length ? mine[mine.length - 1] : null;
}
export function fake_last_body(key) { const c = fake_last(key); return c ? c.body : null; }
export function fake_calls_to(origin) { return calls.filter((c) => new URL(c.url).origin === origin).length; }
export function fake_calls_containing(part) { return calls.filter((c) => c.key.includes(part)).length; }
export function fake_requests(method, part) {
  return calls.filter((c) => c.key.startsWith(method + ' ') && c.url.includes(part)).map((c) => c.url + ' ' + (c.body || '')).join('\n');
}
export function fake_hold(key, honourAbort) { install(); held.set(key, { honourAbort, waiters: [], aborted: false }); }
export function fake_is_held(key) { const h = held.get(key); return !!(h && h.waiters.length); }
export function fake_release(key, status, body) {
  const h = held.get(key);
  held.delete(key);
  if (!h) return false;
  for (const resolve of h.waiters) {
    resolve(status === undefined ? null : new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
  }
  return h.aborted;
}
export function fake_aborted(path) { return aborted.includes(path); }
export function page_errors() { return errors.join('\n'); }
export function set_cookie(c) { document.cookie = c; }
export function page_origin() { return location.origin; }
export function iso_minutes_ago(m) { return new Date(Date.now() - m * 60000).toISOString(); }
export function set_env(json) { if (json == null) { delete window.ENV; } else { window.ENV = JSON.parse(json); } }
export function set_env_user(id) { window.ENV = Object.assign(window.ENV || {}, { current_user_id: id }); }
"#)]
extern "C" {
    /// Replaces `window.fetch` (once per page; every other `fake_*` call does it too).
    pub fn fake_install();
    /// Adds an answer to `key` ("METHOD /path" or "/path").
    pub fn fake_route(key: &str, status: u16, body: &str, content_type: &str);
    /// Makes this JSON answer the only one for `key`; status 0 never answers.
    pub fn fake_set(key: &str, status: u16, body: &str);
    /// Queues a JSON answer for `key` ("METHOD /path") given once, before its routes.
    pub fn fake_once(key: &str, status: u16, body: &str);
    /// Answers `key` with an opaque redirect, what `redirect: 'manual'` sees.
    pub fn fake_redirect(key: &str);
    pub fn fake_calls(key: &str) -> u32;
    /// The last logged request to `key` (`{key, url, headers, redirect, body}`) or null.
    pub fn fake_last(key: &str) -> JsValue;
    pub fn fake_last_body(key: &str) -> Option<String>;
    pub fn fake_calls_to(origin: &str) -> u32;
    pub fn fake_calls_containing(part: &str) -> u32;
    /// "url body" of every `method` request whose URL contains `part`, one per line.
    pub fn fake_requests(method: &str, part: &str) -> String;
    /// Holds every request to `key` until [`fake_release`]; see the JS for `honour_abort`.
    pub fn fake_hold(key: &str, honour_abort: bool);
    /// Whether a request to `key` is waiting in a hold.
    pub fn fake_is_held(key: &str) -> bool;
    /// Ends the hold: held requests get this answer, or their route's when `status` is None.
    /// Returns whether a held request had been aborted.
    pub fn fake_release(key: &str, status: Option<u16>, body: Option<String>) -> bool;
    pub fn fake_aborted(path: &str) -> bool;
    /// Uncaught errors and unhandled rejections seen since the fake was installed.
    pub fn page_errors() -> String;
    pub fn set_cookie(c: &str);
    pub fn page_origin() -> String;
    pub fn iso_minutes_ago(m: f64) -> String;
    pub fn set_env(json: Option<String>);
    pub fn set_env_user(id: &str);
}

/// How long [`wait_until`] waits before failing: generous, since the browser runs beside
/// other work; a test that passes never waits this long.
pub const WAIT_BOUND_MS: u32 = 10_000;

/// Waits until `cond` holds, checking after every timer turn; fails naming `what` after
/// [`WAIT_BOUND_MS`].
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let mut waited = 0;
    while !cond() {
        assert!(waited < WAIT_BOUND_MS, "timed out after {WAIT_BOUND_MS} ms waiting for: {what}");
        TimeoutFuture::new(10).await;
        waited += 10;
    }
}

/// Lets queued tasks (mutation observers, resolved promises) run: one turn, not a wait.
pub async fn next_task() {
    TimeoutFuture::new(0).await;
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<section>` appended to the body.
pub fn host() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("section").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// A JS object of these properties.
pub fn js_object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// `v.a.b.c` for the path "a.b.c" (undefined where missing).
pub fn js_get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| js_sys::Reflect::get(&v, &k.into()).unwrap_or(JsValue::UNDEFINED))
}

/// The first match in the widget's shadow root, else in its light DOM.
pub fn query(el: &web_sys::HtmlElement, sel: &str) -> Option<web_sys::Element> {
    el.shadow_root()
        .and_then(|r| r.query_selector(sel).ok().flatten())
        .or_else(|| el.query_selector(sel).ok().flatten())
}

/// Every match in the widget's shadow root.
pub fn query_all(el: &web_sys::HtmlElement, sel: &str) -> Vec<web_sys::Element> {
    let Some(root) = el.shadow_root() else { return Vec::new() };
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)).map(|n| n.unchecked_into()).collect()
}

/// The text of the widget's shadow root ("" before it has one).
pub fn shadow_text(el: &web_sys::HtmlElement) -> String {
    el.shadow_root().and_then(|r| r.text_content()).unwrap_or_default()
}

/// A header the fake fetch saw on the last call to `key` (`None` if absent).
pub fn sent_header(key: &str, name: &str) -> Option<String> {
    js_get(&fake_last(key), &format!("headers.{}", name.to_ascii_lowercase())).as_string()
}

/// The redirect mode of the last call to `key`.
pub fn sent_redirect_mode(key: &str) -> Option<String> {
    js_get(&fake_last(key), "redirect").as_string()
}

/// Clicks an element (a button found by selector).
pub fn click(el: &web_sys::Element) {
    el.unchecked_ref::<web_sys::HtmlElement>().click();
}
