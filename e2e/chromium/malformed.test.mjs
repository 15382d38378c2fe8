// Chromium against anvil: the malformed-request table (e2e/lib/malformed.mjs, 130+ requests)
// from a connected dApp on anvil's chain. Each must be answered with its EIP-1193 / JSON-RPC
// code and a message, open no approval window, sign nothing and change no state: the granted
// accounts, the site's chain, the permissions, the engine's state and the account's nonce are
// the same after the table as before it, and the provider still answers good requests.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
import { requestWithApproval } from '../lib/connect-flows.mjs';
import { rpc, startAnvil } from '../lib/anvil.mjs';
import { MALFORMED } from '../lib/malformed.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let anvil;
let server;
let session;
let dapp;
let popup;

const isApproval = (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`);

before(async () => {
  anvil = await startAnvil();
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  popup = await session.openExtensionPage('popup.html');
  await importMnemonic(popup);
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  const connected = await requestWithApproval(dapp, {
    key: 'connect',
    args: { method: 'eth_requestAccounts' },
    findApprovalPage: () => session.context.waitForEvent('page', { predicate: isApproval, timeout: 15_000 }),
  });
  assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
  await checks.expectResult(dapp, [{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] }], null);
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

/** Runs in the page: one request, `{$function: true}` items in params replaced by a function. */
async function send({ args, timeout }) {
  const revive = (v) => (v && typeof v === 'object' && v.$function === true ? () => 1 : v);
  const real = args.map((a) => (a && typeof a === 'object' && Array.isArray(a.params) ? { ...a, params: a.params.map(revive) } : a));
  const answer = window.ethereum.request(...real).then(
    (result) => ({ ok: true, result }),
    (e) => ({ ok: false, code: e?.code, message: e?.message, isError: e instanceof Error }),
  );
  const late = new Promise((resolve) => { setTimeout(() => resolve({ timeout: true }), timeout); });
  return Promise.race([answer, late]);
}

async function snapshot() {
  const ask = async (method) => (await checks.request(dapp, [{ method }])).result;
  const state = await checks.uiRequest(popup, { type: 'get_state' });
  return {
    accounts: await ask('eth_accounts'),
    chainId: await ask('eth_chainId'),
    permissions: await ask('wallet_getPermissions'),
    nonce: await rpc('eth_getTransactionCount', [ABANDON_ADDRESS, 'pending']),
    state,
  };
}

test(`${MALFORMED.length} malformed requests: each gets its code, nothing opens, nothing changes`, { timeout: 180_000 }, async () => {
  assert.ok(MALFORMED.length >= 100, `the table has ${MALFORMED.length} entries`);
  const before = await snapshot();
  const opened = [];
  const onPage = (p) => { if (isApproval(p)) opened.push(p.url()); };
  session.context.on('page', onPage);
  const failures = [];
  try {
    for (const c of MALFORMED) {
      const got = await dapp.evaluate(send, { args: c.args, timeout: 10_000 });
      const ok = got.ok === false && got.code === c.code && got.isError
        && typeof got.message === 'string' && got.message.length > 0;
      if (!ok) failures.push(`${c.name}: expected ${c.code}, got ${JSON.stringify(got)}`);
    }
  } finally {
    session.context.off('page', onPage);
  }
  assert.deepEqual(failures, [], `malformed-request table:\n  ${failures.join('\n  ')}`);
  assert.deepEqual(opened, [], 'no approval window opened');
  assert.deepEqual(await snapshot(), before, 'no state changed');
  // The provider still answers normally.
  await checks.expectResult(dapp, [{ method: 'eth_chainId' }], '0x7a69');
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], [ABANDON_ADDRESS]);
});
