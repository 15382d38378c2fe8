// Page object: the send screen (`popup.html#/send`).
import { Driver } from './driver.mjs';

export const SEND_IDS = Object.freeze({
  open: 'send',
  to: 'send-to',
  amount: 'send-amount',
  asset: 'send-asset',
  feeLevel: 'send-fee-level',
  review: 'send-review',
  summary: 'send-summary',
  summaryTo: 'send-summary-to',
  summaryAmount: 'send-summary-amount',
  confirm: 'send-confirm',
  error: 'send-error',
});

export class SendPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(SEND_IDS.to, { timeout });
    return this;
  }

  /**
   * Fills the form; `asset` is a token address, or '' for the native currency. Selecting waits
   * for the option, which appears once the engine has listed the tokens.
   */
  async fill({ to, amount, asset = '', fee = 'market' }) {
    await this.driver.fill(SEND_IDS.to, to);
    await this.driver.page.waitForSelector(`[data-testid="${SEND_IDS.asset}"] option[value="${asset}"]`, { state: 'attached' });
    await this.driver.select(SEND_IDS.asset, asset);
    await this.driver.fill(SEND_IDS.amount, amount);
    await this.driver.select(SEND_IDS.feeLevel, fee);
  }

  /** Asks for the review; resolves to {to, amount} shown, or {error}. */
  async review() {
    await this.driver.click(SEND_IDS.review);
    const shown = await Promise.race([
      this.driver.find(SEND_IDS.summary).then(() => 'summary'),
      this.driver.find(SEND_IDS.error).then(() => 'error'),
    ]);
    if (shown === 'error') return { error: await this.driver.text(SEND_IDS.error) };
    return { to: await this.driver.text(SEND_IDS.summaryTo), amount: await this.driver.text(SEND_IDS.summaryAmount) };
  }

  confirm() { return this.driver.click(SEND_IDS.confirm); }
  error() { return this.driver.text(SEND_IDS.error); }
}
