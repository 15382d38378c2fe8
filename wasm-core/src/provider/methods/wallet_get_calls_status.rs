//! `wallet_getCallsStatus` — EIP-5792 v2.0.0: `[id]` → `{version, id, chainId, status,
//! atomic, receipts}` with status 100 (pending), 200 (confirmed), 400 (failed before the
//! chain), 500 (reverted), 600 (partly reverted); 5730 for an unknown id.
//! <https://eips.ethereum.org/EIPS/eip-5792>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::ProviderError;
use crate::chains::evm::eip5792::MAX_ID_LEN;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let Params::Positional(items) = params else {
        return Err(invalid_params("wallet_getCallsStatus takes [id]"));
    };
    match items.as_slice() {
        [Value::String(id)] if !id.is_empty() && id.len() <= MAX_ID_LEN => {
            Ok(Call::GetCallsStatus(id.clone()))
        }
        _ => Err(invalid_params(
            "wallet_getCallsStatus takes [id], the id wallet_sendCalls answered",
        )),
    }
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    id: &str,
) -> Result<Value, ProviderError> {
    host.calls_status(origin, id).await
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use serde_json::json;

    use super::*;
    use crate::provider::fake::FakeHost;

    #[test]
    fn takes_one_id() {
        assert!(matches!(
            validate(&Params::Positional(vec![json!("0xab")])),
            Ok(Call::GetCallsStatus(ref id)) if id == "0xab"
        ));
        for bad in [json!([]), json!([1]), json!([""]), json!(["a", "b"])] {
            let Value::Array(items) = bad else { unreachable!() };
            assert!(validate(&Params::Positional(items)).is_err());
        }
        let host = FakeHost::on_chain(1);
        let e = block_on(handle(&FakeHost::origin(), &host, "nope")).unwrap_err();
        assert_eq!(e.code.code(), 5730);
    }
}
