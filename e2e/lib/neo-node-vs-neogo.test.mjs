// The RPC stand-in (neo-node.mjs) against a real node (neo-go, neo-go.mjs): the same
// transactions, built and signed with neon-core, sent to both. They must agree on what is
// accepted and on the error code of what is not, on calculatenetworkfee to the datoshi, on
// invokescript's gasconsumed for a NEP-17 transfer, and on a FAULT for a too-small system fee.
// Where Neo's C# node (which the stand-in follows) and neo-go differ, the test says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sc, tx, u, wallet } from '@cityofzion/neon-core';
import { startNeoGo } from './neo-go.mjs';
import { GAS_HASH, NEO_HASH, startNeoNode } from './neo-node.mjs';

const MAGIC = 1234567890;
const alice = new wallet.Account('1dd37fba80fec4e6a6f13fd708d8dcb3b29def768017052f6c930fa1c5d90bbb');
const bob = new wallet.Account('7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344');
const carol = new wallet.Account('9117f4bf9be717c9a90994326897f4243503accd06712162267e77f18b49c3a3');
const verificationOf = (a) => wallet.getVerificationScriptFromPublicKey(a.publicKey);
const multisig = wallet.constructMultiSigVerificationScript(2, [alice, bob, carol].map((a) => a.publicKey));
const multisigHash = wallet.getScriptHashFromVerificationScript(multisig);

let nodes;
before(async () => {
  const go = await startNeoGo({ magic: MAGIC });
  const standIn = await startNeoNode({ magic: MAGIC });
  nodes = { 'neo-go': go, 'stand-in': standIn };
  for (const node of Object.values(nodes)) {
    await node.fund(alice.address, GAS_HASH, 100_00000000n);
    await node.fund(alice.address, NEO_HASH, 100n);
    await node.fund(wallet.getAddressFromScriptHash(multisigHash), GAS_HASH, 10_00000000n);
  }
}, { timeout: 60_000 });
after(async () => {
  await Promise.all(Object.values(nodes ?? {}).map((n) => n.close()));
});

async function raw(node, method, params) {
  const res = await fetch(node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return res.json();
}

const transfer = (asset, from, to, amount) => sc.createScript({
  scriptHash: asset,
  operation: 'transfer',
  args: [sc.ContractParam.hash160(from), sc.ContractParam.hash160(to), sc.ContractParam.integer(String(amount)), sc.ContractParam.any()],
});

/** A transfer from `account` (hash) with `verification`, fees asked of `node`, validUntilBlock height + 50. */
async function build(node, { asset = GAS_HASH, from = alice.scriptHash, verification = verificationOf(alice), vub } = {}) {
  const script = transfer(asset, from, bob.scriptHash, asset === NEO_HASH ? 1 : 1_00000000);
  const inv = (await raw(node, 'invokescript', [u.hex2base64(script), [{ account: `0x${from}`, scopes: 'CalledByEntry' }]])).result;
  assert.equal(inv.state, 'HALT', inv.exception);
  const height = (await raw(node, 'getblockcount', [])).result - 1;
  const t = new tx.Transaction({ signers: [{ account: from, scopes: 'CalledByEntry' }], validUntilBlock: vub ?? height + 50, systemFee: inv.gasconsumed, script });
  t.witnesses = [new tx.Witness({ invocationScript: '', verificationScript: verification })];
  t.networkFee = u.BigInteger.fromNumber((await raw(node, 'calculatenetworkfee', [u.hex2base64(t.serialize(true))])).result.networkfee);
  return { t, height, gasconsumed: inv.gasconsumed };
}

const sign = (t, key, magic = MAGIC) => `0c40${wallet.sign(t.getMessageForSigning(magic), key.privateKey)}`;
const send = (node, t) => raw(node, 'sendrawtransaction', [u.hex2base64(t.serialize(true))]);

/** Runs `make(node)` → tx on both nodes; returns `{name: {code} | {ok, vmstate}}`. */
async function onBoth(make) {
  const out = {};
  for (const [name, node] of Object.entries(nodes)) {
    const t = await make(node);
    const res = await send(node, t);
    if (res.error) out[name] = { code: res.error.code };
    else out[name] = { ok: true, vmstate: (await node.waitForTx(res.result.hash)).executions[0].vmstate };
  }
  return out;
}

test('calculatenetworkfee and invokescript gasconsumed agree to the datoshi', async () => {
  const fees = {};
  for (const [name, node] of Object.entries(nodes)) {
    // The same bytes to both: fixed nonce and validUntilBlock.
    const script = transfer(GAS_HASH, alice.scriptHash, bob.scriptHash, 1_00000000);
    const t = new tx.Transaction({ nonce: 7, signers: [{ account: alice.scriptHash, scopes: 'CalledByEntry' }], validUntilBlock: 1000, systemFee: 1, script });
    t.witnesses = [new tx.Witness({ invocationScript: '', verificationScript: verificationOf(alice) })];
    const m = new tx.Transaction({ nonce: 7, signers: [{ account: multisigHash, scopes: 'CalledByEntry' }], validUntilBlock: 1000, systemFee: 1, script });
    m.witnesses = [new tx.Witness({ invocationScript: '', verificationScript: multisig })];
    fees[name] = {
      single: (await raw(node, 'calculatenetworkfee', [u.hex2base64(t.serialize(true))])).result.networkfee,
      multi: (await raw(node, 'calculatenetworkfee', [u.hex2base64(m.serialize(true))])).result.networkfee,
      gas: (await build(node)).gasconsumed,
      neo: (await build(node, { asset: NEO_HASH })).gasconsumed,
    };
  }
  assert.deepEqual(fees['stand-in'], fees['neo-go']);
});

test('a valid transfer is accepted by both and HALTs', async () => {
  const out = await onBoth(async (node) => {
    const { t } = await build(node);
    t.witnesses = [new tx.Witness({ invocationScript: sign(t, alice), verificationScript: verificationOf(alice) })];
    return t;
  });
  assert.deepEqual(out['stand-in'], { ok: true, vmstate: 'HALT' });
  assert.deepEqual(out['neo-go'], out['stand-in']);
});

test('a 2-of-3 multisig transfer, signatures in key order, is accepted by both', async () => {
  const ordered = wallet.getPublicKeysFromVerificationScript(multisig);
  const byKey = new Map([alice, bob, carol].map((a) => [a.publicKey, a]));
  const out = await onBoth(async (node) => {
    const { t } = await build(node, { from: multisigHash, verification: multisig });
    t.witnesses = [new tx.Witness({ invocationScript: sign(t, byKey.get(ordered[0])) + sign(t, byKey.get(ordered[1])), verificationScript: multisig })];
    return t;
  });
  assert.deepEqual(out['stand-in'], { ok: true, vmstate: 'HALT' });
  assert.deepEqual(out['neo-go'], out['stand-in']);
});

test('rejections carry the same NEP-23 codes on both', async () => {
  const cases = {
    'signed for another magic (-508)': async (node) => {
      const { t } = await build(node);
      t.witnesses = [new tx.Witness({ invocationScript: sign(t, alice, 860833102), verificationScript: verificationOf(alice) })];
      return t;
    },
    'a byte of the script changed after signing (-508)': async (node) => {
      const { t } = await build(node);
      const inv = sign(t, alice);
      // PUSHNULL, PUSHINT32 <amount>: flip one bit of the amount.
      const hex = t.script.toBigEndian();
      assert.ok(hex.startsWith('0b02'));
      t.script = u.HexString.fromHex(`${hex.slice(0, 4)}${(parseInt(hex.slice(4, 6), 16) ^ 1).toString(16).padStart(2, '0')}${hex.slice(6)}`);
      t.witnesses = [new tx.Witness({ invocationScript: inv, verificationScript: verificationOf(alice) })];
      return t;
    },
    'no witness (-32602)': async (node) => {
      const { t } = await build(node);
      t.witnesses = [];
      return t;
    },
    'another account\'s witness (-500)': async (node) => {
      const { t } = await build(node);
      t.witnesses = [new tx.Witness({ invocationScript: sign(t, bob), verificationScript: verificationOf(bob) })];
      return t;
    },
    'another key under the signer\'s script (-508)': async (node) => {
      const { t } = await build(node);
      t.witnesses = [new tx.Witness({ invocationScript: sign(t, bob), verificationScript: verificationOf(alice) })];
      return t;
    },
    'validUntilBlock below the height (-510)': async (node) => {
      const height = (await raw(node, 'getblockcount', [])).result - 1;
      const { t } = await build(node, { vub: Math.max(1, height - 1) });
      t.witnesses = [new tx.Witness({ invocationScript: sign(t, alice), verificationScript: verificationOf(alice) })];
      return t;
    },
    'multisig signatures out of key order (-508)': async (node) => {
      const ordered = wallet.getPublicKeysFromVerificationScript(multisig);
      const byKey = new Map([alice, bob, carol].map((a) => [a.publicKey, a]));
      const { t } = await build(node, { from: multisigHash, verification: multisig });
      t.witnesses = [new tx.Witness({ invocationScript: sign(t, byKey.get(ordered[2])) + sign(t, byKey.get(ordered[0])), verificationScript: multisig })];
      return t;
    },
  };
  for (const [name, make] of Object.entries(cases)) {
    const out = await onBoth(make);
    const expected = Number(name.match(/\((-\d+)\)/)[1]);
    assert.deepEqual(out['stand-in'], { code: expected }, `stand-in: ${name}`);
    assert.deepEqual(out['neo-go'], { code: expected }, `neo-go: ${name}`);
  }
});

test('one datoshi of network fee short: rejected by both (C# node: -511, neo-go: -500)', async () => {
  const out = await onBoth(async (node) => {
    const { t } = await build(node);
    t.networkFee = t.networkFee.sub(1);
    t.witnesses = [new tx.Witness({ invocationScript: sign(t, alice), verificationScript: verificationOf(alice) })];
    return t;
  });
  // Neo's Transaction.VerifyStateDependent answers InsufficientFunds (-511) when the network fee
  // left after the size fee cannot pay a witness's verification; neo-go runs the verification
  // with the remaining GAS and fails it as an unclassified verification error (-500).
  assert.deepEqual(out['stand-in'], { code: -511 });
  assert.deepEqual(out['neo-go'], { code: -500 });
});

test('a system fee below the gas consumed: accepted by both, FAULT on chain', async () => {
  const out = await onBoth(async (node) => {
    const { t } = await build(node);
    t.systemFee = u.BigInteger.fromNumber(1000);
    t.witnesses = [new tx.Witness({ invocationScript: sign(t, alice), verificationScript: verificationOf(alice) })];
    return t;
  });
  assert.deepEqual(out['stand-in'], { ok: true, vmstate: 'FAULT' });
  assert.deepEqual(out['neo-go'], out['stand-in']);
});
