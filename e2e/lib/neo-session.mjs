// The NEO e2e session shared by the NEO suites: a real N3 node (neo-go; the stand-in with
// FORMICA_NEO_NODE=stand-in) on a private magic with the wallet's account funded, the demo
// server, Chromium with the built extension, a wallet imported from a fixed phrase on that
// custom network, and the two NEO dApp pages (NeoLine API on 127.0.0.1, NEP-21 on localhost).
import assert from 'node:assert/strict';
import { wallet } from '@cityofzion/neon-core';
import { startDappServer } from '../dapp/serve.mjs';
import { launchChromium } from './chromium.mjs';
import { startNeoGo } from './neo-go.mjs';
import { GAS_HASH, NEO_HASH, startNeoNode } from './neo-node.mjs';
import { addAndSelectNeoNetwork, bare } from './neo-flows.mjs';
import { neoAccountFromMnemonic } from './neo-verify.mjs';
import { importMnemonic } from './vault-flows.mjs';
import { waitUntil } from './wait.mjs';

export const MAGIC = 1234567890; // a private net's magic, as NeoExpress makes them
export const NETWORK = 'Formica private net';
// A fixed test mnemonic (BIP39 test vector; never real funds).
export const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
export const ME = neoAccountFromMnemonic(MNEMONIC, 0);
export const BOB = new wallet.Account('7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344');
export const MESSAGE = 'Sign in to Formica test dApp 你好 ✓';
export const BACKEND = process.env.FORMICA_NEO_NODE ?? 'neo-go';

/** Starts everything; resolves to `{node, server, session, popup, home, neoline, nep21, rpc, acceptedAndHalted, close}`. */
export async function startNeoSession() {
  const ctx = {};
  ctx.close = async () => {
    await ctx.session?.close();
    await ctx.server?.close();
    await ctx.node?.close();
  };
  try {
    ctx.node = BACKEND === 'stand-in' ? await startNeoNode({ magic: MAGIC }) : await startNeoGo({ magic: MAGIC });
    await ctx.node.fund(ME.address, GAS_HASH, 50_00000000n);
    await ctx.node.fund(ME.address, NEO_HASH, 1000n);
    ctx.server = await startDappServer({ build: false });
    ctx.session = await launchChromium();
    await ctx.session.worker();
    ctx.popup = await ctx.session.openExtensionPage('popup.html');
    await importMnemonic(ctx.popup, MNEMONIC);
    const { home } = await addAndSelectNeoNetwork(ctx.popup, { name: NETWORK, rpcUrl: ctx.node.url, magic: MAGIC });
    ctx.home = home;
    // The wallet's NEO account, on home, is the one neon-core derives independently from the
    // phrase.
    await waitUntil(async () => (await home.address()) === ME.address, { timeout: 10_000, message: `account-address to show ${ME.address}` });
    ctx.neoline = await ctx.session.newPage();
    await ctx.neoline.goto(`${ctx.server.url}neoline.html`);
    ctx.nep21 = await ctx.session.newPage();
    await ctx.nep21.goto(`http://localhost:${ctx.server.port}/nep21.html`);
  } catch (err) {
    await ctx.close();
    throw err;
  }
  ctx.rpc = async (method, params) => {
    const res = await fetch(ctx.node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const body = await res.json();
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  };
  /** The transaction `txid` made it into a block and HALTed: the node verified its witnesses. */
  ctx.acceptedAndHalted = async (txid) => {
    assert.match(String(txid), /^(0x)?[0-9a-f]{64}$/i);
    const log = await ctx.node.waitForTx(`0x${bare(txid)}`);
    assert.equal(log.executions[0].vmstate, 'HALT', JSON.stringify(log.executions[0]));
    return ctx.rpc('getrawtransaction', [`0x${bare(txid)}`, true]);
  };
  return ctx;
}
