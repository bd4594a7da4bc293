// End-to-end: a teacher edits, publishes and recovers a course pace in <lms-pace-timeline>
// against the simulator's seeded course (issue 6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sim, stats, BASE } from './fixtures.mjs';

let ctx;
const PUT = 'PUT /api/v1/courses/1/course_pacing/1';
const row = (n) => ctx.page.locator('#pace tr.lmsw-pace__item').nth(n);
const dueOf = (n) => row(n).locator('td.lmsw-pace__due').textContent();
const input = (n) => row(n).locator('input.lmsw-pace__duration');

async function openPace() {
  await ctx.page.goto(new URL('/?jobs=none', BASE).href);
  await ctx.page.locator('#pace tr.lmsw-pace__item').first().waitFor();
}

before(async () => {
  ctx = await launch();
  await sim('/sim/reset', {});
  await sim('/sim/pacing/config', { publish_ms: 1500 });
});
after(async () => {
  assert.deepEqual(ctx.errors, [], 'no uncaught errors on the page');
  await ctx.browser.close();
});

test('the seeded course shows stats, compression, blackout rows and the axis', async () => {
  await openPace();
  const stats = await ctx.page.locator('#pace .lmsw-pace__stats').textContent();
  assert.match(stats, /Start date.*Tue, Sep 1, 2026/);
  assert.match(stats, /Required end date/);
  assert.match(stats, /Assignments40/);
  assert.match(await ctx.page.locator('#pace .lmsw-pace__note').textContent(), /compressed to fit the end date/);
  assert.equal(await ctx.page.locator('#pace tr.lmsw-pace__blackout').count(), 2);
  assert.match(await ctx.page.locator('#pace tr.lmsw-pace__blackout').first().textContent(), /Labor Day/);
  assert.equal(await ctx.page.locator('#pace svg rect.lmsw-axis__bar').count(), 40);
});

test('changing a duration moves the dates at once and counts as unpublished', async () => {
  await openPace();
  await ctx.page.locator('#pace input[type=date]').fill('2027-06-30'); // no compression: durations show directly
  await ctx.page.locator('#pace input[type=date]').dispatchEvent('change');
  const before = await dueOf(1);
  await input(0).fill('10');
  await ctx.page.waitForFunction(([b]) => document.querySelector('#pace').shadowRoot.querySelectorAll('tr.lmsw-pace__item td.lmsw-pace__due')[1].textContent !== b, [before]);
  assert.match(await ctx.page.locator('#pace .lmsw-pace__changes summary').textContent(), /2 unpublished changes/);
  await input(0).fill('2.5');
  await ctx.page.locator('#pace [role=alert]:has-text("not a whole number of days")').waitFor();
  assert.equal(await input(0).getAttribute('aria-invalid'), 'true');
  await input(0).fill('10');
  assert.equal(await input(0).getAttribute('aria-invalid'), 'false');
  await input(0).press('ArrowDown');
  assert.equal(await ctx.page.evaluate(() => document.querySelector('#pace').shadowRoot.activeElement?.getAttribute('aria-label')),
    await input(1).getAttribute('aria-label'), 'ArrowDown moves to the next duration');
});

test('unsaved edits survive a reload and can be restored', async () => {
  await openPace(); // the previous test left a draft in localStorage
  await ctx.page.locator('#pace button:has-text("Restore them")').click();
  assert.equal(await input(0).inputValue(), '10');
  assert.match(await ctx.page.locator('#pace .lmsw-pace__changes summary').textContent(), /2 unpublished changes/);
});

test('a throttled publish keeps the edits and says why', async () => {
  await sim('/sim/faults', { throttle: '403', times: 1, path_prefix: '/api/v1/courses/1/course_pacing/1' });
  await ctx.page.locator('#pace button:has-text("Publish")').click();
  await ctx.page.locator('#pace [role=alert]:has-text("Your changes are kept")').waitFor();
  assert.equal(await input(0).inputValue(), '10');
  await fetch(new URL('/sim/faults', BASE), { method: 'DELETE' });
});

test('publish sends one request on a double click, follows the progress, then reloads the pace', async () => {
  await sim('/sim/stats/reset', {});
  await ctx.page.locator('#pace button:has-text("Publish")').dblclick();
  await ctx.page.locator('#pace .lmsw-progress').waitFor();
  await ctx.page.locator('#pace .lmsw-pace__changes summary:has-text("0 unpublished changes")').waitFor({ timeout: 20000 });
  assert.equal((await stats()).by_path[PUT], 1, 'one PUT');
  assert.equal(await input(0).inputValue(), '10', 'the reloaded pace has the published duration');
  await openPace();
  assert.equal(await input(0).inputValue(), '10', 'still there after a reload');
  assert.equal(await ctx.page.locator('#pace button:has-text("Restore them")').count(), 0, 'no stale draft is offered');
});
