// Types for lms-widgets/loader: the same elements, options and events as the main entry.
export type * from './index.js';

/**
 * Defines `<lms-progress>`, `<lms-report-card>` and `<lms-pace-timeline>` (those not yet
 * defined) and returns the names it defined. Each widget's code is loaded when its first
 * element connects; attributes, `lmsOptions` and listeners set before then are honoured.
 * `wasmUrl` says where the `.wasm` files are when not next to their glue: `{widget}` in it
 * stands for the build (`progress-bar`, `report-card`, `pace-timeline`).
 */
export function defineElements(options?: { wasmUrl?: string }): Array<'lms-progress' | 'lms-report-card' | 'lms-pace-timeline'>;
