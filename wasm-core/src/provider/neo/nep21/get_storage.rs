//! `getStorage(hash, key)` — `key` in base64; the node's `getstorage` answer as it is.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    hash: Option<&Value>,
    key: Option<&Value>,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let hash = tx::parse_hash(hash, "hash")?;
    let key = key
        .and_then(Value::as_str)
        .filter(|k| STANDARD.decode(k).is_ok())
        .ok_or_else(|| NeoError::malformed("key must be base64"))?;
    host.rpc("getstorage", json!([hash.to_string(), key])).await
}
