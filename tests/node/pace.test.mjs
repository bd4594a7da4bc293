// The package's pure pace functions in Node 20 (node:test): loading touches no DOM, results
// are plain objects, and bad input throws an Error with the engine's sentence instead of
// crashing the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, planPace, compressDates } from '../../pkg/lms_widgets.js';

initSync({ module: readFileSync(new URL('../../pkg/lms_widgets_bg.wasm', import.meta.url)) });

// Canvas's spec/controllers/course_paces_controller_spec.rb, POST #compress_dates: the course
// has a blackout on 2021-10-03 and weekends are skipped.
const body = (start, end, durations, blackouts = []) => ({
  course_pace: {
    start_date: start,
    end_date: end,
    exclude_weekends: true,
    selected_days_to_skip: ['sat', 'sun'],
    course_pace_module_items_attributes: durations.map((duration, i) => ({ id: i + 1, duration, module_item_id: 101 + i })),
  },
  blackout_dates: [{ start_date: '2021-10-03', end_date: '2021-10-03', event_title: 'blackout dates 1' }, ...blackouts],
});

test('compressDates: "squishes proportionally and ends on the end date"', () => {
  const out = compressDates(body('2021-12-27', '2021-12-31', [2, 4, 6]));
  assert.deepEqual(out, { 101: '2021-12-28', 102: '2021-12-29', 103: '2021-12-31' });
  assert.equal(Object.getPrototypeOf(out), Object.prototype, 'a plain object, not a Map');
});

test('planPace: the same example with its durations, projection and plan end', () => {
  const plan = planPace(body('2021-12-27', '2021-12-31', [2, 4, 6]));
  assert.deepEqual(plan, {
    due_dates: { 101: '2021-12-28', 102: '2021-12-29', 103: '2021-12-31' },
    durations: { 101: 1, 102: 1, 103: 2 },
    compressed: true,
    projected_end_date: '2022-01-12',
    plan_end_date: '2021-12-31',
  });
  assert.equal(Object.getPrototypeOf(plan.due_dates), Object.prototype);
});

test('compressDates: "prefers incoming blackout dates over what is already on the course"', () => {
  const b = body('2021-09-30', '2021-10-05', [1, 10], [{ start_date: '2021-09-30', end_date: '2021-10-01', event_title: 'b2' }]);
  assert.deepEqual(compressDates(b), { 101: '2021-10-04', 102: '2021-10-05' });
});

test('compressDates: "returns uncompressed items if the end date is not set"', () => {
  assert.deepEqual(compressDates(body('2022-01-27', null, [1, 10])), { 101: '2022-01-28', 102: '2022-02-11' });
  assert.equal(planPace(body('2022-01-27', null, [1, 10])).compressed, false);
});

test('"returns an error if the start date is after the end date": Canvas\'s message', () => {
  for (const f of [compressDates, planPace]) {
    assert.throws(() => f(body('2022-01-27', '2022-01-20', [1, 10])), (e) => e instanceof Error && e.message === 'End date cannot be before start date');
  }
});

test('ids and durations may be numbers or strings; keys come back as strings', () => {
  const b = body('2021-11-01', null, []);
  b.course_pace.course_pace_module_items_attributes = [{ id: '7', duration: '2', module_item_id: '70' }, { duration: 1, module_item_id: 71 }];
  assert.deepEqual(compressDates(b), { 70: '2021-11-03', 71: '2021-11-04' });
  assert.deepEqual(Object.keys(compressDates(b)), ['70', '71']);
});

test('ids and dates given as strings (also with a NUL in them) are read as given', () => {
  const b = { course_pace: { start_date: '2021-11-01', exclude_weekends: 'false', course_pace_module_items_attributes: [
    { id: 'a', duration: '1', module_item_id: 'x\0y' }, { duration: 2, module_item_id: '12' }, { duration: 0, module_item_id: 13 }] },
  blackout_dates: [{ start_date: '2021-11-03', end_date: '2021-11-03', event_title: 'Off' }] };
  assert.deepEqual(compressDates(b), { 'x\0y': '2021-11-02', 12: '2021-11-05', 13: '2021-11-05' });
});

test('bad input throws a sentence naming the problem, and the module keeps working', () => {
  const items = (duration) => {
    const b = body('2021-11-01', null, [1, 1]);
    b.course_pace.course_pace_module_items_attributes[1].duration = duration;
    return b;
  };
  assert.throws(() => planPace(items(-1)), { message: 'Item 2: the duration -1 is not a whole number of days' });
  assert.throws(() => planPace(items(1.5)), { message: 'Item 2: the duration 1.5 is not a whole number of days' });
  assert.throws(() => planPace(items(NaN)), { message: 'Item 2: the duration NaN is not a whole number of days' });
  assert.throws(() => compressDates(items(Infinity)), { message: 'Item 2: the duration Infinity is not a whole number of days' });
  assert.throws(() => planPace({ course_pace: { start_date: '2021-13-01' } }), { message: '"2021-13-01" is not a date (expected YYYY-MM-DD)' });
  assert.throws(() => planPace({ course_pace: { course_pace_module_items_attributes: [] } }), { message: 'The pace has no start date' });
  assert.throws(() => planPace({}), { message: 'The request has no course_pace' });
  assert.throws(() => compressDates(undefined), Error);
  assert.throws(() => compressDates(body('9999-12-01', null, [3650, 3650])), { message: 'The pace runs past the year 9999' });
  const withItems = (list) => ({ course_pace: { start_date: '2021-11-01', course_pace_module_items_attributes: list } });
  assert.throws(() => planPace(withItems([{ duration: 1, module_item_id: 1 }, null])), { message: 'The request is not a compress_dates body: item 2 is null' });
  assert.throws(() => planPace(withItems([5])), { message: 'The request is not a compress_dates body: item 1 must be an object' });
  assert.throws(() => planPace(withItems({})), { message: 'The request is not a compress_dates body: course_pace_module_items_attributes must be a list' });
  assert.throws(() => planPace(withItems([{ duration: [1], module_item_id: 1 }])), { message: 'Item 1: the duration a list or an object is not a whole number of days' });
  assert.throws(() => planPace(withItems([{ duration: 1 }])), { message: 'Item 1 has no module_item_id' });
  assert.throws(() => planPace({ course_pace: { start_date: '2021-11-01' }, blackout_dates: [{ start_date: '2021-11-02' }] }), { message: 'Blackout date 1 has no end_date' });
  const hostile = { module_item_id: 1, get duration() { throw new Error('no'); } };
  assert.throws(() => planPace(withItems([hostile])), { message: 'The request is not a compress_dates body: reading the items threw an exception' });
  // After every error above, the module still answers.
  assert.deepEqual(compressDates(body('2021-11-06', null, [0])), { 101: '2021-11-08' });
});

// A revoked Proxy made `Array.isArray` throw a TypeError through the wasm, and a throwing
// getter read as absent ("The request has no course_pace"); each is now refused by name.
test('a revoked Proxy or a throwing getter anywhere in the request is refused by name', () => {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = new Proxy([], { get() { throw new Error('trap'); } });
  const pace = (extra) => ({ course_pace: { start_date: '2021-11-01', ...extra } });
  const bad = 'The request is not a compress_dates body: ';
  assert.throws(() => planPace(revoked), { name: 'Error', message: `${bad}reading course_pace threw an exception` });
  assert.throws(() => planPace({ course_pace: revoked }), { name: 'Error', message: `${bad}course_pace cannot be read (a revoked Proxy)` });
  assert.throws(() => planPace(pace({ course_pace_module_items_attributes: revoked })), { name: 'Error', message: `${bad}course_pace_module_items_attributes cannot be read (a revoked Proxy)` });
  assert.throws(() => planPace({ get course_pace() { throw new Error('no'); } }), { name: 'Error', message: `${bad}reading course_pace threw an exception` });
  assert.throws(() => compressDates(pace({ selected_days_to_skip: throwing })), { name: 'Error', message: `${bad}reading selected_days_to_skip threw an exception` });
  assert.throws(() => compressDates({ ...pace(), blackout_dates: revoked }), { name: 'Error', message: `${bad}blackout_dates cannot be read (a revoked Proxy)` });
  assert.deepEqual(compressDates(body('2021-11-06', null, [0])), { 101: '2021-11-08' });
});
