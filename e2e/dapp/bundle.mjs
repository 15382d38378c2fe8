// Builds the demo dApp's one script: the real ethers v6, viem and mipd, exposed on `window`,
// plus the demo page's own wiring (dapp/app.mjs). Output: e2e/.build/dapp.js (gitignored).
import { build } from 'esbuild';
import { join } from 'node:path';
import { BUILD_DIR, E2E_DIR } from '../lib/paths.mjs';

/** Absolute path of the bundle the demo page loads as `/dapp.js`. */
export const BUNDLE_FILE = join(BUILD_DIR, 'dapp.js');

/** Bundles e2e/dapp/app.mjs into BUNDLE_FILE (≈ 1 s) and returns its path. */
export async function buildDappBundle() {
  await build({
    entryPoints: [join(E2E_DIR, 'dapp', 'app.mjs')],
    outfile: BUNDLE_FILE,
    absWorkingDir: E2E_DIR,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120', 'firefox128'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return BUNDLE_FILE;
}
