// First paint: navigation start → the first progress value on screen, in headless Chromium,
// for three pages following the same Canvas Progress on the simulator (localhost):
//   ours     <lms-progress> through the package's loader (pkg/loader.js), with the widget's JS
//            modulepreloaded and its wasm preloaded (the glue compiles it while streaming);
//   react    React 18 + ReactDOM + Instructure UI's ProgressBar and a 1 s poller (anchors/react),
//   vanilla  a hand-written poller driving a native <progress> (anchors/vanilla),
// both anchors bundled and minified here with esbuild from the npm packages.
// "First value on screen": the first <progress> with a value (in any shadow root too) is in
// the DOM, then the next animation frame starts. Each run is a fresh browser context (empty
// cache), the pages interleaved, median of RUNS. Needs pkg/ (cargo xtask dist) and the
// simulator binary (cargo build -p lms-sim); starts the simulator itself. Prints Markdown.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { launch } from '../../tests/e2e/chromium.mjs';

const RUNS = Number(process.env.FIRST_PAINT_RUNS) || 21;
const root = new URL('../../', import.meta.url);
const www = new URL('target/first-paint/', root);
const widget = 'pkg/widgets/progress-bar/';
mkdirSync(www, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

// Instructure UI's packages import core-js polyfills they do not depend on; Chromium needs
// none of them, so they bundle as empty modules (which favours the React anchor).
const noPolyfills = {
  name: 'no-polyfills',
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (a) => ({ path: a.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

// The anchors, built from their sources in the repository.
const bundle = (entry, out) => build({
  entryPoints: [new URL(entry, import.meta.url).pathname], outfile: new URL(out, www).pathname,
  bundle: true, minify: true, format: 'esm', jsx: 'automatic', target: 'es2020', logLevel: 'error',
  define: { 'process.env.NODE_ENV': '"production"' }, plugins: [noPolyfills],
});
await bundle('anchors/react/main.jsx', 'react.js');
await bundle('anchors/vanilla/main.js', 'vanilla.js');

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const sim = spawn(new URL('target/debug/lms-sim', root).pathname,
  ['--addr', `127.0.0.1:${port}`, '--www', www.pathname, '--pkg', new URL('pkg', root).pathname],
  { stdio: 'ignore' });
const browser = await launch();
try {
  for (let k = 0; ; k++) { // wait for the simulator to listen
    try { await fetch(`${base}/sim/jobs`); break; } catch (e) { if (k > 200) throw e; await new Promise((r) => setTimeout(r, 50)); }
  }
  // One Canvas Progress at 40 % for the whole run.
  const job = await (await fetch(`${base}/sim/jobs`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ duration_ms: 3600000, curve: [[0, 40], [1, 40]], final_state: 'running' }),
  })).json();
  const head = (title) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>`;
  const snippets = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : [])
    .filter((f) => String(f).endsWith('.js')).map((f) => `${widget}snippets/${f}`);
  const preloads = ['pkg/loader.js', 'pkg/elements.js', `${widget}lms_widgets.js`, ...snippets(new URL(`${widget}snippets/`, root))]
    .map((f) => `<link rel="modulepreload" href="/${f}">`).join('');
  writeFileSync(new URL('ours.html', www), `${head('first paint: lms-widgets')}${preloads}
<link rel="preload" href="/${widget}lms_widgets_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module">import { defineElements } from '/pkg/loader.js'; defineElements();</script>
</head><body><lms-progress url="${job.url}" label="Copying course"></lms-progress></body></html>`);
  for (const name of ['react', 'vanilla']) {
    writeFileSync(new URL(`${name}.html`, www), `${head(`first paint: ${name}`)}<link rel="modulepreload" href="/${name}.js">
</head><body><div id="app" data-url="${job.url}"></div><script type="module" src="/${name}.js"></script></body></html>`);
  }
  const probe = () => {
    const roots = [document];
    let done = false;
    const check = () => {
      if (done || !roots.some((r) => r.querySelector('progress[value]'))) return;
      done = true;
      const dom = performance.now();
      requestAnimationFrame(() => { window.__firstValue = { dom, frame: performance.now() }; });
    };
    const observe = (r) => new MutationObserver(check).observe(r, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) { const r = attach.call(this, init); roots.push(r); observe(r); return r; };
    observe(document);
  };
  const pages = ['ours', 'react', 'vanilla'];
  const gz = (files) => files.reduce((n, f) => n + gzipSync(readFileSync(new URL(f, root)), { level: 9 }).length, 0);
  const bytes = {
    ours: gz(['pkg/loader.js', 'pkg/elements.js', `${widget}lms_widgets.js`, `${widget}lms_widgets_bg.wasm`, ...snippets(new URL(`${widget}snippets/`, root))]),
    react: gz(['target/first-paint/react.js']),
    vanilla: gz(['target/first-paint/vanilla.js']),
  };
  const label = {
    ours: '`<lms-progress>` (loader, modulepreload + wasm preload, streaming compilation)',
    react: 'React 18 + ReactDOM + Instructure UI ProgressBar, 1 s poller (anchor)',
    vanilla: 'vanilla JS poller, native `<progress>` (anchor)',
  };
  // The simulator on localhost answers in a few ms; a real Canvas takes 100–300 ms. The
  // second table delays every API answer by 150 ms (the simulator's delay fault): there,
  // work a page does while its first request is out no longer adds to its time.
  for (const delay of [0, 150]) {
    if (delay) {
      const r = await fetch(`${base}/sim/faults`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ delay_ms: delay, path_prefix: '/api/' }),
      });
      if (!r.ok) throw new Error(`the simulator refused the delay fault: ${r.status}`);
    }
    const times = Object.fromEntries(pages.map((p) => [p, []]));
    for (let run = 0; run < RUNS + 1; run++) { // the first round warms the server and the disk cache
      for (const p of pages) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(probe);
        await page.goto(`${base}/${p}.html`);
        const t = await page.waitForFunction(() => window.__firstValue, null, { timeout: 30000 }).then((h) => h.jsonValue());
        if (run > 0) times[p].push(t.frame);
        await context.close();
      }
    }
    const m = Object.fromEntries(pages.map((p) => [p, median(times[p])]));
    const where = delay ? `localhost, API answers delayed ${delay} ms` : 'localhost';
    console.log(`${delay ? '\n' : ''}| page (headless Chromium, ${where}) | first value, median ms | fastest–slowest | JS + wasm, gzip -9 | ratio to React | ratio to vanilla |`);
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const p of pages) {
      const s = [...times[p]].sort((a, b) => a - b);
      console.log(`| ${label[p]} | ${m[p].toFixed(1)} | ${s[0].toFixed(0)}–${s[s.length - 1].toFixed(0)} | ${(bytes[p] / 1024).toFixed(1)} KB | ${(m[p] / m.react).toFixed(2)} | ${(m[p] / m.vanilla).toFixed(2)} |`);
    }
  }
  console.log(`\nTargets (the localhost table): ≤ 0.8× React, ≤ 2× vanilla. Navigation start → the animation frame after the first \`<progress>\` with a value is in the DOM; ${RUNS} runs per page after a warm-up round, each in a fresh browser context, pages interleaved. Command: \`node xtask/bench/first-paint.mjs\` (after \`cargo xtask dist\` and \`cargo build -p lms-sim\`; it starts the simulator).`);
} finally {
  await browser.close();
  sim.kill();
}
