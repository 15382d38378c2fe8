//! `wallet_sendCalls` — EIP-5792 v2.0.0: `[{version, chainId, atomicRequired, calls, from?,
//! id?, capabilities?}]`. One approval lists every call, decoded; the calls are then sent as
//! separate transactions in order; answers `{id}`. Atomic execution is not offered (5760).
//! <https://eips.ethereum.org/EIPS/eip-5792>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::{ProviderError, ProviderErrorCode};
use crate::chains::evm::eip5792::SendCalls;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let Params::Positional(items) = params else {
        return Err(invalid_params(
            "wallet_sendCalls takes [{ version, chainId, atomicRequired, calls }]",
        ));
    };
    let [param] = items.as_slice() else {
        return Err(invalid_params("wallet_sendCalls takes exactly one object"));
    };
    let batch = SendCalls::from_value(param).map_err(|e| {
        ProviderError::new(
            ProviderErrorCode::from(e.code()),
            format!("wallet_sendCalls: {e}"),
        )
    })?;
    Ok(Call::SendCalls(Box::new(batch)))
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    batch: SendCalls,
) -> Result<Value, ProviderError> {
    host.send_calls(origin, batch).await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn codes_of_refused_batches() {
        let batch = |calls: Value, caps: Value| {
            Params::Positional(vec![json!({
                "version": "2.0.0", "chainId": "0x1", "atomicRequired": false, "calls": calls, "capabilities": caps
            })])
        };
        let to = json!({"to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"});
        assert!(matches!(
            validate(&batch(json!([to.clone()]), json!({}))),
            Ok(Call::SendCalls(_))
        ));
        let code = |p: Params| validate(&p).map(|_| ()).unwrap_err().code.code();
        assert_eq!(code(batch(json!([]), json!({}))), -32602);
        assert_eq!(code(batch(json!(vec![to.clone(); 17]), json!({}))), 5740);
        assert_eq!(code(batch(json!([to]), json!({"paymasterService": {}}))), 5700);
        assert_eq!(code(Params::Positional(vec![])), -32602);
    }
}
