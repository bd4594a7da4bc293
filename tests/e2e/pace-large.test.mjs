// End-to-end: the simulator's 5,000-item pace (issue 13, "edits in one frame"). The modules
// table renders only the rows in its scroll box plus a margin; scrolling, the arrow keys and
// printing bring the others in, and screen readers are told the whole table's size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sim, canvasGet, BASE } from './fixtures.mjs';

let ctx;
let items; // the pace's items in module order, from the simulator
const ITEMS = 5000;

before(async () => {
  ctx = await launch();
  await sim('/sim/reset', {});
  items = (await canvasGet('/api/v1/courses/2/course_pacing/2')).course_pace.modules.flatMap((m) => m.items);
  assert.equal(items.length, ITEMS);
  await ctx.page.goto(new URL('/?jobs=none', BASE).href);
  await ctx.page.waitForFunction(() => customElements.get('lms-pace-timeline'));
  await ctx.page.evaluate(() => {
    const el = document.createElement('lms-pace-timeline');
    el.id = 'big';
    el.setAttribute('course-id', '2');
    el.setAttribute('pace-id', '2');
    el.setAttribute('editable', '');
    document.querySelector('#followed').append(el);
  });
  await ctx.page.locator('#big tr.lmsw-pace__item').first().waitFor({ timeout: 60000 });
});
after(async () => {
  assert.deepEqual(ctx.errors, [], 'no uncaught errors on the page');
  await ctx.browser.close();
});

const itemRows = () => ctx.page.locator('#big tr.lmsw-pace__item').count();
const title = (i) => items[i].assignment_title;
const rowIndices = () => ctx.page.evaluate(() =>
  [...document.getElementById('big').shadowRoot.querySelectorAll('tbody tr[aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex'))));
const scrollTo = (top) => ctx.page.evaluate((top) => { document.getElementById('big').shadowRoot.querySelector('.lmsw-pace__modules').scrollTop = top; }, top);
const focusedLabel = () => ctx.page.evaluate(() => document.getElementById('big').shadowRoot.activeElement?.getAttribute('aria-label'));

test('only the rows in the scroll box and a margin are in the DOM, and screen readers get the whole count', async () => {
  const n = await itemRows();
  assert.ok(n > 5 && n < 100, `${n} item rows rendered`);
  assert.equal(await ctx.page.locator(`#big tr.lmsw-pace__item a:text-is("${title(ITEMS - 1)}")`).count(), 0, 'the last item is not rendered');
  const count = Number(await ctx.page.locator('#big table.lmsw-pace__table').getAttribute('aria-rowcount'));
  // The header row, one heading row per module, every item and the blackout rows.
  assert.ok(count >= 1 + 50 + ITEMS, `aria-rowcount ${count}`);
  const idx = await rowIndices();
  assert.equal(idx[0], 2, 'the first body row follows the header row');
  assert.deepEqual(idx, idx.map((_, k) => idx[0] + k), 'rendered rows carry consecutive indices');
});

test('scrolling renders the rows scrolled to, down to the last one', async () => {
  await scrollTo(1e9);
  await ctx.page.locator(`#big tr.lmsw-pace__item a:text-is("${title(ITEMS - 1)}")`).waitFor();
  const count = Number(await ctx.page.locator('#big table.lmsw-pace__table').getAttribute('aria-rowcount'));
  const idx = await rowIndices();
  assert.equal(idx[idx.length - 1], count, 'the last row rendered is the last row of the table');
  assert.ok((await itemRows()) < 100);
  await scrollTo(0);
  await ctx.page.locator(`#big tr.lmsw-pace__item a:text-is("${title(0)}")`).waitFor();
});

// ArrowUp back across the window's top edge used to lose focus: the keyed list moved the
// focused row in the DOM when rows were prepended (fixed in table.rs `keep_focus`).
test('ArrowDown moves focus past the rows first rendered, and ArrowUp brings it back', async () => {
  const first = await itemRows();
  await ctx.page.locator('#big input.lmsw-pace__duration').first().focus();
  const steps = first + 30; // well past the first window
  for (let k = 0; k < steps; k++) await ctx.page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(), `Duration in days for ${title(steps)}`);
  for (let k = 0; k < steps; k++) {
    await ctx.page.keyboard.press('ArrowUp');
    assert.equal(await focusedLabel(), `Duration in days for ${title(steps - k - 1)}`, `after ${k + 1} ArrowUp`);
  }
});

// Tab walks every stop in order (an item's link and its input; module and blackout rows have
// none), so it reaches the item `first + 10` with focus never leaving the widget, and
// Shift+Tab walks back to the first input the same way.
const focusedInWidget = () => ctx.page.evaluate(() => document.activeElement?.id === 'big');
test('Tab and Shift+Tab move focus through rows past the first window and back', async () => {
  const first = await itemRows();
  const target = `Duration in days for ${title(first + 10)}`;
  await ctx.page.locator('#big input.lmsw-pace__duration').first().focus();
  let presses = 0;
  while ((await focusedLabel()) !== target) {
    await ctx.page.keyboard.press('Tab');
    assert.ok(await focusedInWidget(), `focus left the widget after ${++presses} Tab`);
    assert.ok(presses < 4 * (first + 10), 'Tab did not reach the item');
  }
  const home = `Duration in days for ${title(0)}`;
  while ((await focusedLabel()) !== home) {
    await ctx.page.keyboard.press('Shift+Tab');
    assert.ok(await focusedInWidget(), `focus left the widget after ${presses} Tab and then Shift+Tab`);
    assert.ok(--presses > -2 * (first + 10), 'Shift+Tab did not come back to the first item');
  }
});

test('printing renders every row, and the window comes back afterwards', async () => {
  await ctx.page.emulateMedia({ media: 'print' });
  await ctx.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await ctx.page.waitForFunction((n) => document.getElementById('big').shadowRoot.querySelectorAll('tr.lmsw-pace__item').length === n, ITEMS, { timeout: 60000 });
  await ctx.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await ctx.page.emulateMedia({ media: 'screen' });
  await ctx.page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelectorAll('tr.lmsw-pace__item').length < 100, null, { timeout: 60000 });
});
