// The pace benchmark's workload and anchor, shared by the Node and Chromium runs: a
// 5,000-item, 200-blackout, multi-year pace, and Canvas's own front-end algorithm
// (date_helpers.ts addDays: day by day, each day checked against every blackout) in plain JS.

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

export function makeRequest() {
  const start = Date.UTC(2026, 0, 5);
  const blackouts = Array.from({ length: 200 }, (_, k) => ({
    start_date: iso(start + k * 11 * DAY), end_date: iso(start + (k * 11 + (k % 3)) * DAY), event_title: `B${k}`,
  }));
  const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, duration: i % 3, module_item_id: 100000 + i }));
  return { course_pace: { start_date: iso(start), end_date: null, exclude_weekends: true, course_pace_module_items_attributes: items }, blackout_dates: blackouts };
}

// Canvas's front end (ui/features/course_paces/react/utils/date_stuff/date_helpers.ts): a
// day is disabled on a weekend or inside any blackout; addDays walks day by day.
export function canvasDueDates(req) {
  const bl = req.blackout_dates.map((b) => [Date.parse(b.start_date), Date.parse(b.end_date)]);
  const disabled = (t) => { const w = new Date(t).getUTCDay(); return (req.course_pace.exclude_weekends && (w === 0 || w === 6)) || bl.some(([a, z]) => t >= a && t <= z); };
  const addDays = (t, n) => { while (disabled(t)) t += DAY; while (n > 0) { t += DAY; if (!disabled(t)) n--; } return t; };
  let t = Date.parse(req.course_pace.start_date);
  while (disabled(t)) t += DAY;
  const out = {};
  for (const it of req.course_pace.course_pace_module_items_attributes) { t = addDays(t, it.duration); out[it.module_item_id] = iso(t); }
  return out;
}

function median(f, runs, now) {
  const ts = [];
  for (let i = 0; i < runs; i++) { const t0 = now(); f(); ts.push(now() - t0); }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

/** Times planPace and compressDates against the anchor; returns Markdown table rows and facts. */
export function run({ planPace, compressDates }, now) {
  const request = makeRequest();
  const ours = planPace(request);
  const anchor = canvasDueDates(request);
  const same = Object.entries(anchor).every(([k, v]) => ours.due_dates[k] === v);
  for (let i = 0; i < 5; i++) { planPace(request); compressDates(request); canvasDueDates(request); } // warm up
  const tPlan = median(() => planPace(request), 41, now);
  const tCompress = median(() => compressDates(request), 41, now);
  const tCanvas = median(() => canvasDueDates(request), 11, now);
  return {
    end: ours.plan_end_date.slice(0, 4), same, tCanvas, tPlan, tCompress,
    rows: [
      `| Canvas's front-end algorithm in JS (anchor) | ${tCanvas.toFixed(2)} | 1.00 |`,
      `| lms-widgets \`planPace\` (wasm, incl. reading the request and building the result) | ${tPlan.toFixed(2)} | ${(tPlan / tCanvas).toFixed(3)} |`,
      `| lms-widgets \`compressDates\` (the same, due dates only) | ${tCompress.toFixed(2)} | ${(tCompress / tCanvas).toFixed(3)} |`,
    ],
  };
}
