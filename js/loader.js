// lms-widgets/loader: for pages that should download only the widgets they show (Canvas
// theme JS runs on every page, and most show none). `defineElements()` defines the three
// elements at once; a widget's own build (pkg/widgets/<name>/) is fetched and instantiated
// when its first element connects. A page without a widget downloads nothing but this file
// and elements.js.
//
// Each widget build is a separate wasm module: widgets of different kinds share no poller.
import { defineLazyElements, MOUNT_FUNCTIONS } from './elements.js';

// Literal paths, so bundlers split each widget into its own chunk.
const BUILDS = {
  'lms-progress': () => import('./widgets/progress-bar/lms_widgets.js'),
  'lms-report-card': () => import('./widgets/report-card/lms_widgets.js'),
  'lms-pace-timeline': () => import('./widgets/pace-timeline/lms_widgets.js'),
};

/** Each element's build, by Cargo feature (the `{widget}` of a `wasmUrl`). */
export const FEATURES = { 'lms-progress': 'progress-bar', 'lms-report-card': 'report-card', 'lms-pace-timeline': 'pace-timeline' };

async function load(name, wasmUrl) {
  const glue = await BUILDS[name]();
  // By default the glue fetches the .wasm next to itself (`new URL(…, import.meta.url)`).
  await glue.default(wasmUrl ? { module_or_path: wasmUrl.replaceAll('{widget}', FEATURES[name]) } : undefined);
  return glue[MOUNT_FUNCTIONS[name]];
}

/**
 * Defines `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those not defined
 * yet; returns the names it defined). Each widget's code is loaded when its first element
 * connects; attributes, `lmsOptions` and listeners set before then are honoured.
 *
 * `wasmUrl`: where the `.wasm` files are when not next to their glue (hosted elsewhere),
 * with `{widget}` standing for the build (`progress-bar`, `report-card`, `pace-timeline`).
 */
export function defineElements({ wasmUrl } = {}) {
  return defineLazyElements((name) => load(name, wasmUrl));
}
