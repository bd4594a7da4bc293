// Size budgets for what a browser downloads (gzip -9 of each file, summed), after
// `cargo xtask dist`. Builds are deterministic, so any growth is a change in the code or the
// settings: a budget is the measured size plus a little room, and going over it fails CI.
// Raise a budget only with a reason in the commit and new figures in BENCHMARKS.md.
//
// The budgets are for the nightly build (std rebuilt for size); a package that fell back to
// stable (target/dist-toolchain says so) only gets the loader's budget, which does not depend
// on the toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
const pkg = new URL('pkg/', root);
const toolchainFile = new URL('target/dist-toolchain', root);
const toolchain = existsSync(toolchainFile) ? readFileSync(toolchainFile, 'utf8').trim() : 'unknown';

const gz = (url) => gzipSync(readFileSync(url), { level: 9 }).length;
const walk = (url) => readdirSync(url).flatMap((n) => {
  const u = new URL(n, url);
  return statSync(u).isDirectory() ? walk(new URL(`${n}/`, url)) : [u];
});
/** gzip -9 bytes of files (relative to pkg/) plus everything under the given folders. */
function size(files, folders = []) {
  const urls = [...files.map((f) => new URL(f, pkg)), ...folders.filter((d) => existsSync(new URL(d, pkg))).flatMap((d) => walk(new URL(d, pkg)))];
  return urls.reduce((sum, u) => sum + gz(u), 0);
}

const KB = 1024;
// gzip -9 bytes: the measured size (nightly, 2026-11-30: loader 2660, progress-bar 164313,
// report-card 186468, pace-timeline 254379, main entry 308148) plus about 1 % — see BENCHMARKS.md.
// progress-bar: 164931 after issue 13's first structural steps (was 171197 after the round's merges).
// After this round's merges (2026-11-30, nightly): progress-bar 167997, report-card 191009,
// pace-timeline 293179, main entry 346391, theme-single.js 342574 — the growth is the
// merged fixes and features (typed Error families, refusing throwing options, a per-request
// deadline, the one Timer, the windowed table), recorded in BENCHMARKS.md.
// Session 4 (nightly): progress-bar 166663, report-card 189509, pace-timeline 297150, main
// entry 349958, theme-single.js 346245, after dropping wasm-streams' unused exports and the
// pace axis as paths; the budgets came down with them.
// The loader's is the target (3 KB).
const BUDGETS = {
  loader: { bytes: 3 * KB, files: ['loader.js', 'elements.js'] },
  'progress-bar': { bytes: 168300, files: ['widgets/progress-bar/lms_widgets.js', 'widgets/progress-bar/lms_widgets_bg.wasm'], folders: ['widgets/progress-bar/snippets/'] },
  'report-card': { bytes: 191400, files: ['widgets/report-card/lms_widgets.js', 'widgets/report-card/lms_widgets_bg.wasm'], folders: ['widgets/report-card/snippets/'] },
  'pace-timeline': { bytes: 300100, files: ['widgets/pace-timeline/lms_widgets.js', 'widgets/pace-timeline/lms_widgets_bg.wasm'], folders: ['widgets/pace-timeline/snippets/'] },
  'main entry (every widget + planPace)': { bytes: 353400, files: ['index.js', 'elements.js', 'lms_widgets.js', 'lms_widgets_bg.wasm'], folders: ['snippets/'] },
};

for (const [name, b] of Object.entries(BUDGETS)) {
  test(`size budget: ${name} ≤ ${b.bytes} bytes gzip -9`, (t) => {
    const bytes = size(b.files, b.folders);
    t.diagnostic(`${name}: ${bytes} bytes gzip -9 (${(bytes / KB).toFixed(1)} KB), built with ${toolchain}`);
    if (name !== 'loader' && toolchain !== 'nightly') {
      t.skip(`pkg/ was built with ${toolchain}, not nightly: the budget is for the nightly build`);
      return;
    }
    assert.ok(bytes <= b.bytes, `${name} is ${bytes} bytes gzip -9, over its budget of ${b.bytes}`);
  });
}

// The Canvas Theme-Editor files (issue 10 §3, §5; BENCHMARKS.md "Canvas Theme Editor files").
// What every Canvas page pays for the stub when no rule matches: the stub and theme.js (no
// wasm, so any toolchain; measured 527 + 3518 = 4045 bytes, plus about 1 %).
test('size budget: Theme Editor, a Canvas page without a widget (theme-stub.js + theme.js) ≤ 4100 bytes gzip -9', (t) => {
  const bytes = size(['theme-stub.js', 'theme.js']);
  t.diagnostic(`theme-stub.js + theme.js: ${bytes} bytes gzip -9`);
  assert.ok(bytes <= 4100, `theme-stub.js + theme.js are ${bytes} bytes gzip -9, over their budget of 4100`);
});
// The single-file drop-in inlines the main entry's wasm (gzip -9, then base64) with every
// widget's code: measured 2 KB smaller than the main entry served as files (355190 against
// 357286 bytes on one build), so it must stay within the main entry's size plus 2 KB on any
// toolchain, and within the main entry's budget on nightly.
test('size budget: Theme Editor single-file drop-in (theme-single.js) ≤ the main entry + 2 KB, and ≤ 349700 bytes gzip -9 on nightly', (t) => {
  const single = size(['theme-single.js']);
  const main = size(['index.js', 'elements.js', 'lms_widgets.js', 'lms_widgets_bg.wasm'], ['snippets/']);
  t.diagnostic(`theme-single.js: ${single} bytes gzip -9 (${(single / KB).toFixed(1)} KB); the main entry: ${main}; built with ${toolchain}`);
  assert.ok(single <= main + 2 * KB, `theme-single.js is ${single} bytes gzip -9, more than the main entry's ${main} + 2 KB`);
  if (toolchain === 'nightly') assert.ok(single <= 349700, `theme-single.js is ${single} bytes gzip -9, over its budget of 349700`);
});
