// Checks shared by the Chromium and Firefox suites. Each takes a page of either library
// (Playwright or Puppeteer); they use only what both have (`goto`, `reload`, `evaluate`) plus
// the one difference, init scripts, behind `addInitScript`.
import assert from 'node:assert/strict';
import { OnboardingPage } from '../pages/onboarding.mjs';
import * as side from './page-side.mjs';
import { artifactPath, localeMessage } from './paths.mjs';
import { waitUntil } from './wait.mjs';

/** Formica's EIP-6963 reverse-DNS id. */
export const FORMICA_RDNS = 'app.formica';
/** The fake wallet the EIP-6963 check installs before the page (and before Formica) runs. */
export const FAKE_WALLET = Object.freeze({
  rdns: 'com.example.fake',
  name: 'Fake Wallet',
  uuid: '0b7a3c8e-5d1f-4a2b-9c6d-7e8f9a0b1c2d',
  chainId: '0x539',
});
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Registers `fn(arg)` to run in every new document of `page`, before the page's own scripts. */
export async function addInitScript(page, fn, arg) {
  if (typeof page.addInitScript === 'function') {
    await page.addInitScript(fn, arg); // Playwright
  } else {
    await page.evaluateOnNewDocument(fn, arg); // Puppeteer
  }
}

/**
 * Opens the demo dApp in `page` and waits until its bundle ran and a `window.ethereum`
 * exists. Returns `providerShape()`.
 */
export async function openDapp(page, url) {
  await page.goto(url);
  return waitForDapp(page);
}

/** Waits until the dApp page's bundle ran and some wallet set `window.ethereum`. */
export async function waitForDapp(page, timeout = 10_000) {
  let last;
  try {
    return await waitUntil(async () => {
      last = await page.evaluate(side.providerShape);
      return last.bundleLoaded && last.hasEthereum ? last : null;
    }, { timeout, message: 'the dApp bundle to load and window.ethereum to be injected' });
  } catch (err) {
    err.message += ` (last seen: ${JSON.stringify(last)})`;
    throw err;
  }
}

/** window.ethereum is Formica's EIP-1193 provider and does not pretend to be MetaMask. */
export async function checkFormicaProvider(page) {
  const shape = await page.evaluate(side.providerShape);
  assert.equal(shape.isFormica, true, 'window.ethereum.isFormica');
  assert.ok(!shape.isMetaMask, `window.ethereum.isMetaMask must not be set (got ${shape.isMetaMask})`);
  assert.equal(shape.request, 'function', 'window.ethereum.request');
  assert.equal(shape.on, 'function', 'window.ethereum.on');
  assert.equal(shape.removeListener, 'function', 'window.ethereum.removeListener');
}

/** Sends one raw request from the page; returns `{ok, result}` / `{ok: false, error}` / `{timeout}`. */
export function request(page, args, timeout = 10_000) {
  return page.evaluate(side.rawRequest, { args, timeout });
}

/** Asserts one raw request from the page resolves with `expected`. */
export async function expectResult(page, args, expected, timeout = 10_000) {
  const outcome = await request(page, args, timeout);
  assert.deepEqual(outcome, { ok: true, result: expected }, `request(${JSON.stringify(args)})`);
}

/** ethers v6: new BrowserProvider(window.ethereum).getNetwork().chainId === expected (bigint). */
export async function checkEthersChainId(page, expected = 1n) {
  const { chainId, isBigInt } = await page.evaluate(side.ethersChainId);
  assert.equal(isBigInt, true, 'ethers returns the chain id as a bigint');
  assert.equal(BigInt(chainId), expected, 'ethers getNetwork().chainId');
}

/** viem: createPublicClient({transport: custom(window.ethereum)}).getChainId() === expected. */
export async function checkViemChainId(page, expected = 1) {
  assert.equal(await page.evaluate(side.viemChainId), expected, 'viem getChainId()');
}

/** Discovers wallets through mipd in the page and returns the description (see page-side). */
export function discoverWallets(page, expect, timeout = 10_000) {
  return page.evaluate(side.discoverWallets, { expect, timeout });
}

function checkFormicaAnnouncement(found) {
  const formica = found.wallets.filter((w) => w.rdns === FORMICA_RDNS);
  assert.equal(formica.length, 1,
    `exactly one EIP-6963 provider with rdns ${FORMICA_RDNS} (got ${JSON.stringify(found.wallets)})`);
  const [info] = formica;
  assert.equal(info.name, 'Formica', 'EIP-6963 info.name');
  assert.match(info.uuid, UUID_V4, 'EIP-6963 info.uuid is a v4 UUID');
  assert.match(info.icon, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/, 'EIP-6963 info.icon is a base64 SVG data URI');
  const svg = Buffer.from(info.icon.slice(info.icon.indexOf(',') + 1), 'base64').toString('utf8');
  assert.match(svg, /<svg[\s>]/, 'the icon data URI decodes to an SVG document');
  assert.equal(info.isFormica, true, 'the announced provider has isFormica');
  assert.ok(!info.isMetaMask, 'the announced provider is not isMetaMask');
  assert.equal(found.formicaChainId, '0x1', "eth_chainId through Formica's EIP-6963 provider");
  return info;
}

/**
 * EIP-6963 next to another wallet: a fake wallet sets window.ethereum first and announces
 * itself; Formica must leave window.ethereum alone, still be discoverable through mipd with
 * rdns app.formica, answer eth_chainId through its announced provider, and use a new uuid on
 * every page load.
 */
export async function checkEip6963WithFakeWallet(page, url) {
  await addInitScript(page, side.installFakeWallet, FAKE_WALLET);
  await openDapp(page, url);
  const expect = [FORMICA_RDNS, FAKE_WALLET.rdns];
  const first = await discoverWallets(page, expect);
  assert.equal(first.fakeSawEthereum, false,
    'test harness: the fake wallet must run before Formica (window.ethereum was already set when it ran)');
  assert.equal(first.windowEthereum.isTheFake, true,
    `window.ethereum must stay the fake wallet's provider (now: ${JSON.stringify(first.windowEthereum)})`);
  const fake = first.wallets.filter((w) => w.rdns === FAKE_WALLET.rdns);
  assert.equal(fake.length, 1, `the fake wallet is discovered once (got ${JSON.stringify(first.wallets)})`);
  const formica = checkFormicaAnnouncement(first);
  assert.equal(formica.isWindowEthereum, false, "Formica's announced provider is not window.ethereum here");

  await page.reload();
  await waitForDapp(page);
  const second = await discoverWallets(page, expect);
  assert.equal(second.windowEthereum.isTheFake, true, 'after reload window.ethereum is still the fake wallet');
  const again = checkFormicaAnnouncement(second);
  assert.notEqual(again.uuid, formica.uuid, 'EIP-6963 uuid must change on every page load');
  return { first, second };
}

/** On a page with no other wallet, Formica is window.ethereum and is announced through EIP-6963. */
export async function checkEip6963Alone(page) {
  const found = await discoverWallets(page, [FORMICA_RDNS]);
  checkFormicaAnnouncement(found);
  assert.equal(found.windowEthereum.isFormica, true, 'window.ethereum is Formica when no other wallet set it');
  return found;
}

/**
 * The table of malformed and unsupported requests and the EIP-1193 / JSON-RPC codes the engine
 * must answer with. `args` are the arguments passed to `window.ethereum.request(...args)`.
 */
export const BAD_REQUESTS = Object.freeze([
  { name: 'unknown method', args: [{ method: 'eth_doesNotExist' }], code: 4200 },
  { name: 'request arg is a string', args: ['eth_chainId'], code: -32600 },
  { name: 'request arg is null', args: [null], code: -32600 },
  { name: 'request arg missing', args: [], code: -32600 },
  { name: 'no method', args: [{}], code: -32600 },
  { name: 'method is a number', args: [{ method: 42 }], code: -32600 },
  { name: 'params is a string', args: [{ method: 'eth_chainId', params: 'x' }], code: -32600 },
  { name: 'eth_chainId with a param', args: [{ method: 'eth_chainId', params: [1] }], code: -32602 },
  { name: 'net_version with object params', args: [{ method: 'net_version', params: { a: 1 } }], code: -32602 },
]);

/** Good requests sent around the bad ones: the provider must still answer normally. */
export const GOOD_REQUESTS = Object.freeze([
  { name: 'eth_chainId', args: [{ method: 'eth_chainId' }], result: '0x1' },
  { name: 'eth_chainId with empty params', args: [{ method: 'eth_chainId', params: [] }], result: '0x1' },
  { name: 'net_version', args: [{ method: 'net_version' }], result: '1' },
]);

/** Runs BAD_REQUESTS (then GOOD_REQUESTS) against window.ethereum and asserts every outcome. */
export async function checkBadRequests(page) {
  const failures = [];
  for (const c of BAD_REQUESTS) {
    const got = await request(page, c.args);
    const e = got.error;
    const ok = got.ok === false && e.isObject && e.codeType === 'number' && e.code === c.code
      && e.messageType === 'string' && e.message.length > 0;
    if (!ok) failures.push(`${c.name}: request(${JSON.stringify(c.args).slice(1, -1)}) expected code ${c.code}, got ${JSON.stringify(got)}`);
  }
  for (const c of GOOD_REQUESTS) {
    const got = await request(page, c.args);
    if (!(got.ok === true && got.result === c.result)) {
      failures.push(`${c.name}: expected result ${JSON.stringify(c.result)}, got ${JSON.stringify(got)}`);
    }
  }
  assert.deepEqual(failures, [], `bad-request table:\n  ${failures.join('\n  ')}`);
}

/**
 * The popup's first screen with no wallet: the onboarding root and both buttons, labelled with
 * the shipped strings of `locale` (read from _locales, never hard-coded). Saves a screenshot
 * as e2e/artifacts/<screenshot> (or <name>-failure.png when the screen never appears).
 */
export async function checkOnboardingScreen(page, { locale = 'en', screenshot, distDir }) {
  const onboarding = new OnboardingPage(page);
  await onboarding.driver.setViewport(400, 600);
  try {
    await onboarding.waitForReady();
  } catch (err) {
    await onboarding.screenshot(artifactPath(screenshot.replace(/\.png$/, '-failure.png'))).catch(() => {});
    throw err;
  }
  await onboarding.screenshot(artifactPath(screenshot));
  const create = localeMessage(locale, 'onboardingCreate', distDir);
  const imp = localeMessage(locale, 'onboardingImport', distDir);
  const labels = { create: await onboarding.createLabel(), import: await onboarding.importLabel() };
  assert.ok(labels.create.includes(create), `create-wallet shows "${create}" (${locale}); it shows "${labels.create}"`);
  assert.ok(labels.import.includes(imp), `import-wallet shows "${imp}" (${locale}); it shows "${labels.import}"`);
  return labels;
}

/** Sends a UI request from an extension page over the `formica-ui` port; returns the response. */
export function uiRequest(extensionPage, request, timeout = 10_000) {
  return extensionPage.evaluate(side.uiRequest, { request, timeout });
}

/** `get_state` answers a state snapshot whose network is `chainId`. */
export async function checkUiState(extensionPage, chainId = '0x1') {
  const response = await uiRequest(extensionPage, { type: 'get_state' });
  assert.equal(response?.type, 'state', `get_state answers a state (got ${JSON.stringify(response)})`);
  assert.equal(response.state?.network?.chain_id, chainId, 'state.network.chain_id');
  return response.state;
}

/**
 * EIP-1193 `connect`: a fresh page is not connected until the wallet answered; a page that
 * listens for `connect` gets `{chainId}` once, and `isConnected()` turns true.
 */
export async function checkConnectEvent(page, expectedChainId = '0x1') {
  const before = await page.evaluate(() => window.ethereum.isConnected());
  assert.equal(before, false, 'isConnected() before the wallet answered');
  await page.evaluate(() => {
    window.__connectEvents = [];
    window.ethereum.on('connect', (info) => window.__connectEvents.push(info));
  });
  await waitUntil(() => page.evaluate(() => window.__connectEvents.length > 0), { message: 'the connect event' });
  // Another answer does not repeat it.
  await request(page, [{ method: 'eth_chainId' }]);
  assert.deepEqual(await page.evaluate(() => window.__connectEvents), [{ chainId: expectedChainId }]);
  assert.equal(await page.evaluate(() => window.ethereum.isConnected()), true);
}
