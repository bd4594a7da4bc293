// The LTI helper's pure parts (js/lti.js): Canvas's postMessage shapes, the sentences read
// out, the debouncer (driven by node:test's mock timers, no waiting), and that outside an
// iframe (here: no DOM at all) it does nothing.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  frameResizeMessage, screenReaderAlertMessage, announcement, debouncer, startLti, ANNOUNCED_EVENTS,
} from '../../js/lti.js';

test('lti.frameResize: a whole positive height, the token only when given', () => {
  assert.deepEqual(frameResizeMessage(412.2), { subject: 'lti.frameResize', height: 413 });
  assert.deepEqual(frameResizeMessage(300, 'tok'), { subject: 'lti.frameResize', height: 300, token: 'tok' });
  assert.deepEqual(frameResizeMessage(300, ''), { subject: 'lti.frameResize', height: 300 }, 'an empty token is no token');
  for (const bad of [0, -5, NaN, Infinity, '300', null, undefined]) {
    assert.equal(frameResizeMessage(bad), null, `${String(bad)} is not sent`);
  }
});

test('lti.screenReaderAlert: the trimmed sentence, nothing for an empty one', () => {
  assert.deepEqual(screenReaderAlertMessage('  Done. ', 't'), { subject: 'lti.screenReaderAlert', body: 'Done.', token: 't' });
  assert.equal(screenReaderAlertMessage('   '), null);
  assert.equal(screenReaderAlertMessage(null), null);
});

test('announcements name the widget and say what ended', () => {
  assert.equal(announcement('lms-complete', { state: 'completed' }, 'Copying course'), 'Copying course is complete.');
  assert.equal(announcement('lms-complete', {}, null), 'The job is complete.');
  assert.equal(announcement('lms-failed', { message: 'Unexpected error, ID: 4711.' }, 'Import'), 'Import failed: Unexpected error, ID: 4711.');
  assert.equal(announcement('lms-failed', { message: null }), 'The job failed.');
  assert.equal(announcement('lms-report-complete', { fileName: 'course_pace_1.docx' }), 'The report is ready: course_pace_1.docx.');
  assert.equal(announcement('lms-report-complete', { fileName: null }, 'Pace report'), 'Pace report: the report is ready.');
  assert.equal(announcement('lms-pace-published', null), 'The course pace is published.');
  assert.equal(announcement('lms-progress', { completion: 50 }), null, 'progress ticks are not read out');
  assert.equal(announcement('lms-complete', 'not an object', 42), 'The job is complete.', 'odd details and labels are tolerated');
  assert.equal(announcement('lms-complete', {}, null, 'lms-pace-timeline'), null, 'a publish\'s Progress is not read out twice');
  assert.equal(announcement('lms-failed', {}, null, 'lms-report-card'), null);
  assert.equal(announcement('lms-complete', {}, 'Copy', 'lms-progress'), 'Copy is complete.');
  for (const n of ANNOUNCED_EVENTS) assert.equal(typeof announcement(n, {}), 'string', n);
});

test('the debouncer sends the last value once the changes stop, and never the same value twice in a row', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sent = [];
  const d = debouncer(100, (v) => sent.push(v), globalThis);
  d.push(200);
  t.mock.timers.tick(60);
  d.push(250);
  t.mock.timers.tick(60);
  d.push(300);
  assert.deepEqual(sent, [], 'nothing while it keeps changing');
  t.mock.timers.tick(100);
  assert.deepEqual(sent, [300]);
  d.push(300);
  t.mock.timers.tick(100);
  assert.deepEqual(sent, [300], 'an unchanged height is not sent again');
  d.push(320);
  d.flush();
  assert.deepEqual(sent, [300, 320], 'flush sends at once');
  d.push(400);
  d.cancel();
  t.mock.timers.tick(1000);
  assert.deepEqual(sent, [300, 320], 'cancel drops the pending value');
});

test('without a DOM (or outside an iframe) startLti does nothing and stop() is harmless', () => {
  const c = startLti({ token: 'x' });
  assert.equal(c.active, false);
  c.stop();
  c.stop();
  const top = {};
  top.parent = top; // a top-level window is its own parent
  Object.assign(globalThis, { window: top, document: {} });
  try {
    assert.equal(startLti().active, false, 'not in an iframe: nothing to resize');
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
});

test('inside a (fake) iframe: messages go to window.parent with origin "*", and stop() disconnects', () => {
  const posted = [];
  const listeners = new Map();
  const observers = [];
  const timers = mock.timers;
  timers.enable({ apis: ['setTimeout'] });
  const doc = {
    documentElement: { height: 480, getBoundingClientRect() { return { height: this.height }; } },
    addEventListener: (n, f) => listeners.set(n, f),
    removeEventListener: (n, f) => listeners.get(n) === f && listeners.delete(n),
  };
  const parent = { postMessage: (m, origin) => posted.push([m, origin]) };
  const win = { parent, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  class FakeObserver {
    constructor(cb) { this.cb = cb; this.on = false; observers.push(this); }
    observe() { this.on = true; }
    disconnect() { this.on = false; }
  }
  class FakeElement { localName = 'lms-progress'; getAttribute() { return 'Publishing'; } }
  Object.assign(globalThis, { window: win, document: doc, ResizeObserver: FakeObserver, Element: FakeElement });
  try {
    const c = startLti({ token: 'tok' });
    assert.equal(c.active, true);
    assert.equal(startLti(), c, 'a second call returns the running helper');
    timers.tick(100);
    assert.deepEqual(posted, [[{ subject: 'lti.frameResize', height: 480, token: 'tok' }, '*']]);
    doc.documentElement.height = 900;
    observers[0].cb();
    timers.tick(100);
    assert.deepEqual(posted.at(-1), [{ subject: 'lti.frameResize', height: 900, token: 'tok' }, '*']);
    listeners.get('lms-complete')({ type: 'lms-complete', target: new FakeElement(), detail: {} });
    assert.deepEqual(posted.at(-1), [{ subject: 'lti.screenReaderAlert', body: 'Publishing is complete.', token: 'tok' }, '*']);
    parent.postMessage = () => { throw new Error('gone'); };
    listeners.get('lms-pace-published')({ type: 'lms-pace-published', target: null, detail: null }); // does not throw
    c.stop();
    assert.equal(c.active, false);
    assert.equal(observers[0].on, false, 'the observer is disconnected');
    assert.equal(listeners.size, 0, 'every listener is removed');
    assert.notEqual(startLti(), c, 'after stop() a new helper can start');
    startLti().stop();
  } finally {
    for (const k of ['window', 'document', 'ResizeObserver', 'Element']) delete globalThis[k];
    timers.reset();
  }
});
