// The package's pure pace functions in Node 20: loading touches no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, planPace, compressDates } from '../../pkg/lms_widgets.js';

initSync({ module: readFileSync(new URL('../../pkg/lms_widgets_bg.wasm', import.meta.url)) });

const body = (end, items, extra = {}) => ({
  course_pace: {
    start_date: '2026-09-01', end_date: end, exclude_weekends: true, selected_days_to_skip: ['sat', 'sun'],
    course_pace_module_items_attributes: items, ...extra,
  },
  blackout_dates: [],
});

test('compressDates returns plain due dates when the end date is not reached', () => {
  const out = compressDates(body('2026-12-31', [{ id: 1, duration: 2, module_item_id: 11 }, { id: '2', duration: '3', module_item_id: '12' }]));
  assert.deepEqual(out, { 11: '2026-09-03', 12: '2026-09-08' });
  assert.equal(Object.getPrototypeOf(out), Object.prototype, 'a plain object, not a Map');
});

test('compressDates squeezes the plan into the end date', () => {
  const out = compressDates(body('2026-09-04', [{ id: 1, duration: 2, module_item_id: 11 }, { id: 2, duration: 5, module_item_id: 12 }]));
  assert.deepEqual(out, { 11: '2026-09-02', 12: '2026-09-04' });
});

test('planPace reports compression, durations and both ends', () => {
  const plan = planPace(body('2026-09-04', [{ id: 1, duration: 2, module_item_id: 11 }, { id: 2, duration: 5, module_item_id: 12 }]));
  assert.equal(plan.compressed, true);
  assert.deepEqual(plan.durations, { 11: 1, 12: 2 });
  assert.equal(plan.projected_end_date, '2026-09-10');
  assert.equal(plan.plan_end_date, '2026-09-04');
});

test('blackout dates are skipped, inclusive at both ends', () => {
  const b = body(null, [{ id: 1, duration: 1, module_item_id: 11 }]);
  b.blackout_dates = [{ start_date: '2026-09-02', end_date: '2026-09-03', event_title: 'Break' }];
  assert.deepEqual(compressDates(b), { 11: '2026-09-04' });
});

test("an end date before the start throws Canvas's message", () => {
  assert.throws(() => compressDates(body('2026-08-01', [])), { message: 'End date cannot be before start date' });
});

test('bad input throws a clear error instead of crashing the module', () => {
  assert.throws(() => planPace(body('2026-12-31', [{ id: 1, duration: -1, module_item_id: 11 }])), /whole number of days/);
  assert.throws(() => planPace({ course_pace: { start_date: '2026-13-01' } }), /not a date/);
  // The module still works after errors.
  assert.deepEqual(compressDates(body(null, [{ id: 1, duration: 0, module_item_id: 5 }])), { 5: '2026-09-01' });
});
