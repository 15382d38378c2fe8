// Checks that the published vectors in testdata/evm, as transcribed to JSON, give the
// published values with the reference libraries too: a transcription mistake (or a JSON
// stand-in for a JavaScript-only input) would otherwise go unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Transaction, hashMessage, keccak256, toUtf8Bytes, TypedDataEncoder, Wallet } from 'ethers';
import { TypedDataUtils, signTypedData, recoverTypedSignature, personalSign, recoverPersonalSignature } from '@metamask/eth-sig-util';

const here = path.dirname(fileURLToPath(import.meta.url));
const load = (name) => JSON.parse(readFileSync(path.join(here, '../../testdata/evm', name), 'utf8'));
const key = (hex) => Buffer.from(hex.replace(/^0x/, ''), 'hex');

test('transactions.json: ethers decodes the valid transactions to the published hash and sender', () => {
  const doc = load('transactions.json');
  for (const c of doc.valid) {
    const tx = Transaction.from(c.raw);
    assert.equal(tx.hash, c.hash, c.name);
    assert.equal(tx.from.toLowerCase(), c.sender, c.name);
  }
  const ex = doc.eip155_example;
  const tx = Transaction.from({ type: 0, chainId: ex.chain_id, nonce: ex.nonce, gasPrice: BigInt(ex.gas_price), gasLimit: ex.gas_limit, to: ex.to, value: BigInt(ex.value), data: ex.data });
  assert.equal(tx.unsignedSerialized, ex.signing_data);
  assert.equal(tx.unsignedHash, ex.signing_hash);
  tx.signature = new Wallet(ex.private_key).signingKey.sign(tx.unsignedHash);
  assert.equal(tx.serialized, ex.signed);
});

test('eip191.json: hashes and signatures', () => {
  const doc = load('eip191.json');
  for (const c of doc.hashes) assert.equal(hashMessage(c.message), c.hash, c.message);
  for (const c of doc.personal_sign) {
    assert.equal(personalSign({ privateKey: key(c.key), data: c.message }), c.signature, c.name);
    assert.equal(recoverPersonalSignature({ data: c.message, signature: c.signature }), c.address, c.name);
  }
});

test('eip712.json: the EIP example', () => {
  const doc = load('eip712.json');
  for (const ex of [doc.eip_example, doc.eip_example_http_origin]) {
    const privateKey = key(keccak256(toUtf8Bytes(ex.key_preimage)));
    const hash = '0x' + TypedDataUtils.eip712Hash(ex.typed_data, 'V4').toString('hex');
    assert.equal(hash, ex.signing_hash);
    const sig = signTypedData({ privateKey, data: ex.typed_data, version: 'V4' });
    assert.equal(sig, ex.r + ex.s.slice(2) + ex.v.toString(16));
  }
  // ethers only knows the five standard domain fields, so it checks the first example only.
  const ex = doc.eip_example;
  const { EIP712Domain, ...types } = ex.typed_data.types;
  assert.equal(TypedDataEncoder.hash(ex.typed_data.domain, types, ex.typed_data.message), ex.signing_hash);
  assert.equal(TypedDataEncoder.hashDomain(ex.typed_data.domain), ex.domain_separator);
  assert.equal(TypedDataEncoder.from(types).hashStruct('Mail', ex.typed_data.message), ex.message_hash);
  assert.equal(TypedDataEncoder.from(types).encodeType('Mail'), ex.encode_type);
});

test('eip712.json: eth-sig-util cases', () => {
  const { eth_sig_util: doc } = load('eip712.json');
  const privateKey = key(doc.key);
  for (const c of doc.eip712_hash) {
    for (const version of ['V3', 'V4']) {
      assert.equal(TypedDataUtils.eip712Hash(c.data, version).toString('hex'), c.hash, c.name);
      const sig = c[`${version.toLowerCase()}_signature`];
      if (sig) assert.equal(signTypedData({ privateKey, data: c.data, version }), sig, c.name);
    }
  }
  for (const c of doc.encode_data) {
    const versions = c.version === 'both' ? ['V3', 'V4'] : [c.version];
    for (const version of versions) {
      assert.equal(TypedDataUtils.encodeData(c.primaryType, c.message, c.types, version).toString('hex'), c.encoded, c.name);
      const data = { types: { EIP712Domain: [], ...c.types }, primaryType: c.primaryType, domain: {}, message: c.message };
      assert.equal(signTypedData({ privateKey, data, version }), c[`${version.toLowerCase()}_signature`], `${c.name} ${version}`);
    }
  }
  const wrap = (type, input) => ({ types: { EIP712Domain: [], Message: [{ name: 'data', type }] }, primaryType: 'Message', domain: {}, message: { data: input } });
  for (const c of doc.example_data) {
    for (const version of ['V3', 'V4']) {
      const types = { Message: [{ name: 'data', type: c.type }] };
      assert.equal(TypedDataUtils.encodeData('Message', { data: c.input }, types, version).toString('hex'), c.encoded, `${c.type} ${c.input}`);
      if (c.signature) assert.equal(signTypedData({ privateKey, data: wrap(c.type, c.input), version }), c.signature);
    }
  }
  for (const c of doc.example_arrays_v4) {
    const types = { Message: [{ name: 'data', type: c.type }] };
    assert.equal(TypedDataUtils.encodeData('Message', { data: c.input }, types, 'V4').toString('hex'), c.encoded, c.type);
    if (c.signature) assert.equal(signTypedData({ privateKey, data: wrap(c.type, c.input), version: 'V4' }), c.signature);
  }
});
