//! The browser side of polling: one shared poller per URL, timers, visibility, abort.
//!
//! Every widget watching the same URL (with the same client) subscribes to the same
//! [`Poller`]: 50 bars on one Progress make one request per tick. At most one request is
//! in flight per poller; nothing is fetched while the tab is hidden or the browser is
//! offline, and the poller fetches at once when the tab is shown or the network returns.
//! When the last subscriber goes, the in-flight request is aborted and every timer cleared.

use super::timer::Timer;
use super::{Next, PollOptions, PollPolicy};
#[cfg(feature = "report-card")]
use crate::model::CourseReport;
use crate::model::{CanvasProgress, CloudreveResponse, Format, Snapshot};
use crate::net::Client;
use crate::Error;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What subscribers are told.
#[derive(Clone, Debug)]
pub enum PollEvent {
    /// A fresh answer. `raw` is the parsed JSON (for `results` and event details).
    Update {
        /// The job as the widget shows it.
        snapshot: Snapshot,
        /// The parsed JSON answer.
        raw: JsValue,
        /// No movement for a long time (polling goes on).
        stalled: bool,
        /// Estimated milliseconds left, once the completion rate is known.
        eta_ms: Option<u64>,
    },
    /// A fault; `retry_in` is `Some` while polling will try again.
    Fault {
        /// What went wrong.
        error: Error,
        /// Milliseconds until the next attempt, or `None` when polling stopped.
        retry_in: Option<u64>,
    },
}

type Listener = Rc<dyn Fn(&PollEvent)>;

/// How long one poll may wait for its answer before it is given up and retried.
pub const REQUEST_TIMEOUT_MS: u64 = 30_000;

/// A handle on a subscription; dropping it unsubscribes.
#[must_use = "dropping the subscription stops listening (and stops polling if it was the last)"]
pub struct Subscription {
    poller: Rc<Poller>,
    id: u64,
}

impl Subscription {
    /// The shared poller behind this subscription.
    pub fn poller(&self) -> &Rc<Poller> {
        &self.poller
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.poller.unsubscribe(self.id);
    }
}

/// What makes two subscriptions share a poller: the same URL, format and client (token
/// included, so two tokens never share answers; compared as values, not through `Debug`,
/// which hides the token).
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    format: Format,
    url: String,
    client: Client,
}

/// One shared poller.
pub struct Poller {
    key: Key,
    url: String,
    format: Cell<Format>,
    client: Client,
    opts: PollOptions,
    listeners: RefCell<Vec<(u64, Listener)>>,
    policy: RefCell<PollPolicy>,
    timer: RefCell<Option<Timer>>,
    abort: RefCell<Option<web_sys::AbortController>>,
    /// Gives up the request in flight after [`REQUEST_TIMEOUT_MS`].
    deadline: RefCell<Option<Timer>>,
    parked: Cell<bool>,
    finished: Cell<bool>,
    last: RefCell<Option<PollEvent>>,
}

thread_local! {
    static REGISTRY: RefCell<HashMap<Key, Weak<Poller>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
    static PAGE_LISTENERS: RefCell<Option<PageListeners>> = const { RefCell::new(None) };
}

/// Subscribes `listener` to the poller for `url`, creating and starting it if needed.
/// The listener is called at once with the latest event, if there is one.
pub fn subscribe(
    url: &str,
    format: Format,
    client: &Client,
    opts: &PollOptions,
    listener: impl Fn(&PollEvent) + 'static,
) -> Subscription {
    let key = Key { format, url: url.to_owned(), client: client.clone() };
    let existing = REGISTRY.with(|r| r.borrow().get(&key).and_then(Weak::upgrade));
    let poller = existing.unwrap_or_else(|| {
        let p = Rc::new(Poller {
            key: key.clone(),
            url: url.to_owned(),
            format: Cell::new(format.for_url(url)),
            client: client.clone(),
            opts: opts.clone(),
            listeners: RefCell::new(Vec::new()),
            policy: RefCell::new(PollPolicy::new(opts.clone(), now())),
            timer: RefCell::new(None),
            abort: RefCell::new(None),
            deadline: RefCell::new(None),
            parked: Cell::new(false),
            finished: Cell::new(false),
            last: RefCell::new(None),
        });
        REGISTRY.with(|r| r.borrow_mut().insert(key, Rc::downgrade(&p)));
        ensure_page_listeners();
        p.poll_now();
        p
    });
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let listener: Listener = Rc::new(listener);
    // Cloned out first: the listener may reach this poller again (and `emit` borrows
    // `last` mutably), so no borrow may be held while it runs.
    let last = poller.last.borrow().clone();
    if let Some(ev) = last {
        listener(&ev);
    }
    poller.listeners.borrow_mut().push((id, listener));
    Subscription { poller, id }
}

/// How many pollers are alive (for tests: 0 after every widget unmounted).
pub fn active_pollers() -> usize {
    REGISTRY.with(|r| r.borrow().values().filter(|w| w.strong_count() > 0).count())
}

impl Poller {
    /// The URL polled.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The client used.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Whether a timer or request is pending (for tests: false after unmount).
    pub fn is_busy(&self) -> bool {
        self.timer.borrow().is_some() || self.abort.borrow().is_some()
    }

    /// Starts over after polling stopped (the "Try again" button), or polls now.
    pub fn restart(self: &Rc<Self>) {
        *self.policy.borrow_mut() = PollPolicy::new(self.opts.clone(), now());
        self.finished.set(false);
        self.poll_now();
    }

    /// Publishes a snapshot obtained elsewhere (e.g. the cancel endpoint's answer) and
    /// stops polling if it is terminal.
    pub fn publish(self: &Rc<Self>, snapshot: Snapshot, raw: JsValue) {
        if self.listeners.borrow().is_empty() {
            return; // every widget left (a cancel answering after unmount): nobody to tell
        }
        let terminal = snapshot.is_terminal();
        self.emit(PollEvent::Update { snapshot, raw, stalled: false, eta_ms: None });
        if terminal {
            self.stop();
        }
    }

    fn stop(&self) {
        self.finished.set(true);
        self.timer.borrow_mut().take();
        self.deadline.borrow_mut().take();
        if let Some(c) = self.abort.borrow_mut().take() {
            c.abort();
        }
    }

    fn emit(&self, ev: PollEvent) {
        *self.last.borrow_mut() = Some(ev.clone());
        // Clone the list: a listener may unsubscribe (unmount) while being called.
        let listeners: Vec<Listener> = self.listeners.borrow().iter().map(|(_, l)| l.clone()).collect();
        for l in listeners {
            l(&ev);
        }
    }

    fn unsubscribe(&self, id: u64) {
        let empty = {
            let mut ls = self.listeners.borrow_mut();
            ls.retain(|(i, _)| *i != id);
            ls.is_empty()
        };
        if empty {
            self.stop();
            // Leave the registry even if something still holds this poller (a cancel request
            // in flight does): a widget mounting on the same URL must get a live poller, not
            // this stopped one.
            let last = REGISTRY.with(|r| {
                let mut r = r.borrow_mut();
                if r.get(&self.key).is_some_and(|w| std::ptr::eq(w.as_ptr(), self)) {
                    r.remove(&self.key);
                }
                r.retain(|_, w| w.strong_count() > 0);
                r.is_empty()
            });
            if last {
                // Dropped outside every borrow: removing the listeners runs no Rust code, but
                // keep the rule simple.
                let listeners = PAGE_LISTENERS.with(|p| p.borrow_mut().take());
                drop(listeners);
            }
        }
    }

    fn poll_now(self: &Rc<Self>) {
        if self.finished.get() || self.abort.borrow().is_some() {
            return;
        }
        self.timer.borrow_mut().take();
        if page_is_hidden() || !page_is_online() {
            self.parked.set(true);
            return;
        }
        self.parked.set(false);
        let Ok(controller) = web_sys::AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        *self.abort.borrow_mut() = Some(controller);
        let weak = Rc::downgrade(self);
        // A request that gets no answer (a connection that hangs) would otherwise hold the
        // poller forever: it is aborted and counted as a transient network fault.
        let timed_out = weak.clone();
        *self.deadline.borrow_mut() = Timer::once(REQUEST_TIMEOUT_MS, move || {
            let Some(me) = timed_out.upgrade() else { return };
            let controller = me.abort.borrow_mut().take();
            if let Some(c) = controller {
                c.abort();
                me.handle(Err(Error::Network(format!("no answer within {} s", REQUEST_TIMEOUT_MS / 1000))));
            }
        });
        // Sent now, not when the task first runs: a widget's first request leaves before
        // its view is built.
        let answer = self.client.get_json(&self.url, Some(&signal));
        wasm_bindgen_futures::spawn_local(async move {
            let result = answer.await;
            if signal.aborted() {
                return;
            }
            if let Some(me) = weak.upgrade() {
                me.abort.borrow_mut().take();
                me.deadline.borrow_mut().take();
                me.handle(result);
            }
        });
    }

    fn handle(self: &Rc<Self>, result: Result<crate::net::JsonResponse, Error>) {
        let t = now();
        let parsed = result.and_then(|r| {
            let snap = self.to_snapshot(&r)?;
            Ok((snap, r))
        });
        let next = match parsed {
            Ok((snapshot, resp)) => {
                let next = self.policy.borrow_mut().on_snapshot(t, &snapshot, resp.rate_limit_remaining);
                let (stalled, eta_ms) = {
                    let p = self.policy.borrow();
                    (p.is_stalled(t), p.eta_ms(t))
                };
                self.emit(PollEvent::Update { snapshot, raw: resp.json, stalled, eta_ms });
                next
            }
            Err(error) => {
                let next = self.policy.borrow_mut().on_error(&error, js_sys::Math::random());
                let retry_in = match &next {
                    Next::PollIn(ms) => Some(*ms),
                    _ => None,
                };
                let shown = match &next {
                    Next::GiveUp(e) => e.clone(),
                    _ => error,
                };
                self.emit(PollEvent::Fault { error: shown, retry_in });
                next
            }
        };
        // A listener may have unmounted the last widget while being told (a page's
        // `lms-progress` handler removing the element): the poller is stopped then, and
        // must not schedule another request.
        if self.finished.get() {
            return;
        }
        match next {
            Next::PollIn(ms) => self.schedule(ms),
            Next::Done | Next::GiveUp(_) => self.stop(),
        }
    }

    fn to_snapshot(&self, r: &crate::net::JsonResponse) -> Result<Snapshot, Error> {
        let mut format = self.format.get();
        if format == Format::Auto {
            let has = |k: &str| js_sys::Reflect::has(&r.json, &JsValue::from_str(k)).unwrap_or(false);
            format = if r.json.is_object() && has("workflow_state") {
                Format::Canvas
            } else if r.json.is_object() && has("code") {
                Format::Cloudreve
            } else {
                return Err(Error::BadResponse("neither a Canvas nor a Cloudreve progress".into()));
            };
            self.format.set(format);
        }
        match format {
            Format::Cloudreve => Snapshot::from_cloudreve(&r.parse_object::<CloudreveResponse>()?),
            // Only the report card follows reports: other builds leave the report reader out.
            #[cfg(feature = "report-card")]
            Format::CourseReport => Ok(Snapshot::from_report(&r.parse_object::<CourseReport>()?)),
            _ => Ok(Snapshot::from_canvas(&r.parse_object::<CanvasProgress>()?)),
        }
    }

    fn schedule(self: &Rc<Self>, ms: u64) {
        let weak = Rc::downgrade(self);
        let t = Timer::once(ms, move || {
            if let Some(me) = weak.upgrade() {
                me.timer.borrow_mut().take();
                me.poll_now();
            }
        });
        *self.timer.borrow_mut() = t;
    }

    fn wake(self: &Rc<Self>) {
        if self.parked.get() && !self.finished.get() {
            self.poll_now();
        }
    }
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn page_is_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

fn page_is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// `visibilitychange` and `online` listeners, installed while any poller exists and removed
/// (on drop) when the last one stops.
struct PageListeners {
    visibility: Closure<dyn FnMut()>,
    online: Closure<dyn FnMut()>,
}

impl Drop for PageListeners {
    fn drop(&mut self) {
        let Some(window) = web_sys::window() else { return };
        if let Some(doc) = window.document() {
            let _ =
                doc.remove_event_listener_with_callback("visibilitychange", self.visibility.as_ref().unchecked_ref());
        }
        let _ = window.remove_event_listener_with_callback("online", self.online.as_ref().unchecked_ref());
    }
}

fn ensure_page_listeners() {
    PAGE_LISTENERS.with(|p| {
        if p.borrow().is_some() {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let wake_all = || {
            let pollers: Vec<Rc<Poller>> = REGISTRY.with(|r| r.borrow().values().filter_map(Weak::upgrade).collect());
            for p in pollers {
                p.wake();
            }
        };
        let visibility = Closure::<dyn FnMut()>::new(move || {
            if !page_is_hidden() {
                wake_all();
            }
        });
        let online = Closure::<dyn FnMut()>::new(wake_all);
        if let Some(doc) = window.document() {
            let _ = doc.add_event_listener_with_callback("visibilitychange", visibility.as_ref().unchecked_ref());
        }
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        *p.borrow_mut() = Some(PageListeners { visibility, online });
    });
}

/// How many page listeners (`visibilitychange`, `online`) the pollers have installed (for
/// tests: 0 once every widget is gone).
pub fn page_listeners() -> usize {
    PAGE_LISTENERS.with(|p| if p.borrow().is_some() { 2 } else { 0 })
}
