//! `eth_accounts` — the accounts the origin may see: none while locked or not connected.
//! <https://eips.ethereum.org/EIPS/eip-1474>

use serde_json::Value;

use super::{Call, Params, addresses, no_params};
use crate::api::ProviderError;
use crate::chains::evm::Address;

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("eth_accounts", params).map(|()| Call::EthAccounts)
}

pub(in crate::provider) fn handle(accounts: &[Address]) -> Value {
    addresses(accounts)
}
