import { startNeoSession, BOB } from './lib/neo-session.mjs';
import { HomePage } from './pages/home.mjs';
import { NeoMultisigPage } from './pages/neo-multisig.mjs';
const out = (n) => `/work/main/target/shots/${n}.png`;
const ctx = await startNeoSession();
try {
  const p = ctx.popup;
  await p.setViewportSize({ width: 360, height: 600 });
  await p.waitForTimeout(1500);
  await p.screenshot({ path: out('neo-home'), fullPage: true });
  await p.click('details.neo-send > summary');
  await p.fill('[data-testid="neo-send-to"]', BOB.address);
  await p.fill('[data-testid="neo-send-amount"]', '1.5');
  await p.click('[data-testid="neo-send-review"]');
  await p.waitForSelector('[data-testid="neo-send-summary"]');
  await p.screenshot({ path: out('neo-send-review'), fullPage: true });
  await p.click('[data-testid="neo-send-confirm"]');
  await p.waitForSelector('[data-testid="neo-send-result"]');
  await p.screenshot({ path: out('neo-send-done'), fullPage: true });
  await new HomePage(p).driver.click('neo-multisig');
  const page = await new NeoMultisigPage(p).waitForReady();
  await page.addAccount({ name: 'Team', threshold: 2, keys: [BOB.publicKey], mine: true });
  await p.waitForTimeout(800);
  await p.screenshot({ path: out('neo-multisig'), fullPage: true });
  await page.open('neo-ms-send');
  await p.waitForTimeout(500);
  await p.screenshot({ path: out('neo-multisig-propose'), fullPage: true });
} finally { await ctx.close(); }
