//! `getTransaction(txid)` and `getApplicationLog(txid)` — the node's `getrawtransaction`
//! (verbose) and `getapplicationlog`.

use serde_json::{Value, json};

use crate::chains::neo::UInt256;
use crate::provider::neo::{NeoError, NeoHost};

fn txid(value: Option<&Value>) -> Result<UInt256, NeoError> {
    value
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<UInt256>().ok())
        .ok_or_else(|| NeoError::malformed("txid must be a transaction hash"))
}

/// `getTransaction`.
pub(super) async fn handle(txid_arg: Option<&Value>, host: &impl NeoHost) -> Result<Value, NeoError> {
    let txid = txid(txid_arg)?;
    host.rpc("getrawtransaction", json!([txid.to_string(), true]))
        .await
}

/// `getApplicationLog`.
pub(super) async fn handle_application_log(
    txid_arg: Option<&Value>,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let txid = txid(txid_arg)?;
    host.rpc("getapplicationlog", json!([txid.to_string()])).await
}
