// Page object: the NEO home's balances and its NEP-17 send (`popup.html#/` with the NEO family).
import { Driver, byTestId } from './driver.mjs';

export const NEO_HOME_IDS = Object.freeze({
  balances: 'neo-balances',
  balance: 'neo-balance',
  send: 'neo-send',
  asset: 'neo-send-asset',
  to: 'neo-send-to',
  amount: 'neo-send-amount',
  review: 'neo-send-review',
  summary: 'neo-send-summary',
  summaryAmount: 'neo-send-summary-amount',
  summaryTo: 'neo-send-summary-to',
  confirm: 'neo-send-confirm',
  result: 'neo-send-result',
  error: 'neo-send-error',
});

export class NeoHomePage {
  constructor(page) {
    this.driver = new Driver(page);
    this.page = page;
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(NEO_HOME_IDS.balances, { timeout, visible: false });
    return this;
  }

  /** The amount shown for the token `contract` (`0x…`), or null when it is not listed. */
  async balanceOf(contract) {
    const row = await this.page.$(`${byTestId(NEO_HOME_IDS.balance)}[data-contract="${contract}"] .amount`);
    return row ? row.evaluate((el) => el.textContent.trim()) : null;
  }

  /** Opens the send section and fills it; `asset` is `NEO`, `GAS` or a token's `0x…` hash. */
  async fillSend({ asset = 'GAS', to, amount }) {
    const details = await this.driver.find(NEO_HOME_IDS.send);
    if (!(await details.evaluate((d) => d.open))) await this.page.click(`${byTestId(NEO_HOME_IDS.send)} summary`);
    // The options appear once the balances are read.
    await this.page.waitForSelector(`${byTestId(NEO_HOME_IDS.asset)} option[value="${asset}"]`, this.driver.playwright ? { state: 'attached' } : {});
    await this.driver.select(NEO_HOME_IDS.asset, asset);
    await this.driver.fill(NEO_HOME_IDS.to, to);
    await this.driver.fill(NEO_HOME_IDS.amount, amount);
  }

  /** Asks for the review; resolves to {amount, to} shown, or {error}. */
  async review() {
    await this.driver.click(NEO_HOME_IDS.review);
    const shown = await Promise.race([
      this.driver.find(NEO_HOME_IDS.summary).then(() => 'summary'),
      this.driver.find(NEO_HOME_IDS.error).then(() => 'error'),
    ]);
    if (shown === 'error') return { error: await this.driver.text(NEO_HOME_IDS.error) };
    return { amount: await this.driver.text(NEO_HOME_IDS.summaryAmount), to: await this.driver.text(NEO_HOME_IDS.summaryTo) };
  }

  /** Confirms the reviewed send; resolves to the txid the wallet reports. */
  async confirm() {
    await this.driver.click(NEO_HOME_IDS.confirm);
    const result = await this.page.waitForSelector(`${byTestId(NEO_HOME_IDS.result)}[data-txid]`);
    return result.evaluate((el) => el.dataset.txid);
  }
}
