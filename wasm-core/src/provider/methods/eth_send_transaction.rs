//! `eth_sendTransaction` — `[transactionRequest]`: completed by the wallet (nonce, gas, fees),
//! approved by the user, signed and broadcast; answers the hash.
//! <https://ethereum.github.io/execution-apis/api-documentation/>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::ProviderError;
use crate::chains::evm::TransactionRequest;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let shape = || invalid_params("eth_sendTransaction takes [transaction]");
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    let [request @ Value::Object(_)] = items.as_slice() else {
        return Err(shape());
    };
    let request =
        TransactionRequest::from_value(request).map_err(|e| invalid_params(format!("transaction: {e}")))?;
    if request.from.is_none() {
        return Err(invalid_params("transaction: from is required"));
    }
    Ok(Call::SendTransaction(Box::new(request)))
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    request: TransactionRequest,
) -> Result<Value, ProviderError> {
    Ok(Value::String(host.send_transaction(origin, request).await?))
}
