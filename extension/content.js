// Formica's content script (isolated world): relays between the page's provider (inpage.js)
// and the background engine. It holds no wallet logic and adds nothing to what it relays; the
// background reads the page's origin from this port's sender.
(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const TO_CONTENT = 'formica-content';
  const TO_PAGE = 'formica-inpage';
  const targetOrigin = location.origin === 'null' ? '*' : location.origin;

  const MAX_TRIES = 5;
  const DISCONNECTED = { code: 4900, message: 'Formica is disconnected; reload the page' };

  /** Requests sent and not yet answered: our id → { pageId, request, tries }. */
  const pending = new Map();
  let nextId = 1;
  let port = null;

  function toPage(message) {
    window.postMessage({ target: TO_PAGE, ...message }, targetOrigin);
  }

  function fail(id) {
    const entry = pending.get(id);
    pending.delete(id);
    if (entry) toPage({ id: entry.pageId, reply: { error: DISCONNECTED } });
  }

  function send(id) {
    const entry = pending.get(id);
    // A request is sent again after each worker restart, a few times at most: one that keeps
    // outliving workers (say, it crashes the engine) is answered as disconnected rather than
    // retried forever. A stop can cost two tries (the port made while the worker was stopping
    // drops too), hence more than two.
    if (!entry || entry.tries++ >= MAX_TRIES) return fail(id);
    let target;
    try {
      target = connected();
    } catch {
      // The extension was reloaded or removed: this page's context is gone for good.
      return fail(id);
    }
    try {
      target.postMessage({ id, request: entry.request });
    } catch {
      // Not JSON-serializable (e.g. a BigInt): the engine answers a null request with -32600.
      target.postMessage({ id, request: null });
    }
  }

  // The NEO network the NEP-21 provider shows (`network`, `supportedNetworks`), published by
  // the engine under one storage key so a page learns it without waking the worker. Read at
  // load and again whenever the port (re)connects; this key is the only storage we read.
  const NEO_DAPI_KEY = 'neo:dapi';
  let neoState = null;
  function readNeoState() {
    let read;
    try {
      read = ext.storage.local.get(NEO_DAPI_KEY);
    } catch {
      read = Promise.reject();
    }
    Promise.resolve(read).then(
      (items) => {
        try {
          neoState = JSON.parse(items?.[NEO_DAPI_KEY] ?? 'null');
        } catch {
          neoState = null;
        }
        toPage({ neoState: neoState ?? {} });
      },
      // No storage (extension reloading): the page keeps its defaults.
      () => toPage({ neoState: neoState ?? {} }),
    );
  }
  readNeoState();

  function connected() {
    if (port) return port;
    readNeoState();
    port = ext.runtime.connect({ name: 'formica-page' });
    port.onMessage.addListener((message) => {
      if (message.event) {
        toPage({ event: message.event });
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      toPage({ id: entry.pageId, reply: message.reply });
    });
    port.onDisconnect.addListener(() => {
      // The worker stopped (or the extension reloaded). Reconnect at once, which restarts the
      // worker: requests in flight were lost with it and are sent again, and events (e.g.
      // chainChanged) keep reaching a page that only listens. Only pages that used the
      // provider ever hold a port, so this keeps the worker up for open dApps only.
      port = null;
      void ext.runtime.lastError;
      try {
        connected();
      } catch {
        // The extension was reloaded or removed: this page's context is gone for good.
        for (const id of [...pending.keys()]) fail(id);
        return;
      }
      for (const id of [...pending.keys()]) send(id);
    });
    return port;
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window || event.data?.target !== TO_CONTENT) return;
    if (event.data.neoState === 'get') {
      // inpage.js started after our first answer went out.
      if (neoState !== null) toPage({ neoState });
      return;
    }
    const { id: pageId, request } = event.data;
    const id = nextId++;
    pending.set(id, { pageId, request, tries: 0 });
    send(id);
  });
})();
