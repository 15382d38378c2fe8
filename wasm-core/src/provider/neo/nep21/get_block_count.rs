//! `getBlockCount()` — the node's `getblockcount`.

use serde_json::{Value, json};

use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(host: &impl NeoHost) -> Result<Value, NeoError> {
    host.rpc("getblockcount", json!([])).await
}
