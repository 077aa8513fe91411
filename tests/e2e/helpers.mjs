// Shared browser plumbing for the e2e tests and the benchmark.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The served bundle (set by run.sh / bench.sh). */
export const BASE_URL = process.env.ZOOSCOPE_URL ?? '';
/** Where screenshots go: outside the repository. */
export const SHOTS_DIR = process.env.ZOOSCOPE_SHOTS ?? '/tmp/zooscope-shots';

/** Chromium flags for this machine: headless, and no network chatter of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireBaseUrl() {
  if (!BASE_URL) {
    throw new Error('ZOOSCOPE_URL is not set: run tests/e2e/run.sh, which builds and serves dist/');
  }
}

export async function launch() {
  requireBaseUrl();
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh context (empty localStorage) with the given browser language, and a page that
 * records console errors, uncaught page errors and failed requests in `page.errors`.
 */
export async function openPage(browser, { locale = 'zh-CN', viewport = { width: 1280, height: 860 }, reducedMotion } = {}) {
  const context = await browser.newContext({ locale, viewport, reducedMotion });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  // Main-frame navigations so far, and the count each request started under.
  let navigations = 0;
  const startedUnder = new WeakMap();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  page.on('request', (req) => startedUnder.set(req, navigations));
  page.on('requestfailed', (req) => {
    // A request cut short because the page itself navigated away or reloaded (Chromium
    // reports net::ERR_ABORTED, e.g. the favicon of the page being left, or a fetch the
    // left page had in flight) is not a fault of the app; every other failure (404, refused,
    // bad MIME, a fetch aborted while the page stayed) still fails the test.
    const failure = req.failure()?.errorText ?? '';
    const kind = req.resourceType();
    const pageMoved = (startedUnder.get(req) ?? navigations) !== navigations;
    if (failure === 'net::ERR_ABORTED' && !req.isNavigationRequest() && ((kind !== 'script' && kind !== 'fetch') || pageMoved)) return;
    page.errors.push(`requestfailed: ${req.url()} (${failure})`);
  });
  return page;
}

/** Navigate to `path` (e.g. "#/lab", "?lang=en") and wait until the app has rendered. */
export async function visit(page, path = '') {
  // Always a full load: a goto that only changes the fragment would not restart the app.
  await page.goto('about:blank');
  await page.goto(new URL(path, BASE_URL).href);
  await page.waitForSelector('.site-header', { timeout: 15_000 });
}

/** Wait until Trunk has exposed the wasm exports. */
export async function wasmReady(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 15_000 });
}

export function shotPath(name) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  return join(SHOTS_DIR, name);
}

export const text = (page, selector) => page.locator(selector).first().innerText();
