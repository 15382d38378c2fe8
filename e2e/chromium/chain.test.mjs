// Chromium: a dApp switches itself to the local chain (EIP-3326) and reads it through Formica —
// read-only JSON-RPC goes from the Rust engine to a real anvil node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { DEV_ACCOUNT, rpc, startAnvil } from '../lib/anvil.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let anvil;
let session;
let server;
let dapp;

before(async () => {
  anvil = await startAnvil();
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  await dapp.evaluate(() => {
    window.__chains = [];
    window.ethereum.on('chainChanged', (c) => window.__chains.push(c));
  });
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

test('an unknown chain is 4902; a malformed switch is -32602 and changes nothing', async () => {
  const unknown = await checks.request(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0xdead' }] }]);
  assert.equal(unknown.error?.code, 4902);
  const malformed = await checks.request(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: 31337 }] }]);
  assert.equal(malformed.error?.code, -32602);
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x1');
});

test('switching to 31337 fires chainChanged; ethers and viem then read anvil through Formica', { timeout: 60_000 }, async () => {
  await checks.expectResult(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] }], null);
  await waitUntil(() => dapp.evaluate(() => window.__chains.includes('0x7a69')), { message: 'chainChanged(0x7a69)' });
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x7a69');
  const expected = BigInt(await rpc('eth_getBalance', [DEV_ACCOUNT, 'latest']));
  const viaEthers = await dapp.evaluate(async (a) => (await new window.ethers.BrowserProvider(window.ethereum).getBalance(a)).toString(), DEV_ACCOUNT);
  assert.equal(BigInt(viaEthers), expected);
  assert.equal(expected, 10_000n * 10n ** 18n);
  const block = await dapp.evaluate(async () => {
    const { createPublicClient, custom } = window.viem;
    return (await createPublicClient({ transport: custom(window.ethereum) }).getBlockNumber()).toString();
  });
  assert.equal(BigInt(block), BigInt(await rpc('eth_blockNumber')));
  // A node error comes back with the node's own code and message.
  const bad = await checks.request(dapp, [{ method: 'eth_getBalance', params: ['not-an-address', 'latest'] }]);
  assert.equal(bad.ok, false);
  assert.equal(typeof bad.error.code, 'number');
});

test('another origin stays on its own chain', { timeout: 30_000 }, async () => {
  const other = await session.newPage();
  try {
    await checks.openDapp(other, server.url.replace('127.0.0.1', 'localhost'));
    await checks.expectResult(other, [{ method: 'eth_chainId' }], '0x1');
  } finally {
    await other.close();
  }
});

test('ethers sends ETH on anvil through the transaction approval; the balances change', { timeout: 90_000 }, async () => {
  const { importMnemonic, ABANDON_ADDRESS } = await import('../lib/vault-flows.mjs');
  const { requestWithApproval } = await import('../lib/connect-flows.mjs');
  const { EXTENSION_ORIGIN } = await import('../lib/chromium.mjs');
  const approvalWindow = () => session.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
    timeout: 15_000,
  });
  await importMnemonic(await session.openExtensionPage('popup.html'));
  const connected = await requestWithApproval(dapp, { key: 'c', args: { method: 'eth_requestAccounts' }, findApprovalPage: approvalWindow });
  assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
  // Fund account 0 of the test mnemonic with anvil's dev cheat code.
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, '0x56bc75e2d63100000']); // 100 ETH
  const before = BigInt(await rpc('eth_getBalance', [DEV_ACCOUNT, 'latest']));
  await dapp.evaluate((to) => {
    window.__sent = new window.ethers.BrowserProvider(window.ethereum).getSigner()
      .then((s) => s.sendTransaction({ to, value: 10n ** 18n }))
      .then((tx) => ({ ok: true, hash: tx.hash }), (e) => ({ ok: false, m: String(e.message) }));
  }, DEV_ACCOUNT);
  const w = await approvalWindow();
  await new (await import('../pages/approval.mjs')).ApprovalPage(w).waitForReady();
  assert.equal(await w.textContent('[data-testid="tx-value"]'), '1 ETH');
  assert.equal(await w.textContent('[data-testid="tx-network"]'), 'Localhost 8545');
  await new (await import('../pages/approval.mjs')).ApprovalPage(w).approve();
  const sent = await dapp.evaluate(() => window.__sent);
  assert.equal(sent.ok, true, sent.m);
  const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [sent.hash]), { message: 'the receipt' });
  assert.equal(receipt.status, '0x1');
  assert.equal(receipt.from.toLowerCase(), ABANDON_ADDRESS.toLowerCase());
  assert.equal(BigInt(await rpc('eth_getBalance', [DEV_ACCOUNT, 'latest'])) - before, 10n ** 18n);
});
