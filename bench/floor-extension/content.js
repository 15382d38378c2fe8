// The floor's content script (isolated world): relays page requests over one runtime port,
// opened on the first request (as Formica's is) and again after the worker stops.
(() => {
  const pending = new Map(); // our id → the page's id
  let nextId = 1;
  let port = null;

  function connected() {
    if (port) return port;
    port = chrome.runtime.connect({ name: 'floor-page' });
    port.onMessage.addListener(({ id, reply }) => {
      const pageId = pending.get(id);
      if (pageId === undefined) return;
      pending.delete(id);
      window.postMessage({ target: 'floor-inpage', id: pageId, reply }, location.origin);
    });
    port.onDisconnect.addListener(() => {
      port = null;
    });
    return port;
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window || event.data?.target !== 'floor-content') return;
    const id = nextId++;
    pending.set(id, event.data.id);
    connected().postMessage({ id, request: event.data.request });
  });
})();
