//! `getApplicationLog` — `{txid}`; answers the node's `getapplicationlog`.

use serde_json::{Value, json};

use super::txid;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let txid = txid(params)?;
    host.rpc("getapplicationlog", json!([txid])).await
}
