//! `invokeRead` and `invokeReadMulti` — `{scriptHash, operation, args?, signers?}` /
//! `{invokeReadArgs: [{scriptHash, operation, args}], signers?}`; answer the node's
//! `invokefunction` / `invokescript` result (all calls in one script). Nothing is signed.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::invocations;
use crate::chains::neo::Signer;
use crate::provider::neo::tx::{self, Invocation};
use crate::provider::neo::{NeoError, NeoHost};

/// `invokeRead`.
pub(super) async fn handle(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let call = tx::parse_invocation(params, "params")?;
    let signers = read_signers(params.get("signers"))?;
    invoke_read(host, &call, &signers).await
}

/// `invokeReadMulti`.
pub(super) async fn handle_multi(params: &Value, host: &impl NeoHost) -> Result<Value, NeoError> {
    let calls = invocations(params.get("invokeReadArgs"), "invokeReadArgs")?;
    let signers = read_signers(params.get("signers"))?;
    let script = tx::script_of(&calls)?;
    host.rpc("invokescript", json!([STANDARD.encode(script), signers]))
        .await
}

/// Signers for a read: checked, then written as the node reads them.
fn read_signers(value: Option<&Value>) -> Result<Value, NeoError> {
    match value {
        None | Some(Value::Null) => Ok(json!([])),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                Signer::from_json(item, &format!("signers[{i}]"))
                    .map(|s| s.to_json())
                    .map_err(|e| NeoError::malformed(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Some(_) => Err(NeoError::malformed("signers must be an array")),
    }
}

async fn invoke_read(host: &impl NeoHost, call: &Invocation, signers: &Value) -> Result<Value, NeoError> {
    let args: Vec<Value> = call
        .args
        .iter()
        .map(crate::chains::neo::ContractParameter::to_json)
        .collect();
    host.rpc(
        "invokefunction",
        json!([call.contract.to_string(), call.method, args, signers]),
    )
    .await
}
