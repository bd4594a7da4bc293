// Leaks (issue 12 §2): 200 mount/unmount cycles of each widget while its first request is
// held open by the simulator; afterwards no timer, page listener or fetch the widgets made
// is still alive, and the wasm memory has not grown by more than 1 MB. The harness (and the
// 1,000-cycle figures in BENCHMARKS.md) is xtask/bench/leak.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './chromium.mjs';
import { BASE, sim } from './fixtures.mjs';
import { openLeakPage, measure, WIDGETS } from '../../xtask/bench/leak.mjs';

const CYCLES = 200;
let browser;
let p;
before(async () => {
  browser = await launch();
  await sim('/sim/reset', {});
  p = await openLeakPage(browser, BASE);
});
after(async () => {
  assert.deepEqual(p.errors, [], 'no uncaught errors (no panic) on the page');
  await browser.close();
});

for (const tag of Object.keys(WIDGETS)) {
  test(`${CYCLES} mount/unmount cycles of <${tag}> with a request in flight leave nothing behind`, async () => {
    const r = await measure(BASE, p, tag, CYCLES);
    assert.ok(r.after.started - r.before.started >= CYCLES, `a request was in flight in every cycle (${r.after.started - r.before.started})`);
    assert.equal(r.after.fetches, 0, 'no fetch in flight');
    assert.equal(r.after.timers, r.before.timers, 'timers back to where they were');
    assert.deepEqual(r.after.byListener, r.before.byListener, 'window/document listeners back to where they were');
    const wasm = r.after.wasm - r.before.wasm;
    assert.ok(wasm <= 1048576, `wasm memory grew ${wasm} bytes`);
    console.log(`# <${tag}>: JS heap ${((r.after.heap - r.before.heap) / 1024).toFixed(0)} KiB, wasm ${(wasm / 1024).toFixed(0)} KiB over ${CYCLES} cycles`);
  });
}
