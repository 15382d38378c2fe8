// Launching Debian's Firefox ESR with the built extension (puppeteer-core over WebDriver BiDi).
// Firefox refuses page.goto('moz-extension://…'), so extension pages are reached through the
// tab the extension opens itself on first install (popup.html#/onboarding).
import puppeteer from 'puppeteer-core';
import { DIST_FIREFOX } from './paths.mjs';
import { requireDist } from './chromium.mjs';
import { waitUntil } from './wait.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';

/** Launches headless Firefox ESR with a fresh temporary profile; installs dist/firefox unless `extension: false`. */
export async function launchFirefox({ extensionDir = DIST_FIREFOX, extension = true } = {}) {
  if (extension) requireDist(extensionDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      // No update checks, telemetry or first-run pages talking to the network.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const session = new FirefoxSession(browser);
  if (extension) {
    try {
      session.addonId = await browser.installExtension(extensionDir);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }
  return session;
}

export class FirefoxSession {
  constructor(browser) {
    this.browser = browser;
    this.addonId = null;
    this.onboarding = null;
  }

  /**
   * The tab the extension opened on install (popup.html#/onboarding), as a page.
   * Puppeteer over BiDi reports such tabs as about:blank (Firefox does not report navigations
   * to moz-extension:// URLs), so each tab is asked for its own `location.href`.
   * Resolves `{ page, url, origin }`; `origin` is this profile's moz-extension://<uuid>.
   */
  async onboardingTab(timeout = 15_000) {
    if (this.onboarding) return this.onboarding;
    const found = await waitUntil(async () => {
      for (const page of await this.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && href.endsWith('/popup.html#/onboarding')) {
          return { page, url: href, origin: new URL(href).origin };
        }
      }
      return null;
    }, { timeout, interval: 100, message: 'the extension to open popup.html#/onboarding in a tab' });
    this.onboarding = found;
    return found;
  }

  /**
   * Waits for an extension page whose location matches `pattern` (e.g. an approval window the
   * extension opened) and returns it; pages listed in `except` are skipped.
   */
  async extensionPage(pattern, { timeout = 15_000, except = [] } = {}) {
    return waitUntil(async () => {
      for (const page of await this.browser.pages()) {
        if (except.includes(page)) continue;
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && pattern.test(href)) return page;
      }
      return null;
    }, { timeout, interval: 100, message: `an extension page matching ${pattern}` });
  }

  async newPage() {
    return this.browser.newPage();
  }

  async close() {
    await this.browser.close();
  }
}
