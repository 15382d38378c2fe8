// Firefox ESR: importing a wallet through the real popup, and no secret in extension storage.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { launchFirefox } from '../lib/firefox.mjs';
import { ABANDON, ABANDON_ADDRESS, auditStorage, importMnemonic, lockAndUnlock } from '../lib/vault-flows.mjs';

let session;
after(async () => {
  await session?.close();
});

test('importing "abandon … about" shows account 0; lock and unlock; storage holds no secret', { timeout: 120_000 }, async () => {
  session = await launchFirefox();
  const { page } = await session.onboardingTab();
  assert.equal(await importMnemonic(page), ABANDON_ADDRESS);
  await auditStorage(page, ABANDON);
  await lockAndUnlock(page);
  await auditStorage(page, ABANDON);
});
