//! `wallet_requestPermissions` — EIP-2255, for `eth_accounts`: the same prompt as
//! `eth_requestAccounts`, answered with the permission granted.
//! <https://eips.ethereum.org/EIPS/eip-2255>

use serde_json::Value;

use super::{Call, Params, eth_accounts_permission, permission_json};
use crate::api::{ProviderError, ProviderErrorCode};
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    eth_accounts_permission("wallet_requestPermissions", params).map(|()| Call::WalletRequestPermissions)
}

pub(in crate::provider) async fn handle(origin: &Origin, host: &impl Host) -> Result<Value, ProviderError> {
    host.request_accounts(origin).await?;
    let permission = host
        .permission(origin)
        .ok_or_else(|| ProviderError::new(ProviderErrorCode::Internal, "the permission was not kept"))?;
    Ok(Value::Array(vec![permission_json(origin.as_str(), &permission)]))
}
