// Formica's background: loads the Rust engine and hands it every message.
// Module service worker on Chromium, module background script on Firefox (one file for both).
// Rules: the wasm is imported statically; no dynamic import() and no top-level await (either
// stops a service worker from starting); every listener is registered synchronously below.
import init, { Engine } from './wasm/formica_core.js';

const ext = globalThis.browser ?? globalThis.chrome;
const extensionOrigin = new URL(ext.runtime.getURL('')).origin;

// Compiled and loaded once per worker life; handlers await it.
const engineReady = init().then(async () => {
  const engine = await Engine.load(ext.storage.local, ext.storage.session);
  engine.setEffects(onEffect);
  return engine;
});

// Approval windows: the engine asks for one when a request needs the user; closing it rejects
// the request (4001). Window ids live here only: after a worker restart the engine's approvals
// are gone too, and the pages' content scripts send their requests again.
const approvalWindows = new Map(); // approval id → window id
async function onEffect({ type, id }) {
  if (type === 'watch_receipts') {
    // Receipts of broadcast transactions are checked every 30 s (the shortest alarm period)
    // until none is pending; alarms survive worker restarts, so nothing stays pending forever.
    ext.alarms.create(RECEIPTS, { periodInMinutes: 0.5 });
  } else if (type === 'open_approval') {
    const win = await ext.windows.create({
      url: ext.runtime.getURL(`popup.html#/approval/${id}`),
      type: 'popup',
      width: 380,
      height: 640,
      focused: true,
    });
    approvalWindows.set(id, win.id);
  } else if (type === 'close_approval') {
    const windowId = approvalWindows.get(id);
    approvalWindows.delete(id);
    if (windowId !== undefined) ext.windows.remove(windowId).catch(() => {});
  }
}

// Auto-lock: every popup command re-arms the alarm while the wallet is unlocked (page requests
// do not: a dApp polling the chain must not keep the wallet open). Alarms survive worker restarts.
const AUTO_LOCK = 'formica-auto-lock';
const RECEIPTS = 'formica-receipts';
function armAutoLock({ unlocked, auto_lock_minutes: minutes }) {
  if (unlocked) ext.alarms.create(AUTO_LOCK, { delayInMinutes: minutes });
  else ext.alarms.clear(AUTO_LOCK);
}

const INTERNAL_ERROR = { code: -32603, message: 'Formica could not start its engine' };

/** Ports of web pages (content scripts), each tagged with its sender's origin. */
const pagePorts = new Set();

function senderOrigin(sender) {
  // Chromium reports sender.origin; Firefox only sender.url.
  if (sender.origin) return sender.origin;
  try {
    return new URL(sender.url).origin;
  } catch {
    return 'null';
  }
}

function broadcast(events) {
  for (const { origin, name, data } of events) {
    for (const port of pagePorts) {
      if (origin == null || port.formicaOrigin === origin) {
        port.postMessage({ event: { name, data } });
      }
    }
  }
}

function acceptPage(port) {
  // The origin is the browser's record of who opened the port, never what the page says.
  port.formicaOrigin = senderOrigin(port.sender);
  pagePorts.add(port);
  port.onDisconnect.addListener(() => pagePorts.delete(port));
  port.onMessage.addListener(async (message) => {
    const id = message?.id;
    let reply;
    try {
      const engine = await engineReady;
      const outcome = await engine.handlePage(port.formicaOrigin, message?.request);
      reply = outcome.reply;
      broadcast(outcome.events);
    } catch {
      reply = { error: INTERNAL_ERROR };
    }
    try {
      port.postMessage({ id, reply });
    } catch {
      // The page went away while we worked; nothing to answer.
    }
  });
}

function acceptUi(port) {
  port.onMessage.addListener(async (message) => {
    const id = message?.id;
    let response;
    try {
      const engine = await engineReady;
      const outcome = await engine.handleUi(message?.request);
      response = outcome.reply;
      broadcast(outcome.events);
      armAutoLock(outcome);
    } catch {
      response = { type: 'error', error: 'unavailable', args: [], detail: INTERNAL_ERROR.message };
    }
    try {
      port.postMessage({ id, response });
    } catch {
      // The popup closed while we worked.
    }
  });
}

ext.runtime.onConnect.addListener((port) => {
  const fromUs = port.sender?.id === ext.runtime.id;
  if (fromUs && port.name === 'formica-page' && port.sender.tab) {
    acceptPage(port);
  } else if (fromUs && port.name === 'formica-ui' && senderOrigin(port.sender) === extensionOrigin) {
    acceptUi(port);
  } else {
    port.disconnect();
  }
});

ext.alarms.onAlarm.addListener(async ({ name }) => {
  if (name === RECEIPTS) {
    const engine = await engineReady;
    const outcome = await engine.pollActivity();
    if (!outcome.reply) ext.alarms.clear(RECEIPTS);
    return;
  }
  if (name !== AUTO_LOCK) return;
  const engine = await engineReady;
  const outcome = await engine.lock();
  broadcast(outcome.events);
});

ext.windows.onRemoved.addListener(async (windowId) => {
  for (const [id, win] of approvalWindows) {
    if (win !== windowId) continue;
    approvalWindows.delete(id);
    const engine = await engineReady;
    const outcome = await engine.handleUi({ type: 'resolve_approval', id, approve: false, accounts: [] });
    broadcast(outcome.events);
  }
});

ext.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') {
    ext.tabs.create({ url: ext.runtime.getURL('popup.html#/onboarding') });
  }
});
