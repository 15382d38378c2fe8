// The page of bench/engine-vs-js.mjs (bundled by esbuild): the engine's own code, built with the
// feature `bench-exports`, beside the JS libraries dApps and other wallets use, in one page of
// the same Chromium. Each function returns samples in ms; the harness keeps the medians.
import init, { Secp256k1Bench, hdAccounts } from './wasm/formica_core.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';

const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const KEY = keccak_256(new TextEncoder().encode('formica bench key'));

/** `count` digests, each keccak256 of its index: the same inputs for both signers. */
function digests(count) {
  const out = new Uint8Array(count * 32);
  for (let i = 0; i < count; i++) out.set(keccak_256(new TextEncoder().encode(`digest ${i}`)), i * 32);
  return out;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

window.formicaBench = {
  async ready() {
    await init();
    return true;
  },

  /**
   * Signs `count` digests with k256 in wasm (one call for the batch) and with @noble/curves
   * (a JS loop), `runs` times each, alternating; checks both give the same signatures (both
   * are RFC 6979 with low-s). Returns per-signature times.
   */
  signing({ count, runs }) {
    const input = digests(count);
    const wasm = new Secp256k1Bench(KEY);
    const k256 = [];
    const noble = [];
    let ours;
    let theirs;
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      ours = wasm.sign(input);
      k256.push((performance.now() - t) / count);
      t = performance.now();
      theirs = [];
      for (let i = 0; i < count; i++) {
        theirs.push(secp256k1.sign(input.subarray(i * 32, i * 32 + 32), KEY, { prehash: false, format: 'recovered' }));
      }
      noble.push((performance.now() - t) / count);
    }
    wasm.free();
    // noble's recovered format is recovery ‖ r ‖ s; the engine's is r ‖ s ‖ v (27/28 for Ethereum's
    // legacy v, or 0/1): compare r ‖ s and the parity.
    for (let i = 0; i < count; i++) {
      const a = ours.subarray(i * 65, i * 65 + 65);
      const b = theirs[i];
      if (hex(a.subarray(0, 64)) !== hex(b.subarray(1, 65)) || (a[64] % 27) % 2 !== b[0] % 2) {
        throw new Error(`signature ${i} differs: ${hex(a)} vs ${hex(b)}`);
      }
    }
    return { k256, noble };
  },

  /** 100 HD accounts from the test phrase: the engine (all three curves) and @scure (secp256k1). */
  hdAccounts({ count, runs }) {
    const engine = [];
    const scure = [];
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      if (hdAccounts(PHRASE, count) !== count) throw new Error('the engine made the wrong number of accounts');
      engine.push(performance.now() - t);
      t = performance.now();
      const root = HDKey.fromMasterSeed(mnemonicToSeedSync(PHRASE));
      const parent = root.derive("m/44'/60'/0'/0");
      for (let i = 0; i < count; i++) keccak_256(secp256k1.getPublicKey(parent.deriveChild(i).privateKey, false).subarray(1));
      scure.push(performance.now() - t);
    }
    return { engine, scure };
  },
};
