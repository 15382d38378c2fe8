// Chromium against anvil: the transaction approval's fee level decides what is signed, and
// token calls are decoded and flagged (an unlimited ERC-20 approve shows a risk-warning).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ethers } from 'ethers';
import * as checks from '../lib/checks.mjs';
import { EXTENSION_ORIGIN, launchChromium } from '../lib/chromium.mjs';
import { DEV_ACCOUNT, rpc, startAnvil } from '../lib/anvil.mjs';
import { deployToken } from '../lib/erc20.mjs';
import { requestWithApproval, startRequest, outcome } from '../lib/connect-flows.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { TransactionApprovalPage } from '../pages/approval.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let anvil;
let session;
let server;
let dapp;
let token;
let n = 0;

const approvalWindow = () => session.context.waitForEvent('page', {
  predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
  timeout: 15_000,
});

/** Starts eth_sendTransaction with `tx` from account 0 and returns the approval window's page object. */
async function askToSend(tx) {
  const key = `tx${++n}`;
  const opened = approvalWindow();
  await dapp.evaluate(startRequest, { key, args: { method: 'eth_sendTransaction', params: [{ from: ABANDON_ADDRESS, ...tx }] } });
  const page = new TransactionApprovalPage(await opened);
  await page.waitForReady();
  return { key, page };
}

/** The mined transaction sent under `key`. */
async function mined(key) {
  const out = await outcome(dapp, key, { timeout: 30_000 });
  assert.equal(out.ok, true, out.message);
  const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [out.result]), { message: 'the receipt' });
  assert.equal(receipt.status, '0x1');
  return rpc('eth_getTransactionByHash', [out.result]);
}

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

test('the fee level picked in the approval is what the mined transaction carries', { timeout: 90_000 }, async () => {
  // Aggressive instead of the default market level.
  let { key, page } = await askToSend({ to: DEV_ACCOUNT, value: '0x1' });
  assert.equal(await page.feeLevel(), 'market');
  assert.equal(await page.hasRiskWarning(), false, 'a plain transfer is not flagged');
  const market = await page.maxFee();
  await page.selectFeeLevel('aggressive');
  await waitUntil(async () => (await page.maxFee()) !== market, { message: 'the aggressive max fee to show' });
  const aggressive = await page.maxFee();
  const aggressiveTip = await page.priorityFee();
  assert.ok(ethers.parseUnits(aggressive, 'gwei') > ethers.parseUnits(market, 'gwei'), `${aggressive} > ${market}`);
  await page.approve();
  let tx = await mined(key);
  assert.equal(BigInt(tx.maxFeePerGas), ethers.parseUnits(aggressive, 'gwei'));
  assert.equal(BigInt(tx.maxPriorityFeePerGas), ethers.parseUnits(aggressiveTip, 'gwei'));
  assert.equal(tx.type, '0x2');

  // Custom values typed in gwei.
  ({ key, page } = await askToSend({ to: DEV_ACCOUNT, value: '0x1' }));
  await page.selectFeeLevel('custom');
  await page.fillFees({ maxFee: '7.5', priorityFee: '1.25' });
  await page.approve();
  tx = await mined(key);
  assert.equal(BigInt(tx.maxFeePerGas), 7_500_000_000n);
  assert.equal(BigInt(tx.maxPriorityFeePerGas), 1_250_000_000n);

  // The low level.
  ({ key, page } = await askToSend({ to: DEV_ACCOUNT, value: '0x1' }));
  await page.selectFeeLevel('low');
  await waitUntil(async () => (await page.feeLevel()) === 'low', { message: 'low to be chosen' });
  const low = await page.maxFee();
  await page.approve();
  tx = await mined(key);
  assert.equal(BigInt(tx.maxFeePerGas), ethers.parseUnits(low, 'gwei'));
});

test('an unlimited ERC-20 approve is decoded in token units and flagged; a transfer moves the tokens', { timeout: 90_000 }, async () => {
  const erc20 = new ethers.Interface(['function approve(address,uint256)', 'function transfer(address,uint256)']);
  let { key, page } = await askToSend({ to: token, data: erc20.encodeFunctionData('approve', [DEV_ACCOUNT, ethers.MaxUint256]) });
  assert.deepEqual(await page.riskKinds(), ['unlimited_approval']);
  const decoded = await page.decodedCall();
  assert.match(decoded, /TST/);
  assert.match(decoded, new RegExp(DEV_ACCOUNT));
  assert.match(decoded, /Unlimited/);
  await page.approve();
  await mined(key);

  // Setting the allowance to zero is a revoke: said, as information.
  ({ key, page } = await askToSend({ to: token, data: erc20.encodeFunctionData('approve', [DEV_ACCOUNT, 0n]) }));
  assert.deepEqual(await page.riskKinds(), ['revoke']);
  await page.reject();
  assert.equal((await outcome(dapp, key)).code, 4001);

  // A transfer in whole tokens; to the token contract itself it is flagged.
  ({ key, page } = await askToSend({ to: token, data: erc20.encodeFunctionData('transfer', [token, 10n ** 18n]) }));
  assert.deepEqual(await page.riskKinds(), ['token_to_itself']);
  await page.reject();
  await outcome(dapp, key);
  ({ key, page } = await askToSend({ to: token, data: erc20.encodeFunctionData('transfer', [DEV_ACCOUNT, 25n * 10n ** 17n]) }));
  assert.equal(await page.hasRiskWarning(), false);
  assert.match(await page.decodedCall(), /2\.5 TST/);
  await page.approve();
  await mined(key);
  const { balanceOf } = await import('../lib/erc20.mjs');
  assert.equal(await balanceOf(token, DEV_ACCOUNT), 25n * 10n ** 17n);

  // Call data to an address without code.
  ({ key, page } = await askToSend({ to: '0x000000000000000000000000000000000000dEaD', data: '0xdeadbeef' }));
  assert.deepEqual(await page.riskKinds(), ['no_code']);
  await page.reject();
  await outcome(dapp, key);
});
