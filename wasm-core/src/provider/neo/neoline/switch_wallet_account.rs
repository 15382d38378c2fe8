//! `switchWalletAccount` — no params; answers `{address, label}` of the account the user
//! picked, or `null` when the same one was kept.

use serde_json::Value;

use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    // As NeoLine: the account picked, or `null` when the user kept the same one.
    Ok(host
        .switch_account(origin)
        .await?
        .map_or(Value::Null, |a| a.to_json()))
}
