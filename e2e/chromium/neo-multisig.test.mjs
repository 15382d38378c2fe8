// Chromium: NEO multisig without a dApp (popup.html#/multisig), against a real N3 node
// (neo-go; the stand-in with FORMICA_NEO_NODE=stand-in). A 2-of-2 account of Formica's key and
// Bob's is kept in the wallet, funded, and a GAS transfer from it is proposed and signed in the
// popup; Bob — another wallet, written here with neon-core — adds his signature to the JSON,
// which goes back into the popup and is sent. The node verifies the multisig witness.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tx as ntx, u, wallet } from '@cityofzion/neon-core';
import { GAS_HASH } from '../lib/neo-node.mjs';
import { BOB, MAGIC, ME, startNeoSession } from '../lib/neo-session.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { HomePage } from '../pages/home.mjs';
import { NeoMultisigPage } from '../pages/neo-multisig.mjs';

let ctx;
let page;
let signedContext;
// Neo lists a multisig account's keys sorted by their x coordinate (ECPoint order); neon-core
// takes them as given.
const sortedKeys = [ME.publicKey, BOB.publicKey].sort((a, b) => a.slice(2).localeCompare(b.slice(2)));
const script = wallet.constructMultiSigVerificationScript(2, sortedKeys);
const TEAM = wallet.getAddressFromScriptHash(wallet.getScriptHashFromVerificationScript(script));
const counts = (lines) => lines.map((l) => l.match(/(\d+)\D+(\d+)/)?.slice(1).map(Number));

before(async () => {
  ctx = await startNeoSession();
  await new HomePage(ctx.popup).driver.click('neo-multisig');
  page = await new NeoMultisigPage(ctx.popup).waitForReady();
}, { timeout: 120_000 });
after(() => ctx?.close());

test('a 2-of-2 account of my key and Bob\'s is kept with the address neon-core derives', { timeout: 30_000 }, async () => {
  await page.addAccount({ name: 'Team', threshold: 2, keys: [BOB.publicKey], mine: true });
  await waitUntil(async () => (await page.addresses()).includes(TEAM), { timeout: 10_000, message: `${TEAM} listed` });
  // The same account again is refused with a reason, and nothing is added.
  await page.addAccount({ name: 'Again', threshold: 2, keys: [ME.publicKey, BOB.publicKey] });
  await page.driver.find('neo-multisig-error');
  assert.deepEqual(await page.addresses(), [TEAM]);
  await page.driver.setViewport(380, 900);
  await page.driver.screenshot(artifactPath('neo-multisig-chromium.png'));
});

test('a transfer from it: proposed and signed in the popup, co-signed by Bob elsewhere, sent from the popup', { timeout: 120_000 }, async () => {
  await ctx.node.fund(TEAM, GAS_HASH, 10_00000000n);
  const bob = await ctx.node.balanceOf(BOB.address, GAS_HASH);
  await page.proposeTransfer({ asset: 'GAS', to: BOB.address, amount: '2' });
  assert.deepEqual(counts(await page.progress((l) => l.length === 1)), [[0, 2]]);
  assert.equal(await page.driver.text('neo-transfer-amount'), '2');
  assert.equal(await page.driver.text('neo-transfer-to'), BOB.address);
  assert.match(await page.driver.text('neo-context-network'), new RegExp(`\\(${MAGIC}\\)`));
  await page.sign();
  assert.deepEqual(counts(await page.progress((l) => counts(l)[0][0] === 1)), [[1, 2]]);
  assert.equal(await page.complete(), false);
  assert.equal(await page.driver.exists('neo-context-relay'), false, 'not sendable yet');

  // Bob's wallet reads the context Formica wrote and adds his signature to the map.
  const context = JSON.parse(await page.context());
  const t = ntx.Transaction.deserialize(u.base642hex(context.data));
  assert.equal(`0x${t.hash()}`, context.hash);
  const key = Object.keys(context.items)[0];
  assert.equal(key, `0x${wallet.getScriptHashFromVerificationScript(script)}`);
  assert.equal(u.base642hex(context.items[key].script), script);
  const mine = context.items[key].signatures[ME.publicKey];
  assert.equal(wallet.verify(t.getMessageForSigning(MAGIC), u.base642hex(mine), ME.publicKey), true, 'my signature verifies');
  context.items[key].signatures[BOB.publicKey] = u.hex2base64(wallet.sign(t.getMessageForSigning(MAGIC), BOB.privateKey));

  signedContext = structuredClone(context);
  // While the text is edited the review of the old one (and its sign button) is hidden.
  await page.driver.fill('neo-context', JSON.stringify(context));
  await page.driver.gone('neo-context-review');
  assert.equal(await page.driver.exists('neo-context-sign'), false);
  await page.pasteContext(context);
  assert.deepEqual(counts(await page.progress((l) => counts(l)[0][0] === 2)), [[2, 2]]);
  assert.equal(await page.complete(), true);
  await page.relay();
  const result = await page.result();
  const txid = result.match(/0x[0-9a-f]{64}/)?.[0];
  assert.equal(txid, context.hash, result);
  const sent = await ctx.acceptedAndHalted(txid);
  assert.equal(sent.witnesses[0].verification, u.hex2base64(script), 'the multisig witness');
  assert.equal(await ctx.node.balanceOf(BOB.address, GAS_HASH), bob + 2_00000000n);
  const fees = BigInt(sent.sysfee) + BigInt(sent.netfee);
  assert.equal(await ctx.node.balanceOf(TEAM, GAS_HASH), 10_00000000n - 2_00000000n - fees);
});

test('a context that is not JSON, or whose signature does not verify, is refused with a reason', { timeout: 30_000 }, async () => {
  await page.pasteContext('{ not json');
  await page.driver.find('neo-context-error');
  assert.ok((await page.driver.text('neo-context-error')).length > 0);
  assert.equal(await page.driver.exists('neo-context-review'), false);
  await page.driver.click('neo-context-clear');
  await page.driver.gone('neo-context-error');
  // Bob's signature with one byte changed.
  const tampered = structuredClone(signedContext);
  const key = Object.keys(tampered.items)[0];
  const sig = Buffer.from(tampered.items[key].signatures[BOB.publicKey], 'base64');
  sig[10] ^= 1;
  tampered.items[key].signatures[BOB.publicKey] = sig.toString('base64');
  await page.pasteContext(tampered);
  await page.driver.find('neo-context-error');
  assert.equal(await page.driver.exists('neo-context-review'), false);
});
