//! `getTransaction` — `{txid}`; answers the node's `getrawtransaction` (verbose).

use serde_json::{Value, json};

use super::txid;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let txid = txid(params)?;
    host.rpc("getrawtransaction", json!([txid, true])).await
}
