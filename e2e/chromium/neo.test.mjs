// Chromium: NEO N3 dApps against Formica (session: e2e/lib/neo-session.mjs), on a custom network served by a real N3 node —
// neo-go (e2e/lib/neo-go.mjs), or the RPC stand-in (e2e/lib/neo-node.mjs) with
// FORMICA_NEO_NODE=stand-in. One page is written against NeoLine's NEOLineN3 API
// (e2e/dapp/neoline.html), one against NEP-21 (e2e/dapp/nep21.html, on another origin). The
// wallet's answers are checked outside the extension: the account against the address derived
// from the mnemonic at m/44'/888'/0'/0/0, signatures with neon-core per the published formats,
// transactions by the node (which verifies every witness against the network magic).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { u, wallet } from '@cityofzion/neon-core';
import { outcome } from '../lib/connect-flows.mjs';
import { GAS_HASH, NEO_HASH } from '../lib/neo-node.mjs';
import { bare, withApproval, withoutWindowOrBroadcast } from '../lib/neo-flows.mjs';
import { BOB, MAGIC, ME, MESSAGE, NETWORK, startNeoSession } from '../lib/neo-session.mjs';
import { verifyNeoLineSignature } from '../lib/neo-verify.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { HomePage } from '../pages/home.mjs';

let ctx;
let node;
let server;
let session;
let popup;
let neoline;
let nep21;
let acceptedAndHalted;

before(async () => {
  ctx = await startNeoSession();
  ({ node, server, session, popup, neoline, nep21, acceptedAndHalted } = ctx);
}, { timeout: 120_000 });

after(() => ctx?.close());

describe('NeoLine API (NEOLineN3)', () => {
  const call = (method, params) => neoline.evaluate(([m, p]) => window.neoDapp.call(m, p), [method, params]);
  const start = (key, method, params) => (page) => page.evaluate(([k, m, p]) => window.neoDapp.start(k, m, p), [key, method, params]);
  const approve = (key, method, params, options) => withApproval(session, neoline, key, start(key, method, params), options);

  test('NEOLine.N3.EVENT.READY reaches a listener added by the page; getProvider and getNetworks', { timeout: 30_000 }, async () => {
    await waitUntil(() => neoline.evaluate(() => window.neoDapp.state.readySeen > 0), { timeout: 10_000, message: 'NEOLine.N3.EVENT.READY' });
    const provider = await call('getProvider');
    assert.equal(provider.ok, true, JSON.stringify(provider));
    // NeoLine dispatches READY with detail = getProvider()'s answer (extension/dapi/index.ts).
    assert.deepEqual(await neoline.evaluate(() => window.neoDapp.state.readyDetail), provider.result);
    assert.equal(typeof provider.result.name, 'string');
    assert.ok(provider.result.name.length > 0);
    assert.ok(Array.isArray(provider.result.compatibility));
    const networks = await call('getNetworks');
    assert.equal(networks.ok, true, JSON.stringify(networks));
    assert.ok(Array.isArray(networks.result.networks) && networks.result.networks.every((n) => typeof n === 'string'));
    assert.ok(networks.result.networks.includes(networks.result.defaultNetwork), JSON.stringify(networks.result));
  });

  test('before connecting: sign, invoke and send are CONNECTION_DENIED, with no window and nothing broadcast', { timeout: 30_000 }, async () => {
    const denied = [
      ['signMessage', { message: MESSAGE }],
      ['signMessageV2', { message: MESSAGE }],
      ['invoke', { scriptHash: `0x${NEO_HASH}`, operation: 'transfer', args: [{ type: 'Hash160', value: ME.address }, { type: 'Hash160', value: BOB.address }, { type: 'Integer', value: '1' }, { type: 'Any', value: null }], signers: [{ account: ME.scriptHash, scopes: 1 }] }],
      ['send', { fromAddress: ME.address, toAddress: BOB.address, asset: 'GAS', amount: '1' }],
    ];
    for (const [method, params] of denied) {
      const out = await withoutWindowOrBroadcast(session, node, () => call(method, params));
      assert.equal(out.ok, false, `${method} answered before connecting`);
      assert.equal(out.error.type, 'CONNECTION_DENIED', `${method}: ${JSON.stringify(out.error)}`);
      assert.equal(typeof out.error.description, 'string');
    }
  });

  test('getAccount: reject is CONNECTION_DENIED; approve gives the m/44\'/888\'/0\'/0/0 address and CONNECTED', { timeout: 60_000 }, async () => {
    const rejected = await approve('acct-reject', 'getAccount', undefined, { answer: 'reject', origin: server.url.replace(/\/$/, '') });
    assert.equal(rejected.ok, false);
    assert.equal(rejected.error.type, 'CONNECTION_DENIED');
    const out = await approve('acct', 'getAccount', undefined, {
      inspect: async (w) => {
        await w.setViewportSize({ width: 380, height: 640 });
        await w.screenshot({ path: artifactPath('approval-neo-connect-chromium.png') });
      },
    });
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.equal(out.result.address, ME.address);
    // Connected now: no second window.
    const again = await withoutWindowOrBroadcast(session, node, () => call('getAccount'));
    assert.equal(again.result.address, ME.address);
    const pub = await withoutWindowOrBroadcast(session, node, () => call('getPublicKey'));
    assert.deepEqual(pub.result, { address: ME.address, publicKey: ME.publicKey });
    await waitUntil(() => neoline.evaluate(() => window.neoDapp.state.events.some((e) => e.name === 'CONNECTED')), { timeout: 5_000, message: 'NEOLine.N3.EVENT.CONNECTED' });
  });

  test('getBalance reads GAS and NEO from the node', { timeout: 30_000 }, async () => {
    const out = await call('getBalance', { params: [{ address: ME.address, contracts: [`0x${GAS_HASH}`, `0x${NEO_HASH}`] }] });
    assert.equal(out.ok, true, JSON.stringify(out));
    const rows = out.result[ME.address];
    assert.ok(Array.isArray(rows), JSON.stringify(out.result));
    const gas = rows.find((r) => bare(r.contract) === GAS_HASH);
    const neo = rows.find((r) => bare(r.contract) === NEO_HASH);
    assert.equal(gas.symbol, 'GAS');
    assert.equal(Number(gas.amount), Number(await node.balanceOf(ME.address, GAS_HASH)) / 1e8);
    assert.equal(neo.symbol, 'NEO');
    assert.equal(Number(neo.amount), 1000);
  });

  test('signMessage (V1), signMessageV2, signMessageWithoutSalt verify with neon-core per NeoLine\'s formats; reject is CANCELED', { timeout: 90_000 }, async () => {
    const rejected = await approve('sign-reject', 'signMessage', { message: MESSAGE }, { answer: 'reject' });
    assert.equal(rejected.ok, false);
    assert.equal(rejected.error.type, 'CANCELED');

    const v1 = await approve('sign-v1', 'signMessage', { message: MESSAGE });
    assert.equal(v1.ok, true, JSON.stringify(v1));
    assert.equal(v1.result.publicKey, ME.publicKey);
    assert.equal(v1.result.message, MESSAGE);
    assert.match(v1.result.salt, /^[0-9a-f]{32}$/);
    assert.equal(verifyNeoLineSignature(v1.result, MESSAGE, { version: 1 }), true, 'V1 signature verifies');
    assert.equal(verifyNeoLineSignature(v1.result, MESSAGE, { version: 2 }), false);

    const v2 = await approve('sign-v2', 'signMessageV2', { message: MESSAGE });
    assert.equal(v2.ok, true, JSON.stringify(v2));
    assert.equal(v2.result.publicKey, ME.publicKey);
    assert.match(v2.result.salt, /^[0-9a-f]{32}$/);
    assert.notEqual(v2.result.salt, v1.result.salt);
    assert.equal(verifyNeoLineSignature(v2.result, MESSAGE, { version: 2 }), true, 'V2 signature verifies');

    const bareSig = await approve('sign-nosalt', 'signMessageWithoutSalt', { message: MESSAGE });
    assert.equal(bareSig.ok, true, JSON.stringify(bareSig));
    assert.equal(bareSig.result.publicKey, ME.publicKey);
    assert.equal(verifyNeoLineSignature(bareSig.result, MESSAGE, { salted: false }), true, 'WithoutSalt signature verifies');

    const bareV2 = await approve('sign-nosalt-v2', 'signMessageWithoutSaltV2', { message: MESSAGE });
    assert.equal(bareV2.ok, true, JSON.stringify(bareV2));
    assert.equal(verifyNeoLineSignature(bareV2.result, MESSAGE, { version: 2, salted: false }), true, 'WithoutSaltV2 signature verifies');
  });

  test('invoke a NEP-17 transfer (NEO): the approval names amount, symbol and recipient; the node verifies the witness; balances move', { timeout: 90_000 }, async () => {
    const before = await node.balanceOf(BOB.address, NEO_HASH);
    const params = {
      scriptHash: `0x${NEO_HASH}`,
      operation: 'transfer',
      args: [{ type: 'Hash160', value: ME.address }, { type: 'Hash160', value: BOB.address }, { type: 'Integer', value: '12' }, { type: 'Any', value: null }],
      signers: [{ account: ME.scriptHash, scopes: 1 }],
    };
    const rejected = await approve('invoke-reject', 'invoke', params, { answer: 'reject' });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    const out = await approve('invoke', 'invoke', params, {
      inspect: async (w) => {
        const text = await w.textContent('body');
        assert.match(text, /NEO/, 'the approval shows the token symbol');
        assert.ok(text.includes(BOB.address), 'the approval shows the recipient');
        assert.match(text, /\b12\b/, 'the approval shows the amount');
        await w.setViewportSize({ width: 380, height: 640 });
        await w.screenshot({ path: artifactPath('approval-neo-invoke-chromium.png') });
      },
    });
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.equal(typeof out.result.nodeURL, 'string');
    await acceptedAndHalted(out.result.txid);
    assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 12n);
  });

  test('invoke with the Global witness scope: the approval flags it as dangerous', { timeout: 60_000 }, async () => {
    const params = {
      scriptHash: `0x${NEO_HASH}`,
      operation: 'transfer',
      args: [{ type: 'Hash160', value: ME.address }, { type: 'Hash160', value: BOB.address }, { type: 'Integer', value: '1' }, { type: 'Any', value: null }],
      signers: [{ account: ME.scriptHash, scopes: 128 }],
    };
    const out = await approve('invoke-global', 'invoke', params, {
      answer: 'reject',
      inspect: async (w) => {
        assert.equal(await new ApprovalPage(w).hasRiskWarning(), true, 'risk-warning is shown for a Global scope');
        assert.match(await w.textContent('body'), /Global/);
      },
    });
    assert.equal(out.error?.type, 'CANCELED', JSON.stringify(out));
  });

  test('send GAS: approved, accepted by the node, balances move by the amount and the fees', { timeout: 90_000 }, async () => {
    const mine = await node.balanceOf(ME.address, GAS_HASH);
    const bob = await node.balanceOf(BOB.address, GAS_HASH);
    const out = await approve('send', 'send', { fromAddress: ME.address, toAddress: BOB.address, asset: 'GAS', amount: '1.5' });
    assert.equal(out.ok, true, JSON.stringify(out));
    const t = await acceptedAndHalted(out.result.txid);
    assert.equal(await node.balanceOf(BOB.address, GAS_HASH), bob + 1_50000000n);
    const fees = BigInt(t.sysfee) + BigInt(t.netfee);
    assert.ok(fees > 0n);
    assert.equal(await node.balanceOf(ME.address, GAS_HASH), mine - 1_50000000n - fees);
  });

  test('malformed input is MALFORMED_INPUT: no window, nothing signed or broadcast', { timeout: 30_000 }, async () => {
    const bad = [
      ['invoke', { scriptHash: `0x${NEO_HASH}`, args: [], signers: [{ account: ME.scriptHash, scopes: 1 }] }],
      ['invoke', { scriptHash: 'not a hash', operation: 'transfer', args: [], signers: [{ account: ME.scriptHash, scopes: 1 }] }],
      ['invoke', { scriptHash: `0x${NEO_HASH}`, operation: 'transfer', args: [{ type: 'Integer', value: 'twelve' }], signers: [{ account: ME.scriptHash, scopes: 1 }] }],
      ['send', { fromAddress: ME.address, toAddress: 'not an address', asset: 'GAS', amount: '1' }],
      ['send', { fromAddress: ME.address, toAddress: BOB.address, asset: 'GAS', amount: 'lots' }],
      ['signMessage', {}],
      ['getBalance', { params: [{ address: 'nope', contracts: [] }] }],
    ];
    for (const [method, params] of bad) {
      const out = await withoutWindowOrBroadcast(session, node, () => call(method, params));
      assert.equal(out.ok, false, `${method} ${JSON.stringify(params)} was accepted`);
      assert.equal(out.error.type, 'MALFORMED_INPUT', `${method} ${JSON.stringify(params)}: ${JSON.stringify(out.error)}`);
    }
  });
});

describe('NEP-21 provider', () => {
  const call = (method, args) => nep21.evaluate(([m, a]) => window.nep21Dapp.call(m, a), [method, args]);
  const start = (key, method, args) => (page) => page.evaluate(([k, m, a]) => window.nep21Dapp.start(k, m, a), [key, method, args]);
  const approve = (key, method, args, options) => withApproval(session, nep21, key, start(key, method, args), options);
  const NEP21_TYPES = ['UNSUPPORTED', 'INVALID', 'NOTFOUND', 'FAILED', 'TIMEOUT', 'CANCELED', 'INSUFFICIENT_FUNDS', 'RPC_ERROR', 'UNKNOWN'];
  const myHash = `0x${ME.scriptHash}`;

  test('announced on Neo.DapiProvider.ready (and again on request), with the NEP-21 properties', { timeout: 30_000 }, async () => {
    await waitUntil(() => nep21.evaluate(() => window.nep21Dapp.info()), { timeout: 10_000, message: 'a NEP-21 provider' });
    const before = await nep21.evaluate(() => window.nep21Dapp.state.announcements);
    await nep21.evaluate(() => window.nep21Dapp.request());
    await waitUntil(async () => (await nep21.evaluate(() => window.nep21Dapp.state.announcements)) > before, { timeout: 5_000, message: 're-announcement on Neo.DapiProvider.request' });
    const info = await nep21.evaluate(() => window.nep21Dapp.info());
    assert.equal(info.dapiVersion, '1.0');
    assert.ok(info.compatibility.includes('NEP-17'));
    assert.equal(typeof info.network, 'number');
    assert.ok(Array.isArray(info.supportedNetworks));
    // That `network` is the wallet's current one is checked in chromium-pending/neo-nep21.test.mjs.
  });

  test('before connecting, signMessage is refused with a NEP-21 error, nothing signed', { timeout: 30_000 }, async () => {
    const key = 'nep21-early';
    const pages = session.context.pages().length;
    await start(key, 'signMessage', [u.utf82base64(MESSAGE)])(nep21);
    const out = await outcome(nep21, key, { timeout: 5_000 });
    assert.equal(session.context.pages().length, pages, 'no window opened');
    assert.equal(out.ok, false, JSON.stringify(out));
    assert.ok(NEP21_TYPES.includes(out.error.type), JSON.stringify(out.error));
  });

  test('getAccounts: reject is CANCELED; approve gives the account as a UInt160', { timeout: 60_000 }, async () => {
    const rejected = await approve('n21-acct-reject', 'getAccounts', [], { answer: 'reject', origin: `http://localhost:${server.port}` });
    assert.equal(rejected.ok, false);
    assert.equal(rejected.error.type, 'CANCELED');
    const out = await approve('n21-acct', 'getAccounts', []);
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.equal(out.result.length, 1);
    assert.equal(bare(out.result[0].hash), ME.scriptHash);
    assert.match(out.result[0].hash, /^0x[0-9a-f]{40}$/);
    assert.equal(out.result[0].isDefault, true);
  });

  test('getBalance and getTokenInfo read the node', { timeout: 30_000 }, async () => {
    const bal = await call('getBalance', [`0x${GAS_HASH}`, myHash]);
    assert.equal(bal.ok, true, JSON.stringify(bal));
    assert.equal(bal.result, (await node.balanceOf(ME.address, GAS_HASH)).toString());
    const info = await call('getTokenInfo', [`0x${GAS_HASH}`]);
    assert.equal(info.ok, true, JSON.stringify(info));
    assert.equal(info.result.symbol, 'GAS');
    assert.equal(Number(info.result.decimals), 8);
  });

  test('signMessage: ECDSA P-256 over SHA-256 of the message, verified by neon-core; reject is CANCELED', { timeout: 60_000 }, async () => {
    const message = u.utf82base64(MESSAGE);
    const rejected = await approve('n21-sign-reject', 'signMessage', [message], { answer: 'reject' });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    const out = await approve('n21-sign', 'signMessage', [message]);
    assert.equal(out.ok, true, JSON.stringify(out));
    assert.equal(out.result.pubkey, ME.publicKey);
    assert.equal(bare(out.result.account), ME.scriptHash);
    assert.equal(wallet.verify(u.base642hex(message), u.base642hex(out.result.signature), ME.publicKey), true, 'signature over the message verifies');
  });

  test('invoke a NEP-17 transfer: the node verifies the witness and balances move; malformed is INVALID with nothing broadcast', { timeout: 90_000 }, async () => {
    const before = await node.balanceOf(BOB.address, NEO_HASH);
    const invocation = {
      hash: `0x${NEO_HASH}`,
      operation: 'transfer',
      args: [{ type: 'Hash160', value: myHash }, { type: 'Hash160', value: `0x${BOB.scriptHash}` }, { type: 'Integer', value: '7' }, { type: 'Any' }],
    };
    const signers = [{ account: myHash, scopes: 'CalledByEntry' }];
    const rejected = await approve('n21-invoke-reject', 'invoke', [[invocation], signers], { answer: 'reject' });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    const out = await approve('n21-invoke', 'invoke', [[invocation], signers]);
    assert.equal(out.ok, true, JSON.stringify(out));
    await acceptedAndHalted(out.result);
    assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 7n);

    for (const bad of [[{ ...invocation, hash: 'xyz' }], [{ ...invocation, operation: '' }], 'not an array']) {
      const res = await withoutWindowOrBroadcast(session, node, () => call('invoke', [bad, signers]));
      assert.equal(res.ok, false);
      assert.equal(res.error.type, 'INVALID', JSON.stringify(res.error));
    }
  });
});

describe('events', () => {
  test('switching the NEO network in the popup reaches both pages (NETWORK_CHANGED, networkchanged)', { timeout: 60_000 }, async () => {
    const home = new HomePage(popup);
    const switchTo = async (custom) => {
      const other = (await home.networks()).find((n) => n !== NETWORK);
      assert.ok(other, 'another NEO network is offered');
      await home.selectNetwork(custom ? NETWORK : other);
    };
    await switchTo(false);
    await waitUntil(() => neoline.evaluate(() => window.neoDapp.state.events.some((e) => e.name === 'NETWORK_CHANGED')), { timeout: 10_000, message: 'NEOLine.N3.EVENT.NETWORK_CHANGED' });
    await waitUntil(async () => (await nep21.evaluate(() => window.nep21Dapp.info().network)) !== MAGIC, { timeout: 10_000, message: 'the NEP-21 provider\'s network to change' });
    await waitUntil(() => nep21.evaluate(() => window.nep21Dapp.state.events.some((e) => e.name.includes('networkchange'))), { timeout: 10_000, message: 'NEP-21 networkchanged' });
    await switchTo(true);
    await waitUntil(async () => (await nep21.evaluate(() => window.nep21Dapp.info().network)) === MAGIC, { timeout: 10_000, message: 'the NEP-21 provider back on the custom network' });
  });
});
