// Source of the single-file Theme-Editor drop-in (pkg/theme-single.js), bundled by
// xtask/theme-bundle.mjs into one classic script: the Canvas mode, the elements and every
// widget's code with its WebAssembly inlined (gzip, then base64), for schools with nowhere
// to host files. The bundle is wrapped in a function whose first line declares `CONFIG` (the admin's
// rules, edited at the top of the file); `#lms/…` are resolved by the bundling script.
import { runTheme } from './theme-runtime.js';
import { defineLazyElements, MOUNT_FUNCTIONS } from './elements.js';
import init, * as glue from '#lms/glue';
import WASM_GZIP_BASE64 from '#lms/wasm-gzip-base64';

/* global CONFIG */
let ready = null;
/** Decodes and instantiates the inlined WebAssembly, once, when the first widget connects. */
function load(name) {
  if (!ready) {
    const gzipped = Uint8Array.from(atob(WASM_GZIP_BASE64), (c) => c.charCodeAt(0));
    const wasm = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
    // A Response typed application/wasm compiles while it decompresses (instantiateStreaming).
    ready = init({ module_or_path: new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } }) });
  }
  return ready.then(() => glue[MOUNT_FUNCTIONS[name]]);
}

// The same queue as theme-stub.js: a page that includes this file or the stub at several
// account levels runs the Canvas mode once, with every level's rules.
try {
  const queue = window.__lmsWidgetsTheme;
  if (queue) queue.push(CONFIG);
  else runTheme((window.__lmsWidgetsTheme = [CONFIG]), () => defineLazyElements(load));
} catch (e) {
  console.warn(`lms-widgets: no widgets on this page (${e && e.message})`);
}
