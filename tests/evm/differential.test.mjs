// Cross-implementation test: every transaction, typed-data signature and personal_sign
// signature that formica-core produced (wasm-core/examples/evm_cases.rs) is checked with the
// reference libraries dApps use. Zero mismatches are required.
//
// The cases file defaults to target/evm-cases.jsonl at the repository root; EVM_CASES
// overrides it, and EVM_MIN_CASES the least number of cases of each kind. See README.md for the two commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Transaction, TypedDataEncoder, getBytes, hashMessage } from 'ethers';
import { TypedDataUtils, recoverPersonalSignature, recoverTypedSignature } from '@metamask/eth-sig-util';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.env.EVM_CASES ?? path.join(here, '../../target/evm-cases.jsonl');
// The minimum number of cases of each kind (the cases file is made with --count 1000); a
// smaller value lets a quick run use a smaller file.
const MIN = Number(process.env.EVM_MIN_CASES ?? 1000);
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

/** Runs `check` on every case, collecting failures instead of stopping at the first. */
function checkAll(list, check) {
  const mismatches = [];
  for (const [i, c] of list.entries()) {
    try {
      check(c);
    } catch (error) {
      mismatches.push(`case ${i}: ${error.message}\n${JSON.stringify(c).slice(0, 2000)}`);
    }
  }
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches of ${list.length}; first:\n${mismatches.slice(0, 3).join('\n\n')}`);
}

const big = (hex) => (hex === undefined ? 0n : BigInt(hex));
const lower = (s) => (s == null ? s : s.toLowerCase());

test('transactions: ethers reads the same fields, signer and hash', () => {
  const txs = cases.filter((c) => c.kind === 'tx');
  for (const type of [0, 1, 2]) {
    assert.ok(txs.filter((c) => c.type === type).length >= MIN, `at least ${MIN} type ${type} transactions`);
  }
  checkAll(txs, (c) => {
    const r = c.request;
    const tx = Transaction.from(c.raw);
    assert.equal(tx.type, c.type, 'type');
    assert.equal(tx.hash, c.hash, 'hash');
    assert.equal(tx.unsignedHash, c.signingHash, 'signing hash');
    assert.equal(tx.from, c.from, 'from (recovered signer, EIP-55)');
    assert.equal(lower(tx.from), lower(r.from), 'from matches the request');
    assert.equal(tx.chainId, big(r.chainId), 'chainId');
    assert.equal(BigInt(tx.nonce), big(r.nonce), 'nonce');
    assert.equal(tx.gasLimit, big(r.gas), 'gas');
    assert.equal(tx.value, big(r.value), 'value');
    assert.equal(tx.data, lower(r.data ?? r.input ?? '0x'), 'data');
    assert.equal(lower(tx.to), lower(r.to ?? null), 'to');
    if (c.type === 2) {
      assert.equal(tx.maxFeePerGas, big(r.maxFeePerGas), 'maxFeePerGas');
      assert.equal(tx.maxPriorityFeePerGas, big(r.maxPriorityFeePerGas), 'maxPriorityFeePerGas');
    } else {
      assert.equal(tx.gasPrice, big(r.gasPrice), 'gasPrice');
    }
    if (c.type > 0) {
      const expected = (r.accessList ?? []).map((e) => ({ address: lower(e.address), storageKeys: e.storageKeys.map(lower) }));
      const actual = tx.accessList.map((e) => ({ address: lower(e.address), storageKeys: e.storageKeys.map(lower) }));
      assert.deepEqual(actual, expected, 'accessList');
    }
    // ethers' own encoding of what it read is byte for byte ours.
    assert.equal(tx.serialized, c.raw, 'serialized');
  });
});

test('typed data: eth-sig-util recovers the signer and hashes alike; ethers agrees where it applies', () => {
  const typed = cases.filter((c) => c.kind === 'typed');
  assert.ok(typed.filter((c) => c.version === 'V4' && c.ethers).length >= MIN, `at least ${MIN} V4 messages`);
  assert.ok(typed.filter((c) => c.version === 'V3').length >= MIN * 0.3, 'V3 messages');
  assert.ok(typed.filter((c) => !c.ethers).length >= MIN * 0.2, 'null/missing/recursive cases');
  checkAll(typed, (c) => {
    const recovered = recoverTypedSignature({ data: c.data, signature: c.signature, version: c.version });
    if (recovered !== c.address.toLowerCase()) {
      // Recovery hashes the data itself; only on a mismatch is the hash worth comparing, to
      // tell a hashing difference from a signing one.
      assert.equal('0x' + TypedDataUtils.eip712Hash(c.data, c.version).toString('hex'), c.hash, 'eth-sig-util hash');
      assert.equal(recovered, c.address.toLowerCase(), 'eth-sig-util recovered signer');
    }
    if (c.ethers) {
      const { EIP712Domain, ...types } = c.data.types;
      assert.equal(TypedDataEncoder.hash(c.data.domain, types, c.data.message), c.hash, 'ethers TypedDataEncoder.hash');
    }
  });
});

test('personal_sign: eth-sig-util recovers the signer, ethers hashes alike', () => {
  const personal = cases.filter((c) => c.kind === 'personal');
  assert.ok(personal.length >= MIN, `at least ${MIN} personal_sign messages`);
  checkAll(personal, (c) => {
    assert.equal(recoverPersonalSignature({ data: c.message, signature: c.signature }), c.address.toLowerCase(), 'eth-sig-util');
    const bytes = getBytes(c.message);
    assert.equal(hashMessage(bytes), c.hash, 'ethers hashMessage');
  });
});
