// The floor's worker: answers every eth_chainId with "0x1", in plain JS.
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener(({ id, request }) => {
    const reply = request?.method === 'eth_chainId'
      ? { result: '0x1' }
      : { error: { code: 4200, message: 'the floor answers eth_chainId only' } };
    port.postMessage({ id, reply });
  });
});
