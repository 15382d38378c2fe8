// NEO N3 checks the e2e tests make outside the extension, with @cityofzion/neon-core and
// node:crypto only: the account a mnemonic implies, and verifiers for the signatures the dAPI
// returns, each written from the format's published source (cited per function).
import { createECDH, createHmac } from 'node:crypto';
import { Mnemonic } from 'ethers';
import { u, wallet } from '@cityofzion/neon-core';

const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const HARDENED = 0x80000000;

const compressed = (priv) => {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(priv);
  return ecdh.getPublicKey(null, 'compressed');
};

/**
 * SLIP-0010 for NIST P-256 ("Nist256p1 seed"; hardened and normal children, with the
 * spec's retry when I_L ≥ n or the key is 0), https://github.com/satoshilabs/slips/blob/master/slip-0010.md
 */
export function slip10P256(seed, path) {
  const hmac = (key, data) => createHmac('sha512', key).update(data).digest();
  let I = hmac('Nist256p1 seed', seed);
  for (;;) {
    const k = BigInt(`0x${I.subarray(0, 32).toString('hex')}`);
    if (k !== 0n && k < P256_N) break;
    I = hmac('Nist256p1 seed', I);
  }
  let [key, chain] = [I.subarray(0, 32), I.subarray(32)];
  for (const index of path) {
    let data = index >= HARDENED
      ? Buffer.concat([Buffer.alloc(1), key, Buffer.alloc(4)])
      : Buffer.concat([compressed(key), Buffer.alloc(4)]);
    data.writeUInt32BE(index, data.length - 4);
    for (;;) {
      I = hmac(chain, data);
      const il = BigInt(`0x${I.subarray(0, 32).toString('hex')}`);
      const child = (il + BigInt(`0x${key.toString('hex')}`)) % P256_N;
      if (il < P256_N && child !== 0n) {
        [key, chain] = [Buffer.from(child.toString(16).padStart(64, '0'), 'hex'), I.subarray(32)];
        break;
      }
      data = Buffer.concat([Buffer.from([1]), I.subarray(32), data.subarray(data.length - 4)]);
    }
  }
  return key;
}

/** The N3 account at m/44'/888'/0'/0/index of a BIP39 phrase: {address, scriptHash, publicKey}. */
export function neoAccountFromMnemonic(phrase, index = 0, passphrase = '') {
  const seed = Buffer.from(Mnemonic.fromPhrase(phrase, passphrase).computeSeed().slice(2), 'hex');
  const key = slip10P256(seed, [44 + HARDENED, 888 + HARDENED, HARDENED, 0, index]);
  const account = new wallet.Account(key.toString('hex'));
  return { address: account.address, scriptHash: account.scriptHash, publicKey: account.publicKey };
}

const utf8hex = (s) => Buffer.from(s, 'utf8').toString('hex');

/**
 * NeoLine signMessage (V1) and signMessageWithoutSalt: payload = '010001f0' ‖ varint(len) ‖
 * utf8(salt + message) ‖ '0000', ECDSA P-256 over sha256(payload) — NeoLine
 * neo3-signature.component.ts and the background's VerifyMessage (reference §2.5).
 */
export function neolineV1Payload(text) {
  const hex = utf8hex(text);
  return `010001f0${u.num2VarInt(hex.length / 2)}${hex}0000`;
}

/**
 * NeoLine signMessageV2 (Ledger-compatible): a fake N3 transaction whose script is the message,
 * signed as N3 sign data with magic 0: uint32LE(0) ‖ sha256(tx) — neo3-signature-v2.component.ts
 * (reference §2.5).
 */
export function neolineV2SignData(text) {
  const hex = utf8hex(text);
  const tx = `${'00'.repeat(25)}01${'00'.repeat(20)}0000${u.num2VarInt(hex.length / 2)}${hex}`;
  return `00000000${u.sha256(tx)}`;
}

/** Verifies a NeoLine sign answer `{publicKey, data, salt?, message}` for `message`. */
export function verifyNeoLineSignature(answer, message, { version = 1, salted = true } = {}) {
  const text = salted ? `${answer.salt}${message}` : message;
  const signed = version === 2 ? neolineV2SignData(text) : neolineV1Payload(text);
  return wallet.verify(signed, answer.data, answer.publicKey);
}

/**
 * NEP-20 Authentication Scheme response data: network (u32) ‖ nonce (u64) ‖ timestamp (u32) ‖
 * script hash (uint160), little-endian as Neo serializes them (neo-project/proposals,
 * authentication-scheme.mediawiki, "Response data to sign").
 */
export function authenticationSignData({ network, nonce, timestamp, scriptHash }) {
  const le = (value, bytes) => BigInt.asUintN(bytes * 8, BigInt(value)).toString(16).padStart(bytes * 2, '0').match(/../g).reverse().join('');
  return le(network, 4) + le(nonce, 8) + le(timestamp, 4) + u.reverseHex(scriptHash.replace(/^0x/, ''));
}
