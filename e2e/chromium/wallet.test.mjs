// Chromium against anvil: the popup as a wallet — a dApp's wallet_watchAsset, balances on home,
// sends of ETH and of an ERC-20 from the popup, the activity list (confirmed, failed, and a
// pending transaction that settles after a worker restart), and revoking a connected site.
// The token is OpenZeppelin's published ERC20PresetFixedSupply (testdata/evm/erc20/).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ethers } from 'ethers';
import * as checks from '../lib/checks.mjs';
import { EXTENSION_ORIGIN, launchChromium } from '../lib/chromium.mjs';
import { rpc, startAnvil } from '../lib/anvil.mjs';
import { ERC20_ABI, deployToken } from '../lib/erc20.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { outcome, recordAccountsChanged, recordedAccountsChanged, requestWithApproval, startRequest } from '../lib/connect-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { startDappServer } from '../dapp/serve.mjs';
import { ActivityPage } from '../pages/activity.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { HomePage } from '../pages/home.mjs';
import { SendPage } from '../pages/send.mjs';
import { WalletPage } from '../pages/wallet.mjs';

/** anvil's third dev account: a plain recipient. */
const RECIPIENT = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const ERC20 = new ethers.Interface(ERC20_ABI);
const E18 = 10n ** 18n;

let anvil;
let session;
let server;
let dapp;
let popup;
let token;

const approvalWindow = () => session.context.waitForEvent('page', {
  predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
  timeout: 15_000,
});

async function receiptOf(hash) {
  return waitUntil(() => rpc('eth_getTransactionReceipt', [hash]), { timeout: 15_000, message: `the receipt of ${hash}` });
}

async function tokenBalance(owner) {
  const data = ERC20.encodeFunctionData('balanceOf', [owner]);
  return BigInt(await rpc('eth_call', [{ to: token, data }, 'latest']));
}

/** Opens the popup at `hash` in a fresh tab (the popup is a page that opens and closes). */
async function openPopup(hash = '') {
  await popup?.close();
  popup = await session.openExtensionPage(`popup.html${hash}`);
  return popup;
}

async function waitForStatus(hash, status) {
  const activity = new ActivityPage(popup);
  await activity.waitForReady();
  return waitUntil(async () => (await activity.item(hash))?.status === status, {
    timeout: 20_000,
    message: `activity to show ${hash} as ${status}`,
  });
}

/** The hash of the newest activity item, once the list shows more than `count` items. */
async function newestAfter(count) {
  const activity = new ActivityPage(popup);
  await activity.waitForReady();
  const items = await waitUntil(async () => {
    const list = await activity.items();
    return list.length > count ? list : null;
  }, { timeout: 20_000, message: `a new activity item (had ${count})` });
  return items[0];
}

before(async () => {
  anvil = await startAnvil();
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  // The wallet: the test mnemonic, on the local chain, with 100 ETH.
  await importMnemonic(await openPopup());
  await new HomePage(popup).selectNetwork('0x7a69');
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, ethers.toQuantity(100n * E18)]);
  // The token: 1,000 TST, all owned by the wallet's account, deployed by anvil's dev account.
  token = ethers.getAddress(await deployToken({ name: 'Formica Test Token', symbol: 'TST', supply: 1000n, owner: ABANDON_ADDRESS }));
  assert.equal(await tokenBalance(ABANDON_ADDRESS), 1000n * E18);
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  await dapp.evaluate(recordAccountsChanged);
  const connected = await requestWithApproval(dapp, { key: 'connect', args: { method: 'eth_requestAccounts' }, findApprovalPage: approvalWindow });
  assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
}, { timeout: 120_000 });

after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

test('home shows the native balance of the selected account on the selected network', { timeout: 30_000 }, async () => {
  await openPopup();
  const wallet = new WalletPage(popup);
  await waitUntil(async () => (await wallet.balance()) === '100 ETH', { message: 'account-balance "100 ETH"' });
  // A new block with a new balance: the open popup follows without a reload.
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, ethers.toQuantity(101n * E18)]);
  await rpc('evm_mine', []);
  await waitUntil(async () => (await wallet.balance()) === '101 ETH', { message: 'account-balance "101 ETH" after a new block' });
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, ethers.toQuantity(100n * E18)]);
  await rpc('evm_mine', []);
  await waitUntil(async () => (await wallet.balance()) === '100 ETH', { message: 'account-balance back to "100 ETH"' });
});

test('wallet_watchAsset: the contract\'s symbol and decimals are shown; a false claim is called out; approve → true and the token shows with its balance', { timeout: 60_000 }, async () => {
  // A claim that differs from the contract: flagged; rejected → 4001.
  await dapp.evaluate(startRequest, { key: 'w1', args: { method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: token, symbol: 'USDC', decimals: 6 } } } });
  let w = await approvalWindow();
  const approval = new ApprovalPage(w);
  await approval.waitForReady();
  assert.equal(await w.textContent('[data-testid="watch-asset-symbol"]'), 'TST');
  assert.equal(await w.textContent('[data-testid="watch-asset-decimals"]'), '18');
  assert.ok(await w.$('[data-testid="watch-asset-mismatch"]'), 'the mismatch is called out');
  await approval.reject();
  assert.equal((await outcome(dapp, 'w1')).code, 4001);
  // Not a contract: refused with -32602 and no window.
  const eoa = await checks.request(dapp, [{ method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: RECIPIENT, symbol: 'X', decimals: 18 } } }]);
  assert.equal(eoa.error?.code, -32602);
  assert.match(eoa.error.message, /no contract/);
  // Malformed: -32602; another asset type: 4200.
  const bad = await checks.request(dapp, [{ method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: token, decimals: 99 } } }]);
  assert.equal(bad.error?.code, -32602);
  const nft = await checks.request(dapp, [{ method: 'wallet_watchAsset', params: { type: 'ERC721', options: { address: token } } }]);
  assert.equal(nft.error?.code, 4200);
  // The right claim: approved → true.
  await dapp.evaluate(startRequest, { key: 'w2', args: { method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: token, symbol: 'TST', decimals: 18 } } } });
  w = await approvalWindow();
  await new ApprovalPage(w).waitForReady();
  assert.equal(await w.$('[data-testid="watch-asset-mismatch"]'), null);
  await new ApprovalPage(w).approve();
  assert.deepEqual(await outcome(dapp, 'w2'), { ok: true, result: true });
  await openPopup();
  const wallet = new WalletPage(popup);
  const tokens = await waitUntil(async () => {
    const list = await wallet.tokens();
    return list.length === 1 && list[0].balance === '1000' ? list : null;
  }, { message: 'the token row with balance 1000' });
  assert.deepEqual(tokens, [{ address: token, symbol: 'TST', balance: '1000' }]);
});

test('tokens are added by hand (symbol and decimals from the chain) and removed; a non-token is refused', { timeout: 30_000 }, async () => {
  await openPopup();
  const wallet = new WalletPage(popup);
  await waitUntil(async () => (await wallet.tokens()).length === 1, { message: 'the watched token' });
  await wallet.removeToken(token);
  await waitUntil(async () => (await wallet.tokens()).length === 0, { message: 'the token removed' });
  await wallet.addToken(RECIPIENT);
  await wallet.driver.find('token-error');
  await wallet.addToken(token.toLowerCase());
  const tokens = await waitUntil(async () => {
    const list = await wallet.tokens();
    return list.length === 1 ? list : null;
  }, { message: 'the token added by hand' });
  assert.deepEqual(tokens, [{ address: token, symbol: 'TST', balance: '1000' }]);
});

test('send ETH from the popup: checksum enforced, lowercase accepted and shown checksummed, mined, balances change, activity confirmed', { timeout: 60_000 }, async () => {
  await openPopup('#/send');
  const send = new SendPage(popup);
  await send.waitForReady();
  // A mixed-case address with a wrong checksum is refused.
  const badChecksum = `0x3c${RECIPIENT.slice(4)}`;
  await send.fill({ to: badChecksum, amount: '1.5' });
  assert.match((await send.review()).error, /checksum/);
  // More decimals than ether has, and more than the balance: refused.
  await send.fill({ to: RECIPIENT.toLowerCase(), amount: '0.0000000000000000001' });
  assert.match((await send.review()).error, /18 decimals/);
  await send.fill({ to: RECIPIENT.toLowerCase(), amount: '100.5' });
  assert.match((await send.review()).error, /Not enough funds/);
  const before = BigInt(await rpc('eth_getBalance', [RECIPIENT, 'latest']));
  const txCount = BigInt(await rpc('eth_getTransactionCount', [ABANDON_ADDRESS, 'latest']));
  assert.equal(txCount, 0n, 'nothing was sent by the refused forms');
  await send.fill({ to: RECIPIENT.toLowerCase(), amount: '1.5', fee: 'aggressive' });
  const review = await send.review();
  assert.deepEqual(review, { to: RECIPIENT, amount: '1.5 ETH' });
  await send.confirm();
  const item = await newestAfter(0);
  assert.equal(item.amount, '1.5 ETH');
  const receipt = await receiptOf(item.hash);
  assert.equal(receipt.status, '0x1');
  assert.equal(BigInt(await rpc('eth_getBalance', [RECIPIENT, 'latest'])) - before, 15n * E18 / 10n);
  await waitForStatus(item.hash, 'confirmed');
  await openPopup();
  const wallet = new WalletPage(popup);
  const spent = await waitUntil(async () => {
    const shown = await wallet.balance();
    return shown !== '100 ETH' && shown.endsWith(' ETH') ? shown : null;
  }, { message: 'the balance after the send' });
  const left = ethers.parseEther(spent.replace(' ETH', ''));
  assert.equal(left, BigInt(await rpc('eth_getBalance', [ABANDON_ADDRESS, 'latest'])));
  assert.ok(left < 985n * E18 / 10n, `fee paid (${spent})`);
});

test('send the token from the popup: exact amount in token units, mined, token balances change, activity confirmed', { timeout: 60_000 }, async () => {
  await openPopup('#/send');
  const send = new SendPage(popup);
  await send.waitForReady();
  await send.fill({ to: RECIPIENT, amount: '1000.5', asset: token });
  assert.match((await send.review()).error, /Not enough funds/);
  await send.fill({ to: RECIPIENT, amount: '250.25', asset: token, fee: 'low' });
  assert.deepEqual(await send.review(), { to: RECIPIENT, amount: '250.25 TST' });
  await send.confirm();
  const item = await newestAfter(1);
  assert.equal(item.amount, '250.25 TST');
  assert.equal((await receiptOf(item.hash)).status, '0x1');
  assert.equal(await tokenBalance(RECIPIENT), 25025n * E18 / 100n);
  assert.equal(await tokenBalance(ABANDON_ADDRESS), 74975n * E18 / 100n);
  await waitForStatus(item.hash, 'confirmed');
  await openPopup();
  await waitUntil(async () => (await new WalletPage(popup).tokens())[0]?.balance === '749.75', { message: 'token balance 749.75 on home' });
});

test('a transaction that reverts shows as failed', { timeout: 60_000 }, async () => {
  // A transfer of more tokens than the account has, with the gas given (so no estimate stops
  // it): mined, and reverted.
  const data = ERC20.encodeFunctionData('transfer', [RECIPIENT, 10n ** 30n]);
  await dapp.evaluate(startRequest, { key: 'revert', args: { method: 'eth_sendTransaction', params: [{ from: ABANDON_ADDRESS, to: token, data, gas: '0x30000' }] } });
  const w = await approvalWindow();
  await new ApprovalPage(w).waitForReady();
  await new ApprovalPage(w).approve();
  const sent = await outcome(dapp, 'revert');
  assert.equal(sent.ok, true, sent.message);
  assert.equal((await receiptOf(sent.result)).status, '0x0');
  await openPopup('#/activity');
  await waitForStatus(sent.result, 'failed');
});

test('activity survives a worker restart, and a transaction pending across it settles afterwards', { timeout: 90_000 }, async () => {
  await rpc('evm_setAutomine', [false]);
  try {
    await openPopup('#/send');
    const send = new SendPage(popup);
    await send.waitForReady();
    await send.fill({ to: RECIPIENT, amount: '0.25' });
    assert.deepEqual(await send.review(), { to: RECIPIENT, amount: '0.25 ETH' });
    await send.confirm();
    const item = await newestAfter(3);
    await waitForStatus(item.hash, 'pending');
    await popup.close();
    popup = null;
    const stop = await session.stopServiceWorkers(dapp);
    try {
      await openPopup('#/activity');
      await stop.restarted();
    } finally {
      await stop.detach();
    }
    const activity = new ActivityPage(popup);
    await activity.waitForReady();
    const items = await waitUntil(async () => {
      const list = await activity.items();
      return list.length === 4 ? list : null;
    }, { message: 'all four transactions after the restart' });
    assert.deepEqual(items.map((i) => i.status), ['pending', 'failed', 'confirmed', 'confirmed']);
    await rpc('evm_mine', []);
    await waitForStatus(item.hash, 'confirmed');
  } finally {
    await rpc('evm_setAutomine', [true]);
  }
});

test('connected sites: revoking the dApp in settings sends it accountsChanged([])', { timeout: 30_000 }, async () => {
  await openPopup('#/settings');
  const wallet = new WalletPage(popup);
  const origin = new URL(server.url).origin;
  assert.deepEqual(await wallet.sites(), [origin]);
  await wallet.revoke(origin);
  await waitUntil(async () => (await wallet.sites()).length === 0, { message: 'the site gone from the list' });
  await waitUntil(async () => {
    const events = await dapp.evaluate(recordedAccountsChanged);
    return events.length > 0 && events.at(-1).length === 0;
  }, { message: 'accountsChanged([]) in the dApp' });
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], []);
});
