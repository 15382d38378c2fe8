// The NeoLine-API demo page's script: written against NeoLine's published N3 dAPI
// (https://neoline.io/dapi/N3.html, NeoNEXT/neoline extension/dapi/neo3.ts), nothing else.
// Tests drive it with page.evaluate through `window.neoDapp`; it touches the wallet only when
// asked, except for listening to its events.
(() => {
  const state = { readySeen: 0, readyDetail: null, events: [], neolineN3: null };
  const EVENTS = ['READY', 'ACCOUNT_CHANGED', 'NETWORK_CHANGED', 'CONNECTED', 'DISCONNECTED'];

  const log = (text, kind = 'info') => {
    const out = document.getElementById('log');
    if (!out) return;
    const line = document.createElement('li');
    line.className = kind;
    line.textContent = text;
    out.prepend(line);
  };

  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });
  // NeoLine's documented bootstrap.
  window.addEventListener('NEOLine.N3.EVENT.READY', (event) => {
    state.readySeen += 1;
    state.readyDetail = event.detail ?? null;
    state.neolineN3 = new window.NEOLineN3.Init();
    const ready = document.getElementById('ready');
    if (ready) ready.textContent = 'ready';
    markReady();
  });
  for (const name of EVENTS.slice(1)) {
    window.addEventListener(`NEOLine.N3.EVENT.${name}`, (event) => {
      state.events.push({ name, detail: event.detail ?? null });
      log(`${name} ${JSON.stringify(event.detail ?? null)}`);
    });
  }

  /** A NeoLine error is a plain {type, description, data}; anything else is reported as thrown. */
  const describe = (err) => (err && typeof err === 'object' && 'type' in err
    ? { type: err.type, description: err.description, data: err.data ?? null }
    : { thrown: String(err?.message ?? err) });

  /** Calls `neolineN3[method](params)`; resolves to {ok, result} or {ok: false, error}. */
  async function call(method, params) {
    await ready;
    try {
      const fn = state.neolineN3[method];
      if (typeof fn !== 'function') return { ok: false, error: { thrown: `NEOLineN3.Init has no ${method}` } };
      const result = await (params === undefined ? fn.call(state.neolineN3) : fn.call(state.neolineN3, params));
      log(`${method} → ${JSON.stringify(result)}`);
      return { ok: true, result: result ?? null };
    } catch (err) {
      log(`${method} failed: ${JSON.stringify(describe(err))}`, 'error');
      return { ok: false, error: describe(err) };
    }
  }

  /** Starts a call whose answer waits for an approval; the outcome is parked under `key`. */
  function start(key, method, params) {
    const parked = ((window.__formicaE2E ??= {}).pending ??= {});
    parked[key] = null;
    call(method, params).then((out) => { parked[key] = out; });
  }

  window.neoDapp = {
    state,
    ready: () => ready.then(() => true),
    call,
    start,
    getAccount: () => call('getAccount'),
    getNetworks: () => call('getNetworks'),
    getBalance: (params) => call('getBalance', params),
    signMessage: (params) => call('signMessage', params),
    signMessageV2: (params) => call('signMessageV2', params),
    signMessageWithoutSalt: (params) => call('signMessageWithoutSalt', params),
    invoke: (params) => call('invoke', params),
    send: (params) => call('send', params),
  };

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('connect').addEventListener('click', async () => {
      const out = await call('getAccount');
      if (out.ok) document.getElementById('account').textContent = out.result.address;
    });
  });
})();
