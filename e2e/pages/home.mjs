// Page object: the home screen (unlocked wallet).
import { Driver } from './driver.mjs';

export const HOME_IDS = Object.freeze({
  address: 'account-address',
  balance: 'account-balance',
  lock: 'lock',
  settings: 'settings',
  network: 'network-select',
  family: 'chain-family-select',
});

export class HomePage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(HOME_IDS.address, { timeout });
    return this;
  }

  address() { return this.driver.text(HOME_IDS.address); }
  balance() { return this.driver.text(HOME_IDS.balance); }
  lock() { return this.driver.click(HOME_IDS.lock); }
  openSettings() { return this.driver.click(HOME_IDS.settings); }

  /** Network names offered by `network-select`. */
  networks() { return this.driver.optionLabels(HOME_IDS.network); }
  selectNetwork(value) { return this.driver.select(HOME_IDS.network, value); }

  /** Family names offered by `chain-family-select` (EVM, NEO, Solana). */
  families() { return this.driver.optionLabels(HOME_IDS.family); }
  selectFamily(value) { return this.driver.select(HOME_IDS.family, value); }
}
