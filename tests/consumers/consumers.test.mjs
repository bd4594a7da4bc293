// The npm package as a new user meets it: `npm pack` of pkg/, installed into a fresh Vite app
// and a webpack 5 app (their package.json and lock are here), README.md's own snippet as the
// app's code, a production build, served by the simulator, and a progress bar seen completing
// in headless Chromium. Then the same snippet in a plain <script type="module"> page.
//
// Run after `cargo xtask dist`: `node --test tests/consumers/` (cargo xtask test does both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import {
  HERE, OUT, readmeSnippets, withUrl, packTarball, installApp, startSim, sim, launch, openPage, completedBar,
} from './support.mjs';

const snippets = readmeSnippets();
let tarball;
let browser;

before(async () => {
  tarball = packTarball();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the built app, adds README's element for a fresh 1.5 s job, and waits for it to complete. */
async function seeBarComplete(www, name) {
  const server = await startSim(www);
  try {
    const { page, log } = await openPage(browser);
    await page.goto(server.url);
    await page.waitForFunction(() => customElements.get('lms-progress') !== undefined);
    assert.ok(!log.requests.some((u) => u.endsWith('.wasm')), 'no widget on the page yet, so no wasm downloaded');

    const { url } = await sim(server.url, '/sim/jobs', { duration_ms: 1500, results: { id: '9' } });
    await page.evaluate((html) => document.querySelector('#app').insertAdjacentHTML('beforeend', html), withUrl(snippets.html, url));
    await completedBar(page).waitFor({ timeout: 30000 });
    assert.ok(log.requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched once the element connected');
    await page.locator('lms-progress [part=status]', { hasText: 'Completed' }).waitFor();
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: `${OUT}${name}.png`, animations: 'disabled' });
    assert.ok(log.console.some((l) => l.startsWith('done')), `README's lms-complete listener ran (console: ${JSON.stringify(log.console)})`);
    assert.deepEqual(log.errors, [], 'no uncaught errors');
    await page.close();
  } finally {
    server.stop();
  }
}

test('Vite: README\'s snippet builds for production, the types check, and the bar completes', async () => {
  const app = `${HERE}vite/`;
  installApp(app, tarball);
  rmSync(`${app}src`, { recursive: true, force: true });
  mkdirSync(`${app}src`);
  writeFileSync(`${app}src/main.js`, snippets.js);
  execFileSync('npm', ['run', 'build'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  // The package's types, strict, with the .d.ts files checked too (types.ts, tsconfig.json).
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
  // Vite 6's default target (es2020 + 2020 browsers) is where top-level await failed the build.
  execFileSync('npx', ['vite', 'build', '--target', 'es2020', '--outDir', 'dist-es2020'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  const assets = readdirSync(`${app}dist/assets`);
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite emitted the wasm as an asset (${assets})`);
  await seeBarComplete(`${app}dist`, 'vite');
});

test('webpack 5: README\'s snippet builds for production and the bar completes', async () => {
  const app = `${HERE}webpack/`;
  installApp(app, tarball);
  rmSync(`${app}src`, { recursive: true, force: true });
  mkdirSync(`${app}src`);
  writeFileSync(`${app}src/index.js`, snippets.js); // webpack's default entry
  rmSync(`${app}dist`, { recursive: true, force: true });
  execFileSync('npm', ['run', 'build'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  copyFileSync(`${app}index.html`, `${app}dist/index.html`);
  await seeBarComplete(`${app}dist`, 'webpack');
});

test('plain <script type="module">: README\'s import map and snippet, no bundler', async () => {
  const www = `${HERE}plain/`;
  // The packed files, where an app's node_modules would have them.
  const dir = `${www}node_modules/lms-widgets`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  writeFileSync(`${www}index.html`, `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>lms-widgets without a bundler</title>
${snippets.importMap}</head>
<body><h1>lms-widgets without a bundler</h1><main id="app"></main>
<script type="module">
${snippets.js}</script>
</body>
</html>
`);
  await seeBarComplete(www, 'plain');
});
