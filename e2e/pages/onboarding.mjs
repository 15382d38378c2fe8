// Page object: the onboarding screen (first run: create or import a wallet).
import { Driver } from './driver.mjs';

export const ONBOARDING_IDS = Object.freeze({
  root: 'onboarding',
  create: 'create-wallet',
  import: 'import-wallet',
  mnemonic: 'import-mnemonic',
  newPassword: 'new-password',
  confirmPassword: 'confirm-password',
  submit: 'onboarding-submit',
  word: 'mnemonic-word',
  error: 'onboarding-error',
});

export class OnboardingPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  /** Waits until the onboarding screen shows both entry buttons. */
  async waitForReady(timeout = 15_000) {
    await this.driver.find(ONBOARDING_IDS.root, { timeout, visible: false });
    await this.driver.find(ONBOARDING_IDS.create, { timeout });
    await this.driver.find(ONBOARDING_IDS.import, { timeout });
    return this;
  }

  createLabel() { return this.driver.text(ONBOARDING_IDS.create); }
  importLabel() { return this.driver.text(ONBOARDING_IDS.import); }

  startCreate() { return this.driver.click(ONBOARDING_IDS.create); }
  startImport() { return this.driver.click(ONBOARDING_IDS.import); }

  /** The words of the new wallet's mnemonic, in order (shown after "create"). */
  mnemonicWords() { return this.driver.texts(ONBOARDING_IDS.word); }

  enterMnemonic(phrase) { return this.driver.fill(ONBOARDING_IDS.mnemonic, phrase); }

  async setPassword(password, confirmation = password) {
    await this.driver.fill(ONBOARDING_IDS.newPassword, password);
    await this.driver.fill(ONBOARDING_IDS.confirmPassword, confirmation);
  }

  submit() { return this.driver.click(ONBOARDING_IDS.submit); }
  error() { return this.driver.text(ONBOARDING_IDS.error); }

  screenshot(path) { return this.driver.screenshot(path); }
}
