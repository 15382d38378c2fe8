//! `invoke(invocations, signers?, attributes?, options?)` (or the spec text's
//! `(invocations, signers?, suggestedSystemFee?)`) — fees from the node, the approval, then
//! signed and sent; answers the txid.

use serde_json::Value;

use super::{calls, require, tx_options};
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    invocations: Option<&Value>,
    signers: Option<&Value>,
    third: Option<&Value>,
    fourth: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let calls = calls(invocations)?;
    let options = tx_options(third, fourth)?;
    let account = require(origin, host).await?;
    let signers = tx::parse_signers(signers, &account)?;
    let answer = tx::invoke(origin, host, &account, &calls, signers, options).await?;
    Ok(answer.get("txid").cloned().unwrap_or(Value::Null))
}
