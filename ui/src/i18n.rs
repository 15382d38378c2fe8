//! Localized strings. Every user-facing string is a key in `extension/_locales/*/messages.json`;
//! the browser picks the language (en, zh_CN) from its UI locale.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(name: &str) -> String;
}

/// The localized string for `key`; the key itself if the catalog lacks it, so a missing
/// string is visible rather than blank.
pub fn t(key: &str) -> String {
    let text = get_message(key);
    if text.is_empty() { key.to_owned() } else { text }
}
