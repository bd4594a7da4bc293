// Shared by the consumer tests: README.md's snippets, the packed tarball, the simulator and
// headless Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { before, after } from 'node:test';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HERE = fileURLToPath(new URL('./', import.meta.url));
/** Screenshots and the tarball go here (git-ignored). */
export const OUT = `${ROOT}target/consumers/`;

/**
 * The code blocks of README.md's "Use it from JavaScript" section: `js` is the first
 * JavaScript block (the one a new user pastes into main.js), `html` the first HTML block,
 * `importMap` the block that maps the package name for a page without a bundler.
 */
export function readmeSnippets(text = readFileSync(`${ROOT}README.md`, 'utf8')) {
  const start = text.indexOf('\n## Use it from JavaScript\n');
  if (start < 0) throw new Error('README.md has no "## Use it from JavaScript" section');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
  const js = blocks.find((b) => b.lang === 'js');
  const html = blocks.find((b) => b.lang === 'html');
  const importMap = blocks.find((b) => b.lang === 'html' && b.code.includes('type="importmap"'));
  if (!js || !html || !importMap) throw new Error('README.md\'s JavaScript section lost its js, html or import-map snippet');
  return { js: js.code, html: html.code, importMap: importMap.code };
}

/** The README's element with its Progress URL replaced by a simulator job's. */
export function withUrl(html, url) {
  const out = html.replace(/url="[^"]*"/, `url="${url}"`);
  if (out === html) throw new Error(`the README's element has no url attribute: ${html}`);
  return out;
}

/** `npm pack pkg` into target/consumers; returns the tarball's path. */
export function packTarball() {
  if (!existsSync(`${ROOT}pkg/index.js`)) throw new Error('pkg/ has no index.js: run `cargo xtask dist` first');
  mkdirSync(OUT, { recursive: true });
  const out = execFileSync('npm', ['pack', `${ROOT}pkg`, '--json', '--pack-destination', OUT], { encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out);
  return `${OUT}${filename}`;
}

/** Installs an app's locked dev dependencies (once) and the tarball, without saving it. */
export function installApp(dir, tarball) {
  const npm = (...args) => execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(`${dir}node_modules/.package-lock.json`)) npm('ci');
  rmSync(`${dir}node_modules/lms-widgets`, { recursive: true, force: true });
  npm('install', '--no-save', tarball);
}

/**
 * Starts the simulator serving `www` (and the repository's pkg/ at /pkg/) on a free port;
 * resolves to `{ url, stop }` once it prints its address.
 */
export async function startSim(www) {
  execFileSync('cargo', ['build', '--quiet', '-p', 'lms-sim'], { cwd: ROOT, stdio: 'inherit' });
  const child = spawn(`${ROOT}target/debug/lms-sim`, ['--addr', '127.0.0.1:0', '--www', www, '--pkg', `${ROOT}pkg`], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`lms-sim exited (${code})`))));
  const first = new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const line = await Promise.race([first, exited]);
  const url = line.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
  if (!url) throw new Error(`lms-sim said ${JSON.stringify(line)}`);
  child.stdout.resume();
  exited.catch(() => {});
  return { url, stop: () => child.kill() };
}

/** A simulator call (`/sim/*`), as JSON. */
export async function sim(base, path, body) {
  const res = await fetch(new URL(path, base), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

import { launch } from '../e2e/chromium.mjs';
export { launch };

/** A new page that records uncaught errors, console lines and the URLs it requested. */
export async function openPage(browser) {
  const page = await browser.newPage({ viewport: { width: 900, height: 400 } });
  const log = { errors: [], console: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => log.console.push(m.text()));
  page.on('request', (r) => log.requests.push(r.url()));
  return { page, log };
}

/**
 * A test file's site on the plain/ pages: the simulator (serving plain/ and pkg/) and Chromium
 * start before the file's tests and stop after them. `open(path, prepare)` opens a fresh page,
 * lets `prepare(page)` set it up first (routes; its result comes back as `prepared`), goes to
 * `path` and waits for the page's elements to be defined; `sim(path, body)` calls `/sim/*`.
 */
export function plainSite() {
  let server;
  let browser;
  before(async () => {
    server = await startSim(`${HERE}plain`);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });
  return {
    async open(path, prepare) {
      const { page, log } = await openPage(browser);
      const prepared = await prepare?.(page);
      await page.goto(new URL(path, server.url).href);
      await page.waitForFunction(() => window.lmsDefined !== undefined);
      return { page, log, prepared };
    },
    sim: (path, body) => sim(server.url, path, body),
  };
}

/** The bar inside an element's shadow root once it says the job completed. */
export const completedBar = (page, host = 'lms-progress') =>
  page.locator(`${host} progress[aria-valuetext="100 percent, completed"]`);
