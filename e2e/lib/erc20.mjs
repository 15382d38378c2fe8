// A real ERC-20 on anvil for the e2e suites: OpenZeppelin's audited ERC20PresetFixedSupply
// (npm @openzeppelin/contracts 4.9.6, build/contracts/ERC20PresetFixedSupply.json — the
// compiled artifact OpenZeppelin publishes; solc is not installed here). The whole supply is
// minted to `owner` by the constructor. Deployed from anvil's unlocked dev account.
import { createRequire } from 'node:module';
import { ethers } from 'ethers';
import { ANVIL_URL, DEV_ACCOUNT } from './anvil.mjs';
import { waitUntil } from './wait.mjs';

const require = createRequire(import.meta.url);
const ARTIFACT = require('@openzeppelin/contracts/build/contracts/ERC20PresetFixedSupply.json');

/** The ABI of ERC20PresetFixedSupply (a superset of ERC-20's). */
export const ERC20_ABI = ARTIFACT.abi;

/** Deploys the token and waits until it has code; returns { address, contract }. */
export async function deployErc20({ name = 'Formica Test Token', symbol = 'FTT', supply = 1_000_000n * 10n ** 18n, owner }) {
  const provider = new ethers.JsonRpcProvider(ANVIL_URL, undefined, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 100 });
  const deployer = await provider.getSigner(DEV_ACCOUNT);
  const factory = new ethers.ContractFactory(ARTIFACT.abi, ARTIFACT.bytecode, deployer);
  const contract = await factory.deploy(name, symbol, supply, owner);
  await contract.waitForDeployment();
  const address = await contract.getAddress();
  await waitUntil(async () => (await provider.getCode(address)) !== '0x', { message: `code at ${address}` });
  return { address, contract, provider };
}

/** balanceOf(holder) read straight from anvil (not through the wallet). */
export async function erc20Balance(token, holder) {
  const provider = new ethers.JsonRpcProvider(ANVIL_URL, undefined, { staticNetwork: true });
  return new ethers.Contract(token, ERC20_ABI, provider).balanceOf(holder);
}
