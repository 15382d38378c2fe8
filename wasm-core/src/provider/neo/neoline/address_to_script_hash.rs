//! `AddressToScriptHash` — `{address}`; answers `{scriptHash}` (hex, no `0x`, display order).

use serde_json::{Value, json};

use crate::provider::neo::{NeoError, tx};

pub(super) fn handle(params: &Value) -> Result<Value, NeoError> {
    let hash = tx::parse_account(params.get("address"), "address")?;
    Ok(json!({"scriptHash": hash.to_neon_hex()}))
}
