// The floor's page provider (MAIN world): the same path as Formica's inpage.js (a cloned
// request posted to the content script, the reply matched by id), with no events and no
// EIP-6963, so what it costs is the relay alone.
(() => {
  const pending = new Map();
  let nextId = 1;
  window.addEventListener('message', (event) => {
    if (event.source !== window || event.data?.target !== 'floor-inpage') return;
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    const { reply } = event.data;
    if ('error' in reply) waiter.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiter.resolve(reply.result);
  });
  window.ethereum = {
    isFloor: true,
    request(args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        window.postMessage({ target: 'floor-content', id, request: structuredClone(args) }, location.origin);
      });
    },
  };
})();
