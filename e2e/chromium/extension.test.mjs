// Chromium: the extension loads, its MV3 service worker runs, and the popup shows onboarding.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkOnboardingScreen, checkUiState } from '../lib/checks.mjs';
import { launchChromium, ONBOARDING_URL, WORKER_URL } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID } from '../lib/paths.mjs';

let session;
before(async () => {
  session = await launchChromium();
}, { timeout: 60_000 });
after(async () => {
  await session?.close();
});

test('1. the extension service worker (background.js) runs', { timeout: 30_000 }, async () => {
  const worker = await session.worker();
  assert.equal(worker.url(), WORKER_URL);
  assert.ok(session.context.serviceWorkers().some((w) => w.url() === WORKER_URL));
  // It is a live extension context, with the fixed id from the manifest key.
  assert.equal(await worker.evaluate(() => chrome.runtime.id), CHROME_EXTENSION_ID);
});

test('1b. first install opens the onboarding in a tab', { timeout: 30_000 }, async () => {
  const tab = await session.onboardingTab();
  assert.equal(tab.url(), ONBOARDING_URL);
});

test('2. the popup renders the onboarding screen with both buttons (en)', { timeout: 60_000 }, async () => {
  const popup = await session.openExtensionPage('popup.html');
  try {
    await checkOnboardingScreen(popup, { locale: 'en', screenshot: 'popup-onboarding-chromium.png' });
    // The popup's engine channel answers too (the UI talks to the worker over `formica-ui`).
    await checkUiState(popup, '0x1');
  } finally {
    await popup.close();
  }
});
