// Tests of the e2e suite's own NEO verifiers (e2e/lib/neo-verify.mjs), so that an e2e pass
// means something: the SLIP-10 P-256 derivation against the spec's vectors, and each message
// verifier against signatures made by neon-core over the format it claims. No browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { u, wallet } from '@cityofzion/neon-core';
import { REPO_ROOT } from './paths.mjs';
import {
  authenticationSignData, neoAccountFromMnemonic, neolineV1Payload, neolineV2SignData, slip10P256, verifyNeoLineSignature,
} from './neo-verify.mjs';

test('slip10P256 reproduces every SLIP-0010 nist256p1 vector (hardened, normal, both retries)', () => {
  const { vectors } = JSON.parse(readFileSync(join(REPO_ROOT, 'testdata', 'keyring', 'slip0010.json'), 'utf8'));
  const p256 = vectors.filter((v) => v.curve === 'nist256p1');
  assert.equal(p256.length, 4);
  let checked = 0;
  for (const v of p256) {
    for (const c of v.chains) {
      const path = c.path === 'm' ? [] : c.path.slice(2).split('/').map((p) => (p.endsWith('H') ? Number(p.slice(0, -1)) + 0x80000000 : Number(p)));
      assert.equal(slip10P256(Buffer.from(v.seed, 'hex'), path).toString('hex'), c.private, `${v.name} ${c.path}`);
      checked++;
    }
  }
  assert.ok(checked >= 14);
});

test('neoAccountFromMnemonic gives a valid N3 address whose key signs for it', () => {
  const a = neoAccountFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
  assert.ok(wallet.isAddress(a.address, 0x35));
  assert.equal(wallet.getAddressFromScriptHash(wallet.getScriptHashFromPublicKey(a.publicKey)), a.address);
  assert.notEqual(a.address, neoAccountFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', 1).address);
});

test('the NeoLine verifiers accept neon-core signatures over the format, and only that format', () => {
  const key = new wallet.Account('1dd37fba80fec4e6a6f13fd708d8dcb3b29def768017052f6c930fa1c5d90bbb');
  const salt = '0123456789abcdef0123456789abcdef';
  const message = 'Hello Formica 你好';
  // V2's prefix is the 96-hex-char fake transaction header (reference §2.5).
  const v2tx = `${'00'.repeat(25)}01${'00'.repeat(20)}0000`;
  assert.equal(v2tx.length, 96);
  assert.equal(neolineV1Payload('ab'), '010001f0026162' + '0000');
  const v1 = { publicKey: key.publicKey, salt, message, data: wallet.sign(neolineV1Payload(salt + message), key.privateKey) };
  const v2 = { publicKey: key.publicKey, salt, message, data: wallet.sign(neolineV2SignData(salt + message), key.privateKey) };
  const bare = { publicKey: key.publicKey, message, data: wallet.sign(neolineV1Payload(message), key.privateKey) };
  assert.equal(verifyNeoLineSignature(v1, message), true);
  assert.equal(verifyNeoLineSignature(v2, message, { version: 2 }), true);
  assert.equal(verifyNeoLineSignature(bare, message, { salted: false }), true);
  assert.equal(verifyNeoLineSignature(v1, message, { version: 2 }), false);
  assert.equal(verifyNeoLineSignature(v2, message), false);
  assert.equal(verifyNeoLineSignature(bare, message), false);
  assert.equal(verifyNeoLineSignature(v1, `${message}!`), false);
  assert.equal(u.sha256(v2tx + u.num2VarInt(0)).length, 64);
});

test('authenticationSignData lays out network u32 ‖ nonce u64 ‖ timestamp u32 ‖ uint160, little-endian', () => {
  const data = authenticationSignData({ network: 0x01020304, nonce: '13458238842203010919', timestamp: 0x0a0b0c0d, scriptHash: `0x${'11'.repeat(19)}22` });
  assert.equal(data.length, 72); // 4 + 8 + 4 + 20 bytes
  assert.equal(data.slice(0, 8), '04030201');
  assert.equal(data.slice(8, 24), BigInt('13458238842203010919').toString(16).padStart(16, '0').match(/../g).reverse().join(''));
  assert.equal(data.slice(24, 32), '0d0c0b0a');
  assert.equal(data.slice(32), `22${'11'.repeat(19)}`);
});
