// Connecting a dApp through the real approval window, shared by the Chromium and Firefox suites.
import assert from 'node:assert/strict';
import { ApprovalPage } from '../pages/approval.mjs';
import { waitUntil } from './wait.mjs';

/** Runs in the dApp page: starts a request and parks its outcome in window.__formicaE2E.pending[key]. */
export function startRequest({ key, args, via }) {
  const state = (window.__formicaE2E ??= {});
  state.pending ??= {};
  const run =
    via === 'ethers'
      ? new window.ethers.BrowserProvider(window.ethereum).send(args.method, args.params ?? [])
      : window.ethereum.request(args);
  state.pending[key] = null;
  run.then(
    (result) => { state.pending[key] = { ok: true, result }; },
    (err) => { state.pending[key] = { ok: false, code: err?.code ?? null, inner: err?.error?.code ?? err?.info?.error?.code ?? null, message: String(err?.message) }; },
  );
}

/** Runs in the dApp page: the parked outcome of `key`, or null while pending. */
export function outcomeOf(key) {
  return window.__formicaE2E?.pending?.[key] ?? null;
}

/** Runs in the dApp page: records accountsChanged events into window.__formicaE2E.accountsChanged. */
export function recordAccountsChanged() {
  const state = (window.__formicaE2E ??= {});
  if (!state.accountsChanged) {
    state.accountsChanged = [];
    window.ethereum.on('accountsChanged', (accounts) => state.accountsChanged.push(accounts));
  }
}

export function recordedAccountsChanged() {
  return window.__formicaE2E?.accountsChanged ?? [];
}

/**
 * Waits for the outcome parked under `key` in the dApp page. Polls (Playwright's and
 * Puppeteer's waitForFunction take their arguments in different orders).
 */
export async function outcome(dapp, key, { timeout = 20_000 } = {}) {
  return waitUntil(() => dapp.evaluate(outcomeOf, key), { timeout, interval: 25, message: `an outcome for ${key}` });
}

/**
 * Starts `args` in the dApp page, waits for the approval window that opens (found by
 * `findApprovalPage`), checks it names the dApp's origin, answers it, and returns the outcome.
 */
export async function requestWithApproval(dapp, { key, args, via = 'raw', answer = 'approve', findApprovalPage, origin }) {
  await dapp.evaluate(startRequest, { key, args, via });
  const window = await findApprovalPage();
  const approval = new ApprovalPage(window);
  await approval.waitForReady();
  if (origin) assert.equal(await approval.origin(), origin);
  if (answer === 'approve') await approval.approve();
  else if (answer === 'reject') await approval.reject();
  else await answer(window);
  return outcome(dapp, key);
}
