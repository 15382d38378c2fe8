// Formica's page provider (MAIN world). Plain JS, no wasm (a page's CSP may forbid it).
// It only shapes requests and events: every method's meaning, validation and error lives in
// the Rust engine behind the content script.
(() => {
  if (window.__formicaProvider) return; // injected twice into one frame (should not happen)

  const TO_CONTENT = 'formica-content';
  const FROM_CONTENT = 'formica-inpage';
  const targetOrigin = location.origin === 'null' ? '*' : location.origin;
  const ICON =
    'data:image/svg+xml;base64,__FORMICA_ICON_BASE64__';

  /** EIP-1193's error shape, as an Error so stack-aware code and `instanceof Error` work. */
  class ProviderRpcError extends Error {
    constructor({ code, message, data }) {
      super(message);
      this.code = code;
      if (data !== undefined) this.data = data;
    }
  }

  const pending = new Map(); // id → { resolve, reject }
  const listeners = new Map(); // event name → Set of functions
  let nextId = 1;

  function emit(name, data) {
    for (const fn of [...(listeners.get(name) ?? [])]) {
      try {
        fn(data);
      } catch (e) {
        // A dApp's listener must not break the others.
        setTimeout(() => {
          throw e;
        });
      }
    }
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window || event.data?.target !== FROM_CONTENT) return;
    const { id, reply, event: pushed } = event.data;
    if (pushed) {
      if (pushed.name === 'chainChanged' && connection.chainId !== null) connection.chainId = pushed.data;
      emit(pushed.name, pushed.data);
      return;
    }
    const waiter = pending.get(id);
    if (!waiter || !reply) return;
    pending.delete(id);
    if ('error' in reply) {
      const error = new ProviderRpcError(reply.error);
      // 4900: the content script could not reach the wallet at all (EIP-1193 "disconnect").
      if (reply.error?.code === 4900 && connection.chainId !== null) {
        connection.chainId = null;
        emit('disconnect', error);
      }
      waiter.reject(error);
    } else {
      waiter.resolve(reply.result);
      if (connection.chainId === null && listeners.get('connect')?.size) checkConnection();
    }
  });

  // EIP-1193 `connect` / `disconnect`: the provider is connected once the wallet has answered
  // with a chain id. Nothing is asked on page load (that would wake the worker for every page);
  // the check runs when a page listens for `connect`, and after any answer while disconnected.
  const connection = { chainId: null, checking: false };
  function checkConnection() {
    if (connection.checking || connection.chainId !== null) return;
    connection.checking = true;
    provider.request({ method: 'eth_chainId' }).then(
      (chainId) => {
        connection.checking = false;
        if (connection.chainId !== null) return;
        connection.chainId = chainId;
        emit('connect', { chainId });
      },
      () => { connection.checking = false; },
    );
  }

  function clone(value) {
    try {
      return structuredClone(value);
    } catch {
      return null; // not cloneable (functions, …): the engine answers a null request with -32600
    }
  }

  const provider = {
    isFormica: true,
    request(args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        window.postMessage({ target: TO_CONTENT, id, request: clone(args) }, targetOrigin);
      });
    },
    on(name, fn) {
      if (typeof fn !== 'function') return provider;
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      if (name === 'connect') checkConnection();
      return provider;
    },
    /** Whether the wallet has answered this page (MetaMask's `isConnected()`). */
    isConnected() {
      return connection.chainId !== null;
    },
    removeListener(name, fn) {
      listeners.get(name)?.delete(fn);
      return provider;
    },
  };
  provider.off = provider.removeListener;
  provider.addListener = provider.on;
  Object.freeze(provider);
  Object.defineProperty(window, '__formicaProvider', { value: provider });

  // window.ethereum only if no other wallet claimed it first; ours stays replaceable (writable,
  // configurable), so a wallet that injects later is never locked out either.
  if (window.ethereum === undefined) {
    try {
      Object.defineProperty(window, 'ethereum', {
        value: provider,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      window.dispatchEvent(new Event('ethereum#initialized'));
    } catch {
      // Another wallet defined an accessor we may not replace: EIP-6963 still finds us.
    }
  }

  // EIP-6963: a fresh uuid (v4) per page load. crypto.randomUUID needs a secure context, so
  // build it from getRandomValues, which every page has.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const info = Object.freeze({ uuid, name: 'Formica', icon: ICON, rdns: 'app.formica' });
  const detail = Object.freeze({ info, provider });

  function announce() {
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  }
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
