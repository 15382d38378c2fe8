// One extension under test, Formica or the floor, in its own Chromium launch (the e2e launch
// helper), with what the benchmarks do to both in exactly the same way: find the worker, open
// extension pages, force-stop the worker over CDP, time a popup.
//
// e2e/lib/chromium.mjs's `stopServiceWorkers` is bound to Formica's worker URL; the floor's id
// comes from its folder path, so the stop is written here once for any worker URL, the same
// CDP calls in the same order.
import { launchChromium } from '../../e2e/lib/chromium.mjs';
import { waitUntil } from '../../e2e/lib/wait.mjs';
import { recordFirstVisible } from './page-side.mjs';

export class BenchExtension {
  /** Launches Chromium with `dir` loaded and waits for its worker (`background.js`). */
  static async launch(label, dir) {
    const session = await launchChromium({ extensionDir: dir });
    const isOurs = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
    const worker = session.context.serviceWorkers().find(isOurs)
      ?? await session.context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 });
    return new BenchExtension(label, session, worker);
  }

  constructor(label, session, worker) {
    this.label = label;
    this.session = session;
    this.context = session.context;
    this.worker = worker;
    this.workerUrl = worker.url();
    // Node's URL gives chrome-extension: URLs an opaque origin ("null"); the host is the id.
    this.origin = `chrome-extension://${new URL(this.workerUrl).host}`;
  }

  /** The running browser's product string, e.g. "HeadlessChrome/156.0.8078.108" (CDP). */
  async browserVersion() {
    const page = await this.context.newPage();
    try {
      const cdp = await this.context.newCDPSession(page);
      const { product } = await cdp.send('Browser.getVersion');
      await cdp.detach();
      return product;
    } finally {
      await page.close();
    }
  }

  async openPage(path) {
    const page = await this.context.newPage();
    await page.goto(`${this.origin}/${path}`);
    return page;
  }

  /** Closes every tab (extension pages hold ports that would keep or wake the worker). */
  async closeAllPages() {
    for (const page of this.context.pages()) await page.close();
  }

  /**
   * Times one popup open in a new tab, to the moment the element `selector` is visible (the
   * page records it, see `recordFirstVisible`). Returns
   * - `wallMs`: from the call to `page.goto(popup.html)` to that moment. Node and the page read
   *   the same system clock (`performance.timeOrigin` is epoch time in both), so this is one
   *   clock's difference, free of the polling delay of a DevTools-side wait;
   * - `pageMs`: the page's share, from its navigation start to that moment.
   */
  async timePopup(selector, path = 'popup.html') {
    const page = await this.context.newPage();
    try {
      await page.addInitScript(recordFirstVisible, selector);
      const start = performance.timeOrigin + performance.now();
      await page.goto(`${this.origin}/${path}`, { waitUntil: 'commit' });
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
      const seen = await waitUntil(
        () => page.evaluate(() => window.__benchVisible !== null
          && { pageMs: window.__benchVisible, epoch: performance.timeOrigin + window.__benchVisible }),
        { timeout: 5_000, interval: 10, message: `the page to record ${selector} visible` },
      );
      return { wallMs: seen.epoch - start, pageMs: seen.pageMs };
    } finally {
      await page.close();
    }
  }

  /**
   * Force-stops the worker through the DevTools protocol of `page` and waits until CDP reports
   * it stopped. Returns `{ restarted(timeout) }`, which waits for CDP to report it running
   * again and detaches.
   */
  async stopWorker(page, timeout = 10_000) {
    const cdp = await this.context.newCDPSession(page);
    const statuses = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL === this.workerUrl) statuses.push(v.runningStatus);
    });
    try {
      await cdp.send('ServiceWorker.enable');
      await waitUntil(() => statuses.at(-1) === 'running', {
        timeout, interval: 10, message: `CDP to report ${this.label}'s worker running before the stop`,
      });
      statuses.length = 0;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitUntil(() => statuses.at(-1) === 'stopped', {
        timeout, interval: 10, message: `CDP to report ${this.label}'s worker stopped`,
      });
    } catch (err) {
      await cdp.detach().catch(() => {});
      throw err;
    }
    const running = () => statuses.lastIndexOf('running') > statuses.lastIndexOf('stopped');
    return {
      /** Whether something woke the worker since the stop (which would spoil a cold start). */
      running,
      restarted: async (wait = 15_000) => {
        try {
          await waitUntil(running, { timeout: wait, interval: 10, message: `${this.label}'s worker to run again` });
        } finally {
          await cdp.detach().catch(() => {});
        }
      },
      detach: () => cdp.detach().catch(() => {}),
    };
  }

  async close() {
    await this.session.close();
  }
}
