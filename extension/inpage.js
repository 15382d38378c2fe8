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
    const { id, reply, event: pushed, neoState } = event.data;
    if (neoState) {
      applyNeoState(neoState);
      return;
    }
    if (pushed) {
      if (typeof pushed.name === 'string' && pushed.name.startsWith('neo:')) {
        neoEvent(pushed.name.slice(4), pushed.data);
        return;
      }
      if (pushed.name === 'chainChanged' && connection.chainId !== null) connection.chainId = pushed.data;
      emit(pushed.name, pushed.data);
      return;
    }
    const waiter = pending.get(id);
    if (!waiter || !reply) return;
    pending.delete(id);
    if (waiter.raw) {
      // A NEO dAPI call: its errors are NeoLine's {type, description, data}, not EIP-1193's.
      if ('error' in reply) waiter.reject(reply.error);
      else waiter.resolve(reply.result);
      return;
    }
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

  // ---- NEO N3: NeoLine's NEOLineN3 and the NEP-21 provider (wasm-core/src/provider/neo/README.md).
  // Both only shape requests; every method is answered by the Rust engine.
  function neoRequest(api, method, params) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, raw: true });
      const request = clone({ family: 'neo', api, method, params: params === undefined ? null : params });
      window.postMessage({ target: TO_CONTENT, id, request }, targetOrigin);
    });
  }

  const NEO_EVENTS = ['READY', 'ACCOUNT_CHANGED', 'CONNECTED', 'DISCONNECTED', 'NETWORK_CHANGED', 'BLOCK_HEIGHT_CHANGED', 'TRANSACTION_CONFIRMED'];
  const NEOLINE_EVENT = Object.freeze(Object.fromEntries(NEO_EVENTS.map((n) => [n, `NEOLine.NEO.EVENT.${n}`])));
  const neolineCallbacks = new Map(); // event type → Map(callback → window listener)
  const nep21Listeners = new Map(); // event name → Set of functions

  function dispatchWindow(type, detail) {
    window.dispatchEvent(new CustomEvent(type, { detail }));
  }

  function neoEvent(name, data) {
    dispatchWindow(`NEOLine.NEO.EVENT.${name}`, data);
    dispatchWindow(`NEOLine.N3.EVENT.${name}`, data);
    const nep21 = { ACCOUNT_CHANGED: ['accountchanged', 'accountschanged'], NETWORK_CHANGED: ['networkchanged'] }[name];
    if (name === 'NETWORK_CHANGED' && data && typeof data.magic === 'number') {
      nep21Provider.network = data.magic;
      if (!nep21Provider.supportedNetworks.includes(data.magic)) nep21Provider.supportedNetworks.push(data.magic);
    }
    const nep21Data = name === 'NETWORK_CHANGED' ? data?.magic : data;
    for (const event of nep21 ?? []) {
      for (const fn of [...(nep21Listeners.get(event) ?? [])]) {
        try {
          fn(nep21Data);
        } catch (e) {
          setTimeout(() => {
            throw e;
          });
        }
      }
    }
  }

  const NEOLINE_METHODS = [
    'getProvider', 'getNetworks', 'getAccount', 'getPublicKey', 'getBalance', 'getStorage', 'invokeRead',
    'invokeReadMulti', 'verifyMessage', 'verifyMessageV2', 'getBlock', 'getTransaction', 'getApplicationLog',
    'pickAddress', 'AddressToScriptHash', 'ScriptHashToAddress', 'send', 'invoke', 'invokeMultiple',
    'signMessage', 'signMessageV2', 'signMessageWithoutSalt', 'signMessageWithoutSaltV2', 'signTransaction',
    'switchWalletNetwork', 'switchWalletAccount',
  ];

  // NeoLine's legacy `NEOLine.Init` (the NEO Legacy dAPI). N3 dApps still create it for
  // getNetworks/getAccount and the events; its N2-only methods answer CHAIN_NOT_MATCH (the
  // engine decides which is which).
  const NEOLINE_LEGACY_METHODS = [
    'getProvider', 'getNetworks', 'getAccount', 'getPublicKey', 'getBalance', 'getStorage', 'invokeRead',
    'invokeReadMulti', 'verifyMessage', 'getTransaction', 'signMessage', 'getBlock', 'getApplicationLog',
    'pickAddress', 'switchWalletNetwork', 'switchWalletAccount', 'invoke', 'invokeMulti', 'send', 'deploy',
  ];

  function addNeoLineMethods(target, api, methods) {
    for (const method of methods) {
      target[method] = (params) => neoRequest(api, method, params);
    }
    target.EVENT = NEOLINE_EVENT;
    addNeoLineListeners(target);
  }

  function Init() {
    if (!(this instanceof Init)) return new Init();
    addNeoLineMethods(this, 'neoline', NEOLINE_METHODS);
  }

  function LegacyInit() {
    if (!(this instanceof LegacyInit)) return new LegacyInit();
    addNeoLineMethods(this, 'neoline-legacy', NEOLINE_LEGACY_METHODS);
  }

  function addNeoLineListeners(target) {
    target.addEventListener = (type, callback) => {
      if (typeof callback !== 'function') return;
      const listener = (event) => callback(event.detail);
      if (!neolineCallbacks.has(type)) neolineCallbacks.set(type, new Map());
      neolineCallbacks.get(type).set(callback, listener);
      window.addEventListener(type, listener);
    };
    target.removeEventListener = (type, callback) => {
      const listener = neolineCallbacks.get(type)?.get(callback);
      if (!listener) return;
      neolineCallbacks.get(type).delete(callback);
      window.removeEventListener(type, listener);
    };
  }
  const NEOLineN3 = Object.freeze({ Init, EVENT: NEOLINE_EVENT });
  const NEOLine = Object.freeze({ Init: LegacyInit, EVENT: NEOLINE_EVENT });
  for (const [name, value] of [['NEOLineN3', NEOLineN3], ['NEOLine', NEOLine]]) {
    // Like window.ethereum: never over another wallet's object, and replaceable.
    if (window[name] !== undefined) continue;
    try {
      Object.defineProperty(window, name, { value, writable: true, configurable: true, enumerable: true });
    } catch {
      // Another wallet defined an accessor we may not replace.
    }
  }

  const NEP21_METHODS = [
    'authenticate', 'call', 'getAccounts', 'getApplicationLog', 'getBalance', 'getBlock', 'getBlockCount',
    'getStorage', 'getTokenInfo', 'getTransaction', 'invoke', 'makeTransaction', 'pickAddress', 'relay', 'send', 'sign',
    'signMessage',
  ];
  const nep21Provider = {
    name: 'Formica',
    website: 'https://formica.app',
    version: '__FORMICA_VERSION__',
    compatibility: ['NEP-11', 'NEP-17', 'NEP-21'],
    dapiVersion: '1.0',
    extra: {},
    network: 860833102,
    supportedNetworks: [860833102, 894710606],
    on(event, fn) {
      if (typeof fn !== 'function') return nep21Provider;
      if (!nep21Listeners.has(event)) nep21Listeners.set(event, new Set());
      nep21Listeners.get(event).add(fn);
      return nep21Provider;
    },
    removeListener(event, fn) {
      nep21Listeners.get(event)?.delete(fn);
      return nep21Provider;
    },
  };
  for (const method of NEP21_METHODS) {
    nep21Provider[method] = (...args) => neoRequest('nep21', method, args);
  }
  nep21Provider.off = nep21Provider.removeListener;
  Object.defineProperty(window, '__formicaNeoProvider', { value: nep21Provider });

  // `network` and `supportedNetworks` must be the wallet's from the first announcement: the
  // content script reads them from storage (no worker wake-up) and posts them here. The
  // announcement waits for them, for a second at most (a broken content script must not hide
  // the provider); events keep them current afterwards.
  let neoKnown = false;
  let announceWanted = false;
  function applyNeoState({ network, supportedNetworks }) {
    if (Number.isSafeInteger(network)) nep21Provider.network = network;
    if (Array.isArray(supportedNetworks) && supportedNetworks.every(Number.isSafeInteger)) {
      nep21Provider.supportedNetworks = [...supportedNetworks];
    }
    neoKnown = true;
    if (announceWanted) announceNep21();
  }
  setTimeout(() => {
    if (!neoKnown) applyNeoState({});
  }, 1000);
  window.postMessage({ target: TO_CONTENT, neoState: 'get' }, targetOrigin);

  function announceNep21() {
    if (!neoKnown) {
      announceWanted = true;
      return;
    }
    announceWanted = false;
    dispatchWindow('Neo.DapiProvider.ready', Object.freeze({ provider: nep21Provider }));
  }
  window.addEventListener('Neo.DapiProvider.request', announceNep21);

  // READY: the provider's description, as NeoLine sends it. Dispatched after the page's own
  // scripts had a chance to add listeners (document_start runs before them), and again for
  // code that only looks once the page is loaded.
  const providerInfo = Object.freeze({
    name: 'Formica',
    website: 'https://formica.app',
    version: '__FORMICA_VERSION__',
    compatibility: ['NEP-17', 'NEP-11'],
    extra: { theme: '', currency: 'USD' },
  });
  function ready() {
    dispatchWindow('NEOLine.N3.EVENT.READY', providerInfo);
    dispatchWindow('NEOLine.NEO.EVENT.READY', providerInfo);
    announceNep21();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready, { once: true });
  } else {
    setTimeout(ready);
  }
})();
