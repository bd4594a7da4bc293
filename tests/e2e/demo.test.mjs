// End-to-end: the demo page shows every case, and a screenshot is saved for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, BASE } from './fixtures.mjs';

test('the demo page renders every scripted case and the shared-URL counter', async () => {
  const { browser, page, errors } = await launch();
  try {
    await page.goto(BASE);
    await page.waitForFunction(() => document.querySelectorAll('#canvas-jobs lms-progress').length === 6
      && document.querySelectorAll('#many lms-progress').length === 50
      && document.querySelectorAll('#cloudreve-jobs lms-progress').length === 1);
    await page.locator('[data-job=fail] .lmsw-progress--failed').waitFor({ timeout: 20000 });
    await page.locator('[data-job=fast] .lmsw-progress--completed').waitFor({ timeout: 20000 });
    await page.locator('[data-job=cloudreve] .lmsw-progress__detail').first().waitFor({ timeout: 20000 });
    await page.waitForFunction(() => Number(document.querySelector('#shared-requests').textContent) > 0);
    const shared = Number(await page.locator('#shared-requests').textContent());
    assert.ok(shared > 0 && shared < 20, `50 bars made ${shared} requests`);
    mkdirSync('target/screenshots', { recursive: true });
    await page.screenshot({ path: 'target/screenshots/demo.png', fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
