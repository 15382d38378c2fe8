// A real local chain for the e2e suites: anvil (from the npm package @foundry-rs/anvil, installed
// in scripts/ by scripts/setup) on 127.0.0.1:8545, chain id 31337 — the address of Formica's
// built-in "Localhost 8545" network.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { waitUntil } from './wait.mjs';

export const ANVIL_URL = 'http://127.0.0.1:8545';
/** anvil's first dev account (mnemonic "test test … junk"), funded with 10,000 ETH. */
export const DEV_ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BIN = join(REPO_ROOT, 'scripts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');

export async function rpc(method, params = []) {
  return rpcAt(ANVIL_URL, method, params);
}

/** A JSON-RPC call to the node at `url`. */
export async function rpcAt(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Starts anvil and resolves once it answers; `stop()` ends it. Fails if the port is taken.
 * Another `port` and `chainId` give a second chain (e.g. 8546 / 31338); `url` is its endpoint.
 */
export async function startAnvil({ port = 8545, chainId = 31337 } = {}) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(chainId), '--silent'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = null;
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('exit', (code) => { exited = code; });
  await waitUntil(async () => {
    if (exited !== null) throw new Error(`anvil exited with ${exited}: ${stderr}`);
    try {
      return (await rpcAt(url, 'eth_chainId')) === `0x${chainId.toString(16)}`;
    } catch {
      return false;
    }
  }, { timeout: 20_000, message: `anvil to answer on 127.0.0.1:${port}` });
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (exited !== null) return resolve();
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
