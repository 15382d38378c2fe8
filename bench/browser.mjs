// The in-browser benchmarks: Formica (dist/chrome) and the JS-only floor extension
// (bench/floor-extension), each in its own headless Chromium launch, alternating over
// `--rounds` rounds so that drift on this noisy machine hits both alike. One browser at a time.
//
//   node bench/browser.mjs --out target/bench/browser.json [--rounds 2]
//
// Writes raw samples (ms) to --out; bench/report.mjs turns them into BENCHMARKS.md.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDapp } from '../e2e/lib/checks.mjs';
import { DIST_CHROME } from '../e2e/lib/paths.mjs';
import { ABANDON, ABANDON_ADDRESS, PASSWORD, importMnemonic } from '../e2e/lib/vault-flows.mjs';
import { startDappServer } from '../e2e/dapp/serve.mjs';
import { BenchExtension } from './lib/extension.mjs';
import * as side from './lib/page-side.mjs';
import { median } from './lib/stats.mjs';
import { engineVsJs } from './engine-vs-js.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const FLOOR_DIR = join(BENCH_DIR, 'floor-extension');
const HASH_WASM_ARGON2 = join(BENCH_DIR, 'node_modules/hash-wasm/dist/argon2.umd.min.js');

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    rounds: { type: 'string', default: '2' },
  },
});
if (!args.out) {
  console.error('usage: node bench/browser.mjs --out FILE [--rounds N]');
  process.exit(2);
}
const ROUNDS = Number(args.rounds);

// Per round and per extension. Totals over the default 2 rounds: 10 popup opens of each
// kind, 10 unlocks, 2 × 1,000 sequential calls, 10 concurrent batches, 10 cold starts.
const POPUP_RUNS = 5;
const UNLOCK_RUNS = 5;
const HASH_WASM_REF_RUNS = 3;
const SEQ_RUNS = 1;
const SEQ_CALLS = 1_000;
const SEQ_WARMUP = 100;
const SEQ_BATCH = 10;
const CONC_RUNS = 5;
const CONC_CALLS = 1_000;
const COLD_RUNS = 5;

const log = (msg) => console.log(`[bench] ${msg}`);

const results = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    loadavgStart: loadavg(),
  },
  config: {
    hashWasmVersion: JSON.parse(readFileSync(join(BENCH_DIR, 'node_modules/hash-wasm/package.json'), 'utf8')).version,
    ROUNDS, POPUP_RUNS, UNLOCK_RUNS, SEQ_RUNS, SEQ_CALLS, SEQ_WARMUP, SEQ_BATCH, CONC_RUNS, CONC_CALLS, COLD_RUNS,
  },
  // One entry per Formica launch: the parameters its import calibrated, and the samples taken
  // with them (calibration follows the machine's load, so launches can differ).
  unlock: [],
  hashwasmRef: { default: [], floor: [] },
  popup: { formicaOnboarding: [], formicaHome: [], floorStatic: [] },
  provider: {
    formica: { sequential: [], sequentialBatches: [], sequentialRunMedians: [], concurrentMs: [] },
    floor: { sequential: [], sequentialBatches: [], sequentialRunMedians: [], concurrentMs: [] },
  },
  coldStart: { formicaNoWallet: [], formicaUnlocked: [], floor: [] },
};

async function popups(ext, selector, into, runs = POPUP_RUNS) {
  for (let i = 0; i < runs; i++) into.push(await ext.timePopup(selector));
}

async function provider(ext, dappUrl, into) {
  const page = await ext.context.newPage();
  try {
    await openDapp(page, dappUrl);
    for (let i = 0; i < SEQ_RUNS; i++) {
      const stamps = await page.evaluate(side.sequentialChainId, { calls: SEQ_CALLS, warmup: SEQ_WARMUP, expected: '0x1' });
      // Per call (0.1 ms resolution: for the tail), and per call averaged over consecutive
      // batches of SEQ_BATCH calls (0.01 ms resolution: for the median).
      const batches = [];
      for (let i = 0; i + SEQ_BATCH < stamps.length; i += SEQ_BATCH) {
        batches.push((stamps[i + SEQ_BATCH] - stamps[i]) / SEQ_BATCH);
      }
      into.sequential.push(...stamps.slice(1).map((t, i) => t - stamps[i]));
      into.sequentialBatches.push(...batches);
      into.sequentialRunMedians.push(median(batches));
    }
    for (let i = 0; i < CONC_RUNS; i++) {
      into.concurrentMs.push(await page.evaluate(side.concurrentChainId, { calls: CONC_CALLS, expected: '0x1' }));
    }
  } finally {
    await page.close();
  }
}

/**
 * Cold starts: for each run, a fresh dApp tab (its provider holds no port, and no other tab is
 * open, so nothing can wake the worker early), the worker force-stopped, then one eth_chainId
 * timed in the page from the send to the answer.
 */
async function coldStarts(ext, dappUrl, into) {
  await ext.closeAllPages();
  for (let i = 0; i < COLD_RUNS; i++) {
    const page = await ext.context.newPage();
    try {
      await openDapp(page, dappUrl);
      const stop = await ext.stopWorker(page);
      try {
        if (stop.running()) throw new Error(`${ext.label}'s worker woke up before the timed request`);
        into.push(await page.evaluate(side.timedChainId, { expected: '0x1' }));
        await stop.restarted();
      } finally {
        await stop.detach();
      }
    } finally {
      await page.close();
    }
  }
}

async function formicaRound(round, dappUrl) {
  log(`round ${round}: Formica (dist/chrome)`);
  const ext = await BenchExtension.launch('Formica', DIST_CHROME);
  try {
    results.machine.chromium ??= await ext.browserVersion();
    // The install opens the onboarding tab by itself; wait for it, so that it cannot open in
    // the middle of a measurement, and close it.
    await (await ext.session.onboardingTab()).close();

    log('  popup → onboarding (create-wallet visible)');
    await popups(ext, '[data-testid="create-wallet"]', results.popup.formicaOnboarding);
    log('  worker cold start → eth_chainId, no wallet yet');
    await coldStarts(ext, dappUrl, results.coldStart.formicaNoWallet);

    log('  import "abandon … about" through the popup (argon2id calibrates here)');
    const page = await ext.openPage('popup.html');
    const address = await importMnemonic(page, ABANDON, PASSWORD);
    if (address !== ABANDON_ADDRESS) throw new Error(`import showed ${address}, expected ${ABANDON_ADDRESS}`);
    const kdf = await page.evaluate(side.readVaultKdf);
    log(`  calibrated: ${JSON.stringify(kdf)}`);
    const samples = { kdf, formica: [], hashwasm: [], pbkdf2: [] };
    results.unlock.push(samples);

    log('  unlock (engine, worker) vs hash-wasm argon2id vs WebCrypto PBKDF2, same page');
    await page.evaluate(readFileSync(HASH_WASM_ARGON2, 'utf8'));
    if (!(await page.evaluate(() => typeof globalThis.hashwasm?.argon2id === 'function'))) {
      throw new Error('hash-wasm did not load in the extension page');
    }
    await page.evaluate(side.openUiPort);
    const names = ['unlock', 'argon2', 'pbkdf2'];
    for (let i = 0; i < UNLOCK_RUNS; i++) {
      const k = (i + round) % names.length;
      const order = [...names.slice(k), ...names.slice(0, k)];
      const r = await page.evaluate(side.unlockRound, { password: PASSWORD, m: kdf.m, t: kdf.t, p: kdf.p, order });
      samples.formica.push(r.unlock);
      samples.hashwasm.push(r.argon2);
      samples.pbkdf2.push(r.pbkdf2);
    }
    for (let i = 0; i < HASH_WASM_REF_RUNS; i++) {
      results.hashwasmRef.default.push(await page.evaluate(side.hashWasmArgon2, { m: 64 * 1024, t: 3, p: 1 }));
      results.hashwasmRef.floor.push(await page.evaluate(side.hashWasmArgon2, { m: 19 * 1024, t: 2, p: 1 }));
    }
    await page.close();

    log('  popup → home (account-address visible), unlocked');
    await popups(ext, '[data-testid="account-address"]', results.popup.formicaHome);
    log(`  provider: ${SEQ_CALLS} sequential + ${CONC_RUNS} × ${CONC_CALLS} concurrent eth_chainId`);
    await provider(ext, dappUrl, results.provider.formica);
    log('  worker cold start → eth_chainId, wallet unlocked (session restore)');
    await coldStarts(ext, dappUrl, results.coldStart.formicaUnlocked);
  } finally {
    await ext.close();
  }
}

async function floorRound(round, dappUrl) {
  log(`round ${round}: floor (bench/floor-extension)`);
  const ext = await BenchExtension.launch('floor', FLOOR_DIR);
  try {
    log('  popup (static HTML)');
    await popups(ext, '[data-testid="floor-ready"]', results.popup.floorStatic);
    log(`  provider: ${SEQ_CALLS} sequential + ${CONC_RUNS} × ${CONC_CALLS} concurrent eth_chainId`);
    await provider(ext, dappUrl, results.provider.floor);
    log('  worker cold start → eth_chainId');
    await coldStarts(ext, dappUrl, results.coldStart.floor);
  } finally {
    await ext.close();
  }
}

const server = await startDappServer();
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first, so neither always gets the fresher machine.
    if (round % 2) {
      await formicaRound(round, server.url);
      await floorRound(round, server.url);
    } else {
      await floorRound(round, server.url);
      await formicaRound(round, server.url);
    }
  }
} finally {
  await server.close();
}
log('engine vs JS in one page: k256 vs @noble/curves signing, 100 HD accounts vs @scure');
results.engineVsJs = await engineVsJs();
results.machine.loadavgEnd = loadavg();
const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
log(`wrote ${out}`);
