// Page object: the unlock screen (a wallet exists and is locked).
import { Driver } from './driver.mjs';

export const UNLOCK_IDS = Object.freeze({
  password: 'unlock-password',
  submit: 'unlock-submit',
  error: 'unlock-error',
});

export class UnlockPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(UNLOCK_IDS.password, { timeout });
    return this;
  }

  async unlock(password) {
    await this.driver.fill(UNLOCK_IDS.password, password);
    // In an approval window, unlocking can answer the approval and close the window.
    await this.driver.clickClosing(UNLOCK_IDS.submit);
  }

  error() { return this.driver.text(UNLOCK_IDS.error); }
}
