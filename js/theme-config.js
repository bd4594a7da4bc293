// The pure part of the Canvas Theme-Editor mode: the admin's config checked, Canvas's `ENV`
// read, rules matched to a path, and the attributes each widget gets. No DOM, no globals:
// `node --test` runs it as is (tests/node/theme-config.test.mjs).
import { ATTRIBUTES } from './elements.js';

/** Where a widget goes relative to the element the selector finds. */
export const POSITIONS = ['append', 'prepend', 'before', 'after'];

/** Attributes that are true/false switches: `true` sets them empty, `false` to "false". */
const SWITCHES = new Set(['cancelable', 'editable', 'shadow']);

/** JS-only options a rule may set (through the element's `lmsOptions`). */
const JS_OPTIONS = { 'lms-pace-timeline': ['linkTarget'] };

/**
 * Options a theme config must not carry: theme JS is readable by every Canvas user, and
 * in Canvas the widgets use the session cookie and CSRF token.
 */
const REFUSED = { token: 'a bearer token in theme JS is readable by every Canvas user; the widgets use the session cookie', headers: 'custom headers are not sent from theme JS; the widgets use the session cookie' };

/** Default time to wait for a rule's selector to appear, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10000;
const MAX_TIMEOUT_MS = 120000;

const TOP_LEVEL = ['rules', 'timeoutMs', 'wasmUrl'];
const RULE_KEYS = ['path', 'selector', 'widget', 'options', 'position'];

/** `paceId` -> `pace-id`. */
const kebab = (k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/**
 * Checks an admin's config. Returns `{ rules, timeoutMs, wasmUrl, errors }`: `rules` holds
 * the valid rules only (with `path` compiled to a RegExp, `position` defaulted and `options`
 * split into `attributes` and `jsOptions`), `errors` one sentence per bad field, each naming
 * it (`rules[1].widget …`). Never throws, whatever it is given.
 */
export function validateConfig(config) {
  const errors = [];
  const out = { rules: [], timeoutMs: DEFAULT_TIMEOUT_MS, wasmUrl: undefined, errors };
  if (!isObject(config)) {
    errors.push(`the config must be an object like { rules: [...] }, not ${show(config)}`);
    return out;
  }
  for (const k of Object.keys(config)) {
    if (!TOP_LEVEL.includes(k)) errors.push(`${k} is not a config field (expected ${TOP_LEVEL.join(', ')})`);
  }
  if ('timeoutMs' in config) {
    const t = config.timeoutMs;
    if (Number.isFinite(t) && t >= 0 && t <= MAX_TIMEOUT_MS) out.timeoutMs = t;
    else errors.push(`timeoutMs must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, not ${show(t)}`);
  }
  if ('wasmUrl' in config) {
    const w = config.wasmUrl;
    if (typeof w === 'string' && w.includes('{widget}')) out.wasmUrl = w;
    else errors.push(`wasmUrl must be a URL with {widget} in it (replaced by progress-bar, report-card or pace-timeline), not ${show(w)}`);
  }
  if (!Array.isArray(config.rules)) {
    errors.push(`rules must be a list of { path, selector, widget } rules, not ${show(config.rules)}`);
    return out;
  }
  config.rules.forEach((rule, i) => {
    const rule_errors = [];
    const checked = validateRule(rule, `rules[${i}]`, rule_errors);
    errors.push(...rule_errors);
    if (checked && rule_errors.length === 0) out.rules.push(checked);
  });
  return out;
}

function validateRule(rule, at, errors) {
  if (!isObject(rule)) {
    errors.push(`${at} must be an object like { path, selector, widget }, not ${show(rule)}`);
    return null;
  }
  for (const k of Object.keys(rule)) {
    if (!RULE_KEYS.includes(k)) errors.push(`${at}.${k} is not a rule field (expected ${RULE_KEYS.join(', ')})`);
  }
  let path = null;
  if (typeof rule.path !== 'string' || rule.path === '') {
    errors.push(`${at}.path must be a regular expression for the page's path, as a string, not ${show(rule.path)}`);
  } else {
    try {
      path = new RegExp(rule.path);
    } catch (e) {
      errors.push(`${at}.path is not a valid regular expression (${e.message})`);
    }
  }
  if (typeof rule.selector !== 'string' || rule.selector.trim() === '') {
    errors.push(`${at}.selector must be a CSS selector, not ${show(rule.selector)}`);
  }
  const widget = rule.widget;
  const known = Object.keys(ATTRIBUTES);
  if (!known.includes(widget)) errors.push(`${at}.widget must be one of ${known.join(', ')}, not ${show(widget)}`);
  const position = rule.position ?? 'append';
  if (!POSITIONS.includes(position)) errors.push(`${at}.position must be one of ${POSITIONS.join(', ')}, not ${show(position)}`);
  const attributes = {};
  const jsOptions = {};
  if (rule.options !== undefined && !isObject(rule.options)) {
    errors.push(`${at}.options must be an object of the widget's options, not ${show(rule.options)}`);
  } else if (known.includes(widget)) {
    for (const [k, v] of Object.entries(rule.options ?? {})) {
      const field = `${at}.options.${k}`;
      if (k in REFUSED) {
        errors.push(`${field} is not allowed: ${REFUSED[k]}`);
      } else if ((JS_OPTIONS[widget] ?? []).includes(k)) {
        jsOptions[k] = v;
      } else if (ATTRIBUTES[widget].includes(kebab(k))) {
        const value = attributeValue(kebab(k), v);
        if (value === undefined) errors.push(`${field} must be ${SWITCHES.has(kebab(k)) ? 'true, false, a string or a number' : 'a string or a number'}, not ${show(v)}`);
        else attributes[kebab(k)] = value;
      } else {
        const allowed = [...ATTRIBUTES[widget], ...(JS_OPTIONS[widget] ?? [])];
        errors.push(`${field} is not an option of <${widget}> (it reads ${allowed.join(', ')})`);
      }
    }
  }
  if (errors.length) return null;
  return { path, selector: rule.selector, widget, position, attributes, jsOptions, key: `${widget} ${position} ${rule.selector}` };
}

/** An option's attribute text, or `undefined` when it cannot be one. */
function attributeValue(name, v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean' && SWITCHES.has(name)) return v ? '' : 'false';
  return undefined;
}

/** An id as Canvas's `StringifyIds` renders it (a string); numbers from older pages too. */
const id = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined);
const text = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * What a Canvas page says about itself, read (never written) from its `ENV`, its path and
 * `<html lang>`: `{ courseId, userId, locale, timeZone }`, each a string or `undefined`.
 * The course is `ENV.context_asset_string` (`"course_123"`), else the `/courses/123` path;
 * the locale `ENV.LOCALES[0]`, else `ENV.LOCALE`, else `<html lang>`.
 */
export function canvasContext(env, pathname = '', htmlLang = '') {
  const e = isObject(env) ? env : {};
  const read = (k) => {
    try {
      return e[k];
    } catch {
      return undefined; // a getter that throws is Canvas's business, not ours
    }
  };
  const asset = text(read('context_asset_string'));
  const fromAsset = asset && /^course_(\d+)$/.exec(asset);
  const fromPath = /^\/courses\/(\d+)(?:\/|$)/.exec(typeof pathname === 'string' ? pathname : '');
  const locales = read('LOCALES');
  return {
    courseId: fromAsset ? fromAsset[1] : fromPath ? fromPath[1] : undefined,
    userId: id(read('current_user_id')),
    locale: (Array.isArray(locales) ? text(locales[0]) : undefined) ?? text(read('LOCALE')) ?? text(htmlLang),
    timeZone: text(read('TIMEZONE')),
  };
}

/** The valid rules whose path pattern matches `pathname`, in order. */
export function matchingRules(rules, pathname) {
  return rules.filter((r) => r.path.test(pathname));
}

/**
 * The attributes to set on a rule's element: what the page says (course, locale, time
 * zone), for the attributes that element reads, overridden by the rule's own options.
 * (`ENV.current_user_id` is no attribute: the pace timeline reads it from `ENV` itself.)
 */
export function widgetAttributes(rule, context) {
  const reads = ATTRIBUTES[rule.widget];
  const fromPage = { 'course-id': context.courseId, locale: context.locale, 'time-zone': context.timeZone };
  const out = {};
  for (const [k, v] of Object.entries(fromPage)) if (v !== undefined && reads.includes(k)) out[k] = v;
  return Object.assign(out, rule.attributes);
}
