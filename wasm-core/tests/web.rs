//! The `bindings` layer in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! JS values in and out, promises, and the `chrome.storage`-shaped storage adapter.
#![cfg(target_arch = "wasm32")]
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use formica_core::bindings::Engine;
use formica_core::storage::StorageArea;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
// A storage area with chrome.storage's promise API and semantics: get(key) resolves to an
// object holding the key only if it is stored; set(items) merges; values are structured-cloned.
export function memoryArea(failWrites) {
  const map = new Map();
  return {
    map,
    async get(key) { return map.has(key) ? { [key]: structuredClone(map.get(key)) } : {}; },
    async set(items) {
      if (failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
    async remove(key) { map.delete(key); },
  };
}
export function request(method, params) { return params === undefined ? { method } : { method, params }; }
export function uncloneable() { return { method: 'eth_chainId', params: [() => 1] }; }
export function stored(area, key) { return area.map.get(key); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = memoryArea)]
    fn memory_area(fail_writes: bool) -> StorageArea;
    fn request(method: &str, params: JsValue) -> JsValue;
    fn uncloneable() -> JsValue;
    fn stored(area: &StorageArea, key: &str) -> JsValue;
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter()
        .fold(value.clone(), |v, key| Reflect::get(&v, &(*key).into()).unwrap())
}

fn ui(kind: &str, chain_id: Option<&str>) -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"type".into(), &kind.into()).unwrap();
    if let Some(id) = chain_id {
        Reflect::set(&o, &"chain_id".into(), &id.into()).unwrap();
    }
    o.into()
}

async fn handle_ui(engine: &Engine, request: JsValue) -> JsValue {
    JsFuture::from(engine.handle_ui(request)).await.unwrap()
}

#[wasm_bindgen_test]
async fn answers_pages_through_js_values() {
    let engine = Engine::load(memory_area(false), memory_area(false)).await;
    let out = JsFuture::from(engine.handle_page(
        "https://dapp.example".into(),
        request("eth_chainId", JsValue::UNDEFINED),
    ))
    .await
    .unwrap();
    assert_eq!(get(&out, &["reply", "result"]).as_string().unwrap(), "0x1");
    assert_eq!(js_sys::Array::from(&get(&out, &["events"])).length(), 0);

    let out = JsFuture::from(engine.handle_page(
        "https://dapp.example".into(),
        request("eth_nope", JsValue::UNDEFINED),
    ))
    .await
    .unwrap();
    assert_eq!(get(&out, &["reply", "error", "code"]).as_f64().unwrap(), 4200.0);
    // Errors reach JS as plain objects, not Maps.
    assert!(get(&out, &["reply", "error", "message"]).is_string());

    let out = JsFuture::from(engine.handle_page("https://dapp.example".into(), uncloneable()))
        .await
        .unwrap();
    assert_eq!(get(&out, &["reply", "error", "code"]).as_f64().unwrap(), -32600.0);
    let out = JsFuture::from(engine.handle_page("https://dapp.example".into(), JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(get(&out, &["reply", "error", "code"]).as_f64().unwrap(), -32600.0);
}

#[wasm_bindgen_test]
async fn network_selection_is_stored_in_the_area_and_survives_a_reload() {
    let area = memory_area(false);
    let engine = Engine::load(area.clone(), memory_area(false)).await;
    let out = handle_ui(&engine, ui("select_network", Some("0x7a69"))).await;
    assert_eq!(get(&out, &["reply", "type"]).as_string().unwrap(), "state");
    assert_eq!(
        get(&out, &["reply", "state", "network", "chain_id"])
            .as_string()
            .unwrap(),
        "0x7a69"
    );
    let event = js_sys::Array::from(&get(&out, &["events"])).get(0);
    assert_eq!(get(&event, &["name"]).as_string().unwrap(), "chainChanged");
    assert_eq!(get(&event, &["data"]).as_string().unwrap(), "0x7a69");
    assert!(get(&event, &["origin"]).is_null());
    assert!(stored(&area, "prefs").as_string().unwrap().contains("0x7a69"));

    let reloaded = Engine::load(area, memory_area(false)).await;
    let out = JsFuture::from(reloaded.handle_page(
        "http://127.0.0.1:1".into(),
        request("net_version", JsValue::UNDEFINED),
    ))
    .await
    .unwrap();
    assert_eq!(get(&out, &["reply", "result"]).as_string().unwrap(), "31337");
}

#[wasm_bindgen_test]
async fn a_failing_storage_write_changes_nothing_and_says_so() {
    let engine = Engine::load(memory_area(true), memory_area(false)).await;
    let out = handle_ui(&engine, ui("select_network", Some("0x7a69"))).await;
    assert_eq!(get(&out, &["reply", "type"]).as_string().unwrap(), "error");
    assert_eq!(get(&out, &["reply", "error"]).as_string().unwrap(), "storage");
    assert!(
        get(&out, &["reply", "detail"])
            .as_string()
            .unwrap()
            .contains("quota")
    );
    let out = JsFuture::from(engine.handle_page(
        "https://a.example".into(),
        request("eth_chainId", JsValue::UNDEFINED),
    ))
    .await
    .unwrap();
    assert_eq!(get(&out, &["reply", "result"]).as_string().unwrap(), "0x1");
}

#[wasm_bindgen_test]
async fn malformed_ui_commands_get_an_error() {
    let engine = Engine::load(memory_area(false), memory_area(false)).await;
    for bad in [
        ui("select_network", Some("7")),
        ui("fly", None),
        JsValue::NULL,
        Function::new_no_args("").into(),
    ] {
        let out = handle_ui(&engine, bad).await;
        assert_eq!(get(&out, &["reply", "type"]).as_string().unwrap(), "error");
    }
}

#[wasm_bindgen_test]
async fn a_wallet_is_created_in_the_browser_with_calibrated_argon2id() {
    let (local, session) = (memory_area(false), memory_area(false));
    let engine = Engine::load(local.clone(), session.clone()).await;
    let request = js_sys::JSON::parse(
        r#"{"type":"import_mnemonic","phrase":"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about","passphrase":"","password":"correct horse battery staple"}"#,
    )
    .unwrap();
    let out = handle_ui(&engine, request).await;
    assert_eq!(
        get(&out, &["reply", "type"]).as_string().unwrap(),
        "state",
        "{:?}",
        get(&out, &["reply"])
    );
    let account = js_sys::Array::from(&get(&out, &["reply", "state", "accounts"])).get(0);
    assert_eq!(
        get(&account, &["evm_address"]).as_string().unwrap(),
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    assert_eq!(get(&out, &["unlocked"]).as_bool(), Some(true));

    // The parameters were calibrated on this machine, never below 64 MiB, and are in the header.
    let head = js_sys::JSON::parse(&stored(&local, "vault:head").as_string().unwrap()).unwrap();
    let slot = if get(&head, &["current"]).as_string().unwrap() == "a" {
        "vault:a"
    } else {
        "vault:b"
    };
    let generation = js_sys::JSON::parse(&stored(&local, slot).as_string().unwrap()).unwrap();
    let m = get(&generation, &["vault", "kdf", "m"]).as_f64().unwrap();
    let t = get(&generation, &["vault", "kdf", "t"]).as_f64().unwrap();
    assert!(m >= 65_536.0 && t >= 2.0, "m = {m} KiB, t = {t}");
    // The session keeps the vault key only: a fresh engine on the same areas is unlocked.
    assert!(stored(&session, "session:vault-key").is_string());
    let again = Engine::load(local, session).await;
    let out = handle_ui(&again, ui("get_state", None)).await;
    assert_eq!(get(&out, &["reply", "state", "unlocked"]).as_bool(), Some(true));
}
