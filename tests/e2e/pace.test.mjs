// End-to-end: a teacher edits, publishes and recovers a course pace in <lms-pace-timeline>
// against the simulator's seeded course (issue 6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sim, stats, canvasGet, BASE } from './fixtures.mjs';

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
  // One bar path with a rectangle per item.
  const d = await ctx.page.locator('#pace svg path.lmsw-axis__bar').getAttribute('d');
  assert.equal(d.match(/M/g).length, 40);
});

test('hovering a row of the axis names its item', async () => {
  await openPace();
  const svg = ctx.page.locator('#pace .lmsw-pace__axis svg');
  const box = await svg.boundingBox();
  const names = (await canvasGet('/api/v1/courses/1/course_pacing/1')).course_pace.modules.flatMap((m) => m.items).map((i) => i.assignment_title);
  // Rows are 10 px from y = 22 (axis.rs): the middle of row 3.
  await ctx.page.mouse.move(box.x + 40, box.y + 22 + 3 * 10 + 5);
  await ctx.page.waitForFunction((want) => document.querySelector('#pace').shadowRoot.querySelector('.lmsw-pace__axis svg > title').textContent === want, names[3]);
  await ctx.page.mouse.move(0, 0);
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

// Issue 12 §1 "lost updates between teachers": two teachers (two browser profiles) open the
// same pace; the first publishes; the second's publish shows what the first changed, and
// "Publish mine over theirs" sends only the second's change, so both survive.
test('a second teacher is shown the first one\'s publish and both changes survive', async () => {
  await sim('/sim/reset', {});
  await sim('/sim/pacing/config', { publish_ms: 300 });
  await sim('/sim/stats/reset', {});
  const open = async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => ctx.errors.push(String(e)));
    await page.goto(new URL('/?jobs=none', BASE).href);
    await page.locator('#pace tr.lmsw-pace__item').first().waitFor();
    return { context, page, input: (n) => page.locator('#pace tr.lmsw-pace__item').nth(n).locator('input.lmsw-pace__duration') };
  };
  const a = await open();
  const b = await open();
  const before = await canvasGet('/api/v1/courses/1/course_pacing/1');
  const items = before.course_pace.modules.flatMap((m) => m.items);
  const first = String(items[0].duration + 3);
  const second = String(items[1].duration + 4);

  await a.input(0).fill(first);
  await a.page.locator('#pace button:has-text("Publish")').click();
  await a.page.locator('#pace .lmsw-pace__changes summary:has-text("0 unpublished changes")').waitFor({ timeout: 20000 });

  await b.input(1).fill(second);
  await b.page.locator('#pace button:has-text("Publish")').click();
  const dialog = b.page.locator('#pace [role=alertdialog]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`${items[0].duration} → ${first} days`), 'their change is listed');
  assert.equal((await stats()).by_path[PUT], 1, 'the second teacher sent nothing yet');
  if (process.env.LMS_SHOTS) await b.page.locator('#pace').screenshot({ path: `${process.env.LMS_SHOTS}/pace-conflict.png` });

  await dialog.locator('button:has-text("Publish mine over theirs")').click();
  await b.page.locator('#pace .lmsw-pace__changes summary:has-text("0 unpublished changes")').waitFor({ timeout: 20000 });
  const after = (await canvasGet('/api/v1/courses/1/course_pacing/1')).course_pace.modules.flatMap((m) => m.items);
  assert.equal(String(after[0].duration), first, 'the first teacher\'s change survived');
  assert.equal(String(after[1].duration), second, 'the second teacher\'s change is published');
  assert.equal(await b.input(0).inputValue(), first, 'the second page now shows both');
  if (process.env.LMS_SHOTS) await b.page.locator('#pace').screenshot({ path: `${process.env.LMS_SHOTS}/pace-timeline.png` });
  await a.context.close();
  await b.context.close();
});
