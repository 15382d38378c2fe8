// Firefox ESR: ethers connects a dApp through the real approval window; reject answers 4001.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { requestWithApproval } from '../lib/connect-flows.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let session;
let server;
let dapp;
let origin;
const approvalWindow = () => session.extensionPage(/\/popup\.html#\/approval\//);

before(async () => {
  server = await startDappServer();
  origin = new URL(server.url).origin;
  session = await launchFirefox();
  const { page } = await session.onboardingTab();
  await importMnemonic(page);
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

test('rejecting the connect approval answers 4001', { timeout: 60_000 }, async () => {
  const out = await requestWithApproval(dapp, {
    key: 'reject', args: { method: 'eth_requestAccounts' }, answer: 'reject', findApprovalPage: approvalWindow, origin,
  });
  assert.equal(out.ok, false);
  assert.equal(out.code, 4001);
});

test('ethers connects through the approval window and sees account 0', { timeout: 60_000 }, async () => {
  const out = await requestWithApproval(dapp, {
    key: 'connect', args: { method: 'eth_requestAccounts' }, via: 'ethers', findApprovalPage: approvalWindow, origin,
  });
  assert.deepEqual(out, { ok: true, result: [ABANDON_ADDRESS] });
  await checks.expectResult(dapp, [{ method: 'eth_accounts' }], [ABANDON_ADDRESS]);
});
