// Page object: the activity screen (`popup.html#/activity`).
import { Driver } from './driver.mjs';

export const ACTIVITY_IDS = Object.freeze({
  open: 'activity-open',
  list: 'activity',
  item: 'activity-item',
  amount: 'activity-amount',
  error: 'activity-error',
});

export class ActivityPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(ACTIVITY_IDS.list, { timeout });
    return this;
  }

  /** Every item shown: {hash, status, amount}, newest first. */
  items() {
    return this.driver.page.$$eval('[data-testid="activity-item"]', (els) => els.map((el) => ({
      hash: el.dataset.hash,
      status: el.dataset.status,
      amount: el.querySelector('[data-testid="activity-amount"]')?.textContent.trim(),
    })));
  }

  async item(hash) {
    return (await this.items()).find((i) => i.hash === hash) ?? null;
  }
}
