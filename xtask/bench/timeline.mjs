// Times <lms-pace-timeline> in headless Chromium on the simulator's large course (5,000 items,
// 200 blackouts), and on its first 1,000 items (the pace answer cut to its first 10 modules
// on the way to the page): first render after the data arrives, then duration edits on the
// first item, which move every due date. An edit is timed from the input event until every
// due date on screen shows the change, plus one forced layout. The table renders only the
// rows in its scroll box plus a margin, so "on screen" is those rows.
// Anchor in the same page: plain JS setting N table cells' text, then layout — what a table
// that renders every row must at least do on such an edit.
// Needs the demo server: LMS_DEMO_URL (cargo xtask bench starts one). Prints a Markdown table.
import { launch } from '../../tests/e2e/chromium.mjs';

const base = process.env.LMS_DEMO_URL || 'http://127.0.0.1:8787/';
const EDITS = 21; // the first is a warm-up
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(browser, items) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    if (items < 5000) {
      const modules = items / 100; // the simulator's large course has 100 items per module
      await page.route('**/api/v1/courses/2/course_pacing/2', async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.course_pace.modules = json.course_pace.modules.slice(0, modules);
        await route.fulfill({ response, json });
      });
    }
    await fetch(new URL('/sim/reset', base), { method: 'POST', body: '{}' });
    await page.goto(new URL('/?jobs=none', base).href);
    await page.waitForFunction(() => customElements.get('lms-pace-timeline'));
    // First render: from the end of the later of the two responses (pace, blackouts) to the
    // first due date in the DOM, laid out.
    const first = await page.evaluate(() => new Promise((resolve) => {
      const el = document.createElement('lms-pace-timeline');
      el.id = 'big'; el.setAttribute('course-id', '2'); el.setAttribute('pace-id', '2'); el.setAttribute('editable', '');
      document.querySelector('#followed').append(el);
      const done = () => {
        const due = el.shadowRoot?.querySelector('td.lmsw-pace__due');
        if (!due || due.textContent === '' || due.textContent === '—') return false;
        el.offsetHeight;
        const at = performance.now();
        const data = performance.getEntriesByType('resource')
          .filter((e) => /\/courses\/2\/(course_pacing\/2|blackout_dates)/.test(e.name))
          .map((e) => e.responseEnd);
        resolve({ afterData: at - Math.max(...data), rows: el.shadowRoot.querySelectorAll('tr.lmsw-pace__item').length });
        return true;
      };
      const watch = () => {
        if (!el.shadowRoot) return requestAnimationFrame(watch);
        const mo = new MutationObserver(() => { if (done()) mo.disconnect(); });
        mo.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
      };
      watch();
    }));
    const edits = [];
    for (let k = 0; k < EDITS; k++) {
      edits.push(await page.evaluate((k) => new Promise((resolve) => {
        const root = document.getElementById('big').shadowRoot;
        const input = root.querySelector('input.lmsw-pace__duration');
        const dues = [...root.querySelectorAll('td.lmsw-pace__due')];
        const before = dues.map((d) => d.textContent);
        const t = performance.now();
        const mo = new MutationObserver(() => {
          if (!dues.every((d, i) => d.textContent !== before[i])) return;
          mo.disconnect();
          document.getElementById('big').offsetHeight; // include layout, as the anchor does
          const updated = performance.now() - t;
          requestAnimationFrame(() => resolve({ updated, frame: performance.now() - t, shown: dues.length }));
        });
        mo.observe(root.querySelector('tbody'), { subtree: true, childList: true, characterData: true });
        input.value = String(k % 2 === 0 ? 40 : 1);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }), k));
    }
    const anchor = await page.evaluate((n) => {
      const table = document.createElement('table');
      const cells = Array.from({ length: n }, () => table.insertRow().insertCell());
      document.body.append(table);
      const runs = [];
      for (let k = 0; k < 21; k++) {
        const t = performance.now();
        cells.forEach((c, i) => { c.textContent = `Mon, May ${k}, 20${i % 100}`; });
        document.body.offsetHeight; // include layout, as a real update does
        runs.push(performance.now() - t);
      }
      table.remove();
      return runs.sort((a, b) => a - b)[10];
    }, items);
    const timed = edits.slice(1);
    return {
      items, anchor, first,
      updated: median(timed.map((e) => e.updated)),
      fastest: Math.min(...timed.map((e) => e.updated)),
      slowest: Math.max(...timed.map((e) => e.updated)),
      frame: median(timed.map((e) => e.frame)),
      shown: timed[0].shown,
    };
  } finally {
    await page.close();
  }
}

const browser = await launch();
try {
  const results = [];
  for (const n of [1000, 5000]) results.push(await measure(browser, n));
  console.log('| `<lms-pace-timeline>` (Chromium) | 1,000 items, median ms | ratio to the anchor | 5,000 items, median ms | ratio to the anchor |');
  console.log('|---|---:|---:|---:|---:|');
  const row = (label, f, digits = 1) => console.log(`| ${label} | ${results.map((r) => `${f(r).toFixed(digits)} | ${(f(r) / r.anchor).toFixed(2)}`).join(' | ')} |`);
  row('anchor: plain JS sets every item\'s cell text (1,000 or 5,000), then layout', (r) => r.anchor);
  row('one duration edit until every due date on screen shows it, then layout (target ≤ 16)', (r) => r.updated);
  row('the same edit until the next animation frame starts', (r) => r.frame);
  row('first render: last response end → first due date in the DOM, laid out (target ≤ 150)', (r) => r.first.afterData);
  console.log('');
  for (const r of results) {
    console.log(`- ${r.items.toLocaleString('en')} items: ${r.shown} item rows in the DOM (the scroll box plus a margin); every edit moves all ${r.items.toLocaleString('en')} due dates; edits fastest ${r.fastest.toFixed(1)}, slowest ${r.slowest.toFixed(1)} ms.`);
  }
  console.log(`\nCommand: \`node xtask/bench/timeline.mjs\` with the demo server at \`LMS_DEMO_URL\` (medians of ${EDITS - 1} edits after a warm-up; the 1,000-item pace is the 5,000-item one cut to its first 10 modules in transit). Chromium coarsens its timer to 0.1 ms without cross-origin isolation.`);
} finally {
  await browser.close();
}
