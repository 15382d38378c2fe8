// Page object: NEO multisig (`popup.html#/multisig`): kept multisig accounts, a transfer
// proposed from one, and the context being signed.
import { Driver } from './driver.mjs';
import { waitUntil } from '../lib/wait.mjs';

export const MULTISIG_IDS = Object.freeze({
  list: 'neo-multisig-list',
  row: 'neo-multisig-row',
  address: 'neo-multisig-address',
  remove: 'neo-multisig-remove',
  add: 'neo-multisig-add',
  name: 'neo-multisig-name',
  threshold: 'neo-multisig-threshold',
  keys: 'neo-multisig-keys',
  addMine: 'neo-multisig-add-mine',
  save: 'neo-multisig-save',
  error: 'neo-multisig-error',
  send: 'neo-ms-send',
  from: 'neo-ms-from',
  asset: 'neo-ms-asset',
  to: 'neo-ms-to',
  amount: 'neo-ms-amount',
  propose: 'neo-ms-propose',
  context: 'neo-context',
  check: 'neo-context-check',
  review: 'neo-context-review',
  network: 'neo-context-network',
  signer: 'neo-context-signer',
  progress: 'neo-context-progress',
  status: 'neo-context-status',
  account: 'neo-context-account',
  sign: 'neo-context-sign',
  relay: 'neo-context-relay',
  result: 'neo-context-result',
  contextError: 'neo-context-error',
});

export class NeoMultisigPage {
  constructor(page) {
    this.driver = new Driver(page);
    this.page = page;
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(MULTISIG_IDS.list, { timeout });
    return this;
  }

  /** Opens the `<details>` section `id` (clicking its summary would close an open one). */
  async open(id) {
    const details = await this.driver.find(id);
    if (!(await details.evaluate((d) => d.open))) await this.page.click(`[data-testid="${id}"] summary`);
  }

  /** Adds an m-of-n account: `keys` typed one per line, `mine` first adds the wallet's own key. */
  async addAccount({ name, threshold, keys = [], mine = false }) {
    await this.open(MULTISIG_IDS.add);
    await this.driver.fill(MULTISIG_IDS.name, name);
    await this.driver.fill(MULTISIG_IDS.threshold, String(threshold));
    await this.driver.fill(MULTISIG_IDS.keys, keys.join('\n'));
    if (mine) await this.driver.click(MULTISIG_IDS.addMine);
    await this.driver.click(MULTISIG_IDS.save);
  }

  /** The addresses listed, in order. */
  async addresses() {
    if (!(await this.driver.exists(MULTISIG_IDS.address))) return [];
    return this.driver.texts(MULTISIG_IDS.address);
  }

  async proposeTransfer({ asset, to, amount }) {
    await this.open(MULTISIG_IDS.send);
    await this.driver.select(MULTISIG_IDS.asset, asset);
    await this.driver.fill(MULTISIG_IDS.to, to);
    await this.driver.fill(MULTISIG_IDS.amount, amount);
    await this.driver.click(MULTISIG_IDS.propose);
  }

  /** The context JSON being worked on. */
  context() { return this.driver.text(MULTISIG_IDS.context); }

  /** Pastes a context (as a co-signer sends it) and has it reviewed. */
  async pasteContext(json) {
    await this.driver.fill(MULTISIG_IDS.context, typeof json === 'string' ? json : JSON.stringify(json));
    await this.driver.click(MULTISIG_IDS.check);
  }

  /** Waits for the review whose progress lines satisfy `ready(progress[])`; returns them. */
  async progress(ready = () => true, timeout = 15_000) {
    return waitUntil(async () => {
      if (!(await this.driver.exists(MULTISIG_IDS.progress))) return null;
      const lines = await this.driver.texts(MULTISIG_IDS.progress);
      return ready(lines) ? lines : null;
    }, { timeout, message: 'the context review' });
  }

  async complete() {
    const el = await this.driver.find(MULTISIG_IDS.status);
    return (await el.evaluate((e) => e.dataset.complete)) === 'true';
  }

  sign() { return this.driver.click(MULTISIG_IDS.sign); }
  relay() { return this.driver.click(MULTISIG_IDS.relay); }
  result() { return this.driver.text(MULTISIG_IDS.result, { timeout: 20_000 }); }
}
