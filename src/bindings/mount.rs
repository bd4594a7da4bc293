//! Mounting a widget into a host element: shadow root, shared stylesheet, events, handle.
#![cfg_attr(not(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline")), allow(dead_code))]

use crate::Error;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

/// A mounted widget. `unmount()` removes it, aborts its requests and clears its timers.
///
/// The widget lives until `unmount()`, like a React root: dropping or garbage-collecting
/// the handle does not stop it (a page that forgets the handle keeps a working widget).
/// It is also unmounted when its host element, having been in the document, leaves it
/// (as a custom element is): nothing keeps polling for an element nobody can see. Moving
/// the element (removed and re-inserted in one task) keeps it.
#[wasm_bindgen]
#[derive(Clone)]
pub struct WidgetHandle {
    id: u32,
    host: HtmlElement,
}

/// What a mounted widget owns: Leptos's unmount handle, its container, and the option setter.
struct Mounted {
    _view: Box<dyn Any>,
    container: HtmlElement,
    setter: std::rc::Rc<Setter>,
    host: HtmlElement,
    /// The host has been seen in the document: leaving it now means the widget is gone.
    seen_connected: bool,
}

/// The shared `MutationObserver` and the closure it calls.
type Observer = (web_sys::MutationObserver, Closure<dyn FnMut()>);

/// Sets one option by its attribute name.
pub(crate) type Setter = dyn Fn(&str, Option<String>) -> Result<(), Error>;

thread_local! {
    /// Mounted widgets by id, in mounting order (a page has a handful: a list is smaller
    /// wasm than a map, and as fast at this size).
    static MOUNTED: RefCell<Vec<(u32, Mounted)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    /// One observer for every mounted widget, watching for hosts leaving the document. Kept
    /// (disconnected) when no widget is left, so it is never dropped while it runs.
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget (idempotent).
    pub fn unmount(&mut self) {
        unmount_id(self.id);
    }

    /// Whether the widget is still mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        MOUNTED.with(|m| m.borrow().iter().any(|(id, _)| *id == self.id))
    }

    /// Updates one option by its attribute name (what `attributeChangedCallback` calls).
    /// A bad value is reported as an `lms-error` event and otherwise ignored.
    pub fn set(&self, name: &str, value: Option<String>) {
        // Call it outside the borrow: a listener of an event it fires may unmount widgets.
        let setter = MOUNTED.with(|m| m.borrow().iter().find(|(id, _)| *id == self.id).map(|(_, w)| w.setter.clone()));
        if let Some(Err(e)) = setter.map(|set| set(name, value)) {
            dispatch_error(&self.host, &e);
        }
    }
}

impl WidgetHandle {
    pub(crate) fn new(host: HtmlElement, container: HtmlElement, mounted: Box<dyn Any>, setter: Box<Setter>) -> Self {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let seen_connected = host.is_connected();
        watch(&host);
        MOUNTED.with(|m| {
            let w = Mounted { _view: mounted, container, setter: setter.into(), host: host.clone(), seen_connected };
            m.borrow_mut().push((id, w))
        });
        WidgetHandle { id, host }
    }
}

fn unmount_id(id: u32) {
    // Take it out first, drop it after the borrow: disposing the view runs cleanups.
    let (taken, none_left) = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let taken = m.iter().position(|(i, _)| *i == id).map(|at| m.remove(at).1);
        (taken, m.is_empty())
    });
    if none_left {
        OBSERVER.with(|o| o.borrow().as_ref().map(|(obs, _)| obs.disconnect()));
    }
    if let Some(m) = taken {
        m.container.remove();
        drop(m);
    }
}

/// Watches `host`'s document (and its shadow root, if it lives in one) for removals.
fn watch(host: &HtmlElement) {
    OBSERVER.with(|o| {
        let mut o = o.borrow_mut();
        if o.is_none() {
            let closure = Closure::<dyn FnMut()>::new(unmount_departed);
            let Ok(observer) = web_sys::MutationObserver::new(closure.as_ref().unchecked_ref()) else { return };
            *o = Some((observer, closure));
        }
        let Some((observer, _)) = o.as_ref() else { return };
        let init = web_sys::MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        if let Some(doc) = host.owner_document() {
            let _ = observer.observe_with_options(&doc, &init);
        }
        let root = host.get_root_node();
        if root.dyn_ref::<web_sys::ShadowRoot>().is_some() {
            let _ = observer.observe_with_options(&root, &init);
        }
    });
}

/// Unmounts every widget whose host was in the document and no longer is.
fn unmount_departed() {
    let gone: Vec<u32> = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let mut gone = Vec::new();
        for (id, w) in m.iter_mut() {
            if w.host.is_connected() {
                w.seen_connected = true;
            } else if w.seen_connected {
                gone.push(*id);
            }
        }
        gone
    });
    for id in gone {
        unmount_id(id);
    }
}

thread_local! {
    /// One stylesheet per widget kind (three at most).
    static SHEETS: RefCell<Vec<(&'static str, web_sys::CssStyleSheet)>> = const { RefCell::new(Vec::new()) };
}

/// Creates the element the widget renders into: inside an open shadow root (default), or
/// directly in the host. Styles are adopted as one constructable stylesheet shared by every
/// instance (allowed under a strict `style-src` CSP, unlike injected `<style>`).
pub(crate) fn prepare_container(
    host: &HtmlElement,
    shadow: bool,
    key: &'static str,
    css: &[&str],
) -> Result<HtmlElement, Error> {
    let doc = host.owner_document().ok_or_else(|| dom_error("the element has no document"))?;
    let container: HtmlElement =
        doc.create_element("div").map_err(|_| dom_error("could not create an element"))?.unchecked_into();
    let _ = container.set_attribute("class", "lmsw-root");
    let sheet = SHEETS.with(|s| {
        let mut s = s.borrow_mut();
        if let Some((_, sheet)) = s.iter().find(|(k, _)| *k == key) {
            return Some(sheet.clone());
        }
        let sheet = web_sys::CssStyleSheet::new().ok()?;
        sheet.replace_sync(&css.concat()).ok()?;
        s.push((key, sheet.clone()));
        Some(sheet)
    });
    if shadow {
        let root = match host.shadow_root() {
            Some(r) => r,
            None => host
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .map_err(|_| dom_error("this element cannot have a shadow root; pass shadow: false"))?,
        };
        if let Some(sheet) = sheet {
            adopt(root.as_ref(), &sheet);
        }
        root.append_child(&container).map_err(|_| dom_error("could not attach the widget"))?;
    } else {
        if let Some(sheet) = sheet {
            adopt(doc.as_ref(), &sheet);
        }
        host.append_child(&container).map_err(|_| dom_error("could not attach the widget"))?;
    }
    Ok(container)
}

fn adopt(target: &JsValue, sheet: &web_sys::CssStyleSheet) {
    let key = JsValue::from_str("adoptedStyleSheets");
    let current = js_sys::Reflect::get(target, &key).ok().map(|v| js_sys::Array::from(&v)).unwrap_or_default();
    if current.includes(sheet, 0) {
        return;
    }
    current.push(sheet);
    let _ = js_sys::Reflect::set(target, &key, &current);
}

fn dom_error(reason: &str) -> Error {
    Error::InvalidOption { name: "element", reason: reason.to_owned() }
}

/// Dispatches a bubbling, composed `CustomEvent` with a plain-object detail.
pub(crate) fn dispatch(host: &web_sys::EventTarget, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// `{ error: { kind, message } }` as an `lms-error` event.
pub(crate) fn dispatch_error(host: &web_sys::EventTarget, e: &Error) {
    dispatch(host, "lms-error", &e.event_detail());
}

/// A plain object from pairs (for the progress bar's and the report card's event details).
#[cfg(any(feature = "progress-bar", feature = "report-card"))]
pub(crate) fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// The options object (an empty one for anything else), or an error naming the first of
/// `keys` (and the client's options) whose reading throws: a getter that throws, or a Proxy
/// trap. Read as absent, such an option would fall back silently: the page's session instead
/// of the `token`, no `headers`, the page's course instead of `courseId`.
pub(crate) fn options_object(options: JsValue, keys: &[&'static str]) -> Result<JsValue, Error> {
    const SHARED: [&str; 6] = ["baseUrl", "base-url", "token", "headers", "shadow", "locale"];
    if !options.is_object() {
        return Ok(js_sys::Object::new().into());
    }
    for k in keys.iter().chain(&SHARED) {
        if let Err(e) = js_sys::Reflect::get(&options, &JsValue::from_str(k)) {
            let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string());
            let reason = format!("reading it threw ({})", why.as_deref().unwrap_or("an exception"));
            return Err(Error::InvalidOption { name: k, reason });
        }
    }
    Ok(options)
}

/// Reads a string option (`camelCase` or `kebab-case` key).
pub(crate) fn opt_string(options: &JsValue, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let v = js_sys::Reflect::get(options, &JsValue::from_str(k)).ok()?;
        // A number (an id given as 123) is written by JS's own String(n).
        v.as_string().or_else(|| v.dyn_ref::<js_sys::Number>()?.to_string_with_radix(10).ok().map(String::from))
    })
}

/// Reads a boolean option: `true`/`false`, or an attribute's presence (`""` = true,
/// `"false"` = false).
pub(crate) fn opt_bool(options: &JsValue, keys: &[&str]) -> Result<Option<bool>, Error> {
    for k in keys {
        let v = js_sys::Reflect::get(options, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            continue;
        }
        if let Some(b) = v.as_bool() {
            return Ok(Some(b));
        }
        if let Some(s) = v.as_string() {
            return attr_bool(k, Some(s)).map(Some);
        }
        return Err(Error::InvalidOption { name: "option", reason: format!("`{k}` must be true or false") });
    }
    Ok(None)
}

/// A boolean attribute: absent = false, present = true unless it says "false".
pub(crate) fn attr_bool(name: &str, value: Option<String>) -> Result<bool, Error> {
    match value.as_deref().map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(false),
        Some(v) if v.is_empty() || v == "true" || v == name => Ok(true),
        Some(v) if v == "false" => Ok(false),
        Some(v) => Err(Error::InvalidOption {
            name: "attribute",
            reason: format!("`{name}` is a true/false attribute, got {v:?}"),
        }),
    }
}

/// Reads `headers` (an object of strings).
pub(crate) fn opt_headers(options: &JsValue) -> Result<Vec<(String, String)>, Error> {
    let v = js_sys::Reflect::get(options, &JsValue::from_str("headers")).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    let bad = || Error::InvalidOption { name: "headers", reason: "must be an object of strings".into() };
    if !v.is_object() {
        return Err(bad());
    }
    let threw = || Error::InvalidOption { name: "headers", reason: "reading it threw an exception".into() };
    super::js::entries(&v)
        .ok_or_else(threw)?
        .iter()
        .map(|e| {
            // A pair `Object.entries` made: a plain array.
            let pair: js_sys::Array = e.unchecked_into();
            Ok((pair.get(0).as_string().ok_or_else(bad)?, pair.get(1).as_string().ok_or_else(bad)?))
        })
        .collect()
}

/// The client from the `baseUrl` JS option, the `base-url` attribute, `token` and `headers`.
///
/// Only `baseUrl` (camelCase: a JS option, `lmsOptions` for an element) sets the API
/// origin that a token and custom headers may go to; `base-url` (the attribute's name)
/// only moves where paths resolve. Whoever can write an attribute cannot receive the token.
pub(crate) fn client_from(options: &JsValue) -> Result<crate::net::Client, Error> {
    let token = opt_string(options, &["token"]).filter(|t| !t.trim().is_empty());
    let non_empty = |k: &str| opt_string(options, &[k]).filter(|s| !s.trim().is_empty());
    Ok(crate::net::Client {
        base_url: non_empty("baseUrl"),
        base_url_attribute: non_empty("base-url"),
        auth: match token {
            Some(t) => crate::net::Auth::Bearer(t),
            None => crate::net::Auth::Session,
        },
        headers: opt_headers(options)?,
    })
}
