// Firefox ESR: the extension installs, its background script runs (it opens the onboarding tab
// and answers the popup's engine channel), and the popup shows onboarding.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkOnboardingScreen, checkUiState } from '../lib/checks.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { DIST_FIREFOX, GECKO_ID } from '../lib/paths.mjs';

let session;
before(async () => {
  session = await launchFirefox();
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
});

test('1. the background script runs: it opens the onboarding tab and answers the UI', { timeout: 30_000 }, async () => {
  assert.equal(session.addonId, GECKO_ID);
  const tab = await session.onboardingTab();
  assert.match(tab.url, /^moz-extension:\/\/[0-9a-f-]+\/popup\.html#\/onboarding$/);
  await checkUiState(tab.page, '0x1');
});

test('2. the popup renders the onboarding screen with both buttons (en)', { timeout: 60_000 }, async () => {
  const { page } = await session.onboardingTab();
  await checkOnboardingScreen(page, { locale: 'en', screenshot: 'popup-onboarding-firefox.png', distDir: DIST_FIREFOX });
});
