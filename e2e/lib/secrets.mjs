// Every secret that a mnemonic implies, in every spelling a careless implementation could
// leave in storage: the phrase (and runs of its words), the BIP39 seed, and the private keys of
// the first accounts of each chain family (EVM BIP32, NEO SLIP-10 P-256, Solana SLIP-10
// ed25519), as hex and base64. Derived here with ethers and node:crypto, independently of the
// extension.
import { createHmac } from 'node:crypto';
import { HDNodeWallet, Mnemonic } from 'ethers';

const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const HARDENED = 0x80000000;

function slip10(curve, seed, path) {
  const hmac = (key, data) => createHmac('sha512', key).update(data).digest();
  let I = hmac(curve === 'ed25519' ? 'ed25519 seed' : 'Nist256p1 seed', seed);
  let [k, c] = [I.subarray(0, 32), I.subarray(32)];
  for (const index of path) {
    const data = Buffer.alloc(37);
    // Every index on our paths that ed25519 uses is hardened; P-256 paths here are too, except
    // the last two levels, which use the public key (not needed: we only go as far as hardened).
    k.copy(data, 1);
    data.writeUInt32BE(index, 33);
    I = hmac(c, data);
    if (curve === 'ed25519') {
      [k, c] = [I.subarray(0, 32), I.subarray(32)];
    } else {
      const child = (BigInt(`0x${I.subarray(0, 32).toString('hex')}`) + BigInt(`0x${k.toString('hex')}`)) % P256_N;
      [k, c] = [Buffer.from(child.toString(16).padStart(64, '0'), 'hex'), I.subarray(32)];
    }
  }
  return k;
}

/** Strings that must never appear in extension storage for a wallet made from `phrase`. */
export function secretSpellings(phrase, passphrase = '') {
  const words = phrase.trim().split(/\s+/);
  const out = new Set([phrase, words.join(' ')]);
  for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(' '));
  const add = (bytes) => {
    const buf = Buffer.from(bytes);
    out.add(buf.toString('hex'));
    out.add(buf.toString('base64'));
    out.add(buf.toString('base64url'));
  };
  const seed = Buffer.from(Mnemonic.fromPhrase(phrase, passphrase).computeSeed().slice(2), 'hex');
  add(seed);
  const mnemonic = Mnemonic.fromPhrase(phrase, passphrase);
  for (let i = 0; i < 3; i++) {
    const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
    add(Buffer.from(wallet.privateKey.slice(2), 'hex'));
    add(slip10('ed25519', seed, [44, 501, i, 0].map((n) => n + HARDENED)));
    // NEO's m/44'/888'/0' account key (its non-hardened children derive from it).
    add(slip10('p256', seed, [44, 888, 0].map((n) => n + HARDENED)));
  }
  return [...out].filter((s) => s.length >= 12);
}

/** Throws if any secret spelling occurs in `text` (case-insensitively for hex). */
export function assertNoSecrets(text, phrase, passphrase = '') {
  const haystack = text.toLowerCase();
  for (const secret of secretSpellings(phrase, passphrase)) {
    if (text.includes(secret) || (/^[0-9a-f]+$/.test(secret) && haystack.includes(secret))) {
      throw new Error(`a secret (${secret.length} chars, starting ${secret.slice(0, 4)}…) is in extension storage`);
    }
  }
}

/** Runs in an extension page: everything in chrome.storage.local and .session, as JSON. */
export async function dumpExtensionStorage() {
  const api = globalThis.browser ?? globalThis.chrome;
  const [local, session] = await Promise.all([api.storage.local.get(null), api.storage.session.get(null)]);
  return JSON.stringify({ local, session });
}
