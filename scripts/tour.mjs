// The headless tour `./scripts/run --headless` takes: the extension loaded in Debian's Chromium,
// a wallet created through every onboarding step, home, settings, lock and unlock, the popup in
// Simplified Chinese, and the demo dApp reading the chain from the engine. Screenshots go to
// target/tour/; their paths are printed.
//   node scripts/tour.mjs http://127.0.0.1:8080/
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium, POPUP_URL } from '../e2e/lib/chromium.mjs';
import { CreatePage } from '../e2e/pages/create.mjs';

const dappUrl = process.argv[2] ?? 'http://127.0.0.1:8080/';
const outDir = resolve(import.meta.dirname, '..', 'target', 'tour');
await mkdir(outDir, { recursive: true });
const shots = [];
const PASSWORD = 'correct horse battery staple';
const id = (name) => `[data-testid="${name}"]`;

async function shoot(page, name) {
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage: true });
  shots.push(path);
}

async function popupIn(session) {
  await session.worker();
  const popup = await session.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(POPUP_URL);
  await popup.waitForSelector(id('create-wallet'));
  return popup;
}

const en = await launchChromium({ locale: 'en-US' });
try {
  const popup = await popupIn(en);
  await shoot(popup, '01-onboarding.png');
  await popup.click(id('create-wallet'));
  await popup.fill(id('new-password'), PASSWORD);
  await popup.fill(id('confirm-password'), PASSWORD);
  await shoot(popup, '02-create-password.png');
  await popup.click(id('onboarding-submit'));
  await popup.waitForSelector(id('mnemonic-word'));
  const words = await popup.$$eval(id('mnemonic-word'), (els) => els.map((e) => e.textContent.trim()));
  await shoot(popup, '03-create-words.png');
  await popup.click(id('onboarding-submit'));
  const create = new CreatePage(popup);
  await create.pick(words.slice(0, 5));
  await shoot(popup, '04-create-confirm.png');
  await create.pick(words.slice(5));
  await create.submit();
  await popup.waitForSelector(id('account-address'));
  await popup.click(id('add-account'));
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 2);
  await shoot(popup, '05-home.png');
  await popup.click(id('settings'));
  await popup.waitForSelector(id('auto-lock-minutes'));
  await shoot(popup, '06-settings.png');
  await popup.click(id('settings-back'));
  await popup.waitForSelector(id('lock'));
  await popup.click(id('lock'));
  await popup.waitForSelector(id('unlock-password'));
  await popup.fill(id('unlock-password'), 'wrong password');
  await popup.click(id('unlock-submit'));
  await popup.waitForSelector(id('unlock-error'));
  await shoot(popup, '07-unlock-error.png');

  const dapp = await en.newPage();
  await dapp.setViewportSize({ width: 1000, height: 760 });
  await dapp.goto(dappUrl);
  await dapp.click(id('dapp-read-chain'));
  await dapp.waitForFunction(() => /0x/.test(document.querySelector('#chain-id')?.textContent ?? ''));
  await shoot(dapp, '08-dapp-chain-id.png');
} finally {
  await en.close();
}

const zh = await launchChromium({ locale: 'zh-CN' });
try {
  const popup = await popupIn(zh);
  await shoot(popup, '09-onboarding-zh-CN.png');
  await popup.click(id('import-wallet'));
  await popup.waitForSelector(id('import-mnemonic'));
  await shoot(popup, '10-import-zh-CN.png');
} finally {
  await zh.close();
}
for (const path of shots) console.log(path);
