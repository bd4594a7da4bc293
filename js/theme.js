// lms-widgets/theme: the standalone bundle the Canvas Theme-Editor stub imports (theme-stub.js).
// It uses the per-widget loader: a Canvas page without a widget downloads this file, the
// loader and the small config module, and no WebAssembly; a page whose rule matches fetches
// only that widget's build, whose .wasm is found next to its glue (or at the config's
// `wasmUrl`).
import { defineElements } from './loader.js';
import { runTheme } from './theme-runtime.js';

/**
 * Runs the Canvas mode with the configs the stub queued (`window.__lmsWidgetsTheme`, an
 * array; one config object works too). See README "Canvas Theme Editor".
 */
export function start(queue) {
  runTheme(queue, (wasmUrl) => defineElements({ wasmUrl }));
}
