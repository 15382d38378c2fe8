// A tiny static server for the demo dApp: e2e/dapp/ plus the bundle at /dapp.js.
// Used by the e2e suites (port 0: the OS picks a free one) and by `scripts/run`:
//   node e2e/dapp/serve.mjs --port 8080
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { E2E_DIR } from '../lib/paths.mjs';
import { BUNDLE_FILE, buildDappBundle } from './bundle.mjs';

const DAPP_DIR = join(E2E_DIR, 'dapp');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// Only these are served from dapp/; the server's own source files are not.
const PUBLIC = new Set(['index.html', 'style.css', 'neoline.html', 'neoline.js', 'nep21.html', 'nep21.js']);

function fileFor(pathname) {
  if (pathname === '/' || pathname === '/index.html') return join(DAPP_DIR, 'index.html');
  if (pathname === '/dapp.js') return BUNDLE_FILE;
  if (pathname === '/dapp.js.map') return `${BUNDLE_FILE}.map`;
  const name = normalize(pathname.slice(1));
  if (name.includes(sep) || !PUBLIC.has(name)) return null;
  return join(DAPP_DIR, name);
}

/**
 * Builds the dApp bundle, then serves the demo dApp on http://127.0.0.1:<port>/.
 * `port: 0` (the default) lets the OS choose a free port.
 * Resolves to `{ url, port, close }`; `url` ends with a slash.
 */
export async function startDappServer({ port = 0, host = '127.0.0.1', build = true } = {}) {
  if (build) await buildDappBundle();
  const server = createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(pathname) : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port ${values.port}`);
    process.exit(2);
  }
  const { url, close } = await startDappServer({ port, host: values.host });
  console.log(`Formica demo dApp: ${url}`);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
