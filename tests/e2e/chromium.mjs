// The one Chromium launch setup for everything that drives a browser from Node: the e2e
// tests (fixtures.mjs) and the benchmarks in xtask/bench. Headless system Chromium (or
// $CHROMIUM) through playwright-core, with the background services that would reach the
// network, or add noise to timings, turned off.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches the browser; the caller closes it. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
