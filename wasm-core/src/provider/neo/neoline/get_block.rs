//! `getBlock` — `{blockHeight}`; answers the node's `getblock` (verbose).

use serde_json::{Value, json};

use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let height = params
        .get("blockHeight")
        .and_then(Value::as_u64)
        .ok_or_else(|| NeoError::malformed("blockHeight must be a block index"))?;
    host.rpc("getblock", json!([height, true])).await
}
