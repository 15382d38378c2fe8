// Where things are, for every e2e module. Paths are absolute so the suites work from any cwd.
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The e2e/ folder. */
export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const REPO_ROOT = resolve(E2E_DIR, '..');
/**
 * The built extensions (`./scripts/build`): dist/chrome and dist/firefox. FORMICA_DIST points
 * the suites at another folder with the same layout (e.g. a deliberately broken copy, to check
 * that a test fails when the behaviour it covers breaks).
 */
export const DIST_DIR = process.env.FORMICA_DIST ? resolve(process.env.FORMICA_DIST) : join(REPO_ROOT, 'dist');
/** Built extension for Chromium. */
export const DIST_CHROME = join(DIST_DIR, 'chrome');
/** Built extension for Firefox. */
export const DIST_FIREFOX = join(DIST_DIR, 'firefox');
/** Generated files (the dApp bundle); gitignored. */
export const BUILD_DIR = join(E2E_DIR, '.build');
/** Screenshots and other test artifacts; gitignored, kept by CI. */
export const ARTIFACTS_DIR = join(E2E_DIR, 'artifacts');

/** Chromium extension id, fixed by the manifest's `key`. */
export const CHROME_EXTENSION_ID = 'hchbmbaljlakcnlkehfeoaffkfkbfjef';
/** Firefox add-on id (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'wallet@formica.app';

/** Returns the absolute path of an artifact file, creating the folder if needed. */
export function artifactPath(name) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/**
 * Returns the `message` of a key in the built extension's `_locales/<locale>/messages.json`,
 * so tests compare against the shipped strings instead of hard-coding them.
 */
export function localeMessage(locale, key, distDir = DIST_CHROME) {
  const file = join(distDir, '_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  const entry = messages[key];
  if (!entry || typeof entry.message !== 'string') {
    throw new Error(`${file} has no message for key ${key}`);
  }
  return entry.message;
}
