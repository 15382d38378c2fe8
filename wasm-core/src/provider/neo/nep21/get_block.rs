//! `getBlock(hash | index)` — the node's `getblock` (verbose).

use serde_json::{Value, json};

use crate::chains::neo::UInt256;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(block: Option<&Value>, host: &impl NeoHost) -> Result<Value, NeoError> {
    let key = match block {
        Some(Value::Number(n)) if n.as_u64().is_some() => Value::Number(n.clone()),
        Some(Value::String(s)) if s.parse::<UInt256>().is_ok() => Value::String(s.clone()),
        _ => return Err(NeoError::malformed("getBlock takes a block hash or index")),
    };
    host.rpc("getblock", json!([key, true])).await
}
