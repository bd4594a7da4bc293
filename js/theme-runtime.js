// The Canvas Theme-Editor mode on the page: takes the configs the stubs queued, mounts each
// matching rule's widget where its selector points (waiting for Canvas's React regions with
// one MutationObserver, disconnected when done or timed out), and never throws into
// Canvas's page. It reads `window.ENV` and `<html lang>` and writes nothing of Canvas's:
// no global but the stub's own queue key, no style; it only inserts its own elements.
import { validateConfig, canvasContext, matchingRules, widgetAttributes } from './theme-config.js';

const PREFIX = 'lms-widgets (Canvas theme):';

/** `f` for a callback Canvas's page runs (observer, timer): an error is a warning, never uncaught. */
const safely = (f) => (...args) => {
  try {
    return f(...args);
  } catch (e) {
    console.warn(`${PREFIX} ${e && e.message ? e.message : e}`);
  }
};

/** Marks our elements with their rule, so a rule given twice (root and sub-account) mounts once. */
const MARK = 'data-lms-theme';

/**
 * Applies every config in `queue` (the array the stub keeps under its window key) and any
 * pushed to it later (a sub-account's stub). `define(wasmUrl)` defines the elements (lazy:
 * a widget's code is fetched when its first element connects). Returns nothing; every
 * problem becomes one console message.
 */
export function runTheme(queue, define) {
  let defined = false;
  const apply = safely((config) => {
    const checked = validateConfig(config);
    if (checked.errors.length) {
      console.error(`${PREFIX} the config has ${checked.errors.length === 1 ? 'a problem' : 'problems'}; ${checked.rules.length ? 'the other rules still apply' : 'nothing is mounted'}:\n- ${checked.errors.join('\n- ')}`);
    }
    const rules = matchingRules(checked.rules, location.pathname);
    if (!rules.length) return;
    if (!defined) {
      define(checked.wasmUrl);
      defined = true;
    }
    const context = canvasContext(window.ENV, location.pathname, document.documentElement.lang);
    place(rules, context, checked.timeoutMs);
  });
  const list = Array.isArray(queue) ? queue : [queue];
  for (const config of list.splice(0)) apply(config);
  if (Array.isArray(queue)) {
    // A stub that runs after this one hands its config over here.
    queue.push = (...configs) => {
      configs.forEach(apply);
      return queue.length;
    };
  }
}

/** Mounts each rule now or when its selector appears, giving up after `timeoutMs`. */
function place(rules, context, timeoutMs) {
  let pending = rules.filter((rule) => !tryMount(rule, context));
  if (!pending.length) return;
  let timer;
  const observer = new MutationObserver(safely(() => {
    pending = pending.filter((rule) => !tryMount(rule, context));
    if (!pending.length) stop();
  }));
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  timer = setTimeout(safely(() => {
    stop();
    pending = pending.filter((rule) => !tryMount(rule, context));
    if (pending.length) {
      const what = pending.map((r) => `${r.selector} (for <${r.widget}>)`).join(', ');
      console.warn(`${PREFIX} after ${timeoutMs} ms this page still has no ${what}; not mounted.`);
    }
  }), timeoutMs);
}

/** Mounts `rule`'s widget if its target is there; true when the widget is (now or already) there. */
function tryMount(rule, context) {
  let target;
  try {
    target = document.querySelector(rule.selector);
  } catch {
    console.error(`${PREFIX} ${rule.selector} is not a valid CSS selector; nothing is mounted for it.`);
    return true; // never valid: stop waiting for it
  }
  if (!target) return false;
  const parent = rule.position === 'before' || rule.position === 'after' ? target.parentElement : target;
  if (!parent) return false;
  if ([...parent.children].some((c) => c.getAttribute(MARK) === rule.key)) return true;
  const el = document.createElement(rule.widget);
  el.setAttribute(MARK, rule.key);
  for (const [k, v] of Object.entries(widgetAttributes(rule, context))) el.setAttribute(k, v);
  if (Object.keys(rule.jsOptions).length) el.lmsOptions = { ...rule.jsOptions };
  el.addEventListener('lms-error', (e) => {
    const error = e.detail && e.detail.error;
    if (error && error.kind === 'load') console.warn(`${PREFIX} <${rule.widget}>: ${error.message}`);
  });
  target.insertAdjacentElement({ append: 'beforeend', prepend: 'afterbegin', before: 'beforebegin', after: 'afterend' }[rule.position], el);
  return true;
}
