// Functions that run INSIDE a browser page, passed to `page.evaluate(fn, arg)`: each is
// self-contained (Playwright serializes its source). Timing uses `performance.now()` in the
// page, so the figures hold no DevTools-protocol latency. Deadlines are timers that reject.

/**
 * Runs in an extension page: opens one `formica-ui` port, kept on `globalThis.__benchUi`, whose
 * `request(req)` resolves with the engine's `response` (ids as in e2e/lib/page-side.mjs).
 */
export function openUiPort() {
  if (globalThis.__benchUi) return true;
  const port = chrome.runtime.connect({ name: 'formica-ui' });
  const waiting = new Map();
  let nextId = 1;
  port.onMessage.addListener((message) => {
    const waiter = waiting.get(message?.id);
    if (!waiter) return;
    waiting.delete(message.id);
    waiter.resolve(message.response);
  });
  port.onDisconnect.addListener(() => {
    for (const waiter of waiting.values()) waiter.reject(new Error('formica-ui port disconnected'));
    waiting.clear();
    globalThis.__benchUi = undefined;
  });
  globalThis.__benchUi = {
    request(request, timeout = 30_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no reply to ${request.type} within ${timeout} ms`));
        }, timeout);
        waiting.set(id, {
          resolve: (v) => { clearTimeout(timer); resolve(v); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        port.postMessage({ id, request });
      });
    },
  };
  return true;
}

/**
 * Runs in an extension page: the vault's KDF parameters as stored in `chrome.storage.local`
 * (`vault:head` names the current slot, `vault:a` or `vault:b`). Values may be stored as JSON
 * text or as objects; both are read.
 */
export async function readVaultKdf() {
  const parse = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  const { 'vault:head': rawHead } = await chrome.storage.local.get('vault:head');
  const head = parse(rawHead);
  const key = `vault:${head.current}`;
  const { [key]: rawSlot } = await chrome.storage.local.get(key);
  const slot = parse(rawSlot);
  const { alg, m, t, p, salt } = slot.vault.kdf;
  return { slot: key, generation: slot.generation, alg, m, t, p, saltLength: salt ? atob(salt).length : null };
}

/**
 * Runs in an extension page after `openUiPort()` and after hash-wasm's UMD build was evaluated
 * there (`globalThis.hashwasm`). One round of the unlock comparison, in the order `order`
 * (rotated by the caller so that no contender always runs first):
 * - `unlock`: lock (untimed), then the `unlock` round trip through the worker's Rust engine;
 * - `argon2`: hash-wasm argon2id with the vault's m/t/p;
 * - `pbkdf2`: WebCrypto PBKDF2-SHA256, 600,000 iterations (MetaMask's setting).
 * Returns milliseconds per contender.
 */
export async function unlockRound({ password, m, t, p, order }) {
  const ui = globalThis.__benchUi;
  const enc = new TextEncoder();
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const out = {};
  const contenders = {
    async unlock() {
      const locked = await ui.request({ type: 'lock' });
      if (locked?.type !== 'state' || locked.state.unlocked) throw new Error(`lock failed: ${JSON.stringify(locked)}`);
      const start = performance.now();
      const reply = await ui.request({ type: 'unlock', password });
      const ms = performance.now() - start;
      if (reply?.type !== 'state' || !reply.state.unlocked) throw new Error(`unlock failed: ${JSON.stringify(reply)}`);
      return ms;
    },
    async argon2() {
      const start = performance.now();
      await globalThis.hashwasm.argon2id({
        password, salt, parallelism: p, iterations: t, memorySize: m, hashLength: 32, outputType: 'binary',
      });
      return performance.now() - start;
    },
    async pbkdf2() {
      const start = performance.now();
      const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 }, key, 256);
      return performance.now() - start;
    },
  };
  for (const name of order) out[name] = await contenders[name]();
  return out;
}

/** Runs in a page with hash-wasm loaded: one argon2id derivation with m (KiB), t, p; ms. */
export async function hashWasmArgon2({ m, t, p }) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const start = performance.now();
  await globalThis.hashwasm.argon2id({
    password: 'bench', salt, parallelism: p, iterations: t, memorySize: m, hashLength: 32, outputType: 'binary',
  });
  return performance.now() - start;
}

/**
 * Runs in a dApp page: `calls` sequential `eth_chainId` requests after `warmup` untimed ones.
 * Returns the `calls + 1` timestamps (ms) between them: call i took `t[i + 1] - t[i]`. Pages
 * that are not cross-origin isolated get `performance.now()` coarsened to 0.1 ms, so the caller
 * also reads spans of several calls from the same timestamps. Fails on a wrong answer.
 */
export async function sequentialChainId({ calls, warmup, expected }) {
  const eth = window.ethereum;
  for (let i = 0; i < warmup; i++) await eth.request({ method: 'eth_chainId' });
  const stamps = new Array(calls + 1);
  stamps[0] = performance.now();
  for (let i = 0; i < calls; i++) {
    const answer = await eth.request({ method: 'eth_chainId' });
    stamps[i + 1] = performance.now();
    if (answer !== expected) throw new Error(`eth_chainId answered ${answer}, expected ${expected}`);
  }
  return stamps;
}

/**
 * Runs in a dApp page: `calls` concurrent `eth_chainId` requests; returns the ms from the first
 * send to the last answer. Fails on a wrong answer.
 */
export async function concurrentChainId({ calls, expected }) {
  const eth = window.ethereum;
  const start = performance.now();
  const answers = await Promise.all(Array.from({ length: calls }, () => eth.request({ method: 'eth_chainId' })));
  const ms = performance.now() - start;
  const wrong = answers.find((a) => a !== expected);
  if (wrong !== undefined) throw new Error(`eth_chainId answered ${wrong}, expected ${expected}`);
  return ms;
}

/**
 * Runs in a dApp page whose provider holds no port yet (the worker is stopped): one
 * `eth_chainId`, timed from the send to the answer. Rejects after `timeout` ms.
 */
export async function timedChainId({ expected, timeout = 20_000 }) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no eth_chainId answer within ${timeout} ms`)), timeout);
  });
  const start = performance.now();
  try {
    const answer = await Promise.race([window.ethereum.request({ method: 'eth_chainId' }), expired]);
    const ms = performance.now() - start;
    if (answer !== expected) throw new Error(`eth_chainId answered ${answer}, expected ${expected}`);
    return ms;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An init script for popup pages: records in `window.__benchVisible` the page's
 * `performance.now()` (ms since navigation start) when an element matching `selector` is
 * first attached and visible. It watches DOM mutations, and animation frames for changes
 * that are style-only.
 */
export function recordFirstVisible(selector) {
  window.__benchVisible = null;
  const check = () => {
    if (window.__benchVisible !== null) return true;
    const el = document.querySelector(selector);
    if (el && el.checkVisibility()) {
      window.__benchVisible = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const frame = () => { if (!check()) requestAnimationFrame(frame); else observer.disconnect(); };
  requestAnimationFrame(frame);
}
