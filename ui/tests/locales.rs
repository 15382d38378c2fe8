//! Every string the popup shows comes from `_locales`: each key the code asks for exists in
//! English and Simplified Chinese, and both catalogs have the same keys and placeholders.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};

fn catalog(locale: &str) -> Map<String, Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../extension/_locales/{locale}/messages.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    match serde_json::from_str(&text).unwrap() {
        Value::Object(map) => map,
        other => panic!("{locale}: not an object: {other}"),
    }
}

/// Keys passed to `t("…")`, `t_args("…"` and `label_key = "…"` in the popup's source.
fn keys_in_source() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in ["t(\"", "t_args(\"", "label_key=\"", "label_key = \""] {
                for (at, _) in text.match_indices(marker) {
                    // `t(` must be the whole identifier (not the end of `create_element(`).
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + marker.len()..];
                    if let Some(key) = rest.split('"').next().filter(|k| !k.is_empty()) {
                        keys.insert(key.to_owned());
                    }
                }
            }
            for piece in text.split("\"strength").skip(1) {
                if let Some(n) = piece
                    .split('"')
                    .next()
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                {
                    keys.insert(format!("strength{n}"));
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_popup_uses_is_translated() {
    let (en, zh) = (catalog("en"), catalog("zh_CN"));
    let mut missing = Vec::new();
    for key in keys_in_source() {
        for (name, cat) in [("en", &en), ("zh_CN", &zh)] {
            if !cat.contains_key(&key) {
                missing.push(format!("{name}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing strings: {missing:?}");
}

#[test]
fn every_engine_error_has_a_string() {
    let en = catalog("en");
    for e in formica_core::api::UiError::ALL.iter().copied() {
        assert!(en.contains_key(e.message_key()), "{}", e.message_key());
    }
}

#[test]
fn both_catalogs_have_the_same_keys_and_placeholders() {
    let (en, zh) = (catalog("en"), catalog("zh_CN"));
    assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>());
    for (key, value) in &en {
        assert_eq!(value.get("placeholders"), zh[key].get("placeholders"), "{key}");
        let message = zh[key]["message"].as_str().unwrap();
        assert!(!message.is_empty(), "{key}");
    }
}

#[test]
fn every_transaction_warning_and_fee_level_has_a_string() {
    use formica_core::api::{FeeChoice, TxWarning};
    let (en, zh) = (catalog("en"), catalog("zh_CN"));
    let keys = TxWarning::ALL.iter().map(|w| w.message_key()).chain(
        [
            FeeChoice::Low,
            FeeChoice::Market,
            FeeChoice::Aggressive,
            FeeChoice::Custom,
        ]
        .map(FeeChoice::message_key),
    );
    for key in keys {
        assert!(en.contains_key(key) && zh.contains_key(key), "{key}");
    }
}
