// Times planPace on a 5,000-item, 200-blackout, multi-year pace in Node (V8, the engine
// Chromium uses), against an anchor in the same run: Canvas's own front-end algorithm
// (date_helpers.ts addDays: day by day, each day checked against every blackout), ported
// to plain JS. Prints a Markdown table. Run by `cargo xtask bench`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initSync, planPace } from '../../pkg/lms_widgets.js';

initSync({ module: readFileSync(new URL('../../pkg/lms_widgets_bg.wasm', import.meta.url)) });

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const start = Date.UTC(2026, 0, 5);
const blackouts = Array.from({ length: 200 }, (_, k) => ({
  start_date: iso(start + k * 11 * DAY), end_date: iso(start + (k * 11 + (k % 3)) * DAY), event_title: `B${k}`,
}));
const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, duration: i % 3, module_item_id: 100000 + i }));
const request = { course_pace: { start_date: iso(start), end_date: null, exclude_weekends: true, course_pace_module_items_attributes: items }, blackout_dates: blackouts };

// Canvas's front end (ui/features/course_paces/react/utils/date_stuff/date_helpers.ts): a
// day is disabled on a weekend or inside any blackout; addDays walks day by day.
function canvasDueDates(req) {
  const bl = req.blackout_dates.map((b) => [Date.parse(b.start_date), Date.parse(b.end_date)]);
  const disabled = (t) => { const w = new Date(t).getUTCDay(); return (req.course_pace.exclude_weekends && (w === 0 || w === 6)) || bl.some(([a, z]) => t >= a && t <= z); };
  const addDays = (t, n) => { while (disabled(t)) t += DAY; while (n > 0) { t += DAY; if (!disabled(t)) n--; } return t; };
  let t = Date.parse(req.course_pace.start_date);
  while (disabled(t)) t += DAY;
  const out = {};
  for (const it of req.course_pace.course_pace_module_items_attributes) { t = addDays(t, it.duration); out[it.module_item_id] = iso(t); }
  return out;
}

function median(f, runs) {
  const ts = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const ours = planPace(request);
const anchor = canvasDueDates(request);
const same = Object.entries(anchor).every(([k, v]) => ours.due_dates[k] === v);
for (let i = 0; i < 5; i++) { planPace(request); canvasDueDates(request); } // warm up
const tOurs = median(() => planPace(request), 41);
const tCanvas = median(() => canvasDueDates(request), 11);
console.log('| computation (5,000 items, 200 blackouts, ' + ours.plan_end_date.slice(0, 4) + ' end) | median ms | ratio |');
console.log('|---|---:|---:|');
console.log(`| Canvas's front-end algorithm in JS (anchor) | ${tCanvas.toFixed(2)} | 1.00 |`);
console.log(`| lms-widgets \`planPace\` (wasm, incl. JS↔wasm marshalling) | ${tOurs.toFixed(2)} | ${(tOurs / tCanvas).toFixed(3)} |`);
console.log(`\nSame due dates as the anchor for all 5,000 items: ${same ? 'yes' : 'NO'}. Node ${process.version}; command: \`node xtask/bench/pace.mjs\`.`);
