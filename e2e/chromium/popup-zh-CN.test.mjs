// Chromium with a Simplified Chinese UI: the popup's onboarding buttons show the zh_CN strings
// (chrome.i18n follows the browser UI locale).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkOnboardingScreen } from '../lib/checks.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { localeMessage } from '../lib/paths.mjs';

let session;
before(async () => {
  session = await launchChromium({ locale: 'zh-CN' });
}, { timeout: 60_000 });
after(async () => {
  await session?.close();
});

test('2b. the popup renders the onboarding screen in zh-CN', { timeout: 60_000 }, async () => {
  // Otherwise this test could not tell the two locales apart.
  assert.notEqual(localeMessage('zh_CN', 'onboardingCreate'), localeMessage('en', 'onboardingCreate'));
  assert.notEqual(localeMessage('zh_CN', 'onboardingImport'), localeMessage('en', 'onboardingImport'));
  const popup = await session.openExtensionPage('popup.html');
  try {
    assert.match(await popup.evaluate(() => chrome.i18n.getUILanguage()), /^zh[-_]CN$/i, 'browser UI language');
    await checkOnboardingScreen(popup, { locale: 'zh_CN', screenshot: 'popup-onboarding-chromium-zh-CN.png' });
  } finally {
    await popup.close();
  }
});
