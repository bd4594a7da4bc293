// End-to-end accessibility: axe-core (from npm, the root package.json) over the demo page in
// every widget state it shows, inside the widgets' open shadow roots. No serious or critical
// violation is allowed; every violation found is printed by impact for TESTING.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, BASE } from './fixtures.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let ctx;
const found = []; // { state, id, impact, nodes }

before(async () => {
  ctx = await launch();
  await ctx.page.goto(BASE);
  await ctx.page.addScriptTag({ path: AXE });
});
after(async () => {
  const byImpact = {};
  for (const v of found) byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
  console.log(`axe-core violations by impact: ${JSON.stringify(byImpact)}`);
  for (const v of found) console.log(`  [${v.impact}] ${v.id} in "${v.state}": ${v.nodes.join(' | ')}`);
  assert.deepEqual(ctx.errors, [], 'no uncaught errors on the page');
  await ctx.browser.close();
});

/** Runs axe over the whole document (it descends into open shadow roots by itself). */
async function axe(state) {
  const result = await ctx.page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  for (const v of result) found.push({ state, ...v });
  return result;
}

function assertNoSerious(violations, state) {
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${state}: serious or critical accessibility violations`);
}

const page = () => ctx.page;
const inWidget = (sel) => page().locator(sel);

test('axe sees inside the widgets\' shadow roots (a broken button in one is reported)', async () => {
  const bar = inWidget('[data-job=slow] lms-progress');
  await bar.locator('progress').waitFor();
  // A nameless button and a role with a bad state, put into a widget's shadow root for this check only.
  await bar.evaluate((el) => {
    const b = document.createElement('button');
    b.id = 'axe-probe';
    b.setAttribute('aria-pressed', 'sometimes');
    el.shadowRoot.append(b);
  });
  const seen = await page().evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}`));
  });
  await bar.evaluate((el) => el.shadowRoot.getElementById('axe-probe').remove());
  assert.ok(seen.some((s) => s.startsWith('button-name') && s.includes('#axe-probe')), seen.join('\n'));
  assert.ok(seen.some((s) => s.startsWith('aria-valid-attr-value') && s.includes('#axe-probe')), seen.join('\n'));
});

test('loading, running, indeterminate, throttled, idle and faulted states', async () => {
  await page().waitForFunction(() => document.querySelectorAll('#canvas-jobs lms-progress').length === 6
    && document.querySelectorAll('#many lms-progress').length === 50
    && document.querySelectorAll('#report-cards .lmsw-report, #report-cards lms-report-card').length >= 5);
  await inWidget('[data-job=null] progress:not([value])').waitFor();
  await inWidget('[data-job=throttled] [role=alert]').waitFor();
  await inWidget('#pace input.lmsw-pace__duration >> nth=0').waitFor();
  await inWidget('#report-cards lms-report-card >> nth=4').locator('[role=alert]').waitFor();
  assertNoSerious(await axe('jobs running, reports idle/running/failed/bad id, pace loaded'), 'running');
});

test('completed, failed, Cloudreve detail', async () => {
  await inWidget('[data-job=fast] .lmsw-progress--completed').waitFor({ timeout: 20000 });
  await inWidget('[data-job=fail] .lmsw-progress--failed').waitFor({ timeout: 20000 });
  await inWidget('[data-job=cloudreve] .lmsw-progress__detail').first().waitFor({ timeout: 20000 });
  assertNoSerious(await axe('completed, failed, Cloudreve detail'), 'terminal');
});

test('cancel confirmation, then canceled', async () => {
  await inWidget('[data-job=cancel] button:has-text("Cancel")').click();
  await inWidget('[data-job=cancel] button:has-text("Keep running")').waitFor();
  assertNoSerious(await axe('cancel confirmation'), 'confirm');
  await inWidget('[data-job=cancel] button:has-text("Yes, cancel")').click();
  await inWidget('[data-job=cancel] .lmsw-progress--canceled').waitFor();
  assertNoSerious(await axe('canceled'), 'canceled');
});

test('report: a rejected create, and a report followed to its download link', async () => {
  const unknown = inWidget('#report-cards lms-report-card >> nth=3');
  await unknown.locator('.lmsw-report__actions button').click();
  await unknown.locator('[role=alert]').waitFor();
  const fresh = inWidget('#report-cards lms-report-card >> nth=0');
  // "Create report", or "Create new report" when the simulator kept one from an earlier run.
  await fresh.locator('.lmsw-report__actions button', { hasText: /^Create/ }).click();
  await fresh.locator('.lmsw-report--following progress').waitFor();
  assertNoSerious(await axe('report running, report type rejected'), 'report running');
  await fresh.locator('a.lmsw-report__download').waitFor({ timeout: 30000 });
  assertNoSerious(await axe('report complete with a download link'), 'report complete');
});

test('pace: an unpublished edit', async () => {
  const input = inWidget('#pace input.lmsw-pace__duration >> nth=0');
  const before = Number(await input.inputValue());
  await input.fill(String(before + 1));
  await inWidget('#pace').getByText(/1 unpublished change/).waitFor();
  assertNoSerious(await axe('pace with an unpublished edit'), 'pace edited');
});
