// Chromium against anvil: the same dApp scenario written with ethers v6, viem 2 and web3.js 4
// (e2e/dapp/libraries.mjs) — connect through the approval window, eth_accounts, personal_sign
// checked with ethers.verifyMessage, eth_signTypedData_v4 with ethers.verifyTypedData, an ETH
// transfer and an ERC-20 transfer (OpenZeppelin's token deployed to anvil by the test) mined
// with the expected balance changes; reject → 4001; switch chain → chainChanged; eth_sign →
// 4200; wallet_revokePermissions → accountsChanged([]); another origin sees none of the grants.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Wallet, verifyMessage, verifyTypedData } from 'ethers';
import * as checks from '../lib/checks.mjs';
import { launchChromium, EXTENSION_ORIGIN } from '../lib/chromium.mjs';
import { outcome } from '../lib/connect-flows.mjs';
import { rpc, startAnvil } from '../lib/anvil.mjs';
import { deployErc20, erc20Balance } from '../lib/erc20.mjs';
import { ABANDON_ADDRESS, importMnemonic } from '../lib/vault-flows.mjs';
import { waitUntil } from '../lib/wait.mjs';
import { startDappServer } from '../dapp/serve.mjs';
import { ApprovalPage } from '../pages/approval.mjs';

let anvil;
let server;
let session;
let dapp;
let token;

const approvalWindow = () => session.context.waitForEvent('page', {
  predicate: (p) => p.url().startsWith(`${EXTENSION_ORIGIN}/popup.html#/approval/`),
  timeout: 20_000,
});

/** Runs in the page: starts formicaLibs[lib][op](...args) and parks its outcome under `key`. */
function startLib({ key, lib, op, args }) {
  const state = (window.__formicaE2E ??= {});
  state.pending ??= {};
  state.pending[key] = null;
  // Every error code on the way down (libraries wrap the provider's error in their own).
  const codes = (err) => {
    const found = [];
    const seen = new Set();
    const walk = (e, depth) => {
      if (!e || typeof e !== 'object' || depth > 5 || seen.has(e)) return;
      seen.add(e);
      if (typeof e.code === 'number') found.push(e.code);
      for (const k of ['cause', 'innerError', 'error', 'data']) walk(e[k], depth + 1);
      walk(e.info?.error, depth + 1);
    };
    walk(err, 0);
    return found;
  };
  window.formicaLibs[lib][op](...args).then(
    (result) => { state.pending[key] = { ok: true, result: typeof result === 'bigint' ? result.toString() : result }; },
    (err) => { state.pending[key] = { ok: false, codes: codes(err), message: String(err?.message) }; },
  );
}

let counter = 0;
/** Runs a library call that opens an approval window, answers it, and returns the outcome. */
async function withApproval(lib, op, args, { answer = 'approve', inspect } = {}) {
  const key = `${lib}-${op}-${counter++}`;
  const opened = approvalWindow();
  await dapp.evaluate(startLib, { key, lib, op, args });
  const page = await opened;
  const approval = await new ApprovalPage(page).waitForReady();
  assert.equal(await approval.origin(), server.url.replace(/\/$/, ''));
  if (inspect) await inspect(page);
  if (answer === 'approve') await approval.approve();
  else await approval.reject();
  return outcome(dapp, key, { timeout: 30_000 });
}

/** Runs a library call that needs no approval. */
async function direct(lib, op, args = []) {
  const key = `${lib}-${op}-${counter++}`;
  await dapp.evaluate(startLib, { key, lib, op, args });
  return outcome(dapp, key);
}

const events = () => dapp.evaluate(() => window.__events);

before(async () => {
  anvil = await startAnvil();
  server = await startDappServer();
  session = await launchChromium();
  await session.worker();
  await importMnemonic(await session.openExtensionPage('popup.html'));
  await rpc('anvil_setBalance', [ABANDON_ADDRESS, '0x56bc75e2d63100000']); // 100 ETH
  token = (await deployErc20({ owner: ABANDON_ADDRESS })).address;
  dapp = await session.newPage();
  await checks.openDapp(dapp, server.url);
  await dapp.evaluate(() => {
    window.__events = { chainChanged: [], accountsChanged: [] };
    window.ethereum.on('chainChanged', (c) => window.__events.chainChanged.push(c));
    window.ethereum.on('accountsChanged', (a) => window.__events.accountsChanged.push(a));
  });
}, { timeout: 120_000 });
after(async () => {
  await session?.close();
  await server?.close();
  await anvil?.stop();
});

for (const lib of ['ethers', 'viem', 'web3']) {
  describe(lib, () => {
    test('connect: reject is 4001, approve grants the account; eth_accounts; eth_sign is 4200', { timeout: 60_000 }, async () => {
      const rejected = await withApproval(lib, 'connect', [], { answer: 'reject' });
      assert.equal(rejected.ok, false);
      assert.ok(rejected.codes.includes(4001), `codes ${rejected.codes}: ${rejected.message}`);
      const connected = await withApproval(lib, 'connect', []);
      assert.equal(connected.ok, true, connected.message);
      assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
      assert.deepEqual((await direct(lib, 'accounts')).result, [ABANDON_ADDRESS]);
      const ethSign = await direct(lib, 'ethSign', [ABANDON_ADDRESS]);
      assert.equal(ethSign.ok, false);
      assert.ok(ethSign.codes.includes(4200), `codes ${ethSign.codes}: ${ethSign.message}`);
    });

    test('switching to anvil (31337) fires chainChanged', { timeout: 30_000 }, async () => {
      const back = await direct(lib, 'switchChain', ['0x1']);
      assert.equal(back.ok, true, back.message);
      await dapp.evaluate(() => { window.__events.chainChanged.length = 0; });
      const switched = await direct(lib, 'switchChain', ['0x7a69']);
      assert.equal(switched.ok, true, switched.message);
      await waitUntil(async () => (await events()).chainChanged.includes('0x7a69'), { message: 'chainChanged(0x7a69)' });
      assert.equal((await direct(lib, 'chainId')).result, '0x7a69');
    });

    test('personal_sign verifies with ethers.verifyMessage', { timeout: 60_000 }, async () => {
      const message = `hello from ${lib} — 你好`;
      const signed = await withApproval(lib, 'signMessage', [ABANDON_ADDRESS, message], {
        inspect: async (w) => assert.equal(await w.textContent('[data-testid="sign-text"]'), message),
      });
      assert.equal(signed.ok, true, signed.message);
      assert.equal(verifyMessage(message, signed.result), ABANDON_ADDRESS);
    });

    test('eth_signTypedData_v4 verifies with ethers.verifyTypedData', { timeout: 60_000 }, async () => {
      const typed = {
        domain: { name: 'Ether Mail', version: '1', chainId: 31337, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
        types: {
          Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
          Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person[]' }, { name: 'contents', type: 'string' }, { name: 'nonce', type: 'uint256' }],
        },
        primaryType: 'Mail',
        message: {
          from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
          to: [{ name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' }],
          contents: `signed with ${lib}`,
          nonce: '7',
        },
      };
      // web3.js wants EIP712Domain spelled out in `types`; ethers refuses it there. Both are the
      // same typed data.
      const args = lib === 'web3'
        ? { ...typed, types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], ...typed.types } }
        : typed;
      const signed = await withApproval(lib, 'signTypedData', [ABANDON_ADDRESS, args], {
        inspect: async (w) => assert.equal(await w.textContent('[data-testid="sign-primary-type"]'), 'Mail'),
      });
      assert.equal(signed.ok, true, signed.message);
      assert.equal(verifyTypedData(typed.domain, typed.types, typed.message, signed.result), ABANDON_ADDRESS);
    });

    test('an ETH transfer is mined and moves exactly the value', { timeout: 90_000 }, async () => {
      const to = Wallet.createRandom().address;
      const before = BigInt(await rpc('eth_getBalance', [ABANDON_ADDRESS, 'latest']));
      const value = 10n ** 18n / 4n;
      const sent = await withApproval(lib, 'sendEth', [ABANDON_ADDRESS, to, value.toString()], {
        inspect: async (w) => assert.equal(await w.textContent('[data-testid="tx-value"]'), '0.25 ETH'),
      });
      assert.equal(sent.ok, true, sent.message);
      const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [sent.result]), { message: 'the receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(BigInt(await rpc('eth_getBalance', [to, 'latest'])), value);
      const fee = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
      assert.equal(BigInt(await rpc('eth_getBalance', [ABANDON_ADDRESS, 'latest'])), before - value - fee);
    });

    test('an ERC-20 transfer is mined and moves exactly the amount', { timeout: 90_000 }, async () => {
      const to = Wallet.createRandom().address;
      const before = await erc20Balance(token, ABANDON_ADDRESS);
      const amount = 1234n * 10n ** 15n;
      const sent = await withApproval(lib, 'transferToken', [ABANDON_ADDRESS, token, to, amount.toString()], {
        inspect: async (w) => assert.equal((await w.textContent('[data-testid="tx-to"]')).toLowerCase(), token.toLowerCase()),
      });
      assert.equal(sent.ok, true, sent.message);
      const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [sent.result]), { message: 'the receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(await erc20Balance(token, to), amount);
      assert.equal(await erc20Balance(token, ABANDON_ADDRESS), before - amount);
    });

    test('another origin sees none of the grants; revoking fires accountsChanged([])', { timeout: 60_000 }, async () => {
      const other = await session.newPage();
      try {
        await checks.openDapp(other, server.url.replace('127.0.0.1', 'localhost'));
        await checks.expectResult(other, [{ method: 'eth_accounts' }], []);
      } finally {
        await other.close();
      }
      await dapp.evaluate(() => { window.__events.accountsChanged.length = 0; });
      await checks.expectResult(dapp, [{ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] }], null);
      await waitUntil(async () => (await events()).accountsChanged.some((a) => a.length === 0), { message: 'accountsChanged([])' });
      assert.deepEqual((await direct(lib, 'accounts')).result, []);
    });
  });
}
