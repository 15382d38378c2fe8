// Chromium against anvil: the dApp scenario of e2e/lib/library-scenario.mjs written with each
// of ethers v6, viem 2 and web3.js 4 (e2e/dapp/libraries.mjs) — connect, accounts, both kinds
// of signature verified with ethers, an ETH and an ERC-20 transfer (OpenZeppelin's token,
// deployed by the test), reject, switch, eth_sign, revoke, and origins kept apart.
import { after, before } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
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
  session = await launchChromium();
  await session.worker();
  await importMnemonic(await session.openExtensionPage('popup.html'));
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, '0x56bc75e2d63100000']); // 100 ETH
  ctx.token = await deployToken({ owner: ABANDON_ADDRESS });
  ctx.origin = new URL(server.url).origin;
  ctx.approvalWindow = async () => {
    const opened = session.context.waitForEvent('page', {
      predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
      timeout: 20_000,
    });
    return () => opened;
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

for (const lib of ['ethers', 'viem', 'web3']) libraryScenario(lib, () => ctx);
