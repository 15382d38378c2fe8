// Firefox ESR against anvil: the ethers slice of e2e/lib/library-scenario.mjs — connect,
// accounts, personal_sign and typed data verified with ethers, an ETH and an ERC-20 transfer
// mined, reject, switch, eth_sign, revoke, and origins kept apart.
import { after, before } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { rpc, startAnvil } from '../lib/anvil.mjs';
import { deployToken } from '../lib/erc20.mjs';
import { libraryScenario, recordEvents } from '../lib/library-scenario.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let anvil;
let server;
let session;
const ctx = {};

before(async () => {
  anvil = await startAnvil();
  server = await startDappServer();
  session = await launchFirefox();
  const { page } = await session.onboardingTab();
  await importMnemonic(page);
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, '0x56bc75e2d63100000']); // 100 ETH
  ctx.token = await deployToken({ owner: ABANDON_ADDRESS });
  ctx.origin = new URL(server.url).origin;
  // Pages open before the request are skipped (an answered window may not be closed yet).
  ctx.approvalWindow = async () => {
    const seen = await session.browser.pages();
    return () => session.extensionPage(/\/popup\.html#\/approval\//, { except: seen, timeout: 20_000 });
  };
  ctx.openOtherOrigin = async () => {
    const other = await session.newPage();
    await checks.openDapp(other, server.url.replace('127.0.0.1', 'localhost'));
    return other;
  };
  ctx.dapp = await session.newPage();
  await checks.openDapp(ctx.dapp, server.url);
  await ctx.dapp.evaluate(recordEvents);
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

libraryScenario('ethers', () => ctx);
