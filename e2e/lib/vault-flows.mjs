// Vault flows shared by the Chromium and Firefox suites: import, create, unlock, and the
// storage audit every flow ends with.
import assert from 'node:assert/strict';
import { HDNodeWallet } from 'ethers';
import { CreatePage } from '../pages/create.mjs';
import { HomePage } from '../pages/home.mjs';
import { OnboardingPage } from '../pages/onboarding.mjs';
import { UnlockPage } from '../pages/unlock.mjs';
import { assertNoSecrets, dumpExtensionStorage } from './secrets.mjs';

export const ABANDON = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const ABANDON_ADDRESS = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
export const PASSWORD = 'correct horse battery staple';

/** From the onboarding screen: imports `phrase`; resolves once home shows an address. */
export async function importMnemonic(page, phrase = ABANDON, password = PASSWORD) {
  const onboarding = new OnboardingPage(page);
  await onboarding.waitForReady();
  await onboarding.startImport();
  await onboarding.enterMnemonic(phrase);
  await onboarding.setPassword(password);
  await onboarding.submit();
  const home = new HomePage(page);
  await home.waitForReady(30_000);
  return home.address();
}

/** From the onboarding screen: creates a wallet through the confirm step; returns its words. */
export async function createWallet(page, password = PASSWORD) {
  const onboarding = new OnboardingPage(page);
  await onboarding.waitForReady();
  await onboarding.startCreate();
  const create = new CreatePage(page);
  const words = await create.passwordAndWords(password);
  assert.equal(words.length, 12);
  await create.pick(words);
  await create.submit();
  const home = new HomePage(page);
  await home.waitForReady(30_000);
  // The address shown is the one ethers derives from the words shown: real BIP39 + BIP32.
  assert.equal(await home.address(), HDNodeWallet.fromPhrase(words.join(' ')).address);
  return words;
}

/** Locks from home, checks that a wrong password is refused, then unlocks. */
export async function lockAndUnlock(page, password = PASSWORD) {
  await new HomePage(page).lock();
  const unlock = new UnlockPage(page);
  await unlock.waitForReady();
  await unlock.unlock('not the password');
  assert.ok((await unlock.error()).length > 0, 'unlock-error shows a message');
  await unlock.unlock(password);
  return new HomePage(page).waitForReady(30_000);
}

/** Dumps chrome.storage.local and .session from an extension page and finds no secret of `phrase`. */
export async function auditStorage(extensionPage, phrase) {
  const dump = await extensionPage.evaluate(dumpExtensionStorage);
  assert.ok(dump.includes('vault'), 'the dump holds the vault (the audit reads real storage)');
  assertNoSecrets(dump, phrase);
  return dump;
}
