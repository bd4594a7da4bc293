// End-to-end fault matrix (issue 12 §2): every fault the simulator can inject, through every
// widget operation that talks to the network, ends in a defined UI state (text, role, event),
// and a sibling widget on the same page still completes. The table is also in TESTING.md
// ("Fault matrix"); its test names are the ones printed here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sim, createJob, canvasGet, openBlank, anotherBarPolls, pollUntil, BASE } from './fixtures.mjs';

// The strict-CSP page without widgets of its own (www/csp.html): a quiet page, and the
// widgets meet every fault under the strict policy too.
const PAGE = '/csp.html?widgets=none';
async function open(page) {
  await page.goto(new URL(PAGE, BASE).href);
  await page.waitForFunction(() => customElements.get('lms-pace-timeline') !== undefined);
}

let ctx;
before(async () => {
  ctx = await launch();
  await sim('/sim/reset', {});
  await sim('/sim/reports/config', { duration_ms: 300 });
  await open(ctx.page);
});
after(async () => {
  await fetch(new URL('/sim/faults', BASE), { method: 'DELETE' });
  assert.deepEqual(ctx.errors, [], 'no uncaught errors (no panic) on the page');
  await ctx.browser.close();
});

// ------------------------------------------------------------------ the faults

const UNAUTHENTICATED = '{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}';
const UNAUTHORIZED = '{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}';
const UNPROCESSABLE = '{"errors":[{"message":"Progress associated with Assignment that isn\'t linked to this Tool"}]}';

/**
 * One row per fault: the simulator fault (`sim/src/faults.rs`), the `lms-error` kind it
 * becomes, the sentence the widget shows, and whether polling retries it by itself.
 */
const FAULTS = [
  ...[500, 502, 503, 504].map((s) => ({ name: `HTTP ${s}`, fault: { status: s }, kind: 'server', text: new RegExp(`server had a problem \\(HTTP ${s}\\)`), transient: true })),
  { name: '403 rate limit', fault: { throttle: '403' }, kind: 'throttled', text: /rate-limiting/, transient: true },
  { name: '429 with Retry-After', fault: { throttle: '429', retry_after: 1 }, kind: 'throttled', text: /rate-limiting/, transient: true },
  { name: 'connection dropped mid-answer', fault: { cut_off: true }, kind: 'network', text: /Could not reach the server/, transient: true },
  { name: 'truncated JSON', fault: { malformed_json: true }, kind: 'bad_response', text: /could not be read: the answer is not valid JSON/, transient: true },
  { name: 'malformed JSON', fault: { status: 200, body: '{"id": 1, workflow_state: running}' }, kind: 'bad_response', text: /could not be read/, transient: true },
  { name: 'non-object JSON', fault: { status: 200, body: '"Progress 12 is running"' }, kind: 'bad_response', text: /could not be read/, transient: true },
  { name: 'JSON null', fault: { status: 200, body: 'null' }, kind: 'bad_response', text: /could not be read/, transient: true },
  // serde's derived structs read an array field by field: refused by name (`parse_object`).
  { name: 'JSON array', fault: { status: 200, body: '[1, "running", 50, "Progress 1"]' }, kind: 'bad_response', text: /expected a JSON object, got an array/, transient: true },
  { name: 'HTML login page with 200', fault: { login_page: true }, kind: 'login_page', text: /Canvas session has ended/, transient: false },
  // Every widget words an expired session as the login page (`Error::is_signed_out`); the
  // report card words other 401s and 404 for what it was doing (`fault_message`).
  { name: '401 expired session', fault: { status: 401, body: UNAUTHENTICATED }, kind: 'unauthorized', text: /Your Canvas session has ended/, transient: false },
  { name: '401 not the creator', fault: { status: 401, body: UNAUTHORIZED }, kind: 'unauthorized', text: /user not authorized to perform that action/, transient: false,
    report: { create: /You do not have permission to create reports in this course/, follow: /Only the person who created this report can see it/ } },
  { name: '404', fault: { status: 404 }, kind: 'not_found', text: /Not found/, transient: false,
    report: { create: /Canvas could not find this course/, follow: /This report no longer exists in Canvas/ } },
  { name: '422 with Canvas error body', fault: { status: 422, body: UNPROCESSABLE }, kind: 'rejected', text: /Progress associated with Assignment that isn't linked to this Tool \(HTTP 422\)/, transient: false },
];

// ------------------------------------------------------------------ page helpers

/** Mounts `<tag>` into #scratch, recording its lms-* events and every alert text it shows. */
async function mount(tag, attrs, parent = '#scratch') {
  return ctx.page.evaluate(([tag, attrs, parent]) => {
    const el = document.createElement(tag);
    el.id = `w-${Math.random().toString(36).slice(2)}`;
    el.lmsEvents = [];
    el.lmsAlerts = [];
    for (const n of ['lms-progress', 'lms-complete', 'lms-failed', 'lms-canceled', 'lms-error', 'lms-report-started',
      'lms-report-complete', 'lms-pace-loaded', 'lms-pace-published']) {
      el.addEventListener(n, (e) => el.lmsEvents.push({ name: n, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
    }
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector(parent).append(el);
    const seen = () => {
      for (const a of el.shadowRoot.querySelectorAll('[role=alert]')) {
        const t = a.textContent.trim();
        if (t && !el.lmsAlerts.includes(t)) el.lmsAlerts.push(t);
      }
    };
    el.lmsObserver = new MutationObserver(seen);
    el.lmsObserver.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
    return el.id;
  }, [tag, attrs, parent]);
}

const unmount = (id) => ctx.page.evaluate((id) => { const el = document.getElementById(id); el.lmsObserver.disconnect(); el.remove(); }, id);
const eventsOf = (id) => ctx.page.evaluate((id) => document.getElementById(id).lmsEvents, id);
const alertsOf = (id) => ctx.page.evaluate((id) => document.getElementById(id).lmsAlerts, id);

async function waitForEvent(id, name, pred = () => true, timeout = 20000) {
  const found = (events) => events.find((e) => e.name === name && pred(e.detail));
  const events = await pollUntil(ctx.page, () => eventsOf(id), (events) => found(events) !== undefined,
    async (events) => `no ${name} on ${id}; events: ${JSON.stringify(events).slice(0, 1500)}; alerts: ${JSON.stringify(await alertsOf(id))}`, timeout);
  return found(events);
}

async function waitForAlert(id, re, timeout = 20000) {
  await ctx.page.waitForFunction(([id, src, flags]) => document.getElementById(id).lmsAlerts.some((t) => new RegExp(src, flags).test(t)),
    [id, re.source, re.flags], { timeout, polling: 50 }).catch(async (e) => {
    throw new Error(`no alert ${re} on ${id}; alerts: ${JSON.stringify(await alertsOf(id))}; ${e.message}`);
  });
}

/** A progress bar on a short clean job beside the faulted widget: it must complete. */
async function sibling() {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 600, curve: 'linear' });
  return mount('lms-progress', { url, label: 'Sibling' });
}
async function siblingCompletes(id) {
  await waitForEvent(id, 'lms-complete');
  await unmount(id);
}

const pathOf = (url) => new URL(url, BASE).pathname;
const clearFaults = () => fetch(new URL('/sim/faults', BASE), { method: 'DELETE' });
const clickIn = (id, sel) => ctx.page.locator(`#${id} ${sel}`).click();

// ------------------------------------------------------------------ <lms-progress>

for (const f of FAULTS) {
  test(`progress bar: ${f.name}`, async () => {
    const { url } = await createJob({ kind: 'canvas', duration_ms: 800, curve: 'linear', faults: [{ ...f.fault, times: f.times ?? 1 }] });
    const sib = await sibling();
    const id = await mount('lms-progress', { url, label: 'Faulted' });
    const err = await waitForEvent(id, 'lms-error');
    assert.equal(err.detail.error.kind, f.kind);
    assert.match(err.detail.error.message, f.text);
    await waitForAlert(id, f.text);
    if (f.transient) {
      assert.ok(err.detail.retryIn > 0, 'polling retries by itself');
      if (f.fault.retry_after) assert.ok(err.detail.retryIn >= f.fault.retry_after * 1000, 'Retry-After is honoured');
    } else {
      assert.equal(err.detail.retryIn ?? null, null, 'polling stopped');
      await clickIn(id, 'button:has-text("Try again")');
    }
    await waitForEvent(id, 'lms-complete');
    await siblingCompletes(sib);
    await unmount(id);
  });
}

test('progress bar: 429 with a day-long Retry-After waits at most an hour', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 800, faults: [{ throttle: '429', retry_after: 86400, times: 1 }] });
  const sib = await sibling();
  const id = await mount('lms-progress', { url, label: 'Throttled' });
  const err = await waitForEvent(id, 'lms-error');
  assert.equal(err.detail.error.kind, 'throttled');
  assert.equal(err.detail.retryIn, 3600000, 'Retry-After is capped at one hour');
  await waitForAlert(id, /rate-limiting requests; retrying in 3600 s\. Retrying in (60 minutes|1 hour)/);
  await siblingCompletes(sib);
  await unmount(id);
});

test('progress bar: while(1); before the JSON is read as JSON', async () => {
  const body = 'while(1);{"id":"1","workflow_state":"completed","completion":100,"message":"Done behind while(1)"}';
  const { url } = await createJob({ kind: 'canvas', duration_ms: 60000, faults: [{ status: 200, body }] });
  const id = await mount('lms-progress', { url, label: 'Guarded' });
  const done = await waitForEvent(id, 'lms-complete');
  assert.equal(done.detail.message, 'Done behind while(1)');
  assert.equal((await eventsOf(id)).filter((e) => e.name === 'lms-error').length, 0);
  await unmount(id);
});

test('progress bar: an unknown workflow_state is shown and followed to the end', async () => {
  const body = '{"id":"1","workflow_state":"being_reticulated","completion":30}';
  const { url } = await createJob({ kind: 'canvas', duration_ms: 800, faults: [{ status: 200, body, times: 1 }] });
  const sib = await sibling();
  const id = await mount('lms-progress', { url, label: 'Odd state' });
  const ev = await waitForEvent(id, 'lms-progress', (d) => d.state === 'being_reticulated');
  assert.equal(ev.detail.completion, 30);
  await ctx.page.locator(`#${id} .lmsw-progress__status:has-text("Being reticulated")`).waitFor();
  await waitForEvent(id, 'lms-complete');
  await siblingCompletes(sib);
  await unmount(id);
});

test('progress bar: odd completions (negative, over 100, null, NaN, a string) stay within 0–100', async () => {
  const odd = [-20, 250, null, '"55"', 1e308].map((c) => ({ status: 200, body: `{"id":"1","workflow_state":"running","completion":${c}}`, times: 1 }));
  const { url } = await createJob({ kind: 'canvas', duration_ms: 1500, curve: 'nan', faults: odd });
  const id = await mount('lms-progress', { url, label: 'Odd completions' });
  await waitForEvent(id, 'lms-complete', () => true, 40000);
  const events = await eventsOf(id);
  const shown = events.filter((e) => e.name === 'lms-progress').map((e) => e.detail.completion);
  assert.ok(shown.length >= 4, `answers seen: ${JSON.stringify(events.map((e) => e.name))}`);
  for (const c of shown) assert.ok(c === null || (c >= 0 && c <= 100), `completion ${c}`);
  assert.ok(shown.includes(0) && shown.includes(100), `clamped: ${JSON.stringify(shown)}`);
  await unmount(id);
});

test('progress bar: offline, then back online', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 5000, curve: 'linear' });
  const path = `GET ${pathOf(url)}`;
  const id = await mount('lms-progress', { url, label: 'Offline' });
  await waitForEvent(id, 'lms-progress');
  await ctx.page.context().setOffline(true);
  // Time passes in the widgets' own terms: a bar in another, online browser context polls.
  const other = await ctx.browser.newContext();
  const witness = await other.newPage();
  await openBlank(witness); // the demo page: anotherBarPolls adds its bar to #followed
  await anotherBarPolls(witness, 1);
  const offline = (await sim('/sim/stats')).by_path[path];
  await anotherBarPolls(witness, 3);
  await other.close();
  assert.equal((await sim('/sim/stats')).by_path[path], offline, 'no request reaches the server while offline');
  const failedWhileOffline = (await eventsOf(id)).filter((e) => e.name === 'lms-error');
  assert.ok(failedWhileOffline.every((e) => e.detail.error.kind === 'offline' && e.detail.retryIn > 0), JSON.stringify(failedWhileOffline));
  assert.equal(await ctx.page.locator(`#${id} button:has-text("Try again")`).count(), 0, 'polling has not given up');
  await ctx.page.context().setOffline(false);
  await waitForEvent(id, 'lms-complete');
  await unmount(id);
});

// A request that hangs and a tab hidden for minutes: the page's clock is Playwright's fake
// one, so minutes pass without waiting for them. It numbers its timers from 1e12, beyond the
// i32 a browser's timer id fits in: before `src/poll/timer.rs` kept ids as JS values, the
// hidden half failed with wasm-bindgen's "closure invoked recursively or after being dropped"
// (a truncated id missed `clearTimeout`, and the timer fired after its closure was freed).
test('progress bar: a hanging request, and a tab hidden for minutes', async () => {
  const page = await ctx.browser.newPage();
  page.on('pageerror', (e) => ctx.errors.push(String(e)));
  await page.clock.install();
  await open(page);
  const { url } = await createJob({ kind: 'canvas', duration_ms: 600000, curve: 'linear', faults: [{ delay_ms: 120000, times: 1 }] });
  const path = `GET ${pathOf(url)}`;
  const count = async () => (await sim('/sim/stats')).by_path[path] ?? 0;
  await page.evaluate((url) => {
    const el = document.createElement('lms-progress');
    el.id = 'hang';
    el.lmsEvents = [];
    for (const n of ['lms-progress', 'lms-error']) el.addEventListener(n, (e) => el.lmsEvents.push({ name: n, detail: JSON.parse(JSON.stringify(e.detail)) }));
    el.setAttribute('url', url);
    el.setAttribute('label', 'Hanging');
    document.querySelector('#scratch').append(el);
  }, url);
  const ev = (name, kind) => page.waitForFunction(([name, kind]) => document.getElementById('hang').lmsEvents
    .some((e) => e.name === name && (!kind || (e.detail.error.kind === kind && e.detail.retryIn > 0))), [name, kind], { polling: 50 });
  await page.waitForFunction(async (p) => ((await (await fetch('/sim/stats')).json()).by_path[p] ?? 0) >= 1, path, { polling: 50 });
  // The request hangs: after 30 s of page time it is given up and retried.
  await page.clock.runFor(31000);
  await ev('lms-error', 'network');
  await page.locator('#hang [role=alert]:has-text("no answer")').waitFor();
  await page.clock.runFor(31000);
  await ev('lms-progress');
  // Hidden for ten minutes of page time: no request at all.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hidden = await count();
  for (let i = 0; i < 20; i++) await page.clock.runFor(30000);
  assert.equal(await count(), hidden, 'no requests while hidden');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(async ([p, n]) => ((await (await fetch('/sim/stats')).json()).by_path[p] ?? 0) > n, [path, hidden], { polling: 50 });
  await page.close();
});

// ------------------------------------------------------------------ <lms-report-card>

let course = 9100;

for (const f of FAULTS) {
  test(`report card, create: ${f.name}`, async () => {
    const c = String(++course);
    const sib = await sibling();
    const id = await mount('lms-report-card', { 'course-id': c });
    await ctx.page.locator(`#${id} :text("No report yet.")`).waitFor();
    await sim('/sim/faults', { ...f.fault, times: f.times ?? 1, method: 'POST', path_prefix: `/api/v1/courses/${c}/reports` });
    await clickIn(id, 'button:has-text("Create report")');
    const err = await waitForEvent(id, 'lms-error');
    assert.equal(err.detail.error.kind, f.kind);
    assert.equal(err.detail.op, 'create');
    await waitForAlert(id, f.report?.create ?? f.text);
    await clickIn(id, 'button:has-text("Try again")');
    await waitForEvent(id, 'lms-report-complete');
    await ctx.page.locator(`#${id} a.lmsw-report__download`).waitFor();
    await siblingCompletes(sib);
    await unmount(id);
  });

  test(`report card, follow: ${f.name}`, async () => {
    const c = String(++course);
    const report = await sim('/sim/reports/seed', { course_id: Number(c), status: 'running', duration_ms: 1500, progress: 10 });
    await sim('/sim/faults', { ...f.fault, times: f.times ?? 1, method: 'GET', path_prefix: `/api/v1/courses/${c}/reports/course_pace_docx/${report.id}` });
    const sib = await sibling();
    const id = await mount('lms-report-card', { 'course-id': c });
    const err = await waitForEvent(id, 'lms-error');
    assert.equal(err.detail.error.kind, f.kind);
    assert.equal(err.detail.op, 'follow');
    await waitForAlert(id, f.report?.follow ?? f.text);
    if (f.transient) assert.ok(err.detail.retryIn > 0, 'following retries by itself');
    else await clickIn(id, 'button:has-text("Check again")');
    await waitForEvent(id, 'lms-report-complete');
    await siblingCompletes(sib);
    await unmount(id);
  });
}

test('report card: while(1); before the last report is read as JSON', async () => {
  const c = ++course;
  const seeded = await sim('/sim/reports/seed', { course_id: c, status: 'complete' });
  const report = await canvasGet(`/api/v1/courses/${c}/reports/course_pace_docx/${seeded.id}`);
  await sim('/sim/faults', { status: 200, body: `while(1);${JSON.stringify(report)}`, times: 1, path_prefix: `/api/v1/courses/${c}/reports` });
  const id = await mount('lms-report-card', { 'course-id': String(c) });
  // A report already complete is shown with its link, not announced again (no event).
  await ctx.page.locator(`#${id} a.lmsw-report__download`).waitFor();
  assert.equal((await eventsOf(id)).filter((e) => e.name === 'lms-error').length, 0);
  await unmount(id);
});

test('report card: an unknown status is shown and followed to the end', async () => {
  const c = ++course;
  const seeded = await sim('/sim/reports/seed', { course_id: c, status: 'running', duration_ms: 1500, progress: 10 });
  const report = await canvasGet(`/api/v1/courses/${c}/reports/course_pace_docx/${seeded.id}`);
  await sim('/sim/faults', { status: 200, body: JSON.stringify({ ...report, status: 'being_compiled' }), times: 1, path_prefix: `/api/v1/courses/${c}/reports` });
  const id = await mount('lms-report-card', { 'course-id': String(c) });
  const started = await waitForEvent(id, 'lms-report-started');
  assert.equal(started.detail.status, 'being_compiled', 'the unknown status is kept as given');
  await waitForEvent(id, 'lms-report-complete');
  await unmount(id);
});

// ------------------------------------------------------------------ <lms-pace-timeline>

const PACE = '/api/v1/courses/1/course_pacing/1';

for (const f of FAULTS) {
  test(`pace timeline, load: ${f.name}`, async () => {
    await sim('/sim/faults', { ...f.fault, times: f.times ?? 1, method: 'GET', path_prefix: PACE });
    const sib = await sibling();
    const id = await mount('lms-pace-timeline', { 'course-id': '1', 'pace-id': '1' });
    const err = await waitForEvent(id, 'lms-error');
    assert.equal(err.detail.error.kind, f.kind);
    await waitForAlert(id, new RegExp(`Could not load the course pace\\. .*${f.text.source}`));
    await clickIn(id, 'button:has-text("Try again")');
    await waitForEvent(id, 'lms-pace-loaded');
    await siblingCompletes(sib);
    await unmount(id);
    await clearFaults();
  });
}

test('pace timeline, load: while(1); before the JSON is read as JSON', async () => {
  const pace = await canvasGet(PACE);
  await sim('/sim/faults', { status: 200, body: `while(1);${JSON.stringify(pace)}`, times: 1, method: 'GET', path_prefix: PACE });
  const id = await mount('lms-pace-timeline', { 'course-id': '1', 'pace-id': '1' });
  await waitForEvent(id, 'lms-pace-loaded');
  await ctx.page.locator(`#${id} tr.lmsw-pace__item`).first().waitFor();
  await unmount(id);
  await clearFaults();
});

/** A timeline with an unpublished edit; returns its id and the edited duration. */
async function editedTimeline() {
  const id = await mount('lms-pace-timeline', { 'course-id': '1', 'pace-id': '1', editable: '' });
  await waitForEvent(id, 'lms-pace-loaded');
  const input = ctx.page.locator(`#${id} input.lmsw-pace__duration`).first();
  const value = String(Number(await input.inputValue()) + 1);
  await input.fill(value);
  await ctx.page.locator(`#${id} .lmsw-pace__changes summary:has-text("1 unpublished change")`).waitFor();
  return { id, input, value };
}

for (const f of FAULTS) {
  test(`pace timeline, publish: ${f.name}`, async () => {
    const { id, input, value } = await editedTimeline();
    await sim('/sim/faults', { ...f.fault, times: f.times ?? 1, method: 'PUT', path_prefix: PACE });
    const sib = await sibling();
    await clickIn(id, 'button:has-text("Publish")');
    const text = f.kind === 'throttled' ? /rate-limiting requests; try again in a moment/ : f.text;
    await waitForAlert(id, new RegExp(`Publishing failed: .*${text.source}.* Your changes are kept\\.`));
    const err = await waitForEvent(id, 'lms-error');
    assert.equal(err.detail.error.kind, f.kind);
    assert.equal(await input.inputValue(), value, 'the edit is kept');
    assert.equal(await ctx.page.locator(`#${id} button:has-text("Publish")`).isEnabled(), true, 'not stuck publishing');
    await siblingCompletes(sib);
    await unmount(id);
    await clearFaults();
  });

  test(`pace timeline, publish progress: ${f.name}`, async () => {
    const { id, value } = await editedTimeline();
    await sim('/sim/pacing/config', { publish_ms: 300, publish_faults: [{ ...f.fault, times: f.times ?? 1 }] });
    const sib = await sibling();
    await clickIn(id, 'button:has-text("Publish")');
    if (f.transient) {
      await waitForEvent(id, 'lms-pace-published');
      const after = (await canvasGet(PACE)).course_pace.modules[0].items[0].duration;
      assert.equal(String(after), value);
    } else {
      await waitForAlert(id, new RegExp(`Could not follow the publish to its end: .*${f.text.source}.* Your changes are kept\\.`));
      const err = await waitForEvent(id, 'lms-error');
      assert.equal(err.detail.error.kind, f.kind);
    }
    await siblingCompletes(sib);
    await unmount(id);
    await sim('/sim/pacing/config', { publish_ms: 300 });
  });
}
