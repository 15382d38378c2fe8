//! `wallet_getPermissions` — EIP-2255: the origin's permissions (only `eth_accounts`).
//! <https://eips.ethereum.org/EIPS/eip-2255>

use serde_json::Value;

use super::{Call, Params, no_params, permission_json};
use crate::api::ProviderError;
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    no_params("wallet_getPermissions", params).map(|()| Call::WalletGetPermissions)
}

pub(in crate::provider) fn handle(origin: &Origin, host: &impl Host) -> Value {
    Value::Array(
        host.permission(origin)
            .iter()
            .map(|p| permission_json(origin.as_str(), p))
            .collect(),
    )
}
