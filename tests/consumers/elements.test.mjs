// The package's custom elements are defined before the WebAssembly arrives: what a page does
// to an element in the meantime (attributes, lmsOptions, listeners, removing it) is honoured
// when the code is there, and a failed download is reported and retried. pkg/index.js is
// served by the simulator (--pkg), the page is plain/elements.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainSite, completedBar } from './support.mjs';

const site = plainSite();

/** Holds every .wasm response until `release()`; `requested` resolves when one is asked for. */
async function holdWasm(page) {
  let release;
  let requested;
  const held = new Promise((r) => { release = r; });
  const asked = new Promise((r) => { requested = r; });
  await page.route('**/*.wasm', async (route) => {
    requested();
    await held;
    await route.continue();
  });
  return { release, requested: asked };
}

const open = (prepare) => site.open('/elements.html', prepare);
const job = () => site.sim('/sim/jobs', { duration_ms: 1000 });

test('defining twice defines the three elements once, and loads no wasm', async () => {
  const { page, log } = await open();
  const defined = await page.evaluate(() => window.lmsDefined);
  assert.deepEqual(defined, [['lms-progress', 'lms-report-card', 'lms-pace-timeline'], []]);
  await page.waitForLoadState('networkidle');
  assert.ok(log.requests.some((u) => u.endsWith('/pkg/index.js')), 'the entry was loaded');
  assert.deepEqual(log.requests.filter((u) => u.endsWith('.wasm')), [], 'no element on the page, so no wasm');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('attributes, lmsOptions and listeners set before the code arrives are honoured', async () => {
  const { page, log, prepared: wasm } = await open(holdWasm);
  const { url } = await job();
  await page.evaluate(() => {
    const el = document.createElement('lms-progress');
    el.id = 'late';
    el.setAttribute('url', '/api/v1/progress/999999'); // replaced below, before the code arrives
    document.querySelector('#app').append(el);
  });
  await wasm.requested; // it connected and asked for the code, which is held
  await page.evaluate((url) => {
    const el = document.querySelector('#late');
    el.setAttribute('url', url);
    el.lmsOptions = { label: 'Label from lmsOptions' };
    window.lateEvents = [];
    for (const n of ['lms-complete', 'lms-error']) el.addEventListener(n, (e) => window.lateEvents.push([n, e.detail.error?.kind]));
  }, url);
  assert.equal(await page.evaluate(() => document.querySelector('#late').shadowRoot), null, 'not mounted while the code is held');
  wasm.release();
  await completedBar(page, '#late').waitFor({ timeout: 30000 });
  await page.waitForFunction(() => window.lateEvents.length > 0);
  assert.deepEqual(await page.evaluate(() => window.lateEvents), [['lms-complete', undefined]], 'the listener heard completion, and no 404 for the first url');
  assert.equal(await page.locator('#late progress').getAttribute('aria-label'), 'Label from lmsOptions');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('an element removed before the code arrives is not mounted; connected again, it mounts once', async () => {
  const { page, log, prepared: wasm } = await open(holdWasm);
  const { url } = await job();
  await page.evaluate((url) => {
    const gone = document.createElement('lms-progress');
    gone.id = 'gone';
    gone.setAttribute('url', url);
    document.querySelector('#app').append(gone);
    gone.remove();
    window.gone = gone;
    const back = document.createElement('lms-progress');
    back.id = 'back';
    back.setAttribute('url', url);
    document.querySelector('#app').append(back);
    back.remove();
    document.querySelector('#app').append(back);
  }, url);
  await wasm.requested;
  wasm.release();
  await completedBar(page, '#back').waitFor({ timeout: 30000 });
  assert.equal(await page.evaluate(() => window.gone.shadowRoot), null, 'the removed element stayed empty');
  assert.equal(await page.locator('#back progress').count(), 1, 'mounted once');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a failed download is an lms-error of kind "load"; the next element tries again and mounts', async () => {
  const { page, log } = await open((page) => page.route('**/*.wasm', (route) => route.abort()));
  const { url } = await job();
  const error = await page.evaluate((url) => new Promise((resolve) => {
    const el = document.createElement('lms-progress');
    el.addEventListener('lms-error', (e) => resolve(e.detail.error));
    el.setAttribute('url', url);
    document.querySelector('#app').append(el);
  }), url);
  assert.equal(error.kind, 'load');
  assert.match(error.message, /^Could not load the widget code: /);
  await page.unroute('**/*.wasm');
  await page.evaluate((url) => {
    const el = document.createElement('lms-progress');
    el.id = 'retry';
    el.setAttribute('url', url);
    document.querySelector('#app').append(el);
  }, url);
  await completedBar(page, '#retry').waitFor({ timeout: 30000 });
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('an element in the page before defineElements() is upgraded and mounts with the lmsOptions it had', async () => {
  const { url } = await job();
  // The page's classic script gives #early its url and lmsOptions before the module runs.
  const { page, log } = await site.open(`/elements.html?early=${encodeURIComponent(url)}`);
  await completedBar(page, '#early').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('#early progress').getAttribute('aria-label'), 'Set before the upgrade');
  assert.deepEqual(log.errors, []);
  await page.close();
});
