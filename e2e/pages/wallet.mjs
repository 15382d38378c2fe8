// Page object: the wallet part of home — balance, token list, adding and removing tokens —
// and the connected sites in settings.
import { Driver } from './driver.mjs';

export const WALLET_IDS = Object.freeze({
  balance: 'account-balance',
  balanceError: 'balance-error',
  tokenList: 'token-list',
  tokenRow: 'token-row',
  tokenSymbol: 'token-symbol',
  tokenBalance: 'token-balance',
  tokenRemove: 'token-remove',
  tokenAddAddress: 'token-add-address',
  tokenAdd: 'token-add',
  tokenError: 'token-error',
  sites: 'connected-sites',
  site: 'connected-site',
  siteRevoke: 'connected-site-revoke',
});

export class WalletPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  balance() { return this.driver.text(WALLET_IDS.balance); }

  /** Every token row: {address, symbol, balance}. */
  tokens() {
    return this.driver.page.$$eval('[data-testid="token-row"]', (els) => els.map((el) => ({
      address: el.dataset.address,
      symbol: el.querySelector('[data-testid="token-symbol"]')?.textContent.trim(),
      balance: el.querySelector('[data-testid="token-balance"]')?.textContent.trim(),
    })));
  }

  async addToken(address) {
    await this.driver.fill(WALLET_IDS.tokenAddAddress, address);
    await this.driver.click(WALLET_IDS.tokenAdd);
  }

  removeToken(address) {
    return this.driver.page.click(`[data-testid="token-row"][data-address="${address}"] [data-testid="token-remove"]`);
  }

  /** Origins listed under connected sites. */
  async sites() {
    await this.driver.find(WALLET_IDS.sites);
    return this.driver.page.$$eval('[data-testid="connected-site"]', (els) => els.map((el) => el.dataset.origin));
  }

  revoke(origin) {
    return this.driver.page.click(`[data-testid="connected-site"][data-origin="${origin}"] [data-testid="connected-site-revoke"]`);
  }
}
