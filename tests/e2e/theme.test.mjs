// End-to-end: the Canvas Theme-Editor stub, read from README.md, on a Canvas-like course page
// (www/canvas-theme.html: ENV with string ids, the _csrf_token cookie, a React region that
// mounts late), loaded as Canvas loads theme JS (a classic deferred script), against the
// simulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { launch as launchChromium } from './chromium.mjs';
import { BASE, sim, createJob } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url);

/** The first js block of README.md's "Canvas Theme Editor" section: what admins paste. */
function readmeStub() {
  const text = readFileSync(new URL('README.md', ROOT), 'utf8');
  const start = text.indexOf('\n## Canvas Theme Editor\n');
  if (start < 0) throw new Error('README.md has no "## Canvas Theme Editor" section');
  const end = text.indexOf('\n## ', start + 1);
  const block = /^```js\n([\s\S]*?)^```$/m.exec(text.slice(start, end < 0 ? undefined : end));
  if (!block) throw new Error('README.md\'s Canvas Theme Editor section has no js block');
  return block[1];
}

/** README's stub with an admin's BUNDLE and CONFIG filled in, as they would edit it. */
function stubWith(bundle, config) {
  const stub = readmeStub();
  const out = stub
    .replace(/^( {2}var BUNDLE = ).*$/m, `$1${JSON.stringify(bundle)};`)
    .replace(/^ {2}var CONFIG = [\s\S]*?^ {2}\};$/m, `  var CONFIG = ${JSON.stringify(config)};`);
  if (!out.includes(JSON.stringify(bundle)) || !out.includes(JSON.stringify(config))) throw new Error('the README stub lost its BUNDLE or CONFIG line');
  return out;
}

const PAGE = new URL('/canvas-theme.html', BASE).href;
// The card's button says "Create report", or "Create new report" once the course has one.
const REPORT_RULE = { path: '/canvas-theme\\.html$', selector: '#course_pacing_root .pace-header', widget: 'lms-report-card', position: 'after', options: { label: 'Course pace report' } };

let browser;
before(async () => {
  browser = await launchChromium();
  await sim('/sim/reset', {});
});
after(async () => {
  await browser?.close();
});

/**
 * A fresh page (its own cookies) whose theme JS is `stub`, recording uncaught errors, console
 * lines, requests and each `/pkg/` file fetched. `extraStubs` are more theme files (a
 * sub-account's), each added after the first as Canvas adds one per account level.
 */
async function openCanvasPage(stub, { extraStubs = [], query = '' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const log = { errors: [], console: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  /** Resolves with the first console line matching `pred`, logged already or to come. */
  log.waitForConsole = (pred, timeout = 15000) => new Promise((resolve, reject) => {
    const seen = log.console.find(pred);
    if (seen) return resolve(seen);
    const on = (m) => {
      const line = { type: m.type(), text: m.text() };
      if (!pred(line)) return;
      page.off('console', on);
      clearTimeout(timer);
      resolve(line);
    };
    const timer = setTimeout(() => {
      page.off('console', on);
      reject(new Error(`no such console line within ${timeout} ms: ${JSON.stringify(log.console)}`));
    }, timeout);
    page.on('console', on);
  });
  page.on('request', (r) => log.requests.push(r));
  const js = { contentType: 'text/javascript; charset=utf-8' };
  await page.route('**/canvas-theme-upload.js', (route) => route.fulfill({ ...js, body: stub }));
  for (const [i, s] of extraStubs.entries()) await page.route(`**/canvas-theme-sub-${i}.js`, (route) => route.fulfill({ ...js, body: s }));
  if (extraStubs.length) {
    await page.route('**/canvas-theme.html*', async (route) => {
      const response = await route.fetch();
      const tags = extraStubs.map((_, i) => `<script src="/canvas-theme-sub-${i}.js" defer></script>`).join('');
      const body = (await response.text()).replace('<script src="/canvas-theme-upload.js" defer></script>', (t) => t + tags);
      await route.fulfill({ response, body });
    });
  }
  await page.goto(`${PAGE}${query}`);
  return { page, log };
}

const pkgFiles = (log) => log.requests.map((r) => new URL(r.url())).filter((u) => u.origin === new URL(BASE).origin && u.pathname.startsWith('/pkg/')).map((u) => u.pathname.slice(5));
const ours = (log) => log.console.filter((m) => m.text.startsWith('lms-widgets'));
/** Resolves once the bundle's runtime has taken the stubs' queue over. */
const started = (page) => page.waitForFunction(() => Array.isArray(window.__lmsWidgetsTheme) && window.__lmsWidgetsTheme.push !== Array.prototype.push);

test('the README stub mounts a report card in the late React region, with the course and locale from ENV; its POST carries the CSRF token', async () => {
  await sim('/sim/reports/config', { duration_ms: 1200 });
  const { page, log } = await openCanvasPage(stubWith('/pkg/theme.js', { rules: [REPORT_RULE] }), { query: '?mount=manual' });
  await started(page);
  // Before the region exists: nothing mounted, no widget code fetched.
  assert.equal(await page.locator('lms-report-card').count(), 0);
  assert.deepEqual(pkgFiles(log), ['theme.js'], 'a page without its widget yet has fetched only the bundle');

  await page.evaluate(() => window.mountCoursePacing()); // React mounts, later than the theme JS
  const card = page.locator('#course_pacing_root .pace-header + lms-report-card');
  await card.locator('button:has-text("Create report")').waitFor({ timeout: 30000 });
  assert.deepEqual(await card.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))), {
    'data-lms-theme': 'lms-report-card after #course_pacing_root .pace-header',
    'course-id': '1', // ENV.context_asset_string; this page's path names no course
    locale: 'en-GB', // ENV.LOCALES[0]
    'time-zone': 'Europe/London', // ENV.TIMEZONE
    label: 'Course pace report',
  });
  assert.deepEqual(pkgFiles(log).filter((f) => f.endsWith('.wasm')), ['widgets/report-card/lms_widgets_bg.wasm'], 'only the report card\'s build');

  const post = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/courses/1/reports/course_pace_docx'));
  await card.locator('button:has-text("Create report")').click();
  const cookie = (await page.context().cookies()).find((c) => c.name === '_csrf_token');
  assert.ok(cookie, 'the demo server set Canvas\'s _csrf_token cookie');
  const headers = (await post).headers();
  assert.equal(headers['x-csrf-token'], decodeURIComponent(cookie.value), 'X-CSRF-Token is the URL-decoded cookie');
  assert.equal(headers.authorization, undefined, 'the session cookie, no token');
  await card.locator('a.lmsw-report__download').waitFor({ timeout: 30000 });

  assert.deepEqual(log.errors, [], 'no uncaught errors');
  assert.deepEqual(ours(log), [], 'nothing to say');
  await page.close();
});

test('with the bundle\'s host down the page works as before: one warning, no uncaught error, no retry', async () => {
  const closed = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const bundle = `http://127.0.0.1:${closed}/lms-widgets/theme.js`;
  const { page, log } = await openCanvasPage(stubWith(bundle, { rules: [REPORT_RULE] }));
  await page.locator('#course_pacing_root .pace-header').waitFor(); // the page's own late region mounts
  await page.waitForFunction(() => document.readyState === 'complete');
  await log.waitForConsole((m) => m.text.startsWith('lms-widgets'));
  assert.equal(ours(log).length, 1, JSON.stringify(ours(log)));
  assert.equal(ours(log)[0].type, 'warning');
  assert.match(ours(log)[0].text, new RegExp(`^lms-widgets: no widgets on this page \\(${bundle.replace(/[.]/g, '\\.')}: `));
  assert.equal(log.requests.filter((r) => r.url().startsWith(`http://127.0.0.1:${closed}/`)).length, 1, 'one attempt');
  assert.equal(await page.locator('lms-report-card').count(), 0);
  assert.deepEqual(log.errors, [], 'no uncaught errors');
  await page.close();
});

test('root and sub-account stubs: the bundle loads once, a rule given twice mounts once, both levels\' rules apply', async () => {
  const { url } = await createJob({ kind: 'canvas', duration_ms: 1500, curve: 'linear' });
  const progressRule = { path: '/canvas-theme\\.html$', selector: '#course_pacing_root .pace-header', widget: 'lms-progress', options: { url, label: 'Sub-account job' } };
  const root = stubWith('/pkg/theme.js', { rules: [REPORT_RULE] });
  const sub = stubWith('/pkg/theme.js', { rules: [REPORT_RULE, progressRule] });
  const { page, log } = await openCanvasPage(root, { extraStubs: [sub, root] });
  await page.locator('#course_pacing_root lms-progress progress[aria-valuetext="100 percent, completed"]').waitFor({ timeout: 30000 });
  await page.locator('#course_pacing_root lms-report-card button:has-text("Create")').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('lms-report-card').count(), 1, 'the report rule, given three times, mounted once');
  assert.equal(await page.locator('lms-progress').count(), 1);
  assert.equal(pkgFiles(log).filter((f) => f === 'theme.js').length, 1, 'one import of the bundle');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(ours(log), []);
  await page.close();
});

test('a bad rule is one console message naming the field; the good rule still mounts', async () => {
  const bad = { ...REPORT_RULE, widget: 'lms-gradebook' };
  const { page, log } = await openCanvasPage(stubWith('/pkg/theme.js', { rules: [bad, REPORT_RULE], timeoutMs: 'soon' }));
  await page.locator('#course_pacing_root lms-report-card button:has-text("Create")').waitFor({ timeout: 30000 });
  assert.equal(ours(log).length, 1, JSON.stringify(ours(log)));
  assert.equal(ours(log)[0].type, 'error');
  assert.match(ours(log)[0].text, /timeoutMs must be a number of milliseconds/);
  assert.match(ours(log)[0].text, /rules\[0\]\.widget must be one of lms-progress, lms-report-card, lms-pace-timeline, not "lms-gradebook"/);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('wasmUrl in the config says where the .wasm files are', async () => {
  const wasmUrl = '/pkg/widgets/{widget}/lms_widgets_bg.wasm?from=wasmUrl';
  const { page, log } = await openCanvasPage(stubWith('/pkg/theme.js', { rules: [REPORT_RULE], wasmUrl }));
  await page.locator('#course_pacing_root lms-report-card button:has-text("Create")').waitFor({ timeout: 30000 });
  const wasm = log.requests.map((r) => r.url()).filter((u) => u.includes('.wasm'));
  assert.deepEqual(wasm.map((u) => new URL(u).pathname + new URL(u).search), ['/pkg/widgets/report-card/lms_widgets_bg.wasm?from=wasmUrl']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(ours(log), []);
  await page.close();
});

test('the single-file drop-in (pkg/theme-single.js, its CONFIG edited) mounts a report card without fetching any other file', async () => {
  const single = readFileSync(new URL('pkg/theme-single.js', ROOT), 'utf8');
  const edited = single.replace(/^ {2}var CONFIG = [\s\S]*?^ {2}\};$/m, `  var CONFIG = ${JSON.stringify({ rules: [REPORT_RULE] })};`);
  assert.notEqual(edited, single, 'theme-single.js starts with its CONFIG block');
  const { page, log } = await openCanvasPage(edited);
  await page.locator('#course_pacing_root lms-report-card button:has-text("Create")').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('lms-report-card').getAttribute('course-id'), '1');
  assert.deepEqual(pkgFiles(log), [], 'everything was in the one file');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(ours(log), []);
  await page.close();
});

test('the demo page as shipped (www/canvas-theme-upload.js) shows the report card and an editable pace timeline', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(PAGE);
  await page.locator('#course_pacing_root lms-report-card button:has-text("Create")').waitFor({ timeout: 30000 });
  await page.locator('#course_pacing_root lms-pace-timeline tr.lmsw-pace__item').first().waitFor({ timeout: 60000 });
  assert.equal(await page.locator('#course_pacing_root lms-pace-timeline').getAttribute('course-id'), '1');
  mkdirSync(new URL('target/theme/', ROOT), { recursive: true });
  await page.screenshot({ path: new URL('target/theme/canvas-theme.png', ROOT).pathname });
  assert.deepEqual(errors, []);
  await page.close();
});
