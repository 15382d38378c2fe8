// Chromium against anvil: EIP-5792 — wallet_getCapabilities, wallet_sendCalls of two transfers
// (ETH and an ERC-20) through one approval, wallet_getCallsStatus 200 with both receipts, also
// after the worker is force-stopped; atomicRequired → 5760, an unknown id → 5730.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ethers } from 'ethers';
import * as checks from '../lib/checks.mjs';
import { EXTENSION_ORIGIN, launchChromium } from '../lib/chromium.mjs';
import { DEV_ACCOUNT, rpc, startAnvil } from '../lib/anvil.mjs';
import { balanceOf, deployToken } from '../lib/erc20.mjs';
import { outcome, requestWithApproval, startRequest } from '../lib/connect-flows.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { startDappServer } from '../dapp/serve.mjs';

const RECIPIENT = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'; // anvil dev account 2
let anvil;
let session;
let server;
let dapp;
let token;

const approvalWindow = () => session.context.waitForEvent('page', {
  predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
  timeout: 15_000,
});

const batch = (calls, extra = {}) => ({
  method: 'wallet_sendCalls',
  params: [{ version: '2.0.0', chainId: '0x7a69', from: ABANDON_ADDRESS, atomicRequired: false, calls, ...extra }],
});

before(async () => {
  anvil = await startAnvil();
  token = await deployToken({ symbol: 'TST', owner: ABANDON_ADDRESS });
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  await importMnemonic(await session.openExtensionPage('popup.html'));
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, '0x56bc75e2d63100000']); // 100 ETH
  await checks.expectResult(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] }], null);
  const connected = await requestWithApproval(dapp, { key: 'connect', args: { method: 'eth_requestAccounts' }, findApprovalPage: approvalWindow });
  assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

test('capabilities say atomic is unsupported; atomicRequired is 5760; an unknown id is 5730', async () => {
  await checks.expectResult(
    dapp,
    [{ method: 'wallet_getCapabilities', params: [ABANDON_ADDRESS, ['0x7a69']] }],
    { '0x7a69': { atomic: { status: 'unsupported' } } },
  );
  const atomic = await checks.request(dapp, [batch([{ to: RECIPIENT, value: '0x1' }], { atomicRequired: true })]);
  assert.equal(atomic.error?.code, 5760);
  const unknown = await checks.request(dapp, [{ method: 'wallet_getCallsStatus', params: ['0x1234'] }]);
  assert.equal(unknown.error?.code, 5730);
});

test('two transfers through one approval; getCallsStatus 200 with two receipts, also after a worker restart', { timeout: 90_000 }, async () => {
  const erc20 = new ethers.Interface(['function transfer(address,uint256)']);
  const ethBefore = BigInt(await rpc('eth_getBalance', [RECIPIENT, 'latest']));
  const opened = approvalWindow();
  await dapp.evaluate(startRequest, {
    key: 'batch',
    args: batch([
      { to: RECIPIENT, value: '0xde0b6b3a7640000' }, // 1 ETH
      { to: token, data: erc20.encodeFunctionData('transfer', [RECIPIENT, 3n * 10n ** 18n]) },
    ]),
  });
  const page = await opened;
  const window = new ApprovalPage(page);
  await window.waitForReady();
  const shown = await window.driver.texts('batch-call');
  assert.equal(shown.length, 2);
  assert.match(shown[0], /1 ETH/);
  assert.match(shown[1], /3 TST/);
  assert.equal(await window.hasRiskWarning(), false);
  await window.approve();
  const sent = await outcome(dapp, 'batch', { timeout: 30_000 });
  assert.equal(sent.ok, true, sent.message);
  const { id } = sent.result;
  assert.match(id, /^0x[0-9a-f]{64}$/);
  const status = async () => (await checks.request(dapp, [{ method: 'wallet_getCallsStatus', params: [id] }], 20_000)).result;
  const done = await waitUntil(async () => {
    const s = await status();
    return s?.status === 200 ? s : null;
  }, { timeout: 20_000, message: 'status 200' });
  assert.equal(done.receipts.length, 2);
  assert.deepEqual(done.receipts.map((r) => r.status), ['0x1', '0x1']);
  assert.equal(done.atomic, false);
  assert.equal(done.chainId, '0x7a69');
  assert.equal(done.version, '2.0.0');
  for (const r of done.receipts) {
    const tx = await rpc('eth_getTransactionByHash', [r.transactionHash]);
    assert.equal(tx.from.toLowerCase(), ABANDON_ADDRESS.toLowerCase());
  }
  assert.equal(done.receipts[1].logs[0].address.toLowerCase(), token.toLowerCase(), 'the Transfer event');
  assert.equal(BigInt(await rpc('eth_getBalance', [RECIPIENT, 'latest'])) - ethBefore, 10n ** 18n);
  assert.equal(await balanceOf(token, RECIPIENT), 3n * 10n ** 18n);

  // The batch record lives in storage: a restarted worker still knows it.
  const stop = await session.stopServiceWorkers(dapp);
  try {
    const again = await status();
    assert.equal(again.status, 200);
    assert.deepEqual(again.receipts, done.receipts);
    await stop.restarted();
  } finally {
    await stop.detach();
  }
});

test('viem: walletClient.sendCalls then getCallsStatus reads "success" with both receipts', { timeout: 90_000 }, async () => {
  const opened = approvalWindow();
  await dapp.evaluate(({ from, to }) => {
    const { createWalletClient, custom } = window.viem;
    const chain = {
      id: 31337,
      name: 'Anvil',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
    };
    const client = createWalletClient({ account: from, chain, transport: custom(window.ethereum) });
    window.__viemBatch = client
      .sendCalls({ calls: [{ to, value: 5n }, { to, value: 6n }] })
      .then(async ({ id }) => {
        // viem's own polling, as a dApp would wait.
        const status = await client.waitForCallsStatus({ id, timeout: 20_000 });
        return { ok: true, id, status: status.status, code: status.statusCode, receipts: status.receipts.length };
      })
      .catch((e) => ({ ok: false, message: String(e?.shortMessage ?? e?.message) }));
  }, { from: ABANDON_ADDRESS, to: RECIPIENT });
  const window = new ApprovalPage(await opened);
  await window.waitForReady();
  assert.equal((await window.driver.texts('batch-call')).length, 2);
  await window.approve();
  const result = await waitUntil(() => dapp.evaluate(() => window.__viemBatch), { timeout: 30_000, message: 'viem sendCalls' });
  assert.deepEqual({ ...result, id: undefined }, { ok: true, id: undefined, status: 'success', code: 200, receipts: 2 });
});
