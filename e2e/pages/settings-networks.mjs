// Page object: settings → networks (list, add a custom network).
import { Driver } from './driver.mjs';

export const NETWORK_IDS = Object.freeze({
  open: 'settings-networks',
  add: 'network-add',
  family: 'network-family',
  name: 'network-name',
  rpcUrl: 'network-rpc-url',
  chainId: 'network-chain-id',
  save: 'network-save',
  error: 'network-error',
});

export class SettingsNetworksPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  /** From the settings screen, opens the network list. */
  async open() {
    await this.driver.click(NETWORK_IDS.open);
    await this.driver.find(NETWORK_IDS.add);
    return this;
  }

  /** Adds a network: `family` is `evm`, `neo` or `solana`; `chainId` is the EVM chain id or NEO magic. */
  async addNetwork({ family = 'evm', name, rpcUrl, chainId }) {
    await this.driver.click(NETWORK_IDS.add);
    await this.driver.select(NETWORK_IDS.family, family);
    await this.driver.fill(NETWORK_IDS.name, name);
    await this.driver.fill(NETWORK_IDS.rpcUrl, rpcUrl);
    await this.driver.fill(NETWORK_IDS.chainId, String(chainId));
    await this.driver.click(NETWORK_IDS.save);
  }

  error() { return this.driver.text(NETWORK_IDS.error); }
}
