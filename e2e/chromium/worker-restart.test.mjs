// Chromium: the MV3 service worker can die at any moment. After a forced stop the next dApp
// request restarts it and is answered; the selected network is persisted across the restart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as checks from '../lib/checks.mjs';
import { EXTENSION_ORIGIN, launchChromium } from '../lib/chromium.mjs';
import { recordChainChanged, recordedChainChanged } from '../lib/page-side.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { startDappServer } from '../dapp/serve.mjs';

const CHAIN_ID = [{ method: 'eth_chainId' }];

let session;
let server;
let dapp;
before(async () => {
  server = await startDappServer();
  session = await launchChromium();
  // Close the onboarding tab the install opened: an open extension page could wake the
  // worker by itself, and these tests are about the dApp's side.
  // (Whether the tab opens at all is test 1b's business, in extension.test.mjs.)
  const onboarding = await session.onboardingTab(5_000).catch(() => null);
  await onboarding?.close();
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
}, { timeout: 60_000 });
after(async () => {
  await session?.close();
  await server?.close();
});

/**
 * Stops the worker, then sends `args` from the dApp and asserts the answer is `expected` and
 * that the worker really started again (a new JS context). Whether the dApp's request or an
 * eager reconnect of the content script woke it is left open: both keep the contract.
 */
async function stopThenRequest(args, expected) {
  const stop = await session.stopServiceWorkers(dapp);
  try {
    await checks.expectResult(dapp, args, expected, 20_000);
    await stop.restarted();
  } finally {
    await stop.detach();
  }
}

test('6. after the worker is force-stopped, the next dApp request is answered', { timeout: 60_000 }, async () => {
  // The first request connects the content script's port to the worker.
  await checks.expectResult(dapp, CHAIN_ID, '0x1');
  await stopThenRequest(CHAIN_ID, '0x1');
  // And the restarted engine keeps answering, through a real library too.
  await checks.checkEthersChainId(dapp, 1n);
});

test('7. select_network 0x7a69: chainChanged, eth_chainId, persisted across a worker restart', { timeout: 90_000 }, async () => {
  await checks.expectResult(dapp, CHAIN_ID, '0x1');
  await dapp.evaluate(recordChainChanged);
  let ui = await session.openExtensionPage('popup.html');
  assert.ok(ui.url().startsWith(EXTENSION_ORIGIN));
  const selected = await checks.uiRequest(ui, { type: 'select_network', chain_id: '0x7a69' });
  assert.equal(selected?.type, 'state', `select_network answers a state (got ${JSON.stringify(selected)})`);
  assert.equal(selected.state?.network?.chain_id, '0x7a69', 'state.network.chain_id after select_network');

  await waitUntil(async () => (await dapp.evaluate(recordedChainChanged)).includes('0x7a69'), {
    timeout: 10_000,
    message: "the dApp to receive chainChanged('0x7a69')",
  });
  await checks.expectResult(dapp, CHAIN_ID, '0x7a69');
  await checks.expectResult(dapp, [{ method: 'net_version' }], '31337');
  await checks.checkViemChainId(dapp, 31337);

  // Persisted: a fresh worker (which rebuilds from storage) still answers 0x7a69.
  await ui.close();
  await stopThenRequest(CHAIN_ID, '0x7a69');
  ui = await session.openExtensionPage('popup.html');
  await checks.checkUiState(ui, '0x7a69');

  // Back to Ethereum mainnet; the reconnected page hears about it.
  const seen = (await dapp.evaluate(recordedChainChanged)).length;
  const back = await checks.uiRequest(ui, { type: 'select_network', chain_id: '0x1' });
  assert.equal(back?.state?.network?.chain_id, '0x1', `select_network 0x1 (got ${JSON.stringify(back)})`);
  await waitUntil(async () => (await dapp.evaluate(recordedChainChanged)).slice(seen).includes('0x1'), {
    timeout: 10_000,
    message: "the dApp to receive chainChanged('0x1')",
  });
  await checks.expectResult(dapp, CHAIN_ID, '0x1');
  await ui.close();
});

// DESIGN.md §1: "The content script reconnects its port when the worker restarts", so a page
// that only listens still hears events pushed after a restart.
test('7b. a page that only listens still gets chainChanged after a worker restart', {
  timeout: 60_000,
}, async () => {
  await checks.expectResult(dapp, CHAIN_ID, '0x1');
  await dapp.evaluate(recordChainChanged);
  const seen = (await dapp.evaluate(recordedChainChanged)).length;
  const stop = await session.stopServiceWorkers(dapp);
  await stop.detach();
  const ui = await session.openExtensionPage('popup.html');
  try {
    const selected = await checks.uiRequest(ui, { type: 'select_network', chain_id: '0x7a69' });
    assert.equal(selected?.state?.network?.chain_id, '0x7a69');
    await waitUntil(async () => (await dapp.evaluate(recordedChainChanged)).slice(seen).includes('0x7a69'), {
      timeout: 5_000,
      message: "chainChanged('0x7a69') on a page that sent no request since the restart",
    });
  } finally {
    await checks.uiRequest(ui, { type: 'select_network', chain_id: '0x1' }).catch(() => {});
    await ui.close();
  }
});
