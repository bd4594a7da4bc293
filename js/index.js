// lms-widgets: the package's entry (copied into pkg/ by `cargo xtask dist`).
//
// `defineElements()` defines the three custom elements at once, without waiting for the
// WebAssembly: the first element that connects starts `init()`, and every element mounts
// when it is done. No top-level await, so it builds with any bundler target.
//
// The imperative API is the wasm glue's, after `init()` (or `initSync()` in Node).
import glueInit, { initSync as glueInitSync, mountProgress, mountReportCard, mountPaceTimeline } from './lms_widgets.js';
import { defineLazyElements } from './elements.js';

export { mountProgress, mountReportCard, mountPaceTimeline };
export { planPace, compressDates, WidgetHandle } from './lms_widgets.js';

const MOUNTS = { 'lms-progress': mountProgress, 'lms-report-card': mountReportCard, 'lms-pace-timeline': mountPaceTimeline };

let ready = null;

/**
 * Fetches and instantiates the WebAssembly (by default `lms_widgets_bg.wasm` next to this
 * file; pass `{ module_or_path }` to load it from elsewhere). Called any number of times,
 * from the page and from the elements, it instantiates once; after a failure the next call
 * tries again.
 */
export default function init(options) {
  if (!ready) {
    ready = glueInit(options);
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

export { init };

/** Instantiates the WebAssembly synchronously from its bytes or a `WebAssembly.Module` (Node). */
export function initSync(options) {
  const exports = glueInitSync(options);
  ready = Promise.resolve(exports);
  return exports;
}

/**
 * Defines `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those not defined
 * yet; returns the names it defined). The WebAssembly is loaded when the first element
 * connects, not before: a page without a widget never downloads it.
 */
export function defineElements() {
  return defineLazyElements((name) => init().then(() => MOUNTS[name]));
}
