// Times <lms-pace-timeline> on the simulator's large course (5,000 items, 200 blackouts) in
// headless Chromium: load and first render, then one duration edit until the last item's
// due date shows the change (every one of the 5,000 dates moves). Anchor in the same page:
// plain JS setting 5,000 table cells' text, the DOM work any implementation must do.
// Needs the demo server: LMS_DEMO_URL (cargo xtask bench starts one). Prints a Markdown table.
import { launch } from '../../tests/e2e/chromium.mjs';

const base = process.env.LMS_DEMO_URL || 'http://127.0.0.1:8787/';
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await fetch(new URL('/sim/reset', base), { method: 'POST', body: '{}' });
  await page.goto(new URL('/?jobs=none', base).href);
  await page.waitForFunction(() => customElements.get('lms-pace-timeline'));
  const t0 = await page.evaluate(() => {
    const el = document.createElement('lms-pace-timeline');
    el.id = 'big'; el.setAttribute('course-id', '2'); el.setAttribute('pace-id', '2'); el.setAttribute('editable', '');
    document.querySelector('#followed').append(el);
    return performance.now();
  });
  await page.locator('#big tr.lmsw-pace__item').nth(4999).waitFor({ state: 'attached', timeout: 120000 });
  const load = (await page.evaluate(() => performance.now())) - t0;
  const edits = [];
  for (let k = 0; k < 16; k++) { // the first is a warm-up
    edits.push(await page.evaluate(async (k) => {
      const root = document.getElementById('big').shadowRoot;
      const input = root.querySelector('input.lmsw-pace__duration');
      const dues = root.querySelectorAll('td.lmsw-pace__due');
      const last = dues[dues.length - 1];
      const before = last.textContent;
      const t = performance.now();
      input.value = String(k % 2 === 0 ? 40 : 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (last.textContent === before && performance.now() - t < 10000) await new Promise((r) => setTimeout(r, 0));
      document.getElementById('big').offsetHeight; // include layout, as the anchor does
      return performance.now() - t;
    }, k));
  }
  const anchor = await page.evaluate(() => {
    const table = document.createElement('table');
    const cells = Array.from({ length: 5000 }, () => table.insertRow().insertCell());
    document.body.append(table);
    const runs = [];
    for (let k = 0; k < 15; k++) {
      const t = performance.now();
      cells.forEach((c, i) => { c.textContent = `Mon, May ${k}, 20${i % 100}`; });
      document.body.offsetHeight; // include layout, as a real update does
      runs.push(performance.now() - t);
    }
    table.remove();
    return runs.sort((a, b) => a - b)[7];
  });
  const sorted = edits.slice(1).sort((a, b) => a - b);
  const edit = sorted[7];
  console.log('| `<lms-pace-timeline>`, 5,000 items (Chromium) | median ms | ratio to the anchor |');
  console.log('|---|---:|---:|');
  console.log(`| anchor: plain JS sets 5,000 cells' text, then layout | ${anchor.toFixed(1)} | 1.00 |`);
  console.log(`| one duration edit until the last due date shows it (all 5,000 move; fastest ${sorted[0].toFixed(0)}, slowest ${sorted[14].toFixed(0)}) | ${edit.toFixed(1)} | ${(edit / anchor).toFixed(2)} |`);
  console.log(`| load from the simulator and first render (once) | ${load.toFixed(0)} | ${(load / anchor).toFixed(1)} |`);
  console.log('\nCommand: `node xtask/bench/timeline.mjs` with the demo server at `LMS_DEMO_URL` (medians of 15 runs after a warm-up edit). Both rows include one forced layout; an edit that spans a rendering frame pays for a second one, which is why the slowest edits are ~3x the fastest.');
} finally {
  await browser.close();
}
