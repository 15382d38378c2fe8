// Chromium: the vault through the real popup — import, create, restart, lock, unlock — and no
// secret ever in extension storage.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { launchChromium } from '../lib/chromium.mjs';
import { artifactPath } from '../lib/paths.mjs';
import { ABANDON, ABANDON_ADDRESS, auditStorage, createWallet, importMnemonic, lockAndUnlock } from '../lib/vault-flows.mjs';
import { HomePage } from '../pages/home.mjs';

const sessions = [];
after(async () => {
  for (const s of sessions) await s.close();
});

async function freshPopup() {
  const session = await launchChromium();
  sessions.push(session);
  await session.worker();
  const popup = await session.openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 360, height: 600 });
  return { session, popup };
}

test('importing "abandon … about" shows account 0 of the BIP44 Ethereum path', { timeout: 120_000 }, async (t) => {
  const { session, popup } = await freshPopup();
  assert.equal(await importMnemonic(popup), ABANDON_ADDRESS);
  await popup.screenshot({ path: artifactPath('popup-home-chromium.png') });
  await auditStorage(popup, ABANDON);

  await t.test('the wallet stays unlocked across a forced worker restart', async () => {
    const stop = await session.stopServiceWorkers(popup);
    await popup.reload();
    await new HomePage(popup).waitForReady(30_000);
    assert.equal(await new HomePage(popup).address(), ABANDON_ADDRESS);
    await stop.restarted();
    await auditStorage(popup, ABANDON);
  });

  await t.test('lock shows unlock; a wrong password shows unlock-error; the right one unlocks', async () => {
    await lockAndUnlock(popup);
    assert.equal(await new HomePage(popup).address(), ABANDON_ADDRESS);
    await auditStorage(popup, ABANDON);
  });
});

test('creating a wallet goes through the confirm step', { timeout: 120_000 }, async () => {
  const { popup } = await freshPopup();
  const words = await createWallet(popup);
  await popup.screenshot({ path: artifactPath('popup-created-chromium.png') });
  await auditStorage(popup, words.join(' '));
});
