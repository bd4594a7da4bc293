// The Canvas Theme-Editor mode's pure parts (js/theme-config.js), without a DOM: the admin's
// config checked field by field, Canvas's ENV read, rules matched, attributes chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig, canvasContext, matchingRules, widgetAttributes, DEFAULT_TIMEOUT_MS } from '../../js/theme-config.js';

const rule = (r = {}) => ({ path: '^/courses/\\d+/pace_plans', selector: '#content', widget: 'lms-pace-timeline', options: { paceId: 7 }, ...r });

test('a valid config: path compiled, position defaulted, options as attributes, camelCase accepted', () => {
  const c = validateConfig({ rules: [rule(), rule({ widget: 'lms-progress', position: 'before', options: { url: '/api/v1/progress/3', cancelable: true, shadow: false } })] });
  assert.deepEqual(c.errors, []);
  assert.equal(c.timeoutMs, DEFAULT_TIMEOUT_MS);
  assert.equal(c.rules.length, 2);
  assert.ok(c.rules[0].path.test('/courses/12/pace_plans'));
  assert.equal(c.rules[0].position, 'append');
  assert.deepEqual(c.rules[0].attributes, { 'pace-id': '7' });
  assert.deepEqual(c.rules[1].attributes, { url: '/api/v1/progress/3', cancelable: '', shadow: 'false' });
  assert.notEqual(c.rules[0].key, c.rules[1].key);
});

test('each bad field is named, and the good rules are kept', () => {
  const c = validateConfig({
    rules: [
      rule(),
      rule({ path: '(' }),
      rule({ widget: 'lms-gradebook' }),
      rule({ position: 'inside' }),
      rule({ options: { paceId: 1, colour: 'red' } }),
      rule({ options: { token: 'secret' } }),
      rule({ selector: ' ' }),
      rule({ pathh: 'x' }),
      rule({ options: { editable: 'yes please', paceId: {} } }),
      'not a rule',
    ],
    timeoutMs: -1,
    wasmUrl: 'https://cdn.example.edu/x.wasm',
    extra: 1,
  });
  assert.equal(c.rules.length, 1, 'only the first rule is valid');
  const expect = [
    /^extra is not a config field/,
    /^timeoutMs must be a number of milliseconds/,
    /^wasmUrl must be a URL with \{widget\}/,
    /^rules\[1\]\.path is not a valid regular expression/,
    /^rules\[2\]\.widget must be one of lms-progress, lms-report-card, lms-pace-timeline, not "lms-gradebook"/,
    /^rules\[3\]\.position must be one of append, prepend, before, after, not "inside"/,
    /^rules\[4\]\.options\.colour is not an option of <lms-pace-timeline> \(it reads course-id, pace-id, editable, locale, base-url, shadow, linkTarget\)/,
    /^rules\[5\]\.options\.token is not allowed: a bearer token in theme JS is readable by every Canvas user/,
    /^rules\[6\]\.selector must be a CSS selector/,
    /^rules\[7\]\.pathh is not a rule field/,
    /^rules\[8\]\.options\.paceId must be a string or a number, not \{\}/,
    /^rules\[9\] must be an object/,
  ];
  for (const re of expect) assert.ok(c.errors.some((e) => re.test(e)), `an error matching ${re} in ${JSON.stringify(c.errors, null, 1)}`);
  // "yes please" is a string: passed on, and the element reports it (its own check).
  assert.equal(c.errors.length, expect.length, JSON.stringify(c.errors, null, 1));
});

test('configs that are not objects, or have no rule list, are errors, never throws', () => {
  for (const bad of [undefined, null, 42, 'rules', [], { rules: {} }, { rules: null }]) {
    const c = validateConfig(bad);
    assert.deepEqual(c.rules, []);
    assert.equal(c.errors.length, 1, JSON.stringify(bad));
  }
  const cyclic = { rules: [] };
  cyclic.rules.push({ path: 1, selector: '#x', widget: 'lms-progress', options: cyclic });
  assert.doesNotThrow(() => validateConfig(cyclic));
  assert.match(validateConfig({ rules: [rule({ options: { paceId: cyclic } })] }).errors[0], /rules\[0\]\.options\.paceId/);
});

test('a JS-only option goes to lmsOptions; timeout and wasmUrl are read', () => {
  const c = validateConfig({ rules: [rule({ options: { paceId: '1', linkTarget: '_top' } })], timeoutMs: 2500, wasmUrl: 'https://cdn.example.edu/{widget}.wasm' });
  assert.deepEqual(c.errors, []);
  assert.deepEqual(c.rules[0].jsOptions, { linkTarget: '_top' });
  assert.equal(c.timeoutMs, 2500);
  assert.equal(c.wasmUrl, 'https://cdn.example.edu/{widget}.wasm');
});

test('Canvas ENV: course from context_asset_string, else the path; ids as strings; locale order', () => {
  const env = { context_asset_string: 'course_42', current_user_id: '1001', LOCALES: ['fr-CA', 'fr', 'en'], LOCALE: 'de', TIMEZONE: 'America/Denver' };
  assert.deepEqual(canvasContext(env, '/courses/7/pace_plans', 'en'), { courseId: '42', userId: '1001', locale: 'fr-CA', timeZone: 'America/Denver' });
  // An account page: no course in ENV, none in the path.
  assert.deepEqual(canvasContext({ context_asset_string: 'account_1', LOCALE: 'de' }, '/accounts/1', 'en'), { courseId: undefined, userId: undefined, locale: 'de', timeZone: undefined });
  // A course page whose ENV lacks the context: the path.
  assert.equal(canvasContext({}, '/courses/7/pace_plans').courseId, '7');
  assert.equal(canvasContext({}, '/courses/7').courseId, '7');
  assert.equal(canvasContext({}, '/courses/7x').courseId, undefined);
  assert.equal(canvasContext({}, '/courses/7/pace_plans', 'nb').locale, 'nb');
  assert.equal(canvasContext({ LOCALES: [], LOCALE: '' }, '/', 'es').locale, 'es');
  // Older pages render numeric ids.
  assert.equal(canvasContext({ current_user_id: 1001 }, '/').userId, '1001');
  // Not a Canvas page at all, or an ENV whose getter throws.
  assert.deepEqual(canvasContext(undefined, undefined, undefined), { courseId: undefined, userId: undefined, locale: undefined, timeZone: undefined });
  const hostile = Object.defineProperty({}, 'TIMEZONE', { get() { throw new Error('no'); } });
  assert.equal(canvasContext(hostile, '/').timeZone, undefined);
});

test('canvasContext only reads ENV', () => {
  const env = Object.freeze({ context_asset_string: 'course_5', LOCALES: Object.freeze(['en']) });
  assert.equal(canvasContext(env, '/').courseId, '5'); // a write to a frozen object would throw in a module
});

test('rules match by path; attributes come from the page for what the element reads, options win', () => {
  const { rules } = validateConfig({
    rules: [
      rule(),
      { path: '^/courses/\\d+$', selector: '#course_home_content', widget: 'lms-report-card', options: { locale: 'en-GB' } },
      { path: '^/courses/\\d+$', selector: '#right-side', widget: 'lms-progress', options: { url: '/api/v1/progress/1' } },
    ],
  });
  assert.deepEqual(matchingRules(rules, '/courses/3/pace_plans').map((r) => r.widget), ['lms-pace-timeline']);
  assert.deepEqual(matchingRules(rules, '/courses/3').map((r) => r.widget), ['lms-report-card', 'lms-progress']);
  assert.deepEqual(matchingRules(rules, '/accounts/1'), []);
  const context = { courseId: '3', userId: '9', locale: 'fr', timeZone: 'Europe/Paris' };
  assert.deepEqual(widgetAttributes(rules[0], context), { 'course-id': '3', locale: 'fr', 'pace-id': '7' }, 'the timeline reads no time zone');
  assert.deepEqual(widgetAttributes(rules[1], context), { 'course-id': '3', locale: 'en-GB', 'time-zone': 'Europe/Paris' });
  assert.deepEqual(widgetAttributes(rules[2], context), { locale: 'fr', url: '/api/v1/progress/1' }, 'a progress bar has no course');
  assert.deepEqual(widgetAttributes(rules[2], {}), { url: '/api/v1/progress/1' });
});
