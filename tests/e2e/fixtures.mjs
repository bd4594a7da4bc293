// Shared helpers for the end-to-end tests: headless Chromium (chromium.mjs), the demo
// server/simulator started by `cargo xtask test`, and a page object for <lms-progress>.
import { launch as launchChromium } from './chromium.mjs';

export const BASE = process.env.LMS_DEMO_URL || 'http://127.0.0.1:8787/';

export async function launch() {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { browser, page, errors };
}

export async function sim(path, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(new URL(path, BASE), {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export const createJob = (spec) => sim('/sim/jobs', spec);

/** Reads a simulated Canvas API as user 1 (a bearer token; no cookie outside the page). */
export async function canvasGet(path) {
  const res = await fetch(new URL(path, BASE), { headers: { Authorization: 'Bearer sim-user-1', Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
export const stats = () => sim('/sim/stats');

/** Opens the demo page without its scripted jobs, with the custom elements defined. */
export async function openBlank(page) {
  await page.goto(new URL('/?jobs=none', BASE).href);
  await page.waitForFunction(() => customElements.get('lms-progress') !== undefined);
}

/** Adds an <lms-progress> and records every lms-* event it fires. */
export async function addBar(page, attrs, options = undefined) {
  return page.evaluate(([attrs, options]) => {
    const el = document.createElement('lms-progress');
    if (options) el.lmsOptions = options;
    el.id = `bar-${Math.random().toString(36).slice(2)}`;
    el.lmsEvents = [];
    for (const n of ['lms-progress', 'lms-complete', 'lms-failed', 'lms-canceled', 'lms-error']) {
      el.addEventListener(n, (e) => el.lmsEvents.push({ name: n, detail: JSON.parse(JSON.stringify(e.detail)) }));
    }
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector('#followed').append(el);
    return el.id;
  }, [attrs, options]);
}

export const events = (page, id) => page.evaluate((id) => document.getElementById(id).lmsEvents, id);

export async function waitForEvent(page, id, name, timeout = 30000) {
  await page.waitForFunction(([id, name]) => document.getElementById(id).lmsEvents.some((e) => e.name === name), [id, name], { timeout });
  return (await events(page, id)).find((e) => e.name === name);
}

/**
 * Reads `read()` until `accept(value)` holds, and returns that value; after `timeout` ms it
 * throws `describe(value)`. For conditions spread over several contexts (a page and its
 * iframe, Node and the page) that one `waitForFunction` cannot see; 50 ms is the interval of
 * the check, not a wait for the widget.
 */
export async function pollUntil(page, read, accept, describe, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(await describe(value));
    await page.waitForTimeout(50);
  }
}

/** A locator inside the bar's shadow root (Playwright pierces open shadow roots). */
export const inBar = (page, id, sel) => page.locator(`#${id} ${sel}`);

/** Waits until the simulator has answered `path` ("GET /api/...") at least `n` times. */
export async function waitForRequests(page, path, n, timeout = 30000) {
  await page.waitForFunction(async ([path, n]) => {
    const s = await (await fetch('/sim/stats')).json();
    return (s.by_path[path] || 0) >= n;
  }, [path, n], { timeout, polling: 100 });
}

/**
 * Proves that time has passed in the widgets' own terms, not by a wall-clock sleep: a new bar
 * in `page` on a long running job makes `ticks` requests after its first one, each a poll
 * interval after the last (counted by the simulator), and is then removed. A bar that were
 * still polling would have polled in that time too.
 */
export async function anotherBarPolls(page, ticks) {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 600000, curve: 'linear' });
  const id = await addBar(page, { url, label: 'Witness' });
  await waitForRequests(page, `GET ${new URL(url, 'http://x').pathname}`, 1 + ticks);
  await page.evaluate((id) => document.getElementById(id).remove(), id);
}
