// Chromium: NEO N3 dApps against Formica (session: e2e/lib/neo-session.mjs), on a custom network served by a real N3 node —
// neo-go (e2e/lib/neo-go.mjs), or the RPC stand-in (e2e/lib/neo-node.mjs) with
// FORMICA_NEO_NODE=stand-in. One page is written against NeoLine's NEOLineN3 API
// (e2e/dapp/neoline.html), one against NEP-21 (e2e/dapp/nep21.html, on another origin). The
// wallet's answers are checked outside the extension: the account against the address derived
// from the mnemonic at m/44'/888'/0'/0/0, signatures with neon-core per the published formats,
// transactions by the node (which verifies every witness against the network magic).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sc, tx as ntx, u, wallet } from '@cityofzion/neon-core';
import { outcome } from '../lib/connect-flows.mjs';
import { GAS_HASH, NEO_HASH } from '../lib/neo-node.mjs';
import { bare, withApproval, withoutWindowOrBroadcast } from '../lib/neo-flows.mjs';
import { BOB, MAGIC, ME, MESSAGE, MNEMONIC, NETWORK, startNeoSession } from '../lib/neo-session.mjs';
import { authenticationSignData, neoAccountFromMnemonic, verifyNeoLineSignature } from '../lib/neo-verify.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { HomePage } from '../pages/home.mjs';
import { NEO_HOME_IDS, NeoHomePage } from '../pages/neo-home.mjs';

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

  test('signTransaction of a transaction neon-core built: the approval shows its decoded transfer; the node accepts the witness', { timeout: 90_000 }, async () => {
    const before = await node.balanceOf(BOB.address, NEO_HASH);
    const script = sc.createScript({
      scriptHash: NEO_HASH,
      operation: 'transfer',
      args: [sc.ContractParam.hash160(ME.address), sc.ContractParam.hash160(BOB.address), sc.ContractParam.integer(5), sc.ContractParam.any()],
    });
    const signers = [{ account: ME.scriptHash, scopes: 'CalledByEntry' }];
    const inv = await ctx.rpc('invokescript', [u.hex2base64(script), signers.map((s) => ({ ...s, account: `0x${s.account}` }))]);
    assert.equal(inv.state, 'HALT', JSON.stringify(inv));
    const t = new ntx.Transaction({ signers, validUntilBlock: (await ctx.rpc('getblockcount')) + 100, systemFee: inv.gasconsumed, script });
    t.witnesses = [new ntx.Witness({ invocationScript: '', verificationScript: wallet.getVerificationScriptFromPublicKey(ME.publicKey) })];
    t.networkFee = u.BigInteger.fromNumber((await ctx.rpc('calculatenetworkfee', [u.hex2base64(t.serialize(true))])).networkfee);
    t.witnesses = [];
    const out = await approve('sign-tx', 'signTransaction', { transaction: t.toJson(), magicNumber: MAGIC }, {
      inspect: async (w) => {
        const approval = new ApprovalPage(w);
        assert.equal(await approval.driver.text('neo-transfer-amount'), '5');
        assert.equal(await approval.driver.text('neo-transfer-symbol'), 'NEO');
        assert.equal(await approval.driver.text('neo-transfer-to'), BOB.address);
        assert.deepEqual(await approval.riskKinds(), [], 'a plain transfer is not flagged');
        assert.equal(await approval.driver.exists('neo-script'), false, 'decoded: no raw script');
        await w.setViewportSize({ width: 380, height: 640 });
        await w.screenshot({ path: artifactPath('approval-neo-sign-transaction-chromium.png') });
      },
    });
    assert.equal(out.ok, true, JSON.stringify(out));
    const signed = ntx.Transaction.fromJson(out.result);
    assert.equal(signed.hash(), t.hash(), 'the same transaction, with a witness');
    assert.equal(wallet.verify(signed.getMessageForSigning(MAGIC), signed.witnesses[0].invocationScript.toBigEndian().slice(4), ME.publicKey), true);
    const { hash } = await ctx.rpc('sendrawtransaction', [u.hex2base64(signed.serialize(true))]);
    await acceptedAndHalted(hash);
    assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 5n);
  });

  test('signTransaction of a script that is more than contract calls: flagged undecoded_script, the raw script shown', { timeout: 60_000 }, async () => {
    // PUSH1 PUSH2 ADD DROP, then a call: arithmetic is not something an approval can summarise.
    const script = `11129e45${sc.createScript({ scriptHash: GAS_HASH, operation: 'symbol', args: [] })}`;
    const t = new ntx.Transaction({ signers: [{ account: ME.scriptHash, scopes: 'CalledByEntry' }], validUntilBlock: 10_000, script });
    const out = await approve('sign-tx-odd', 'signTransaction', { transaction: t.toJson() }, {
      answer: 'reject',
      inspect: async (w) => {
        const approval = new ApprovalPage(w);
        assert.deepEqual(await approval.riskKinds(), ['undecoded_script']);
        assert.equal(await approval.driver.text('neo-script'), script);
      },
    });
    assert.equal(out.error?.type, 'CANCELED', JSON.stringify(out));
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
    // NEP-21: `network` "Indicates the network currently in use" — the wallet's custom network,
    // from the first announcement on (the page loaded after it was selected, and asked nothing).
    assert.equal(info.network, MAGIC);
    assert.ok(info.supportedNetworks.includes(MAGIC), JSON.stringify(info.supportedNetworks));
    assert.ok(info.supportedNetworks.includes(860833102));
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

describe('NEP-21 contexts and authentication', () => {
  const call = (method, args) => nep21.evaluate(([m, a]) => window.nep21Dapp.call(m, a), [method, args]);
  const start = (key, method, args) => (page) => page.evaluate(([k, m, a]) => window.nep21Dapp.start(k, m, a), [key, method, args]);
  const approve = (key, method, args, options) => withApproval(session, nep21, key, start(key, method, args), options);
  const myHash = `0x${ME.scriptHash}`;
  const transfer = (amount) => ({
    hash: `0x${NEO_HASH}`,
    operation: 'transfer',
    args: [{ type: 'Hash160', value: myHash }, { type: 'Hash160', value: `0x${BOB.scriptHash}` }, { type: 'Integer', value: String(amount) }, { type: 'Any' }],
    abortOnFail: true,
  });

  test('authenticate: the NEP-20 response verifies over network ‖ nonce ‖ timestamp ‖ script hash', { timeout: 60_000 }, async () => {
    const challenge = {
      action: 'Authentication',
      grant_type: 'Signature',
      allowed_algorithms: ['ECDSA-P256'],
      networks: [MAGIC],
      nonce: BigInt(`0x${u.ab2hexstring(u.generateRandomArray(8))}`).toString(),
      timestamp: Math.floor(Date.now() / 1000),
    };
    const out = await approve('n21-auth', 'authenticate', [challenge]);
    assert.equal(out.ok, true, JSON.stringify(out));
    const r = out.result;
    assert.equal(r.algorithm, 'ECDSA-P256');
    assert.equal(r.network, MAGIC);
    assert.equal(r.pubkey, ME.publicKey);
    assert.equal(r.address, ME.address);
    assert.equal(r.nonce, challenge.nonce);
    const data = authenticationSignData({ network: r.network, nonce: r.nonce, timestamp: r.timestamp, scriptHash: ME.scriptHash });
    assert.equal(wallet.verify(data, u.base642hex(r.signature), r.pubkey), true, 'authentication signature verifies');
  });

  test('makeTransaction (no window), sign (decoded approval), relay (no window): the node accepts it', { timeout: 90_000 }, async () => {
    const before = await node.balanceOf(BOB.address, NEO_HASH);
    const made = await withoutWindowOrBroadcast(session, node, () => call('makeTransaction', [[transfer(3)], [{ account: myHash, scopes: 'CalledByEntry' }]]));
    assert.equal(made.ok, true, JSON.stringify(made));
    const context = made.result;
    // What @cityofzion/neon-dapi's conformance suite asks of makeTransaction.
    assert.equal(context.type, 'Neo.Network.P2P.Payloads.Transaction');
    assert.match(context.hash, /^0x[0-9a-f]{64}$/);
    assert.equal(context.network, MAGIC);
    assert.deepEqual(context.items, { [myHash]: { script: '', parameters: [], signatures: {} } });
    const t = ntx.Transaction.deserialize(u.base642hex(context.data));
    assert.equal(`0x${t.hash()}`, context.hash, 'neon-core reads the same transaction');
    assert.equal(t.script.toBigEndian().slice(-2), '39', 'abortOnFail puts an ASSERT after the call');

    const rejected = await approve('n21-sign-reject', 'sign', [context], { answer: 'reject' });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    const signed = await approve('n21-sign-ctx', 'sign', [context], {
      inspect: async (w) => {
        const approval = new ApprovalPage(w);
        assert.equal(await approval.driver.text('neo-transfer-amount'), '3');
        assert.equal(await approval.driver.text('neo-transfer-to'), BOB.address);
      },
    });
    assert.equal(signed.ok, true, JSON.stringify(signed));
    assert.equal(signed.result.hash, context.hash);
    const item = signed.result.items[myHash];
    assert.equal(item.script, u.hex2base64(wallet.getVerificationScriptFromPublicKey(ME.publicKey)));
    assert.equal(wallet.verify(t.getMessageForSigning(MAGIC), u.base642hex(item.signatures[ME.publicKey]), ME.publicKey), true);

    const sentBefore = node.calls.filter((c) => c.method === 'sendrawtransaction').length;
    const pages = session.context.pages().length;
    const relayed = await call('relay', [signed.result]);
    assert.equal(relayed.ok, true, JSON.stringify(relayed));
    assert.equal(session.context.pages().length, pages, 'relay opens no window');
    assert.equal(node.calls.filter((c) => c.method === 'sendrawtransaction').length, sentBefore + 1);
    assert.equal(relayed.result, context.hash);
    await acceptedAndHalted(relayed.result);
    assert.equal(await node.balanceOf(BOB.address, NEO_HASH), before + 3n);
  });

  test('a transaction two wallets sign: Formica signs its part, neon-core the other, relay sends both witnesses', { timeout: 90_000 }, async () => {
    const before = await node.balanceOf(BOB.address, GAS_HASH);
    // Bob sends 0.1 GAS to Formica's account, which is the sender and pays the fees.
    const invocation = {
      hash: `0x${GAS_HASH}`,
      operation: 'transfer',
      args: [{ type: 'Hash160', value: `0x${BOB.scriptHash}` }, { type: 'Hash160', value: myHash }, { type: 'Integer', value: '10000000' }, { type: 'Any' }],
    };
    await ctx.node.fund(BOB.address, GAS_HASH, 1_00000000n);
    const signers = [{ account: myHash, scopes: 'CalledByEntry' }, { account: `0x${BOB.scriptHash}`, scopes: 'CalledByEntry' }];
    const made = await call('makeTransaction', [[invocation], signers]);
    assert.equal(made.ok, true, JSON.stringify(made));
    assert.equal(Object.keys(made.result.items).length, 2);
    // Relaying now is refused: Bob has not signed.
    const early = await withoutWindowOrBroadcast(session, node, () => call('relay', [made.result]));
    assert.equal(early.error?.type, 'INVALID', JSON.stringify(early));
    const signed = await approve('n21-sign-two', 'sign', [made.result]);
    assert.equal(signed.ok, true, JSON.stringify(signed));
    // Bob's wallet, written here with neon-core, adds his signature the way NeoLine does (no 0x keys).
    const t = ntx.Transaction.deserialize(u.base642hex(signed.result.data));
    const sig = wallet.sign(t.getMessageForSigning(MAGIC), BOB.privateKey);
    const context = structuredClone(signed.result);
    context.items[BOB.scriptHash] = {
      script: BOB.contract.script, // NEP-6 form: base64 already
      parameters: [{ type: 'Signature', value: u.hex2base64(sig) }],
      signatures: { [BOB.publicKey]: u.hex2base64(sig) },
    };
    delete context.items[`0x${BOB.scriptHash}`];
    const relayed = await call('relay', [context]);
    assert.equal(relayed.ok, true, JSON.stringify(relayed));
    const accepted = await acceptedAndHalted(relayed.result);
    assert.equal(accepted.witnesses.length, 2);
    const fees = BigInt(accepted.sysfee) + BigInt(accepted.netfee);
    assert.ok(fees > 0n);
    assert.equal(await node.balanceOf(BOB.address, GAS_HASH), before + 1_00000000n - 10000000n, 'Bob paid 0.1 GAS and no fee');
  });
});

describe('popup', () => {
  // The popup shows amounts in whole tokens with the trailing zeros dropped (`47.8` GAS).
  const gas = (datoshi) => {
    const whole = datoshi / 100000000n;
    const frac = (datoshi % 100000000n).toString().padStart(8, '0').replace(/0+$/, '');
    return frac ? `${whole}.${frac}` : `${whole}`;
  };

  test('send GAS from home: what is reviewed is sent (an edit takes the review away), the node accepts it, the form empties and home shows the new balance', { timeout: 90_000 }, async () => {
    await popup.goto(popup.url().replace(/#.*$/, '#/'));
    await new HomePage(popup).waitForReady();
    const home = await new NeoHomePage(popup).waitForReady();
    const mine = await node.balanceOf(ME.address, GAS_HASH);
    const bob = await node.balanceOf(BOB.address, GAS_HASH);
    await waitUntil(async () => (await home.balanceOf(`0x${GAS_HASH}`)) === gas(mine), { timeout: 15_000, message: `home to show ${gas(mine)} GAS` });

    await home.fillSend({ asset: 'GAS', to: BOB.address, amount: '0.75' });
    assert.deepEqual(await home.review(), { amount: '0.75 GAS', to: BOB.address });
    // Changing the amount after the review takes the review (and its confirm button) away.
    await home.driver.fill(NEO_HOME_IDS.amount, '2');
    await home.driver.gone(NEO_HOME_IDS.summary);
    assert.equal(await home.driver.exists(NEO_HOME_IDS.confirm), false);
    assert.deepEqual(await home.review(), { amount: '2 GAS', to: BOB.address });
    const txid = await home.confirm();
    const t = await acceptedAndHalted(txid);
    assert.equal(await node.balanceOf(BOB.address, GAS_HASH), bob + 2_00000000n);
    const after = mine - 2_00000000n - BigInt(t.sysfee) - BigInt(t.netfee);
    assert.equal(await node.balanceOf(ME.address, GAS_HASH), after);
    // Nothing left to send twice; home reads the balance again once the block is in.
    assert.equal(await home.driver.text(NEO_HOME_IDS.to), '');
    assert.equal(await home.driver.text(NEO_HOME_IDS.amount), '');
    assert.equal(await home.driver.exists(NEO_HOME_IDS.confirm), false);
    await waitUntil(async () => (await home.balanceOf(`0x${GAS_HASH}`)) === gas(after), { timeout: 20_000, message: `home to show ${gas(after)} GAS after the send` });
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

describe('switching (asks the user)', () => {
  const call = (method, params) => neoline.evaluate(([m, p]) => window.neoDapp.call(m, p), [method, params]);
  const start = (key, method, params) => (page) => page.evaluate(([k, m, p]) => window.neoDapp.start(k, m, p), [key, method, params]);
  const approve = (key, method, params, options) => withApproval(session, neoline, key, start(key, method, params), options);
  const nep21Network = () => nep21.evaluate(() => window.nep21Dapp.info().network);

  test('switchWalletNetwork: null when already there; CANCELED on reject; true and NETWORK_CHANGED on approve', { timeout: 90_000 }, async () => {
    const already = await withoutWindowOrBroadcast(session, node, () => call('switchWalletNetwork', { chainId: 0 }));
    assert.deepEqual(already, { ok: true, result: null }, 'chainId 0 is the private net the wallet is on');
    for (const [chainId, type] of [[42, 'MALFORMED_INPUT'], ['6', 'MALFORMED_INPUT'], [1, 'UNSUPPORTED']]) {
      const out = await withoutWindowOrBroadcast(session, node, () => call('switchWalletNetwork', { chainId }));
      assert.equal(out.error?.type, type, `${chainId}: ${JSON.stringify(out)}`);
    }
    const rejected = await approve('switch-reject', 'switchWalletNetwork', { chainId: 6 }, {
      answer: 'reject',
      inspect: async (w) => {
        const approval = new ApprovalPage(w);
        assert.equal(await approval.driver.text('neo-switch-from'), NETWORK);
        assert.equal(await approval.driver.text('neo-switch-to'), 'TestNet');
        assert.equal(await approval.driver.text('neo-switch-magic'), '894710606');
        await w.setViewportSize({ width: 380, height: 640 });
        await w.screenshot({ path: artifactPath('approval-neo-switch-network-chromium.png') });
      },
    });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    assert.equal(await nep21Network(), MAGIC);
    const events = await neoline.evaluate(() => window.neoDapp.state.events.length);
    const out = await approve('switch', 'switchWalletNetwork', { chainId: 6 });
    assert.deepEqual(out, { ok: true, result: true });
    await waitUntil(() => neoline.evaluate((n) => window.neoDapp.state.events.slice(n).some((e) => e.name === 'NETWORK_CHANGED' && e.detail.chainId === 6), events), { timeout: 10_000, message: 'NETWORK_CHANGED to TestNet' });
    await waitUntil(async () => (await nep21Network()) === 894710606, { timeout: 10_000, message: 'the NEP-21 provider on TestNet' });
    // And back: chainId 0 offers the private net the user added.
    const back = await approve('switch-back', 'switchWalletNetwork', { chainId: 0 }, {
      inspect: async (w) => assert.equal(await new ApprovalPage(w).driver.text('neo-switch-to'), NETWORK),
    });
    assert.deepEqual(back, { ok: true, result: true });
    await waitUntil(async () => (await nep21Network()) === MAGIC, { timeout: 10_000, message: 'the NEP-21 provider back on the private net' });
  });

  test('switchWalletAccount: the user picks another NEO account, the site follows it; the same one gives null', { timeout: 90_000 }, async () => {
    const second = neoAccountFromMnemonic(MNEMONIC, 1);
    const home = new HomePage(popup);
    await popup.goto(popup.url().replace(/#.*$/, '#/'));
    await home.waitForReady();
    await home.driver.click('add-account');
    await waitUntil(async () => (await popup.$$('[data-testid="account-row"]')).length === 2, { timeout: 10_000, message: 'a second NEO account' });
    // Adding an account leaves the wallet's NEO account (and the site's) as it was.
    assert.equal(await home.address(), ME.address);
    assert.equal((await call('getAccount')).result?.address, ME.address);

    const events = await neoline.evaluate(() => window.neoDapp.state.events.length);
    const picked = await approve('switch-account', 'switchWalletAccount', undefined, {
      answer: async (w) => {
        const approval = new ApprovalPage(w);
        assert.equal(await approval.driver.text('neo-connect-address'), ME.address, 'the current account is offered first');
        await approval.driver.select('neo-connect-account', 'hd:1');
        await waitUntil(async () => (await approval.driver.text('neo-connect-address')) === second.address, { timeout: 5_000, message: 'the picked address shown' });
        await approval.approve();
      },
    });
    assert.equal(picked.ok, true, JSON.stringify(picked));
    assert.equal(picked.result.address, second.address);
    await waitUntil(() => neoline.evaluate(([n, a]) => window.neoDapp.state.events.slice(n).some((e) => e.name === 'ACCOUNT_CHANGED' && e.detail.address === a), [events, second.address]), { timeout: 10_000, message: 'ACCOUNT_CHANGED to account 2' });
    assert.equal((await call('getAccount')).result.address, second.address);

    const same = await approve('switch-same', 'switchWalletAccount', undefined);
    assert.deepEqual(same, { ok: true, result: null }, 'the same account kept');
    const rejected = await approve('switch-account-reject', 'switchWalletAccount', undefined, { answer: 'reject' });
    assert.equal(rejected.error?.type, 'CANCELED', JSON.stringify(rejected));
    const back = await approve('switch-account-back', 'switchWalletAccount', undefined, {
      answer: async (w) => {
        const approval = new ApprovalPage(w);
        await approval.driver.select('neo-connect-account', 'hd:0');
        await approval.approve();
      },
    });
    assert.equal(back.result?.address, ME.address, JSON.stringify(back));
  });
});
