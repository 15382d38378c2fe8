// Chromium: connecting dApps through the real approval window — approve, reject, revoke, two
// origins, lock, and a worker stopped while an approval is open.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
import {
  outcome,
  recordAccountsChanged,
  recordedAccountsChanged,
  requestWithApproval,
  startRequest,
} from '../lib/connect-flows.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { ABANDON_ADDRESS, importMnemonic, PASSWORD } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { HomePage } from '../pages/home.mjs';
import { UnlockPage } from '../pages/unlock.mjs';

let session;
let server;
let popup;
let dapp;
let origin;

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
  await checks.openDapp(dapp, server.url);
  await dapp.evaluate(recordAccountsChanged);
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

test('before connecting, eth_accounts is empty', async () => {
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], []);
});

test('rejecting the connect approval answers 4001', { timeout: 60_000 }, async () => {
  const out = await requestWithApproval(dapp, {
    key: 'reject',
    args: { method: 'eth_requestAccounts' },
    answer: 'reject',
    findApprovalPage: approvalWindow,
    origin,
  });
  assert.equal(out.ok, false);
  assert.equal(out.code, 4001);
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], []);
});

test('ethers connects through the approval window and sees account 0', { timeout: 60_000 }, async () => {
  const out = await requestWithApproval(dapp, {
    key: 'connect',
    args: { method: 'eth_requestAccounts' },
    via: 'ethers',
    findApprovalPage: async () => {
      const w = await approvalWindow();
      await new ApprovalPage(w).waitForReady();
      await w.setViewportSize({ width: 380, height: 640 });
      await w.screenshot({ path: artifactPath('approval-connect-chromium.png') });
      return w;
    },
    origin,
  });
  assert.deepEqual(out, { ok: true, result: [ABANDON_ADDRESS] });
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], [ABANDON_ADDRESS]);
  const signer = await dapp.evaluate(async () => (await new window.ethers.BrowserProvider(window.ethereum).getSigner()).address);
  assert.equal(signer, ABANDON_ADDRESS);
  await waitUntil(async () => (await dapp.evaluate(recordedAccountsChanged)).some((a) => a[0] === ABANDON_ADDRESS), {
    message: 'accountsChanged([account 0]) on connect',
  });
});

test('a second origin sees only its own grant', { timeout: 60_000 }, async () => {
  const other = await session.newPage();
  try {
    // localhost and 127.0.0.1 are different origins serving the same page.
    await checks.openDapp(other, server.url.replace('127.0.0.1', 'localhost'));
    await checks.expectResult(other, [{ method: 'eth_accounts' }], []);
    const perms = await checks.request(other, [{ method: 'wallet_getPermissions' }]);
    assert.deepEqual(perms.result, []);
    await checks.expectResult(dapp, [{ method: 'eth_accounts' }], [ABANDON_ADDRESS]);
  } finally {
    await other.close();
  }
});

test('locking hides the accounts from the connected dApp; unlocking shows them again', { timeout: 60_000 }, async () => {
  const before = (await dapp.evaluate(recordedAccountsChanged)).length;
  await popup.reload();
  const home = new HomePage(popup);
  await home.waitForReady();
  await home.lock();
  await new UnlockPage(popup).waitForReady();
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], []);
  await waitUntil(async () => {
    const seen = await dapp.evaluate(recordedAccountsChanged);
    return seen.length > before && seen.at(-1).length === 0;
  }, { message: 'accountsChanged([]) on lock' });
  await new UnlockPage(popup).unlock(PASSWORD);
  await home.waitForReady();
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], [ABANDON_ADDRESS]);
});

test('a connected dApp asking while locked gets its accounts once the user unlocks', { timeout: 60_000 }, async () => {
  await new HomePage(popup).lock();
  await new UnlockPage(popup).waitForReady();
  const opened = approvalWindow();
  await dapp.evaluate(startRequest, { key: 'locked', args: { method: 'eth_requestAccounts' }, via: 'raw' });
  // The approval window shows the unlock screen; unlocking there answers the request.
  const unlock = new UnlockPage(await opened);
  await unlock.waitForReady();
  await unlock.unlock(PASSWORD);
  const out = await outcome(dapp, 'locked');
  assert.deepEqual(out, { ok: true, result: [ABANDON_ADDRESS] });
});

test('wallet_revokePermissions empties eth_accounts and fires accountsChanged([])', { timeout: 30_000 }, async () => {
  const before = (await dapp.evaluate(recordedAccountsChanged)).length;
  const res = await checks.request(dapp, [{ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] }]);
  assert.deepEqual(res, { ok: true, result: null });
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], []);
  await waitUntil(async () => {
    const seen = await dapp.evaluate(recordedAccountsChanged);
    return seen.length > before && seen.at(-1).length === 0;
  }, { message: 'accountsChanged([]) after revoke' });
});

test('a worker stopped while the approval is open: the dApp still gets its answer', { timeout: 90_000 }, async () => {
  const first = approvalWindow();
  await dapp.evaluate(startRequest, { key: 'restart', args: { method: 'eth_requestAccounts' }, via: 'raw' });
  const stale = await first;
  await new ApprovalPage(stale).waitForReady();
  // The worker dies with the approval open; the content script sends the request again and a
  // fresh approval window opens for it.
  const fresh = approvalWindow();
  const stop = await session.stopServiceWorkers(dapp);
  await stop.restarted();
  const window = await fresh;
  await new ApprovalPage(window).approve();
  const out = await outcome(dapp, 'restart');
  assert.deepEqual(out, { ok: true, result: [ABANDON_ADDRESS] });
});
