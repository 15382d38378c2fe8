//! `switchWalletNetwork` — `{chainId}` (3 MainNet, 6 TestNet, 0 a private network); answers
//! `true` once switched (after the approval), `null` when the wallet is already there.

use serde_json::Value;

use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(params: &Value, origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let chain_id = params
        .get("chainId")
        .and_then(Value::as_u64)
        .and_then(|c| u32::try_from(c).ok())
        .ok_or_else(|| {
            NeoError::malformed(
                "chainId must be a NeoLine chain id (3 MainNet, 6 TestNet, 0 a private network)",
            )
        })?;
    // As NeoLine: `true` once switched, `null` when already there.
    let switched = host.switch_network(origin, chain_id).await?;
    Ok(if switched { Value::Bool(true) } else { Value::Null })
}
