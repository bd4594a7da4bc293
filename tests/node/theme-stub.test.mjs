// The Theme-Editor stub (js/theme-stub.js) as Canvas runs it: a classic script, run once per
// account level, whose bundle host may be down. Run here in a bare `vm` context (no DOM), its
// one `import()` routed to the test's `load` (Node 20's vm needs a flag for real dynamic
// imports; the browser's own are in tests/e2e/theme.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../../js/theme-stub.js', import.meta.url), 'utf8');
const routed = source.replace(/\bimport\(/g, '__import(');

/** Runs the stub `times` times in one fresh global; `load(url)` answers its import(). */
async function runStub(times, load) {
  const warnings = [];
  const imports = [];
  const context = vm.createContext({
    console: { warn: (...a) => warnings.push(a.join(' ')) },
    __import: (url) => {
      imports.push(url);
      return Promise.resolve().then(() => load(url));
    },
  });
  context.window = context;
  for (let i = 0; i < times; i++) new vm.Script(routed, { filename: `theme-stub-${i}.js` }).runInContext(context);
  // Let the import's promise settle (its then/catch run as microtasks and a macrotask).
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  return { context, warnings, imports };
}

test('it is a classic script: no top-level import or export', () => {
  assert.doesNotThrow(() => new vm.Script(source), 'a top-level import/export would be a SyntaxError here');
  assert.equal(source.match(/\bimport\(/g).length, 1, 'one dynamic import, the one the tests route');
});

test('run twice (root and sub-account), it imports the bundle once and hands it both configs', async () => {
  let started = null;
  const { context, warnings, imports } = await runStub(2, async () => ({ start: (queue) => { started = queue; } }));
  assert.deepEqual(imports, ['https://widgets.example.edu/lms-widgets/theme.js']);
  assert.equal(started, context.__lmsWidgetsTheme, 'the bundle gets the queue the stubs share');
  assert.equal(started.length, 2, 'both levels\' configs are queued');
  assert.equal(started[0].rules[0].widget, 'lms-report-card');
  assert.deepEqual(warnings, []);
});

test('a bundle host that is down gives one warning and nothing else: no throw, no retry', async () => {
  const { warnings, imports } = await runStub(2, async () => { throw new TypeError('Failed to fetch dynamically imported module'); });
  assert.equal(imports.length, 1, 'no retry');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^lms-widgets: no widgets on this page \(https:\/\/widgets\.example\.edu\/lms-widgets\/theme\.js: Failed to fetch/);
});

test('a bundle without start() (a wrong URL) is a warning too, not an unhandled rejection', async () => {
  const { warnings } = await runStub(1, async () => ({}));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /m\.start is not a function/);
});

/** The first js block of README.md's "Canvas Theme Editor" section. */
function readmeStub() {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = text.indexOf('\n## Canvas Theme Editor\n');
  assert.ok(start >= 0, 'README.md has a "## Canvas Theme Editor" section');
  const end = text.indexOf('\n## ', start + 1);
  const block = /^```js\n([\s\S]*?)^```$/m.exec(text.slice(start, end < 0 ? undefined : end));
  assert.ok(block, 'the section has a js block');
  return block[1];
}

/** The stub with its comment header, BUNDLE and CONFIG blanked: what must never differ. */
const skeleton = (stub) => stub
  .replace(/^(\/\/.*\n)+/, '')
  .replace(/^ {2}var BUNDLE = .*$/m, '  var BUNDLE = …;')
  .replace(/^ {2}var CONFIG = [\s\S]*?^ {2}\};$/m, '  var CONFIG = …;');

test('README.md shows the shipped stub, and the demo page runs the same stub', () => {
  assert.equal(readmeStub(), source, 'README.md\'s Theme-Editor snippet is js/theme-stub.js');
  const demo = readFileSync(new URL('../../www/canvas-theme-upload.js', import.meta.url), 'utf8');
  assert.notEqual(skeleton(source), source, 'the skeleton blanks something');
  assert.equal(skeleton(demo), skeleton(source), 'www/canvas-theme-upload.js differs from the stub only in BUNDLE and CONFIG');
});
