//! [`Storage`] over a `chrome.storage` area (`chrome.storage.local` / `.session`), or any JS
//! object with the same promise-returning `get`/`set`/`remove` (Firefox's `browser.storage`).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{Storage, StorageError};

#[wasm_bindgen]
extern "C" {
    /// A `chrome.storage.StorageArea`.
    #[derive(Clone, Debug)]
    pub type StorageArea;

    #[wasm_bindgen(method, catch)]
    fn get(this: &StorageArea, keys: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn set(this: &StorageArea, items: &Object) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn remove(this: &StorageArea, keys: &JsValue) -> Result<Promise, JsValue>;
}

/// [`Storage`] backed by a [`StorageArea`].
#[derive(Clone, Debug)]
pub struct ChromeStorage {
    area: StorageArea,
}

impl ChromeStorage {
    /// Wraps a storage area handed over by `background.js`.
    pub fn new(area: StorageArea) -> Self {
        Self { area }
    }
}

fn backend(operation: &'static str) -> impl Fn(JsValue) -> StorageError {
    move |e| StorageError::Backend {
        operation,
        reason: js_sys::Error::from(e).message().into(),
    }
}

async fn settle(operation: &'static str, promise: Result<Promise, JsValue>) -> Result<JsValue, StorageError> {
    JsFuture::from(promise.map_err(backend(operation))?)
        .await
        .map_err(backend(operation))
}

#[async_trait::async_trait(?Send)]
impl Storage for ChromeStorage {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let items = settle("get", self.area.get(&JsValue::from_str(key))).await?;
        let value = Reflect::get(&items, &JsValue::from_str(key)).map_err(backend("get"))?;
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| StorageError::NotText { key: key.to_owned() })
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let items = Object::new();
        Reflect::set(&items, &JsValue::from_str(key), &JsValue::from_str(value)).map_err(backend("set"))?;
        settle("set", self.area.set(&items)).await.map(drop)
    }

    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        settle("remove", self.area.remove(&JsValue::from_str(key)))
            .await
            .map(drop)
    }
}
