//! [`Http`] over the browser's `fetch`, with a timeout (`AbortSignal.timeout`).

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{Http, HttpError};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch(url: &str, init: &Object) -> Promise;

    type Response;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Response) -> bool;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Response) -> u16;
    #[wasm_bindgen(method)]
    fn text(this: &Response) -> Promise;

    #[wasm_bindgen(js_namespace = AbortSignal, js_name = timeout)]
    fn abort_after(ms: u32) -> JsValue;
}

/// `fetch` with a per-request timeout.
#[derive(Clone, Copy, Debug)]
pub struct FetchHttp {
    /// Seconds before a request is abandoned.
    pub timeout_seconds: u32,
}

impl Default for FetchHttp {
    fn default() -> Self {
        Self { timeout_seconds: 15 }
    }
}

fn set(o: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(o, &key.into(), value);
}

#[async_trait::async_trait(?Send)]
impl Http for FetchHttp {
    async fn post_json(&self, url: &str, body: &str) -> Result<String, HttpError> {
        let headers = Object::new();
        set(&headers, "content-type", &"application/json".into());
        let init = Object::new();
        set(&init, "method", &"POST".into());
        set(&init, "headers", &headers);
        set(&init, "body", &body.into());
        set(
            &init,
            "signal",
            &abort_after(self.timeout_seconds.saturating_mul(1000)),
        );
        let response = JsFuture::from(fetch(url, &init)).await.map_err(|e| {
            let name = Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "TimeoutError" || name == "AbortError" {
                HttpError::Timeout {
                    url: url.to_owned(),
                    seconds: self.timeout_seconds,
                }
            } else {
                HttpError::Unreachable {
                    url: url.to_owned(),
                    reason: js_sys::Error::from(e).message().into(),
                }
            }
        })?;
        let response: Response = response.unchecked_into();
        if !response.ok() {
            return Err(HttpError::Status {
                url: url.to_owned(),
                status: response.status(),
            });
        }
        let text = JsFuture::from(response.text())
            .await
            .map_err(|e| HttpError::Unreachable {
                url: url.to_owned(),
                reason: js_sys::Error::from(e).message().into(),
            })?;
        Ok(text.as_string().unwrap_or_default())
    }
}
