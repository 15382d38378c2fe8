//! `ScriptHashToAddress` — `{scriptHash}`; answers `{address}`.

use serde_json::{Value, json};

use crate::chains::neo::Address;
use crate::provider::neo::{NeoError, tx};

pub(super) fn handle(params: &Value) -> Result<Value, NeoError> {
    let hash = tx::parse_hash(params.get("scriptHash"), "scriptHash")?;
    Ok(json!({"address": Address::from_script_hash(hash).to_string()}))
}
