// Chromium: the NEO dAPI is injected (NeoLine's NEOLineN3 with its READY events, and the NEP-21
// provider), and a dApp connects and signs through the real approval window. The full NEO
// suites (RPC stand-in, neon-core verification) live in their own files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { importMnemonic } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';
import { ApprovalPage } from '../pages/approval.mjs';

let session;
let server;
let popup;
let dapp;
let origin;

/** Init script (before the extension's MAIN-world script): records the NEO ready events. */
function recordNeoEvents() {
  const seen = (window.__neoE2E = { ready: [], nep21: [] });
  for (const type of ['NEOLine.N3.EVENT.READY', 'NEOLine.NEO.EVENT.READY']) {
    window.addEventListener(type, (e) => seen.ready.push({ type, name: e.detail?.name }));
  }
  window.addEventListener('Neo.DapiProvider.ready', (e) => seen.nep21.push(e.detail?.provider?.name));
}

/** In the page: starts a NeoLine call (on `NEOLine.Init` when `legacy`), parks its outcome under `key`. */
function startNeoLine({ key, method, params, legacy = false }) {
  const state = (window.__neoE2E.pending ??= {});
  state[key] = null;
  const neoline = legacy ? new window.NEOLine.Init() : new window.NEOLineN3.Init();
  neoline[method](params).then(
    (result) => { state[key] = { ok: true, result }; },
    (error) => { state[key] = { ok: false, error }; },
  );
}

function neoOutcome(dapp, key) {
  return waitUntil(() => dapp.evaluate((k) => window.__neoE2E.pending?.[k] ?? null, key), {
    timeout: 20_000,
    message: `the outcome of ${key}`,
  });
}

function approvalWindow() {
  return session.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
    timeout: 15_000,
  });
}

before(async () => {
  server = await startDappServer();
  origin = new URL(server.url).origin;
  session = await launchChromium();
  await session.worker();
  popup = await session.openExtensionPage('popup.html');
  await importMnemonic(popup);
  dapp = await session.newPage();
  await checks.addInitScript(dapp, recordNeoEvents);
  await checks.openDapp(dapp, server.url);
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

test('NEOLineN3 is injected and both READY events fire; NEP-21 is announced and re-announced', async () => {
  const ready = await waitUntil(
    () => dapp.evaluate(() => (window.__neoE2E.ready.length >= 2 ? window.__neoE2E.ready : null)),
    { message: 'NEOLine READY events' },
  );
  assert.deepEqual(ready.map((r) => r.type).sort(), ['NEOLine.N3.EVENT.READY', 'NEOLine.NEO.EVENT.READY']);
  assert.ok(ready.every((r) => r.name === 'Formica'));
  const shape = await dapp.evaluate(() => {
    const n = new window.NEOLineN3.Init();
    return {
      init: typeof window.NEOLineN3.Init,
      methods: ['getAccount', 'signMessageV2', 'invokeMultiple', 'AddressToScriptHash'].every((m) => typeof n[m] === 'function'),
      event: n.EVENT.ACCOUNT_CHANGED,
    };
  });
  assert.deepEqual(shape, { init: 'function', methods: true, event: 'NEOLine.NEO.EVENT.ACCOUNT_CHANGED' });
  const announced = await dapp.evaluate(() => {
    window.dispatchEvent(new Event('Neo.DapiProvider.request'));
    return window.__neoE2E.nep21;
  });
  assert.ok(announced.length >= 2 && announced.every((n) => n === 'Formica'), JSON.stringify(announced));
});

test('an account method before connecting is CONNECTION_DENIED, and malformed input MALFORMED_INPUT', async () => {
  await dapp.evaluate(startNeoLine, { key: 'early', method: 'signMessage', params: { message: 'hi' } });
  const early = await neoOutcome(dapp, 'early');
  assert.equal(early.ok, false);
  assert.equal(early.error.type, 'CONNECTION_DENIED');
  assert.equal(typeof early.error.description, 'string');
  await dapp.evaluate(startNeoLine, { key: 'bad', method: 'AddressToScriptHash', params: { address: 'nope' } });
  assert.equal((await neoOutcome(dapp, 'bad')).error.type, 'MALFORMED_INPUT');
});

test('getAccount connects through the approval window; signMessage is approved and answered', { timeout: 60_000 }, async () => {
  const state = (await checks.uiRequest(popup, { type: 'get_state' })).state;
  const expected = state.neo.accounts[0].address;
  assert.match(expected, /^N[1-9A-HJ-NP-Za-km-z]{33}$/);

  const windowOpened = approvalWindow();
  await dapp.evaluate(startNeoLine, { key: 'connect', method: 'getAccount' });
  const approval = new ApprovalPage(await windowOpened);
  await approval.waitForReady();
  assert.equal(await approval.origin(), origin);
  await approval.approve();
  const connected = await neoOutcome(dapp, 'connect');
  assert.deepEqual(connected, { ok: true, result: { address: expected, label: 'Account 1' } });

  const signWindow = approvalWindow();
  await dapp.evaluate(startNeoLine, { key: 'sign', method: 'signMessageV2', params: { message: 'gm NEO' } });
  const sign = new ApprovalPage(await signWindow);
  await sign.waitForReady();
  await sign.approve();
  const signed = await neoOutcome(dapp, 'sign');
  assert.equal(signed.ok, true, JSON.stringify(signed));
  assert.equal(signed.result.message, 'gm NEO');
  assert.match(signed.result.salt, /^[0-9a-f]{32}$/);
  assert.match(signed.result.data, /^[0-9a-f]{128}$/);
  assert.equal(signed.result.publicKey, state.neo.accounts[0].public_key);
  // The engine's own verifier agrees (neon-core verification is in the NEO suite).
  await dapp.evaluate(startNeoLine, {
    key: 'verify',
    method: 'verifyMessageV2',
    params: { message: signed.result.salt + 'gm NEO', data: signed.result.data, publicKey: signed.result.publicKey },
  });
  assert.deepEqual(await neoOutcome(dapp, 'verify'), { ok: true, result: { result: true } });
});

test('NEOLine.Init (NeoLine\'s NEO Legacy object) answers its common methods with N3 data; its N2 methods are CHAIN_NOT_MATCH', { timeout: 30_000 }, async () => {
  const shape = await dapp.evaluate(() => {
    const legacy = new window.NEOLine.Init();
    const n3 = new window.NEOLineN3.Init();
    return {
      distinct: window.NEOLine.Init !== window.NEOLineN3.Init,
      n3Only: typeof legacy.signTransaction,
      event: legacy.EVENT.NETWORK_CHANGED,
      listener: typeof legacy.addEventListener,
      n3HasGetNetworks: typeof n3.getNetworks,
    };
  });
  assert.deepEqual(shape, { distinct: true, n3Only: 'undefined', event: 'NEOLine.NEO.EVENT.NETWORK_CHANGED', listener: 'function', n3HasGetNetworks: 'function' });
  const pages = session.context.pages().length;
  for (const method of ['getProvider', 'getNetworks', 'getAccount']) {
    await dapp.evaluate(startNeoLine, { key: `legacy-${method}`, method, legacy: true });
    await dapp.evaluate(startNeoLine, { key: `n3-${method}`, method });
    const [legacy, n3] = [await neoOutcome(dapp, `legacy-${method}`), await neoOutcome(dapp, `n3-${method}`)];
    assert.equal(legacy.ok, true, `${method}: ${JSON.stringify(legacy)}`);
    assert.deepEqual(legacy, n3, `${method} answers as on NEOLineN3`);
  }
  for (const [method, params] of [['getBalance', { params: [] }], ['signMessage', { message: 'hi' }], ['invoke', {}]]) {
    await dapp.evaluate(startNeoLine, { key: `legacy-${method}`, method, params, legacy: true });
    const out = await neoOutcome(dapp, `legacy-${method}`);
    assert.equal(out.error?.type, 'CHAIN_NOT_MATCH', `${method}: ${JSON.stringify(out)}`);
    assert.equal(typeof out.error.description, 'string');
  }
  assert.equal(session.context.pages().length, pages, 'no window opened');
});

test('the popup switches to the NEO family and shows the NEO address', { timeout: 30_000 }, async () => {
  const state = (await checks.uiRequest(popup, { type: 'get_state' })).state;
  await popup.reload();
  const family = popup.getByTestId('chain-family-select');
  await family.waitFor({ timeout: 15_000 });
  const labels = await family.locator('option').allTextContents();
  assert.deepEqual(labels.slice(0, 2), ['EVM', 'NEO']);
  assert.match(labels[2], /^Solana/);
  await family.selectOption('neo');
  const address = popup.getByTestId('account-address');
  await waitUntil(async () => (await address.textContent()) === state.neo.accounts[0].address, {
    message: 'the NEO address on home',
  });
  const networks = await popup.getByTestId('network-select').locator('option').allTextContents();
  assert.deepEqual(networks, ['MainNet', 'TestNet']);
  await popup.getByTestId('chain-family-select').selectOption('evm');
  await waitUntil(async () => (await address.textContent())?.startsWith('0x'), { message: 'the EVM address again' });
});
