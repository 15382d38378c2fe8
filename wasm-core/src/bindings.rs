//! The `#[wasm_bindgen]` entry points `background.js` calls. Nothing else touches JS values,
//! and errors cross into JS here only.

use std::rc::Rc;

use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::api::UiRequest;
use crate::engine::{self, KdfPolicy};
use crate::net::FetchHttp;
use crate::storage::{ChromeStorage, StorageArea};

/// Serializes maps as plain objects, so JS sees `{code, message}`, not `Map`s.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// The engine as `background.js` sees it.
#[wasm_bindgen]
pub struct Engine {
    inner: Rc<engine::Engine<ChromeStorage>>,
}

#[wasm_bindgen]
impl Engine {
    /// Rebuilds the engine from `local` (`chrome.storage.local`) and `session`
    /// (`chrome.storage.session`).
    pub async fn load(local: StorageArea, session: StorageArea) -> Engine {
        let http = Rc::new(FetchHttp::default());
        let engine = engine::Engine::load(
            ChromeStorage::new(local),
            ChromeStorage::new(session),
            http,
            KdfPolicy::PRODUCT,
        )
        .await;
        Engine {
            inner: Rc::new(engine),
        }
    }

    /// Locks the wallet (the auto-lock alarm fired). Resolves to an outcome like `handleUi`'s.
    pub fn lock(&self) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move { to_js(&inner.lock().await) })
    }

    /// Checks the receipts of pending transactions (the receipts alarm fired). Resolves to an
    /// outcome whose `reply` says whether any transaction is still pending.
    #[wasm_bindgen(js_name = pollActivity)]
    pub fn poll_activity(&self) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move { to_js(&inner.poll_activity().await) })
    }

    /// Sends the engine's effects to `callback`, called with `{type: "open_approval", id}`,
    /// `{type: "close_approval", id}` or `{type: "watch_receipts"}`.
    #[wasm_bindgen(js_name = setEffects)]
    pub fn set_effects(&self, callback: js_sys::Function) {
        self.inner.set_effects(Box::new(move |effect| {
            if let Ok(value) = to_js(&effect) {
                // A throwing callback is background.js's bug; the engine goes on.
                let _ = callback.call1(&JsValue::NULL, &value);
            }
        }));
    }

    /// Answers a page's provider request. `origin` must come from the port's sender.
    /// Resolves to `{reply: {result} | {error: {code, message, data?}}, events: [...]}`; a
    /// request that needs the user resolves when they answer.
    #[wasm_bindgen(js_name = handlePage)]
    pub fn handle_page(&self, origin: String, request: JsValue) -> Promise {
        // A value the JSON model cannot hold (a function, a symbol, a cycle) is simply not a
        // request: `Null` makes the pipeline answer -32600.
        let request = serde_wasm_bindgen::from_value(request).unwrap_or(serde_json::Value::Null);
        let inner = self.inner.clone();
        future_to_promise(async move { to_js(&inner.handle_page(&origin, &request).await) })
    }

    /// Answers a popup command. Resolves to
    /// `{reply: UiResponse, events: [...], unlocked, auto_lock_minutes}`.
    #[wasm_bindgen(js_name = handleUi)]
    pub fn handle_ui(&self, request: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let outcome = match serde_wasm_bindgen::from_value::<UiRequest>(request) {
                Ok(request) => inner.handle_ui(request).await,
                Err(e) => inner.malformed(format!("malformed command: {e}")),
            };
            to_js(&outcome)
        })
    }
}
