// End-to-end: <lms-report-card> against the simulator's Canvas course-report endpoints
// (issue 4): create a report, follow it to the end, download the file through the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, sim, stats, openBlank } from './fixtures.mjs';

let ctx;

/** Adds a report card to the page and records its lms-report-* events. */
async function addCard(attrs) {
  return ctx.page.evaluate((attrs) => {
    const el = document.createElement('lms-report-card');
    el.id = `card-${Math.random().toString(36).slice(2)}`;
    el.lmsEvents = [];
    for (const n of ['lms-report-started', 'lms-report-progress', 'lms-report-complete', 'lms-error']) {
      el.addEventListener(n, (e) => el.lmsEvents.push({ name: n, detail: JSON.parse(JSON.stringify(e.detail)) }));
    }
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector('#followed').append(el);
    return el.id;
  }, attrs);
}

const eventsOf = (id) => ctx.page.evaluate((id) => document.getElementById(id).lmsEvents, id);

before(async () => {
  ctx = await launch();
  await sim('/sim/reset', {});
  await openBlank(ctx.page);
});
after(async () => {
  assert.deepEqual(ctx.errors, [], 'no uncaught errors on the page');
  await ctx.browser.close();
});

test('create a report with one request on a double click, follow it, download the file', async () => {
  await sim('/sim/reports/config', { duration_ms: 1500 });
  await sim('/sim/stats/reset', {});
  const id = await addCard({ 'course-id': '8801', 'section-ids': '3, 4' });
  await ctx.page.locator(`#${id} :text("No report yet.")`).waitFor(); // "last" answered 500
  await ctx.page.locator(`#${id} button:has-text("Create report")`).dblclick();
  const link = ctx.page.locator(`#${id} a.lmsw-report__download`);
  await link.waitFor({ timeout: 20000 });

  const byPath = (await stats()).by_path;
  assert.equal(byPath['POST /api/v1/courses/8801/reports/course_pace_docx'], 1, 'one POST for a double click');
  // Canvas's "Status of last report" route is GET …/reports/:report_type (no /last).
  assert.equal(byPath['GET /api/v1/courses/8801/reports/course_pace_docx'], 1, 'looked for the last report once');

  const events = (await eventsOf(id)).filter((e) => e.name !== 'lms-report-progress');
  assert.deepEqual(events.map((e) => e.name), ['lms-report-started', 'lms-report-complete'], 'no lms-error');
  assert.equal(events[0].detail.resumed, false);
  const done = events[1].detail;
  assert.equal(done.status, 'complete');
  assert.match(done.fileUrl, /^http:\/\/127\.0\.0\.1:\d+\/files\/\d+\/download/);
  assert.equal(await link.getAttribute('href'), done.fileUrl);
  assert.match(await ctx.page.locator(`#${id} .lmsw-report__file`).textContent(), /course_pace_8801\.docx/);

  const [download] = await Promise.all([ctx.page.waitForEvent('download'), link.click()]);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the file is a .docx (a zip)');
  assert.ok(bytes.length > 500, `a real document, not an error page (${bytes.length} bytes)`);
});

test('a report that ended in error says so, and "Try again" creates a new one that completes', async () => {
  await sim('/sim/reports/seed', { course_id: 8802, status: 'error' });
  await sim('/sim/reports/config', { duration_ms: 1000 });
  const id = await addCard({ 'course-id': '8802' });
  await ctx.page.locator(`#${id} [role=alert]`).waitFor();
  await ctx.page.locator(`#${id} button:has-text("Try again")`).click();
  await ctx.page.locator(`#${id} a.lmsw-report__download`).waitFor({ timeout: 20000 });
  const names = (await eventsOf(id)).map((e) => e.name);
  assert.ok(names.includes('lms-report-complete'), `events: ${names}`);
});

test('a running report is resumed, not created again', async () => {
  await sim('/sim/stats/reset', {});
  await sim('/sim/reports/seed', { course_id: 8803, status: 'running', duration_ms: 1500, progress: 40 });
  const id = await addCard({ 'course-id': '8803' });
  await ctx.page.locator(`#${id} a.lmsw-report__download`).waitFor({ timeout: 20000 });
  const events = await eventsOf(id);
  assert.equal(events[0].name, 'lms-report-started');
  assert.equal(events[0].detail.resumed, true);
  assert.equal((await stats()).by_path['POST /api/v1/courses/8803/reports/course_pace_docx'], undefined, 'no POST');
});

test('an unknown report type gets a plain sentence from the 400', async () => {
  const id = await addCard({ 'course-id': '8804', 'report-type': 'grade_export' });
  await ctx.page.locator(`#${id} button:has-text("Create report")`).click();
  const alert = ctx.page.locator(`#${id} [role=alert]`);
  await alert.waitFor();
  assert.match(await alert.textContent(), /Canvas has no course report called “grade_export”/);
});
