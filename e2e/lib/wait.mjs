// Waiting on conditions. Tests never sleep for a fixed time: they poll a condition until a
// deadline and fail with a message saying what did not happen.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `condition` (sync or async) until it returns a truthy value, and returns that value.
 * Throws `Error(message)` when `timeout` ms pass first. Exceptions thrown by `condition`
 * count as "not yet"; the last one is attached as `cause`.
 */
export async function waitUntil(condition, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${message}`, { cause: lastError });
    }
    await delay(interval);
  }
}

/** Rejects with `Error(message)` if `promise` has not settled within `timeout` ms. */
export async function withTimeout(promise, timeout, message) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms: ${message}`)), timeout);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
