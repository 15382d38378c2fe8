//! `eth_requestAccounts` — EIP-1102: connect the origin (after unlocking, with the user's
//! approval) and answer its accounts. <https://eips.ethereum.org/EIPS/eip-1102>

use serde_json::Value;

use super::{Call, Params, addresses, no_params};
use crate::api::ProviderError;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("eth_requestAccounts", params).map(|()| Call::EthRequestAccounts)
}

pub(in crate::provider) async fn handle(origin: &Origin, host: &impl Host) -> Result<Value, ProviderError> {
    Ok(addresses(&host.request_accounts(origin).await?))
}
