// Functions that run INSIDE a browser page, passed to `page.evaluate(fn, arg)` (Playwright
// and Puppeteer both serialize the function's source, so each must be self-contained: no
// imports, no closures over module scope). Deadlines inside them are timers that reject,
// never fixed sleeps.

/** Reports whether the dApp bundle loaded and what `window.ethereum` looks like. */
export function providerShape() {
  const eth = window.ethereum;
  return {
    bundleLoaded: Boolean(window.ethers?.BrowserProvider && window.viem?.createPublicClient && window.mipd?.createStore),
    hasEthereum: eth !== undefined && eth !== null,
    isFormica: eth?.isFormica ?? null,
    isMetaMask: eth?.isMetaMask ?? null,
    isFakeWallet: eth?.isFakeWallet ?? null,
    request: typeof eth?.request,
    on: typeof eth?.on,
    removeListener: typeof eth?.removeListener,
  };
}

/** ethers v6 BrowserProvider over window.ethereum → the network's chain id, as a decimal string. */
export async function ethersChainId() {
  const provider = new window.ethers.BrowserProvider(window.ethereum);
  const network = await provider.getNetwork();
  return { chainId: network.chainId.toString(), isBigInt: typeof network.chainId === 'bigint' };
}

/** viem public client with the custom(window.ethereum) transport → getChainId(). */
export async function viemChainId() {
  const { createPublicClient, custom } = window.viem;
  const client = createPublicClient({ transport: custom(window.ethereum) });
  return client.getChainId();
}

/**
 * Sends one raw EIP-1193 request and reports the outcome as plain data:
 * `{ ok: true, result }` or `{ ok: false, error: { code, message, hasData, ... } }`.
 * A request that neither resolves nor rejects within `timeout` ms is reported as `{ timeout: true }`.
 */
export async function rawRequest({ args, timeout = 10_000 }) {
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timeout: true }), timeout);
  });
  const attempt = (async () => {
    try {
      return { ok: true, result: await window.ethereum.request(...args) };
    } catch (err) {
      return {
        ok: false,
        error: {
          isObject: typeof err === 'object' && err !== null,
          code: err?.code,
          codeType: typeof err?.code,
          message: err?.message,
          messageType: typeof err?.message,
          hasData: err !== null && typeof err === 'object' && 'data' in err,
        },
      };
    }
  })();
  try {
    return await Promise.race([attempt, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts recording `chainChanged` events of window.ethereum into `window.__formicaE2E.chainChanged`. */
export function recordChainChanged() {
  const state = (window.__formicaE2E ??= {});
  if (!state.chainChanged) {
    state.chainChanged = [];
    window.ethereum.on('chainChanged', (chainId) => state.chainChanged.push(chainId));
  }
  return state.chainChanged.length;
}

/** The `chainChanged` values recorded so far. */
export function recordedChainChanged() {
  return window.__formicaE2E?.chainChanged ?? null;
}

/**
 * A second, fake wallet, installed as an init script so that it runs before any other script
 * of the page — and, as a real wallet extension would, sets `window.ethereum` and announces
 * itself through EIP-6963 (also re-announcing on `eip6963:requestProvider`).
 * It records whether `window.ethereum` was already set when it ran (`sawEthereum`): the
 * non-overwrite check is only meaningful when the fake really came first.
 */
export function installFakeWallet({ rdns, name, uuid, chainId }) {
  const provider = {
    isFakeWallet: true,
    async request({ method } = {}) {
      if (method === 'eth_chainId') return chainId;
      throw Object.assign(new Error('fake wallet: unsupported method'), { code: 4200 });
    },
    on() { return provider; },
    removeListener() { return provider; },
  };
  window.__fakeWallet = { sawEthereum: 'ethereum' in window, provider };
  window.ethereum = provider;
  const info = Object.freeze({
    uuid,
    name,
    rdns,
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 1 1%22%3E%3Crect width=%221%22 height=%221%22/%3E%3C/svg%3E',
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', {
    detail: Object.freeze({ info, provider }),
  }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}

/**
 * Discovers wallets with mipd's createStore() (it dispatches `eip6963:requestProvider`), waits
 * until every rdns in `expect` has been announced or `timeout` ms pass, then describes them.
 * For Formica's entry it also asks its provider for eth_chainId.
 */
export async function discoverWallets({ expect, timeout = 10_000 }) {
  const store = window.mipd.createStore();
  const seen = () => expect.every((rdns) => store.getProviders().some((d) => d.info.rdns === rdns));
  if (!seen()) {
    await new Promise((resolve) => {
      const timer = setTimeout(done, timeout);
      const unsubscribe = store.subscribe(() => { if (seen()) done(); });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }
  const details = store.getProviders();
  const out = {
    wallets: details.map((d) => ({
      uuid: d.info.uuid,
      name: d.info.name,
      rdns: d.info.rdns,
      icon: d.info.icon,
      isFormica: d.provider?.isFormica ?? null,
      isMetaMask: d.provider?.isMetaMask ?? null,
      isWindowEthereum: d.provider === window.ethereum,
    })),
    windowEthereum: {
      isFormica: window.ethereum?.isFormica ?? null,
      isFakeWallet: window.ethereum?.isFakeWallet ?? null,
      isTheFake: window.__fakeWallet !== undefined && window.ethereum === window.__fakeWallet.provider,
    },
    fakeSawEthereum: window.__fakeWallet?.sawEthereum ?? null,
    formicaChainId: null,
  };
  const formica = details.find((d) => d.info.rdns === 'app.formica');
  if (formica) {
    try {
      out.formicaChainId = await Promise.race([
        formica.provider.request({ method: 'eth_chainId' }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), timeout)),
      ]);
    } catch (err) {
      out.formicaChainId = { error: String(err?.message ?? err), code: err?.code };
    }
  }
  store.destroy();
  return out;
}

/**
 * Runs in an extension page: sends one UI request to the engine over a `formica-ui` port and
 * resolves with the reply's `response`. Rejects on disconnect or after `timeout` ms.
 */
export async function uiRequest({ request, timeout = 10_000 }) {
  const api = globalThis.chrome?.runtime?.connect ? globalThis.chrome : globalThis.browser;
  const port = api.runtime.connect({ name: 'formica-ui' });
  const id = Math.floor(Math.random() * 1e9) + 1;
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${request.type} within ${timeout} ms`)), timeout);
      port.onMessage.addListener((message) => {
        if (message && message.id === id) {
          clearTimeout(timer);
          resolve(message.response);
        }
      });
      port.onDisconnect.addListener(() => {
        clearTimeout(timer);
        reject(new Error(`formica-ui port disconnected before replying to ${request.type}`));
      });
      port.postMessage({ id, request });
    });
  } finally {
    port.disconnect();
  }
}
