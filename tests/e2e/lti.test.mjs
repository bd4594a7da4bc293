// End-to-end: the LTI tool page (www/lti.html) inside a Canvas-like host page
// (www/lti-host.html) on another origin, the demo server's second address (issue 10 §4).
// The tool page has no Canvas session: its widgets call the tool's backend under
// /canvas-proxy/, which holds the token. The LTI helper sizes the iframe and has the host
// read out what finished.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { launch, sim, stats, pollUntil, BASE } from './fixtures.mjs';

const HOST = process.env.LMS_LTI_HOST_URL;
const TOOL_ORIGIN = new URL(BASE).origin;
const SHOTS = new URL('../../target/screenshots/', import.meta.url);
const PUT = 'PUT /canvas-proxy/api/v1/courses/1/course_pacing/1';
const CREATE = 'POST /canvas-proxy/api/v1/courses/1/reports/course_pace_docx';

let ctx;
let tool; // the iframe's Frame
const requests = []; // every request the browser made to the tool's origin: { method, path, auth }

const hostHeight = () => ctx.page.evaluate(() => document.querySelector('#tool').getBoundingClientRect().height);
const toolHeight = () => tool.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
const hostAlerts = () => ctx.page.evaluate(() => window.ltiHost.alerts);
const waitForAlert = (text, timeout = 30000) =>
  ctx.page.waitForFunction((t) => window.ltiHost.alerts.includes(t), text, { timeout });
/**
 * Waits until the host has sized the iframe to the tool page's current height (+ its 1px
 * border), and returns both. The tool page may still be growing when a message arrives (the
 * next one follows its debounce), so both sides are read until they agree.
 */
async function synced() {
  const [h, t] = await pollUntil(ctx.page, async () => [await hostHeight(), await toolHeight()], ([h, t]) => Math.round(h) === t + 2,
    ([h, t]) => `the host's iframe (${h}px) never matched the tool page (${t}px + 2)`);
  return { h, t };
}

/** The README's "LTI tool page" code block. */
function readmeSnippet() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('LTI tool page'));
  assert.ok(section, 'README.md has an "LTI tool page" section');
  const js = section.match(/```js\n([\s\S]*?)```/);
  assert.ok(js, 'with a js snippet');
  return js[1];
}

before(async () => {
  assert.ok(HOST, 'LMS_LTI_HOST_URL names the demo server\'s host-page address (cargo xtask test sets it)');
  ctx = await launch();
  // Uncaught errors in every frame, the tool's iframe included.
  await ctx.page.addInitScript(() => {
    window.__errors = [];
    window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  });
  ctx.page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === TOOL_ORIGIN) requests.push({ method: r.method(), path: u.pathname, auth: r.headers().authorization });
  });
  await sim('/sim/reset', {});
  await sim('/sim/pacing/config', { publish_ms: 1500 });
  await sim('/sim/reports/config', { duration_ms: 1500 });
});

after(async () => {
  const frameErrors = [];
  for (const f of ctx.page.frames()) frameErrors.push(...(await f.evaluate(() => window.__errors || []).catch(() => [])));
  assert.deepEqual([...ctx.errors, ...frameErrors], [], 'no uncaught errors in the host page or the tool page');
  await ctx.browser.close();
});

test('the tool page runs the README\'s LTI snippet', () => {
  const page = readFileSync(new URL('../../www/lti.html', import.meta.url), 'utf8');
  const lines = (s) => s.split('\n').map((l) => l.trim()).filter(Boolean);
  const snippet = lines(readmeSnippet());
  const body = lines(page);
  const at = body.indexOf(snippet[0]);
  assert.ok(at >= 0, 'lti.html has the snippet');
  assert.deepEqual(body.slice(at, at + snippet.length), snippet, 'verbatim');
  assert.match(page, /<lms-pace-timeline[^>]* base-url="\/canvas-proxy\/"/);
  assert.match(page, /<lms-report-card[^>]* base-url="\/canvas-proxy\/"/);
});

test('the host page iframes the tool page from another origin, and the iframe takes its height', async () => {
  await ctx.page.goto(HOST);
  assert.match(ctx.page.url(), /\/lti-host\.html\?tool=/);
  assert.notEqual(new URL(ctx.page.url()).origin, TOOL_ORIGIN, 'two origins');
  await ctx.page.waitForFunction(() => window.ltiHost && document.querySelector('#tool').src !== '');
  tool = ctx.page.frames().find((f) => f.url().startsWith(`${TOOL_ORIGIN}/lti.html`));
  assert.ok(tool, 'the tool page is the iframe');
  await tool.locator('#pace tr.lmsw-pace__item').first().waitFor({ timeout: 30000 });
  await tool.locator('#report :text("No report yet.")').waitFor();
  await tool.locator('#assignment lms-progress').waitFor();
  const { h, t } = await synced();
  assert.ok(t > 600, `the tool page is tall with the timeline (${t}px)`);
  assert.equal(Math.round(h), t + 2, 'the host sized the iframe to the content (plus its border)');
  const token = await ctx.page.evaluate(() => window.ltiHost.token);
  const msgs = await ctx.page.evaluate(() => window.ltiHost.messages);
  assert.ok(msgs.length > 0 && msgs.every((m) => m.token === token), 'every message carries the launch token');
});

test('the iframe grows when a widget grows', async () => {
  const { h: before } = await synced();
  const input = tool.locator('#pace tr.lmsw-pace__item').first().locator('input.lmsw-pace__duration');
  await input.fill(String(Number(await input.inputValue()) + 3));
  await tool.locator('#pace .lmsw-pace__changes summary:has-text("1 unpublished change")').click();
  await ctx.page.waitForFunction((b) => document.querySelector('#tool').getBoundingClientRect().height > b, before);
  const { h, t } = await synced();
  assert.ok(h > before, `grew from ${before}px to ${h}px`);
  assert.equal(Math.round(h), t + 2);
});

test('a pace publish goes through the proxy prefix, and its completion is read out by the host', async () => {
  await sim('/sim/stats/reset', {});
  await tool.locator('#pace button:has-text("Publish")').click();
  await tool.locator('#pace .lmsw-pace__changes summary:has-text("0 unpublished changes")').waitFor({ timeout: 30000 });
  await waitForAlert('The course pace is published.');
  const byPath = (await stats()).by_path;
  assert.equal(byPath[PUT], 1, 'the page\'s PUT went to the tool\'s backend');
  assert.equal(byPath['PUT /api/v1/courses/1/course_pacing/1'], 1, 'which sent it on to Canvas');
  assert.ok(Object.keys(byPath).some((p) => /^GET \/canvas-proxy\/api\/v1\/progress\/\d+$/.test(p)),
    `the publish's Progress was followed at /api/v1/progress through the backend: ${Object.keys(byPath)}`);
  mkdirSync(SHOTS, { recursive: true });
  await ctx.page.screenshot({ path: new URL('lti-host.png', SHOTS).pathname, fullPage: true });
});

test('a course report is created and followed through the proxy prefix, and announced', async () => {
  await tool.locator('#report button:has-text("Create report")').click();
  const link = tool.locator('#report a.lmsw-report__download');
  await link.waitFor({ timeout: 30000 });
  await waitForAlert('Course pace report: the report is ready: course_pace_1.docx.');
  assert.match(await link.getAttribute('href'), /^http:\/\/localhost:\d+\/files\/\d+\/download/,
    'the download is on (simulated) Canvas, not on the tool');
  assert.equal((await stats()).by_path[CREATE], 1);
  assert.ok(requests.some((r) => r.method === 'GET' && /^\/canvas-proxy\/api\/v1\/courses\/1\/reports\/course_pace_docx\/\d+$/.test(r.path)),
    'the report was followed through the backend');
});

test('the assignment-linked job uses the LTI progress endpoint through the backend', async () => {
  await waitForAlert('Grading the quiz is complete.');
  assert.ok(requests.some((r) => /^\/canvas-proxy\/api\/lti\/courses\/1\/progress\/\d+$/.test(r.path)));
});

test('the tool page calls Canvas only through the backend, and never holds a token', async () => {
  const api = requests.filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/canvas-proxy/'));
  assert.ok(api.length > 5, `requests: ${JSON.stringify(api)}`);
  assert.deepEqual(api.filter((r) => !r.path.startsWith('/canvas-proxy/api/')), [], 'nothing to /api/ directly');
  assert.deepEqual(api.filter((r) => r.auth), [], 'no Authorization header from the page');
  const alerts = await hostAlerts();
  assert.equal(new Set(alerts).size, alerts.length, `each completion read out once: ${alerts}`);
  assert.ok(!alerts.includes('The job is complete.'), 'a publish is read out as a publish, not also as its Progress');
  const shot = await ctx.browser.newPage({ viewport: { width: 900, height: 700 } });
  await shot.goto(new URL('/lti.html', BASE).href); // outside an iframe the helper does nothing
  await shot.locator('#pace tr.lmsw-pace__item').first().waitFor();
  await shot.screenshot({ path: new URL('lti.png', SHOTS).pathname, fullPage: true });
  await shot.close();
});
