// End-to-end: every widget works on a page with a strict Content-Security-Policy, and again
// with Trusted Types required (issue 12 §2). The demo server serves www/csp.html at both
// paths with the two headers (sim/src/statics.rs). The browser must report no violation:
// `securitypolicyviolation` events are collected from before the page's first script, and
// console errors are collected too. Each page ends with a deliberate violation, which the
// collector must see, so an empty list means something.
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch as launchChromium } from './chromium.mjs';
import { sim, BASE, pollUntil } from './fixtures.mjs';

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
let browser;
before(async () => { browser = await launchChromium(); });
// Each page starts from a course with no report yet (the card offers "Create report").
beforeEach(async () => {
  await sim('/sim/reset', {});
  await sim('/sim/reports/config', { duration_ms: 500 });
  await sim('/sim/pacing/config', { publish_ms: 500 });
});
after(() => browser.close());

function collectViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
  });
}

// Under Trusted Types, Leptos's fully static view parts (`<dt>"Start date"</dt>`) still go
// through `innerHTML` on a `<template>` (tachys `create_element_from_html`); the package's
// glue passes that one sink through its own policy, `lms-widgets` (xtask/src/dist.rs
// `trusted_html`). Before that patch this test failed: the TypeError trapped the wasm.
const TT = `${STRICT}; require-trusted-types-for 'script'`;
for (const [path, policy, control] of [
  ['/csp.html', STRICT, 'style-src-attr'],
  ['/csp-trusted-types.html', TT, 'require-trusted-types-for'],
  ['/csp-trusted-types-allowlist.html', `${TT}; trusted-types lms-widgets`, 'require-trusted-types-for'],
]) {
  test(`every widget works under ${path} with no CSP violation`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Chromium reports every blocked action in the console too ("… violates the following
    // Content Security Policy directive …", "This document requires 'TrustedHTML' …").
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Trusted/i.test(m.text())) errors.push(m.text()); });
    await page.addInitScript(collectViolations);
    const res = await page.goto(new URL(path, BASE).href);
    assert.equal(res.headers()['content-security-policy'], policy);

    // Progress: the job runs to completion.
    await page.locator('#bar .lmsw-progress__status:has-text("Completed")').waitFor({ timeout: 20000 });
    // Report card: create a report and follow it to its download link.
    await page.locator('#card button:has-text("Create report")').click();
    await page.locator('#card a.lmsw-report__download').waitFor({ timeout: 20000 });
    // Pace timeline: loaded (its stylesheet applied: the axis bars have a size), edited, published.
    const input = page.locator('#pace input.lmsw-pace__duration').first();
    await input.waitFor();
    const styled = await page.evaluate(() => {
      const root = document.querySelector('#pace').shadowRoot;
      return { sheets: root.adoptedStyleSheets.length, display: getComputedStyle(root.querySelector('.lmsw-pace')).display };
    });
    assert.ok(styled.sheets > 0, 'the widget stylesheet is adopted');
    const value = String(Number(await input.inputValue()) + 1);
    await input.fill(value);
    await page.locator('#pace button:has-text("Publish")').click();
    await page.locator('#pace .lmsw-pace__changes summary:has-text("0 unpublished changes")').waitFor({ timeout: 20000 });
    assert.equal(await input.inputValue(), value);
    if (process.env.LMS_SHOTS) await page.screenshot({ path: `${process.env.LMS_SHOTS}/${path.slice(1).replace(".html", ".png")}`, fullPage: true });

    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    assert.deepEqual(errors, [], 'no CSP console error, no uncaught error');

    // The control: a violation the page makes on purpose is seen.
    await page.evaluate((trusted) => {
      const d = document.createElement('div');
      try {
        if (trusted) d.innerHTML = '<b>x</b>';
        else d.setAttribute('style', 'color: red');
      } catch { /* Trusted Types throws as well as reporting */ }
      document.body.append(d);
    }, control === 'require-trusted-types-for');
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.equal((await page.evaluate(() => window.__violations))[0].directive, control);
    await context.close();
  });
}

test('a Trusted Types allow-list without lms-widgets gets one error that names what to add', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const said = [];
  page.on('console', (m) => { if (m.type() === 'error') said.push(m.text()); });
  const res = await page.goto(new URL('/csp-trusted-types-other.html', BASE).href);
  assert.match(res.headers()['content-security-policy'], /trusted-types other-library$/);
  await pollUntil(page, () => said.some((t) => t.startsWith('lms-widgets:')), Boolean, () => `no lms-widgets error; the console said: ${said.join(' | ')}`);
  const ours = said.filter((t) => t.startsWith('lms-widgets:'));
  assert.equal(ours.length, 1, ours.join('\n'));
  assert.match(ours[0], /Trusted Types policy 'lms-widgets'/);
  assert.match(ours[0], /trusted-types directive/);
  await context.close();
});
