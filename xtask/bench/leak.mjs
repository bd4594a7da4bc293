// Leaks (issue 12 §2): mount and unmount each widget many times while its first request is
// held open by the simulator, then count what is still alive (timers, page listeners,
// fetches in flight) and how much the JS heap and the wasm memory grew.
//
// Used by tests/e2e/leak.test.mjs (200 cycles, asserts the counts are back where they
// started) and run by itself for the figures in BENCHMARKS.md:
//
//   LMS_DEMO_URL=http://127.0.0.1:8787/ node xtask/bench/leak.mjs [cycles=1000]
//
// (against `cargo xtask demo` or `target/debug/lms-sim --www www --pkg pkg`).
import { launch } from '../../tests/e2e/chromium.mjs';

/**
 * Runs in the page before its own scripts (page.addInitScript): wraps the timer, listener
 * and fetch functions and keeps what is live in `window.__live`.
 */
export function instrument() {
  const timers = new Set();
  const listeners = new Map(); // key "target|type|capture" -> Set of listeners
  const live = { fetches: 0, started: 0 };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, fetch: f } = window;
  window.setTimeout = function (fn, ms, ...args) {
    let id;
    const wrapped = typeof fn === 'function' ? function (...a) { timers.delete(id); return fn.apply(this, a); } : fn;
    id = st.call(window, wrapped, ms, ...args);
    timers.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timers.delete(id); return ct.call(window, id); };
  window.setInterval = function (...a) { const id = si.apply(window, a); timers.add(id); return id; };
  window.clearInterval = (id) => { timers.delete(id); return ci.call(window, id); };
  // Listeners on the long-lived targets only: the page's window and document. Listeners on a
  // widget's own nodes go with the nodes.
  const name = (t) => (t === window ? 'window' : t === document ? 'document' : null);
  const capture = (o) => (typeof o === 'boolean' ? o : !!(o && o.capture));
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (type, l, o) {
    const t = name(this);
    if (t && l) {
      const k = `${t}|${type}|${capture(o)}`;
      if (!listeners.has(k)) listeners.set(k, new Set());
      listeners.get(k).add(l);
    }
    return add.call(this, type, l, o);
  };
  EventTarget.prototype.removeEventListener = function (type, l, o) {
    const t = name(this);
    if (t) listeners.get(`${t}|${type}|${capture(o)}`)?.delete(l);
    return remove.call(this, type, l, o);
  };
  window.fetch = function (...a) {
    live.fetches++;
    live.started++;
    return f.apply(window, a).finally(() => { live.fetches--; });
  };
  window.__live = () => ({
    timers: timers.size,
    listeners: [...listeners.values()].reduce((n, s) => n + s.size, 0),
    byListener: Object.fromEntries([...listeners].filter(([, s]) => s.size).map(([k, s]) => [k, s.size])),
    fetches: live.fetches,
    started: live.started,
  });
}

const JOB = { kind: 'canvas', duration_ms: 3600000, curve: 'linear' };

/** The widgets, each with the simulator paths its first request uses (held open). */
export const WIDGETS = {
  'lms-progress': { hold: (job) => [new URL(job.url, 'http://x').pathname], attrs: (job) => ({ url: job.url, label: 'Leak' }) },
  'lms-report-card': { hold: () => ['/api/v1/courses/7401/reports'], attrs: () => ({ 'course-id': '7401' }) },
  'lms-pace-timeline': { hold: () => ['/api/v1/courses/1/course_pacing'], attrs: () => ({ 'course-id': '1', 'pace-id': '1', editable: '' }) },
};

async function sim(base, path, body) {
  const res = await fetch(new URL(path, base), { method: body === undefined ? 'DELETE' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A page on the strict-CSP page with no widgets of its own, instrumented, with a CDP session. */
export async function openLeakPage(browser, base) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(instrument);
  await page.goto(new URL('/csp.html?widgets=none', base).href);
  await page.waitForFunction(() => customElements.get('lms-pace-timeline') !== undefined);
  const cdp = await page.context().newCDPSession(page);
  return { page, cdp, errors };
}

/** Live counts and memory, after a full garbage collection. */
export async function snapshot({ page, cdp }) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(async () => (await (await import('/pkg/lms_widgets.js')).default()).memory.buffer.byteLength);
  return { ...(await page.evaluate(() => window.__live())), heap: heap.usedSize, wasm };
}

/**
 * `cycles` times: mount `tag`, wait until its first request is in flight (held by a
 * simulator delay fault), unmount it. Then waits until no fetch is in flight.
 */
export async function cycle(base, { page }, tag, cycles) {
  const w = WIDGETS[tag];
  const job = tag === 'lms-progress' ? await sim(base, '/sim/jobs', JOB) : null;
  for (const prefix of w.hold(job)) await sim(base, '/sim/faults', { delay_ms: 120000, path_prefix: prefix });
  try {
    await page.evaluate(async ([tag, attrs, cycles]) => {
      const scratch = document.querySelector('#scratch');
      const inFlight = () => new Promise((resolve, reject) => {
        const t0 = performance.now();
        const check = () => {
          if (window.__live().fetches > 0) resolve();
          else if (performance.now() - t0 > 10000) reject(new Error(`${tag}: no request in flight after mounting`));
          else requestAnimationFrame(check);
        };
        check();
      });
      for (let i = 0; i < cycles; i++) {
        const el = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        scratch.append(el);
        await inFlight();
        el.remove();
      }
    }, [tag, w.attrs(job), cycles]);
    // The aborted fetches settle asynchronously: wait for that, not for a time.
    await page.waitForFunction(() => window.__live().fetches === 0, null, { timeout: 20000, polling: 50 });
  } finally {
    await sim(base, '/sim/faults');
  }
}

/** Warm-up (one cycle: code paths, one-time delegated listeners), then `cycles` measured. */
export async function measure(base, p, tag, cycles) {
  await cycle(base, p, tag, 1);
  const before = await snapshot(p);
  const t0 = Date.now();
  await cycle(base, p, tag, cycles);
  const after = await snapshot(p);
  return { tag, cycles, before, after, ms: Date.now() - t0 };
}

const mb = (b) => (b / 1048576).toFixed(2);

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.env.LMS_DEMO_URL || 'http://127.0.0.1:8787/';
  const cycles = Number(process.argv[2] || 1000);
  const browser = await launch();
  try {
    const p = await openLeakPage(browser, base);
    console.log(`| widget (${cycles} mount/unmount cycles, first request held open) | timers | page listeners | fetches in flight | JS heap growth | wasm memory growth | time |`);
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const tag of Object.keys(WIDGETS)) {
      const r = await measure(base, p, tag, cycles);
      const d = (k) => `${r.before[k]} → ${r.after[k]}`;
      console.log(`| \`<${tag}>\` | ${d('timers')} | ${d('listeners')} | ${d('fetches')} | ${mb(r.after.heap - r.before.heap)} MB | ${mb(r.after.wasm - r.before.wasm)} MB (${mb(r.after.wasm)} MB in all) | ${(r.ms / 1000).toFixed(1)} s |`);
    }
    if (p.errors.length) {
      console.error('page errors:', p.errors);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}
