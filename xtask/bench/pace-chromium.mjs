// The pace benchmark of pace-common.mjs in headless Chromium (the browser the widgets run
// in): the page and the package are served from disk through Playwright's request routing,
// so no server is needed. Prints a Markdown table. Run by `cargo xtask bench`.
import { readFileSync } from 'node:fs';
import { launch } from '../../tests/e2e/chromium.mjs';

const root = new URL('../../', import.meta.url);
const types = { js: 'text/javascript', mjs: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.route('http://bench.invalid/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>pace bench</title>' });
    const file = new URL(path.slice(1), root);
    return route.fulfill({ contentType: types[path.split('.').pop()] || 'application/octet-stream', body: readFileSync(file) });
  });
  await page.goto('http://bench.invalid/');
  const r = await page.evaluate(async () => {
    const lms = await import('/pkg/lms_widgets.js');
    await lms.default();
    const { run } = await import('/xtask/bench/pace-common.mjs');
    const out = run(lms, () => performance.now());
    return { ...out, ua: navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent };
  });
  console.log(`| Chromium ${r.ua.replace('Chrome/', '')} (5,000 items, 200 blackouts, ${r.end} end) | median ms | ratio |`);
  console.log('|---|---:|---:|');
  for (const row of r.rows) console.log(row);
  console.log(`\nSame due dates as the anchor for all 5,000 items: ${r.same ? 'yes' : 'NO'}. Command: \`node xtask/bench/pace-chromium.mjs\`. (Chromium's timer is coarsened to 0.1 ms without cross-origin isolation.)`);
  if (!r.same) process.exitCode = 1;
} finally {
  await browser.close();
}
