// NEO flows shared by the NEO e2e tests: a wallet on a custom N3 network served by the RPC
// stand-in, dApp calls that wait for an approval, and the checks that nothing was signed.
import assert from 'node:assert/strict';
import { HomePage } from '../pages/home.mjs';
import { SettingsNetworksPage } from '../pages/settings-networks.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { EXTENSION_ORIGIN, POPUP_URL } from './chromium.mjs';
import { outcome } from './connect-flows.mjs';
import { waitUntil } from './wait.mjs';

/**
 * From home (unlocked), adds the custom NEO network `{name, rpcUrl, magic}` in settings →
 * networks (family `neo`, the magic in `network-chain-id`), then switches
 * `chain-family-select` to NEO and `network-select` to it. Returns `{home}`. `goHome` brings the
 * page back to home (Firefox cannot `goto` an extension URL: there it changes the hash).
 */
export async function addAndSelectNeoNetwork(popup, { name, rpcUrl, magic }, { goHome = (p) => p.goto(POPUP_URL) } = {}) {
  const home = new HomePage(popup);
  await home.waitForReady();
  await home.openSettings();
  const networks = await new SettingsNetworksPage(popup).open();
  await networks.addNetwork({ family: 'neo', name, rpcUrl, chainId: magic });
  // Saving either shows network-error or closes the form; then network-select offers it.
  await waitUntil(async () => (await popup.$('[data-testid="network-error"]')) || !(await popup.$('[data-testid="network-save"]')), {
    timeout: 10_000, message: 'network-save to close the form or show network-error',
  });
  const error = await popup.$('[data-testid="network-error"]');
  const errorText = error ? await error.evaluate((el) => el.textContent) : null;
  await goHome(popup);
  await home.waitForReady();
  await home.selectFamily('neo');
  await waitUntil(async () => (await home.networks()).includes(name), {
    timeout: 10_000,
    message: `network-select to offer "${name}"${errorText ? ` (network-error said: ${errorText})` : ''}`,
  });
  // By value (the magic): Puppeteer's select matches values only, Playwright's labels too.
  await home.selectNetwork(String(magic));
  return { home };
}

/** The approval window that opens next (`popup.html#/approval/<id>`). */
export function nextApprovalWindow(session, timeout = 15_000) {
  return session.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
    timeout,
  });
}

/**
 * Starts `start(dapp)` (which parks its outcome under `key`), answers the approval window that
 * opens with `answer` ('approve' | 'reject' | fn(window)), and returns the outcome.
 * `inspect(window)` may look at the window before it is answered.
 */
export async function withApproval(session, dapp, key, start, { answer = 'approve', inspect, origin } = {}) {
  const opened = nextApprovalWindow(session);
  await start(dapp);
  // A call answered before any window opened was not put to the user: report its answer.
  const early = outcome(dapp, key, { timeout: 15_000 }).then((out) => ({ out }), () => null);
  const first = await Promise.race([opened.then((w) => ({ w }), (err) => ({ err })), early]);
  if (first?.out) assert.fail(`${key}: answered without an approval window: ${JSON.stringify(first.out)}`);
  if (first?.err) throw first.err;
  if (!first?.w) throw new Error(`${key}: no approval window opened and no answer came`);
  const window = first.w;
  const approval = new ApprovalPage(window);
  await approval.waitForReady();
  if (origin) assert.equal(await approval.origin(), origin);
  if (inspect) await inspect(window);
  if (answer === 'approve') await approval.approve();
  else if (answer === 'reject') await approval.reject();
  else await answer(window);
  return outcome(dapp, key);
}

/**
 * Runs `call(dapp)` (a direct evaluate returning `{ok, …}`) and checks that it opened no window
 * and that nothing reached the node's sendrawtransaction.
 */
export async function withoutWindowOrBroadcast(session, node, call) {
  const pages = session.context.pages().length;
  const sent = node.calls.filter((c) => c.method === 'sendrawtransaction').length;
  const out = await call();
  assert.equal(session.context.pages().length, pages, 'no window opened');
  assert.equal(node.calls.filter((c) => c.method === 'sendrawtransaction').length, sent, 'nothing reached sendrawtransaction');
  return out;
}

/** Strips 0x and lower-cases a script hash or txid, for comparisons. */
export const bare = (hash) => String(hash ?? '').replace(/^0x/i, '').toLowerCase();
