// Page object: creating a wallet (password → the words → picking them back in order).
import { Driver } from './driver.mjs';
import { ONBOARDING_IDS } from './onboarding.mjs';

export const CREATE_IDS = Object.freeze({
  wordCount: 'word-count',
  confirmWord: 'confirm-word',
  confirmPicked: 'confirm-picked',
  progress: 'kdf-progress',
});

export class CreatePage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  /** From the password step to the confirm step; returns the words shown. */
  async passwordAndWords(password, { words = '12' } = {}) {
    await this.driver.fill(ONBOARDING_IDS.newPassword, password);
    await this.driver.fill(ONBOARDING_IDS.confirmPassword, password);
    await this.driver.select(CREATE_IDS.wordCount, words);
    await this.driver.click(ONBOARDING_IDS.submit);
    await this.driver.find(ONBOARDING_IDS.word);
    const shown = await this.driver.texts(ONBOARDING_IDS.word);
    await this.driver.click(ONBOARDING_IDS.submit);
    await this.driver.find(CREATE_IDS.confirmWord);
    return shown;
  }

  /** Clicks the confirmation buttons whose labels are `words`, in that order. */
  async pick(words) {
    for (const word of words) {
      const buttons = await this.driver.page.$$(`[data-testid="${CREATE_IDS.confirmWord}"]:not([disabled])`);
      let clicked = false;
      for (const b of buttons) {
        if ((await b.evaluate((el) => el.textContent.trim())) === word) {
          await b.click();
          clicked = true;
          break;
        }
      }
      if (!clicked) throw new Error(`no enabled confirm-word button "${word}"`);
    }
  }

  submit() { return this.driver.click(ONBOARDING_IDS.submit); }
  error() { return this.driver.text(ONBOARDING_IDS.error); }
}
