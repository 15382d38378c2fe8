// Firefox ESR: the NEO slice of the Chromium NEO suite, against a real N3 node (neo-go; the
// stand-in with FORMICA_NEO_NODE=stand-in) on a custom network added in settings: NeoLine's
// READY events and getProvider, connect through the approval window, signMessageV2 verified
// with neon-core, a NEP-17 transfer the node accepts, and the NEP-21 provider on the wallet's
// network with a makeTransaction → sign → relay the node accepts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tx as ntx, u } from '@cityofzion/neon-core';
import { startDappServer } from '../dapp/serve.mjs';
import { outcome } from '../lib/connect-flows.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { startNeoGo } from '../lib/neo-go.mjs';
import { GAS_HASH, NEO_HASH, startNeoNode } from '../lib/neo-node.mjs';
import { addAndSelectNeoNetwork, bare } from '../lib/neo-flows.mjs';
import { BACKEND, BOB, MAGIC, ME, MESSAGE, MNEMONIC, NETWORK } from '../lib/neo-session.mjs';
import { verifyNeoLineSignature } from '../lib/neo-verify.mjs';
import { importMnemonic } from '../lib/vault-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';

let node;
let server;
let session;
let neoline;
let nep21;

before(async () => {
  node = BACKEND === 'stand-in' ? await startNeoNode({ magic: MAGIC }) : await startNeoGo({ magic: MAGIC });
  await node.fund(ME.address, GAS_HASH, 50_00000000n);
  await node.fund(ME.address, NEO_HASH, 100n);
  server = await startDappServer({ build: false });
  session = await launchFirefox();
  const { page } = await session.onboardingTab();
  await importMnemonic(page, MNEMONIC);
  const { home } = await addAndSelectNeoNetwork(page, { name: NETWORK, rpcUrl: node.url, magic: MAGIC }, {
    goHome: (p) => p.evaluate(() => { location.hash = '#/'; }),
  });
  await waitUntil(async () => (await home.address()) === ME.address, { timeout: 10_000, message: `account-address to show ${ME.address}` });
  neoline = await session.newPage();
  await neoline.goto(`${server.url}neoline.html`);
  nep21 = await session.newPage();
  await nep21.goto(`http://localhost:${server.port}/nep21.html`);
}, { timeout: 150_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await node?.close();
});

/** Starts a call that waits for the user, approves (or rejects) its window, returns the outcome. */
async function withApproval(dapp, key, start, { answer = 'approve', inspect } = {}) {
  const seen = await session.browser.pages();
  await start(dapp);
  // A call answered before any window opened was not put to the user: report its answer.
  const opened = session.extensionPage(/\/popup\.html#\/approval\//, { except: seen, timeout: 20_000 }).then((w) => ({ w }));
  const early = outcome(dapp, key, { timeout: 20_000 }).then((out) => ({ out }), () => new Promise(() => {}));
  const first = await Promise.race([opened, early]);
  if (first.out) assert.fail(`${key}: answered without an approval window: ${JSON.stringify(first.out)}`);
  const approval = new ApprovalPage(first.w);
  await approval.waitForReady();
  if (inspect) await inspect(approval);
  if (answer === 'approve') await approval.approve();
  else await approval.reject();
  return outcome(dapp, key);
}
const neolineCall = (method, params) => neoline.evaluate((m, p) => window.neoDapp.call(m, p), method, params);
const neolineStart = (key, method, params) => (page) => page.evaluate((k, m, p) => window.neoDapp.start(k, m, p), key, method, params);
const nep21Call = (method, args) => nep21.evaluate((m, a) => window.nep21Dapp.call(m, a), method, args);
const nep21Start = (key, method, args) => (page) => page.evaluate((k, m, a) => window.nep21Dapp.start(k, m, a), key, method, args);

test('NEOLineN3: READY reaches the page; getAccount connects through the window; signMessageV2 verifies with neon-core', { timeout: 90_000 }, async () => {
  await waitUntil(() => neoline.evaluate(() => window.neoDapp.state.readySeen > 0), { timeout: 10_000, message: 'NEOLine.N3.EVENT.READY' });
  const provider = await neolineCall('getProvider');
  assert.equal(provider.result?.name, 'Formica', JSON.stringify(provider));
  const connected = await withApproval(neoline, 'ff-acct', neolineStart('ff-acct', 'getAccount'));
  assert.equal(connected.result?.address, ME.address, JSON.stringify(connected));
  const signed = await withApproval(neoline, 'ff-sign', neolineStart('ff-sign', 'signMessageV2', { message: MESSAGE }));
  assert.equal(signed.ok, true, JSON.stringify(signed));
  assert.equal(verifyNeoLineSignature(signed.result, MESSAGE, { version: 2 }), true, 'V2 signature verifies');
  const rejected = await withApproval(neoline, 'ff-sign-no', neolineStart('ff-sign-no', 'signMessage', { message: MESSAGE }), { answer: 'reject' });
  assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
});

test('NEOLineN3 invoke: a NEO transfer shown decoded, accepted by the node, balances move', { timeout: 90_000 }, async () => {
  const before = await node.balanceOf(BOB.address, NEO_HASH);
  const params = {
    scriptHash: `0x${NEO_HASH}`,
    operation: 'transfer',
    args: [{ type: 'Hash160', value: ME.address }, { type: 'Hash160', value: BOB.address }, { type: 'Integer', value: '4' }, { type: 'Any', value: null }],
    signers: [{ account: ME.scriptHash, scopes: 1 }],
  };
  const out = await withApproval(neoline, 'ff-invoke', neolineStart('ff-invoke', 'invoke', params), {
    inspect: async (approval) => {
      assert.equal(await approval.driver.text('neo-transfer-amount'), '4');
      assert.equal(await approval.driver.text('neo-transfer-to'), BOB.address);
    },
  });
  assert.equal(out.ok, true, JSON.stringify(out));
  const log = await node.waitForTx(`0x${bare(out.result.txid)}`);
  assert.equal(log.executions[0].vmstate, 'HALT');
  assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 4n);
});

test('NEP-21: the provider is on the wallet\'s network; makeTransaction → sign → relay is accepted by the node', { timeout: 90_000 }, async () => {
  const info = await waitUntil(() => nep21.evaluate(() => window.nep21Dapp.info()), { timeout: 10_000, message: 'a NEP-21 provider' });
  assert.equal(info.network, MAGIC);
  const accounts = await withApproval(nep21, 'ff-n21-acct', nep21Start('ff-n21-acct', 'getAccounts', []));
  assert.equal(bare(accounts.result?.[0]?.hash), ME.scriptHash, JSON.stringify(accounts));
  const before = await node.balanceOf(BOB.address, NEO_HASH);
  const invocation = {
    hash: `0x${NEO_HASH}`,
    operation: 'transfer',
    args: [{ type: 'Hash160', value: `0x${ME.scriptHash}` }, { type: 'Hash160', value: `0x${BOB.scriptHash}` }, { type: 'Integer', value: '2' }, { type: 'Any' }],
  };
  const made = await nep21Call('makeTransaction', [[invocation]]);
  assert.equal(made.ok, true, JSON.stringify(made));
  const t = ntx.Transaction.deserialize(u.base642hex(made.result.data));
  assert.equal(`0x${t.hash()}`, made.result.hash);
  const signed = await withApproval(nep21, 'ff-n21-sign', nep21Start('ff-n21-sign', 'sign', [made.result]));
  assert.equal(signed.ok, true, JSON.stringify(signed));
  const relayed = await nep21Call('relay', [signed.result]);
  assert.equal(relayed.result, made.result.hash, JSON.stringify(relayed));
  const log = await node.waitForTx(relayed.result);
  assert.equal(log.executions[0].vmstate, 'HALT');
  assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 2n);
});
