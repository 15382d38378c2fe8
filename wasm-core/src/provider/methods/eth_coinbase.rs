//! `eth_coinbase` — the first account the origin may see, or `null`.

use serde_json::Value;

use super::{Call, Params, no_params};
use crate::api::ProviderError;
use crate::chains::evm::Address;

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("eth_coinbase", params).map(|()| Call::EthCoinbase)
}

pub(in crate::provider) fn handle(accounts: &[Address]) -> Value {
    accounts
        .first()
        .map_or(Value::Null, |a| Value::String(a.to_string()))
}
