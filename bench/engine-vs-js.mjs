// The engine's code paths beside the JS libraries, in one page of headless Chromium (no
// extension): k256 signing in wasm vs @noble/curves, and 100 HD accounts in wasm vs @scure.
// Needs the bench build of the engine (feature `bench-exports`) in target/bench/wasm, which
// scripts/bench makes. Called by bench/browser.mjs; returns raw samples (ms).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../e2e/node_modules/esbuild/lib/main.js';
import { launchChromium } from '../e2e/lib/chromium.mjs';
import { REPO_ROOT } from '../e2e/lib/paths.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const WASM_DIR = join(REPO_ROOT, 'target/bench/wasm');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

async function bundle() {
  const result = await build({
    entryPoints: [join(BENCH_DIR, 'engine-vs-js/page.mjs')],
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    target: ['chrome120'],
    external: ['./wasm/formica_core.js'],
    nodePaths: [join(BENCH_DIR, 'node_modules')],
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

async function serve(pageJs) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    try {
      let body;
      if (path === '/') body = '<!doctype html><meta charset="utf-8"><title>engine vs JS</title><script type="module" src="/page.js"></script>';
      else if (path === '/page.js') body = pageJs;
      else if (path.startsWith('/wasm/')) body = await readFile(join(WASM_DIR, normalize(path.slice('/wasm/'.length)).replace(/^(\.\.[/\\])+/, '')));
      else throw new Error('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.close(r); }) };
}

/** Runs both comparisons; resolves to `{ signing: {k256, noble}, hd: {engine, scure} }`. */
export async function engineVsJs({ signCount = 200, signRuns = 10, hdRuns = 5 } = {}) {
  const server = await serve(await bundle());
  const session = await launchChromium({ extension: false });
  try {
    const page = await session.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.formicaBench);
    await page.evaluate(() => window.formicaBench.ready());
    const signing = await page.evaluate((a) => window.formicaBench.signing(a), { count: signCount, runs: signRuns });
    const hd = await page.evaluate((a) => window.formicaBench.hdAccounts(a), { count: 100, runs: hdRuns });
    return { signing, hd, config: { signCount, signRuns, hdRuns } };
  } finally {
    await session.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await engineVsJs(), null, 1));
}
