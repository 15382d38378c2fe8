// The demo dApp's script (bundled by dapp/bundle.mjs). It exposes the real libraries on
// `window` — tests drive them with page.evaluate — and wires the demo page's buttons.
// Nothing here touches a provider on load except EIP-6963 discovery, so tests see the
// provider exactly as the extension left it.
import * as ethers from 'ethers';
import { createPublicClient, createWalletClient, custom } from 'viem';
import { createStore } from 'mipd';
import { LIBRARIES } from './libraries.mjs';

window.ethers = ethers;
window.viem = { createPublicClient, createWalletClient, custom };
window.mipd = { createStore };
window.formicaLibs = LIBRARIES;

const $ = (id) => document.getElementById(id);

function log(text, kind = 'info') {
  const out = $('log');
  if (!out) return;
  const line = document.createElement('li');
  line.className = kind;
  line.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  out.prepend(line);
}

function describeError(err) {
  if (err && typeof err === 'object') {
    const code = err.code ?? err.error?.code ?? err.info?.error?.code;
    const message = err.shortMessage ?? err.message ?? err.error?.message;
    return code === undefined ? String(message) : `${message} (code ${code})`;
  }
  return String(err);
}

/** Provider the demo talks to: the wallet picked in the EIP-6963 list, else window.ethereum. */
let selected = null;
function currentProvider() {
  return selected?.provider ?? window.ethereum;
}

let listening = null;
function listen(provider) {
  if (listening === provider || typeof provider?.on !== 'function') return;
  listening = provider;
  provider.on('chainChanged', (chainId) => {
    $('chain-id').textContent = `${chainId} (${Number.parseInt(chainId, 16)})`;
    log(`chainChanged ${chainId}`);
  });
  provider.on('accountsChanged', (accounts) => {
    $('accounts').textContent = accounts.length ? accounts.join(', ') : '—';
    log(`accountsChanged ${JSON.stringify(accounts)}`);
  });
}

async function readChainId() {
  const provider = currentProvider();
  if (!provider) return log('No wallet found on this page.', 'error');
  listen(provider);
  try {
    const network = await new ethers.BrowserProvider(provider).getNetwork();
    const viemId = await createPublicClient({ transport: custom(provider) }).getChainId();
    $('chain-id').textContent = `0x${network.chainId.toString(16)} (${network.chainId})`;
    log(`chain id: ethers ${network.chainId}, viem ${viemId}`);
  } catch (err) {
    log(`reading the chain id failed: ${describeError(err)}`, 'error');
  }
}

async function connect() {
  const provider = currentProvider();
  if (!provider) return log('No wallet found on this page.', 'error');
  listen(provider);
  try {
    const accounts = await provider.request({ method: 'eth_requestAccounts' });
    $('accounts').textContent = accounts.length ? accounts.join(', ') : '—';
    log(`connected: ${accounts.join(', ')}`);
  } catch (err) {
    log(`connect failed: ${describeError(err)}`, 'error');
  }
}

function renderWallets(details) {
  const list = $('wallets');
  list.replaceChildren();
  if (!details.length) {
    const empty = document.createElement('li');
    empty.textContent = 'No wallet announced itself (EIP-6963).';
    list.append(empty);
    return;
  }
  for (const detail of details) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'wallet';
    radio.checked = selected?.info.uuid === detail.info.uuid;
    radio.addEventListener('change', () => {
      selected = detail;
      log(`using ${detail.info.name} (${detail.info.rdns})`);
    });
    const icon = document.createElement('img');
    icon.src = detail.info.icon;
    icon.alt = '';
    icon.width = icon.height = 24;
    const name = document.createElement('span');
    name.textContent = `${detail.info.name} — ${detail.info.rdns}`;
    label.append(radio, icon, name);
    item.append(label);
    list.append(item);
  }
}

function start() {
  $('connect').addEventListener('click', connect);
  $('read-chain').addEventListener('click', readChainId);
  $('injected').textContent = window.ethereum
    ? window.ethereum.isFormica ? 'Formica' : 'another wallet'
    : 'none';
  const store = createStore();
  renderWallets(store.getProviders());
  store.subscribe(renderWallets);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
