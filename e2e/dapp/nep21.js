// The NEP-21 demo page's script: written against NEP-21 "Dapi for N3"
// (neo-project/proposals, branch dapi, nep-21.mediawiki) and the re-announce request that
// NeoLine's NEP-21 provider answers. Tests drive it through `window.nep21Dapp`.
(() => {
  const state = { providers: [], announcements: 0, events: [] };

  const log = (text, kind = 'info') => {
    const out = document.getElementById('log');
    if (!out) return;
    const line = document.createElement('li');
    line.className = kind;
    line.textContent = text;
    out.prepend(line);
  };

  window.addEventListener('Neo.DapiProvider.ready', (event) => {
    const provider = event.detail?.provider;
    state.announcements += 1;
    if (!provider || state.providers.includes(provider)) return;
    state.providers.push(provider);
    for (const name of ['accountschanged', 'accountchanged', 'networkchanged']) {
      if (typeof provider.on === 'function') provider.on(name, (data) => state.events.push({ name, data: data ?? null }));
    }
    const item = document.createElement('li');
    item.textContent = `${provider.name} ${provider.version} (network ${provider.network})`;
    document.getElementById('providers')?.append(item);
  });
  // Ask wallets that announced before this script ran to announce again.
  window.dispatchEvent(new Event('Neo.DapiProvider.request'));

  const provider = () => state.providers[0];
  // NEP-21 errors are {type, message, detail?}; NeoLine's NEP-21 provider uses numeric
  // {code, message, data}. Both shapes are kept; an Error or anything else is reported as thrown.
  const describe = (err) => (err && typeof err === 'object' && !(err instanceof Error) && ('type' in err || 'code' in err)
    ? { type: err.type ?? null, message: err.message ?? null, code: err.code ?? null, detail: err.detail ?? err.data ?? null }
    : { thrown: String(err?.message ?? err) });

  /** Calls `provider[method](...args)`; resolves to {ok, result} or {ok: false, error}. */
  async function call(method, args = []) {
    const p = provider();
    if (!p) return { ok: false, error: { thrown: 'no NEP-21 provider announced' } };
    try {
      const result = await p[method](...args);
      log(`${method} → ${JSON.stringify(result)}`);
      return { ok: true, result: result ?? null };
    } catch (err) {
      log(`${method} failed: ${JSON.stringify(describe(err))}`, 'error');
      return { ok: false, error: describe(err) };
    }
  }

  function start(key, method, args) {
    const parked = ((window.__formicaE2E ??= {}).pending ??= {});
    parked[key] = null;
    call(method, args).then((out) => { parked[key] = out; });
  }

  /** The provider's public properties (NEP-21 "Properties"). */
  function info() {
    const p = provider();
    if (!p) return null;
    const { name, version, website, compatibility, dapiVersion, network, supportedNetworks, extra } = p;
    return { name, version, website, compatibility, dapiVersion, network, supportedNetworks, extra: extra ?? null };
  }

  window.nep21Dapp = { state, info, call, start, request: () => window.dispatchEvent(new Event('Neo.DapiProvider.request')) };

  document.getElementById('connect')?.addEventListener('click', () => call('getAccounts'));
})();
