// A small ERC-20 on anvil for the e2e suites: OpenZeppelin's published ERC20PresetFixedSupply
// (testdata/evm/erc20/, see its README), deployed by anvil's first dev account.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ethers } from 'ethers';
import { ANVIL_URL, DEV_ACCOUNT } from './anvil.mjs';
import { REPO_ROOT } from './paths.mjs';

const ARTIFACT = JSON.parse(readFileSync(join(REPO_ROOT, 'testdata/evm/erc20/ERC20PresetFixedSupply.json'), 'utf8'));
export const ERC20_ABI = ARTIFACT.abi;

/** Deploys `symbol` with `supply` whole tokens (18 decimals) owned by `owner`; returns its address. */
export async function deployToken({ name = 'Test Token', symbol = 'TST', supply = 1_000_000n, owner, url = ANVIL_URL }) {
  const provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const signer = await provider.getSigner(DEV_ACCOUNT);
  const factory = new ethers.ContractFactory(ARTIFACT.abi, ARTIFACT.bytecode, signer);
  const token = await factory.deploy(name, symbol, supply * 10n ** 18n, owner);
  await token.waitForDeployment();
  const address = await token.getAddress();
  provider.destroy();
  return address;
}

/** The token's balance of `holder`, in the smallest unit. */
export async function balanceOf(token, holder, url = ANVIL_URL) {
  const provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true });
  try {
    return await new ethers.Contract(token, ERC20_ABI, provider).balanceOf(holder);
  } finally {
    provider.destroy();
  }
}
