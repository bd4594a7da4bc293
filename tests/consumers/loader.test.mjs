// lms-widgets/loader: the three elements are defined at once, and a widget's own build is
// downloaded only when its first element connects (served from pkg/ by the simulator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainSite, completedBar } from './support.mjs';

const site = plainSite();

const pkgFiles = (log) => log.requests.filter((u) => u.includes('/pkg/')).map((u) => new URL(u).pathname.slice('/pkg/'.length)).sort();

test('a page without a widget downloads only the loader', async () => {
  const { page, log } = await site.open('/loader.html');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await page.evaluate(() => window.lmsDefined), ['lms-progress', 'lms-report-card', 'lms-pace-timeline']);
  assert.deepEqual(pkgFiles(log), ['elements.js', 'loader.js']);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a page with only progress bars downloads the progress-bar build, once, and the bars complete', async () => {
  const { page, log } = await site.open('/loader.html');
  const jobs = [await site.sim('/sim/jobs', { duration_ms: 1000 }), await site.sim('/sim/jobs', { duration_ms: 1200 })];
  await page.evaluate((urls) => {
    for (const url of urls) {
      const el = document.createElement('lms-progress');
      el.setAttribute('url', url);
      document.querySelector('#app').append(el);
    }
  }, jobs.map((j) => j.url));
  await completedBar(page).nth(1).waitFor({ timeout: 30000 });
  await completedBar(page).nth(0).waitFor({ timeout: 30000 });
  const files = pkgFiles(log);
  assert.deepEqual(files.filter((f) => f.startsWith('widgets/') && !f.includes('/snippets/')),
    ['widgets/progress-bar/lms_widgets.js', 'widgets/progress-bar/lms_widgets_bg.wasm'], `only the progress bar's build (${files})`);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('each widget loads its own build', async () => {
  const { page, log } = await site.open('/loader.html');
  await page.evaluate(() => {
    window.paceLoaded = false;
    document.addEventListener('lms-pace-loaded', () => { window.paceLoaded = true; });
    document.querySelector('#app').insertAdjacentHTML('beforeend',
      '<lms-report-card course-id="1"></lms-report-card><lms-pace-timeline course-id="1" pace-id="1"></lms-pace-timeline>');
  });
  await page.locator('lms-report-card button:has-text("Create report")').waitFor({ timeout: 30000 });
  await page.waitForFunction(() => window.paceLoaded, null, { timeout: 30000 });
  await page.locator('lms-pace-timeline').getByText('Module 1:').first().waitFor();
  const wasm = pkgFiles(log).filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasm, ['widgets/pace-timeline/lms_widgets_bg.wasm', 'widgets/report-card/lms_widgets_bg.wasm']);
  assert.deepEqual(log.errors, []);
  await page.close();
});
