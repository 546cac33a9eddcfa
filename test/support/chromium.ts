/**
 * How this project launches Debian's Chromium, for the end-to-end tests and the renderer bench.
 * The network here refuses Chromium's own background traffic, so those features are switched off.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
