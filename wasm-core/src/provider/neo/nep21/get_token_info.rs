//! `getTokenInfo(hash)` — `{symbol, decimals, totalSupply}` of a NEP-17 token, from the node.

use serde_json::{Value, json};

use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost, tx};

pub(super) async fn handle(hash: Option<&Value>, host: &impl NeoHost) -> Result<Value, NeoError> {
    let hash = tx::parse_hash(hash, "hash")?;
    let (symbol, decimals) = tx::token_info(host, &hash)
        .await
        .ok_or_else(|| NeoError::new(NeoErrorKind::RpcError, "the node did not describe this token"))?;
    let supply = host
        .rpc("invokefunction", json!([hash.to_string(), "totalSupply", []]))
        .await?;
    let total = supply
        .pointer("/stack/0/value")
        .and_then(Value::as_str)
        .unwrap_or("0")
        .to_owned();
    Ok(json!({"symbol": symbol, "decimals": decimals, "totalSupply": total}))
}
