// Chromium: adding networks — wallet_addEthereumChain (EIP-3085) of a second anvil chain through
// the approval window, the refusals that need no window, and settings → networks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { EXTENSION_ORIGIN, launchChromium } from '../lib/chromium.mjs';
import { rpcAt, startAnvil } from '../lib/anvil.mjs';
import { startRequest, outcome } from '../lib/connect-flows.mjs';
import { importMnemonic } from '../lib/vault-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { HomePage } from '../pages/home.mjs';
import { SettingsNetworksPage } from '../pages/settings-networks.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let second; // anvil, chain 31338 on 127.0.0.1:8546
let third; // anvil, chain 31339 on 127.0.0.1:8547
let session;
let server;
let dapp;
let approvalsOpened = 0;

const addChain = (chainId, rpcUrls, extra = {}) => ({
  method: 'wallet_addEthereumChain',
  params: [{
    chainId,
    chainName: 'Second Anvil',
    rpcUrls,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    ...extra,
  }],
});

before(async () => {
  second = await startAnvil({ port: 8546, chainId: 31338 });
  third = await startAnvil({ port: 8547, chainId: 31339 });
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  session.context.on('page', (p) => {
    if (p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`)) approvalsOpened += 1;
  });
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  await dapp.evaluate(() => {
    window.__chains = [];
    window.ethereum.on('chainChanged', (c) => window.__chains.push(c));
  });
  await importMnemonic(await session.openExtensionPage('popup.html'));
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await second?.stop();
  await third?.stop();
});

test('a chain id the node does not serve, http to another host, a bad currency: -32602 without a window', async () => {
  const mismatch = await checks.request(dapp, [addChain('0x7a6b', [second.url])]);
  assert.equal(mismatch.error?.code, -32602);
  assert.match(mismatch.error.message, /31338/);
  const http = await checks.request(dapp, [addChain('0x7a6a', ['http://192.0.2.10:8546'])]);
  assert.equal(http.error?.code, -32602);
  assert.match(http.error.message, /https/);
  const decimals = await checks.request(dapp, [addChain('0x7a6a', [second.url], { nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 6 } })]);
  assert.equal(decimals.error?.code, -32602);
  const unknownKey = await checks.request(dapp, [addChain('0x7a6a', [second.url], { evil: true })]);
  assert.equal(unknownKey.error?.code, -32602);
  assert.equal(approvalsOpened, 0, 'no approval window opened');
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x1');
});

test('adding the second anvil: approval window, then chainChanged and reads from that node', { timeout: 60_000 }, async () => {
  const opened = session.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
    timeout: 15_000,
  });
  // Rejected first: 4001, nothing added.
  await dapp.evaluate(startRequest, { key: 'reject', args: addChain('0x7a6a', [second.url]) });
  let window = new ApprovalPage(await opened);
  await window.waitForReady();
  await window.reject();
  assert.equal((await outcome(dapp, 'reject')).code, 4001);
  const again = session.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
    timeout: 15_000,
  });
  await dapp.evaluate(startRequest, { key: 'add', args: addChain('0x7a6a', [second.url]) });
  const page = await again;
  window = new ApprovalPage(page);
  await window.waitForReady();
  assert.equal(await window.origin(), server.url.replace(/\/$/, ''));
  assert.equal((await page.textContent('[data-testid="add-network-chain-id"]')).trim(), '31338');
  assert.equal((await page.textContent('[data-testid="add-network-rpc-url"]')).trim(), second.url);
  await window.approve();
  assert.deepEqual(await outcome(dapp, 'add'), { ok: true, result: null });
  await waitUntil(() => dapp.evaluate(() => window.__chains.includes('0x7a6a')), { message: 'chainChanged(0x7a6a)' });
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x7a6a');
  await rpcAt(second.url, 'evm_mine');
  const block = await checks.request(dapp, [{ method: 'eth_blockNumber' }]);
  assert.equal(block.result, await rpcAt(second.url, 'eth_blockNumber'));
  // Asking again for a chain the wallet now knows is a switch, without a window.
  await checks.expectResult(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }], null);
  const before = approvalsOpened;
  await checks.expectResult(dapp, [addChain('0x7a6a', [second.url])], null);
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x7a6a');
  assert.equal(approvalsOpened, before);
});

test('settings → networks adds a checked network that network-select then offers', { timeout: 60_000 }, async () => {
  const popup = await session.openExtensionPage('popup.html');
  const home = await new HomePage(popup).waitForReady();
  assert.ok((await home.networks()).includes('Second Anvil'), 'the network added by the site is listed');
  await home.openSettings();
  const networks = await new SettingsNetworksPage(popup).open();
  // Refusals, each with a clear error and nothing added.
  await networks.addNetwork({ name: 'Third Anvil', rpcUrl: third.url, chainId: 31_340 });
  await waitUntil(async () => /31339/.test(await networks.error()), { message: 'the chain id mismatch error' });
  await networks.addNetwork({ name: 'Third Anvil', rpcUrl: 'http://192.0.2.10:8547', chainId: 31_339 });
  await waitUntil(async () => /https/.test(await networks.error()), { message: 'the http error' });
  // A NEO network is checked by its node (nothing answers on this port), a Solana one is not
  // offered yet.
  await networks.addNetwork({ family: 'solana', name: 'Solana local', rpcUrl: 'http://127.0.0.1:50013', chainId: 1 });
  await waitUntil(async () => /not supported/.test(await networks.error()), { message: 'the unsupported family error' });
  await networks.addNetwork({ family: 'neo', name: 'NEO local', rpcUrl: 'http://127.0.0.1:50012', chainId: 1234 });
  await waitUntil(async () => /NEO network magic/.test(await networks.error()), { message: 'the NEO network error' });
  await networks.addNetwork({ name: 'Third Anvil', rpcUrl: third.url, chainId: 31_339 });
  await networks.driver.gone('network-error');
  await popup.goto(`${EXTENSION_ORIGIN}/popup.html#/`);
  const labels = await new HomePage(popup).waitForReady().then((h) => h.networks());
  assert.ok(labels.includes('Third Anvil'), `network-select offers it: ${labels}`);
  // Selecting it moves sites that follow the popup, and they read the third node.
  await new HomePage(popup).selectNetwork('0x7a6b');
  await waitUntil(() => dapp.evaluate(() => window.__chains.includes('0x7a6b')), { message: 'chainChanged(0x7a6b)' });
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x7a6b');
});
