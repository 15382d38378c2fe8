//! Localized strings. Every user-facing string is a key in `extension/_locales/*/messages.json`;
//! the browser picks the language (en, zh_CN) from its UI locale.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(name: &str) -> String;
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message_with(name: &str, substitutions: js_sys::Array) -> String;
}

/// The localized string for `key`; the key itself if the catalog lacks it, so a missing
/// string is visible rather than blank.
pub fn t(key: &str) -> String {
    let text = get_message(key);
    if text.is_empty() { key.to_owned() } else { text }
}

/// The localized string for `key` with `args` substituted for its placeholders (`$1`, …).
pub fn t_args(key: &str, args: &[String]) -> String {
    let subs: js_sys::Array = args.iter().map(|a| wasm_bindgen::JsValue::from_str(a)).collect();
    let text = get_message_with(key, subs);
    if text.is_empty() { key.to_owned() } else { text }
}
