// The headless tour `./scripts/run --headless` takes: the extension loaded in Debian's Chromium,
// the popup in English and Simplified Chinese, and the demo dApp reading the chain from the
// engine. Screenshots go to target/tour/; their paths are printed.
//   node scripts/tour.mjs http://127.0.0.1:8080/
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium, POPUP_URL } from '../e2e/lib/chromium.mjs';

const dappUrl = process.argv[2] ?? 'http://127.0.0.1:8080/';
const outDir = resolve(import.meta.dirname, '..', 'target', 'tour');
await mkdir(outDir, { recursive: true });
const shots = [];

async function shoot(page, name) {
  const path = join(outDir, name);
  await page.screenshot({ path });
  shots.push(path);
}

for (const locale of ['en-US', 'zh-CN']) {
  const session = await launchChromium({ locale });
  try {
    await session.worker();
    const popup = await session.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(POPUP_URL);
    await popup.waitForSelector('[data-testid=create-wallet]');
    await shoot(popup, `popup-onboarding-${locale}.png`);
    if (locale === 'en-US') {
      const dapp = await session.newPage();
      await dapp.setViewportSize({ width: 1000, height: 760 });
      await dapp.goto(dappUrl);
      await dapp.click('[data-testid=dapp-read-chain]');
      await dapp.waitForFunction(() => /0x/.test(document.querySelector('#chain-id')?.textContent ?? ''));
      await shoot(dapp, 'dapp-chain-id.png');
    }
  } finally {
    await session.close();
  }
}
for (const path of shots) console.log(path);
