// The dApp scenario of e2e/dapp/libraries.mjs, written once and run by the Chromium suite for
// ethers, viem and web3.js and by the Firefox suite for ethers: connect through the approval
// window, eth_accounts, personal_sign checked with ethers.verifyMessage, eth_signTypedData_v4
// with ethers.verifyTypedData, an ETH and an ERC-20 transfer mined on anvil with the expected
// balance changes; reject → 4001; switch chain → chainChanged; eth_sign → 4200;
// wallet_revokePermissions → accountsChanged([]); another origin sees none of the grants.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Wallet, verifyMessage, verifyTypedData } from 'ethers';
import * as checks from './checks.mjs';
import { outcome } from './connect-flows.mjs';
import { rpc } from './anvil.mjs';
import { balanceOf } from './erc20.mjs';
import { ABANDON_ADDRESS } from './vault-flows.mjs';
import { waitUntil } from './wait.mjs';
import { ApprovalPage } from '../pages/approval.mjs';
import { Driver } from '../pages/driver.mjs';

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

/** Runs in the page: records chainChanged and accountsChanged into window.__events. */
export function recordEvents() {
  window.__events = { chainChanged: [], accountsChanged: [] };
  window.ethereum.on('chainChanged', (c) => window.__events.chainChanged.push(c));
  window.ethereum.on('accountsChanged', (a) => window.__events.accountsChanged.push(a));
}

/**
 * Declares the scenario's tests for `lib`. `ctx()` returns what the browser suite set up in its
 * `before`: `{ dapp, origin, token, approvalWindow(), openOtherOrigin() }` — `approvalWindow()`
 * starts watching for the next approval window and resolves (once watching) to a function
 * that resolves to that window's page; `openOtherOrigin()`
 * opens the demo dApp on another origin and resolves to the page.
 */
export function libraryScenario(lib, ctx) {
  let counter = 0;
  const text = (page, id) => new Driver(page).text(id);

  async function withApproval(op, args, { answer = 'approve', inspect } = {}) {
    const { dapp, origin, approvalWindow } = ctx();
    const key = `${lib}-${op}-${counter++}`;
    const nextWindow = await approvalWindow();
    await dapp.evaluate(startLib, { key, lib, op, args });
    const page = await nextWindow();
    const approval = await new ApprovalPage(page).waitForReady();
    assert.equal(await approval.origin(), origin);
    if (inspect) await inspect(page);
    if (answer === 'approve') await approval.approve();
    else await approval.reject();
    return outcome(dapp, key, { timeout: 30_000 });
  }

  async function direct(op, args = []) {
    const { dapp } = ctx();
    const key = `${lib}-${op}-${counter++}`;
    await dapp.evaluate(startLib, { key, lib, op, args });
    return outcome(dapp, key);
  }

  const events = () => ctx().dapp.evaluate(() => window.__events);

  describe(lib, () => {
    test('connect: reject is 4001, approve grants the account; eth_accounts; eth_sign is 4200', { timeout: 60_000 }, async () => {
      const rejected = await withApproval('connect', [], { answer: 'reject' });
      assert.equal(rejected.ok, false);
      assert.ok(rejected.codes.includes(4001), `codes ${rejected.codes}: ${rejected.message}`);
      const connected = await withApproval('connect', []);
      assert.equal(connected.ok, true, connected.message);
      assert.deepEqual(connected.result, [ABANDON_ADDRESS]);
      assert.deepEqual((await direct('accounts')).result, [ABANDON_ADDRESS]);
      const ethSign = await direct('ethSign', [ABANDON_ADDRESS]);
      assert.equal(ethSign.ok, false);
      assert.ok(ethSign.codes.includes(4200), `codes ${ethSign.codes}: ${ethSign.message}`);
    });

    test('switching to anvil (31337) fires chainChanged', { timeout: 30_000 }, async () => {
      const back = await direct('switchChain', ['0x1']);
      assert.equal(back.ok, true, back.message);
      await ctx().dapp.evaluate(() => { window.__events.chainChanged.length = 0; });
      const switched = await direct('switchChain', ['0x7a69']);
      assert.equal(switched.ok, true, switched.message);
      await waitUntil(async () => (await events()).chainChanged.includes('0x7a69'), { message: 'chainChanged(0x7a69)' });
      assert.equal((await direct('chainId')).result, '0x7a69');
    });

    test('personal_sign verifies with ethers.verifyMessage', { timeout: 60_000 }, async () => {
      const message = `hello from ${lib} — 你好`;
      const signed = await withApproval('signMessage', [ABANDON_ADDRESS, message], {
        inspect: async (w) => assert.equal(await text(w, 'sign-text'), message),
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
      const domainType = [
        { name: 'name', type: 'string' }, { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' },
      ];
      const args = lib === 'web3' ? { ...typed, types: { EIP712Domain: domainType, ...typed.types } } : typed;
      const signed = await withApproval('signTypedData', [ABANDON_ADDRESS, args], {
        inspect: async (w) => assert.equal(await text(w, 'sign-primary-type'), 'Mail'),
      });
      assert.equal(signed.ok, true, signed.message);
      assert.equal(verifyTypedData(typed.domain, typed.types, typed.message, signed.result), ABANDON_ADDRESS);
    });

    test('an ETH transfer is mined and moves exactly the value', { timeout: 90_000 }, async () => {
      const to = Wallet.createRandom().address;
      const before = BigInt(await rpc('eth_getBalance', [ABANDON_ADDRESS, 'latest']));
      const value = 10n ** 18n / 4n;
      const sent = await withApproval('sendEth', [ABANDON_ADDRESS, to, value.toString()], {
        inspect: async (w) => assert.equal(await text(w, 'tx-value'), '0.25 ETH'),
      });
      assert.equal(sent.ok, true, sent.message);
      const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [sent.result]), { message: 'the receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(BigInt(await rpc('eth_getBalance', [to, 'latest'])), value);
      const fee = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
      assert.equal(BigInt(await rpc('eth_getBalance', [ABANDON_ADDRESS, 'latest'])), before - value - fee);
    });

    test('an ERC-20 transfer is mined and moves exactly the amount', { timeout: 90_000 }, async () => {
      const { token } = ctx();
      const to = Wallet.createRandom().address;
      const before = await balanceOf(token, ABANDON_ADDRESS);
      const amount = 1234n * 10n ** 15n;
      const sent = await withApproval('transferToken', [ABANDON_ADDRESS, token, to, amount.toString()], {
        inspect: async (w) => assert.equal((await text(w, 'tx-to')).toLowerCase(), token.toLowerCase()),
      });
      assert.equal(sent.ok, true, sent.message);
      const receipt = await waitUntil(() => rpc('eth_getTransactionReceipt', [sent.result]), { message: 'the receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(await balanceOf(token, to), amount);
      assert.equal(await balanceOf(token, ABANDON_ADDRESS), before - amount);
    });

    test('another origin sees none of the grants; revoking fires accountsChanged([])', { timeout: 60_000 }, async () => {
      const { dapp, openOtherOrigin } = ctx();
      const other = await openOtherOrigin();
      try {
        await checks.expectResult(other, [{ method: 'eth_accounts' }], []);
      } finally {
        await other.close();
      }
      await dapp.evaluate(() => { window.__events.accountsChanged.length = 0; });
      await checks.expectResult(dapp, [{ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] }], null);
      await waitUntil(async () => (await events()).accountsChanged.some((a) => a.length === 0), { message: 'accountsChanged([])' });
      assert.deepEqual((await direct('accounts')).result, []);
    });
  });
}
