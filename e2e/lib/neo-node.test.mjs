// Tests of the NEO N3 RPC stand-in itself (e2e/lib/neo-node.mjs), through neon-core's own RPC
// client: what it accepts, what it rejects with which error, and that accepted transfers move
// balances. No browser; run by scripts/test:  node --test e2e/lib/neo-node.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rpc, sc, tx, u, wallet } from '@cityofzion/neon-core';
import {
  EXEC_FEE_FACTOR, FEE_PER_BYTE, GAS_HASH, NEO_HASH, TEST_TOKEN_HASH, multiSignatureContractCost, signatureContractCost, startNeoNode,
} from './neo-node.mjs';

const MAGIC = 1234567890;
// Fixed keys (never real funds): neon-core derives their addresses.
const alice = new wallet.Account('1dd37fba80fec4e6a6f13fd708d8dcb3b29def768017052f6c930fa1c5d90bbb');
const bob = new wallet.Account('7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344');
const carol = new wallet.Account('9117f4bf9be717c9a90994326897f4243503accd06712162267e77f18b49c3a3');

let node;
let client;
before(async () => {
  node = await startNeoNode({ magic: MAGIC });
  client = new rpc.RPCClient(node.url);
  node.fund(alice.address, GAS_HASH, 100_00000000n);
  node.fund(alice.address, TEST_TOKEN_HASH, 500_00000000n);
});
after(() => node?.close());

/** JSON-RPC without neon's client, to see the raw error object. */
async function call(method, params) {
  const res = await fetch(node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return res.json();
}

const transferScript = (asset, from, to, amount) => sc.createScript({
  scriptHash: asset,
  operation: 'transfer',
  args: [sc.ContractParam.hash160(from), sc.ContractParam.hash160(to), sc.ContractParam.integer(String(amount)), sc.ContractParam.any()],
});

/**
 * Builds a transfer the way a wallet does: system fee from invokescript, network fee from
 * calculatenetworkfee, validUntilBlock from the height. `tweak(tx)` may alter it before signing.
 */
async function buildTransfer({ from = alice, to = bob.address, asset = GAS_HASH, amount = 1_00000000n, scopes = 'CalledByEntry', extraNetFee = 0 } = {}) {
  const script = transferScript(asset, from.address, to, amount);
  const signers = [{ account: from.scriptHash, scopes }];
  const inv = await client.invokeScript(u.HexString.fromHex(script), signers.map((s) => new tx.Signer(s)));
  assert.equal(inv.state, 'HALT', inv.exception);
  const t = new tx.Transaction({
    signers,
    validUntilBlock: (await client.getBlockCount()) + 100,
    systemFee: inv.gasconsumed,
    script,
  });
  t.witnesses = [new tx.Witness({ invocationScript: '', verificationScript: verificationOf(from) })];
  const fee = await client.calculateNetworkFee(t);
  t.networkFee = u.BigInteger.fromNumber(fee).add(extraNetFee);
  return t;
}

const signedB64 = (t) => u.hex2base64(t.serialize(true));
const verificationOf = (account) => wallet.getVerificationScriptFromPublicKey(account.publicKey);

test('getversion: the network magic and address version 53 (neon RPCClient)', async () => {
  const v = await client.getVersion();
  assert.equal(v.protocol.network, MAGIC);
  assert.equal(v.protocol.addressversion, 53);
  assert.ok(v.protocol.msperblock > 0);
});

test('a GAS transfer signed by neon-core is accepted, mined, logged, and moves balances', async () => {
  const heightBefore = await client.getBlockCount();
  const aliceBefore = node.balanceOf(alice.address, GAS_HASH);
  const t = await buildTransfer({ amount: 2_50000000n });
  t.sign(alice, MAGIC);
  const hash = await client.sendRawTransaction(t);
  assert.equal(hash, `0x${t.hash()}`);
  assert.equal(await client.getBlockCount(), heightBefore + 1);

  const log = await client.getApplicationLog(hash);
  const exec = log.executions[0];
  assert.equal(exec.vmstate, 'HALT');
  assert.deepEqual(exec.stack, [{ type: 'Boolean', value: true }]);
  assert.equal(exec.notifications.length, 1);
  const n = exec.notifications[0];
  assert.equal(n.contract, `0x${GAS_HASH}`);
  assert.equal(n.eventname, 'Transfer');
  assert.equal(u.reverseHex(u.base642hex(n.state.value[0].value)), alice.scriptHash);
  assert.equal(u.reverseHex(u.base642hex(n.state.value[1].value)), bob.scriptHash);
  assert.equal(n.state.value[2].value, '250000000');

  const fees = BigInt(t.systemFee.toString()) + BigInt(t.networkFee.toString());
  assert.equal(node.balanceOf(alice.address, GAS_HASH), aliceBefore - 2_50000000n - fees);
  const bobBalances = await client.getNep17Balances(bob.address);
  const gas = bobBalances.balance.find((b) => b.assethash === `0x${GAS_HASH}`);
  assert.equal(gas.amount, '250000000');
  assert.equal(gas.symbol, 'GAS');

  const raw = await client.getRawTransaction(hash, true);
  assert.equal(raw.hash, hash);
  assert.equal(raw.sender, alice.address);
  const block = await client.getBlock(raw.blockhash, true);
  assert.deepEqual(block.tx.map((x) => x.hash), [hash]);
  assert.equal(block.index, heightBefore);
  assert.equal((await client.getBlock(heightBefore, true)).hash, raw.blockhash);
});

test('a NEP-17 transfer of the test token is accepted and moves the token', async () => {
  const t = await buildTransfer({ asset: TEST_TOKEN_HASH, amount: 7_00000000n, to: carol.address });
  t.sign(alice, MAGIC);
  await client.sendRawTransaction(t);
  assert.equal(node.balanceOf(carol.address, TEST_TOKEN_HASH), 7_00000000n);
});

async function expectRejected(b64, code, message) {
  const before = node.height;
  const submissions = node.submissions.length;
  const res = await call('sendrawtransaction', [b64]);
  assert.equal(res.error?.code, code, JSON.stringify(res));
  if (message) assert.match(res.error.message, message);
  assert.equal(node.height, before, 'no block was mined');
  assert.equal(node.submissions.length, submissions + 1);
  assert.equal(node.submissions.at(-1).ok, false);
  return res.error;
}

test('signed for another network magic: -508 Invalid signature', async () => {
  const t = await buildTransfer();
  t.sign(alice, 860833102);
  const err = await expectRejected(signedB64(t), -508, /^Invalid signature - InvalidSignature$/);
  assert.equal(err.data, 'InvalidSignature');
});

test('one tampered byte after signing (the amount): -508', async () => {
  const t = await buildTransfer({ amount: 1n });
  t.sign(alice, MAGIC);
  const hex = t.serialize(true);
  const at = hex.indexOf(t.script.toBigEndian());
  assert.ok(at > 0);
  // The script starts PUSHNULL, PUSH1 (amount 1): make it PUSH2.
  assert.equal(hex.slice(at + 2, at + 4), '11');
  const tampered = `${hex.slice(0, at + 2)}12${hex.slice(at + 4)}`;
  await expectRejected(u.hex2base64(tampered), -508);
});

test('a missing witness is a bad format: -32602', async () => {
  const t = await buildTransfer();
  t.witnesses = [];
  await expectRejected(signedB64(t), -32602, /Invalid Transaction Format/);
});

test('a witness of another key (verification script hash ≠ signer): -500 Invalid', async () => {
  const t = await buildTransfer();
  const sig = wallet.sign(t.getMessageForSigning(MAGIC), bob.privateKey);
  t.witnesses = [new tx.Witness({ invocationScript: `0c40${sig}`, verificationScript: verificationOf(bob) })];
  const err = await expectRejected(signedB64(t), -500);
  assert.equal(err.data, 'Invalid');
});

test('a signature by another key under the signer\'s own verification script: -508', async () => {
  const t = await buildTransfer();
  const sig = wallet.sign(t.getMessageForSigning(MAGIC), bob.privateKey);
  t.witnesses = [new tx.Witness({ invocationScript: `0c40${sig}`, verificationScript: verificationOf(alice) })];
  await expectRejected(signedB64(t), -508);
});

test('validUntilBlock at or below the height, or beyond height + 5760: -510 Expired', async () => {
  for (const vub of [node.height, node.height + 5761]) {
    const t = await buildTransfer();
    t.validUntilBlock = vub;
    t.sign(alice, MAGIC);
    await expectRejected(signedB64(t), -510, /^Expired transaction - Expired$/);
  }
  const t = await buildTransfer();
  t.validUntilBlock = node.height + 1;
  t.sign(alice, MAGIC);
  node.mine(1); // the chain moves on before the transaction arrives
  await expectRejected(signedB64(t), -510);
});

test('calculatenetworkfee is N3\'s rule, and exactly that fee is enough (one datoshi less is -511)', async () => {
  const t = await buildTransfer();
  const unsignedSize = 25 + u.serializeArrayOf(t.signers).length / 2 + 1 + u.getSerializedSize(t.script) + 1;
  const expected = BigInt(unsignedSize + 67 + 41) * FEE_PER_BYTE + EXEC_FEE_FACTOR * signatureContractCost();
  assert.equal(signatureContractCost(), 32784n);
  assert.equal(BigInt(t.networkFee.toString()), expected);
  const short = await buildTransfer({ extraNetFee: -1 });
  short.sign(alice, MAGIC);
  await expectRejected(signedB64(short), -511, /^Insufficient funds for fee - InsufficientFunds$/);
  t.sign(alice, MAGIC);
  assert.match(await client.sendRawTransaction(t), /^0x[0-9a-f]{64}$/);
});

test('a sender without enough GAS for the fees: -511', async () => {
  const poor = new wallet.Account(wallet.generatePrivateKey());
  node.fund(poor.address, TEST_TOKEN_HASH, 1n);
  const t = new tx.Transaction({
    signers: [{ account: poor.scriptHash, scopes: 'CalledByEntry' }],
    validUntilBlock: node.height + 10,
    systemFee: 1000000,
    networkFee: 2000000,
    script: transferScript(TEST_TOKEN_HASH, poor.address, bob.address, 1n),
  });
  t.sign(poor, MAGIC);
  await expectRejected(signedB64(t), -511);
});

test('a 2-of-3 multisig account: signatures in key order accepted; a wrong co-signer is -508', async () => {
  const keys = [alice, bob, carol].map((a) => a.publicKey);
  const verification = wallet.constructMultiSigVerificationScript(2, keys);
  const multi = wallet.Account.createMultiSig(2, keys);
  assert.equal(wallet.getScriptHashFromVerificationScript(verification), multi.scriptHash);
  const ordered = wallet.getPublicKeysFromVerificationScript(verification);
  const byKey = new Map([alice, bob, carol].map((a) => [a.publicKey, a]));
  node.fund(multi.address, GAS_HASH, 10_00000000n);

  const build = async () => {
    const script = transferScript(GAS_HASH, multi.address, alice.address, 1_00000000n);
    const t = new tx.Transaction({ signers: [{ account: multi.scriptHash, scopes: 'CalledByEntry' }], validUntilBlock: node.height + 50, systemFee: 1_0000000, script });
    t.witnesses = [new tx.Witness({ invocationScript: '', verificationScript: verification })];
    t.networkFee = u.BigInteger.fromNumber(await client.calculateNetworkFee(t));
    return t;
  };
  const t = await build();
  const size = 25 + u.serializeArrayOf(t.signers).length / 2 + 1 + u.getSerializedSize(t.script) + 1 + 1 + 132 + u.getSerializedSize(u.HexString.fromHex(verification));
  assert.equal(BigInt(t.networkFee.toString()), BigInt(size) * FEE_PER_BYTE + EXEC_FEE_FACTOR * multiSignatureContractCost(2, 3));
  const msg = t.getMessageForSigning(MAGIC);
  const sigOf = (pub) => wallet.sign(msg, byKey.get(pub).privateKey);
  // Signatures in the order of the keys in the script (keys 0 and 2), as CheckMultisig scans them.
  t.witnesses = [new tx.Witness({ invocationScript: `0c40${sigOf(ordered[0])}0c40${sigOf(ordered[2])}`, verificationScript: verification })];
  assert.match(await client.sendRawTransaction(t), /^0x/);
  assert.equal(node.balanceOf(bob.address, GAS_HASH) > 0n, true);
  assert.ok(node.balanceOf(multi.address, GAS_HASH) < 9_00000000n);
  // Out of key order (2 then 0) fails CheckMultisig's ordered scan.
  const r = await build();
  const msgR = r.getMessageForSigning(MAGIC);
  r.witnesses = [new tx.Witness({ invocationScript: `0c40${wallet.sign(msgR, byKey.get(ordered[2]).privateKey)}0c40${wallet.sign(msgR, byKey.get(ordered[0]).privateKey)}`, verificationScript: verification })];
  await expectRejected(signedB64(r), -508);

  const u2 = await build();
  const msg2 = u2.getMessageForSigning(MAGIC);
  const outsider = new wallet.Account(wallet.generatePrivateKey());
  u2.witnesses = [new tx.Witness({ invocationScript: `0c40${wallet.sign(msg2, byKey.get(ordered[0]).privateKey)}0c40${wallet.sign(msg2, outsider.privateKey)}`, verificationScript: verification })];
  await expectRejected(signedB64(u2), -508);
});

test('invokefunction: symbol, decimals, balanceOf; transfer needs a witness in scope', async () => {
  const one = async (hash, op, args = [], signers = []) => call('invokefunction', [hash, op, args, signers]).then((r) => r.result);
  assert.equal(u.base642utf8((await one(GAS_HASH, 'symbol')).stack[0].value), 'GAS');
  assert.equal((await one(NEO_HASH, 'decimals')).stack[0].value, '0');
  assert.equal((await one(TEST_TOKEN_HASH, 'decimals')).stack[0].value, '8');
  const bal = await one(TEST_TOKEN_HASH, 'balanceOf', [{ type: 'Hash160', value: carol.scriptHash }]);
  assert.deepEqual(bal.stack, [{ type: 'Integer', value: '700000000' }]);
  assert.equal(bal.state, 'HALT');
  assert.ok(Number(bal.gasconsumed) > 0);

  const args = [{ type: 'Hash160', value: alice.scriptHash }, { type: 'Hash160', value: bob.scriptHash }, { type: 'Integer', value: '1' }, { type: 'Any' }];
  const run = (signers) => one(GAS_HASH, 'transfer', args, signers).then((r) => r.stack[0]?.value);
  assert.equal(await run([]), false, 'no signer');
  assert.equal(await run([{ account: alice.scriptHash, scopes: 'None' }]), false);
  assert.equal(await run([{ account: alice.scriptHash, scopes: 'CalledByEntry' }]), true);
  assert.equal(await run([{ account: alice.scriptHash, scopes: 'CustomContracts', allowedcontracts: [`0x${NEO_HASH}`] }]), false);
  assert.equal(await run([{ account: alice.scriptHash, scopes: 'CustomContracts', allowedcontracts: [`0x${GAS_HASH}`] }]), true);
  assert.equal(await run([{ account: alice.scriptHash, scopes: 'WitnessRules', rules: [{ action: 'Deny', condition: { type: 'ScriptHash', hash: `0x${GAS_HASH}` } }, { action: 'Allow', condition: { type: 'Boolean', expression: true } }] }]), false);
  // A test-mode transfer changes nothing.
  assert.equal(node.balanceOf(bob.address, GAS_HASH) >= 2_50000000n, true);
  const neg = await one(GAS_HASH, 'transfer', [args[0], args[1], { type: 'Integer', value: '-1' }, args[3]], [{ account: alice.scriptHash, scopes: 'Global' }]);
  assert.equal(neg.state, 'FAULT');
});

test('a system fee below the gas consumed FAULTs on chain and still pays the fees', async () => {
  const t = await buildTransfer({ amount: 1n });
  t.systemFee = u.BigInteger.fromNumber(1000);
  t.sign(alice, MAGIC);
  const before = node.balanceOf(bob.address, GAS_HASH);
  const hash = await client.sendRawTransaction(t);
  const exec = (await client.getApplicationLog(hash)).executions[0];
  assert.equal(exec.vmstate, 'FAULT');
  assert.match(exec.exception, /Insufficient GAS/);
  assert.equal(node.balanceOf(bob.address, GAS_HASH), before);
});

test('errors: unknown method, unknown block, unknown transaction, bad JSON', async () => {
  assert.equal((await call('nosuchmethod', [])).error.code, -32601);
  assert.equal((await call('getblock', [99999, true])).error.code, -101);
  assert.equal((await call('getrawtransaction', [`0x${'00'.repeat(32)}`, true])).error.code, -103);
  const res = await fetch(node.url, { method: 'POST', body: '{' }).then((r) => r.json());
  assert.equal(res.error.code, -32700);
});
