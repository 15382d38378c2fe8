//! `getStorage` — `{scriptHash, key, keyEncoding?}` (`utf8` by default, `hex` or `base64`);
//! answers `{result}`: the node's base64 value, or `null` for a key that is not there.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::provider::neo::tx;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let hash = tx::parse_hash(params.get("scriptHash"), "scriptHash")?;
    let key = params
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| NeoError::malformed("key must be a string"))?;
    let key = match params.get("keyEncoding").and_then(Value::as_str) {
        Some("base64") => {
            STANDARD
                .decode(key)
                .map_err(|_| NeoError::malformed("key is not base64"))?;
            key.to_owned()
        }
        Some("hex") => STANDARD.encode(hex::decode(key).map_err(|_| NeoError::malformed("key is not hex"))?),
        None | Some("utf8") => STANDARD.encode(key.as_bytes()),
        Some(other) => return Err(NeoError::malformed(format!("unknown keyEncoding {other}"))),
    };
    match host.rpc("getstorage", json!([hash.to_string(), key])).await {
        Ok(value) => Ok(json!({"result": value})),
        // Neo answers an error for a key that is not there; NeoLine answers null.
        Err(e) if e.description.to_ascii_lowercase().contains("unknown storage") => {
            Ok(json!({"result": null}))
        }
        Err(e) => Err(e),
    }
}
