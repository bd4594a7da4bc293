// The npm package in pkg/ as Node sees it (after `cargo xtask dist`): the entry imports
// without a DOM, the exports map and types cover what the entry exports, and nothing runs on
// import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../pkg/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', pkgDir), 'utf8'));

test('package.json: entry, types, exports map, no side effects, every shipped file listed', () => {
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.main, './index.js');
  assert.equal(manifest.types, './index.d.ts');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.equal(manifest.exports['./lms_widgets_bg.wasm'], './lms_widgets_bg.wasm');
  assert.equal(manifest.sideEffects, false);
  for (const f of ['index.js', 'index.d.ts', 'elements.js', 'lms_widgets.js', 'lms_widgets_bg.wasm', 'README.md']) {
    assert.ok(manifest.files.includes(f), `files lists ${f}`);
  }
});

test('the entry imports in Node (no DOM), defines nothing there, and its pace functions work after initSync', async () => {
  const entry = await import(new URL('index.js', pkgDir));
  assert.deepEqual(entry.defineElements(), [], 'no customElements in Node: nothing defined, nothing thrown');
  entry.initSync({ module: readFileSync(new URL('lms_widgets_bg.wasm', pkgDir)) });
  await entry.default(); // after initSync, init() is already done: no fetch of a file: URL
  const request = {
    course_pace: {
      start_date: '2026-09-01', end_date: '2026-09-04', exclude_weekends: true,
      course_pace_module_items_attributes: [{ id: 1, duration: 2, module_item_id: 11 }, { id: 2, duration: 5, module_item_id: 12 }],
    },
    blackout_dates: [],
  };
  assert.deepEqual(entry.compressDates(request), { 11: '2026-09-02', 12: '2026-09-04' });
});

test('index.d.ts declares every export of the entry, and types options and event details without `any`', async () => {
  const entry = await import(new URL('index.js', pkgDir));
  const dts = readFileSync(new URL('index.d.ts', pkgDir), 'utf8');
  for (const name of Object.keys(entry)) {
    const declared = name === 'default' ? /export default function init\b/.test(dts) : new RegExp(`export (function|const) ${name}\\b|export \\{[^}]*\\b${name}\\b`).test(dts);
    assert.ok(declared, `index.d.ts declares ${name}`);
  }
  assert.doesNotMatch(dts, /\bany\b/, 'no `any` in the types');
  for (const t of ['ProgressOptions', 'ReportCardOptions', 'PaceTimelineOptions', 'ProgressEventDetail', 'ErrorEventDetail', 'ReportStartedDetail', 'ReportProgressDetail', 'ReportCompleteDetail']) {
    assert.match(dts, new RegExp(`export interface ${t}\\b`));
  }
});

test('the package README lists every attribute each element observes', async () => {
  const { ATTRIBUTES } = await import(new URL('elements.js', pkgDir));
  assert.deepEqual(Object.keys(ATTRIBUTES), ['lms-progress', 'lms-report-card', 'lms-pace-timeline']);
  const readme = readFileSync(new URL('README.md', pkgDir), 'utf8');
  for (const [element, attrs] of Object.entries(ATTRIBUTES)) {
    const section = readme.slice(readme.indexOf(`## \`<${element}>\``));
    const attrLine = section.slice(section.indexOf('Attributes:'), section.indexOf('Events:'));
    for (const a of attrs) assert.ok(attrLine.includes(`\`${a}`), `the package README lists ${element}'s ${a}`);
  }
});
