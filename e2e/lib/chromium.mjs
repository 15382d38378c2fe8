// Launching Debian's Chromium with the built extension (playwright-core), and the Chromium-only
// helpers: the MV3 service worker, extension pages, force-stopping the worker over CDP.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXTENSION_ID, DIST_CHROME } from './paths.mjs';
import { waitUntil, withTimeout } from './wait.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
export const WORKER_URL = `${EXTENSION_ORIGIN}/background.js`;
export const POPUP_URL = `${EXTENSION_ORIGIN}/popup.html`;
export const ONBOARDING_URL = `${POPUP_URL}#/onboarding`;

/** Throws a readable error when dist/<browser> has not been built. */
export function requireDist(dir) {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: run ./scripts/build from the repository root first`);
  }
}

/**
 * Launches headless Chromium with a fresh temporary profile and dist/chrome loaded.
 * `locale` (e.g. 'zh-CN') sets the browser UI language, which chrome.i18n follows: on Linux
 * Chromium takes it from LANGUAGE/LANG, so both the flag and the environment are set.
 */
export async function launchChromium({ locale, extensionDir = DIST_CHROME, extension = true } = {}) {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (extension) {
    requireDist(extensionDir);
    args.unshift(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const env = { ...process.env };
  if (locale) {
    args.push(`--lang=${locale}`);
    const posix = locale.replace('-', '_');
    Object.assign(env, { LANGUAGE: posix, LANG: `${posix}.UTF-8`, LC_ALL: `${posix}.UTF-8` });
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args,
    env,
    ...(locale ? { locale } : {}),
  });
  return new ChromiumSession(context);
}

export class ChromiumSession {
  constructor(context) {
    this.context = context;
  }

  /** The extension's running service worker (waits for it to start). */
  async worker(timeout = 10_000) {
    const running = this.context.serviceWorkers().find((w) => w.url() === WORKER_URL);
    if (running) return running;
    return this.context.waitForEvent('serviceworker', { predicate: (w) => w.url() === WORKER_URL, timeout });
  }

  /** The tab the extension opened itself on first install (popup.html#/onboarding). */
  async onboardingTab(timeout = 15_000) {
    return waitUntil(
      () => this.context.pages().find((p) => p.url() === ONBOARDING_URL),
      { timeout, message: `the extension to open ${ONBOARDING_URL} in a tab` },
    );
  }

  /** Opens an extension page (default: the popup) in a new tab. */
  async openExtensionPage(path = 'popup.html') {
    const page = await this.context.newPage();
    await page.goto(`${EXTENSION_ORIGIN}/${path}`);
    return page;
  }

  async newPage() {
    return this.context.newPage();
  }

  /**
   * Force-stops every service worker through the DevTools protocol of `page` (any tab) and
   * waits until CDP reports the extension's worker 'stopped'. Before the stop it leaves a
   * marker in the worker's global scope, so a restart can be proven: a new worker is a fresh
   * JS context without it. (Playwright keeps the same Worker object across the restart — the
   * target survives — and does not emit 'close', so that cannot be used.)
   * Returns a `WorkerStop` to check whether and how the worker came back.
   */
  async stopServiceWorkers(page, timeout = 10_000) {
    const worker = await this.worker();
    await worker.evaluate(() => { globalThis.__formicaE2EBeforeStop = true; });
    const cdp = await this.context.newCDPSession(page);
    const statuses = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (v.scriptURL === WORKER_URL) statuses.push(v.runningStatus);
      }
    });
    try {
      await cdp.send('ServiceWorker.enable');
      await waitUntil(() => statuses.at(-1) === 'running', {
        timeout,
        message: `CDP to report the extension service worker running before the stop (statuses: ${statuses.join(', ')})`,
      });
      statuses.length = 0;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitUntil(() => statuses.includes('stopped'), {
        timeout,
        message: `CDP to report the extension service worker stopped (statuses: ${statuses.join(', ')})`,
      });
    } catch (err) {
      await cdp.detach().catch(() => {});
      throw err;
    }
    return new WorkerStop(worker, cdp, statuses);
  }

  async close() {
    await this.context.close();
  }
}

/** A forced stop of the extension's worker, observed over CDP until `detach()`. */
export class WorkerStop {
  constructor(worker, cdp, statuses) {
    this.worker = worker;
    this.cdp = cdp;
    /** runningStatus values CDP reported for the extension's worker since the stop. */
    this.statuses = statuses;
  }

  /** Whether CDP last reported the worker running (i.e. something restarted it). */
  isRunning() {
    return this.statuses.lastIndexOf('running') > this.statuses.lastIndexOf('stopped');
  }

  /**
   * Waits until CDP reports the worker running again after the stop, then proves it is a
   * new JS context (the marker left before the stop is gone), and detaches.
   */
  async restarted(timeout = 15_000) {
    try {
      await waitUntil(() => this.isRunning(), {
        timeout,
        message: `the extension service worker to run again (statuses since the stop: ${this.statuses.join(', ')})`,
      });
      const marker = await withTimeout(
        this.worker.evaluate(() => globalThis.__formicaE2EBeforeStop ?? null),
        timeout,
        'evaluating in the restarted worker',
      );
      if (marker !== null) throw new Error('the worker still has its pre-stop global state: it did not restart');
      return [...this.statuses];
    } finally {
      await this.detach();
    }
  }

  async detach() {
    await this.cdp.detach().catch(() => {});
  }
}
