// Chromium: ethers signs through the real approval window — personal_sign checked with
// ethers.verifyMessage, eth_signTypedData_v4 with ethers.verifyTypedData; reject is 4001, and
// typed data for another chain is refused before anyone is asked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyMessage, verifyTypedData } from 'ethers';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
import { requestWithApproval } from '../lib/connect-flows.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';
import { ApprovalPage } from '../pages/approval.mjs';

let session;
let server;
let dapp;
const approvalWindow = () => session.context.waitForEvent('page', {
  predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
  timeout: 15_000,
});

const DOMAIN = { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' };
const TYPES = {
  Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
  Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person[]' }, { name: 'contents', type: 'string' }],
};
const MAIL = {
  from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
  to: [{ name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' }],
  contents: 'Hello, Bob!',
};

before(async () => {
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  await importMnemonic(await session.openExtensionPage('popup.html'));
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  const out = await requestWithApproval(dapp, { key: 'connect', args: { method: 'eth_requestAccounts' }, findApprovalPage: approvalWindow });
  assert.deepEqual(out, { ok: true, result: [ABANDON_ADDRESS] });
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

test('personal_sign: rejected is 4001; approved verifies with ethers.verifyMessage', { timeout: 60_000 }, async () => {
  const args = { method: 'personal_sign', params: ['0x68656c6c6f20466f726d696361', ABANDON_ADDRESS] };
  const rejected = await requestWithApproval(dapp, { key: 'ps-reject', args, answer: 'reject', findApprovalPage: approvalWindow });
  assert.equal(rejected.code, 4001);
  const signed = await requestWithApproval(dapp, {
    key: 'ps',
    args: { method: 'personal_sign', params: ['hello Formica', ABANDON_ADDRESS] },
    findApprovalPage: async () => {
      const w = await approvalWindow();
      await new ApprovalPage(w).waitForReady();
      assert.equal(await w.textContent('[data-testid="sign-text"]'), 'hello Formica');
      await w.setViewportSize({ width: 380, height: 640 });
      await w.screenshot({ path: artifactPath('approval-sign-chromium.png') });
      return w;
    },
  });
  assert.equal(signed.ok, true);
  assert.equal(verifyMessage('hello Formica', signed.result), ABANDON_ADDRESS);
});

test('ethers signer.signMessage round-trips', { timeout: 60_000 }, async () => {
  await dapp.evaluate(() => {
    window.__sig = new window.ethers.BrowserProvider(window.ethereum).getSigner().then((s) => s.signMessage('signed by ethers'));
  });
  await new ApprovalPage(await approvalWindow()).approve();
  const sig = await dapp.evaluate(() => window.__sig);
  assert.equal(verifyMessage('signed by ethers', sig), ABANDON_ADDRESS);
});

test('eth_signTypedData_v4 (ethers signTypedData) verifies with ethers.verifyTypedData', { timeout: 60_000 }, async () => {
  await dapp.evaluate(({ DOMAIN, TYPES, MAIL }) => {
    window.__typed = new window.ethers.BrowserProvider(window.ethereum)
      .getSigner()
      .then((s) => s.signTypedData(DOMAIN, TYPES, MAIL))
      .then((r) => ({ ok: true, r }), (e) => ({ ok: false, m: String(e.message) }));
  }, { DOMAIN, TYPES, MAIL });
  const w = await approvalWindow();
  await new ApprovalPage(w).waitForReady();
  assert.equal(await w.textContent('[data-testid="sign-primary-type"]'), 'Mail');
  await new ApprovalPage(w).approve();
  const out = await dapp.evaluate(() => window.__typed);
  assert.equal(out.ok, true, out.m);
  assert.equal(verifyTypedData(DOMAIN, TYPES, MAIL, out.r), ABANDON_ADDRESS);
});

test('typed data for another chain is -32602 and opens no window', { timeout: 30_000 }, async () => {
  const pagesBefore = session.context.pages().length;
  const typed = {
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'contents', type: 'string' }] },
    primaryType: 'Mail',
    domain: { name: 'Ether Mail', chainId: 5 },
    message: { contents: 'hi' },
  };
  const res = await checks.request(dapp, [{ method: 'eth_signTypedData_v4', params: [ABANDON_ADDRESS, JSON.stringify(typed)] }]);
  assert.equal(res.error?.code, -32602);
  assert.equal(session.context.pages().length, pagesBefore);
});
