// lms-widgets/lti: for a tool page that Canvas shows in an iframe (an LTI launch).
//
// `startLti()` keeps the iframe as tall as the page (`lti.frameResize`, debounced, from a
// ResizeObserver) and has Canvas read out what the widgets finish (`lti.screenReaderAlert`:
// a live region inside a cross-origin iframe is not reliably announced). Messages go to
// `window.parent` with target origin '*' (Canvas's documented form) and carry Canvas's
// `token` (`$com.instructure.PostMessageToken`) when the tool was given one. Nothing here
// waits for a reply: Canvas's mobile apps never send one.
//
// The pure parts (message building, announcements, the debouncer) are exported for tests;
// nothing runs on import.

/** The widget events that `startLti()` announces. */
export const ANNOUNCED_EVENTS = ['lms-complete', 'lms-failed', 'lms-report-complete', 'lms-pace-published'];

/** Canvas's subjects (`doc/api/lti_window_post_message.md`). */
export const FRAME_RESIZE = 'lti.frameResize';
export const SCREEN_READER_ALERT = 'lti.screenReaderAlert';

const withToken = (message, token) => (typeof token === 'string' && token !== '' ? { ...message, token } : message);

/**
 * The `lti.frameResize` message for a content height in CSS pixels (rounded up), or `null`
 * for a height that is not a positive finite number (Canvas would make it 1 px).
 */
export function frameResizeMessage(height, token) {
  if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0) return null;
  return withToken({ subject: FRAME_RESIZE, height: Math.ceil(height) }, token);
}

/** The `lti.screenReaderAlert` message for a sentence, or `null` for an empty one. */
export function screenReaderAlertMessage(body, token) {
  const text = typeof body === 'string' ? body.trim() : '';
  return text ? withToken({ subject: SCREEN_READER_ALERT, body: text }, token) : null;
}

/** Widgets that follow a Progress inside and announce their own outcome. */
const COMPOSITE = ['lms-pace-timeline', 'lms-report-card'];

/**
 * The sentence announced for a widget event, or `null` when the event is not announced.
 * `label` is the widget's own name (its `label` attribute), when it has one; `source` is the
 * element's tag name: a pace timeline's or report card's own progress bar is not read out
 * (their `lms-pace-published`/`lms-report-complete` are).
 */
export function announcement(name, detail, label, source) {
  if ((name === 'lms-complete' || name === 'lms-failed') && COMPOSITE.includes(source)) return null;
  const who = typeof label === 'string' && label.trim() ? label.trim() : null;
  const d = detail && typeof detail === 'object' ? detail : {};
  const text = (v) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  switch (name) {
    case 'lms-complete':
      return `${who || 'The job'} is complete.`;
    case 'lms-failed': {
      const why = text(d.message);
      return `${who || 'The job'} failed${why ? `: ${why.replace(/[.!]$/, '')}` : ''}.`;
    }
    case 'lms-report-complete': {
      const file = text(d.fileName);
      return `${who ? `${who}: the` : 'The'} report is ready${file ? `: ${file}` : ''}.`;
    }
    case 'lms-pace-published':
      return 'The course pace is published.';
    default:
      return null;
  }
}

/**
 * A trailing debouncer: `push(value)` sends the latest value `delayMs` after the last push,
 * skipping a value equal to the last one sent. Timers are injected (`setTimeout`,
 * `clearTimeout`), so tests drive it without waiting. `flush()` sends a pending value now;
 * `cancel()` drops it.
 */
export function debouncer(delayMs, send, timers = globalThis) {
  let timer = null;
  let pending;
  let hasPending = false;
  let last;
  const fire = () => {
    timer = null;
    if (!hasPending) return;
    hasPending = false;
    if (pending === last) return;
    last = pending;
    send(pending);
  };
  return {
    push(value) {
      pending = value;
      hasPending = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(fire, delayMs);
    },
    flush() {
      if (timer !== null) timers.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      hasPending = false;
    },
  };
}

/** Milliseconds between the last size change and its `lti.frameResize`. */
export const RESIZE_DEBOUNCE_MS = 100;

let running = null;

/**
 * Starts the helper (once per page: later calls return the running one until it is stopped).
 * Options: `token` (Canvas's PostMessageToken from the launch, added to every message),
 * `announce` (default `true`: read out widget completion with `lti.screenReaderAlert`),
 * `debounceMs` (default 100). Outside an iframe, and without a DOM, it does nothing.
 * Returns `{ stop() }`, which disconnects the observer and the listeners.
 */
export function startLti(options = {}) {
  if (running) return running;
  const inert = { active: false, stop() {} };
  if (typeof window === 'undefined' || typeof document === 'undefined') return inert;
  let parent;
  try {
    parent = window.parent;
  } catch {
    return inert;
  }
  if (!parent || parent === window) return inert;

  const token = options.token;
  const post = (message) => {
    if (!message) return;
    try {
      parent.postMessage(message, '*');
    } catch {
      // A parent that went away (or a message it cannot take) must not break the page.
    }
  };
  const root = document.documentElement;
  const delay = Number.isFinite(options.debounceMs) && options.debounceMs >= 0 ? options.debounceMs : RESIZE_DEBOUNCE_MS;
  const resize = debouncer(delay, (h) => post(frameResizeMessage(h, token)), window);
  const measure = () => resize.push(Math.ceil(root.getBoundingClientRect().height));
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
  if (observer) observer.observe(root);
  else window.addEventListener('load', measure);
  measure();

  const onEvent = (e) => {
    const el = e.target instanceof Element ? e.target : null;
    const sentence = announcement(e.type, e.detail, el && el.getAttribute('label'), el && el.localName);
    post(screenReaderAlertMessage(sentence, token));
  };
  const announce = options.announce !== false;
  if (announce) for (const n of ANNOUNCED_EVENTS) document.addEventListener(n, onEvent);

  const controller = {
    active: true,
    stop() {
      if (!controller.active) return;
      controller.active = false;
      if (observer) observer.disconnect();
      else window.removeEventListener('load', measure);
      resize.cancel();
      if (announce) for (const n of ANNOUNCED_EVENTS) document.removeEventListener(n, onEvent);
      if (running === controller) running = null;
    },
  };
  running = controller;
  return controller;
}
