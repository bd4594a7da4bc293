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

async function load(name) {
  const glue = await BUILDS[name]();
  await glue.default();
  return glue[MOUNT_FUNCTIONS[name]];
}

/**
 * Defines `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those not defined
 * yet; returns the names it defined). Each widget's code is loaded when its first element
 * connects; attributes, `lmsOptions` and listeners set before then are honoured.
 */
export function defineElements() {
  return defineLazyElements(load);
}
