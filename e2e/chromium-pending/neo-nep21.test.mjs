// Chromium, pending: NEP-21 behaviour the NEO dAPI does not have yet. Same session as
// chromium/neo.test.mjs (e2e/lib/neo-session.mjs). Each test here fails today for the reason in
// its comment; it moves to chromium/ once it passes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { u, wallet } from '@cityofzion/neon-core';
import { withApproval } from '../lib/neo-flows.mjs';
import { MAGIC, ME, startNeoSession } from '../lib/neo-session.mjs';
import { authenticationSignData } from '../lib/neo-verify.mjs';
import { waitUntil } from '../lib/wait.mjs';

let ctx;
before(async () => {
  ctx = await startNeoSession();
}, { timeout: 120_000 });
after(() => ctx?.close());

const info = () => ctx.nep21.evaluate(() => window.nep21Dapp.info());
const approve = (key, method, args, options) => withApproval(ctx.session, ctx.nep21, key,
  (page) => page.evaluate(([k, m, a]) => window.nep21Dapp.start(k, m, a), [key, method, args]), options);

// NEP-21: `network` "Indicates the network currently in use", `supportedNetworks` "the networks
// supported by this provider". Today inpage.js fixes them at MainNet and [MainNet, TestNet]
// until a networkchanged event arrives.
test('NEP-21 provider.network is the wallet\'s current (custom) network from the first announcement', { timeout: 30_000 }, async () => {
  await waitUntil(info, { timeout: 10_000, message: 'a NEP-21 provider' });
  const p = await info();
  assert.equal(p.network, MAGIC);
  assert.ok(p.supportedNetworks.includes(MAGIC), JSON.stringify(p.supportedNetworks));
});

// NEP-21's authenticate (NEP-20 challenge/response). Today: UNSUPPORTED.
test('authenticate: the NEP-20 response verifies over network ‖ nonce ‖ timestamp ‖ script hash', { timeout: 60_000 }, async () => {
  await waitUntil(info, { timeout: 10_000, message: 'a NEP-21 provider' });
  const connected = await approve('n21-acct', 'getAccounts', []);
  assert.equal(connected.ok, true, JSON.stringify(connected));
  const challenge = {
    action: 'Authentication',
    grant_type: 'Signature',
    allowed_algorithms: ['ECDSA-P256'],
    networks: [MAGIC],
    nonce: BigInt(`0x${u.ab2hexstring(u.generateRandomArray(8))}`).toString(),
    timestamp: Math.floor(Date.now() / 1000),
  };
  const out = await approve('n21-auth', 'authenticate', [challenge]);
  assert.equal(out.ok, true, JSON.stringify(out));
  const r = out.result;
  assert.equal(r.algorithm, 'ECDSA-P256');
  assert.equal(r.network, MAGIC);
  assert.equal(r.pubkey, ME.publicKey);
  assert.equal(r.address, ME.address);
  assert.equal(r.nonce, challenge.nonce);
  const data = authenticationSignData({ network: r.network, nonce: r.nonce, timestamp: r.timestamp, scriptHash: ME.scriptHash });
  assert.equal(wallet.verify(data, u.base642hex(r.signature), r.pubkey), true, 'authentication signature verifies');
});
