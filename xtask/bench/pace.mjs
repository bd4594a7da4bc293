// Times planPace/compressDates on a 5,000-item, 200-blackout, multi-year pace in Node (V8),
// against an anchor in the same run: Canvas's own front-end algorithm ported to plain JS.
// Prints a Markdown table. Run by `cargo xtask bench` (pace-chromium.mjs does the same in
// headless Chromium).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as lms from '../../pkg/lms_widgets.js';
import { run } from './pace-common.mjs';

lms.initSync({ module: readFileSync(new URL('../../pkg/lms_widgets_bg.wasm', import.meta.url)) });
const r = run(lms, () => performance.now());
console.log(`| Node ${process.version} (5,000 items, 200 blackouts, ${r.end} end) | median ms | ratio |`);
console.log('|---|---:|---:|');
for (const row of r.rows) console.log(row);
console.log(`\nSame due dates as the anchor for all 5,000 items: ${r.same ? 'yes' : 'NO'}. Command: \`node xtask/bench/pace.mjs\`.`);
if (!r.same) process.exit(1);
