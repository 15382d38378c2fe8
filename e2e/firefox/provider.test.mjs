// Firefox ESR: a dApp on http://127.0.0.1 talks to Formica's page provider through ethers v6,
// viem and mipd; answers come from the Rust engine in the background script.
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { startDappServer } from '../dapp/serve.mjs';

let session;
let server;
let page;
before(async () => {
  server = await startDappServer();
  session = await launchFirefox();
  page = await session.newPage();
  await checks.openDapp(page, server.url);
}, { timeout: 90_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

test('2b. EIP-1193 connect: emitted once with the chain id to a page that listens', { timeout: 30_000 }, async () => {
  const fresh = await session.newPage();
  try {
    await checks.openDapp(fresh, server.url);
    await checks.checkConnectEvent(fresh);
  } finally {
    await fresh.close();
  }
});

test('3. ethers v6 BrowserProvider reads chain id 1 from window.ethereum (Formica)', { timeout: 30_000 }, async () => {
  await checks.checkFormicaProvider(page);
  await checks.checkEthersChainId(page, 1n);
});

test('4. viem createPublicClient(custom(window.ethereum)).getChainId() is 1', { timeout: 30_000 }, async () => {
  await checks.checkViemChainId(page, 1);
});

test('5. EIP-6963: Formica is announced alone', { timeout: 30_000 }, async () => {
  await checks.checkEip6963Alone(page);
});

test('5b. EIP-6963 next to a wallet that set window.ethereum first', { timeout: 60_000 }, async () => {
  const withFake = await session.newPage();
  try {
    await checks.checkEip6963WithFakeWallet(withFake, server.url);
  } finally {
    await withFake.close();
  }
});

test('8. malformed and unsupported requests get 4200 / -32600 / -32602', { timeout: 60_000 }, async () => {
  await checks.checkBadRequests(page);
});
